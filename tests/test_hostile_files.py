"""Files a hostile checkout can hold: each is skipped with a note, nothing blocks or fills
memory, and the rest of the workspace is still checked."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from specls import discovery
from specls.discovery import read_source

CONFLICT = """\
class Inventory:
    def __init__(self):
        self.items = {}

    def add(self, sku, qty):
        self.items[sku] = self.items.get(sku, 0) + qty

    def remove(self, sku):
        self.items = [(s, q) for s, q in self.items if s != sku]
"""


def _check(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "specls", "check", ".", "--no-cache", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_called_x_py_does_not_block(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "x.py")
    (tmp_path / "inventory.py").write_text(CONFLICT)
    r = _check(tmp_path)
    assert r.returncode == 1, r.stderr
    assert "x.py: skipped: not a regular file" in r.stderr
    assert "R101" in r.stdout


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_link_to_the_zero_device_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "zero.py").symlink_to("/dev/zero")
    (tmp_path / "inventory.py").write_text(CONFLICT)
    r = _check(tmp_path)
    assert r.returncode == 1, r.stderr
    assert "zero.py: skipped: not a regular file" in r.stderr


def test_the_size_is_checked_before_reading(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(discovery, "MAX_BYTES", 1000)
    big = tmp_path / "big.py"
    with big.open("wb") as f:
        f.truncate(10**9)  # a sparse gigabyte: reading it would take the memory
    reads = []
    real_read = os.read
    monkeypatch.setattr(discovery.os, "read", lambda fd, n: reads.append(n) or real_read(fd, n))
    source = read_source(big)
    assert source.data is None and "larger than" in (source.note or "")
    assert not reads


def test_a_file_that_grows_while_read_is_not_read_past_the_limit(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(discovery, "MAX_BYTES", 1000)
    path = tmp_path / "grows.py"
    path.write_text("x = 1\n")
    real_fstat = os.fstat

    def fstat(fd: int) -> os.stat_result:  # it was small when looked at ...
        result = real_fstat(fd)
        with path.open("ab") as f:  # ... and grows before it is read
            f.write(b"#" * 5000)
        return result

    monkeypatch.setattr(discovery.os, "fstat", fstat)
    source = read_source(path)
    assert source.data is None and "larger than" in (source.note or "")


def test_a_lone_carriage_return_is_a_line_break(tmp_path: Path) -> None:
    """Python and editors read a lone \\r as a line break; tree-sitter does not: the
    source is read with it made \\n (same length), so findings land on the editor's lines."""
    (tmp_path / "inventory.py").write_bytes(CONFLICT.replace("\n", "\r").encode())
    r = _check(tmp_path)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "inventory.py:9:9: R101" in r.stdout


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses names that are not UTF-8")
def test_a_file_name_that_is_not_utf8_is_checked(tmp_path: Path) -> None:
    name = os.fsdecode(b"bad\xff.py")
    (tmp_path / name).write_text(CONFLICT)
    for _ in range(2):  # cold, then with the cache
        r = subprocess.run(
            [sys.executable, "-m", "specls", "check", "."],
            cwd=tmp_path,
            capture_output=True,
            timeout=60,
        )
        assert r.returncode == 1, r.stderr
        assert b"R101" in r.stdout and b"Traceback" not in r.stderr
