# kind: merge, class: 6
# why: the datetime stays a datetime; its ISO text is produced with `.isoformat()` where text is needed and parsed back with `fromisoformat`.
from datetime import datetime, timedelta


class Ticket:
    def __init__(self, title, created=None):
        self.title = title
        self.created = created or datetime.now()

    def age(self, now=None):
        return (now or datetime.now()) - self.created

    def is_stale(self, days=14):
        return self.age() > timedelta(days=days)

    def created_day(self):
        return self.created.date().isoformat()

    def to_row(self):
        return {"title": self.title, "created": self.created.isoformat(timespec="seconds")}

    @classmethod
    def from_row(cls, row):
        return cls(row["title"], datetime.fromisoformat(row["created"]))

    def label(self):
        return f"[{self.created:%Y-%m-%d}] {self.title}"


# run: t = Ticket("x", datetime(2026, 1, 2, 3, 4, 5)); u = Ticket.from_row(t.to_row())
# run: assert u.created == t.created and t.label() == "[2026-01-02] x" and t.created_day() == "2026-01-02" and t.is_stale()
# ruff: noqa: E501
