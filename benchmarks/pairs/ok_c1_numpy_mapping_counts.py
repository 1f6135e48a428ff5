# kind: merge, class: 1
# why: the NumPy docstring says `counts : dict` and both writers use get/item assignment/items on it; a Counter passed in is a dict too.
from collections import Counter


class Histogram:
    """Counts of values seen, bucketed.

    Parameters
    ----------
    width : float
        Width of a bucket.
    counts : dict, optional
        Bucket index to number of values seen so far.
    """

    def __init__(self, width, counts=None):
        self.width = width
        self.counts = counts if counts is not None else Counter()

    def bucket(self, value):
        return int(value // self.width)

    def frequency(self, value):
        return self.counts.get(self.bucket(value), 0)

    def observe(self, value):
        b = self.bucket(value)
        self.counts[b] = self.counts.get(b, 0) + 1

    def most_common(self):
        return max(self.counts.items(), key=lambda kv: kv[1])[0] if self.counts else None


# run: h = Histogram(1.0)
# run: h.observe(2.5); h.observe(2.1); h.observe(7.0); assert h.most_common() == 2 and h.frequency(2.9) == 2
# run: h2 = Histogram(2.0, {1: 3}); h2.observe(3.0); assert h2.frequency(3.5) == 4
# ruff: noqa: E501
