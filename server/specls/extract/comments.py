"""``# spec:`` comments: references to decisions and ``# spec: ignore[...]`` suppressions."""

from __future__ import annotations

import re

from tree_sitter import Node

from specls.extract.positions import Positions
from specls.facts import (
    ClassFacts,
    FileFacts,
    Span,
    SpecRef,
)
from specls.nodetext import node_bytes as _bytes
from specls.nodetext import node_text as _text

_SPEC_COMMENT = re.compile(r"#\s*spec:\s*(.*)$")


_IGNORE = re.compile(r"ignore(?:\[([^\]]*)\])?")


_ID = re.compile(r"[A-Za-z0-9][\w.\-]*")


def spec_comment(node: Node, pos: Positions, facts: FileFacts) -> None:
    if b"spec:" not in _bytes(node):  # most comments: no need to decode them
        return
    text = _text(node)
    m = _SPEC_COMMENT.search(text)
    if not m:
        return
    body = m.group(1).strip()
    row = node.start_point[0]
    ig = _IGNORE.match(body)
    if ig and (ig.end() == len(body) or not body[ig.end()].isalnum()):
        codes = frozenset(c.strip().upper() for c in (ig.group(1) or "").split(",") if c.strip())
        facts.suppressions[row] = codes
        return
    idm = _ID.match(body)
    if idm:
        start = node.start_point[1] + len(text[: m.start(1)].encode())
        start += len(m.group(1)) - len(m.group(1).lstrip())
        col = pos.col(row, start)
        facts.spec_refs.append(SpecRef(idm.group(0), Span(row, col, row, col + len(idm.group(0)))))


def attach_refs(facts: FileFacts) -> None:
    """Tie each ``# spec:`` reference to the class and attribute assigned on its line.

    Classes (in source order) nest or stand apart, so a sweep over the references in line
    order with the classes open at each finds the innermost one: not every class for every
    reference (a file of many classes, each with a reference, made that quadratic)."""
    refs = facts.spec_refs
    for ref in refs:
        ref.class_qualname = ref.attr = None
    if not refs or not facts.classes:
        return
    classes = sorted(facts.classes, key=lambda c: (c.span.line, -c.end_line))
    attrs: dict[int, dict[int, str]] = {}  # per class (by id): line -> the attribute on it
    opened: list[ClassFacts] = []
    k = 0
    for ref in sorted(refs, key=lambda r: r.span.line):
        line = ref.span.line
        while k < len(classes) and classes[k].span.line <= line:
            opened.append(classes[k])
            k += 1
        opened = [c for c in opened if c.end_line >= line]  # each holds the line
        if not opened:
            continue
        cls = opened[-1]  # the innermost: the last opened
        ref.class_qualname = cls.qualname
        by_line = attrs.get(id(cls))
        if by_line is None:
            by_line = attrs[id(cls)] = _attributes_by_line(cls)
        ref.attr = by_line.get(line)


def _attributes_by_line(cls: ClassFacts) -> dict[int, str]:
    """The attribute each line of a class assigns (a claim before a write, the last of
    each): what a ``# spec:`` reference on the line is about."""
    out: dict[int, str] = {}
    for attr, accesses in cls.writes.items():
        for a in accesses:
            out[a.span.line] = attr
    for claim in cls.claims:
        out[claim.span.line] = claim.attr
    return out
