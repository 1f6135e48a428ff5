"""Find the Python files to check, read them safely, and name their modules."""

from __future__ import annotations

import os
import re
import stat
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from specls.records import record
from specls.text import normalized

if TYPE_CHECKING:  # imported when a .gitignore or an exclude pattern needs it
    from specls.ignores import IgnoreFile, Node

#: Directories never worth checking (virtual environments, caches, build output).
SKIP_DIRS = {
    ".git",
    ".hg",
    ".svn",
    ".venv",
    "venv",
    ".env",
    "node_modules",
    "build",
    "dist",
    "__pycache__",
    ".tox",
    ".nox",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    ".eggs",
    "site-packages",
    "__pypackages__",
    ".ipynb_checkpoints",
    ".specls_cache",
}
MAX_BYTES = 4 * 1024 * 1024
#: A directory whose times are this much older than a walk's start (ns) has its listing
#: kept (:class:`Listings`): an entry added or removed later gives it later times, even
#: where times are coarse (FAT's are 2 s apart), as for files' stamps.
SETTLED_NS = 2_000_000_000
_CODING = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)")


@record()
class Source:
    """A file's content as UTF-8 bytes, or why it was skipped."""

    path: Path
    data: bytes | None
    note: str | None = None


def _gitignore(directory: Path) -> IgnoreFile | None:
    """The patterns of ``directory``'s .gitignore; a line that is not a pattern is skipped
    with a note naming the file and the line (git passes over it too)."""
    path = directory / ".gitignore"
    try:
        lines = path.read_text("utf-8", "replace").splitlines()
    except OSError:
        return None
    if not lines:
        return None
    from specls.ignores import read_patterns

    patterns, skipped = read_patterns(lines)
    for number, why in skipped:
        _note(f"{path}:{number}: `{_shown(lines[number - 1])}` {why}; the line is skipped")
    return patterns


def _excluded(exclude: list[str]) -> IgnoreFile | None:
    """The ``exclude`` patterns; one that is not a pattern is skipped with a note."""
    from specls.ignores import read_patterns

    patterns, skipped = read_patterns(exclude)
    for number, why in skipped:
        _note(f"exclude pattern `{_shown(exclude[number - 1])}` {why}; it is skipped")
    return patterns


def _shown(line: str) -> str:
    return line if len(line) <= 80 else line[:77] + "..."


def _note(message: str) -> None:
    from specls import logs

    logs.warning("specls: %s", message)


#: What a directory's listing keeps (:class:`Listings`): the directory's stamp (status
#: as ``os.stat`` gives it: modification and status-change times, inode, device), the
#: subdirectories a walk may enter (not :data:`SKIP_DIRS`, not links), the Python files,
#: and whether it holds a ``.gitignore`` and a configuration file.
Listing = tuple[tuple[int, int, int, int], tuple[str, ...], tuple[str, ...], bool, bool]


class Listings:
    """Directory listings kept from one walk to the next (in the cache: a warm check or a
    hook walked Django's 2,456 directories in 60 to 120 ms, most of it listing them).

    A directory is listed again unless its stamp is the one kept: an entry added, removed
    or renamed changes its directory's times. Only the names and kinds of entries are kept;
    ``.gitignore`` and configuration files are read again by every walk, and the patterns
    applied to the kept names as to listed ones. Kept only for a directory whose times were
    :data:`SETTLED_NS` in the past when it was listed, and that holds no symbolic link (a
    link's target can change kind without its directory changing)."""

    def __init__(self, known: dict[str, Listing] | None = None) -> None:
        self.known = known or {}
        #: This walk's listings (to keep), and the tops it walked.
        self.found: dict[str, Listing] = {}
        self.tops: list[str] = []
        self.made = 0  # directories listed (not taken from ``known``)
        self._settled = time.time_ns() - SETTLED_NS

    def list(self, directory: str) -> tuple[tuple[str, ...], tuple[str, ...], bool, bool] | None:
        """``directory``'s subdirectories to enter, Python files, and whether it holds a
        ``.gitignore`` and a configuration file; None when it cannot be listed."""
        try:
            st = os.stat(directory)
        except OSError:
            return None
        stamp = (st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)
        kept = self.known.get(directory)
        if kept is not None and kept[0] == stamp:
            self.found[directory] = kept
            return kept[1], kept[2], kept[3], kept[4]
        listed = _list(directory)
        if listed is None:
            return None
        self.made += 1
        dirs, files, has_ignore, has_config, linked = listed
        if not linked and max(st.st_mtime_ns, st.st_ctime_ns) < self._settled:
            self.found[directory] = (stamp, dirs, files, has_ignore, has_config)
        return dirs, files, has_ignore, has_config

    def kept(self) -> dict[str, Listing] | None:
        """What to keep for the next walk (this walk's, and those known of directories it
        did not walk), or None when that is what is known already."""
        tops = tuple(_prefix(top) for top in self.tops)
        walked = set(self.tops)
        out = {d: v for d, v in self.known.items() if not (d in walked or d.startswith(tops))}
        out.update(self.found)
        return None if out == self.known else out


