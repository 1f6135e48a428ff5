# kind: merge, class: 6
# why: `root` is a Path and is used as one: `/`, `glob`, `relative_to`, `name`, and `str()`/`as_posix()` where text is needed.
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

    def url_for(self, name):
        return self.root.as_posix().rstrip("/") + "/" + name

    def title(self):
        return self.root.name or str(self.root)


# run: b = SiteBuilder("/tmp/site"); assert b.output_for(Path("/tmp/site/a/b.md")) == Path("/tmp/site/_site/a/b.html")
# run: assert b.url_for("i.html") == "/tmp/site/i.html" and b.title() == "site"
# ruff: noqa: E501
