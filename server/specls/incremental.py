"""Class findings kept from one ``specls check`` to the next (issue 21: one file changed).

The rules that look at one class at a time (:func:`specls.rules.class_rules`) are most of a
check's rules (0.5 s of Django's 0.55 s). A class's findings depend on the class itself, its
file, the classes of its hierarchy, a few things of the whole workspace, the spec and the
settings (the dependencies the editor's per-class reuse already trusts:
:meth:`specls.index.WorkspaceIndex.dependencies`). :class:`ClassFindings` keys each class's
findings by a digest of all of those, more strictly than the editor does:

- the class: its file's path, content digest and module, its qualified name and where it
  starts (a class defined twice in a file is two);
- each resolved ancestor and descendant, and each other ancestor of a descendant (``M`` of
  ``C(B, M)`` for ``A`` of ``B(A)``: what it gives ``C`` decides what ``A`` may read), by its
  file's content digest (not by its interface: any change of a file of the hierarchy runs
  the rules again), whether the ancestors are complete, the builtin exception names
  inherited, whether the class is mixed in, how many classes share its name;
- the workspace's *outline* (:func:`outline_digest`): every class's file, module, name and
  bases, the attributes stored on objects other than ``self``, the owners of the methods
  builtins keep apart, every module, and what each plain enum defines (which decides what
  a use of a member may call): what decides how names resolve and which decisions a class
  meets;
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
from specls.facts import FileFacts
from specls.findings import Finding
from specls.index import ClassRef, WorkspaceIndex, is_plain_enum

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
    # (what each plain enum defines: R101 tells an enum member's own method from a str's by
    # it, for whichever class holds one; an enum's methods change seldom, so all are judged
    # again then, and a class's own key need not read which enums it holds)
    enums = sorted(
        (ref.key, tuple(sorted(ref.cls.class_names)))
        for ref in index.classes
        if is_plain_enum(ref.cls)
    )
    return _digest((classes, sorted(index.foreign_stores), owners, modules, enums))


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
        #: By the id of each class's facts (held here with them: the id stays theirs).
        self._ids: dict[int, tuple[Any, bytes]] = {}

    def _file(self, ref: ClassRef) -> bytes:
        """A class's file (and its digest), name and place, digested once per run."""
        cls = ref.cls
        found = self._ids.get(id(cls))
        if found is None:
            digest = _digest((ref.file.path, self.digests[ref.file.path], cls.qualname))
            found = self._ids[id(cls)] = (cls, digest + _digest((cls.span.line, cls.span.col)))
        return found[1]

    def key(self, ref: ClassRef) -> bytes | None:
        """Everything the findings of ``ref``'s class depend on, digested (None when a file
        of its hierarchy has no known digest: then its findings are neither reused nor
        kept). The classes of its hierarchy are fed to the digest as their 32 bytes each
        (:meth:`_file`), counted, not as parts of a ``repr``: Django's 1,910 keys took 20 ms
        instead of 29 ms."""
        index = self.index
        bases = index.bases(ref)
        file = self._file
        try:
            own = file(ref)
            ancestors = [file(b) for b in bases.classes]
            below = [file(s) for s in index.subclasses(ref)]
            beside = [file(k) for k in index.descendants_bases(ref).classes]
        except KeyError:
            return None
        rest = (
            ref.file.module,
            ref.cls.span.col,
            len(ancestors),
            len(below),
            len(beside),
            bases.complete,
            tuple(sorted(bases.builtin_names)),
            index.is_mixed_in(ref),
            len(index.by_name.get(ref.cls.name, ())),
        )
        h = hashlib.blake2b(self._context, digest_size=16)
        h.update(own)
        h.update(b"".join(ancestors))
        h.update(b"".join(below))
        h.update(b"".join(beside))
        h.update(path_bytes(repr(rest)))
        return h.digest()

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

    def put_unit(self, ident: tuple, noting: Any, found: list[Any]) -> None:
        """Keep what a unit gave, with the files it read (``noting.touched``: its own among
        them)."""
        key = self._unit_key(ident)
        if key is not None:
            paths = tuple(sorted(noting.touched))
            self.current[key] = (paths, self._read_digest(paths), found)


