"""Load ``spec.toml`` tolerantly, keeping the position of every decision and field.

A syntax error in one decision does not hide the others: the file is split at its table
headers and each table is read on its own, so one bad table costs only itself. Every problem
becomes a :class:`SpecProblem` with an exact position (S001 invalid, S002 duplicate id).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from specls.span import Span
from specls.spec.ids import ID_PATTERN

if TYPE_CHECKING:
    from pydantic import TypeAdapter, ValidationError

    from specls.spec.models import SpecMeta

_HEADER = re.compile(r"^[ \t]*\[(?!\[)(?P<name>(?:[^\]\"'#]|\"[^\"]*\"|'[^']*')+)\][ \t]*(?:#.*)?$")
_KEY = re.compile(r"^[ \t]*(?P<key>[A-Za-z0-9_\-]+|\"[^\"]*\"|'[^']*')[ \t]*=")
_TOML_POS = re.compile(r"\(at line (\d+), column (\d+)\)")
_ID = re.compile(ID_PATTERN)
#: How deep arrays and inline tables may nest in the spec file: always read up to here.
#: tomllib reads them by recursion (two or three frames a level); deeper nesting may exhaust
#: the stack, and is then S001 at the line where it passes this depth. A decision needs two.
MAX_TOML_DEPTH = 100
_TOO_DEEP = (
    f"invalid TOML: nesting too deep (arrays and inline tables nested deeper than "
    f"{MAX_TOML_DEPTH} levels)"
)
#: What can open or close a level, and the strings and comments in which nothing does.
_TOML_TOKENS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^']|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'[^'\n]*'|#[^\n]*|[\[\]{}]"
)


@cache
def _models() -> tuple[TypeAdapter, type[SpecMeta], type[ValidationError]]:
    """The validators, built when a spec file is first read: pydantic and the models cost
    a tenth of a second at start, which a workspace without a spec file need not pay."""
    from pydantic import TypeAdapter, ValidationError

    from specls.spec.models import Decision, SpecMeta

    return TypeAdapter(Decision), SpecMeta, ValidationError


@dataclass(slots=True)
class SpecProblem:
    """Something wrong with the spec file itself."""

    code: str
    message: str
    span: Span
    decision_id: str | None = None


@dataclass(slots=True)
class DecisionEntry:
    """One valid decision and where it stands in the file."""

    id: str
    decision: Any  # one of the Decision models
    span: Span  # the table header
    end_line: int
    fields: dict[str, Span] = field(default_factory=dict)

    def field_span(self, name: str) -> Span:
        """Where field ``name`` is written, or the header when it is not."""
        return self.fields.get(name, self.span)


@dataclass(slots=True)
class Spec:
    """A loaded spec file: valid decisions, all ids seen, and the problems found."""

    path: Path | None
    text: str = ""
    decisions: dict[str, DecisionEntry] = field(default_factory=dict)
    #: Every id declared in the file, valid or not (a reference to an invalid one is not
    #: reported as unknown: its own S001 says what is wrong).
    declared: set[str] = field(default_factory=set)
    problems: list[SpecProblem] = field(default_factory=list)

    def enforced(self) -> list[DecisionEntry]:
        """Decisions that are checked: accepted or proposed."""
        return [d for d in self.decisions.values() if d.decision.status in ("accepted", "proposed")]


@dataclass(slots=True)
class _Chunk:
    name: tuple[str, ...]  # table name parts; () for the top of the file
    start: int  # line of the header (or 0)
    end: int  # exclusive
    header_span: Span


def load_spec(path: Path) -> Spec:
    """Read and parse the spec file at ``path``; a missing or unreadable file is a problem."""
    try:
        data = path.read_bytes()
    except OSError as e:
        spec = Spec(path)
        spec.problems.append(
            SpecProblem("S001", f"cannot read the spec file: {e.strerror}", Span(0, 0, 0, 0))
        )
        return spec
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n")
        spec = Spec(path)
        spec.problems.append(
            SpecProblem("S001", "the spec file is not valid UTF-8", Span(line, 0, line, 0))
        )
        return spec
    return parse_spec(text, path)


def parse_spec(text: str, path: Path | None = None) -> Spec:
    """Parse spec text; never raises."""
    spec = Spec(path, text)
    lines = text.splitlines()
    chunks = _chunks(lines)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        data = _recover(lines, chunks, spec, str(e))
    except (RecursionError, MemoryError):  # nesting too deep: found table by table
        data = _recover(lines, chunks, spec, None)
    _validate(data, lines, chunks, spec)
    return spec


def _deep_line(text: str) -> int | None:
    """The line (0-based) of ``text`` where arrays and inline tables first nest deeper than
    :data:`MAX_TOML_DEPTH`, or None."""
    depth = 0
    for m in _TOML_TOKENS.finditer(text):
        token = m.group()
        if token in ("[", "{"):
            depth += 1
            if depth > MAX_TOML_DEPTH:
                return text.count("\n", 0, m.start())
        elif token in ("]", "}"):
            depth = max(depth - 1, 0)
    return None


def _split_name(name: str) -> tuple[str, ...]:
    parts = re.findall(r"\"([^\"]*)\"|'([^']*)'|([^.\s]+)", name)
    return tuple(a or b or c for a, b, c in parts)


def _chunks(lines: list[str]) -> list[_Chunk]:
    chunks = [_Chunk((), 0, len(lines), Span(0, 0, 0, 0))]
    in_multiline = False
    for i, line in enumerate(lines):
        if line.count('"""') % 2 == 1 or line.count("'''") % 2 == 1:
            in_multiline = not in_multiline
        if in_multiline:
            continue
        m = _HEADER.match(line)
        if m:
            chunks[-1].end = i
            start = line.index("[")
            chunks.append(
                _Chunk(
                    _split_name(m.group("name")),
                    i,
                    len(lines),
                    Span(i, start, i, len(line.rstrip())),
                )
            )
    return chunks


