"""Hover, definition, references, symbols and completion, for code and for the spec file."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from lsprotocol import types as lsp
from tree_sitter import Node, Point

from specls import render
from specls.facts import ClassFacts, FileFacts, Span
from specls.index import ClassRef
from specls.kinds import describe
from specls.lsp.convert import to_range
from specls.lsp.positions import from_client
from specls.spec.load import DecisionEntry

if TYPE_CHECKING:
    from specls.lsp.server import SpeclsServer

_SPEC_REF = re.compile(r"#\s*spec:\s*([A-Za-z0-9][\w.\-]*)")
KINDS = ["representation", "invariant", "naming", "behaviour", "value"]
STATUSES = ["proposed", "accepted", "superseded", "rejected"]


# -- what is under the cursor --------------------------------------------------------------------


def _path(ls: SpeclsServer, uri: str) -> Path | None:
    return ls.path_of(uri)


def _spec_ref_at(line_text: str, col: int) -> str | None:
    for m in _SPEC_REF.finditer(line_text):
        if m.start() <= col <= m.end():
            return m.group(1)
    return None


def _node_at(ls: SpeclsServer, uri: str, pos: lsp.Position) -> tuple[Node, bytes] | None:
    """The node under the cursor and the document's source, which its text is read from
    (a statement kept from an earlier parse holds no text)."""
    doc = ls.doc(uri)
    if doc is None or not doc.python:
        return None
    _, byte_col = doc.byte_offset(pos.line, pos.character, ls.encoding)
    node = doc.node_at(Point(pos.line, byte_col))
    return None if node is None else (node, doc.source)


def _class_at(facts: FileFacts, line: int) -> ClassFacts | None:
    best = None
    for cls in facts.classes:
        if cls.span.line <= line <= cls.end_line and (
            best is None or cls.span.line >= best.span.line
        ):
            best = cls
    return best


def _attribute_at(ls: SpeclsServer, uri: str, pos: lsp.Position) -> tuple[ClassRef, str] | None:
    """``(class, member)`` when the cursor is on ``self.<attr>`` or on a method's name."""
    found = _node_at(ls, uri, pos)
    if found is None or found[0].type != "identifier" or ls.engine is None:
        return None
    node, source = found
    name = source[node.start_byte : node.end_byte].decode("utf-8", "replace")
    parent = node.parent
    if (
        parent is not None
        and parent.type == "function_definition"
        and parent.child_by_field_name("name") == node
    ):  # `def pop(...)` in a class: the method, for behaviour decisions
        facts = ls.engine.files.get(str(_path(ls, uri)))
        cls = _class_at(facts, pos.line) if facts else None
        if facts is None or cls is None:
            return None
        return ClassRef(facts, cls), name
    if parent is None or parent.type != "attribute":
        return None
    obj = parent.child_by_field_name("object")
    if parent.child_by_field_name("attribute") != node or obj is None or obj.type != "identifier":
        return None
    facts = ls.engine.files.get(str(_path(ls, uri)))
    cls = _class_at(facts, pos.line) if facts else None
    if facts is None or cls is None:
        return None
    mangled = (
        f"_{cls.name.lstrip('_')}{name}"
        if name.startswith("__") and not name.endswith("__")
        else name
    )
    return ClassRef(facts, cls), mangled


def _decision_at_line(ls: SpeclsServer, line: int) -> DecisionEntry | None:
    if ls.engine is None:
        return None
    for entry in ls.engine.spec.decisions.values():
        if entry.span.line <= line <= entry.end_line:
            return entry
    return None


def _decision_location(ls: SpeclsServer, entry: DecisionEntry) -> lsp.Location | None:
    spec = ls.spec_path()
    if spec is None:
        return None
    return lsp.Location(
        uri=ls.uri_for(spec),
        range=to_range(entry.span, lambda n: ls.lines_of(str(spec), n), ls.encoding),
    )