def _list(directory: str) -> tuple[tuple[str, ...], tuple[str, ...], bool, bool, bool] | None:
    """:meth:`Listings.list` from the system, and whether the directory holds a link."""
    try:
        with os.scandir(directory) as listing:
            entries = list(listing)
    except OSError:  # unreadable or gone: passed over, as os.walk does
        return None
    dirs: list[str] = []
    files: list[str] = []
    has_ignore = has_config = linked = False
    for entry in entries:
        name = entry.name
        if name == ".gitignore":
            has_ignore = True
        elif name in _CONFIG_NAMES:
            has_config = True
        try:
            is_dir = entry.is_dir()
            linked = linked or entry.is_symlink()
        except OSError:
            is_dir = False
        if is_dir:
            # linked directories are not followed (they may lead out of the tree, or
            # round in a circle)
            if name in SKIP_DIRS or name.endswith(".egg-info") or entry.is_symlink():
                continue
            dirs.append(name)
        elif name.endswith((".py", ".pyi")):
            files.append(name)
    return tuple(dirs), tuple(files), has_ignore, has_config, linked


def discover(
    paths: list[Path], root: Path, exclude: list[str], listings: Listings | None = None
) -> tuple[list[Path], list[str]]:
    """Python files under ``paths`` (respecting .gitignore and ``exclude``), sorted, and errors.

    ``.gitignore`` files apply from the workspace ``root`` down; ``exclude`` patterns are
    gitignore-style and relative to ``root``. ``listings`` are directories' listings kept
    from an earlier walk (and given this walk's).
    """
    errors: list[str] = []
    return sorted(iter_files(paths, root, exclude, errors, listings), key=path_order), errors


def path_order(path: Path) -> tuple[str, ...]:
    """What ``sorted`` orders absolute paths by, as ``Path``'s own comparison does (their
    parts, case folded where the system folds them), made once per path: comparing two
    ``Path`` objects makes their parts again (Django's 879 files: 12,500 comparisons)."""
    return path.parts if _POSIX else tuple(part.lower() for part in path.parts)


_POSIX = os.name != "nt"


def iter_files(
    paths: list[Path],
    root: Path,
    exclude: list[str],
    errors: list[str],
    listings: Listings | None = None,
) -> Iterator[Path]:
    """The files :func:`discover` finds, each once, as they are found (in no particular
    order): a caller can read them while the rest of the tree is still being listed.
    Paths that do not exist are reported in ``errors``."""
    for path, _ in iter_rooted(paths, root, exclude, errors, listings=listings):
        yield Path(path)


class Roots(Protocol):
    """Where the workspaces of the files found are (:class:`specls.config.Resolver`)."""

    def root_of(self, path: Path) -> Path:
        """The workspace root of a path named to be checked."""
        ...

    def exclude_of(self, root: Path) -> list[str]:
        """The ``exclude`` patterns of the workspace at ``root``."""
        ...

    def nested(self, directory: Path) -> bool:
        """Whether ``directory`` is the root of a workspace of its own."""
        ...


#: The files that make a directory the root of a workspace of its own (see ``Roots``).
_CONFIG_NAMES = frozenset({"spec.toml", "pyproject.toml"})


