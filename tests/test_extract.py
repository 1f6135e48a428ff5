"""Facts the extractor reads from code, at the edges its shortcuts must respect."""

from __future__ import annotations

from specls.extract import extract

SELF_USES = """
class C:
    def m(this, thisx):
        this.a = 1
        this .b = 2
        this\\
            .c = 3
        thisx.d = 4
        thisé = None
        thisé.e = 5
        this.f.g = 6
        x = this.h
        y = [this, thisx][0].i
"""


def test_uses_of_the_first_parameter_are_found_whatever_its_name_and_spacing() -> None:
    (cls,) = extract(SELF_USES.encode(), "c.py", "c").classes
    assert set(cls.writes) == {"a", "b", "c"}
    assert set(cls.reads) == {"f", "h"}


def test_a_file_that_ends_inside_a_use_of_self_is_read() -> None:
    for end in (b"this", b"this.", b"this.x", b"this.x ="):
        source = b"class C:\n    def m(this):\n        " + end
        (cls,) = extract(source, "c.py", "c").classes
        assert "m" in cls.methods


def test_extraction_in_several_threads_at_once_reads_each_file_right() -> None:
    """The extractor reads node texts from the file it is extracting: threads take turns."""
    import sys
    from concurrent.futures import ThreadPoolExecutor
    from pathlib import Path

    server = Path(__file__).parents[1] / "server" / "specls"
    files = [(p, p.read_bytes()) for p in sorted(server.glob("*.py"))[:8]]
    alone = [extract(data, str(p), p.stem) for p, data in files]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)  # switch threads as often as possible
    try:
        with ThreadPoolExecutor(4) as pool:
            together = list(pool.map(lambda f: extract(f[1], str(f[0]), f[0].stem), files * 2))
    finally:
        sys.setswitchinterval(interval)
    assert together == alone * 2


def test_parameters_and_signature_are_read_in_one_pass() -> None:
    source = b"""
class C:
    def m(self, a: int, /, b=1, *args: str, c, d: dict = None, **kw):
        '''Args:
            c (list[str]): documented.
        '''
    def broken(self, a b):
        pass
"""
    (cls,) = extract(source, "c.py", "c").classes
    m = cls.methods["m"]
    assert [(p.name, p.annotation, p.doc_type) for p in m.params] == [
        ("self", None, None),
        ("a", "int", None),
        ("b", None, None),
        ("c", None, "list[str]"),
        ("d", "dict", None),
    ]
    assert (m.params[1].line, m.params[1].col) == (2, 16)
    sig = m.signature
    assert sig is not None and sig.text() == "(self, a, /, b=..., *args, c, d=..., **kwargs)"
    assert sig.positional_only == 2
    assert cls.methods["broken"].signature is None  # a parameter it cannot read


REBINDS = """
class C:
    def m(self):
        self.own = 1

        def plain(other):
            self.closed = 2  # the method's self, from the closure

        def helper(self, x):
            self.theirs = x  # another object named self

        def typed(self: "D", *self_rest):
            self.typed = 3

        return plain, helper, typed
"""


def test_a_nested_function_that_takes_a_self_of_its_own_is_not_the_method() -> None:
    (cls,) = extract(REBINDS.encode(), "c.py", "c").classes
    assert set(cls.writes) == {"own", "closed"}


def test_self_passed_as_an_argument_is_found_at_each_place() -> None:
    from specls.extract.query import passed_at

    source = b"f(self, self)\ng( self )\nh(x,\n  self)\nk(myself, selfish)\nm(key=self)\nn(self.x)"
    starts = passed_at(source, b"self", 0, len(source))
    assert [source[s - 2 : s + 5] for s in starts] == [
        b"f(self,",
        b", self)",
        b"( self ",
        b"  self)",
    ]
    assert passed_at(source, b"self", 3, len(source))[0] == 8  # nothing before the start


def test_each_passing_of_self_to_one_call_is_a_fact() -> None:
    facts = extract(
        b"class Node:\n    def swap(self, table):\n        return table.get(self, self)\n",
        "node.py",
        "node",
    )
    passes = facts.classes[0].methods["swap"].passes_self
    assert [(callee, index) for callee, index, _ in passes] == [("table.get", 0), ("table.get", 1)]
