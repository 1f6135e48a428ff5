"""R101 and R105 across classes: what one class does with another class's attributes.

- ``self.inventory = Inventory()`` then ``self.inventory.stock.append(x)`` where every
  assignment of ``Inventory.stock`` makes a dict: R101 at the use, related to the assignments.
- ``def merge(self, other: "Order")`` reading ``other.total_cost``, or ``self`` passed to a
  static method or a function that reads ``order._total``, where nothing of ``Order`` (its
  class, bases and subclasses) provides the name: R105 at the read.

A workspace rule: the classes involved may be in other files, so its findings are not
cached per class. Each reach costs a few index lookups; the uses are listed once per index.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import Any

from specls.facts import Evidence, FileFacts, MethodFacts, Param, Reach
from specls.findings import Finding, Fix, Related, Severity
from specls.index import ClassRef
from specls.kinds import DISTINCTIVE, FAMILY_NOUN, FAMILY_TYPE, describe, doc_type_text, families
from specls.records import record, replace
from specls.rules import RuleContext
from specls.rules.members import _closed, _definition_related, _family, _suggest
from specls.rules.representation import kebab, target_name

#: ``Inventory(...)`` / ``models.Inventory(...)`` assigned: the class it makes.
_CONSTRUCTED = re.compile(r"((?:[A-Za-z_]\w*\.)*[A-Z]\w*)\(.*", re.S)
#: A call assigned: what it calls (group 1).
_CALLED = re.compile(r"((?:[A-Za-z_]\w*\.)*[A-Za-z_]\w*)\(.*", re.S)
#: An annotation naming one class, possibly optional: the class's name (group 1).
_ANNOTATED = re.compile(
    r"[\"']?(?:Optional\[)?((?:[A-Za-z_]\w*\.)*[A-Z]\w*)(?:\]|\s*\|\s*None)?[\"']?"
)


@record(frozen=True)
class _Site:
    """A function with reaches: its file, its class (None for a module function)."""

    file: FileFacts
    owner: ClassRef | None
    fn: MethodFacts


def check(ctx: RuleContext) -> Iterator[Finding]:
    """R101 and R105 findings on uses of other classes' attributes."""
    units = ctx.units if ctx.stored is None else None
    if units is not None:
        units.begin(ctx.index)
    for file, owner in _holders(ctx, 0):
        if ctx.only is not None and file.path not in ctx.only:
            continue
        yield from _unit(ctx, ("reaches", file, owner), partial(_reaches, file=file, owner=owner))
    yield from _passed_self(ctx)
    if units is not None:
        units.finish(ctx.only)


def _holders(ctx: RuleContext, which: int) -> list[tuple[FileFacts, ClassRef | None]]:
    """The classes (and files, for their functions) whose functions use other objects'
    attributes (``which`` 0) or pass ``self`` to a call (1), in the index's order; told by
    :func:`~specls.facts.sites_of` (:meth:`~specls.index.WorkspaceIndex.holders`), without
    loading the other classes' methods."""
    return ctx.index.holders(which)


def _unit(
    ctx: RuleContext, ident: tuple, compute: Callable[[RuleContext], Iterable[Any]]
) -> list[Any]:
    """What ``compute`` gives for one holder (``ident``: what, its file, its class), from
    the last run when the files it read are unchanged (:mod:`specls.incremental`); else
    computed, through an index that notes the files each lookup reaches."""
    stored = ctx.stored or ctx.units
    if stored is None:
        return list(compute(ctx))
    what, file, owner, *rest = ident
    key = (what, file.path, owner.cls.qualname if owner else None, *rest)
    if owner is not None:
        key += (owner.cls.span.line, owner.cls.span.col)
    kept = stored.get_unit(key)
    if kept is not None:
        return kept
    noting = Noting(ctx.index, {file.path})
    if owner is not None:
        noting.classes.append(owner)
    found = list(compute(replace(ctx, index=noting)))
    stored.put_unit(key, noting, found)
    return found


