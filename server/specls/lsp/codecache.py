"""The methods attrs generates for lsprotocol's classes, compiled once and kept between starts.

``import lsprotocol.types`` builds about 570 attrs classes, and attrs writes the source of
each one's ``__init__``, ``__eq__`` and the like and compiles it, at every import: 0.3 s of
the language server's start-up, about a third of it (python-attrs/attrs#575 asks for the same
cache). While the server imports (:func:`kept`), attrs's compile step takes the code from
a file kept as Python keeps a module's bytecode: beside this module's own ``.pyc``
(``__pycache__``, or under ``sys.pycache_prefix``), for this Python's bytecode, each entry
found by a digest of the source and the file name attrs gives it. What is missing is
compiled as before and the file written again (atomically; not when Python is told not to
write bytecode). A file that does not check out (its digest, Python's bytecode version) is
ignored, and when attrs's compile step is not the function this was written for, nothing is
patched. The file lives with specls's installed code, never in a workspace.
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import CodeType
from typing import Any

#: What the file starts with: its kind, then Python's bytecode version.
_HEAD = b"specls-attrs-code\n" + importlib.util.MAGIC_NUMBER
_DIGEST = 32


@dataclass
class Kept:
    """What one import did: entries taken from the file, compiled, and whether it was
    written."""

    path: Path | None
    hits: int = 0
    compiled: int = 0
    written: bool = False
    used: dict[bytes, CodeType] = field(default_factory=dict)


def default_path() -> Path | None:
    """The file beside this module's bytecode (None when Python has nowhere to put it)."""
    try:
        pyc = importlib.util.cache_from_source(__file__)
    except (NotImplementedError, ValueError):
        return None
    return Path(pyc).with_name(Path(pyc).name.removesuffix(".pyc") + ".attrs")


def _read(path: Path) -> dict[bytes, CodeType]:
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    head, digest = data[: len(_HEAD)], data[len(_HEAD) : len(_HEAD) + _DIGEST]
    body = data[len(_HEAD) + _DIGEST :]
    if head != _HEAD or hashlib.blake2b(body, digest_size=_DIGEST).digest() != digest:
        return {}
    try:
        table = marshal.loads(body)
    except (EOFError, ValueError, TypeError):
        return {}
    if not isinstance(table, dict):
        return {}
    return {k: v for k, v in table.items() if isinstance(k, bytes) and isinstance(v, CodeType)}


def _write(path: Path, table: dict[bytes, CodeType]) -> bool:
    import tempfile  # (only when something was compiled)

    body = marshal.dumps(table)
    data = _HEAD + hashlib.blake2b(body, digest_size=_DIGEST).digest() + body
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.chmod(tmp, os.stat(__file__).st_mode & 0o666)  # (as a .pyc: its source's mode)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:  # (read-only install: each start compiles, as without this)
        return False
    return True


def _patchable(fn: Any) -> bool:
    """Whether ``fn`` is attrs's compile step as this module knows it."""
    code = getattr(fn, "__code__", None)
    return code is not None and code.co_varnames[:4] == ("script", "globs", "locs", "filename")


@contextmanager
def kept(path: Path | None = None) -> Iterator[Kept]:
    """While lsprotocol (or anything made with attrs) is imported: attrs's generated methods
    taken from ``path`` (:func:`default_path` if None) when kept there, and kept there
    after."""
    where = path if path is not None else default_path()
    kept = Kept(where)
    try:
        import attr._make as make
    except ImportError:
        yield kept
        return
    compile_and_eval = getattr(make, "_compile_and_eval", None)
    if where is None or not _patchable(compile_and_eval):
        yield kept
        return
    known = _read(where)

    def cached(
        script: str, globs: dict[str, Any] | None, locs: Any = None, filename: str = ""
    ) -> None:
        key = hashlib.blake2b(f"{filename}\0{script}".encode(), digest_size=16).digest()
        code = known.get(key)
        if code is None:
            code = compile(script, filename, "exec")
            kept.compiled += 1
        else:
            kept.hits += 1
        kept.used[key] = code
        eval(code, globs, locs)

    make._compile_and_eval = cached
    try:
        yield kept
    finally:
        make._compile_and_eval = compile_and_eval
    # (written again when something was compiled: entries no import asks for are let go)
    if kept.compiled and not sys.dont_write_bytecode:
        kept.written = _write(where, kept.used)
