# expect: R101
# kind: merge, class: 4
# why: the rows come from an unknown source; one writer reads `.keys()` off them, the other sorts them in place, which no single built-in value allows.


class Table:
    def __init__(self, source):
        self.rows = source.fetch()

    def columns(self):
        return list(self.rows.keys())

    def column(self, name):
        return self.rows[name]

    # second writer
    def sort_by(self, key):
        self.rows.sort(key=lambda row: row[key])
        return self.rows

    def first(self):
        return self.rows[0]


# run: class Src:
# run:     def fetch(self): return {"id": [1, 2], "name": ["a", "b"]}
# run: t = Table(Src()); t.columns()
# run: t.sort_by("id")
# raises: AttributeError
# ruff: noqa: E501