def _reaches(ctx: RuleContext, file: FileFacts, owner: ClassRef | None) -> Iterator[Finding]:
    """R101 and R105 at the uses of other objects' attributes in one class's methods (a
    file's functions, ``owner`` None)."""
    fns = owner.cls.methods.values() if owner is not None else file.function_facts
    for fn in fns:
        if not fn.reaches:
            continue
        site = _Site(file, owner, fn)
        for reach in fn.reaches:
            if reach.kinds is not None:
                if owner is not None:
                    yield from _chain(ctx, site, reach)
            elif reach.base.startswith("self."):
                if owner is not None:
                    yield from _held_read(ctx, site, reach)
            else:
                yield from _annotated(ctx, site, reach)


class Noting:
    """The index, noting in ``touched`` the file of every class its lookups give (what a
    crossclass finding may depend on beyond the workspace's outline), and in ``classes``
    the classes themselves (the editor keeps a unit while those facts are the same objects:
    :class:`specls.incremental.EditorUnits`)."""

    def __init__(self, index: Any, touched: set[str]) -> None:
        self._index = index
        self.touched = touched
        self.classes: list[ClassRef] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._index, name)

    def _note(self, found: Iterable[ClassRef]) -> None:
        for c in found:
            self.touched.add(c.file.path)
            self.classes.append(c)

    def resolve_name(self, file: FileFacts, text: str, exclude: Any = None) -> ClassRef | None:
        ref = self._index.resolve_name(file, text, exclude)
        if ref is not None:
            self._note((ref,))
        return ref

    def bases(self, ref: ClassRef) -> Any:
        found = self._index.bases(ref)
        self._note(found.classes)
        return found

    def subclasses(self, ref: ClassRef) -> list[ClassRef]:
        found = self._index.subclasses(ref)
        self._note(found)
        return found

    def find_class(self, dotted: str) -> list[ClassRef]:
        found = self._index.find_class(dotted)
        self._note(found)
        return found

    def classes_in(self, path: str) -> list[ClassRef]:
        self.touched.add(path)
        found = self._index.classes_in(path)
        self.classes.extend(found)
        return found


def _where(site: _Site) -> str:
    if site.owner is None:
        return f"`{site.fn.name}`"
    return f"`{site.owner.cls.name}.{site.fn.name}`"


# -- self.inventory.stock.append(x) ---------------------------------------------------------


def _memo(ctx: RuleContext, name: str) -> dict:
    """The index's memo ``name``; a fresh one while a unit's lookups are noted (see
    :func:`_unit`): what one unit put there would hide from the next the files it read."""
    if isinstance(ctx.index, Noting):
        return {}
    return ctx.index.memo.setdefault(name, {})  # type: ignore[return-value]


def _touch(ctx: RuleContext, path: str) -> None:
    """Note that a unit read file ``path`` by another way than the index's lookups."""
    if isinstance(ctx.index, Noting):
        ctx.index.touched.add(path)


def _held_class(ctx: RuleContext, ref: ClassRef, attr: str) -> tuple[ClassRef, bool] | None:
    """:func:`_find_held_class`, once per class and attribute of an index."""
    memo = _memo(ctx, "held-classes")
    key = (id(ref.cls), attr)  # (not ``ref.key``: a class defined twice in a file is two)
    if key not in memo:  # type: ignore[operator]
        memo[key] = _find_held_class(ctx, ref, attr)  # type: ignore[index]
    return memo[key]  # type: ignore[index]


def _declared(param: Param) -> str:
    """A parameter's annotation, else its docstring type (``inv (Inventory): ...``)."""
    return param.annotation or (doc_type_text(param.doc_type) if param.doc_type else "")