# -- the same units in an editor, between keystrokes -----------------------------------------

#: What a file no longer in the workspace reads as (its absence is in the outline too).
_MISSING = object()


def _file_outline(facts: FileFacts) -> tuple:
    """What of one file decides how the crossclass rule's lookups resolve: its module and
    imports, the names stored from outside classes, and each class's name and bases as
    written (the index resolves bases and names from these alone)."""
    return (
        facts.path,
        facts.module,
        tuple(facts.imports.items()),
        frozenset(facts.foreign_stores),
        tuple((c.qualname, c.name, tuple(c.bases), c.dynamic) for c in facts.classes),
    )


class Outlines:
    """The workspace's outline: :func:`_file_outline` of every file, in the index's order,
    made again only for the files whose facts are new objects. An outline equal to the last
    one is that object, so that outlines kept with what was computed from them compare by
    identity while nothing of it changes."""

    def __init__(self) -> None:
        self._index: WorkspaceIndex | None = None
        #: Per file: its facts and outline, when last made.
        self._files: dict[str, tuple[FileFacts, tuple]] = {}
        self.outline: tuple = ()

    def of(self, index: WorkspaceIndex) -> tuple:
        """The outline of ``index``'s files."""
        if index is self._index:
            return self.outline
        self._index = index
        files: dict[str, tuple[FileFacts, tuple]] = {}
        for path, facts in index.files.items():
            known = self._files.get(path)
            if known is None or known[0] is not facts:
                outline = _file_outline(facts)
                if known is not None and known[1] == outline:
                    outline = known[1]  # (the same object: outlines then compare at once)
                known = (facts, outline)
            files[path] = known
        self._files = files
        outline = tuple(known[1] for known in files.values())
        if outline != self.outline:
            self.outline = outline
        return self.outline


def _module_level(facts: FileFacts) -> Any:
    """What a unit may read of a file beyond its classes and outline: its functions (the
    objects: an edit that leaves a function alone keeps them) and the names handed to
    module-level calls. A body not loaded yet is known by the facts themselves."""
    if facts.lazy is not None:
        return facts
    return (tuple(facts.functions), frozenset(facts.call_args), tuple(facts.function_facts))


def _same_level(a: Any, b: Any) -> bool:
    if a is b:
        return True
    if a.__class__ is not tuple or b.__class__ is not tuple:
        return False
    return (
        a[0] == b[0]
        and a[1] == b[1]
        and len(a[2]) == len(b[2])
        and all(x is y for x, y in zip(a[2], b[2], strict=True))
    )


