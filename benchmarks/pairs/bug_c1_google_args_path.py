# expect: R101
# kind: flip, class: 1
# why: Google `Args: directory (str):` documents a str, but one method joins with `/` as if it were a Path.
import os


class Backup:
    """Copies of files kept under one directory."""

    def __init__(self, directory, keep=5):
        """Set up the backup store.

        Args:
            directory (str): where the copies are written.
            keep (int): how many copies of each file to keep.
        """
        self.directory = directory
        self.keep = keep

    def target(self, name, version):
        return os.path.join(self.directory, f"{name}.{version}")

    def versions(self, name):
        if not os.path.isdir(self.directory):
            return []
        return sorted(f for f in os.listdir(self.directory) if f.startswith(name + "."))

    def manifest(self):
        return self.directory / "MANIFEST"

    def prune(self, name):
        old = self.versions(name)[: -self.keep]
        for f in old:
            os.remove(os.path.join(self.directory, f))
        return old


# run: b = Backup("/tmp")
# run: b.manifest()
# raises: TypeError
# ruff: noqa: E501
