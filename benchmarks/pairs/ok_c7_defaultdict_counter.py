# kind: merge, class: 7
# why: defaultdict and Counter values against `dict` annotations: they are dicts, iterated by key and by `.items()` correctly.
from collections import Counter, defaultdict


class WordIndex:
    def __init__(self):
        self.positions: dict[str, list[int]] = defaultdict(list)
        self.counts: dict[str, int] = Counter()

    def add(self, text):
        for i, word in enumerate(text.lower().split()):
            self.positions[word].append(i)
            self.counts[word] += 1

    def where(self, word):
        return self.positions.get(word.lower(), [])

    def vocabulary(self):
        return sorted(word for word in self.positions)

    def top(self, n=2):
        return [w for w, _ in sorted(self.counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


# run: w = WordIndex(); w.add("a b a c b a")
# run: assert w.where("A") == [0, 2, 5] and w.vocabulary() == ["a", "b", "c"] and w.top() == ["a", "b"]
# ruff: noqa: E501
