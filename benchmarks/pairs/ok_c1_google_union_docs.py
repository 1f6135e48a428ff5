# kind: flip, class: 1
# why: `source (str or Path)` allows both, and the code normalises with os.fspath before using str methods.
import os


class Template:
    def __init__(self, source, variables=None):
        """A template read from a file.

        Args:
            source (str or Path): file holding the template text.
            variables (dict, optional): defaults for the placeholders.
        """
        self.source = source
        self.variables = dict(variables or {})

    def filename(self):
        return os.path.basename(os.fspath(self.source))

    def is_html(self):
        return os.fspath(self.source).endswith((".html", ".htm"))

    def render(self, **values):
        with open(self.source, encoding="utf-8") as f:
            text = f.read()
        merged = {**self.variables, **values}
        return text.format(**merged)


# run: open("/tmp/h19_t.html", "w").write("Hi {name}")
# run: from pathlib import Path
# run: t = Template(Path("/tmp/h19_t.html"), {"name": "x"}); assert t.is_html() and t.render() == "Hi x"
# run: assert Template("/tmp/h19_t.html").render(name="y") == "Hi y" and t.filename() == "h19_t.html"
# ruff: noqa: E501
