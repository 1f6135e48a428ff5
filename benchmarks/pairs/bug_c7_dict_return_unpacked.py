# expect: R107
# kind: merge, class: 7
# why: `bounds` returns a dict with three keys, but the second writer unpacks it as a `(low, high)` pair.


class Series:
    def __init__(self, values):
        self.values = list(values)

    def bounds(self):
        return {
            "min": min(self.values),
            "max": max(self.values),
            "mean": sum(self.values) / len(self.values),
        }

    def describe(self):
        b = self.bounds()
        return f"{b['min']}..{b['max']} (mean {b['mean']:.1f})"

    # second writer
    def normalised(self):
        low, high = self.bounds()
        return [(v - low) / (high - low) for v in self.values]


# run: s = Series([1, 2, 3]); s.describe()
# run: s.normalised()
# raises: ValueError
# ruff: noqa: E501
