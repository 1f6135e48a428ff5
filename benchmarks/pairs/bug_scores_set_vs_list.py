# expect: R101
class Leaderboard:
    def __init__(self):
        self.players = set()

    def join(self, name):
        self.players.add(name)

    def top(self):
        self.players.sort()
        return self.players[:3]