def _decisions_for_attr(ls: SpeclsServer, ref: ClassRef, attr: str) -> list[DecisionEntry]:
    if ls.engine is None:
        return []
    out = []
    for entry in ls.engine.spec.decisions.values():
        target = getattr(entry.decision, "target", None)
        if not target:
            continue
        for cref, member in ls.engine.index.resolve_target(target):
            if cref.key == ref.key and member == attr:
                out.append(entry)
    # invariants on the class (or a base) that are about this attribute
    from specls.rules.invariants import conditions

    owners = {ref.key, *(b.key for b in ls.engine.index.bases(ref).classes)}
    for entry in ls.engine.spec.decisions.values():
        if entry.decision.kind != "invariant" or entry in out:
            continue
        if any(
            cref.key in owners and member is None
            for cref, member in ls.engine.index.resolve_target(entry.decision.target)
        ) and any(c.on_self and c.subject == attr for c in conditions(entry)):
            out.append(entry)
    return out


# -- hover ---------------------------------------------------------------------------------------


def decision_markdown(ls: SpeclsServer, entry: DecisionEntry) -> str:
    """A decision as hover shows it (the one renderer every face uses: :mod:`specls.render`)."""
    spec = ls.spec_path()
    return render.markdown(entry, spec.name if spec is not None else None)


def _inferred_markdown(ref: ClassRef, attr: str) -> str | None:
    evidence = [e for e in ref.cls.evidence if e.attr == attr]
    claims = [c for c in ref.cls.claims if c.attr == attr]
    if not evidence and not claims:
        return None
    lines = [f"**`{ref.cls.name}.{attr}`** · no decision in the spec", ""]
    for c in claims[:3]:
        lines.append(f"- {c.source} says `{c.type_text}` (line {c.span.line + 1})")
    held = [e for e in evidence if e.role == "held" and e.kinds]
    for e in held[:5]:
        lines.append(
            f"- {describe(e.kinds)} in `{e.method}` (line {e.span.line + 1}): "  # type: ignore[arg-type]
            f"{e.what}"
        )
    needs = [e for e in evidence if e.role == "needs"]
    for e in needs[:5]:
        lines.append(f"- {e.what} in `{e.method}` (line {e.span.line + 1})")
    return "\n".join(lines)


def hover(ls: SpeclsServer, uri: str, pos: lsp.Position) -> lsp.Hover | None:
    if ls.engine is None:
        return None
    path = _path(ls, uri)
    if ls.is_spec(path):
        entry = _decision_at_line(ls, pos.line)
        if entry is None:
            return None
        refs = len(_reference_locations(ls, entry))
        text = decision_markdown(ls, entry) + f"\n\n{refs} place(s) in the code rely on it."
        return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text))
    doc = ls.doc(uri)
    if doc is None:
        return None
    line_text = doc.line(pos.line)
    ident = _spec_ref_at(line_text, from_client(line_text, pos.character, ls.encoding))
    if ident is not None:
        entry = ls.engine.spec.decisions.get(ident)
        text = decision_markdown(ls, entry) if entry else f"No decision `{ident}` in the spec."
        return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text))
    from specls.lsp.renaming import naming_decisions

    naming = _value_decisions(ls, uri, pos) + naming_decisions(ls, uri, pos)
    found = _attribute_at(ls, uri, pos)
    if found is None:
        naming = _module_decisions(ls, uri, pos) + naming
        if not naming:
            return None
        text = "\n\n---\n\n".join(decision_markdown(ls, e) for e in naming)
        return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text))
    ref, attr = found
    entries = _decisions_for_attr(ls, ref, attr)
    entries += [e for e in naming if e not in entries]
    if entries:
        text = "\n\n---\n\n".join(decision_markdown(ls, e) for e in entries)
    else:
        inferred = _inferred_markdown(ref, attr)
        if inferred is None:
            return None
        text = inferred
    return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text))


def _module_decisions(ls: SpeclsServer, uri: str, pos: lsp.Position) -> list[DecisionEntry]:
    """The invariant and behaviour decisions on the module-level name the cursor is on where
    it is defined: a top-level function's name, or a name a top-level assignment binds
    (:func:`specls.rules.lookup.on_module_name`)."""
    from specls.rules.lookup import on_module_name

    engine = ls.engine
    found = _node_at(ls, uri, pos)
    facts = engine.files.get(str(_path(ls, uri))) if engine is not None else None
    if engine is None or found is None or facts is None or found[0].type != "identifier":
        return []
    node, source = found
    if not _defines_module_name(node):
        return []
    name = source[node.start_byte : node.end_byte].decode("utf-8", "replace")
    return on_module_name(engine.spec, facts.module, name)


