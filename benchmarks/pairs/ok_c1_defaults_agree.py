# kind: merge, class: 1
# why: `items=None` becomes a list and `limit=10` an int, and every use agrees: list methods, slicing, int comparisons and arithmetic.


class Playlist:
    def __init__(self, name, items=None, limit=10):
        self.name = name
        self.items = list(items or [])
        self.limit = limit

    def add(self, track):
        if len(self.items) >= self.limit:
            raise OverflowError(f"{self.name} holds at most {self.limit} tracks")
        self.items.append(track)

    def move(self, old, new):
        track = self.items.pop(old)
        self.items.insert(new, track)

    def top(self, n=3):
        return self.items[:n]

    def shuffle_in(self, tracks):
        room = self.limit - len(self.items)
        self.items.extend(tracks[:room])

    def replace_all(self, tracks):
        self.items[:] = tracks[: self.limit]


# run: p = Playlist("road", ["a", "b"], limit=4)
# run: p.add("c"); p.move(2, 0); p.shuffle_in(["x", "y", "z"]); assert p.top(2) == ["c", "a"] and len(p.items) == 4
# run: p.replace_all(["q"]); assert p.items == ["q"]
# ruff: noqa: E501
