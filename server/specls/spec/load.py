"""Load ``spec.toml`` tolerantly, keeping the position of every decision and field.

A syntax error in one decision does not hide the others: the file is split at its table
headers and each table is read on its own, so one bad table costs only itself. Every problem
becomes a :class:`SpecProblem` with an exact position (S001 invalid, S002 duplicate id).
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from specls.records import field, record, replace
from specls.span import Span, shared_span
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


class Verdicts(Protocol):
    """Where the decisions of a spec text validated before are kept (the cache): the text's
    digest, then what :func:`parse_spec` found of it (see :class:`Validated`)."""

    def get_spec(self, path: str, digest: str) -> dict | None: ...

    def put_spec(self, path: str, digest: str, found: dict) -> None: ...


#: Each decision kind's model (for :class:`Validated`'s ``repr``).
_MODEL_NAMES = {
    "representation": "RepresentationDecision",
    "invariant": "InvariantDecision",
    "naming": "NamingDecision",
    "behaviour": "BehaviourDecision",
    "value": "ValueDecision",
}


class Validated:
    """A decision the models validated in an earlier run, rebuilt from its fields as they
    gave them (``model_dump()``, kept in the cache): read as the model is, attribute by
    attribute, without importing pydantic (a quarter of a second). A value decision's
    ``target`` is None, as the model's."""

    __slots__ = ("__dict__", "_fields")
    target = None  # (the other kinds have a field of that name)

    def __init__(self, fields: dict[str, Any]) -> None:
        self._fields = fields
        self.__dict__.update(fields)

    def model_dump(
        self,
        *,
        include: set[str] | None = None,
        exclude_none: bool = False,
        exclude_defaults: bool = False,
        **options: Any,
    ) -> dict[str, Any]:
        """As the model's ``model_dump`` (any other option: through the model itself)."""
        if exclude_defaults or options:
            options["exclude_defaults"] = exclude_defaults
            return self.model().model_dump(include=include, exclude_none=exclude_none, **options)
        import copy

        return {
            name: copy.deepcopy(value)
            for name, value in self._fields.items()
            if (include is None or name in include) and not (exclude_none and value is None)
        }

    def model(self) -> Any:
        """The decision as its pydantic model."""
        decision_model, _, _ = _models()
        return decision_model.validate_python(self._fields)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Validated):
            return self._fields == other._fields
        dump = getattr(other, "model_dump", None)
        if dump is None or type(other).__name__ != _MODEL_NAMES.get(self._fields.get("kind")):
            return NotImplemented
        return dump() == self._fields

    __hash__ = None  # type: ignore[assignment]  # (as the models: mutable, unhashable)

    def __repr__(self) -> str:
        name = _MODEL_NAMES.get(self._fields.get("kind"), "Decision")
        return f"{name}({', '.join(f'{k}={v!r}' for k, v in self._fields.items())})"


@record()
class SpecProblem:
    """Something wrong with the spec file itself."""

    code: str
    message: str
    span: Span
    decision_id: str | None = None


@record()
class DecisionEntry:
    """One valid decision and where it stands in the file."""

    id: str
    decision: Any  # one of the Decision models
    span: Span  # the table header
    end_line: int
    #: Where each field is written: (lines below the header, column, end column). Relative
    #: to the header, so that a decision moved by an edit above it keeps them.
    places: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    #: What rules derive from the decision alone (not from where it stands), kept while
    #: the decision's table is unchanged: an edit elsewhere in the file shares it.
    memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def fields(self) -> dict[str, Span]:
        """Where each field is written."""
        return {name: self.field_span(name) for name in self.places}

    def field_span(self, name: str) -> Span:
        """Where field ``name`` is written, or the header when it is not."""
        place = self.places.get(name)
        if place is None:
            return self.span
        below, col, end_col = place
        line = self.span.line + below
        return shared_span(line, col, line, end_col)

    def moved(self, lines: int) -> DecisionEntry:
        """The same decision ``lines`` lines further down the file."""
        return DecisionEntry(
            self.id,
            self.decision,
            _moved(self.span, lines),
            self.end_line + lines,
            self.places,
            self.memo,
        )


