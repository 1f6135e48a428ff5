"""Value decisions the code already keeps: the same conversion at every place a field
becomes another (``total`` is ``amount / 100`` wherever it is written from ``amount``), and
one format for a field wherever it is parsed or written.

A conversion is proposed for a pair of fields when at least :data:`MIN_USES` writes of the
one from the other agree on one affine map (V101's reading of the arithmetic) and none
disagrees or copies it as it is (with the rounding when they all round alike); a format
when at least :data:`MIN_USES` parses (``strptime``) and writes (``strftime``) of a field
agree on one literal format. Fields a value decision of the spec already names (in any
status) are not proposed again. Only the
parts of the files that do arithmetic with a number or parse or write a date are read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from specls.infer import Proposal, Scope
from specls.infer.common import Decided, Ids, plural
from specls.records import field, record
from specls.rules import RuleContext
from specls.rules.representation import kebab
from specls.span import Span
from specls.values import formats
from specls.values.convert import Affine
from specls.values.facts import V
from specls.values.reading import MAP, READS, affine_of, node_writes, view, walk
from specls.values.times import parsed_field, written_format

MIN_USES = 2
#: The parts read: arithmetic with a number, a date parsed or written.
_VALUE_LIKE = re.compile(rb"str[fp]time|[*/]\s*[0-9.]|//")


@record()
class _Uses:
    """What the code does with one field (or from one field to another)."""

    seen: list[tuple[object, str, Span, str]] = field(
        default_factory=list
    )  # (value, path, where, what)
    spoiled: bool = False  # a use that disagrees, or copies the field as it is

    def add(self, value: object, path: str, span: Span, what: str) -> None:
        self.seen.append((value, path, span, what))


def infer(ctx: RuleContext, scope: Scope, decided: Decided, ids: Ids) -> Iterator[Proposal]:
    """Conversions and formats the files in ``scope`` agree on."""
    if scope.classes_only:
        return  # (a value decision is about a field, not a class)
    named = _named(ctx)
    conversions: dict[tuple[str, str], _Uses] = {}
    dated: dict[str, _Uses] = {}
    from specls.values.read import read_values

    for facts in sorted(ctx.index.files.values(), key=lambda f: f.path):
        if facts.values is None or not scope.has_file(facts.path):
            continue
        vf = read_values(facts.values, pattern=_VALUE_LIKE)
        seen: set[int] = set()
        for stmt in vf.stmts:
            for node, parents in walk(stmt.value):
                if id(node) in seen:
                    continue
                seen.add(id(node))
                _parse(node, facts.path, dated)
                for w in node_writes(node, stmt, top=not parents):
                    _write(w.name, w.value, facts.path, w.span, conversions, dated)
    for (source, target), uses in sorted(conversions.items()):
        if source in named or target in named or uses.spoiled or len(uses.seen) < MIN_USES:
            continue
        maps = {(a.a, a.b) for a, _, _, _ in uses.seen}  # type: ignore[attr-defined]
        if len(maps) == 1:
            yield _conversion(source, target, uses, ids)
    for name, uses in sorted(dated.items()):
        if name in named or uses.spoiled or len(uses.seen) < MIN_USES:
            continue
        texts = [str(f) for f, _, _, _ in uses.seen]
        if all(formats.same(texts[0], t) for t in texts[1:]):
            yield _format(name, texts[0], uses, ids)


def _named(ctx: RuleContext) -> set[str]:
    out: set[str] = set()
    for entry in ctx.spec.decisions.values():
        d = entry.decision
        if d.kind == "value":
            out.update(n for n in (d.field, d.to_field) if n)
    return out


def _write(
    name: str,
    value: V,
    path: str,
    span: Span,
    conversions: dict[tuple[str, str], _Uses],
    dated: dict[str, _Uses],
) -> None:
    written = written_format(value)
    if written is not None and not written[0].startswith("iso"):
        dated.setdefault(name, _Uses()).add(written[0], path, span, "written")
    sources = {
        n.name
        for n, parents in walk(value)
        if n.op in READS
        and n.name != name
        and not (parents and parents[-1].op in ("key", "attr") and parents[-1].args[0] is n)
    }  # (the fields read, not the dicts or objects they are read from)
    if len(sources) != 1:
        return
    (source,) = sources
    status, got = affine_of(value, source)
    if status != MAP or got is None or got.constant:
        return
    uses = conversions.setdefault((source, name), _Uses())
    if got.a == 1 and not got.b and got.places is None and not got.mode:
        uses.spoiled = True  # copied as it is somewhere: not one conversion
    else:
        uses.add(got, path, span, got.text())


def _parse(node: V, path: str, dated: dict[str, _Uses]) -> None:
    parsed = parsed_field(node)
    if parsed is None:
        return
    name, _ = parsed
    called = node.name.rsplit(".", 1)[-1]
    args = node.args[1:] if node.op == "meth" else node.args
    if called != "strptime" or len(args) < 2:
        dated.setdefault(name, _Uses()).spoiled = called in ("fromisoformat", "parse", "isoparse")
        return
    fmt = args[1]
    if fmt.op != "str":
        return
    base, _ = view(args[0])
    if base is not args[0] and base.op not in READS:
        return
    dated.setdefault(name, _Uses()).add(fmt.name, path, node.span, "parsed")


def _evidence(uses: _Uses) -> list[tuple[str, Span, str]]:
    return [(path, span, what) for _, path, span, what in uses.seen]


def _conversion(source: str, target: str, uses: _Uses, ids: Ids) -> Proposal:
    first = uses.seen[0][0]
    assert isinstance(first, Affine)
    rounded = {(a.places, a.mode) for a, _, _, _ in uses.seen}  # type: ignore[attr-defined]
    # (the rounding too when every place rounds alike; else the map alone)
    convert = first.text() if len(rounded) == 1 else Affine(first.a, first.b).text()
    count = plural(len(uses.seen), "place")
    summary = f"`{source}` becomes `{target}` as {convert}."
    rationale = f"Inferred: every write of `{target}` from `{source}` ({count}) is {convert}."
    fields = {
        "kind": "value",
        "field": source,
        "to_field": target,
        "convert": convert,
        "status": "proposed",
        "summary": summary,
        "rationale": rationale,
    }
    return Proposal(
        ids.make(f"{kebab(source)}-to-{kebab(target)}"),
        "value",
        None,
        fields,
        summary,
        rationale,
        _evidence(uses),
        f"`{source}` becomes `{target}` as {convert} at {count} — no decision",
    )


def _format(name: str, fmt: str, uses: _Uses, ids: Ids) -> Proposal:
    count = plural(len(uses.seen), "place")
    summary = f"`{name}` is text in `{fmt}`."
    rationale = f"Inferred: `{name}` is parsed and written with `{fmt}` at every use ({count})."
    fields = {
        "kind": "value",
        "field": name,
        "format": fmt,
        "status": "proposed",
        "summary": summary,
        "rationale": rationale,
    }
    return Proposal(
        ids.make(f"{kebab(name)}-format"),
        "value",
        None,
        fields,
        summary,
        rationale,
        _evidence(uses),
        f"`{name}` is read and written as `{fmt}` at {count} — no decision",
    )
