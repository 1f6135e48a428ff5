"""An attribute stored back from itself (``self.lines = self.lines[-n:]``, ``self.name =
self.name.strip()``, ``*done, self.buffer = self.buffer.split(sep)``) keeps the kind it had:
such a store is no unknown source that silences the other evidence (issue 19)."""

from __future__ import annotations

import pytest

from conftest import Check, codes

FIRES = {
    "a history cut by a slice of itself, written one past its end": (
        """
        class Undo:
            def __init__(self):
                self.history = []

            def forget_oldest(self):
                self.history = self.history[1:]

            def record(self, step):
                self.history[len(self.history) + 1] = step
        """,
        "past its end",
    ),
    "bytes partitioned, the rest stored back, then formatted": (
        """
        class Packet:
            def __init__(self, raw: bytes):
                self.payload = raw

            def take_header(self):
                head, _, self.payload = self.payload.partition(b";")
                return head

            def describe(self):
                return self.payload.format(size=3)
        """,
        "used as a str in `describe`",
    ),
    "a str stripped into itself, then decoded": (
        """
        class Name:
            def __init__(self):
                self.text = ""

            def tidy(self):
                self.text = self.text.strip().lower()
                self.text = self.text.replace("  ", " ")

            def raw(self):
                return self.text.decode()
        """,
        "used as bytes in `raw`",
    ),
    "a private list sliced into itself": (
        """
        class Queue:
            def __init__(self):
                self.__items = []

            def drop(self, n):
                self.__items = self.__items[n:]

            def index(self):
                return self.__items.keys()
        """,
        "used as a dict",
    ),
}


@pytest.mark.parametrize("name", sorted(FIRES))
def test_a_store_of_itself_keeps_the_kind(check: Check, name: str) -> None:
    code, needle = FIRES[name]
    found = check(code, select=["R101"])
    assert codes(found) == ["R101"], found
    assert needle in found[0].message, found[0].message


SILENT = {
    "consistent: a list trimmed and appended": """
        class LogBuffer:
            def __init__(self):
                self.lines = []

            def write(self, line):
                self.lines.append(line)
                self.lines = self.lines[-100:]

            def tail(self):
                return self.lines[-10:]
        """,
    "an item of itself is of another kind": """
        class Rows:
            def __init__(self):
                self.rows = []

            def unwrap(self):
                self.rows = self.rows[0]

            def names(self):
                return self.rows.keys()
        """,
    "a split not unpacked is a list, no longer a str": """
        class Words:
            def __init__(self):
                self.words = ""

            def parse(self):
                self.words = self.words.split()

            def add(self, w):
                self.words.append(w)
        """,
    "parts of another value": """
        class FrameReader:
            def __init__(self, source):
                self.buffer = b""
                self.source = source

            def frames(self):
                *done, self.buffer = self.source.split()
                return done

            def checksum(self):
                return sum(self.buffer.encode("utf-8"))
        """,
    "a slice of another attribute": """
        class Window:
            def __init__(self, data):
                self.view = []
                self.data = data

            def move(self, a, b):
                self.view = self.data[a:b]

            def first(self):
                return self.view.keys()
        """,
}


@pytest.mark.parametrize("name", sorted(SILENT))
def test_stores_that_are_not_of_itself_stay_unknown(check: Check, name: str) -> None:
    assert check(SILENT[name], select=["R101"]) == []


# -- a str divided by a str: only a `Path` takes `/ "name"` ----------------------------------

SLASH_FIRES = {
    "annotated": ("def __init__(self, directory: str):", ""),
    "documented in Google form": (
        "def __init__(self, directory):",
        '"""Args:\n                directory (str): where copies go.\n            """',
    ),
}


@pytest.mark.parametrize("name", sorted(SLASH_FIRES))
def test_a_str_joined_with_a_slash_fires_naming_a_path(check: Check, name: str) -> None:
    head, doc = SLASH_FIRES[name]
    found = check(
        f"""
        class Backup:
            {head}
                {doc}
                self.directory = directory

            def manifest(self):
                return self.directory / "MANIFEST"
        """,
        select=["R101"],
    )
    assert codes(found) == ["R101"], found
    assert "`Backup.directory` is used as a `Path` in `manifest`" in found[0].message
    assert 'combined with `/ "MANIFEST"` (a str)' in found[0].message


def test_slashes_that_a_kind_takes_stay_silent(check: Check) -> None:
    found = check(
        """
        from pathlib import Path


        class Ok:
            def __init__(self, root: Path, url, d: "str | Path", n: int, s: str):
                self.root = root
                self.url = make_url(url)
                self.base = Path(".")
                self.d = d
                self.n = n
                self.s = s

            def f(self, name):
                return (
                    self.root / "a",
                    self.url / "b",
                    self.base / "c",
                    self.d / "x",
                    self.n / 2,
                    "a" / self.s,
                    self.s / name,
                )
        """,
        select=["R101"],
    )
    assert found == []
