# expect: R101
# kind: merge, class: 1
# why: the NumPy docstring documents `counts : dict`, but the second writer appends observations to it like a list.


class Histogram:
    """Counts of values seen, bucketed.

    Parameters
    ----------
    width : float
        Width of a bucket.
    counts : dict
        Bucket index to number of values seen so far.
    """

    def __init__(self, width, counts):
        self.width = width
        self.counts = counts

    def bucket(self, value):
        return int(value // self.width)

    def frequency(self, value):
        return self.counts.get(self.bucket(value), 0)

    # second writer
    def observe(self, value):
        self.counts.append(self.bucket(value))

    def most_common(self):
        return max(self.counts, key=self.counts.count)


# run: h = Histogram(1.0, {})
# run: h.observe(2.5)
# raises: AttributeError
# ruff: noqa: E501