def _toml_error_span(message: str, line_offset: int, lines: list[str]) -> Span:
    m = _TOML_POS.search(message)
    if not m:
        return Span(line_offset, 0, line_offset, 0)
    line = int(m.group(1)) - 1 + line_offset
    col = int(m.group(2)) - 1
    length = len(lines[line]) if 0 <= line < len(lines) else col
    return Span(line, col, line, max(col + 1, length))


def _recover(
    lines: list[str], chunks: list[_Chunk], spec: Spec, whole_error: str | None
) -> dict:
    """Read each table on its own, keeping those that parse (``whole_error`` is what was
    wrong with the whole file; None when it nests too deep)."""
    data: dict = {}
    seen: dict[tuple[str, ...], _Chunk] = {}
    reported = False
    for chunk in chunks:
        body = "\n".join(lines[chunk.start : chunk.end])
        if chunk.name in seen and chunk.name:
            first = seen[chunk.name]
            ident = ".".join(chunk.name[1:]) if chunk.name[0] == "decision" else None
            spec.problems.append(
                SpecProblem(
                    "S002",
                    f"duplicate table [{'.'.join(chunk.name)}] (first declared on line "
                    f"{first.start + 1}); this one is ignored",
                    chunk.header_span,
                    ident,
                )
            )
            reported = True
            continue
        seen[chunk.name] = chunk
        ident = ".".join(chunk.name[1:]) if chunk.name[:1] == ("decision",) else None
        try:
            part = tomllib.loads(body)
        except (tomllib.TOMLDecodeError, RecursionError, MemoryError) as e:
            if isinstance(e, tomllib.TOMLDecodeError):
                message = f"invalid TOML: {_TOML_POS.sub('', str(e)).strip()}"
                span = _toml_error_span(str(e), chunk.start, lines)
            else:
                message = _TOO_DEEP
                line = chunk.start + (_deep_line(body) or 0)
                span = Span(line, 0, line, len(lines[line]) if line < len(lines) else 0)
            spec.problems.append(SpecProblem("S001", message, span, ident))
            reported = True
            if chunk.name[:1] == ("decision",) and len(chunk.name) == 2:
                spec.declared.add(chunk.name[1])
            continue
        _merge(data, part)
    if not reported:
        if whole_error is None:
            line = _deep_line("\n".join(lines)) or 0
            span = Span(line, 0, line, len(lines[line]) if line < len(lines) else 0)
            spec.problems.append(SpecProblem("S001", _TOO_DEEP, span))
        else:
            spec.problems.append(
                SpecProblem(
                    "S001",
                    f"invalid TOML: {_TOML_POS.sub('', whole_error)}",
                    _toml_error_span(whole_error, 0, lines),
                )
            )
    return data