def iter_rooted(
    paths: list[Path],
    root: Path,
    exclude: list[str],
    errors: list[str],
    roots: Roots | None = None,
    listings: Listings | None = None,
) -> Iterator[tuple[str, Path]]:
    """:func:`iter_files` with the workspace root of each file: ``root`` (whose ``exclude``
    patterns apply) without ``roots``; with it, each path's own root, and below it, the
    nearest directory that is a workspace root (its ``exclude`` patterns apply there).

    Files come as absolute paths in plain strings: making a ``Path`` of each, and its
    ``str`` again, cost a warm check of Django's 879 files 35M instructions (a twelfth of
    it), where all it needs of an unchanged file is its stamp."""
    listings = Listings() if listings is None else listings
    seen: set[str] = set()
    top = root.resolve()
    compiled: dict[Path, IgnoreFile | None] = {}  # (each root's patterns read once)
    for p in paths:
        if not p.exists():
            errors.append(f"{p}: no such file or directory")
            continue
        start = roots.root_of(p) if roots is not None else top
        if p.is_file():
            found: Iterable[tuple[str, Path]] = [(str(p.resolve()), start)]
        else:
            if start not in compiled:
                patterns = roots.exclude_of(start) if roots is not None else exclude
                compiled[start] = _excluded(patterns) if patterns else None
            found = _walk(p.resolve(), start, compiled[start], roots, listings)
        if len(paths) == 1:  # (one walk finds each path once: no set of them to hash)
            yield from found
            continue
        for path, at in found:
            same = os.path.normcase(path)  # (as ``Path`` compares them: case folded on Windows)
            if same not in seen:
                seen.add(same)
                yield path, at


def module_name(path: Path | str, root: Path) -> str:
    """Dotted module name of ``path`` relative to ``root`` (``src/`` layouts included)."""
    text, top = str(path), str(root)
    if os.altsep is None and text.startswith(_prefix(top)) and os.path.isabs(text):
        # the common case, in plain strings (pathlib's relative_to and with_suffix cost 30 ms
        # for Django's 879 files): a path found under the root, as discovery makes them
        parts = text[len(_prefix(top)) :].split(os.sep)
        stem, dot, suffix = parts[-1].rpartition(".")
        if dot and stem and suffix:  # (as ``with_suffix("")``: ``a.`` and ``.a`` keep theirs)
            parts[-1] = stem
        if "" not in parts and "." not in parts and ".." not in parts:
            return _dotted(parts)
    path = Path(path)
    if path.is_absolute() and path.is_relative_to(root):  # the common case: no system calls
        rel = path.relative_to(root)
    else:
        try:
            rel = path.resolve().relative_to(root.resolve())
        except ValueError:
            rel = Path(path.name)
    return _dotted(list(rel.with_suffix("").parts))


def _dotted(parts: list[str]) -> str:
    """The module name of a path's parts below the root, its suffix taken off."""
    if parts and parts[0] in ("src", "lib") and len(parts) > 1:
        parts = parts[1:]
    if parts and parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _prefix(directory: str) -> str:
    """``directory`` ending with a separator: what the paths under it start with."""
    return directory if directory.endswith(os.sep) else directory + os.sep


def _git_ignores(active: list[tuple[str, IgnoreFile]], path: str, is_dir: bool) -> bool:
    """Whether the ``.gitignore`` files in ``active`` (``(directory prefix, patterns)``, the
    top one first) ignore ``path``: as in git, the deepest file with a pattern for the path
    decides, so a ``!pattern`` below takes back what a file above ignored."""
    for prefix, patterns in reversed(active):
        decided = patterns.check(_below(prefix, path) + ("/" if is_dir else ""))
        if decided is not None:
            return decided
    return False


def _below(prefix: str, path: str) -> str:
    """``path`` below the directory ``prefix`` (which ends with a separator), with ``/``
    separators; empty for the directory itself."""
    rel = path[len(prefix) :]
    return rel.replace(os.sep, "/") if os.sep != "/" else rel


def _heads(patterns: IgnoreFile, prefix: str, directory: str) -> tuple[IgnoreFile, Node]:
    """``patterns`` having read the part of a path that the entries of ``directory`` share."""
    rel = _below(prefix, directory)
    return patterns, patterns.advance(patterns.start, rel + "/" if rel else "")


def _ignorer(
    heads: list[tuple[IgnoreFile, Node]], exclude: tuple[IgnoreFile, Node] | None
) -> Callable[[str, bool], bool]:
    """Whether an entry of a directory is ignored, from patterns that have read the
    directory's part of the path (:func:`_heads`): the ``.gitignore`` files, the deepest
    first, then the ``exclude`` patterns."""

    def ignored(name: str, is_dir: bool) -> bool:
        rest = name + "/" if is_dir else name
        for patterns, head in heads:
            decided = patterns.decide(head, rest)
            if decided is not None:
                if decided:
                    return True
                break
        return exclude is not None and exclude[0].decide(exclude[1], rest) is True

    return ignored