def _find_held_class(ctx: RuleContext, ref: ClassRef, attr: str) -> tuple[ClassRef, bool] | None:
    """The one workspace class ``self.attr`` holds an instance of, and whether exactly that
    class (not a subclass): every assignment in the class constructs it or assigns a
    parameter annotated with it (``None`` aside), and nothing else assigns the name."""
    cls = ref.cls
    if attr in ctx.index.foreign_stores or attr in cls.polymorphic or cls.dynamic:
        return None
    names = set()
    exact = True
    for m in cls.mutations:
        if m.attr != attr or m.op in ("call", "arg"):
            continue  # (`self.inventory.add(x)`, `heappush(self.heap, x)`: the same object)
        if m.op != "=":
            return None
        if m.detail == "None":
            continue
        match = _CONSTRUCTED.fullmatch(m.detail)
        home = ref.file
        if match is None:
            exact = False
            method = cls.methods.get(m.method)
            param = next((p for p in method.params if p.name == m.detail), None) if method else None
            if param is not None:
                match = _ANNOTATED.fullmatch(_declared(param))
            else:  # `make_inventory()`, `self.load()`: a callee annotated to return the class
                callee = _callee(ctx, ref, m.detail)
                if callee is not None:
                    home, fn = callee
                    match = _ANNOTATED.fullmatch(fn.returns)
        if match is None:
            return None
        names.add((home.path, match.group(1)))
    if len(names) != 1:
        return None
    if any(attr in sub.cls.writes for sub in ctx.index.subclasses(ref)):
        return None
    if any(attr in b.cls.writes for b in ctx.index.bases(ref).classes):
        return None
    path, name = next(iter(names))
    home = ctx.index.files[path]
    target = ctx.index.resolve_name(home, name)
    if target is None or "__new__" in target.cls.class_names:
        return None
    if not _in_named_module(ctx, home, name, target):
        return None
    return target, exact


def _in_named_module(ctx: RuleContext, file: FileFacts, text: str, target: ClassRef) -> bool:
    """Whether ``target`` is in the module ``text`` names (``queue.SimpleQueue``, its imports
    followed), or in a package of that name that re-exports it: not a class of the same
    name elsewhere (``multiprocessing.queues.SimpleQueue`` for ``queue.SimpleQueue``, which
    is not a class of the workspace)."""
    name = ctx.index._base_name(file, text)
    module = name.rpartition(".")[0].lstrip(".")
    if not module:
        return True
    found = target.file.module
    return found == module or found.endswith("." + module) or found.startswith(module + ".")


def _callee(ctx: RuleContext, ref: ClassRef, value: str) -> tuple[FileFacts, MethodFacts] | None:
    """The function a call assigned (``make()``, ``self.load()``) runs, with its file: a
    method of the class or its bases (through ``self``), or a module function of the
    class's file or imported from the workspace; None when another may run."""
    match = _CALLED.fullmatch(value)
    if match is None:
        return None
    head, _, name = match.group(1).rpartition(".")
    if head == "self":
        if any(name in sub.cls.class_names for sub in ctx.index.subclasses(ref)):
            return None  # overridden: a subclass's may return another class
        for c in [ref, *ctx.index.bases(ref).classes]:
            m = c.cls.methods.get(name)
            if m is not None:
                return c.file, m
            if name in c.cls.class_names:
                return None
        return None
    if head:
        return None
    file = ref.file
    if name in file.functions:
        fns = [f for f in file.function_facts if f.name == name]
        return (file, fns[0]) if len(fns) == 1 else None
    origin = file.imports.get(name)
    if origin is None or "." not in origin:
        return None
    module, _, short = origin.rpartition(".")
    f = _modules(ctx).get(module)
    if f is None:
        return None
    _touch(ctx, f.path)  # (what the function returns is read there)
    fns = [x for x in f.function_facts if x.name == short]
    return (f, fns[0]) if len(fns) == 1 else None