def _defines_module_name(node: Node) -> bool:
    """Whether ``node`` is the name a top-level ``def`` or assignment binds."""
    parent = node.parent
    if parent is None:
        return False
    if parent.type == "function_definition":
        if parent.child_by_field_name("name") != node:
            return False
        top = parent.parent
        if top is not None and top.type == "decorated_definition":
            top = top.parent
        return top is not None and top.type == "module"
    if parent.type == "assignment" and parent.child_by_field_name("left") == node:
        statement = parent.parent
        return (
            statement is not None
            and statement.type == "expression_statement"
            and statement.parent is not None
            and statement.parent.type == "module"
        )
    return False


def _value_decisions(ls: SpeclsServer, uri: str, pos: lsp.Position) -> list[DecisionEntry]:
    """Value decisions on the field under the cursor (a string key, an attribute, a keyword,
    a parameter), whose scope holds the code there."""
    from specls.values.uses import decisions_at, field_at, qualname_at

    if ls.engine is None or not any(
        e.decision.kind == "value" for e in ls.engine.spec.decisions.values()
    ):
        return []
    found = _node_at(ls, uri, pos)
    if found is None:
        return []
    node, source = found
    name = field_at(node, source)
    facts = ls.engine.files.get(str(_path(ls, uri)))
    if name is None or facts is None:
        return []
    return decisions_at(ls.engine.spec, facts.module, qualname_at(node, source), name)


# -- definition and references ---------------------------------------------------------------


def definition(ls: SpeclsServer, uri: str, pos: lsp.Position) -> list[lsp.Location] | None:
    if ls.engine is None:
        return None
    path = _path(ls, uri)
    if ls.is_spec(path):
        entry = _decision_at_line(ls, pos.line)
        return _target_locations(ls, entry) if entry else None
    doc = ls.doc(uri)
    if doc is None:
        return None
    line_text = doc.line(pos.line)
    ident = _spec_ref_at(line_text, from_client(line_text, pos.character, ls.encoding))
    entries: list[DecisionEntry] = []
    if ident is not None and ident in ls.engine.spec.decisions:
        entries = [ls.engine.spec.decisions[ident]]
    else:
        found = _attribute_at(ls, uri, pos)
        if found is not None:
            entries = _decisions_for_attr(ls, *found)
        else:
            entries = _module_decisions(ls, uri, pos)
    locations = [loc for e in entries if (loc := _decision_location(ls, e)) is not None]
    return locations or None


def _span_location(ls: SpeclsServer, path: str, span: Span) -> lsp.Location:
    return lsp.Location(
        uri=ls.uri_for(path), range=to_range(span, lambda n: ls.lines_of(path, n), ls.encoding)
    )


def _target_locations(ls: SpeclsServer, entry: DecisionEntry) -> list[lsp.Location]:
    target = getattr(entry.decision, "target", None)
    if not target or ls.engine is None:
        return []
    out = []
    for ref, member in ls.engine.index.resolve_target(target):
        if member is None:
            out.append(_span_location(ls, ref.file.path, ref.cls.span))
        elif member in ref.cls.writes:
            out.append(_span_location(ls, ref.file.path, ref.cls.writes[member][0].span))
        elif member in ref.cls.methods:
            out.append(_span_location(ls, ref.file.path, ref.cls.methods[member].span))
    return out


def _reference_locations(ls: SpeclsServer, entry: DecisionEntry) -> list[lsp.Location]:
    if ls.engine is None:
        return []
    seen: set[tuple[str, int, int]] = set()
    out = []

    def add(path: str, span: Span) -> None:
        key = (path, span.line, span.col)
        if key not in seen:
            seen.add(key)
            out.append(_span_location(ls, path, span))

    for f in ls.engine.files.values():
        for r in f.spec_refs:
            if r.id == entry.id:
                add(f.path, r.span)
    target = getattr(entry.decision, "target", None)
    if target:
        for ref, member in ls.engine.index.resolve_target(target):
            if member is None:
                add(ref.file.path, ref.cls.span)
                continue
            for access in [*ref.cls.writes.get(member, []), *ref.cls.reads.get(member, [])]:
                add(ref.file.path, access.span)
            for call in ref.cls.self_calls:
                if call.name == member:
                    add(ref.file.path, call.span)
    return out