class EditorUnits:
    """The crossclass rule's units kept by an editor's workspace between checks (as
    :class:`ClassFindings` keeps them between runs of ``specls check``), so that a keystroke
    judges again only the units whose inputs changed.

    A unit is kept with what it read, and reused while all of it is the same: the
    workspace's outline (every file's module, imports, names stored from outside and
    classes' names and bases: how the index resolves names, bases and subclasses), the
    facts of every class it read (the same objects: an edit that leaves a top-level
    statement alone keeps them, see :class:`specls.extract.ChunkCache`; moved lines make new
    ones), and the module-level functions and call arguments of every file it read.
    """

    def __init__(self, outlines: Outlines | None = None) -> None:
        #: Per unit: the outline, levels and classes it read, what it gave, the check that
        #: last used it.
        self._kept: dict[tuple, list[Any]] = {}
        self._index: WorkspaceIndex | None = None
        self._check = 0
        #: What changed since the last check: the files whose module level did, the ids of
        #: the classes gone (None: the outline changed, or there was no check).
        self._since: tuple[set[str], set[int]] | None = None
        self._outlines = outlines if outlines is not None else Outlines()
        self._outline: tuple = ()
        #: Per file: its facts and module level, when last made.
        self._levels: dict[str, tuple[FileFacts, Any]] = {}
        #: Each class of the index (by the id of its facts, kept alive by ``_kept``) -> file.
        self._present: dict[int, str] = {}
        self._visited: set[tuple] = set()
        self.reused = 0

    def begin(self, index: WorkspaceIndex) -> None:
        """Start a check against ``index``."""
        self._visited = set()
        self._check += 1
        if index is self._index:
            self._since = (set(), set())
            return
        previous, self._index = self._index, index
        outline = self._outlines.of(index)
        same = previous is not None and outline is self._outline
        self._since = self._changes(previous, index) if previous is not None and same else None
        self._outline = outline
        self._levels = {p: v for p, v in self._levels.items() if p in index.files}
        self._present = {id(ref.cls): ref.file.path for ref in index.classes}

    def _changes(
        self, previous: WorkspaceIndex, index: WorkspaceIndex
    ) -> tuple[set[str], set[int]]:
        """The files whose module level changed since ``previous`` (the index of the last
        check, of the same outline), and the ids of its classes no longer in ``index``."""
        paths: set[str] = set()
        gone: set[int] = set()
        for path, facts in index.files.items():
            old = previous.files[path]  # (the same outline: the same files)
            if old is facts:
                continue
            known = self._levels.get(path)
            if known is None or self._level(path) is not known[1]:
                paths.add(path)
            now = {id(c) for c in facts.classes}
            gone.update(id(c) for c in old.classes if id(c) not in now)
        return paths, gone

    def _level(self, path: str) -> Any:
        assert self._index is not None
        facts = self._index.files.get(path)
        if facts is None:
            return _MISSING
        known = self._levels.get(path)
        if known is not None and known[0] is facts:
            return known[1]
        level = _module_level(facts)
        if known is not None and _same_level(known[1], level):
            level = known[1]
        self._levels[path] = (facts, level)
        return level

    def get_unit(self, ident: tuple) -> list[Any] | None:
        """What unit ``ident`` gave when last computed, if nothing it read has changed."""
        kept = self._kept.get(ident)
        if kept is None:
            return None
        outline, levels, classes, found, last = kept
        since = self._since
        if last != self._check - 1 or since is None or not self._still(levels, classes, since):
            if outline is not self._outline and outline != self._outline:
                return None
            if any(not _same_level(self._level(path), level) for path, level in levels):
                return None
            present = self._present
            if any(present.get(id(cls)) != path for path, cls in classes):
                return None
        kept[4] = self._check
        self._visited.add(ident)
        self.reused += 1
        return found

    @staticmethod
    def _still(levels: tuple, classes: tuple, since: tuple[set[str], set[int]]) -> bool:
        """Whether a unit the last check used read nothing of what changed since."""
        paths, gone = since
        if paths and any(path in paths for path, _ in levels):
            return False
        return not gone or not any(id(cls) in gone for _, cls in classes)

    def put_unit(self, ident: tuple, noting: Any, found: list[Any]) -> None:
        """Keep what a unit gave, with what it read (``noting``: a
        :class:`specls.rules.crossclass.Noting`)."""
        levels = tuple((path, self._level(path)) for path in sorted(noting.touched))
        classes = tuple({id(c.cls): (c.file.path, c.cls) for c in noting.classes}.values())
        self._kept[ident] = [self._outline, levels, classes, found, self._check]
        self._visited.add(ident)

    def finish(self, only: frozenset[str] | None) -> None:
        """Forget the units this check would have used and did not (their class or
        function is gone): the units of self passed are all visited, the others in the
        files checked."""
        files = self._index.files if self._index is not None else {}
        for ident in [i for i in self._kept if i not in self._visited]:
            if ident[0] == "passes" or only is None or ident[1] in only or ident[1] not in files:
                del self._kept[ident]


# -- the class rules' findings in an editor, between keystrokes ------------------------------


def _file_level(facts: FileFacts) -> tuple:
    """What of a class's file its :meth:`~WorkspaceIndex.dependencies` read beyond the
    outline: the names handed to module-level calls and the module's functions."""
    return frozenset(facts.call_args), tuple(facts.functions)


