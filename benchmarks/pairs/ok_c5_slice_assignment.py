# kind: merge, class: 5
# why: list slice assignment (`[:]`, `[i:j]`, `[len:]`) replaces or extends the list; none of it is item assignment with a bad key.


class Selection:
    def __init__(self, items):
        self._list = list(items)

    def replace_all(self, new):
        self._list[:] = new

    def replace_range(self, start, stop, new):
        self._list[start:stop] = new

    def extend_end(self, more):
        self._list[len(self._list) :] = more

    def drop_head(self, n):
        del self._list[:n]

    def items(self):
        return list(self._list)


# run: s = Selection("abc"); s.extend_end(["d"]); s.replace_range(0, 2, ["x"]); s.drop_head(1)
# run: assert s.items() == ["c", "d"]; s.replace_all([1]); assert s.items() == [1]
# ruff: noqa: E501