def references(ls: SpeclsServer, uri: str, pos: lsp.Position) -> list[lsp.Location] | None:
    if ls.engine is None:
        return None
    path = _path(ls, uri)
    entry = None
    if ls.is_spec(path):
        entry = _decision_at_line(ls, pos.line)
    else:
        doc = ls.doc(uri)
        if doc is not None:
            line_text = doc.line(pos.line)
            ident = _spec_ref_at(line_text, from_client(line_text, pos.character, ls.encoding))
            entry = ls.engine.spec.decisions.get(ident) if ident else None
    return _reference_locations(ls, entry) if entry else None


# -- symbols ------------------------------------------------------------------------------------


def document_symbols(ls: SpeclsServer, uri: str) -> list[lsp.DocumentSymbol] | None:
    if ls.engine is None or not ls.is_spec(_path(ls, uri)):
        return None
    spec = str(ls.spec_path())
    out = []
    for entry in ls.engine.spec.decisions.values():
        line_of = lambda n: ls.lines_of(spec, n)  # noqa: E731
        end = Span(
            entry.end_line,
            len(line_of(entry.end_line)),
            entry.end_line,
            len(line_of(entry.end_line)),
        )
        full = Span(entry.span.line, 0, end.line, end.col)
        d = entry.decision
        out.append(
            lsp.DocumentSymbol(
                name=entry.id,
                detail=f"{d.kind} · {getattr(d, 'target', None) or ''} · {d.status}",
                kind=lsp.SymbolKind.Object,
                range=to_range(full, line_of, ls.encoding),
                selection_range=to_range(entry.span, line_of, ls.encoding),
            )
        )
    return out


def workspace_symbols(ls: SpeclsServer, query: str) -> list[lsp.WorkspaceSymbol]:
    if ls.engine is None:
        return []
    q = query.lower()
    out = []
    for entry in ls.engine.spec.decisions.values():
        d = entry.decision
        hay = f"{entry.id} {getattr(d, 'target', '') or ''} {d.summary or ''}".lower()
        if q in hay:
            loc = _decision_location(ls, entry)
            if loc is not None:
                out.append(
                    lsp.WorkspaceSymbol(
                        name=entry.id,
                        kind=lsp.SymbolKind.Object,
                        location=loc,
                        container_name=d.kind,
                    )
                )
    return out


# -- completion ---------------------------------------------------------------------------------


_AFTER_SPEC = re.compile(r"#\s*spec:\s*([\w.\-]*)$")
_SPEC_FIELD = re.compile(r"^\s*(kind|status|target|superseded_by)\s*=\s*\"?([^\"]*)$")
_SPEC_VALUE = re.compile(r"^\s*([a-z_]+)\s*=\s*\"?([^\"]*)$")
_SPEC_KEY = re.compile(r"^\s*([a-z_]*)$")


