"""attrs's generated methods compiled once and kept between the server's starts
(``specls.lsp.codecache``): taken back when they check out, compiled again when not, and
never a reason for an import to fail."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import attr
import attrs
import pytest

from specls.lsp import codecache
from specls.lsp.codecache import kept


@pytest.fixture(autouse=True)
def _bytecode_written(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", False)  # (as Python does by default)


def make_classes() -> tuple[type, type]:
    """Two attrs classes, made anew at each call (their methods compiled each time)."""

    @attrs.define
    class Point:
        x: int
        y: int = 0

    @attrs.frozen
    class Label:
        text: str
        points: list = attrs.field(factory=list)

    return Point, Label


def test_methods_compiled_once_are_taken_from_the_file_after(tmp_path: Path):
    where = tmp_path / "methods.attrs"
    with kept(where) as first:
        point, _ = make_classes()
    assert first.compiled > 0 and first.hits == 0 and first.written
    with kept(where) as second:
        point2, label2 = make_classes()
    assert second.compiled == 0 and second.hits == first.compiled
    assert not second.written  # (nothing new: the file is left as it is)
    # the methods from the file do what the compiled ones do
    assert point2(1) == point2(1, 0) and point2(1) != point2(2)
    assert repr(point2(3, 4)) == repr(point(3, 4)) == "Point(x=3, y=4)"
    assert label2("a").points == [] and label2("a") is not label2("a")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        label2("a").text = "b"  # type: ignore[misc]
    assert point2.__init__.__code__.co_filename == point.__init__.__code__.co_filename
    assert point2.__init__.__code__.co_code == point.__init__.__code__.co_code


@pytest.mark.parametrize(
    "spoil",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: data[:-1] + bytes([data[-1] ^ 1]),  # a byte changed
        lambda data: b"\x00" * 4 + data[4:],  # another kind of file
        lambda data: b"",
    ],
)
def test_a_file_that_does_not_check_out_is_compiled_again_and_rewritten(tmp_path: Path, spoil):
    where = tmp_path / "methods.attrs"
    with kept(where) as first:
        make_classes()
    where.write_bytes(spoil(where.read_bytes()))
    with kept(where) as again:
        point, _ = make_classes()
    assert again.hits == 0 and again.compiled == first.compiled and again.written
    assert point(1, 2) == point(1, 2)
    with kept(where) as after:
        make_classes()
    assert after.compiled == 0  # (the file written again is whole)


def test_a_file_holding_other_values_is_ignored(tmp_path: Path):
    import hashlib
    import marshal

    where = tmp_path / "methods.attrs"
    body = marshal.dumps({b"k": "not code", "key": compile("x = 1", "f", "exec")})
    digest = hashlib.blake2b(body, digest_size=32).digest()
    where.write_bytes(codecache._HEAD + digest + body)
    with kept(where) as got:
        point, _ = make_classes()
    assert got.hits == 0 and got.compiled > 0 and point(1) == point(1)


def test_nothing_is_written_where_python_is_told_not_to_write_bytecode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    where = tmp_path / "methods.attrs"
    with kept(where) as got:
        make_classes()
    assert got.compiled > 0 and not got.written and not where.exists()


def test_a_place_that_cannot_be_written_only_costs_the_compile(tmp_path: Path):
    (tmp_path / "file").write_text("a file, not a directory")
    where = tmp_path / "file" / "methods.attrs"
    with kept(where) as got:
        point, _ = make_classes()
    assert got.compiled > 0 and not got.written and point(1) == point(1)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]  # (no temporary left)


def test_an_attrs_whose_compile_step_changed_is_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    def other(source, namespace):  # (another signature than the one this was written for)
        raise AssertionError("not to be called")

    monkeypatch.setattr(attr._make, "_compile_and_eval", other)
    with kept(tmp_path / "methods.attrs") as got:
        assert attr._make._compile_and_eval is other
    assert got.hits == got.compiled == 0 and not (tmp_path / "methods.attrs").exists()


def test_the_compile_step_is_set_back_after_the_import(tmp_path: Path):
    before = attr._make._compile_and_eval
    with pytest.raises(ImportError), kept(tmp_path / "methods.attrs"):
        assert attr._make._compile_and_eval is not before
        raise ImportError("an import that fails")
    assert attr._make._compile_and_eval is before


#: lsprotocol's types imported under :func:`kept` in a fresh interpreter, as the server does.
IMPORT = """
from specls.lsp.codecache import kept, default_path
with kept() as got:
    import lsprotocol.types as lsp
assert lsp.Position(line=1, character=2) == lsp.Position(line=1, character=2)
print(got.compiled, got.hits, got.written, default_path())
"""


def _fresh(prefix: Path, code: str) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    done = subprocess.run(
        [sys.executable, "-X", f"pycache_prefix={prefix}", "-c", code],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_lsprotocols_methods_are_kept_beside_the_bytecode(tmp_path: Path):
    compiled, hits, written, path = _fresh(tmp_path, IMPORT)
    assert int(compiled) > 100 and hits == "0" and written == "True"
    assert Path(path).is_relative_to(tmp_path) and Path(path).is_file()  # (under the prefix)
    compiled, hits, written, _ = _fresh(tmp_path, IMPORT)
    assert compiled == "0" and int(hits) > 100 and written == "False"


def test_the_server_keeps_them_when_it_starts(tmp_path: Path):
    import test_lsp_stdio

    root = tmp_path / "ws"
    root.mkdir()
    (tmp_path / "in").write_bytes(b"".join(test_lsp_stdio.session(root)))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    prefix = tmp_path / "pycache"
    with open(tmp_path / "in", "rb") as stdin:
        done = subprocess.run(
            [sys.executable, "-X", f"pycache_prefix={prefix}", "-m", "specls", "serve"],
            stdin=stdin,
            capture_output=True,
            cwd=root,
            env=env,
            timeout=60,
        )
    assert test_lsp_stdio.responses(done.stdout)[1]["result"]["serverInfo"]["name"] == "specls"
    assert list(prefix.rglob("codecache.*.attrs"))