def _moved(span: Span, lines: int) -> Span:
    return shared_span(span.line + lines, span.col, span.end_line + lines, span.end_col)


@record()
class Spec:
    """A loaded spec file: valid decisions, all ids seen, and the problems found."""

    path: Path | None
    text: str = ""
    decisions: dict[str, DecisionEntry] = field(default_factory=dict)
    #: Every id declared in the file, valid or not (a reference to an invalid one is not
    #: reported as unknown: its own S001 says what is wrong).
    declared: set[str] = field(default_factory=set)
    problems: list[SpecProblem] = field(default_factory=list)
    #: What rules derive from the spec, computed once per spec (an edit makes a new one).
    memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    #: The file's tables as read, for a re-read of an edited text (None: re-read it whole).
    layout: _Layout | None = field(default=None, repr=False, compare=False)
    #: How this spec differs from the one it was read from (see :func:`parse_spec`), for
    #: what is derived from the spec to be derived from the one before's (None: read whole).
    edit: SpecEdit | None = field(default=None, repr=False, compare=False)

    def enforced(self) -> list[DecisionEntry]:
        """Decisions that are checked: accepted or proposed (a shared list: do not change it)."""
        found = self.memo.get("enforced")
        if found is None:
            found = self.memo["enforced"] = [
                d for d in self.decisions.values() if d.decision.status in ("accepted", "proposed")
            ]
        return found


@record()
class SpecEdit:
    """A spec read from an edit of another: the decisions of the tables the edit touched,
    as they were and as they are; the others are the same decisions, those below the edit
    moved by ``lines`` lines (their entries then new objects, with the same ids)."""

    previous: Spec
    removed: list[DecisionEntry]
    added: list[DecisionEntry]
    lines: int


@record()
class _Chunk:
    """One table of the spec file (or its top): its name and lines."""

    name: tuple[str, ...]  # table name parts; () for the top of the file
    start: int  # line of the header (or 0)
    end: int  # exclusive
    header_span: Span

    def moved(self, lines: int) -> _Chunk:
        return _Chunk(
            self.name, self.start + lines, self.end + lines, _moved(self.header_span, lines)
        )


_NO_PROBLEMS: tuple[SpecProblem, ...] = ()


@record()
class _Layout:
    """A file of a head (the top of the file, then perhaps ``[spec]``) and then only
    ``[decision.<id>]`` tables, each id once: each table reads the same alone as in the
    file, so an edit within some tables is re-read from those tables alone. The tables are
    listed in file order, a list per property (a move of thousands of them is a list each)."""

    head: list[SpecProblem]
    ids: list[str]
    starts: list[int]  # each table's first line (its header)
    entries: list[DecisionEntry | None]  # the decision each gave (None: it was invalid)
    problems: list[Sequence[SpecProblem]]
    lines: int  # the file's (each table ends where the next starts, the last here)

    def end(self, i: int) -> int:
        """The line after table ``i``."""
        return self.starts[i + 1] if i + 1 < len(self.starts) else self.lines


#: Line breaks other than ``\n`` that ``str.splitlines`` counts (a file with one is re-read
#: whole: the patching counts lines by ``\n``).
_OTHER_BREAKS = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
#: An array-of-tables header (``[[a]]``), which is no table of the layout: what it adds to
#: the file is seen only by a whole read.
_ARRAY_HEADER = re.compile(r"^[ \t]*\[\[", re.M)


def load_spec(path: Path, previous: Spec | None = None, verdicts: Verdicts | None = None) -> Spec:
    """Read and parse the spec file at ``path``; a missing or unreadable file is a problem.
    ``previous`` and ``verdicts``: as for :func:`parse_spec` (the file as last read, and
    the cache)."""
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
    return parse_spec(text, path, previous, verdicts)