def _walk(
    top: Path,
    root: Path,
    excluded: IgnoreFile | None,
    roots: Roots | None,
    listings: Listings,
) -> Iterator[tuple[str, Path]]:
    """Python files under ``top`` with their workspace root, in no particular order.
    Directories are listed with ``os.scandir``, whose entries know their type: ``os.walk``
    asked the system about every directory again (a third of the time on a tree with
    thousands of directories), or taken from ``listings`` while unchanged. With ``roots``,
    a directory below ``top`` that is a workspace root of its own is the root of the files
    below it, with its own ``exclude`` patterns."""
    above = (
        [d for d in top.parents if d == root or root in d.parents] if root in top.parents else []
    )
    inherited = [(_prefix(str(d)), s) for d in reversed(above) if (s := _gitignore(d)) is not None]
    if _git_ignores(inherited, str(top), True):
        inherited = []  # an explicitly named directory is checked even if git ignores it
    # exclude patterns are relative to the root, or to `top` when it is outside the root
    exclude_prefix = _prefix(str(root if root == top or root in top.parents else top))
    start = str(top)
    listings.tops.append(start)
    todo = [(start, inherited, root, excluded, exclude_prefix)]
    while todo:
        directory, active, here, excluding, excluding_prefix = todo.pop()
        listed = listings.list(directory)
        if listed is None:
            continue
        dirs, files, has_ignore, has_config = listed
        if has_ignore:  # (no open() in the directories without one)
            own = _gitignore(Path(directory))
            if own is not None:
                active = [*active, (_prefix(directory), own)]
        if has_config and roots is not None and directory != start:
            nested = Path(directory)
            if roots.nested(nested):  # a workspace of its own: its root and its excludes
                here, excluding_prefix = nested, _prefix(directory)
                patterns = roots.exclude_of(nested)
                excluding = _excluded(patterns) if patterns else None
        check = bool(active) or excluding is not None
        if check:
            # each file of patterns reads this directory's part of its entries' paths once;
            # the deepest file that decides an entry decides it
            heads = [_heads(patterns, prefix, directory) for prefix, patterns in reversed(active)]
            exclude = None if excluding is None else _heads(excluding, excluding_prefix, directory)
            ignored = _ignorer(heads, exclude)

        under = _prefix(directory)
        for name in dirs:
            if not (check and ignored(name, True)):
                todo.append((under + name, active, here, excluding, excluding_prefix))
        for name in files:
            if not (check and ignored(name, False)):
                yield under + name, here


def read_source(path: Path) -> Source:
    """Read a file as UTF-8 bytes; declared encodings (PEP 263) are converted, and each lone
    ``\r`` is made ``\n`` (see :mod:`specls.text`).

    Only a regular file is read (a named pipe called ``x.py`` would block, a link to
    ``/dev/zero`` never end), its size is checked before it is read and the read is bounded
    (a file that grows meanwhile is not read past :data:`MAX_BYTES`)."""
    limit = f"skipped: larger than {MAX_BYTES // (1024 * 1024)} MiB"
    try:
        if not _regular(os.stat(path)):
            return Source(path, None, "skipped: not a regular file")
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        try:
            st = os.fstat(fd)
            if not _regular(st):  # (replaced between the two looks)
                return Source(path, None, "skipped: not a regular file")
            if st.st_size > MAX_BYTES:
                return Source(path, None, limit)
            data = _read_at_most(fd, MAX_BYTES + 1)
        finally:
            os.close(fd)
    except OSError as e:
        return Source(path, None, f"cannot read: {e.strerror or e}")
    if len(data) > MAX_BYTES:
        return Source(path, None, limit)
    if b"\0" in data:
        return Source(path, None, "skipped: binary file (contains NUL bytes)")
    if data.isascii():  # (most files: valid UTF-8, without decoding them)
        return Source(path, normalized(data))
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        data.decode("utf-8")
        return Source(path, normalized(data))
    except UnicodeDecodeError as e:
        encoding = _declared_encoding(data)
        if encoding:
            try:
                return Source(path, normalized(data.decode(encoding).encode("utf-8")))
            except (LookupError, UnicodeError, ValueError):
                pass
        line = data[: e.start].count(b"\n") + 1
        return Source(path, None, f"skipped: not valid UTF-8 (line {line})")


def _regular(st: os.stat_result) -> bool:
    return stat.S_ISREG(st.st_mode)


def _read_at_most(fd: int, limit: int) -> bytes:
    parts: list[bytes] = []
    left = limit
    while left > 0:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            break
        parts.append(chunk)
        left -= len(chunk)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def _declared_encoding(data: bytes) -> str | None:
    for line in data.split(b"\n", 2)[:2]:
        m = _CODING.match(line)
        if m:
            return m.group(1).decode("ascii", "replace")
    return None