def _member_kinds(
    ctx: RuleContext, ref: ClassRef, member: str, exact: bool
) -> tuple[frozenset[str], list[Evidence]] | None:
    """The kinds every assignment of ``member`` in ``ref`` and its bases makes (one family,
    placeholders aside; its subclasses too unless ``exact``), with those assignments; None
    when any is unknown or another object may set it."""
    bases = ctx.index.bases(ref)
    if not bases.complete or member in ctx.index.foreign_stores:
        return None
    held: list[Evidence] = []
    below = [] if exact else ctx.index.subclasses(ref)
    for c in [ref, *bases.classes, *below]:
        cls = c.cls
        if member in cls.methods or member in cls.polymorphic or member in cls.guarded:
            return None
        if any(cl.attr == member for cl in cls.claims):
            return None  # a claim is R103's to compare, on the class itself
        held += [e for e in cls.evidence if e.attr == member and e.role == "held"]
    if not held or any(e.kinds is None for e in held):
        return None
    real = [e for e in held if not e.falsy]
    kinds = frozenset(k for e in real for k in e.kinds or ())
    if len(families(kinds)) != 1 or kinds == {"bool"}:
        return None
    return kinds, real


def _chain(ctx: RuleContext, site: _Site, reach: Reach) -> Iterator[Finding]:
    owner = site.owner
    assert owner is not None
    attr = reach.base.removeprefix("self.")
    held_class = _held_class(ctx, owner, attr)
    if held_class is None or not reach.kinds:
        return
    target, exact = held_class
    found = _member_kinds(ctx, target, reach.member, exact)
    if found is None:
        return
    kinds, held = found
    if reach.kinds & kinds:
        return
    name = target.cls.name
    used_as = describe(reach.kinds - {"bytes", "bytearray"} or reach.kinds)
    holds = describe(kinds)
    first = held[0]
    where = "the class body" if first.method == "<class>" else f"`{name}.{first.method}`"
    message = (
        f"`{name}.{reach.member}` is used as {used_as} in {_where(site)} "
        f"(through `{reach.base}`, line {reach.span.line + 1}: {reach.what}), but `{name}` "
        f"holds {holds} there ({first.what} in {where}, line {first.span.line + 1}); use it "
        f"as {holds} or change `{name}`"
    )
    related = [
        Related(target.file.path, e.span, f"`{name}.{reach.member}` {e.what}") for e in held[:6]
    ]
    decided = FAMILY_TYPE.get(next(iter(families(kinds))))
    fixes = []
    if decided:
        member_target = target_name(ctx, target, reach.member)
        fixes.append(
            Fix(
                f"Record decision: `{member_target}` is `{decided}` (as `{name}` holds it)",
                "record-decision",
                f"{kebab(name)}-{kebab(reach.member)}",
                {
                    "kind": "representation",
                    "target": member_target,
                    "type": decided,
                    "status": "accepted",
                },
            )
        )
    yield Finding(
        "R101", Severity.WARNING, message, site.file.path, reach.span, None, related, fixes
    )


# -- self.inventory.stok ---------------------------------------------------------------------


def _held_read(ctx: RuleContext, site: _Site, reach: Reach) -> Iterator[Finding]:
    """R105 at ``self.inventory.stok`` when ``self.inventory`` holds one workspace class
    that never provides ``stok``."""
    owner = site.owner
    assert owner is not None
    attr = reach.base.removeprefix("self.")
    held_class = _held_class(ctx, owner, attr)
    if held_class is None:
        return
    target = held_class[0]
    memo = _memo(ctx, "held-family")
    if id(target.cls) not in memo:  # type: ignore[operator]
        own, below = _family(ctx, target)
        memo[id(target.cls)] = own | below  # type: ignore[index]
    if reach.member in memo[id(target.cls)]:  # type: ignore[index]
        return  # (most reads: `_unprovided` would find the same, at more cost)
    name = target.cls.name
    first = next(m for m in owner.cls.mutations if m.attr == attr and m.detail != "None")
    how = f"an `{name}`" if name[:1] in "AEIOU" else f"a `{name}`"
    where = "the class body" if first.method == "<class>" else f"`{first.method}`"
    family = DISTINCTIVE.get(reach.member)
    if family is not None and family in FAMILY_NOUN:
        yield from _container_use(ctx, site, reach, target, family, how, where, first)
        return
    yield from _unprovided(
        ctx,
        site,
        reach,
        target,
        f"`{reach.base}` ({how}, as assigned in {where})",
        [Related(site.file.path, first.span, f"`{reach.base}` is assigned `{first.detail}`")],
    )