def parse_spec(
    text: str,
    path: Path | None = None,
    previous: Spec | None = None,
    verdicts: Verdicts | None = None,
) -> Spec:
    """Parse spec text; never raises.

    ``previous`` is the spec this text is an edit of (an editor's buffer, one keystroke
    later): the tables the edit leaves alone are taken from it, moved by the lines the edit
    added, and only those it touched are read again; the result is the same as a whole
    read (a 50,000-decision file: milliseconds, not seconds).

    ``verdicts`` (the cache) keeps what validating this same text found: then the valid
    decisions are :class:`Validated` from their fields, and pydantic is not imported; an
    invalid one is validated again, so that its problem is said in the models' words."""
    if previous is not None and previous.layout is not None:
        if text == previous.text and path == previous.path:
            return previous
        patched = _patch(text, path, previous, previous.layout)
        if patched is not None:
            return patched
    spec = Spec(path, text)
    lines = text.splitlines()
    chunks = _chunks(lines)
    local = True  # whether what is wrong is wrong in one table (the others read alone)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        data, local = _recover(lines, chunks, spec, str(e))
    except (RecursionError, MemoryError):  # nesting too deep: found table by table
        data, local = _recover(lines, chunks, spec, None)
    if verdicts is None:
        _validate(data, lines, chunks, spec)
    else:
        _validate_known(text, data, lines, chunks, spec, verdicts)
    if local:
        spec.layout = _layout(text, lines, chunks, spec)
    return spec


def _layout(text: str, lines: list[str], chunks: list[_Chunk], spec: Spec) -> _Layout | None:
    """The layout of a file just read whole, when it is one (see :class:`_Layout`)."""
    if _OTHER_BREAKS.search(text) or _ARRAY_HEADER.search(text):
        return None
    first = 1
    if len(chunks) > 1 and chunks[1].name == ("spec",):
        first = 2
    ids: list[str] = []
    for chunk in chunks[first:]:
        if len(chunk.name) != 2 or chunk.name[0] != "decision":
            return None
        ids.append(chunk.name[1])
    if len(ids) != len(spec.declared) or set(ids) != spec.declared:  # (repeated, or missed)
        return None
    try:  # keys above the first table must not add to the tables below
        top = tomllib.loads("\n".join(lines[: chunks[0].end]))
    except (tomllib.TOMLDecodeError, RecursionError, MemoryError):
        return None
    if "decision" in top:
        return None
    by_id: dict[str | None, list[SpecProblem]] = {}
    for problem in spec.problems:
        key = problem.decision_id if problem.decision_id in spec.declared else None
        by_id.setdefault(key, []).append(problem)
    return _Layout(
        by_id.get(None, []),
        ids,
        [c.start for c in chunks[first:]],
        [spec.decisions.get(i) for i in ids],
        [by_id.get(i, _NO_PROBLEMS) for i in ids],
        len(lines),
    )


class _Lines:
    """Some lines of a file, indexed by their line numbers in the file."""

    def __init__(self, lines: list[str], first: int) -> None:
        self.lines = lines
        self.first = first

    def __getitem__(self, i: int) -> str:
        if i < self.first:
            raise IndexError(i)
        return self.lines[i - self.first]

    def __len__(self) -> int:
        return self.first + len(self.lines)