def completion(ls: SpeclsServer, uri: str, pos: lsp.Position) -> lsp.CompletionList | None:
    if ls.engine is None:
        return None
    path = _path(ls, uri)
    spec = ls.engine.spec
    if ls.is_spec(path):
        line = ls.lines_of(str(path), pos.line)
        prefix = line[: from_client(line, pos.character, ls.encoding)]
        m = _SPEC_FIELD.match(prefix)
        if not m:
            return _spec_completion(ls, path, prefix, pos.line)
        key = m.group(1)
        if key == "kind":
            words = KINDS
        elif key == "status":
            words = STATUSES
        elif key == "superseded_by":
            words = sorted(spec.declared)
        else:
            words = _targets(ls)
        items = [lsp.CompletionItem(label=w, kind=lsp.CompletionItemKind.EnumMember) for w in words]
        return lsp.CompletionList(is_incomplete=False, items=items)
    doc = ls.doc(uri)
    if doc is None:
        return None
    line = doc.line(pos.line)
    prefix = line[: from_client(line, pos.character, ls.encoding)]
    if not _AFTER_SPEC.search(prefix):
        return None
    items = [
        lsp.CompletionItem(
            label=entry.id,
            kind=lsp.CompletionItemKind.Reference,
            detail=f"{entry.decision.kind} · {entry.decision.status}",
            documentation=lsp.MarkupContent(
                kind=lsp.MarkupKind.Markdown, value=decision_markdown(ls, entry)
            ),
        )
        for entry in spec.decisions.values()
    ]
    items.append(
        lsp.CompletionItem(
            label="ignore[]",
            kind=lsp.CompletionItemKind.Keyword,
            detail="silence a finding on this line",
        )
    )
    return lsp.CompletionList(is_incomplete=False, items=items)


def _spec_completion(
    ls: SpeclsServer, path: Path, prefix: str, line: int
) -> lsp.CompletionList | None:
    """In a decision's table: its keys not written yet, and the values a value decision's
    keys take (field names of the workspace, IANA zones, the choices of the schema). The
    table is read from the text: one being written is not a valid decision yet."""
    from specls.values.uses import decision_keys, value_words

    if ls.engine is None:
        return None
    kind, present = _table_at(ls, path, line)
    if kind is None:
        return None
    if _SPEC_KEY.match(prefix):
        words = decision_keys(kind, present)
        item_kind = lsp.CompletionItemKind.Field
    else:
        m = _SPEC_VALUE.match(prefix)
        found = value_words(m.group(1), ls.engine.files.values()) if m else None
        if kind != "value" or not found:
            return None
        words, item_kind = found, lsp.CompletionItemKind.Value
    items = [lsp.CompletionItem(label=w, kind=item_kind) for w in words]
    return lsp.CompletionList(is_incomplete=False, items=items)


_TABLE = re.compile(r"^\s*\[\s*decision\.")
_KIND = re.compile(r"^\s*kind\s*=\s*[\"']([a-z]+)")
_KEY_LINE = re.compile(r"^\s*([A-Za-z0-9_]+)\s*=")


def _table_at(ls: SpeclsServer, path: Path, line: int) -> tuple[str | None, set[str]]:
    """The kind of the ``[decision.…]`` table a line is in, and the keys it has."""
    text = str(path)
    start = line
    for _ in range(500):
        if start < 0 or _TABLE.match(ls.lines_of(text, start)):
            break
        start -= 1
    if start < 0 or not _TABLE.match(ls.lines_of(text, start)):
        return None, set()
    kind, present = None, set()
    row = start + 1
    for _ in range(500):
        current = ls.lines_of(text, row)
        if row != line and ((current == "" and row > line) or current.lstrip().startswith("[")):
            break
        m = _KIND.match(current)
        kind = m.group(1) if m else kind
        key = _KEY_LINE.match(current)
        if key and row != line:
            present.add(key.group(1))
        row += 1
    return kind, present


def _targets(ls: SpeclsServer) -> list[str]:
    if ls.engine is None:
        return []
    out: list[str] = []
    for ref in ls.engine.index.classes[:2000]:
        name = ref.cls.qualname
        out.append(name)
        out.extend(f"{name}.{attr}" for attr in sorted(ref.cls.writes))
        out.extend(f"{name}.{m}" for m in sorted(ref.cls.methods) if not m.startswith("__"))
    return out


# -- push a local claim to the spec ----------------------------------------------------------


