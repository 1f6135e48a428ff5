# expect: R104
class Gradebook:
    def __init__(self):
        self.records = []

    def add(self, student, grade):
        self.records.append((student, grade))

    def average(self):
        return sum(r["grade"] for r in self.records) / len(self.records)
