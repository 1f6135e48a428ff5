# kind: merge, class: 4
# why: an unknown mapping used in many dict ways (get, setdefault, pop, items, update, item assignment) and nothing else.


class Phonebook:
    def __init__(self, entries):
        self.entries = entries

    def add(self, name, number):
        self.entries.setdefault(name, []).append(number)

    def numbers(self, name):
        return self.entries.get(name, [])

    def remove(self, name):
        return self.entries.pop(name, None)

    def merge(self, other):
        for name, numbers in other.items():
            for n in numbers:
                if n not in self.numbers(name):
                    self.add(name, n)

    def rename(self, old, new):
        self.entries[new] = self.entries.pop(old)

    def listing(self):
        return [f"{n}: {', '.join(v)}" for n, v in sorted(self.entries.items())]


# run: from collections import OrderedDict
# run: p = Phonebook(OrderedDict()); p.add("ann", "1"); p.merge({"ann": ["1", "2"], "bo": ["3"]}); p.rename("bo", "bob")
# run: assert p.listing() == ["ann: 1, 2", "bob: 3"] and p.remove("zed") is None
# ruff: noqa: E501
