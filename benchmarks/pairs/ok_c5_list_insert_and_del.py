# kind: flip, class: 5
# why: a sorted list is kept with bisect.insort, `del` by position and writes at positions found by bisect, all in range.
import bisect


class SortedScores:
    def __init__(self):
        self.scores = []

    def add(self, score):
        bisect.insort(self.scores, score)

    def remove(self, score):
        i = bisect.bisect_left(self.scores, score)
        if i < len(self.scores) and self.scores[i] == score:
            del self.scores[i]

    def cap(self, limit):
        i = bisect.bisect_right(self.scores, limit)
        for j in range(i, len(self.scores)):
            self.scores[j] = limit

    def median(self):
        n = len(self.scores)
        return self.scores[n // 2] if n % 2 else (self.scores[n // 2 - 1] + self.scores[n // 2]) / 2


# run: s = SortedScores()
# run: for v in (5, 1, 9, 3): s.add(v)
# run: s.remove(3); s.cap(6); assert s.scores == [1, 5, 6] and s.median() == 5
# ruff: noqa: E501