def _patch(text: str, path: Path | None, previous: Spec, layout: _Layout) -> Spec | None:
    """``text`` read from ``previous`` and the tables the edit touched, or None when the
    edit is not one tables alone can take in (the head, a header no longer one, a new
    table that is no decision or repeats an id, a multi-line string): a whole read then."""
    old = previous.text
    start = _common_prefix(old, text)
    tail = _common_suffix(old, text, min(len(old), len(text)) - start)
    old_end, new_end = len(old) - tail, len(text) - tail
    if _OTHER_BREAKS.search(text, start, new_end):  # (the rest had none: it had a layout)
        return None
    first_line = old.count("\n", 0, start)
    last_line = first_line + old.count("\n", start, old_end)  # (in the old text)
    added = text.count("\n", start, new_end) - (last_line - first_line)
    starts = layout.starts
    k = bisect_right(starts, first_line) - 1
    if k >= 0 and starts[k] == first_line:  # its header was edited: it may join the one before
        k -= 1
    if k < 0:
        return None
    m = bisect_right(starts, last_line) - 1
    seg_first, seg_end = starts[k], layout.end(m) + added  # (lines, in the new text)
    # the segment's first character (before the edit) and its end (after it)
    begin = text.rfind("\n", 0, start) + 1
    for _ in range(first_line - seg_first):
        begin = text.rfind("\n", 0, begin - 1) + 1
    after = m + 1 < len(starts)
    finish = new_end
    if after:
        for _ in range(starts[m + 1] - last_line):
            finish = text.find("\n", finish) + 1
            if finish == 0:
                return None
    else:
        finish = len(text)
    segment = text[begin:finish]
    if '"""' in segment or "'''" in segment:
        return None
    seg_lines = segment.split("\n")
    if seg_lines and seg_lines[-1] == "" and (after or segment.endswith("\n")):
        seg_lines.pop()
    if len(seg_lines) != seg_end - seg_first:
        return None
    chunks = _chunks(seg_lines)
    if chunks[0].end != 0:
        return None
    declared = set(previous.declared)
    declared.difference_update(layout.ids[k : m + 1])
    lines = _Lines(seg_lines, seg_first)
    ids: list[str] = []
    entries: list[DecisionEntry | None] = []
    problems: list[Sequence[SpecProblem]] = []
    for chunk in chunks[1:]:
        chunk = chunk.moved(seg_first)
        if len(chunk.name) != 2 or chunk.name[0] != "decision" or chunk.name[1] in declared:
            return None
        ident = chunk.name[1]
        declared.add(ident)
        found: list[SpecProblem] = []
        entry = None
        body = "\n".join(seg_lines[chunk.start - seg_first : chunk.end - seg_first])
        read = _read_table(body, chunk, lines, ident)
        if isinstance(read, SpecProblem):
            found.append(read)
        elif set(read) != {"decision"} or list(read["decision"]) != [ident]:
            return None
        else:
            entry = _decision(ident, read["decision"][ident], chunk, lines, found)
        ids.append(ident)
        entries.append(entry)
        problems.append(found or _NO_PROBLEMS)
    below = slice(m + 1, None)
    below_starts = starts[below]
    below_entries = layout.entries[below]
    below_problems = layout.problems[below]
    if added:
        below_starts = [line + added for line in below_starts]
        below_entries = [e.moved(added) if e is not None else None for e in below_entries]
        below_problems = [
            [replace(p, span=_moved(p.span, added)) for p in found] if found else found
            for found in below_problems
        ]
    new = _Layout(
        layout.head,
        [*layout.ids[:k], *ids, *layout.ids[below]],
        [*starts[:k], *(c.start + seg_first for c in chunks[1:]), *below_starts],
        [*layout.entries[:k], *entries, *below_entries],
        [*layout.problems[:k], *problems, *below_problems],
        layout.lines + added,
    )
    spec = Spec(path, text)
    # (the same ids: the same set, which what is made from it may be kept by)
    spec.declared = previous.declared if ids == layout.ids[k : m + 1] else declared
    spec.decisions = {e.id: e for e in new.entries if e is not None}
    spec.problems = [*layout.head, *(p for found in new.problems for p in found)]
    spec.layout = new
    removed = [e for e in layout.entries[k : m + 1] if e is not None]
    spec.edit = SpecEdit(previous, removed, [e for e in entries if e is not None], added)
    previous.edit = None  # (one step back is all that is derived from: no chain of specs)
    return spec


