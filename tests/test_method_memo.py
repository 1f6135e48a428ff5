"""The methods an editor keeps of a class it extracts again (``specls.extract.classes.
MethodMemo``): a keystroke in one method of a class scans that method, and takes the others'
facts from the last extraction, their lines moved when text above them moved. Whatever the
edit, the facts equal a fresh extraction's."""

from __future__ import annotations

import pickle

import pytest

from specls.extract import ChunkCache, extract
from specls.extract import methods as method_scans
from specls.facts import open_classes

#: A module whose classes hold what a method's facts depend on besides its own text: private
#: names (the class's name), a builtin shadowed by the module, a decorator applied by hand,
#: an ``__init__`` documented by its class, a method the class body calls as a function, a
#: nested class and function, ``self`` passed on, attributes stored on other objects,
#: non-ASCII text before columns.
SOURCE = '''"""Módulo."""
from collections import deque


def helper(box):
    box.label = "é"  # a store on another object
    return box


class Ledger:
    """A ledger.

    Args:
        limit (int): the most entries.
    """

    def __init__(self, limit=10):
        self.limit = limit
        self.entries = []
        self.__secret = {}

    def add(self, amount: float) -> None:
        """Add an amount.

        Raises:
            ValueError: when negative.
        """
        if amount < 0:
            raise ValueError("négatif")
        self.entries.append(amount)
        self.__secret["n"] = len(self.entries)

    def total(self):
        return sum(self.entries)

    def last(self):
        if not self.entries:
            return None
        return self.entries[-1]

    def share(self):
        helper(self)
        return [e for e in self.entries if e > self.limit]

    def build(self):
        class Row:
            def __init__(self, value):
                self.value = value

        def inner():
            return self.total()

        return Row(inner())

    def static_sum(values):
        return sum(values)

    static_sum = staticmethod(static_sum)

    def called(items):
        return list(items)


class Queue:
    def __init__(self):
        self.items = deque()

    def push(self, item):
        self.items.append(item)

    def pop(self):
        return self.items.popleft()

    def peek(self):
        return self.items[0]
'''


def _whole(facts):
    """The facts with every body loaded, pickled and loaded again (so that they compare by
    value, whichever objects they share with the facts of an earlier edit)."""
    facts = pickle.loads(pickle.dumps(facts, protocol=5))
    open_classes(facts)
    _ = facts.function_facts
    return facts


def _edits(source: str) -> list[tuple[str, str]]:
    """(what, the source after it): edits of one method, of lines above others, and of the
    context the methods' facts depend on."""
    lines = source.splitlines(keepends=True)
    out = []
    for i, line in enumerate(lines):
        if line.startswith("        "):  # a line of a method body: one more above it
            out.append((f"a line before line {i + 1}", "".join([*lines[:i], line, *lines[i:]])))
    for old, new in [
        ("return sum(self.entries)", "return summ(self.entries)"),
        ("class Ledger:", "class Book:"),  # (its private names change)
        ("from collections import deque", "from collections import deque\nlist = tuple"),
        ("    static_sum = staticmethod(static_sum)\n", ""),
        ("    def called(items):", "    made = called([1])\n\n    def called(items):"),
        ("limit (int): the most entries.", "limit (str): the most entries."),
        ("        return self.items[0]", "        return self.items[0"),  # (a syntax error)
        ("    def total(self):", "    def total(self):  # é"),
    ]:
        assert old in source
        out.append((f"{old!r} -> {new!r}", source.replace(old, new, 1)))
    return out


@pytest.mark.parametrize("what, edited", _edits(SOURCE))
def test_a_class_extracted_again_has_the_facts_of_a_fresh_extraction(
    what: str, edited: str
) -> None:
    """Two edits in a row, each after the file was extracted with the methods kept by the
    one before: the first edit fills the memo, the second (back to the first content, or
    the edit again) takes methods from it; each extraction equals a fresh one."""
    chunks = ChunkCache()
    extract(SOURCE.encode(), "m.py", "m", None, chunks)
    for text in (edited, SOURCE, edited):
        kept = pickle.loads(pickle.dumps(chunks.methods, protocol=5))  # (as the hook keeps it)
        chunks.methods = kept
        data = text.encode()
        got = extract(data, "m.py", "m", None, chunks)
        assert _whole(got) == _whole(extract(data, "m.py", "m")), what


@pytest.fixture
def scanned(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The methods scanned (``MethodScan.run``), in order, from now on."""
    names: list[str] = []
    run = method_scans.MethodScan.run

    def counted(self: method_scans.MethodScan) -> None:
        names.append(self.method)
        run(self)

    monkeypatch.setattr(method_scans.MethodScan, "run", counted)
    return names


def test_a_keystroke_in_a_method_scans_that_method_alone(scanned: list[str]) -> None:
    """The second keystroke in ``Queue.peek`` scans ``peek`` (and ``Ledger``'s and
    ``Queue``'s other classes are not extracted at all): the methods of ``Queue`` come from
    the memo, and so does every method of a class after a line was added above them."""
    chunks = ChunkCache()
    extract(SOURCE.encode(), "m.py", "m", None, chunks)
    typed = SOURCE.replace("return self.items[0]", "return self.items[1]")
    extract(typed.encode(), "m.py", "m", None, chunks)  # (the first edit of the class)
    scanned.clear()
    extract(SOURCE.encode(), "m.py", "m", None, chunks)
    assert scanned == ["peek"]
    scanned.clear()
    moved = SOURCE.replace("    def push(self, item):", "\n    def push(self, item):")
    got = extract(moved.encode(), "m.py", "m", None, chunks)
    assert scanned == []  # (their lines moved: the facts kept, shifted)
    assert _whole(got) == _whole(extract(moved.encode(), "m.py", "m"))


def test_the_memo_holds_the_methods_of_the_file_as_it_is() -> None:
    """Methods of a class that is gone, or of a method's earlier text, are let go."""
    chunks = ChunkCache()
    extract(SOURCE.encode(), "m.py", "m", None, chunks)
    assert chunks.methods == {}  # (nothing kept from the first extraction)
    typed = SOURCE.replace("return self.items[0]", "return self.items[1]")
    extract(typed.encode(), "m.py", "m", None, chunks)
    assert len(chunks.methods) == 4  # (Queue's)
    extract(typed.replace("    def peek(self):", "    def first(self):").encode(), "m", "m",
            None, chunks)  # fmt: skip
    names = sorted(added[0].name for _, added in chunks.methods.values())
    assert names == ["__init__", "first", "pop", "push"]
    gone = typed.split("class Queue:")[0]  # (the module's names change: all read again)
    extract(gone.encode(), "m.py", "m", None, chunks)
    assert {key[2] for key in chunks.methods} == {"Ledger", "Row"}


def test_a_method_holding_a_syntax_error_is_scanned_again(scanned: list[str]) -> None:
    """A method with a syntax error may parse otherwise in another context (as a statement
    with one is never reused whole): it is scanned at each extraction, the same text or not."""
    broken = SOURCE.replace("return self.items.popleft()", "return self.items.popleft(")
    chunks = ChunkCache()
    extract(SOURCE.encode(), "m.py", "m", None, chunks)
    extract(broken.encode(), "m.py", "m", None, chunks)
    scanned.clear()
    typed = broken.replace("self.items.append(item)", "self.items.appendleft(item)")
    got = extract(typed.encode(), "m.py", "m", None, chunks)  # (another method typed in)
    assert "pop" in scanned
    assert _whole(got) == _whole(extract(typed.encode(), "m.py", "m"))
