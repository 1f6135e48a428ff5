# kind: flip, class: 2
# why: a property returns a fresh sorted list and callers slice it; the stored attribute is a dict used as a dict.


class Leaderboard:
    def __init__(self):
        self.scores = {}

    def record(self, player, points):
        self.scores[player] = max(points, self.scores.get(player, 0))

    @property
    def ranking(self):
        return sorted(self.scores.items(), key=lambda kv: (-kv[1], kv[0]))

    def top(self, n):
        return [name for name, _ in self.ranking[:n]]

    def rank_of(self, player):
        for i, (name, _) in enumerate(self.ranking, 1):
            if name == player:
                return i
        raise KeyError(player)


# run: b = Leaderboard(); b.record("a", 5); b.record("b", 9); b.record("a", 3)
# run: assert b.top(1) == ["b"] and b.rank_of("a") == 2
# ruff: noqa: E501
