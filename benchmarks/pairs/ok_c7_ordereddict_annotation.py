# kind: flip, class: 7
# why: an OrderedDict under a `dict` annotation is a dict; moving keys and popping the oldest item are OrderedDict methods it has.
from collections import OrderedDict


class RecentFiles:
    """Files opened lately.

    Attributes:
        files (dict): path to the time it was last opened.
    """

    def __init__(self, limit=3):
        self.limit = limit
        self.files: dict[str, float] = OrderedDict()

    def opened(self, path, when):
        self.files[path] = when
        self.files.move_to_end(path)
        while len(self.files) > self.limit:
            self.files.popitem(last=False)

    def latest(self):
        return next(reversed(self.files)) if self.files else None

    def listing(self):
        return [f"{p} @ {t:.0f}" for p, t in self.files.items()]


# run: r = RecentFiles(2); r.opened("a", 1); r.opened("b", 2); r.opened("a", 3); r.opened("c", 4)
# run: assert r.latest() == "c" and r.listing() == ["a @ 3", "c @ 4"]
# ruff: noqa: E501
