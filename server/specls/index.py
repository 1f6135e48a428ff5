"""The workspace index: classes across files, their bases and subclasses, and targets.

Built from :class:`~specls.facts.FileFacts` alone, so it can be rebuilt when one file
changes without parsing the others again.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Iterator

from specls.facts import NO_NAMES, ClassFacts, FileFacts, interface_of, layout_of, sites_of
from specls.kinds import ARITHMETIC_DUNDERS, DISTINCTIVE
from specls.records import field, record

#: Bases that add no instance attributes a subclass could rely on without assigning them.
_EMPTY_BASES = {"object", "Generic", "ABC", "abc.ABC", "typing.Generic"}
#: The names whose owners :attr:`WorkspaceIndex.distinctive_owners` lists.
_DISTINCTIVE_NAMES = frozenset(
    {
        *DISTINCTIVE,
        "__getitem__",
        *ARITHMETIC_DUNDERS.values(),
        *("__i" + d[2:] for d in ARITHMETIC_DUNDERS.values()),
    }
)
_BUILTIN_CLASSES = {
    name: frozenset(dir(obj))
    for name, obj in vars(builtins).items()
    if isinstance(obj, type) and issubclass(obj, BaseException)
}


#: How many classes no longer in the workspace an index's :meth:`WorkspaceIndex.sites` may
#: still hold (with their facts) before the next index keeps only those of its own.
_GONE_SITES = 64
#: How many classes of the files changed an index may patch in what it takes over from
#: the one it replaces even when they are most of the workspace's (see :func:`_changed_files`).
_PATCHED_CLASSES = 32
#: The bases of a plain enum (see :meth:`WorkspaceIndex.plain_enum`).
_PLAIN_ENUM_BASES = frozenset({"Enum", "enum.Enum"})


def is_plain_enum(cls: ClassFacts) -> bool:
    """Whether ``cls`` derives from ``Enum`` alone (see :meth:`WorkspaceIndex.plain_enum`)."""
    return len(cls.bases) == 1 and cls.bases[0] in _PLAIN_ENUM_BASES


#: How the extraction marks an assignment of ``Name.MEMBER`` (see ``specls.extract``).
ENUM_VIA = "enum:"


def enum_candidate(via: str) -> str:
    """The name an assignment's ``via`` may make an enum member of: ``Status`` for
    ``enum:Status`` (``Status.OPEN``) and for ``Status`` (``Status(text)``), else ``""``."""
    if via.startswith(ENUM_VIA):
        return via[len(ENUM_VIA) :]
    return via if "." not in via and via[:1].isupper() else ""


@record()
class ClassRef:
    """One class of the workspace and the file it is in (not changed once made: an index
    builds one per class, so it is a plain dataclass, cheaper to make than a frozen one)."""

    file: FileFacts
    cls: ClassFacts
    #: ``(path, qualname)``: names the class across rebuilds of the index (made once: the
    #: rules look it up about fifty times per class)
    key: tuple[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.key = (self.file.path, self.cls.qualname)

    @property
    def dotted(self) -> str:
        return f"{self.file.module}.{self.cls.qualname}" if self.file.module else self.cls.qualname


@record(frozen=True)
class Bases:
    """The resolved ancestors of a class (nearest first) and whether all were resolved."""

    classes: list[ClassRef]
    complete: bool
    builtin_names: frozenset[str]


#: What most classes have: no subclass, and no base but builtins that add nothing (shared
#: answers of :meth:`WorkspaceIndex.bases` and :meth:`WorkspaceIndex.subclasses`: read-only).
_NO_CLASSES: list[ClassRef] = []
_NO_BASES = Bases(_NO_CLASSES, True, NO_NAMES)


def _changed_files(files: dict[str, FileFacts], previous: WorkspaceIndex | None) -> set[str] | None:
    """The paths whose facts differ from those of the index replaced (``previous``) while
    every outline that resolving bases reads is the same (:func:`_same_outline`), the same
    files in the same order; None when that is not so (or there is no index replaced), and
    when the files changed hold many classes, most of the workspace's (as in a workspace of
    one file): a fresh build then costs less than patching what holds them."""
    if previous is None:
        return None
    before = previous.files
    if len(before) != len(files):
        return None
    changed = set()
    for (path, facts), old in zip(files.items(), before.items(), strict=True):
        if old[0] != path:
            return None
        if old[1] is not facts:
            changed.add(path)
    moved = sum(len(previous.by_path.get(path, ())) for path in changed)
    if moved > _PATCHED_CLASSES and moved * 4 > len(previous.classes):
        return None
    if not all(_same_outline(before[path], files[path]) for path in changed):
        return None
    return changed


def _same_outline(old: FileFacts, new: FileFacts) -> bool:
    """Whether two facts of a file agree on all that resolving classes' bases reads: the
    module, the imports, and each class's qualified name, name and bases as written."""
    return (
        old.module == new.module
        and old.imports == new.imports
        and len(old.classes) == len(new.classes)
        and all(
            a.qualname == b.qualname and a.name == b.name and list(a.bases) == list(b.bases)
            for a, b in zip(old.classes, new.classes, strict=True)
        )
    )