# -- other: "Order" reading other.total_cost -------------------------------------------------


def _container_use(
    ctx: RuleContext,
    site: _Site,
    reach: Reach,
    target: ClassRef,
    family: str,
    how: str,
    where: str,
    first: Any,
) -> Iterator[Finding]:
    """R101 at ``self.inventory.append(x)`` when ``self.inventory`` holds a workspace class
    that provides no ``append``: one writer took it for a list (a method only builtin
    containers are known by); R105's gates apply."""
    member = reach.member
    if member in ctx.index.foreign_stores or not _closed(ctx, target):
        return
    own, below = _family(ctx, target)
    if member in own or member in below or "__slots__" in own or "__getattr__" in own:
        return
    owner = site.owner
    assert owner is not None
    attr = reach.base.removeprefix("self.")
    cls = target.cls
    yield Finding(
        "R101",
        Severity.WARNING,
        f"`{owner.cls.name}.{attr}` is used as {FAMILY_NOUN[family]} in {_where(site)} "
        f"(line {reach.span.line + 1}: calls `.{member}()`), but it holds {how} (assigned in "
        f"{where}, line {first.span.line + 1}), which defines no `{member}`; use what "
        f"`{cls.name}` provides, or store {FAMILY_NOUN[family]}",
        site.file.path,
        reach.span,
        None,
        [
            Related(site.file.path, first.span, f"`{reach.base}` is assigned `{first.detail}`"),
            Related(target.file.path, cls.span, f"`{cls.name}` is defined here"),
        ],
    )


def _annotated(ctx: RuleContext, site: _Site, reach: Reach) -> Iterator[Finding]:
    param = next((p for p in site.fn.params if p.name == reach.base), None)
    if param is None or not param.annotation:
        return
    match = _ANNOTATED.fullmatch(param.annotation)
    if match is None:
        return
    target = ctx.index.resolve_name(site.file, match.group(1))
    if target is None:
        return
    how = f"an `{target.cls.name}`" if target.cls.name[:1] in "AEIOU" else f"a `{target.cls.name}`"
    yield from _unprovided(
        ctx,
        site,
        reach,
        target,
        f"`{reach.base}` ({how}, as annotated)",
        [Related(site.file.path, param.span, f"`{reach.base}` is annotated `{param.annotation}`")],
    )


def _unprovided(
    ctx: RuleContext,
    site: _Site,
    reach: Reach,
    target: ClassRef,
    on: str,
    related: list[Related],
) -> Iterator[Finding]:
    """R105 when nothing of ``target`` (class, bases, subclasses) provides ``reach.member``."""
    member = reach.member
    if member in ctx.index.foreign_stores or not _closed(ctx, target):
        return
    own, below = _family(ctx, target)
    if member in own or member in below or "__slots__" in own:
        return
    cls = target.cls
    data = {
        n
        for c in [target, *ctx.index.bases(target).classes]
        for n in set(c.cls.writes) | {cl.attr for cl in c.cls.claims}
    }
    suggestion = _suggest(member, data, 0.6) or _suggest(member, own)
    classes = {c.cls.name.lstrip("_") for c in [target, *ctx.index.bases(target).classes]}
    hint = _hint(suggestion, site, classes) if suggestion else "; assign it or fix the name"
    if suggestion:
        related = [*related, *_definition_related(ctx, target, suggestion)]
    else:
        related = [*related, Related(target.file.path, cls.span, f"`{cls.name}` is defined here")]
    yield Finding(
        "R105",
        Severity.WARNING,
        f"`{cls.name}.{member}` is read on {on} in {_where(site)}, but `{cls.name}` and its "
        f"bases never assign it{hint}",
        site.file.path,
        reach.span,
        None,
        related,
    )


