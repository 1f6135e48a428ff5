# kind: flip, class: 1
# why: `directory (str)` is used only with os.path functions and str methods, which is what a str supports.
import os


class Backup:
    def __init__(self, directory, keep=5):
        """Set up the backup store.

        Args:
            directory (str): where the copies are written.
            keep (int): how many copies of each file to keep.
        """
        self.directory = directory.rstrip("/") or "/"
        self.keep = keep

    def target(self, name, version):
        return os.path.join(self.directory, f"{name}.{version}")

    def versions(self, name):
        if not os.path.isdir(self.directory):
            return []
        return sorted(f for f in os.listdir(self.directory) if f.startswith(name + "."))

    def manifest(self):
        return os.path.join(self.directory, "MANIFEST")

    def describe(self):
        return "backups in " + self.directory + f" (keeping {self.keep})"

    def prune(self, name):
        old = self.versions(name)[: -self.keep]
        for f in old:
            os.remove(os.path.join(self.directory, f))
        return old


# run: b = Backup("/tmp/")
# run: assert b.manifest() == "/tmp/MANIFEST" and b.describe().startswith("backups in /tmp")
# ruff: noqa: E501
