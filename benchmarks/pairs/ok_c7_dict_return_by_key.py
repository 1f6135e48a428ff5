# kind: merge, class: 7
# why: `bounds` returns a dict and callers read it by key or unpack `.values()` of a known two-key dict.


class Series:
    def __init__(self, values):
        self.values = list(values)

    def bounds(self):
        return {"min": min(self.values), "max": max(self.values)}

    def describe(self):
        b = self.bounds()
        return f"{b['min']}..{b['max']}"

    def normalised(self):
        b = self.bounds()
        low, high = b["min"], b["max"]
        return [(v - low) / (high - low) for v in self.values]

    def span(self):
        low, high = self.bounds().values()
        return high - low


# run: s = Series([1, 2, 3]); assert s.describe() == "1..3" and s.normalised() == [0.0, 0.5, 1.0] and s.span() == 2
# ruff: noqa: E501