def _common_prefix(a: str, b: str) -> int:
    """The length of the longest common prefix (compared a block at a time, in C)."""
    n = min(len(a), len(b))
    lo, block = 0, 4096
    while lo < n and a[lo : lo + block] == b[lo : lo + block]:
        lo += block
    hi = min(lo + block, n)
    while lo < hi:  # the first difference is in [lo, hi)
        mid = (lo + hi) // 2
        if a[lo : mid + 1] == b[lo : mid + 1]:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _common_suffix(a: str, b: str, limit: int) -> int:
    """The length of the longest common suffix, at most ``limit``."""
    la, lb = len(a), len(b)
    n, block = 0, 4096
    while n < limit:
        step = min(block, limit - n)
        if a[la - n - step : la - n] != b[lb - n - step : lb - n]:
            break
        n += step
    else:
        return n
    lo, hi = n, n + min(block, limit - n)  # the suffix ends in (lo, hi]: the longest is lo..
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[la - mid : la - n] == b[lb - mid : lb - n]:
            lo = mid
        else:
            hi = mid - 1
    return lo


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
        if ('"""' in line or "'''" in line) and (
            line.count('"""') % 2 == 1 or line.count("'''") % 2 == 1
        ):
            in_multiline = not in_multiline
        if in_multiline or "[" not in line:  # (the tests in C first: 300,000 lines a spec)
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


def _toml_error_span(message: str, line_offset: int, lines: _Lines | list[str]) -> Span:
    m = _TOML_POS.search(message)
    if not m:
        return Span(line_offset, 0, line_offset, 0)
    line = int(m.group(1)) - 1 + line_offset
    col = int(m.group(2)) - 1
    length = len(lines[line]) if 0 <= line < len(lines) else col
    return Span(line, col, line, max(col + 1, length))


def _recover(
    lines: list[str], chunks: list[_Chunk], spec: Spec, whole_error: str | None
) -> tuple[dict, bool]:
    """Read each table on its own, keeping those that parse (``whole_error`` is what was
    wrong with the whole file; None when it nests too deep); and whether a table alone
    was wrong (else the tables are wrong together: duplicates, or the whole file)."""
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
        part = _read_table(body, chunk, lines, ident)
        if isinstance(part, SpecProblem):
            spec.problems.append(part)
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
    return data, reported


def _read_table(body: str, chunk: _Chunk, lines: _Lines | list[str], ident: str | None):
    """One table's text read alone: its keys, or what is wrong with it."""
    try:
        return tomllib.loads(body)
    except (tomllib.TOMLDecodeError, RecursionError, MemoryError) as e:
        if isinstance(e, tomllib.TOMLDecodeError):
            message = f"invalid TOML: {_TOML_POS.sub('', str(e)).strip()}"
            span = _toml_error_span(str(e), chunk.start, lines)
        else:
            message = _TOO_DEEP
            line = chunk.start + (_deep_line(body) or 0)
            span = Span(line, 0, line, len(lines[line]) if line < len(lines) else 0)
        return SpecProblem("S001", message, span, ident)


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


def _field_spans(lines: _Lines | list[str], chunk: _Chunk) -> dict[str, Span]:
    return {
        name: Span(chunk.start + below, col, chunk.start + below, end_col)
        for name, (below, col, end_col) in _field_places(lines, chunk).items()
    }


def _field_places(lines: _Lines | list[str], chunk: _Chunk) -> dict[str, tuple[int, int, int]]:
    """Where each key of a table is written (see :attr:`DecisionEntry.places`)."""
    out: dict[str, tuple[int, int, int]] = {}
    start = chunk.start
    for i in range(start + 1, chunk.end):
        line = lines[i]
        m = _KEY.match(line)
        if m:
            key = m.group("key").strip("\"'")
            if key not in out:
                out[key] = (i - start, m.start("key"), len(line.rstrip()))
    return out


def _validate_known(
    text: str,
    data: dict,
    lines: list[str],
    chunks: list[_Chunk],
    spec: Spec,
    verdicts: Verdicts,
) -> None:
    """:func:`_validate`, with what validating the same text found before (``verdicts``),
    and what it finds now kept there for the next read."""
    import hashlib

    key = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    where = str(spec.path)
    known = verdicts.get_spec(where, key)
    if not (isinstance(known, dict) and isinstance(known.get("decisions"), dict)):
        known = None
    meta = _validate(data, lines, chunks, spec, known)
    found = {
        "meta": meta,
        "decisions": {
            ident: entry.decision.model_dump() for ident, entry in spec.decisions.items()
        },
    }
    if found != known:
        verdicts.put_spec(where, key, found)


