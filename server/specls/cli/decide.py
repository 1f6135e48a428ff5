"""``specls decide``: every change to the spec's decisions, from the command line.

- ``record --kind K [--target T] [--type … | --expr … | --when … --raises/--returns … |
  --prefer … --avoid … | --pattern … --applies-to …] [--id ID] [--summary S]
  [--rationale R] [--status proposed|accepted] [--supersedes OLD]``
- ``accept ID``, ``reject ID``, ``supersede OLD --by NEW``
- ``list [--status S] [--kind K] [--target T] [--format text|json]``

Writes go through :mod:`specls.spec.record` (validated, confined to the workspace, locked,
compared then swapped); a decision recorded or accepted in a git repository carries
``since``, the commit it was decided at (``specls drift`` reads it). Exit 0 when done, 2
when refused (with why).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from specls.cli.common import EXIT_CLEAN, error, settings_for
from specls.config import ConfigError, Settings

if TYPE_CHECKING:
    from specls.engine import Workspace
    from specls.spec.load import DecisionEntry, Spec

_KINDS = ("representation", "invariant", "naming", "behaviour")
_STATUSES = ("proposed", "accepted", "superseded", "rejected")
#: The options that give a kind its value, and the kinds each belongs to.
_VALUE_OPTIONS = {
    "type": ("representation",),
    "expr": ("invariant",),
    "when": ("behaviour",),
    "raises": ("behaviour",),
    "returns": ("behaviour",),
    "prefer": ("naming",),
    "avoid": ("naming",),
    "pattern": ("naming",),
    "applies_to": ("naming",),
}


def add(sub: argparse._SubParsersAction) -> None:
    decide = sub.add_parser("decide", help="record, accept, reject, supersede or list decisions")
    actions = decide.add_subparsers(dest="action", required=True, parser_class=type(decide))

    rec = actions.add_parser("record", help="record a decision in the spec")
    rec.add_argument("--kind", required=True, choices=_KINDS)
    rec.add_argument("--target", help="dotted target: Class.attr, Class.method, a class …")
    rec.add_argument("--type", help="representation: a type expression (dict[str, int])")
    rec.add_argument("--expr", help="invariant: an expression over self (self.balance >= 0)")
    rec.add_argument("--when", help="behaviour: the edge case in words (the stack is empty)")
    rec.add_argument("--raises", help="behaviour: the exception raised (IndexError)")
    rec.add_argument("--returns", help="behaviour: the value returned instead (None)")
    rec.add_argument("--prefer", help="naming: the preferred term")
    rec.add_argument("--avoid", action="append", help="naming: a term to avoid (repeatable)")
    rec.add_argument("--pattern", help="naming: a pattern names must match")
    rec.add_argument(
        "--applies-to",
        dest="applies_to",
        action="append",
        help="naming: a kind of symbol the pattern names (repeatable)",
    )
    rec.add_argument("--id", dest="decision_id", help="the decision's id (default: from target)")
    rec.add_argument("--summary", help="one line: what was decided")
    rec.add_argument("--rationale", help="why: the forces and the trade-off")
    rec.add_argument("--status", choices=("proposed", "accepted"), default="accepted")
    rec.add_argument("--supersedes", metavar="OLD", help="the decision this one replaces")
    _common(rec)

    for name, what in (("accept", "accept a decision"), ("reject", "reject a decision")):
        p = actions.add_parser(name, help=what)
        p.add_argument("decision_id", metavar="ID")
        _common(p)

    sup = actions.add_parser("supersede", help="mark a decision superseded by another")
    sup.add_argument("old", metavar="OLD")
    sup.add_argument("--by", required=True, metavar="NEW", help="the decision replacing it")
    _common(sup)

    lst = actions.add_parser("list", help="list the decisions of the spec")
    lst.add_argument("--status", choices=_STATUSES)
    lst.add_argument("--kind", choices=_KINDS)
    lst.add_argument("--target", help="only decisions on this target (a suffix is enough)")
    lst.add_argument("--format", choices=("text", "json"), default="text")
    lst.add_argument("--spec", type=Path, help="the spec file (default: from the config)")


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--spec", type=Path, help="the spec file (default: from the config)")
    p.add_argument("--diff", action="store_true", help="print the change; write nothing")


def run(args: argparse.Namespace) -> int:
    """``specls decide …``."""
    try:
        settings = settings_for(Path.cwd(), args.spec)
    except ConfigError as e:
        return error(str(e))
    if settings.spec is None:
        return error("no spec file configured")
    if args.spec is not None and args.action != "record" and not args.spec.is_file():
        return error(f"{args.spec}: no such spec file")
    handler = {
        "record": _record,
        "accept": _accept,
        "reject": _reject,
        "supersede": _supersede,
        "list": _list,
    }[args.action]
    from specls.spec.record import DecisionError

    try:
        return handler(args, settings)
    except DecisionError as e:
        return error(str(e))


def _allowed(args: argparse.Namespace) -> frozenset[Path]:
    return frozenset({args.spec.absolute()}) if args.spec is not None else frozenset()


def _shown(settings: Settings) -> str:
    spec = settings.spec
    assert spec is not None
    try:
        return spec.resolve().relative_to(settings.root.resolve()).as_posix()
    except ValueError:
        return str(spec)


def _show_diff(old: str, new: str, shown: str) -> None:
    import difflib

    sys.stdout.writelines(
        difflib.unified_diff(
            old.splitlines(keepends=True), new.splitlines(keepends=True), f"a/{shown}", f"b/{shown}"
        )
    )


# -- record -----------------------------------------------------------------------------------


def _record(args: argparse.Namespace, settings: Settings) -> int:
    from specls.cli.infer import load
    from specls.spec.record import DecisionError, prepare_record, read_spec, since
    from specls.writes import WriteError, write_file

    kind = args.kind
    fields: dict[str, Any] = {"kind": kind, "target": args.target}
    for option, kinds in _VALUE_OPTIONS.items():
        value = getattr(args, option)
        if value is None:
            continue
        if kind not in kinds:
            flag = "--" + option.replace("_", "-")
            raise DecisionError(f"{flag} is for {' and '.join(kinds)} decisions, not {kind}")
        fields[option] = value
    if kind != "naming" and not args.target:
        raise DecisionError(f"a {kind} decision needs --target")
    fields["summary"] = args.summary
    fields["rationale"] = args.rationale
    fields["status"] = args.status
    text, seen = read_spec(settings.spec)  # type: ignore[arg-type]
    if args.supersedes is not None:
        _check_supersedable(text, settings, args.supersedes, kind)
    if args.target:
        ws = load(settings)
        problem = target_problem(ws, kind, args.target)
        if problem is not None:
            raise DecisionError(problem)
        taken = decided_by(ws, kind, args.target, args.when, args.status)
        if taken is not None and taken[0] != args.supersedes:
            ident, status = taken
            how = (
                f"accept it (specls decide accept {ident}) or record this one with "
                f"--supersedes {ident}"
                if status == "proposed"
                else f"record the new decision with --supersedes {ident}"
            )
            raise DecisionError(
                f"`{args.target}` is already decided by `{ident}` ({status}); to replace it, {how}"
            )
    fields.update(since(settings.root))
    prepared = prepare_record(
        settings.spec,  # type: ignore[arg-type]
        fields,
        decision_id=args.decision_id,
        exact_id=args.decision_id is not None,
        supersede=args.supersedes,
        current=(text, seen),
    )
    shown = _shown(settings)
    if args.diff:
        _show_diff(prepared.old, prepared.new, shown)
        return EXIT_CLEAN
    try:
        write_file(settings.spec, prepared.new, seen, settings.root, _allowed(args))  # type: ignore[arg-type]
    except (WriteError, OSError) as e:
        raise DecisionError(f"{e}; the spec was not changed") from e
    done = prepared.recorded()
    note = f"; it supersedes `{args.supersedes}`" if args.supersedes else ""
    print(f"Recorded decision `{done.id}` ({kind}, {args.status}) at {shown}:{done.line}{note}.")
    return EXIT_CLEAN


def _check_supersedable(text: str, settings: Settings, old: str, kind: str) -> None:
    from specls.spec.load import parse_spec
    from specls.spec.record import DecisionError

    spec = parse_spec(text, settings.spec)
    entry = spec.decisions.get(old)
    if entry is None:
        raise DecisionError(f"there is no decision `{old}` to supersede")
    d = entry.decision
    if d.status == "superseded":
        raise DecisionError(
            f"`{old}` is already superseded by `{d.superseded_by}`; supersede that one instead"
        )
    if d.kind != kind:
        raise DecisionError(
            f"`{old}` is a {d.kind} decision; a decision is superseded by one of its kind"
        )


def target_problem(ws: Workspace, kind: str, target: str) -> str | None:
    """Why ``target`` names nothing a ``kind`` decision can govern (with a "did you mean"),
    or None when it does."""
    index = ws.index
    if kind == "naming":
        known = {f.module for f in index.files.values()} | {r.dotted for r in index.classes}
        known |= {r.cls.qualname for r in index.classes}
        if any(
            k == target or k.startswith(target + ".") or k.endswith("." + target) for k in known
        ):
            return None
        mean = _mean(target, known)
        return f"unknown target `{target}`: no module, package or class of that name{mean}"
    if kind == "invariant":
        if index.find_class(target):
            return None
        if any(f.module == target or f.module.endswith("." + target) for f in index.files.values()):
            return None
        names = {r.cls.qualname for r in index.classes}
        return (
            f"unknown target `{target}`: no class `{target}` in the workspace{_mean(target, names)}"
        )
    if "." not in target:
        names = {r.cls.qualname for r in index.classes}
        if kind == "behaviour" and index.module_function_exists(target):
            return None
        what = "Class.attribute" if kind == "representation" else "Class.method or module.function"
        return f"unknown target `{target}`: name it as {what}{_mean(target, names)}"
    owner, member = target.rsplit(".", 1)
    refs = index.find_class(owner)
    if not refs:
        if kind == "behaviour" and index.module_function_exists(target):
            return None
        names = {r.cls.qualname for r in index.classes}
        last = owner.rsplit(".", 1)[-1]
        return f"unknown target `{target}`: no class `{owner}` in the workspace{_mean(last, names)}"
    if kind == "behaviour":
        methods = {
            m for ref in refs for c in [ref, *index.bases(ref).classes] for m in c.cls.methods
        }
        if member in methods:
            return None
        return (
            f"unknown target `{target}`: `{owner}` has no method `{member}`{_mean(member, methods)}"
        )
    if any(index.member_exists(ref, member) for ref in refs):
        return None
    attrs = {
        a
        for ref in refs
        for c in [ref, *index.bases(ref).classes]
        for a in [*c.cls.writes, *c.cls.class_names, *(cl.attr for cl in c.cls.claims)]
    }
    return f"unknown target `{target}`: `{owner}` has no attribute `{member}`{_mean(member, attrs)}"


def decided_by(
    ws: Workspace, kind: str, target: str, when: str | None = None, status: str = "accepted"
) -> tuple[str, str] | None:
    """The id and status of a decision a new one of ``status`` would contradict: of ``kind``
    on what ``target`` names (a behaviour: on the same edge case, ``when``), accepted or
    proposed (a new proposal contradicts only another proposal: it may propose to change an
    accepted one). Invariants and naming decisions add up, and are never refused."""
    if kind not in ("representation", "behaviour"):
        return None
    index = ws.index
    wanted = {(ref.key, member) for ref, member in index.resolve_target(target)}
    for entry in ws.spec.enforced():
        d = entry.decision
        if d.kind != kind or (kind == "behaviour" and d.when != when):
            continue
        if status == "proposed" and d.status != "proposed":
            continue
        named = {(ref.key, member) for ref, member in index.resolve_target(d.target)}
        if d.target == target or wanted & named:
            return entry.id, d.status
    return None


def _mean(name: str, known: set[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
    return f"; did you mean `{close[0]}`?" if close else ""


# -- accept, reject, supersede ------------------------------------------------------------


def _status(args: argparse.Namespace, settings: Settings, status: str) -> int:
    from specls.spec.load import parse_spec
    from specls.spec.record import DecisionError, read_spec, since, status_text
    from specls.writes import WriteError, write_file

    text, seen = read_spec(settings.spec)  # type: ignore[arg-type]
    spec = parse_spec(text, settings.spec)
    ident = args.decision_id
    entry = spec.decisions.get(ident)
    if entry is None:
        known = "an invalid" if ident in spec.declared else "no"
        raise DecisionError(
            f"the spec has {known} decision `{ident}`{_mean(ident, set(spec.declared))}"
        )
    shown = _shown(settings)
    if entry.decision.status == status:
        print(f"Decision `{ident}` is already {status} ({shown}:{entry.span.line + 1}).")
        return EXIT_CLEAN
    extra: dict[str, Any] = {}
    if status == "accepted":
        _refuse_conflict(spec, entry)
        extra = since(settings.root)
    new = status_text(text, ident, status, extra=extra, path=settings.spec)
    if args.diff:
        _show_diff(text, new, shown)
        return EXIT_CLEAN
    try:
        write_file(settings.spec, new, seen, settings.root, _allowed(args))  # type: ignore[arg-type]
    except (WriteError, OSError) as e:
        raise DecisionError(f"{e}; the spec was not changed") from e
    was = entry.decision.status
    print(f"Decision `{ident}` is {status} (was {was}) at {shown}:{entry.span.line + 1}.")
    return EXIT_CLEAN


def _refuse_conflict(spec: Spec, entry: DecisionEntry) -> None:
    """Refuse to accept a decision whose target another accepted one of its kind governs."""
    from specls.spec.record import DecisionError

    mine = entry.decision
    target = getattr(mine, "target", None)
    if not target or mine.kind not in ("representation", "behaviour"):
        return
    for other in spec.decisions.values():
        d = other.decision
        same = d.kind == mine.kind and d.target == target
        same = same and (mine.kind == "representation" or d.when == mine.when)
        if other.id != entry.id and d.status == "accepted" and same:
            raise DecisionError(
                f"`{target}` is already decided by `{other.id}` (accepted); to replace it: "
                f"specls decide supersede {other.id} --by {entry.id}"
            )


def _accept(args: argparse.Namespace, settings: Settings) -> int:
    return _status(args, settings, "accepted")


def _reject(args: argparse.Namespace, settings: Settings) -> int:
    return _status(args, settings, "rejected")


def _supersede(args: argparse.Namespace, settings: Settings) -> int:
    from specls.spec.load import parse_spec
    from specls.spec.record import DecisionError, read_spec, since, supersede_text
    from specls.writes import WriteError, write_file

    text, seen = read_spec(settings.spec)  # type: ignore[arg-type]
    new = supersede_text(text, args.old, args.by, extra=since(settings.root), path=settings.spec)
    shown = _shown(settings)
    if args.diff:
        _show_diff(text, new, shown)
        return EXIT_CLEAN
    try:
        write_file(settings.spec, new, seen, settings.root, _allowed(args))  # type: ignore[arg-type]
    except (WriteError, OSError) as e:
        raise DecisionError(f"{e}; the spec was not changed") from e
    before = parse_spec(text).decisions[args.by].decision.status
    after = "accepted" if before == "proposed" else before
    note = " (now accepted)" if before != after else ""
    print(f"Decision `{args.old}` is superseded by `{args.by}`{note}.")
    return EXIT_CLEAN


# -- list ---------------------------------------------------------------------------------------


def _matches_target(decision: Any, target: str | None) -> bool:
    if target is None:
        return True
    mine = getattr(decision, "target", None)
    if not mine:
        return False
    return mine == target or mine.endswith("." + target) or target.endswith("." + mine)


def _list(args: argparse.Namespace, settings: Settings) -> int:
    from specls import render
    from specls.spec.load import load_spec

    spec_path = settings.spec
    assert spec_path is not None
    if not spec_path.is_file():
        if args.format == "json":
            print("[]")
        else:
            print(f"No spec file yet ({_shown(settings)}); `specls init` makes one.")
        return EXIT_CLEAN
    spec = load_spec(spec_path)
    shown = _shown(settings)
    entries = [
        e
        for e in spec.decisions.values()
        if (args.status is None or e.decision.status == args.status)
        and (args.kind is None or e.decision.kind == args.kind)
        and _matches_target(e.decision, args.target)
    ]
    for problem in spec.problems:
        print(
            f"specls: {shown}:{problem.span.line + 1}: {problem.code} {problem.message}",
            file=sys.stderr,
        )
    if args.format == "json":
        import json

        print(json.dumps([render.as_json(e, shown) for e in entries], indent=2))
        return EXIT_CLEAN
    if not entries:
        print("No decision matches.")
        return EXIT_CLEAN
    width = max(len(e.id) for e in entries)
    for e in entries:
        d = e.decision
        extra = f" → {d.superseded_by}" if d.superseded_by else ""
        extra += f" (since {d.since})" if d.since else ""
        print(
            f"{e.id:<{width}}  {d.status:<10} {d.kind:<14} {render.decided(d)}  "
            f"[{shown}:{e.span.line + 1}]{extra}"
        )
    return EXIT_CLEAN
