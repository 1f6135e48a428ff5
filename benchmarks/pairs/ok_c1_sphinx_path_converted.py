# kind: merge, class: 1
# why: the parameter is documented as a str and converted to a Path on assignment; every later use is a Path use.
import json
from pathlib import Path


class SettingsFile:
    def __init__(self, path, create=False):
        """Open the settings file.

        :param path: str, the file the settings live in.
        :param create: whether to write an empty file when none exists.
        """
        self.path = Path(path)
        self.values = {}
        self.create = create

    def get(self, key, default=None):
        return self.values.get(key, default)

    def set(self, key, value):
        self.values[key] = value

    def load(self):
        if not self.path.exists():
            if self.create:
                self.save()
            return
        self.values = json.loads(self.path.read_text())

    def save(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(self.values, indent=2))


# run: s = SettingsFile("/tmp/h19_ok_settings.json", create=True)
# run: s.set("a", 1); s.save(); s.load(); assert s.get("a") == 1
# ruff: noqa: E501