def _validate(
    data: dict,
    lines: list[str],
    chunks: list[_Chunk],
    spec: Spec,
    known: dict | None = None,
) -> bool:
    """The problems of ``data`` and its valid decisions into ``spec``; returns whether
    ``[spec]`` is valid. ``known``: what validating the same text found before (``meta``:
    whether ``[spec]`` is valid; ``decisions``: each valid decision's fields), taken
    instead of validating again."""
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
    meta_valid = True
    if known is None or known.get("meta") is not True:
        _, meta_model, ValidationError = _models()
        meta = data.get("spec", {})
        try:
            meta_model.model_validate(meta)
        except ValidationError as e:
            meta_valid = False
            chunk = by_name.get(("spec",), top)
            spec.problems.append(
                SpecProblem(
                    "S001", _pydantic_message(e, "[spec]"), _first_error_span(e, lines, chunk)
                )
            )
    decisions = data.get("decision", {})
    if not isinstance(decisions, dict):
        spec.problems.append(
            SpecProblem("S001", "'decision' must be a table of decisions", Span(0, 0, 0, 0))
        )
        return meta_valid
    valid = known["decisions"] if known is not None else {}
    decision_header = by_name.get(("decision",))
    for ident, raw in decisions.items():
        spec.declared.add(ident)
        chunk = by_name.get(("decision", ident)) or decision_header or top
        entry = _decision(ident, raw, chunk, lines, spec.problems, valid.get(ident))
        if entry is not None:
            spec.decisions[ident] = entry
    return meta_valid


def _decision(
    ident: str,
    raw: object,
    chunk: _Chunk,
    lines: _Lines | list[str],
    problems: list[SpecProblem],
    fields: dict | None = None,
) -> DecisionEntry | None:
    """The decision ``raw`` validated, or None with its problem added to ``problems``.
    ``fields``: what validating the same ``raw`` gave before (then it is not validated)."""
    if not _ID.match(ident):
        problems.append(
            SpecProblem(
                "S001",
                f"decision id '{ident}' must start with a letter or digit and use only "
                "letters, digits, '_', '-' and '.'",
                chunk.header_span,
                ident,
            )
        )
        return None
    if not isinstance(raw, dict):
        problems.append(
            SpecProblem("S001", f"decision '{ident}' must be a table", chunk.header_span, ident)
        )
        return None
    if isinstance(fields, dict):
        return DecisionEntry(
            ident, Validated(fields), chunk.header_span, chunk.end - 1, _field_places(lines, chunk)
        )
    decision_model, _, ValidationError = _models()
    try:
        model = decision_model.validate_python(raw)
    except ValidationError as e:
        problems.append(
            SpecProblem(
                "S001",
                _pydantic_message(e, f"decision '{ident}'"),
                _first_error_span(e, lines, chunk),
                ident,
            )
        )
        return None
    return DecisionEntry(
        ident, model, chunk.header_span, chunk.end - 1, _field_places(lines, chunk)
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
                "'kind' must be one of representation, invariant, naming, behaviour, value "
                f"(got {err.get('input', {}).get('kind')!r})"
                if isinstance(err.get("input"), dict)
                else msg
            )
            field_name = "kind"
        elif err["type"] == "union_tag_not_found":
            msg = "is required (representation, invariant, naming, behaviour or value)"
            field_name = "kind"
        msg = msg.removeprefix("Value error, ")
        parts.append(f"'{field_name}' {msg}" if field_name else msg)
    return f"invalid {where}: " + "; ".join(parts)


_KIND_TAGS = {"representation", "invariant", "naming", "behaviour", "value"}


def _first_error_span(e: ValidationError, lines: _Lines | list[str], chunk: _Chunk) -> Span:
    spans = _field_spans(lines, chunk)
    for err in e.errors():
        for part in err["loc"]:
            if isinstance(part, str) and part in spans:
                return spans[part]
        if err["type"].startswith("union_tag") and "kind" in spans:
            return spans["kind"]
    return chunk.header_span
