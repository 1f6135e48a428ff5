"""Drift since a decision: the code it governs that changed after the commit it was decided at.

A decision may carry ``since``, the commit it was recorded or accepted at (``specls decide``
and ``specls infer --write`` write it). The code it governs is read from the facts:

- a representation decision: every use of the attribute in its class (assignments, calls,
  subscripts, claims);
- a behaviour decision: the method's (or function's) lines;
- an invariant decision: every use of the attributes its expression names (the whole class
  when the expression is not one specls reads).

Each file holding such code is compared with the bytes it had at that commit (read with
:mod:`specls.gitread`: objects only, never the work tree through git), in Python with
:mod:`difflib`; a change that touches the governed lines — as they are now, or as they were
then (the old bytes are parsed too, never run: a use that was removed counts) — is a place
to review. Naming decisions govern names rather than code ranges and are not followed.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from specls import gitread
from specls.facts import ClassFacts, FileFacts
from specls.index import WorkspaceIndex
from specls.records import field, record
from specls.span import Span
from specls.text import lines as text_lines

if TYPE_CHECKING:
    from specls.engine import Workspace
    from specls.spec.load import DecisionEntry, Spec

#: Lines compared with difflib at most (each side, after the common start and end are cut):
#: beyond, the middle is one change. difflib's matcher is quadratic at worst.
MAX_DIFF_LINES = 20_000

Ranges = list[tuple[int, int]]  # (first line, last line), 0-based, inclusive


@record()
class Place:
    """Changed lines of the current file (0-based, inclusive) that touch governed code."""

    path: str
    start: int
    end: int

    @property
    def span(self) -> Span:
        return Span(self.start, 0, self.end + 1, 0)  # (whole lines)


@record()
class Drift:
    """One decision with a commit, and what changed in its code since."""

    entry: DecisionEntry
    since: str
    #: ``changed``, ``unchanged``, ``gone`` (its target names nothing now), ``unknown-commit``
    #: (git does not know the commit) or ``untracked`` (its code is outside the repository).
    state: str
    places: list[Place] = field(default_factory=list)
    #: ``since`` is a revision the user named (``--since``), not the decision's own commit.
    named: bool = False

    def message(self) -> str:
        """In words: code governed by `cart-lines` changed in 3 places since it was accepted
        at 4f2c9e1; check it still holds."""
        ident, since = self.entry.id, self.since
        verb = "accepted" if self.entry.decision.status == "accepted" else "recorded"
        when = since if self.named else f"it was {verb} at {since}"
        if self.state == "changed":
            n = len(self.places)
            return (
                f"code governed by `{ident}` changed in {n} place{'s' if n != 1 else ''} since "
                f"{when}; check it still holds"
            )
        if self.state == "unchanged":
            return f"code governed by `{ident}` is unchanged since {when}"
        if self.state == "gone":
            return f"the target of `{ident}` names nothing in the workspace any more"
        if self.state == "unknown-commit":
            return f"`{ident}` was {verb} at {since}, a commit this repository does not have"
        return f"the code `{ident}` governs is not in the git repository"


@record()
class Report:
    """What :func:`drift` found, or why it could not look (``note``)."""

    drifts: list[Drift] = field(default_factory=list)
    #: Enforced decisions without a commit to compare with (no ``since``, no ``--since``).
    undated: list[str] = field(default_factory=list)
    #: Decisions not followed (naming: not tied to code ranges).
    skipped: list[str] = field(default_factory=list)
    note: str | None = None


Reader = Callable[[str], bytes | None]

#: Entries a session's memo of git's answers holds at most (each kind) before it is emptied.
_MEMO_LIMIT = 256


def _disk(path: str) -> bytes | None:
    from specls.discovery import read_source

    return read_source(Path(path)).data


def drift(
    ws: Workspace,
    *,
    since: str | None = None,
    ids: set[str] | None = None,
    read: Reader = _disk,
) -> Report:
    """The enforced decisions (or those of ``ids``) whose code changed after their ``since``
    (or after ``since``, a revision, for all of them); ``read`` gives a file's current bytes
    (default: from disk). Never raises for a missing git or repository: ``note`` says so."""
    return drift_of(ws.index, ws.spec, ws.settings.root, since=since, ids=ids, read=read)


def drift_of(
    index: WorkspaceIndex,
    spec: Spec,
    root: Path,
    *,
    since: str | None = None,
    ids: set[str] | None = None,
    read: Reader = _disk,
    paths: frozenset[str] | None = None,
    memo: dict | None = None,
) -> Report:
    """:func:`drift` from the index and the spec of a workspace at ``root``.

    ``paths`` limits the places to those files (an editor's changed files); ``memo`` keeps
    what git said across calls (a language server's session: the repository, each commit's
    files and renames, keyed by the commit and ``HEAD``), so that a check after an edit asks
    git for ``HEAD`` only."""
    report = Report()
    if memo is None:
        memo = {}
    if "repo" not in memo:
        memo["repo"] = gitread.find_repo(root)
    repo = memo["repo"]
    if repo is None:
        report.note = "not a git repository (or git is not installed): no commit to compare with"
        return report
    override: str | None = None
    if since is not None:
        override = gitread.resolve(repo, since)
        if override is None:
            report.note = f"`{since}` is not a commit of this repository"
            return report
    commits: dict[str, str | None] = memo.setdefault("commits", {})
    blobs: dict[tuple[str, str], bytes | None] = memo.setdefault("blobs", {})
    old_facts: dict[tuple[str, str], FileFacts | None] = memo.setdefault("facts", {})
    head: list[str | None] = []  # (asked once per call, and only when a rename is looked up)
    moves: dict[tuple[str, str | None], dict[str, str]] = memo.setdefault("moves", {})
    for entry in spec.enforced():
        if ids is not None and entry.id not in ids:
            continue
        d = entry.decision
        if d.kind == "naming":
            report.skipped.append(entry.id)
            continue
        shown = since if since is not None else d.since
        if shown is None:
            report.undated.append(entry.id)
            continue
        if override is not None:
            commit = override
        else:
            if d.since not in commits:
                ok = gitread.COMMIT_ID.fullmatch(d.since or "")
                commits[d.since] = gitread.resolve(repo, d.since) if ok else None
            commit = commits[d.since]
        if commit is None:
            report.drifts.append(Drift(entry, shown, "unknown-commit"))
            continue
        ranges = governed(index, entry)
        if ranges is None:
            report.drifts.append(Drift(entry, shown, "gone"))
            continue
        places: list[Place] = []
        tracked = False
        for path, wanted in sorted(ranges.items()):
            if paths is not None and path not in paths:  # (before resolving its path: an
                tracked = True  # editor's check asks for one file; not judged untracked)
                continue
            rel = gitread.relative(repo, Path(path))
            if rel is None:
                continue
            tracked = True
            if not head:
                head.append(gitread.resolve(repo, "HEAD"))
            move = (commit, head[0])
            if move not in moves:
                if len(moves) > _MEMO_LIMIT:
                    moves.clear()
                moves[move] = gitread.renamed(repo, commit)
            then = moves[move].get(rel, rel)
            key = (commit, then)
            if key not in blobs:
                if len(blobs) > _MEMO_LIMIT:  # (a session's memory stays bounded)
                    blobs.clear()
                    old_facts.clear()
                blobs[key] = gitread.blob(repo, commit, then)
            now = read(path)
            if now is None:
                continue
            old = blobs[key]
            if old is None:  # the file is new since: all of its governed code is
                places.extend(Place(path, s, e) for s, e in _merged(wanted))
                continue
            if key not in old_facts:
                old_facts[key] = _facts(old, path, index.files[path].module)
            then_facts = old_facts[key]
            before: Ranges = []
            if then_facts is not None:
                before = governed(WorkspaceIndex([then_facts]), entry, quiet=True) or {}
                before = before.get(path, [])  # type: ignore[union-attr, assignment]
            for h in hunks_of(old, now):
                if h.touches(wanted, before):
                    places.append(Place(path, *h.new))
        if not tracked:
            report.drifts.append(Drift(entry, shown, "untracked"))
            continue
        state = "changed" if places else "unchanged"
        report.drifts.append(Drift(entry, shown, state, places, override is not None))
    return report


# -- what a decision governs ------------------------------------------------------------------


def _facts(data: bytes, path: str, module: str) -> FileFacts | None:
    """The facts of a file as it was (parsed, never run), or None when it cannot be read."""
    from specls.extract import extract
    from specls.text import normalized

    if b"\0" in data:
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return extract(normalized(data), path, module)


def governed(
    index: WorkspaceIndex, entry: DecisionEntry, *, quiet: bool = False
) -> dict[str, Ranges] | None:
    """The lines of code a decision governs, per file; None when its target names nothing
    (``quiet``: an index of one old file, where a module-level target is not looked for)."""
    d = entry.decision
    target = getattr(d, "target", None)
    if not target:
        return None
    out: dict[str, Ranges] = {}
    found = False
    for ref, member in index.resolve_target(target):
        cls = ref.cls
        if d.kind == "representation" and member is not None:
            spans = list(_uses(cls, member))
            if spans:
                found = True
                out.setdefault(ref.file.path, []).extend(_lines(spans))
        elif d.kind == "behaviour" and member is not None:
            method = cls.methods.get(member)
            if method is not None:
                found = True
                end = method.flow.end_line if method.flow is not None else method.span.end_line
                out.setdefault(ref.file.path, []).append((method.span.line, end))
        elif d.kind == "invariant" and member is None:
            found = True
            subjects = _subjects(d.expr)
            spans = [s for attr in subjects for s in _uses(cls, attr)] if subjects else []
            ranges = _lines(spans) if spans else [(cls.span.line, cls.end_line)]
            out.setdefault(ref.file.path, []).extend(ranges)
    if quiet:
        return {p: sorted(set(r)) for p, r in out.items()} if found else None
    if not found and d.kind == "behaviour":
        for facts in index.files.values():
            for fn in _functions(facts, target):
                found = True
                end = fn.flow.end_line if fn.flow is not None else fn.span.end_line
                out.setdefault(facts.path, []).append((fn.span.line, end))
    if not found and d.kind == "invariant":
        subjects = _subjects(d.expr)
        for facts in index.files.values():
            if facts.module == target or facts.module.endswith("." + target):
                found = True
                spans = [s for name, _, s in facts.constants if name in subjects]
                out.setdefault(facts.path, []).extend(_lines(spans))
    return {p: sorted(set(r)) for p, r in out.items()} if found else None


def _functions(facts: FileFacts, target: str) -> Iterator:
    if "." not in target:
        return iter(())
    module, name = target.rsplit(".", 1)
    if facts.module != module and not facts.module.endswith("." + module):
        return iter(())
    return (fn for fn in facts.function_facts if fn.name == name)


def _subjects(expr: str) -> set[str]:
    from specls.spec.invariants import Unsupported, parse_invariant

    try:
        return {c.subject for c in parse_invariant(expr)}
    except (SyntaxError, Unsupported):
        return set()


def _uses(cls: ClassFacts, attr: str) -> Iterator[Span]:
    for e in cls.evidence:
        if e.attr == attr:
            yield e.span
    for s in cls.shapes:
        if s.attr == attr:
            yield s.span
    for c in cls.claims:
        if c.attr == attr:
            yield c.span
    for m in cls.mutations:
        if m.attr == attr:
            yield m.span
    for table in (cls.reads, cls.writes):
        for a in table.get(attr, ()):
            yield a.span


def _lines(spans: list[Span]) -> Ranges:
    return [(s.line, s.end_line) for s in spans]


# -- what changed ---------------------------------------------------------------------------


@record(frozen=True)
class Hunk:
    """A change: the lines it replaced in the old file, and the lines it made in the new
    one (0-based, inclusive; for a deletion, the lines around where it was). ``cut_old`` and
    ``cut_new`` are where lines were only inserted (old) or only deleted (new): the index of
    the line after the cut, else -1."""

    old: tuple[int, int]
    new: tuple[int, int]
    cut_old: int = -1
    cut_new: int = -1

    def touches(self, now: Ranges, then: Ranges) -> bool:
        """Whether the change touches governed lines as they are ``now`` or were ``then``:
        changes them, or cuts between two of them (not merely next to their first or last)."""
        if self.cut_new < 0:
            hit_now = _overlaps(self.new, now)
        else:
            hit_now = any(s < self.cut_new <= e for s, e in now)
        if self.cut_old < 0:
            hit_then = _overlaps(self.old, then)
        else:
            hit_then = any(s < self.cut_old <= e for s, e in then)
        return hit_now or hit_then


def hunks_of(old: bytes, new: bytes) -> list[Hunk]:
    """The changes from ``old`` to ``new``, line by line (line breaks as a check reads them)."""
    a, b = text_lines(old), text_lines(new)
    start = 0
    while start < len(a) and start < len(b) and a[start] == b[start]:
        start += 1
    end_a, end_b = len(a), len(b)
    while end_a > start and end_b > start and a[end_a - 1] == b[end_b - 1]:
        end_a -= 1
        end_b -= 1
    if start == end_a and start == end_b:
        return []
    if end_a - start > MAX_DIFF_LINES or end_b - start > MAX_DIFF_LINES:
        return [_hunk(start, end_a, start, end_b, len(a), len(b))]
    out: list[Hunk] = []
    matcher = difflib.SequenceMatcher(None, a[start:end_a], b[start:end_b], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            out.append(_hunk(start + i1, start + i2, start + j1, start + j2, len(a), len(b)))
    return out


def _hunk(i1: int, i2: int, j1: int, j2: int, size_a: int, size_b: int) -> Hunk:
    return Hunk(
        _range(i1, i2, size_a),
        _range(j1, j2, size_b),
        i1 if i2 == i1 else -1,
        j1 if j2 == j1 else -1,
    )


def changed(old: bytes, new: bytes) -> Ranges:
    """The changed lines of ``new`` against ``old``, as ranges of ``new``'s lines."""
    return [h.new for h in hunks_of(old, new)]


def _range(j1: int, j2: int, size: int) -> tuple[int, int]:
    if j2 > j1:
        return j1, j2 - 1
    at = min(j1, max(size - 1, 0))  # nothing there: the lines around the cut
    return max(at - 1, 0), at


def _overlaps(r: tuple[int, int], wanted: Ranges) -> bool:
    s, e = r
    return any(s <= we and ws_ <= e for ws_, we in wanted)


def _merged(ranges: Ranges) -> Ranges:
    out: Ranges = []
    for s, e in sorted(ranges):
        if out and s <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out