class EditorClasses:
    """The class rules' findings kept by an editor's workspace between checks, per class,
    while the class's facts are the same object, the spec is, and what
    :meth:`WorkspaceIndex.dependencies` gives for it is equal (with the spec file's name and
    the decisions found on it: whether a target names a class or a member of one depends on
    the workspace's other classes too).

    Each check begins by finding the classes whose dependencies may differ from the last
    check's (:meth:`begin`). When the workspace's outline (how names, bases and subclasses
    resolve: :class:`Outlines`), the index's digest of foreign stores and distinctive
    owners, the spec and its name are as they were, those are the classes of a file whose
    call arguments or functions changed, and each class whose facts are a new object with
    its bases and subclasses (whose interface and places its dependencies cite) and the
    ancestors of its subclasses of more than one base (whose dependencies cite it); a class
    checked by the last check and none of those keeps its findings without its dependencies
    made again. Any other class has them made and compared.
    """

    def __init__(self, outlines: Outlines) -> None:
        self._outlines = outlines
        #: Per class key: its facts, the spec, its dependencies, findings, check last held.
        self._kept: dict[tuple[str, str], list[Any]] = {}
        self._check = 0
        #: The last check's outline, foreign digest, spec and display, then its files.
        self._state: tuple = ()
        self._files: dict[str, tuple[FileFacts, tuple]] = {}
        #: The classes whose dependencies may have changed (None: any may have).
        self._changed: set[tuple[str, str]] | None = None
        self._spec: object = None

    def begin(self, index: WorkspaceIndex, spec: object, display: str) -> None:
        """Start a check of ``index`` against ``spec`` (named ``display``)."""
        self._check += 1
        self._spec = spec
        state = (self._outlines.of(index), index._foreign_digest, spec, display)
        last = self._state
        same = bool(last) and (
            state[0] is last[0] and state[1] == last[1] and spec is last[2] and display == last[3]
        )
        self._state = state
        files: dict[str, tuple[FileFacts, tuple]] = {}
        changed: set[tuple[str, str]] = set()
        for path, facts in index.files.items():
            known = self._files.get(path)
            if known is not None and known[0] is facts:
                files[path] = known
                continue
            files[path] = (facts, _file_level(facts))
            if same and known is not None:
                same = self._changed_in(index, path, known, files[path], changed)
        self._files = files
        self._changed = changed if same else None

    def _changed_in(
        self,
        index: WorkspaceIndex,
        path: str,
        before: tuple[FileFacts, tuple],
        now: tuple[FileFacts, tuple],
        changed: set[tuple[str, str]],
    ) -> bool:
        """Add to ``changed`` the classes a file's new facts may change the dependencies of:
        all of its own if its module level changed, else its new classes' hierarchies (and
        the ancestors of their descendants of more than one base: see
        :meth:`WorkspaceIndex.descendants_bases`).
        False when any class may be one of them: a plain enum's new facts (what it defines
        decides its members' uses in whichever class holds one)."""
        refs = index.classes_in(path)
        if before[1] != now[1]:
            changed.update(ref.key for ref in refs)
            return True
        old = {id(cls) for cls in before[0].classes}  # (kept alive by ``before``)
        for ref in refs:
            if id(ref.cls) not in old:  # (its own facts are new: not kept, see :meth:`kept`)
                if is_plain_enum(ref.cls):
                    return False
                changed.update(b.key for b in index.bases(ref).classes)
                for sub in index.subclasses(ref):
                    changed.add(sub.key)
                    if len(sub.cls.bases) > 1:  # (its other bases' hierarchies read ``ref``)
                        changed.update(b.key for b in index.bases(sub).classes)
        return True

    def kept(self, ref: ClassRef) -> list[Finding] | None:
        """``ref``'s findings, if the last check held them and nothing of what they depend
        on may have changed since."""
        kept = self._kept.get(ref.key)
        if (
            kept is None
            or kept[4] != self._check - 1
            or kept[0] is not ref.cls
            or self._changed is None
            or ref.key in self._changed
        ):
            return None
        kept[4] = self._check
        return kept[3]

    def same(self, ref: ClassRef, context: tuple) -> list[Finding] | None:
        """``ref``'s findings, if they were found with these dependencies (``context``)."""
        kept = self._kept.get(ref.key)
        if kept is None or kept[0] is not ref.cls or kept[1] is not self._spec:
            return None
        if kept[2] != context:
            return None
        kept[4] = self._check
        return kept[3]

    def put(self, ref: ClassRef, context: tuple, found: list[Finding]) -> None:
        """Keep ``ref``'s findings, found with ``context``."""
        self._kept[ref.key] = [ref.cls, self._spec, context, found, self._check]
