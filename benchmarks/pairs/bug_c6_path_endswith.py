# expect: R101
# kind: merge, class: 6
# why: `root` is a `pathlib.Path`, but the second writer uses str methods (`endswith`, `+`) on it.
from pathlib import Path


class SiteBuilder:
    def __init__(self, root):
        self.root = Path(root)
        self.pages = []

    def collect(self):
        self.pages = sorted(self.root.glob("**/*.md"))
        return len(self.pages)

    def output_for(self, page: Path):
        return self.root / "_site" / page.relative_to(self.root).with_suffix(".html")

    # second writer
    def url_for(self, name):
        base = self.root if self.root.endswith("/") else self.root + "/"
        return base + name


# run: b = SiteBuilder("/tmp"); b.output_for(Path("/tmp/a.md"))
# run: b.url_for("index.html")
# raises: AttributeError