def _hint(suggestion: str, site: _Site, classes: set[str]) -> str:
    """``did you mean `stock`?``; for a private name of one of ``classes`` (``_Order__total``,
    as ``self.__total`` in ``Order`` stores it), the spelling that reads it where the read is."""
    owner, _, private = suggestion[1:].partition("__")
    if not (suggestion.startswith("_") and owner in classes and private):
        return f"; did you mean `{suggestion}`?"
    here = site.owner.cls.name.lstrip("_") if site.owner is not None else None
    if here == owner:
        return f"; did you mean `__{private}`? (`self.__{private}` is stored as `{suggestion}`)"
    return (
        f"; did you mean `__{private}`? It is private to `{owner}` (stored as `{suggestion}`): "
        "read it through a property or a method of the class"
    )


# -- self passed to a static method or a function -------------------------------------------


def _passed_self(ctx: RuleContext) -> Iterator[Finding]:
    """Reads in the functions ``self`` is passed to, of names its class never provides;
    a function that receives ``self`` from several classes is generic and not judged.

    Each class passing ``self`` says where it passes it (:func:`_passes`, kept from the last
    run per class); each function that receives it from one class only is then judged
    (:func:`_received`, kept per function and the calls to it)."""
    receivers: dict[tuple[str, str], list[tuple]] = {}
    reaches = _reaching(ctx, ctx.only) if ctx.only is not None else None
    for file, owner in _holders(ctx, 1):
        assert owner is not None
        if reaches is not None and not reaches(file, owner):
            continue
        for call in _unit(ctx, ("passes", file, owner), partial(_passes, owner=owner)):
            receivers.setdefault(call[0], []).append(call)
    for calls in receivers.values():
        if len({call[1] for call in calls}) != 1:
            continue
        first = calls[0]
        if ctx.only is not None and first[0][0] not in ctx.only:
            continue
        receiver = ctx.index.files.get(first[0][0])
        if receiver is None:
            continue
        yield from _unit(ctx, ("received", receiver, None, first), partial(_received, call=first))


def _reaching(ctx: RuleContext, only: frozenset[str]) -> Callable[[FileFacts, ClassRef], bool]:
    """Whether a class passing ``self`` may pass it to a function in one of the files
    ``only`` names, told from the outline (its file, bases and imports; no method loaded):
    :func:`_receiver` finds a static method of the class or of a base, a function of its
    own file, or one its file imports from a module. A class told no passes nothing to
    those files, so the receivers there are judged on all their callers without it (an
    editor's first check after indexing had loaded every such class of the workspace)."""
    modules = {ctx.index.files[p].module for p in only if p in ctx.index.files}
    modules.discard("")

    def reaches(file: FileFacts, owner: ClassRef) -> bool:
        if file.path in only:
            return True
        if any(origin.rpartition(".")[0] in modules for origin in file.imports.values()):
            return True
        return any(base.file.path in only for base in ctx.index.bases(owner).classes)

    return reaches


def _passes(ctx: RuleContext, owner: ClassRef) -> Iterator[tuple]:
    """Where one class passes ``self``: for each call whose receiving function is found,
    ``(receiver key, caller class key, receiver, parameter, span, caller, caller method)``
    in plain values (the receiver as its file, class and name; the caller as its class)."""
    for fn in owner.cls.methods.values():
        if not fn.passes_self:
            continue
        site = _Site(owner.file, owner, fn)
        for callee, index, span in fn.passes_self:
            found = _receiver(ctx, site, callee, index)
            if found is None:
                continue
            fn_site, param = found
            where = fn_site.owner.cls.qualname if fn_site.owner else ""
            key = (fn_site.file.path, f"{where}.{fn_site.fn.name}")
            at = _place(fn_site.owner) if fn_site.owner else None
            receiver = (fn_site.file.path, at, fn_site.fn.name)
            yield (key, owner.key, receiver, param, span, _place(owner), fn.name)


