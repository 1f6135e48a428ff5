# kind: merge, class: 1
# why: `:type log_dir: pathlib.Path` and `:param str prefix:` agree with every use: Path operations on one, str methods on the other.


class RotatingLog:
    def __init__(self, log_dir, prefix="app", keep=3):
        """Write log files that rotate by count.

        :param log_dir: directory holding the logs.
        :type log_dir: pathlib.Path
        :param str prefix: start of every log file's name.
        :param int keep: number of old files to keep.
        """
        self.log_dir = log_dir
        self.prefix = prefix
        self.keep = keep

    def files(self):
        return sorted(self.log_dir.glob(f"{self.prefix}.*.log"))

    def current(self):
        return self.log_dir / f"{self.prefix.lower()}.0.log"

    def rotate(self):
        self.log_dir.mkdir(parents=True, exist_ok=True)
        for old in self.files()[self.keep :]:
            old.unlink()
        return len(self.files())

    def is_ours(self, name):
        return name.startswith(self.prefix + ".") and name.endswith(".log")


# run: from pathlib import Path
# run: r = RotatingLog(Path("/tmp/h19_logs"), "App"); assert r.rotate() >= 0 and r.current().name == "app.0.log" and r.is_ours("App.1.log")
# ruff: noqa: E501
