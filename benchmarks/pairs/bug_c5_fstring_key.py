# expect: R101
# kind: flip, class: 5
# why: `buckets` is a list of lists indexed by hash, but one method writes a bucket under an f-string key.


class HashSet:
    def __init__(self, size=8):
        self.buckets = [[] for _ in range(size)]
        self.count = 0

    def _index(self, value):
        return hash(value) % len(self.buckets)

    def add(self, value):
        bucket = self.buckets[self._index(value)]
        if value not in bucket:
            bucket.append(value)
            self.count += 1

    def __contains__(self, value):
        return value in self.buckets[self._index(value)]

    def label_bucket(self, i, values):
        self.buckets[f"b{i}"] = list(values)


# run: s = HashSet(); s.add(3)
# run: s.label_bucket(0, [1])
# raises: TypeError
# ruff: noqa: E501
