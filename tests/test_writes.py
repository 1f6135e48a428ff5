"""Writes to the workspace: confined to it, locked, all or nothing, never over a change."""

from __future__ import annotations

import fcntl
import os
import threading
from pathlib import Path

import pytest

from specls import writes
from specls.writes import Planned, WriteError, digest, write_file, write_files


def _plan(path: Path, new: str) -> Planned:
    return Planned(path, new.encode(), digest(path.read_bytes()) if path.exists() else None)


def test_a_link_out_of_the_workspace_is_refused(tmp_path: Path) -> None:
    ws, outside = tmp_path / "ws", tmp_path / "outside.py"
    ws.mkdir()
    outside.write_text("secret = 1\n")
    (ws / "a.py").symlink_to(outside)
    with pytest.raises(WriteError, match="outside the workspace"):
        write_files([_plan(ws / "a.py", "x = 1\n")], ws)
    assert outside.read_text() == "secret = 1\n"
    assert (ws / "a.py").is_symlink()


def test_a_path_outside_is_refused_unless_the_user_named_it(tmp_path: Path) -> None:
    ws, outside = tmp_path / "ws", tmp_path / "spec.toml"
    ws.mkdir()
    outside.write_text("[spec]\n")
    with pytest.raises(WriteError):
        write_file(ws / ".." / "spec.toml", "x", digest(outside.read_bytes()), ws)
    write_file(outside, "x", digest(outside.read_bytes()), ws, frozenset({outside}))
    assert outside.read_text() == "x"


def test_a_link_inside_the_workspace_writes_its_target(tmp_path: Path) -> None:
    (tmp_path / "real.py").write_text("a = 1\n")
    (tmp_path / "link.py").symlink_to(tmp_path / "real.py")
    write_files([_plan(tmp_path / "link.py", "b = 2\n")], tmp_path)
    assert (tmp_path / "link.py").is_symlink()
    assert (tmp_path / "real.py").read_text() == "b = 2\n"


def test_all_or_nothing_when_one_file_changed(tmp_path: Path) -> None:
    a, b = tmp_path / "a.py", tmp_path / "b.py"
    a.write_text("a\n")
    b.write_text("b\n")
    plan = [_plan(a, "A\n"), _plan(b, "B\n")]
    b.write_text("b edited\n")
    with pytest.raises(WriteError, match="changed since it was read"):
        write_files(plan, tmp_path)
    assert a.read_text() == "a\n" and b.read_text() == "b edited\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.py", "b.py"]  # no temp left


def test_a_failure_midway_puts_back_what_was_written(tmp_path: Path, monkeypatch) -> None:
    a, b = tmp_path / "a.py", tmp_path / "b.py"
    a.write_text("a\n")
    b.write_text("b\n")
    real_swap = writes._swap

    def failing(real: Path, tmp: Path, expected: str | None) -> bool:
        if real.name == "b.py":
            raise OSError("disk full")
        return real_swap(real, tmp, expected)

    monkeypatch.setattr(writes, "_swap", failing)
    with pytest.raises(OSError):
        write_files([_plan(a, "A\n"), _plan(b, "B\n")], tmp_path)
    assert a.read_text() == "a\n" and b.read_text() == "b\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.py", "b.py"]


def test_a_write_between_comparison_and_swap_is_not_lost(tmp_path: Path, monkeypatch) -> None:
    """Another program appends to the file just after specls compared it: the exchange
    shows it (the old content is not what was compared), so it is undone, not overwritten."""
    path = tmp_path / "spec.toml"
    path.write_text("[spec]\n")
    plan = [_plan(path, "[spec]\n# specls\n")]
    real_current = writes._current
    calls = []

    def racing(p: Path) -> str | None:
        result = real_current(p)
        if p == path and not calls:
            calls.append(p)
            with path.open("a") as f:  # in place, as an editor that does not rename does
                f.write("# theirs\n")
        return result

    monkeypatch.setattr(writes, "_current", racing)
    if writes._renameat2 is None:
        pytest.skip("no renameat2 here")
    with pytest.raises(WriteError, match="changed while it was being written"):
        write_files(plan, tmp_path)
    assert path.read_text() == "[spec]\n# theirs\n"


def test_a_new_file_is_never_written_over_one_made_meanwhile(tmp_path: Path) -> None:
    path = tmp_path / "spec.toml"
    plan = [Planned(path, b"mine", None)]
    path.write_text("theirs")
    with pytest.raises(WriteError):
        write_files(plan, tmp_path)
    assert path.read_text() == "theirs"


def test_mode_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "run.py"
    path.write_text("a\n")
    path.chmod(0o750)
    write_files([_plan(path, "b\n")], tmp_path)
    assert path.stat().st_mode & 0o777 == 0o750


def test_another_specls_process_holding_the_lock_is_waited_for(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "spec.toml"
    path.write_text("a")
    fd = os.open(tmp_path, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    done = threading.Event()

    def write() -> None:
        write_file(path, "b", digest(b"a"), tmp_path)
        done.set()

    thread = threading.Thread(target=write)
    thread.start()
    assert not done.wait(0.2)  # blocked while the lock is held
    assert path.read_text() == "a"
    os.close(fd)
    thread.join(5)
    assert done.is_set() and path.read_text() == "b"


def test_the_lock_gives_up_with_a_clear_message(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(writes, "LOCK_TIMEOUT", 0.05)
    fd = os.open(tmp_path, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        with pytest.raises(WriteError, match="another specls process"):
            write_file(tmp_path / "x.toml", "x", None, tmp_path)
    finally:
        os.close(fd)


def test_an_append_to_the_old_file_just_after_the_swap_is_not_lost(
    tmp_path: Path, monkeypatch
) -> None:
    """A program that opened the file just before the swap writes into the old file (now at
    the temporary name): the last look sees it, and the swap is undone."""
    if writes._renameat2 is None:
        pytest.skip("no renameat2 here")
    path = tmp_path / "spec.toml"
    path.write_text("[spec]\n")
    held = path.open("a")  # opened before specls writes

    def late_write(seconds: float) -> None:
        held.write("# theirs\n")
        held.close()

    monkeypatch.setattr(writes.time, "sleep", late_write)
    with pytest.raises(WriteError, match="changed while it was being written"):
        write_files([_plan(path, "[spec]\n# specls\n")], tmp_path)
    assert path.read_text() == "[spec]\n# theirs\n"
