# kind: merge, class: 4
# why: the source is unknown but used only as a mapping (keys, values, get, item reads), the same way in both writers' methods.


class Report:
    def __init__(self, source):
        self.source = source

    def headers(self):
        return [str(k).title() for k in self.source]

    def total(self):
        return sum(v for v in self.source.values() if isinstance(v, (int, float)))

    def cell(self, key, default="-"):
        return self.source.get(key, default)

    def row(self, keys):
        return [self.source[k] for k in keys if k in self.source]


# run: import types
# run: r = Report(types.MappingProxyType({"a": 1, "b": 2.5, "c": "x"}))
# run: assert r.headers() == ["A", "B", "C"] and r.total() == 3.5 and r.cell("z") == "-" and r.row(["c", "a", "q"]) == ["x", 1]
# ruff: noqa: E501
