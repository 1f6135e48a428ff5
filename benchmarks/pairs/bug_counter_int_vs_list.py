# expect: R101
class Visits:
    def __init__(self):
        self.count = 0

    def hit(self):
        self.count += 1

    def log(self, when):
        self.count.append(when)
