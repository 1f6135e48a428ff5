# expect: R101
# kind: merge, class: 6
# why: `interval` is a timedelta, but the second writer adds seconds to it as a number.
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

    # second writer
    def back_off(self):
        self.interval = self.interval + 5
        return self.interval.total_seconds()


# run: p = Poller("http://x"); p.due(datetime.now())
# run: p.back_off()
# raises: TypeError
