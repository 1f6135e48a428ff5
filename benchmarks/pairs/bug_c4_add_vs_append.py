# expect: R101
# kind: flip, class: 4
# why: `self.tags` is passed in unknown; three methods use set operations on it and one appends to it.


class Article:
    def __init__(self, title, tags):
        self.title = title
        self.tags = tags

    def tag(self, name):
        self.tags.add(name.lower())

    def untag(self, name):
        self.tags.discard(name.lower())

    def shares_tags(self, other):
        return bool(self.tags & other.tags)

    def retag(self, names):
        for name in names:
            self.tags.append(name.lower())


# run: a = Article("x", {"py"}); a.tag("Go")
# run: a.retag(["rust"])
# raises: AttributeError
# ruff: noqa: E501