def _merge(into: dict, part: dict) -> None:
    """Add the keys of ``part`` that ``into`` lacks, table by table (a loop, not recursion:
    dotted table names may nest as deep as the file likes)."""
    todo = [(into, part)]
    while todo:
        target, source = todo.pop()
        for key, value in source.items():
            if isinstance(value, dict) and isinstance(target.get(key), dict):
                todo.append((target[key], value))
            elif key not in target:
                target[key] = value


def _field_spans(lines: list[str], chunk: _Chunk) -> dict[str, Span]:
    out: dict[str, Span] = {}
    for i in range(chunk.start + 1, chunk.end):
        m = _KEY.match(lines[i])
        if m:
            key = m.group("key").strip("\"'")
            out.setdefault(key, Span(i, m.start("key"), i, len(lines[i].rstrip())))
    return out


def _validate(data: dict, lines: list[str], chunks: list[_Chunk], spec: Spec) -> None:
    by_name = {c.name: c for c in chunks}
    top = chunks[0]
    for key in data:
        if key not in ("spec", "decision"):
            span = _field_spans(lines, top).get(key) or getattr(
                by_name.get((key,)), "header_span", Span(0, 0, 0, 0)
            )
            spec.problems.append(
                SpecProblem(
                    "S001",
                    f"unknown top-level key '{key}' (expected [spec] or [decision.<id>])",
                    span,
                )
            )
    decision_model, meta_model, ValidationError = _models()
    meta = data.get("spec", {})
    try:
        meta_model.model_validate(meta)
    except ValidationError as e:
        chunk = by_name.get(("spec",), top)
        spec.problems.append(
            SpecProblem("S001", _pydantic_message(e, "[spec]"), _first_error_span(e, lines, chunk))
        )
    decisions = data.get("decision", {})
    if not isinstance(decisions, dict):
        spec.problems.append(
            SpecProblem("S001", "'decision' must be a table of decisions", Span(0, 0, 0, 0))
        )
        return
    decision_header = by_name.get(("decision",))
    for ident, raw in decisions.items():
        spec.declared.add(ident)
        chunk = by_name.get(("decision", ident)) or decision_header or top
        if not _ID.match(ident):
            spec.problems.append(
                SpecProblem(
                    "S001",
                    f"decision id '{ident}' must start with a letter or digit and use only "
                    "letters, digits, '_', '-' and '.'",
                    chunk.header_span,
                    ident,
                )
            )
            continue
        if not isinstance(raw, dict):
            spec.problems.append(
                SpecProblem("S001", f"decision '{ident}' must be a table", chunk.header_span, ident)
            )
            continue
        try:
            model = decision_model.validate_python(raw)
        except ValidationError as e:
            spec.problems.append(
                SpecProblem(
                    "S001",
                    _pydantic_message(e, f"decision '{ident}'"),
                    _first_error_span(e, lines, chunk),
                    ident,
                )
            )
            continue
        spec.decisions[ident] = DecisionEntry(
            ident, model, chunk.header_span, chunk.end - 1, _field_spans(lines, chunk)
        )


def _pydantic_message(e: ValidationError, where: str) -> str:
    parts = []
    for err in e.errors()[:3]:
        loc = [str(p) for p in err["loc"] if not (isinstance(p, str) and p in _KIND_TAGS)]
        field_name = ".".join(loc)
        msg = err["msg"]
        if err["type"] == "missing":
            msg = "is required"
        elif err["type"] == "extra_forbidden":
            msg = "is not a known field"
        elif err["type"] == "union_tag_invalid":
            msg = (
                "'kind' must be one of representation, invariant, naming, behaviour "
                f"(got {err.get('input', {}).get('kind')!r})"
                if isinstance(err.get("input"), dict)
                else msg
            )
            field_name = "kind"
        elif err["type"] == "union_tag_not_found":
            msg, field_name = "is required (representation, invariant, naming or behaviour)", "kind"
        msg = msg.removeprefix("Value error, ")
        parts.append(f"'{field_name}' {msg}" if field_name else msg)
    return f"invalid {where}: " + "; ".join(parts)


_KIND_TAGS = {"representation", "invariant", "naming", "behaviour"}


def _first_error_span(e: ValidationError, lines: list[str], chunk: _Chunk) -> Span:
    spans = _field_spans(lines, chunk)
    for err in e.errors():
        for part in err["loc"]:
            if isinstance(part, str) and part in spans:
                return spans[part]
        if err["type"].startswith("union_tag") and "kind" in spans:
            return spans["kind"]
    return chunk.header_span
