# kind: flip, class: 2
# why: `_read_cache` returns a list or None and every use guards the None before using list methods.
import json
import os


class FeedReader:
    def __init__(self, cache_path):
        self.cache_path = cache_path
        self.entries = self._read_cache() or []

    def _read_cache(self):
        if not os.path.exists(self.cache_path):
            return None
        with open(self.cache_path, encoding="utf-8") as f:
            data = json.load(f)
        return [e for e in data if "title" in e]

    def add(self, title, link):
        self.entries.append({"title": title, "link": link})

    def titles(self):
        return [e["title"] for e in self.entries]

    def save(self):
        with open(self.cache_path, "w", encoding="utf-8") as f:
            json.dump(self.entries[-100:], f)


# run: import os; p = "/tmp/h19_feed.json"; os.path.exists(p) and os.remove(p)
# run: r = FeedReader(p); r.add("a", "x"); r.save(); assert FeedReader(p).titles() == ["a"]
