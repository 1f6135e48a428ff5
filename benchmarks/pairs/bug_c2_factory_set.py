# expect: R101
# kind: flip, class: 2
# why: `_load_seen` returns a set (a set comprehension), but one method indexes the stored value by position.


class Deduplicator:
    def __init__(self, lines):
        self.seen = self._load_seen(lines)
        self.dropped = 0

    @staticmethod
    def _load_seen(lines):
        return {line.strip().lower() for line in lines if line.strip()}

    def accept(self, line):
        key = line.strip().lower()
        if key in self.seen:
            self.dropped += 1
            return False
        self.seen.add(key)
        return True

    def oldest(self):
        return self.seen[0]

    def stats(self):
        return {"unique": len(self.seen), "dropped": self.dropped}


# run: d = Deduplicator(["a", "B"]); d.accept("b")
# run: d.oldest()
# raises: TypeError
# ruff: noqa: E501
