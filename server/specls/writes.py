"""Writing workspace files so that nothing is lost: confined, locked, all or nothing.

Every write specls makes to a file of the workspace — a decision into the spec, a rename
across files, a quick fix to a file no editor has open — goes through :func:`write_files`:

- **Confined.** Each path, links resolved, must lie inside the workspace root, unless the
  user named it on the command line (``allowed``). A link out of the workspace is refused.
- **Locked** against other specls processes (an advisory ``flock`` on each directory
  written, so no lock file is left behind).
- **Compared, then swapped.** Each new content is written and synced to a temporary file
  beside its target first; only then is the target compared with the content the change
  was computed from, and the two are swapped *atomically* (``renameat2(RENAME_EXCHANGE)``
  on Linux): the old content, now at the temporary name, is checked once more, so a write
  by another program that landed between the comparison and the swap is noticed and the
  swap undone instead of silently overwritten; a moment later the old content is checked
  once more (a program that opened the file just before the swap writes into the old file).
  Where the exchange is not available, the comparison is followed at once by an atomic
  replace.
- **All or nothing.** When one file of several cannot be written, those already swapped
  are swapped back: the workspace is as it was, and the error says so.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import hashlib
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from specls.records import record

#: How long to wait for another specls process's lock on a directory (seconds).
LOCK_TIMEOUT = 10.0
#: How long after swapping a file the old content is looked at once more (seconds): long
#: enough for a program that opened the file just before to have written, short next to any
#: human or agent action (writes are quick fixes, renames, decisions).
SETTLE = 0.002


class WriteError(Exception):
    """A write that was refused or undone; nothing of the planned change was written."""


def digest(data: bytes) -> str:
    """Content hash used to detect that a file changed since it was read."""
    return hashlib.sha256(data).hexdigest()


@record()
class Planned:
    """One file to write: its new content, and the digest of the content the change was
    computed from (``None``: the file must not exist yet)."""

    path: Path
    data: bytes
    expected: str | None


def confine(path: Path, root: Path, allowed: frozenset[Path] = frozenset()) -> Path:
    """The real path a write to ``path`` lands on; refuses one outside ``root``.

    ``allowed`` are paths the user named explicitly (on the command line): those may lie
    anywhere. Links are resolved, so ``a.py -> ../x.py`` counts as ``../x.py``."""
    real = path.resolve()
    if real in allowed or path.absolute() in allowed:
        return real
    top = root.resolve()
    if not real.is_relative_to(top):
        shown = f"{path} (a link to {real})" if real != path.absolute() else str(path)
        raise WriteError(
            f"{shown} is outside the workspace {top}; specls writes only inside it "
            "(name the file on the command line to write it anyway)"
        )
    return real


def write_files(
    plan: list[Planned], root: Path, allowed: frozenset[Path] = frozenset()
) -> list[Path]:
    """Write every file of ``plan``, or none of them (see the module's docstring).

    Returns the real paths written; raises :class:`WriteError` (nothing written)."""
    targets = [(confine(p.path, root, allowed), p) for p in plan]
    if len({real for real, _ in targets}) != len(targets):
        raise WriteError("two changes to one file")
    for real, _ in targets:
        if real.exists() and not real.is_file():
            raise WriteError(f"{real} is not a regular file")
    directories = sorted({real.parent for real, _ in targets})
    with contextlib.ExitStack() as stack:
        for directory in directories:  # (in one order: two writers never wait on each other)
            stack.enter_context(_locked(directory))
        temps: list[tuple[Path, Path, Planned]] = []
        try:
            for real, p in targets:
                temps.append((real, _staged(real, p.data), p))
            swapped: list[tuple[Path, Path, bool]] = []
            try:
                for real, tmp, p in temps:
                    swapped.append((real, tmp, _swap(real, tmp, p.expected)))
                _settled(swapped, {real: p.expected for real, _, p in temps})
            except BaseException:
                for real, tmp, exchanged in reversed(swapped):
                    _undo(real, tmp, exchanged)
                raise
        finally:
            for _, tmp, _ in temps:
                with contextlib.suppress(FileNotFoundError):
                    tmp.unlink()
    return [real for real, _ in targets]


def write_file(
    path: Path, text: str, expected: str | None, root: Path, allowed: frozenset[Path] = frozenset()
) -> Path:
    """:func:`write_files` for one file of text (UTF-8, line breaks as given)."""
    return write_files([Planned(path, text.encode("utf-8"), expected)], root, allowed)[0]


# -- the steps ------------------------------------------------------------------------------


@contextlib.contextmanager
def _locked(directory: Path) -> Iterator[None]:
    """An exclusive advisory lock on ``directory`` for as long as the block runs."""
    fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        deadline = time.monotonic() + LOCK_TIMEOUT
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise WriteError(
                        f"another specls process is writing in {directory}; try again"
                    ) from None
                time.sleep(0.01)
        yield
    finally:
        os.close(fd)  # (closing releases the lock)


def _staged(real: Path, data: bytes) -> Path:
    """``data`` written and synced to a new file beside ``real``, with ``real``'s mode."""
    try:
        mode = real.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    fd, name = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".specls-tmp", dir=real.parent)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def _current(path: Path) -> str | None:
    try:
        return digest(path.read_bytes())
    except FileNotFoundError:
        return None


