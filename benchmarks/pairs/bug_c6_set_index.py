# expect: R101
# kind: merge, class: 6
# why: members are kept in a `set()`, but the second writer reads the first member by index and appends new ones.


class Club:
    def __init__(self, name):
        self.name = name
        self.members = set()

    def join(self, person):
        self.members.add(person)

    def leave(self, person):
        self.members.discard(person)

    def is_member(self, person):
        return person in self.members

    # second writer
    def founder(self):
        return self.members[0]

    def join_all(self, people):
        for p in people:
            self.members.append(p)


# run: c = Club("chess"); c.join("ann")
# run: c.founder()
# raises: TypeError
# ruff: noqa: E501
