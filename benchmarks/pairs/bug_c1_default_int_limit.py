# expect: R101
# kind: flip, class: 1
# why: `limit=10` is an int, but one method stores a per-user limit in it under the user's name as if it were a dict.
import time


class RateLimiter:
    def __init__(self, limit=10, window=60.0):
        self.limit = limit
        self.window = window
        self.hits = {}

    def _recent(self, user, now):
        return [t for t in self.hits.get(user, []) if now - t < self.window]

    def allow(self, user, now=None):
        now = time.monotonic() if now is None else now
        recent = self._recent(user, now)
        if len(recent) >= self.limit:
            return False
        self.hits[user] = [*recent, now]
        return True

    def raise_limit(self, user: str, extra: int):
        self.limit[user] = self.limit + extra

    def remaining(self, user, now):
        return self.limit - len(self._recent(user, now))


# run: r = RateLimiter()
# run: r.allow("ann", now=1.0)
# run: r.raise_limit("admin", 5)
# raises: TypeError
# ruff: noqa: E501
