# kind: merge, class: 4
# why: `self.items` is unknown, but only one strong use (`.items()`) is made; `len`, iteration, `in` and key indexing are all compatible with it.


class Config:
    def __init__(self, items):
        self.items = items

    def __len__(self):
        return len(self.items)

    def __contains__(self, key):
        return key in self.items

    def names(self):
        return sorted(name for name in self.items)

    def value(self, name):
        return self.items[name]

    def dump(self):
        return "\n".join(f"{k} = {v!r}" for k, v in sorted(self.items.items()))


# run: c = Config({"b": 2, "a": 1})
# run: assert len(c) == 2 and "a" in c and c.names() == ["a", "b"] and c.value("b") == 2 and c.dump() == "a = 1\nb = 2"
# ruff: noqa: E501