def _swap(real: Path, tmp: Path, expected: str | None) -> bool:
    """Put ``tmp`` in ``real``'s place if ``real`` still holds ``expected``; returns whether
    the two were exchanged (the old content is then at ``tmp``)."""
    if _current(real) != expected:
        raise WriteError(f"{real} changed since it was read")
    if expected is None:  # a new file: never over one made meanwhile
        try:
            os.link(tmp, real)
        except FileExistsError:
            raise WriteError(f"{real} was created meanwhile") from None
        except OSError:  # no hard links here (FAT, some network file systems)
            if real.exists():
                raise WriteError(f"{real} was created meanwhile") from None
            os.replace(tmp, real)
            return False
        tmp.unlink()
        return False
    if not _exchange(tmp, real):
        os.replace(tmp, real)
        return False
    if _current(tmp) != expected:  # written to between the comparison and the exchange
        _exchange(tmp, real)
        raise WriteError(f"{real} changed while it was being written")
    return True


def _settled(swapped: list[tuple[Path, Path, bool]], expected: dict[Path, str | None]) -> None:
    """A last look at the old contents, a moment after the swaps: a program that opened a
    file just before it was swapped writes into the old file, now at the temporary name
    (an append by ``open(path, "a")`` lands there). Seen now, the swaps are undone; after
    the temporary files are removed, such a write could no longer be seen."""
    if not any(exchanged for _, _, exchanged in swapped):
        return
    time.sleep(SETTLE)
    for real, tmp, exchanged in swapped:
        if exchanged and _current(tmp) != expected[real]:
            raise WriteError(f"{real} changed while it was being written")


def _undo(real: Path, tmp: Path, exchanged: bool) -> None:
    """Put back what :func:`_swap` replaced (best effort: called while failing)."""
    with contextlib.suppress(OSError):
        if exchanged:
            _exchange(tmp, real)
        elif not tmp.exists():  # a new file: remove it again
            real.unlink()


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_renameat2 = None
if sys.platform.startswith("linux"):
    with contextlib.suppress(OSError, AttributeError):
        _libc = ctypes.CDLL(None, use_errno=True)
        _renameat2 = _libc.renameat2
        _renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
        _renameat2.argtypes.append(ctypes.c_uint)
        _renameat2.restype = ctypes.c_int


def _exchange(a: Path, b: Path) -> bool:
    """Swap two directory entries atomically; False where the system cannot."""
    if _renameat2 is None:
        return False
    if _renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EXDEV):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _umask() -> int:
    """The process's umask, read without changing it (``os.umask`` sets it, even for a
    moment, for every thread)."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    return 0o022
