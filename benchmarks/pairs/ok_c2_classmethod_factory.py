# kind: merge, class: 2
# why: a classmethod builds the instance and a helper returns a tuple that is unpacked, never indexed by key.


class Interval:
    def __init__(self, low, high):
        if low > high:
            raise ValueError("empty interval")
        self.low, self.high = low, high

    @classmethod
    def parse(cls, text):
        low, high = cls._bounds(text)
        return cls(low, high)

    @staticmethod
    def _bounds(text):
        left, right = text.strip("[]").split(",")
        return float(left), float(right)

    def width(self):
        return self.high - self.low

    def overlaps(self, other):
        return self.low <= other.high and other.low <= self.high


class Timeline:
    def __init__(self, spec):
        self.window = Interval.parse(spec)
        self.events = []

    def add(self, when, what):
        if self.window.low <= when <= self.window.high:
            self.events.append((when, what))

    def span(self):
        return self.window.width()


# run: t = Timeline("[0, 10]"); t.add(3, "x"); t.add(30, "y")
# run: assert t.span() == 10 and t.events == [(3, "x")] and t.window.overlaps(Interval(9, 12))
# ruff: noqa: E501
