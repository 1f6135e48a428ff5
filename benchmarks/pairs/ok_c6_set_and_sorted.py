# kind: merge, class: 6
# why: members are a set; order is produced with `sorted()` into a new list before indexing, and frozenset snapshots are compared as sets.


class Club:
    def __init__(self, name, founders=()):
        self.name = name
        self.members = set(founders)
        self.history = []

    def join(self, person):
        self.members.add(person)
        self.history.append(("join", person))

    def leave(self, person):
        self.members.discard(person)

    def first_alphabetically(self):
        return sorted(self.members)[0]

    def snapshot(self):
        return frozenset(self.members)

    def changed_since(self, snap):
        return self.members ^ snap


# run: c = Club("chess", ["bo"]); s = c.snapshot(); c.join("ann"); c.leave("bo")
# run: assert c.first_alphabetically() == "ann" and c.changed_since(s) == {"ann", "bo"}
# ruff: noqa: E501
