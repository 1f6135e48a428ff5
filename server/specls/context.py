"""The decisions that govern a piece of code, for a writer about to change it.

``specls context TARGET`` (and the agents' hooks and MCP tool, which call the same
functions) resolves a target — a file, ``file:line``, a directory, or a dotted symbol
(``shop.cart.Cart``, ``shop.cart.Cart.lines``) — to the classes, members and modules it
covers, then lists:

1. the decisions that govern them, with their decided values (the renderer of
   :mod:`specls.render`), the most specific first: the member named, then its class, then
   the module, then naming decisions for the whole workspace;
2. the *implicit* decisions: what the code there already decides that nothing records yet
   (``Inventory.items`` is used as a dict keyed by str …), from :mod:`specls.infer`.

The output fits a budget (``max_chars``): what does not fit is counted, never cut mid-way.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from specls import render
from specls.index import ClassRef
from specls.records import field, record
from specls.spec.load import DecisionEntry

if TYPE_CHECKING:
    from specls.engine import Workspace

#: Statuses shown: the decisions a writer must keep to (proposed ones, marked, too).
_SHOWN = ("accepted", "proposed")


class TargetError(ValueError):
    """A target that names nothing in the workspace."""


@record()
class Scope:
    """What a target covers: files, classes, members of classes, modules."""

    label: str
    files: set[str] = field(default_factory=set)
    classes: list[ClassRef] = field(default_factory=list)
    #: ``(class key, member)`` when the target names members (an attribute, a method).
    members: set[tuple[tuple[str, str], str]] = field(default_factory=set)
    modules: set[str] = field(default_factory=set)
    whole: bool = False

    def class_keys(self) -> set[tuple[str, str]]:
        return {ref.key for ref in self.classes}


@record()
class Governing:
    """A decision that governs the scope, and how closely (0: the member itself)."""

    entry: DecisionEntry
    relevance: int
    why: str


@record()
class Context:
    """Everything :func:`gather` found for one or more targets."""

    scopes: list[Scope]
    decisions: list[Governing]
    implicit: list[Any]  # specls.infer.Proposal
    spec_name: str


# -- targets ------------------------------------------------------------------------------


def resolve(ws: Workspace, target: str, cwd: Path | None = None) -> Scope:
    """The scope of a target (see the module's docstring); :class:`TargetError` if none."""
    cwd = cwd or Path.cwd()
    index = ws.index
    path_part, line = _split_line(target)
    path = (cwd / path_part).resolve() if path_part else None
    if path is not None and path.exists():
        if path.is_dir():
            scope = Scope(target, whole=path == ws.settings.root.resolve())
            for key in ws.files:
                if Path(key).is_relative_to(path):
                    _add_file(scope, ws, key)
            if not scope.files:
                raise TargetError(f"{target}: no Python files specls checks there")
            return scope
        key = _file_key(ws, path)
        if key is None:
            raise TargetError(f"{target}: not a file specls checks in this workspace")
        scope = Scope(target)
        if line is None:
            _add_file(scope, ws, key)
            return scope
        return _at_line(scope, ws, key, line)
    # a dotted symbol: a module, a class, or a member of a class
    modules = [f for f in ws.files.values() if f.module == target]
    if modules:
        scope = Scope(target)
        for facts in modules:
            _add_file(scope, ws, facts.path)
        return scope
    found = list(index.resolve_target(target))
    if not found:
        raise TargetError(
            f"{target}: no file, module, class or member of the workspace has this name"
        )
    scope = Scope(target)
    for ref, member in found:
        scope.classes.append(ref)
        scope.files.add(ref.file.path)
        scope.modules.add(ref.file.module)
        if member is not None:
            scope.members.add((ref.key, member))
    return scope


def _split_line(target: str) -> tuple[str, int | None]:
    head, _, tail = target.rpartition(":")
    if head and tail.isdigit():
        return head, int(tail)
    return target, None


def _file_key(ws: Workspace, path: Path) -> str | None:
    if str(path) in ws.files:
        return str(path)
    for key in ws.files:
        if Path(key).resolve() == path:
            return key
    return None


def _add_file(scope: Scope, ws: Workspace, key: str) -> None:
    scope.files.add(key)
    scope.modules.add(ws.files[key].module)
    scope.classes.extend(ws.index.classes_in(key))


def _at_line(scope: Scope, ws: Workspace, key: str, line: int) -> Scope:
    """The innermost class at a 1-based line, and the method there if any; else the file."""
    row = line - 1
    around = [
        ref for ref in ws.index.classes_in(key) if ref.cls.span.line <= row <= ref.cls.end_line
    ]
    if not around:
        _add_file(scope, ws, key)
        return scope
    ref = max(around, key=lambda r: r.cls.span.line)
    scope.classes.append(ref)
    scope.files.add(key)
    scope.modules.add(ref.file.module)
    for method in ref.cls.methods.values():
        end = method.flow.end_line if method.flow is not None else method.span.end_line
        if method.span.line <= row <= end:
            scope.members.add((ref.key, method.name))
            # and the attributes that method touches
            for attr, accesses in [*ref.cls.reads.items(), *ref.cls.writes.items()]:
                if any(a.method == method.name for a in accesses):
                    scope.members.add((ref.key, attr))
    return scope


# -- decisions ----------------------------------------------------------------------------


def governing(ws: Workspace, scope: Scope) -> list[Governing]:
    """The shown decisions that govern ``scope``, the most specific first."""
    index = ws.index
    keys = scope.class_keys()
    members = scope.members
    out: list[Governing] = []
    for entry in ws.spec.decisions.values():
        d = entry.decision
        if d.status not in _SHOWN:
            continue
        target = getattr(d, "target", None)
        best: tuple[int, str] | None = None
        if target:
            for ref, member in index.resolve_target(target):
                if ref.key not in keys and not scope.whole:
                    continue
                if member is not None and (ref.key, member) in members:
                    rank = (0, f"`{ref.cls.name}.{member}`")
                elif member is None and any(k == ref.key for k, _ in members):
                    rank = (0, f"`{ref.cls.name}`")
                else:
                    rank = (1, f"`{ref.cls.name}`")
                best = rank if best is None or rank < best else best
            if best is None and _names_module(target, scope):
                best = (2, "this module")
            if best is None and d.kind == "naming":
                best = None if not _within(target, scope) else (2, f"`{target}`")
        elif d.kind == "value":  # the code that uses its field, within its scope
            from specls.values.uses import governs

            best = governs(ws, scope, d)
        elif d.kind == "naming":
            best = (3, "every name in the workspace")
        if best is not None:
            out.append(Governing(entry, best[0], best[1]))
    out.sort(key=lambda g: (g.relevance, g.entry.span.line))
    return out


def _names_module(target: str, scope: Scope) -> bool:
    """Whether ``target`` names a module of the scope or a function in one."""
    return any(target == m or target.rsplit(".", 1)[0] == m for m in scope.modules if m)


def _within(target: str, scope: Scope) -> bool:
    """Whether a naming decision's target (a module or class) contains the scope."""
    dotted = {*scope.modules, *(ref.dotted for ref in scope.classes)}
    return any(d == target or d.startswith(target + ".") for d in dotted) or scope.whole


def implicit(ws: Workspace, scope: Scope) -> list[Any]:
    """What the code in ``scope`` already decides that no decision records."""
    from specls.infer import Scope as Limit
    from specls.infer import infer

    limit = None
    if not scope.whole:  # (the work done only for what is shown)
        limit = Limit(paths=frozenset(scope.files)) if scope.files else None
    proposals = infer(ws, scope=limit)
    keys = scope.class_keys()
    dotted = {ref.dotted for ref in scope.classes} | scope.modules
    out = []
    for p in proposals:
        target = p.target or ""
        owner = target.rsplit(".", 1)[0]
        if scope.whole or target in dotted or owner in dotted or _in_classes(ws, target, keys):
            out.append(p)
    return out


def _in_classes(ws: Workspace, target: str, keys: set[tuple[str, str]]) -> bool:
    return any(ref.key in keys for ref, _ in ws.index.resolve_target(target))


def gather(
    ws: Workspace, targets: list[str], cwd: Path | None = None, *, implicit_too: bool = True
) -> Context:
    """The context of ``targets`` (each resolved with :func:`resolve`)."""
    scopes = [resolve(ws, t, cwd) for t in targets]
    seen: dict[str, Governing] = {}
    for scope in scopes:
        for g in governing(ws, scope):
            if g.entry.id not in seen or g.relevance < seen[g.entry.id].relevance:
                seen[g.entry.id] = g
    decisions = sorted(seen.values(), key=lambda g: (g.relevance, g.entry.span.line))
    found: dict[str, Any] = {}
    if implicit_too:
        for scope in scopes:
            for p in implicit(ws, scope):
                found.setdefault(p.id, p)
    spec = ws.settings.spec
    return Context(scopes, decisions, list(found.values()), spec.name if spec else "spec.toml")


# -- rendering ------------------------------------------------------------------------------


def markdown(ctx: Context, max_chars: int = 6000) -> str:
    """The context as compact Markdown, within ``max_chars`` (whole entries only)."""
    labels = ", ".join(f"`{s.label}`" for s in ctx.scopes)
    whole = all(s.whole for s in ctx.scopes)
    head = ["# specls: the decisions of this workspace" if whole else f"# specls context: {labels}"]
    head += ["", ""]
    blocks: list[str] = []
    if ctx.decisions:
        blocks.append(
            f"Decisions that govern this code ({ctx.spec_name}). Keep to them; to change one, "
            "supersede it (`specls decide record … --supersedes ID`) rather than diverging."
        )
        for g in ctx.decisions:
            note = "" if g.entry.decision.status == "accepted" else " (proposed: not yet agreed)"
            blocks.append(f"{render.markdown(g.entry, ctx.spec_name)}{note}\n(governs {g.why})")
    else:
        blocks.append(f"No decision in {ctx.spec_name} governs this code yet.")
    if ctx.implicit:
        blocks.append(
            "Implicit decisions: what this code already decides that nothing records yet. "
            "Keep to them too, or record them:"
        )
        blocks.extend(f"- {p.describe()}\n  `{record_command(p)}`" for p in ctx.implicit)
    text, left = "\n".join(head), 0
    for i, block in enumerate(blocks):
        if len(text) + len(block) + 2 > max_chars:
            left = len(blocks) - i
            break
        text += block + "\n\n"
    if left:
        text += f"… and {left} more (raise --max-chars to see them)\n"
    return text.rstrip() + "\n"


def as_json(ctx: Context) -> dict[str, Any]:
    """The context as plain data."""
    return {
        "targets": [s.label for s in ctx.scopes],
        "decisions": [
            {**render.as_json(g.entry, ctx.spec_name), "governs": g.why, "relevance": g.relevance}
            for g in ctx.decisions
        ],
        "implicit": [
            {
                "id": p.id,
                "kind": p.kind,
                "target": p.target,
                "describe": p.describe(),
                "fields": p.fields,
                "record": record_command(p),
            }
            for p in ctx.implicit
        ],
    }


def record_command(p: Any) -> str:
    """The ``specls decide record`` command that records a proposal as it stands."""
    if p.kind == "value":  # (`decide record` takes no value fields: infer writes its own)
        return "specls infer --select value --write"
    return decide_command(dict(p.fields), decision_id=p.id)


def decide_command(
    fields: dict[str, Any], *, decision_id: str | None = None, supersedes: str | None = None
) -> str:
    """A ``specls decide record`` command line for a decision's fields (shell-quoted)."""
    import shlex

    args = ["specls", "decide", "record"]
    order = ["kind", "target", "type", "expr", "when", "raises", "returns", "prefer", "pattern"]
    for key in order:
        if fields.get(key):
            args += [f"--{key}", str(fields[key])]
    for term in fields.get("avoid") or []:
        args += ["--avoid", str(term)]
    for kind in fields.get("applies_to") or []:
        args += ["--applies-to", str(kind)]
    if decision_id:
        args += ["--id", decision_id]
    if supersedes:
        args += ["--supersedes", supersedes]
    return shlex.join(args)
