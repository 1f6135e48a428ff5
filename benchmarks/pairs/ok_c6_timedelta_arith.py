# kind: merge, class: 6
# why: the interval is a timedelta and is only added to timedeltas, multiplied by numbers, compared with timedeltas and converted with total_seconds().
from datetime import datetime, timedelta


class Poller:
    def __init__(self, url, every_seconds=30):
        self.url = url
        self.interval = timedelta(seconds=every_seconds)
        self.last = None

    def due(self, now: datetime):
        return self.last is None or now - self.last >= self.interval

    def mark(self, now: datetime):
        self.last = now

    def back_off(self, cap=timedelta(minutes=10)):
        self.interval = min(self.interval * 2 + timedelta(seconds=5), cap)
        return self.interval.total_seconds()

    def next_at(self):
        return None if self.last is None else self.last + self.interval


# run: p = Poller("http://x", 10); assert p.back_off() == 25.0
# run: p.mark(datetime(2026, 1, 1)); assert p.next_at() == datetime(2026, 1, 1, 0, 0, 25) and not p.due(datetime(2026, 1, 1, 0, 0, 10))
# ruff: noqa: E501