#: What a file holds for :meth:`WorkspaceIndex.holders`: its classes using other objects'
#: attributes, those passing ``self``, whether its functions use other objects' attributes.
_Holding = tuple[
    list[tuple[FileFacts, "ClassRef | None"]], list[tuple[FileFacts, "ClassRef | None"]], bool
]


class WorkspaceIndex:
    """Classes and cross-file facts of a set of files."""

    def __init__(self, files: Iterable[FileFacts], previous: WorkspaceIndex | None = None) -> None:
        """The index of ``files``; ``previous``, the index this one replaces, hands over
        what it found of the classes still there (see :meth:`sites`), and, when the files
        are the same but for facts whose outline is unchanged (see :func:`_same_outline`:
        an edit inside a function), everything derived from the outlines: how every
        class's bases resolve, the classes by name and by file (the ``ClassRef`` of every
        class whose facts are the same object), and :attr:`outline_memo`. An editor's
        keystroke rebuilds the index: in Django's workspace that took 19.5 ms, most of it
        resolving the bases of 1,910 classes."""
        self.files: dict[str, FileFacts] = {f.path: f for f in files}
        self.classes: list[ClassRef] = []
        self.by_name: dict[str, list[ClassRef]] = {}
        self.by_path: dict[str, list[ClassRef]] = {}
        self.foreign_stores: set[str] = set()
        #: The classes defining each of :data:`specls.kinds.DISTINCTIVE`'s methods (and
        #: ``__getitem__``): a workspace class may have what builtins keep apart.
        self.distinctive_owners: dict[str, set[tuple[str, str]]] = {}
        #: What rules derive from the files' outlines alone (:func:`_same_outline`: no
        #: ``ClassRef`` or facts, only names and keys), handed to an index replacing this
        #: one while the outlines are the same.
        self.outline_memo: dict[str, object] = {}
        #: Each class's resolved direct bases (see :meth:`_direct_bases`), found once.
        self._direct: dict[tuple[str, str], tuple[list[ClassRef], bool, frozenset[str]]] = {}
        #: What :meth:`holders` found of each file, by the id of its facts (held with them).
        self._file_holders: dict[int, tuple[FileFacts, _Holding]] = {}
        self._holders: list[list[tuple[FileFacts, ClassRef | None]] | None] = [None, None]
        #: Whether this index replaced one with the same outlines (:meth:`_take_over`): an
        #: editor's, whose next index will likely take over from it in turn; only such an
        #: index keeps what costs more to keep than to find once (:meth:`holders`,
        #: :meth:`names_reached`).
        self._taken_over = False
        changed = _changed_files(self.files, previous)
        if previous is not None and changed is not None:
            self._take_over(previous, changed)
        else:
            self._build()
        self._foreign_digest = hash(
            (
                frozenset(self.foreign_stores),
                frozenset((n, frozenset(o)) for n, o in self.distinctive_owners.items()),
            )
        )
        #: What rules derive from this index alone (kept while the files are unchanged: an
        #: edit of the spec alone keeps the index).
        self.memo: dict[str, object] = {}
        self._subclasses: dict[tuple[str, str], list[ClassRef]] = {}
        self._bases_cache: dict[tuple[str, str], Bases] = {}
        self._descendants: dict[tuple[str, str], list[ClassRef]] = {}
        self._kin: dict[tuple[str, str], Bases] = {}
        for ref in self.classes:
            for base in self._direct_bases(ref)[0]:
                self._subclasses.setdefault(base.key, []).append(ref)
        #: :func:`sites_of` each class, by the id of its facts (held with them: the id
        #: stays theirs), taken over from the index replaced.
        self._sites: dict[int, tuple[ClassFacts, tuple[bool, bool, bool]]] = (
            self._sites_kept(previous._sites) if previous is not None else {}
        )

    def _build(self) -> None:
        """The classes by name and by file, the names stored from outside, the owners of
        distinctive methods and the top packages, from every file."""
        for f in self.files.values():
            self.foreign_stores |= f.foreign_stores
            for cls in f.classes:
                ref = ClassRef(f, cls)
                self.classes.append(ref)
                for name in cls.class_names & _DISTINCTIVE_NAMES:
                    self.distinctive_owners.setdefault(name, set()).add(ref.key)
                self.by_name.setdefault(cls.name, []).append(ref)
                self.by_path.setdefault(f.path, []).append(ref)
        self.top_packages = {f.module.split(".", 1)[0] for f in self.files.values()}

    def _take_over(self, previous: WorkspaceIndex, changed: set[str]) -> None:
        """What :meth:`_build` makes, from ``previous``, whose files' outlines are these,
        the facts of the ``changed`` files aside: their classes' refs are made anew, and
        what their facts tell beyond the outline (names stored from outside, distinctive
        methods) is read again."""
        swap: dict[int, ClassRef] = {}  # id of the replaced index's ref -> this one's
        made: list[ClassRef] = []
        self.by_path = dict(previous.by_path)
        for path in changed:
            f = self.files[path]
            new = [ClassRef(f, cls) for cls in f.classes]
            if new:
                self.by_path[path] = new
            for old, ref in zip(previous.by_path.get(path, ()), new, strict=True):
                swap[id(old)] = ref
            made += new
        self.classes = (
            [swap.get(id(r), r) for r in previous.classes] if swap else [*previous.classes]
        )
        self.by_name = dict(previous.by_name)  # (the lists of names not changed: shared)
        for name in {ref.cls.name for ref in made}:
            self.by_name[name] = [swap.get(id(r), r) for r in previous.by_name[name]]
        before = previous.files
        if all(self.files[p].foreign_stores == before[p].foreign_stores for p in changed):
            self.foreign_stores = set(previous.foreign_stores)
        else:
            for f in self.files.values():
                self.foreign_stores |= f.foreign_stores
        self.distinctive_owners = dict(previous.distinctive_owners)
        names = {
            n
            for path in changed
            for ref in (*previous.by_path.get(path, ()), *self.by_path.get(path, ()))
            for n in ref.cls.class_names & _DISTINCTIVE_NAMES
        }
        for name in names:
            owners = {k for k in previous.distinctive_owners.get(name, ()) if k[0] not in changed}
            owners.update(ref.key for ref in made if name in ref.cls.class_names)
            if owners:
                self.distinctive_owners[name] = owners
            else:
                self.distinctive_owners.pop(name, None)
        self.top_packages = set(previous.top_packages)
        self.outline_memo = previous.outline_memo
        self._file_holders = previous._file_holders  # (this index's refs, where it keeps them)
        self._taken_over = True
        self._direct = self._resolved_kept(previous._direct, changed)

    def _resolved_kept(
        self,
        direct: dict[tuple[str, str], tuple[list[ClassRef], bool, frozenset[str]]],
        changed: set[str],
    ) -> dict[tuple[str, str], tuple[list[ClassRef], bool, frozenset[str]]]:
        """The resolved bases of the index replaced (``direct``: every class's), its
        classes in the ``changed`` files (whose outlines are the same) given as this
        index's (a class missing is resolved when asked for)."""
        if not changed:
            return dict(direct)
        now = {ref.key: ref for path in changed for ref in self.by_path.get(path, ())}
        out = {}
        for key, entry in direct.items():
            for base in entry[0]:  # (a loop, not any(): most classes have no base here)
                if base.file.path in changed:
                    break
            else:
                out[key] = entry
                continue
            found = [now.get(b.key) or b for b in entry[0]]
            if not any(b.file.path in changed and b.key not in now for b in found):
                out[key] = (found, entry[1], entry[2])
        return out

    def _sites_kept(
        self, sites: dict[int, tuple[ClassFacts, tuple[bool, bool, bool]]]
    ) -> dict[int, tuple[ClassFacts, tuple[bool, bool, bool]]]:
        """The index replaced's :meth:`sites`, shared while it holds few classes that are
        gone (a keystroke replaces one), else those of the classes still here."""
        if len(sites) <= len(self.classes) + _GONE_SITES:
            return sites
        return {id(ref.cls): known for ref in self.classes if (known := sites.get(id(ref.cls)))}

    def sites(self, cls: ClassFacts) -> tuple[bool, bool, bool]:
        """:func:`sites_of` a class of the index, found once per class's facts (an editor's
        keystroke makes new facts for the class typed in only)."""
        known = self._sites.get(id(cls))
        if known is not None:
            return known[1]
        found = sites_of(cls)
        self._sites[id(cls)] = (cls, found)
        return found

    def holders(self, which: int) -> list[tuple[FileFacts, ClassRef | None]]:
        """The classes, with their files, whose methods use other objects' attributes
        (``which`` 0; then the files whose functions do, as ``(file, None)``) or pass
        ``self`` to a call (1), in the index's order, as :meth:`sites` tells (the cross-class
        rule's units). What each file holds is kept by its facts from an index replaced
        that kept its refs (:meth:`_take_over`): an editor's keystroke asked every class."""
        found = self._holders[which]
        if found is not None:
            return found
        if not self._taken_over:  # (a check, or an editor's first index: found, not kept)
            sites = self.sites
            found = [(ref.file, ref) for ref in self.classes if sites(ref.cls)[which]]
            if which == 0:
                found += [(f, None) for f in self.files.values() if sites_of(f)[0]]
            self._holders[which] = found
            return found
        kept, fresh = self._file_holders, {}
        classes: list[tuple[FileFacts, ClassRef | None]] = []
        files: list[tuple[FileFacts, ClassRef | None]] = []
        for f in self.files.values():
            entry = kept.get(id(f))
            if entry is None or entry[0] is not f:
                refs = self.by_path.get(f.path, ())
                entry = (
                    f,
                    (
                        [(f, r) for r in refs if self.sites(r.cls)[0]],
                        [(f, r) for r in refs if self.sites(r.cls)[1]],
                        sites_of(f)[0],
                    ),
                )
            fresh[id(f)] = entry
            holding = entry[1]
            classes += holding[which]
            if which == 0 and holding[2]:
                files.append((f, None))
        self._file_holders = fresh
        self._holders[which] = found = classes + files
        return found

    def classes_in(self, path: str) -> list[ClassRef]:
        """The classes defined in one file, in source order."""
        return self.by_path.get(path, [])

    # -- bases and subclasses --------------------------------------------------------------

    @staticmethod
    def _base_name(ref: ClassRef | FileFacts, text: str) -> str:
        """The dotted name base ``text`` of ``ref`` stands for (its imports followed)."""
        name = text.split("[", 1)[0].strip()
        head, _, rest = name.partition(".")
        file = ref.file if isinstance(ref, ClassRef) else ref
        origin = file.imports.get(head)
        if origin is not None:  # `from .base import Loader as BaseLoader`
            name = f"{origin}.{rest}" if rest else origin
        return name

    def base_names(self, ref: ClassRef) -> list[str]:
        """The class names the resolution of ``ref``'s bases looks up (each base's last
        name, its imports followed): it changes only where classes of those names do."""
        return [self._base_name(ref, text).rsplit(".", 1)[-1] for text in ref.cls.bases]

    def names_reached(self, names: set[str]) -> set[str]:
        """``names``, and the names of the classes named one of them or whose bases look one
        up (:meth:`base_names`), and of those classes' subclasses: what a class of one of
        ``names`` changing may change the meaning of. From a map made once per outline
        (:attr:`outline_memo`): an editor's keystroke asked it of every class."""
        reach: dict[str, set[str]] | None = self.outline_memo.get("reach")  # type: ignore[assignment]
        if reach is None and not self._taken_over:  # (a check: the classes asked once)
            out = set(names)
            for ref in self.classes:
                if ref.cls.name in names or not names.isdisjoint(self.base_names(ref)):
                    out.add(ref.cls.name)
                    out.update(sub.cls.name for sub in self.subclasses(ref))
            return out
        if reach is None:
            reach = {}
            for ref in self.classes:
                own = {ref.cls.name, *(sub.cls.name for sub in self.subclasses(ref))}
                for name in {ref.cls.name, *self.base_names(ref)}:
                    reach.setdefault(name, set()).update(own)
            self.outline_memo["reach"] = reach
        out = set(names)
        for name in names:
            out |= reach.get(name, set())
        return out

    def _resolve(self, ref: ClassRef, text: str) -> ClassRef | None:
        return self.resolve_name(ref.file, text, ref.key)

    def resolve_name(
        self, file: FileFacts, text: str, exclude: tuple[str, str] | None = None
    ) -> ClassRef | None:
        """The workspace class ``text`` names in ``file`` (its imports followed), if one
        class only can be meant; ``exclude`` is never the answer (a class is not its base)."""
        name = self._base_name(file, text)
        last = name.rsplit(".", 1)[-1]
        candidates = [c for c in self.by_name.get(last, []) if c.key != exclude]
        if not candidates:
            return None
        if "." in name:
            module = name.rsplit(".", 1)[0]
            dotted = [
                c
                for c in candidates
                if c.file.module == module or c.file.module.endswith("." + module)
            ]
            if len(dotted) == 1:
                return dotted[0]
            # re-exported names (`from pkg import Name` where pkg/__init__ imports it), only
            # when the package is part of the workspace
            top = module.lstrip(".").split(".", 1)[0]
            if len(candidates) == 1 and not dotted and top in self.top_packages:
                return candidates[0]
            return None
        same_file = [c for c in candidates if c.file.path == file.path]
        if len(same_file) == 1:
            return same_file[0]
        return candidates[0] if len(candidates) == 1 else None

    def _direct_bases(self, ref: ClassRef) -> tuple[list[ClassRef], bool, frozenset[str]]:
        cached = self._direct.get(ref.key)
        if cached is None:
            cached = self._direct[ref.key] = self._find_direct_bases(ref)
        return cached

    def _find_direct_bases(self, ref: ClassRef) -> tuple[list[ClassRef], bool, frozenset[str]]:
        found: list[ClassRef] = []
        complete = True
        builtin_names: frozenset[str] = NO_NAMES
        for text in ref.cls.bases:
            name = text.split("[", 1)[0].strip()
            if name in _EMPTY_BASES:
                continue
            if name in _BUILTIN_CLASSES:
                builtin_names |= _BUILTIN_CLASSES[name]
                continue
            base = self._resolve(ref, text)
            if base is None:
                complete = False
            else:
                found.append(base)
        return found, complete, builtin_names

    def bases(self, ref: ClassRef) -> Bases:
        """All ancestors found in the workspace; ``complete`` is false if any is outside it
        (shared: do not change its list)."""
        cached = self._bases_cache.get(ref.key)
        if cached is not None:
            return cached
        out: list[ClassRef] = []
        complete = True
        names: frozenset[str] = NO_NAMES
        seen = {ref.key}
        todo = [ref]
        while todo:
            current = todo.pop(0)
            direct, ok, builtin_names = self._direct_bases(current)
            complete = complete and ok and not current.cls.dynamic
            if builtin_names:  # (an empty union is still a new 216-byte set)
                names |= builtin_names
            for b in direct:
                if b.key not in seen:
                    seen.add(b.key)
                    out.append(b)
                    todo.append(b)
        # (most classes have no base but builtins that add nothing: one shared answer)
        result = Bases(out, complete, names) if out or names or not complete else _NO_BASES
        self._bases_cache[ref.key] = result
        return result

    def subclasses(self, ref: ClassRef) -> list[ClassRef]:
        """All descendants of ``ref`` in the workspace (a shared list: do not change it)."""
        cached = self._descendants.get(ref.key)
        if cached is not None:
            return cached
        out: list[ClassRef] = []
        seen = {ref.key}
        todo = [ref]
        while todo:
            for sub in self._subclasses.get(todo.pop().key, []):
                if sub.key not in seen:
                    seen.add(sub.key)
                    out.append(sub)
                    todo.append(sub)
        self._descendants[ref.key] = found = out or _NO_CLASSES
        return found

    def descendants_bases(self, ref: ClassRef) -> Bases:
        """The ancestors of ``ref``'s descendants that are not of its hierarchy (``C``'s
        ``M`` for ``B(A)``, ``C(B, M)`` and ``A``: what ``C`` has besides ``A``, which rules
        on ``A`` read), and whether every base of those descendants was found (shared: do
        not change its list). Only a descendant of more than one base has any: the one base
        of another is of the hierarchy."""
        cached = self._kin.get(ref.key)
        if cached is not None:
            return cached
        subclasses = self.subclasses(ref)
        mixed = [s for s in subclasses if len(s.cls.bases) > 1]
        result = _NO_BASES
        if mixed:
            seen = {ref.key, *(b.key for b in self.bases(ref).classes)}
            seen.update(s.key for s in subclasses)
            out: list[ClassRef] = []
            complete = True
            for sub in mixed:
                bases = self.bases(sub)
                complete = complete and bases.complete
                for b in bases.classes:
                    if b.key not in seen:
                        seen.add(b.key)
                        out.append(b)
            if out or not complete:
                result = Bases(out, complete, NO_NAMES)
        self._kin[ref.key] = result
        return result

    def raised_classes(self, ref: ClassRef) -> tuple:
        """How the workspace resolves the exceptions the methods of ``ref`` and its bases
        raise (or list under Raises) when a class of the workspace has the name: each
        such class's bases as written and its ancestors' names (what tells a behaviour
        decision's exception among them: a part of :meth:`dependencies`)."""
        by_name = self.by_name
        names: set[str] = set()
        for c in [ref, *self.bases(ref).classes]:
            for m in c.cls.methods.values():
                flow = m.flow
                if flow is None:
                    continue
                for r in flow.raises:
                    if r.explicit:
                        names.update(e for e in r.excs if e in by_name)
                for n, _, _ in flow.doc_raises:
                    last = n.rsplit(".", 1)[-1]
                    if last in by_name:
                        names.add(last)
        return tuple(
            (
                name,
                tuple(
                    (f.key, tuple(f.cls.bases), tuple(b.cls.name for b in self.bases(f).classes))
                    for f in self.find_class(name)
                ),
            )
            for name in sorted(names)
        )

    def plain_enum(self, file: FileFacts, name: str) -> ClassRef | None:
        """The workspace class ``name`` names in ``file`` (its imports followed) when it is a
        plain ``Enum`` (whose members never equal their values: not ``str, Enum``,
        ``StrEnum`` or ``IntEnum``), else None."""
        if name in file.imports:
            found = self.resolve_name(file, name)
        else:  # (a parameter annotated with an enum of the module, defined once)
            own = [c for c in self.classes_in(file.path) if c.cls.qualname == name]
            found = own[0] if len(own) == 1 and name not in file.functions else None
        if found is None:
            return None
        return found if is_plain_enum(found.cls) else None

    def imported_enums(self, ref: ClassRef) -> tuple[tuple[str, str, frozenset[str]], ...]:
        """The names a class's attributes are assigned members of (or calls of, or
        parameters annotated with) that are plain enums, with the path of each and the names
        it defines (which decide what a member's use may call): what :meth:`plain_enum`
        answers for the class (a part of its :meth:`dependencies`)."""
        names = {enum_candidate(e.via) for e in ref.cls.evidence if e.via and e.kinds is None}
        names.discard("")
        if not names:
            return ()
        out = []
        for name in sorted(n for n in names if n):
            found = self.plain_enum(ref.file, name)
            if found is not None:
                out.append((name, found.file.path, frozenset(found.cls.class_names)))
        return tuple(out)

    def dependencies(self, ref: ClassRef, behaviour: bool = True) -> tuple:
        """What a class's findings depend on outside the class itself; equal keys mean the
        findings computed before still hold. ``behaviour``: whether behaviour decisions
        apply to the class (false leaves out how the exceptions it raises resolve, which
        only those read: a walk of its methods and its bases')."""
        bases = self.bases(ref)
        subclasses = self.subclasses(ref)
        kin = self.descendants_bases(ref)
        return (
            tuple(interface_of(b.cls) for b in bases.classes),
            # (their findings cite the places of bases and subclasses: related, fixes)
            tuple((b.file.path, b.cls.span.line, layout_of(b.cls)) for b in bases.classes),
            bases.complete,
            bases.builtin_names,
            tuple(interface_of(s.cls) for s in subclasses),
            tuple((s.file.path, s.cls.span.line, layout_of(s.cls)) for s in subclasses),
            tuple((k.key, interface_of(k.cls)) for k in kin.classes),
            kin.complete,
            self.is_mixed_in(ref),
            len(self.by_name.get(ref.cls.name, ())),
            ref.cls.name in ref.file.call_args,
            self._foreign_digest,
            self.imported_enums(ref) if ref.file.imports else (),
            self.raised_classes(ref) if behaviour else (),
        )

    def is_mixed_in(self, ref: ClassRef) -> bool:
        """Whether ``ref`` is a base next to other bases somewhere (a mixin)."""
        for sub in self._subclasses.get(ref.key, []):
            if len(sub.cls.bases) > 1:
                return True
        return ref.cls.name.endswith("Mixin")

    # -- targets ---------------------------------------------------------------------------

    def find_class(self, dotted: str) -> list[ClassRef]:
        """Classes whose dotted name is ``dotted`` or ends with ``.dotted``."""
        last = dotted.rsplit(".", 1)[-1]
        return [ref for ref in self.by_name.get(last, ()) if self.names(ref, dotted)]

    @staticmethod
    def names(ref: ClassRef, dotted: str) -> bool:
        """Whether ``dotted`` names the class ``ref``: its dotted name, a dotted end of it,
        or its qualified name (what :meth:`find_class` finds)."""
        full = ref.dotted
        return full == dotted or full.endswith("." + dotted) or ref.cls.qualname == dotted

    def resolve_target(self, target: str) -> Iterator[tuple[ClassRef, str | None]]:
        """Classes a target names, with the member it names (``None`` for the class itself)."""
        found = False
        for ref in self.find_class(target):
            found = True
            yield ref, None
        if found or "." not in target:
            return
        owner, member = target.rsplit(".", 1)
        for ref in self.find_class(owner):
            yield ref, member

    def module_function_exists(self, target: str) -> bool:
        """Whether ``target`` names a module-level function of the workspace."""
        if "." not in target:
            return any(target in f.functions for f in self.files.values())
        module, name = target.rsplit(".", 1)
        return any(
            name in f.functions and (f.module == module or f.module.endswith("." + module))
            for f in self.files.values()
        )

    def member_exists(self, ref: ClassRef, member: str) -> bool:
        """Whether a class (or an ancestor) defines, assigns or declares ``member``."""
        for c in [ref, *self.bases(ref).classes]:
            cls = c.cls
            if (
                member in cls.class_names
                or member in cls.writes
                or any(cl.attr == member for cl in cls.claims)
            ):
                return True
        return False