def _received(ctx: RuleContext, call: tuple) -> Iterator[Finding]:
    """R105 at the reads, in the function ``call`` passes ``self`` to, of names the class
    passing it never provides (unless the function mostly reads names of another type)."""
    _, _, (path, at, name), param, span, caller_at, caller_fn = call
    file = ctx.index.files[path]
    owner = _ref_at(ctx, caller_at)
    if owner is None:
        return
    if at is None:
        fn = next((x for x in file.function_facts if x.name == name), None)
        fn_site = _Site(file, None, fn) if fn is not None else None
    else:
        ref = _ref_at(ctx, at)
        fn = ref.cls.methods.get(name) if ref is not None else None
        fn_site = _Site(file, ref, fn) if fn is not None else None
    if fn_site is None:
        return
    reads = [r for r in fn_site.fn.reaches if r.kinds is None and r.base == param]
    own, below = _family(ctx, owner)
    provided = [r for r in reads if r.member in own or r.member in below]
    if len(reads) - len(provided) > max(1, len(provided)):
        return  # mostly names of another type: the function serves others too
    for reach in reads:
        yield from _unprovided(
            ctx,
            fn_site,
            reach,
            owner,
            f"`{param}` (`self` of `{owner.cls.name}`, passed in `{caller_fn}`)",
            [Related(owner.file.path, span, f"`self` is passed here as `{param}`")],
        )


def _place(ref: ClassRef) -> tuple[str, str, int, int]:
    """Where a class is, in plain values (found again by :func:`_ref_at`)."""
    return (ref.file.path, ref.cls.qualname, ref.cls.span.line, ref.cls.span.col)


def _ref_at(ctx: RuleContext, place: tuple[str, str, int, int]) -> ClassRef | None:
    path, qualname, line, col = place
    for ref in ctx.index.classes_in(path):
        span = ref.cls.span
        if ref.cls.qualname == qualname and span.line == line and span.col == col:
            return ref
    return None


def _receiver(ctx: RuleContext, site: _Site, callee: str, index: int) -> tuple[_Site, str] | None:
    """The function a call passing ``self`` at ``index`` runs, and its parameter there:
    a static method of the class (``self.f``, ``Cls.f``, ``type(self).f``) or a module
    function of the workspace (``f``, imported or not)."""
    owner = site.owner
    assert owner is not None
    head, _, name = callee.rpartition(".")
    if head:
        if head not in ("self", "cls", owner.cls.name, "type(self)"):
            return None
        for c in [owner, *ctx.index.bases(owner).classes]:
            m = c.cls.methods.get(name)
            if m is not None:
                if "staticmethod" not in m.decorators:
                    return None
                return _param_at(_Site(c.file, c, m), index)
            if name in c.cls.class_names:
                return None
        return None
    file = site.file
    if callee in file.functions:
        fn = next((f for f in file.function_facts if f.name == callee), None)
        return _param_at(_Site(file, None, fn), index) if fn is not None else None
    origin = file.imports.get(callee)
    if origin is None or "." not in origin:
        return None
    module, _, name = origin.rpartition(".")
    f = _modules(ctx).get(module)
    if f is not None and isinstance(ctx.index, Noting):
        ctx.index.touched.add(f.path)
    if f is None or name not in f.functions:
        return None
    fn = next((x for x in f.function_facts if x.name == name), None)
    return _param_at(_Site(f, None, fn), index) if fn is not None else None


def _modules(ctx: RuleContext) -> dict[str, FileFacts]:
    """The files by module name (made once per index)."""
    memo = ctx.index.memo
    found = memo.get("modules")
    if found is None:
        found = memo["modules"] = {f.module: f for f in ctx.index.files.values() if f.module}
    return found  # type: ignore[return-value]


def _param_at(site: _Site, index: int) -> tuple[_Site, str] | None:
    sig = site.fn.signature
    if sig is None or index >= len(sig.positional):
        return None
    name = sig.positional[index][0]
    param = next((p for p in site.fn.params if p.name == name), None)
    if param is None or param.annotation:  # an annotated one is judged by its annotation
        return None
    return site, name
