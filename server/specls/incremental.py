"""Class findings kept from one ``specls check`` to the next (issue 21: one file changed).

The rules that look at one class at a time (:func:`specls.rules.class_rules`) are most of a
check's rules (0.5 s of Django's 0.55 s). A class's findings depend on the class itself, its
file, the classes of its hierarchy, a few things of the whole workspace, the spec and the
settings (the dependencies the editor's per-class reuse already trusts:
:meth:`specls.index.WorkspaceIndex.dependencies`). :class:`ClassFindings` keys each class's
findings by a digest of all of those, more strictly than the editor does:

- the class: its file's path, content digest and module, its qualified name and where it
  starts (a class defined twice in a file is two);
- each resolved ancestor and descendant by its file's content digest (not by its interface:
  any change of a file of the hierarchy runs the rules again), whether the ancestors are
  complete, the builtin exception names inherited, whether the class is mixed in, how many
  classes share its name;
- the workspace's *outline* (:func:`outline_digest`): every class's file, module, name and
  bases, the attributes stored on objects other than ``self``, the owners of the methods
  builtins keep apart, every module: what decides how names resolve and which decisions a
  class meets;
- the build of specls, the settings, the spec file's bytes and how it is named.

A class whose key was stored by the last run takes its findings from there; the others are
checked. The findings kept are the rules' own (before suppressions and severities, which
the engine applies to all findings alike, reused or not). Rules over the whole workspace
(the spec file, cross-class uses, module-level code, syntax errors) always run: 0.03 s.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from typing import Any

from specls.cache import build_id, path_bytes
from specls.config import Settings
from specls.findings import Finding
from specls.index import ClassRef, WorkspaceIndex

#: Per key: a class's findings, or a unit's ``(files read, their digest, what it gave)``.
Stored = dict[bytes, Any]


def _digest(parts: object) -> bytes:
    """A digest of ``repr(parts)`` (made of strs, ints, bools and tuples: the same in every
    process, unlike ``hash()`` of a str)."""
    return hashlib.blake2b(path_bytes(repr(parts)), digest_size=16).digest()


def outline_digest(index: WorkspaceIndex) -> bytes:
    """What of the whole workspace a class's rules may read beyond its hierarchy."""
    classes = sorted(
        (ref.file.path, ref.cls.qualname, ref.cls.name, *_resolved(index, ref))
        for ref in index.classes
    )
    owners = sorted((name, tuple(sorted(keys))) for name, keys in index.distinctive_owners.items())
    modules = sorted((f.path, f.module) for f in index.files.values())
    return _digest((classes, sorted(index.foreign_stores), owners, modules))


def _resolved(index: WorkspaceIndex, ref: ClassRef) -> tuple:
    """``ref``'s bases as written, whether it is dynamic, the classes its bases resolve to
    (a file's imports decide it), and whether every base was found."""
    direct, complete, _ = index._direct_bases(ref)
    return (tuple(ref.cls.bases), ref.cls.dynamic, tuple(b.key for b in direct), complete)


def context_digest(settings: Settings, spec: bytes, display: str) -> bytes:
    """The build, the settings (as the run's key names them), the spec and its name (not
    whether the whole workspace is checked: only the spec file's own rule, which is not
    kept, reads that; so a hook's check after an edit takes what ``specls check`` kept)."""
    return _digest(
        (
            build_id(),
            str(settings.root),
            str(settings.spec),
            sorted(settings.select),
            sorted(settings.ignore),
            sorted(settings.severity.items()),
            tuple(settings.turned_on()),
            hashlib.sha256(spec).hexdigest(),
            display,
        )
    )


class ClassFindings:
    """The last run's findings per class (``previous``), and this run's (``current``, to be
    stored for the next). ``digests`` are the content digests of the workspace's files."""

    def __init__(
        self,
        previous: Stored,
        index: WorkspaceIndex,
        digests: Mapping[str, str],
        context: bytes,
    ) -> None:
        self.previous = previous
        self.current: Stored = {}
        self.index = index
        self.digests = digests
        self._context = _digest((context, outline_digest(index)))
        self.reused = 0
        self._ids: dict[tuple[str, str], tuple[Any, bytes]] = {}

    def _file(self, ref: ClassRef) -> bytes:
        """A class's file (and its digest), name and place, digested once per run."""
        found = self._ids.get(ref.key)
        if found is None or found[0] is not ref.cls:
            cls = ref.cls
            digest = _digest((ref.file.path, self.digests[ref.file.path], cls.qualname))
            found = self._ids[ref.key] = (cls, digest + _digest((cls.span.line, cls.span.col)))
        return found[1]

    def key(self, ref: ClassRef) -> bytes | None:
        """Everything the findings of ``ref``'s class depend on, digested (None when a file
        of its hierarchy has no known digest: then its findings are neither reused nor
        kept)."""
        index = self.index
        bases = index.bases(ref)
        try:
            return _digest(
                (
                    self._context,
                    self._file(ref),
                    ref.file.module,
                    ref.cls.span.col,
                    tuple(self._file(b) for b in bases.classes),
                    bases.complete,
                    tuple(sorted(bases.builtin_names)),
                    tuple(self._file(s) for s in index.subclasses(ref)),
                    index.is_mixed_in(ref),
                    len(index.by_name.get(ref.cls.name, ())),
                )
            )
        except KeyError:
            return None

    def get(self, key: bytes) -> list[Finding] | None:
        found = self.previous.get(key)
        if found is not None:
            self.current[key] = found
            self.reused += 1
        return found

    def put(self, key: bytes, found: list[Finding]) -> None:
        self.current[key] = found

    # -- units of a workspace rule (crossclass), with the files they read -----------------

    def _unit_key(self, ident: tuple) -> bytes | None:
        digest = self.digests.get(ident[1])  # (its own file)
        return None if digest is None else _digest((self._context, "unit", ident, digest))

    def _read_digest(self, touched: Iterable[str]) -> bytes:
        return _digest(tuple((path, self.digests.get(path)) for path in sorted(touched)))

    def get_unit(self, ident: tuple) -> list[Any] | None:
        """What one unit of a workspace rule gave last time (``ident`` names it in plain
        values, its own file second), if every file it read then is unchanged."""
        key = self._unit_key(ident)
        kept = self.previous.get(key) if key is not None else None
        if kept is None:
            return None
        touched, read, found = kept
        if read != self._read_digest(touched):
            return None
        self.current[key] = kept
        self.reused += 1
        return found

    def put_unit(self, ident: tuple, touched: set[str], found: list[Any]) -> None:
        """Keep what a unit gave, with the files it read (its own among them)."""
        key = self._unit_key(ident)
        if key is not None:
            paths = tuple(sorted(touched))
            self.current[key] = (paths, self._read_digest(paths), found)
