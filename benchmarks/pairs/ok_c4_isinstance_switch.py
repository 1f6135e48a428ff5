# kind: merge, class: 4
# why: the payload may be a mapping or a sequence and every strong use is guarded by an isinstance check, which is deliberate.
from collections.abc import Mapping


class Payload:
    def __init__(self, data):
        self.data = data

    def fields(self):
        if isinstance(self.data, Mapping):
            return sorted(self.data.keys())
        return [str(i) for i in range(len(self.data))]

    def get(self, field):
        if isinstance(self.data, Mapping):
            return self.data.get(field)
        return self.data[int(field)]

    def head(self, n):
        if isinstance(self.data, Mapping):
            return dict(list(self.data.items())[:n])
        return self.data[:n]


# run: assert Payload({"b": 1, "a": 2}).fields() == ["a", "b"] and Payload([5, 6]).get("1") == 6
# run: assert Payload([1, 2, 3]).head(2) == [1, 2] and Payload({"a": 1}).head(1) == {"a": 1}
# ruff: noqa: E501
