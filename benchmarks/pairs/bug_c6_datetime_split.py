# expect: R101
# kind: merge, class: 6
# why: `created` is a datetime (`datetime.now()`), but the second writer splits it like an ISO string.
from datetime import datetime, timedelta


class Ticket:
    def __init__(self, title):
        self.title = title
        self.created = datetime.now()
        self.closed = None

    def age(self, now=None):
        return (now or datetime.now()) - self.created

    def is_stale(self, days=14):
        return self.closed is None and self.age() > timedelta(days=days)

    # second writer
    def created_day(self):
        return self.created.split("T")[0]

    def label(self):
        return f"[{self.created_day()}] {self.title}"


# run: t = Ticket("printer on fire"); t.is_stale()
# run: t.label()
# raises: AttributeError
# ruff: noqa: E501
