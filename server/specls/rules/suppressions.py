"""S009: a ``# spec: ignore[...]`` that silences nothing, or names a code that is none (as
ruff's RUF100). It is judged after the other rules ran and their findings were filtered:
:func:`unused` is called by the engine with the suppressions that were used."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from specls.config import ALL, Settings, did_you_mean, known_codes
from specls.facts import FileFacts, Span
from specls.findings import Finding, Fix, Severity

CODE = "S009"
#: Stands for a bare ``# spec: ignore`` (every code) in the set of used suppressions.
EVERY = ""


def unused(
    files: Mapping[str, FileFacts],
    paths: Iterable[str],
    used: set[tuple[str, int, str]],
    settings: Settings,
) -> list[Finding]:
    """S009 for each suppression in ``paths`` that ``used`` (``(path, line, code)``, with
    :data:`EVERY` for a bare one) does not hold. A code whose rule did not run (not selected,
    or ignored) is not judged: its finding could have been there."""
    from specls.rules import OFF_BY_DEFAULT

    known = known_codes()
    every_rule_runs = not settings.ignore and (not settings.select or ALL in settings.select)

    def judged(code: str) -> bool:  # (a rule off by default runs only when asked for)
        if code in OFF_BY_DEFAULT:
            return any(s == ALL or code.startswith(s) for s in settings.select)
        return settings.enabled(code)

    out: list[Finding] = []
    for path in paths:
        facts = files.get(path)
        if facts is None or not facts.suppressions:
            continue
        for line, codes in sorted(facts.suppressions.items()):
            if CODE in codes:  # (`# spec: ignore[..., S009]` keeps its line quiet)
                continue
            span = Span(line, 0, line + 1, 0)  # (the line: where the comment is)
            if not codes:
                if every_rule_runs and (path, line, EVERY) not in used:
                    why = "`# spec: ignore` silences nothing here"
                    out.append(_finding(path, span, why, line, None))
                continue
            unknown = sorted(c for c in codes if c not in known)
            idle = sorted(
                c for c in codes if c in known and judged(c) and (path, line, c) not in used
            )
            parts = [_not_a_code(c, known) for c in unknown]
            if idle:
                listed = ", ".join(f"`{c}`" for c in idle)
                parts.append(f"no {listed} finding on this line to silence")
            if parts:
                why = "Unused suppression: " + "; ".join(parts)
                gone = [*unknown, *idle]
                out.append(_finding(path, span, why, line, None if set(gone) >= codes else gone))
    return out


def _not_a_code(code: str, known: frozenset[str]) -> str:
    if any(k.startswith(code) for k in known):
        return f"`{code}` is a prefix; a suppression names whole codes"
    return f"`{code}` is no rule code{did_you_mean(code)}"


def _finding(path: str, span: Span, message: str, line: int, codes: list[str] | None) -> Finding:
    what = "the suppression" if codes is None else ", ".join(f"`{c}`" for c in codes)
    fix = Fix(f"Remove {what} from this line", "unsuppress", reference_line=line, codes=codes)
    return Finding(CODE, Severity.WARNING, message, path, span, fixes=[fix])


#: A suppression comment: ``# spec: ignore`` with its codes, if any.
_COMMENT = re.compile(r"[ \t]*#[ \t]*spec:[ \t]*ignore(?:\[([^\]]*)\])?")


def unsuppressed(line: str, codes: list[str] | None) -> str | None:
    """``line`` with ``codes`` taken out of its ``# spec: ignore[...]`` (the comment gone
    when none is left, or when ``codes`` is None); None when the line has no such comment."""
    found = list(_COMMENT.finditer(line))
    if not found:
        return None
    m = found[-1]
    kept = [
        c.strip()
        for c in (m.group(1) or "").split(",")
        if c.strip() and codes is not None and c.strip().upper() not in codes
    ]
    rest = line[m.end() :]
    if kept:
        head = line[: m.start(1)] if m.group(1) is not None else line[: m.end()]
        return f"{head}{', '.join(kept)}]{rest}"
    if rest.strip():  # (`# spec: ignore[R101] because …`: the comment's own words stay)
        return f"{line[: m.start()]}  # {rest.strip()}"
    return line[: m.start()]