def claim_actions(
    ls: SpeclsServer, uri: str, rng: lsp.Range, version: int | None
) -> list[lsp.CodeAction]:
    """ "Push claim to spec" for docstring entries and annotations in ``rng`` that no decision
    records yet (the docstring is a local decision; the spec is where the next writer reads)."""
    from specls.kinds import parse_doc_type, parse_type
    from specls.rules import RuleContext
    from specls.rules.representation import kebab, target_name

    if ls.engine is None:
        return []
    facts = ls.engine.files.get(str(_path(ls, uri)))
    if facts is None:
        return []
    ctx = RuleContext(ls.engine.index, ls.engine.spec)
    out = []
    for cls in facts.classes:
        ref = ClassRef(facts, cls)
        for claim in cls.claims:
            if not (rng.start.line <= claim.span.line <= rng.end.line):
                continue
            info = (parse_type if claim.source == "annotation" else parse_doc_type)(claim.type_text)
            if not info.kinds or _decisions_for_attr(ls, ref, claim.attr):
                continue
            target = target_name(ctx, ref, claim.attr)
            fix = {
                "title": f"Push the {claim.source} claim to the spec: `{target}` is "
                f"`{claim.type_text}`",
                "kind": "push-claim",
                "decision_id": f"{kebab(cls.name)}-{kebab(claim.attr)}",
                "decision": {
                    "kind": "representation",
                    "target": target,
                    "type": claim.type_text,
                    "status": "accepted",
                    "summary": f"From the {claim.source} of {cls.name}.",
                },
                "reference_path": facts.path,
                "reference_line": claim.span.line + 1,
            }
            out.append(_push_action(fix, uri, version))
        out.extend(_docstring_decisions(ls, ctx, ref, rng, uri, version))
    return out


def _push_action(fix: dict, uri: str, version: int | None) -> lsp.CodeAction:
    return lsp.CodeAction(
        title=fix["title"],
        kind=lsp.CodeActionKind.RefactorRewrite,
        data={"fix": fix, "uri": uri, "version": version},
    )


def _docstring_decisions(
    ls: SpeclsServer, ctx, ref: ClassRef, rng: lsp.Range, uri: str, version: int | None
) -> list[lsp.CodeAction]:
    """Push a class docstring's ``Invariants:`` entries and a method docstring's ``Raises:``
    entries that the spec does not record yet."""
    from specls.rules.invariants import conditions
    from specls.rules.representation import kebab
    from specls.spec.invariants import Unsupported, parse_invariant

    assert ls.engine is not None
    cls = ref.cls
    out = []
    recorded = [e for e, member in ctx.decisions_on(ref, "invariant") if member is None]
    known = {c.text.replace(" ", "") for e in recorded for c in conditions(e)}
    known |= {e.decision.expr.replace(" ", "") for e in recorded}
    for expr, span in cls.doc_invariants:
        if not (rng.start.line <= span.line <= rng.end.line):
            continue
        try:
            parse_invariant(expr)
        except (SyntaxError, Unsupported):
            continue
        if expr.replace(" ", "") in known:
            continue
        target = ref.dotted
        fix = {
            "title": f"Push the invariant to the spec: `{target}`: `{expr}`",
            "kind": "record-decision",
            "decision_id": f"{kebab(cls.name)}-invariant-{span.line + 1}",
            "decision": {
                "kind": "invariant",
                "target": target,
                "expr": expr,
                "status": "accepted",
                "summary": f"From the docstring of {cls.name}.",
            },
        }
        out.append(_push_action(fix, uri, version))
    behaviours = ctx.decisions_on(ref, "behaviour")
    for method in cls.methods.values():
        flow = method.flow
        if flow is None:
            continue
        decided = {e.decision.raises for e, member in behaviours if member == method.name}
        for name, span, desc in flow.doc_raises:
            if not (rng.start.line <= span.line <= rng.end.line) or name in decided:
                continue
            target = f"{ref.dotted}.{method.name}"
            when = desc.rstrip(".") or f"the case the docstring of {cls.name}.{method.name} names"
            if when.lower().startswith(("if ", "when ")):
                when = when.split(" ", 1)[1]
            fix = {
                "title": f"Push to the spec: `{target}` raises {name} when {when}",
                "kind": "record-decision",
                "decision_id": f"{kebab(cls.name)}-{kebab(method.name)}-{kebab(name)}",
                "decision": {
                    "kind": "behaviour",
                    "target": target,
                    "when": when,
                    "raises": name,
                    "status": "accepted",
                    "summary": f"From the docstring of {cls.name}.{method.name}.",
                },
            }
            out.append(_push_action(fix, uri, version))
    return out
