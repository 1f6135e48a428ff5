# expect: R101
# kind: merge, class: 1
# why: the constructor documents `path` as a str (Sphinx, type as the first word) and stores it as given, while the loader calls Path methods on it.
import json


class SettingsFile:
    """Settings kept in a JSON file next to the application."""

    def __init__(self, path, create=False):
        """Open the settings file.

        :param path: str, the file the settings live in.
        :param create: whether to write an empty file when none exists.
        """
        self.path = path
        self.values = {}
        self.create = create

    def get(self, key, default=None):
        return self.values.get(key, default)

    def set(self, key, value):
        self.values[key] = value

    # second writer
    def load(self):
        if not self.path.exists():
            if self.create:
                self.save()
            return
        self.values = json.loads(self.path.read_text())

    def save(self):
        self.path.write_text(json.dumps(self.values, indent=2))


# run: s = SettingsFile("/tmp/h19_settings.json")
# run: s.load()
# raises: AttributeError
# ruff: noqa: E501
