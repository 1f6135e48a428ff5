"""Render findings for people (text), programs (json), code scanning (sarif) and Actions."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from specls import __version__
from specls.findings import Finding, Severity

DOCS_URL = "https://specls.dev/rules/"


def display_path(path: str, base: Path | None = None) -> str:
    """``path`` relative to ``base`` (the current directory) when it is below it."""
    return _display_path(path, base or Path.cwd())


@lru_cache(maxsize=4096)
def _display_path(path: str, base: Path) -> str:
    # resolving symlinks costs system calls: once per file, not once per finding
    try:
        return (
            os.path.relpath(path, base)
            if Path(path).is_absolute() and Path(path).resolve().is_relative_to(base.resolve())
            else path
        )
    except ValueError:
        return path


def rule_url(code: str) -> str:
    return f"{DOCS_URL}{code}/"


def _pos(span: Any) -> dict[str, int]:
    return {
        "line": span.line + 1,
        "column": span.col + 1,
        "end_line": span.end_line + 1,
        "end_column": span.end_col + 1,
    }


def to_json(findings: list[Finding]) -> str:
    out = []
    for f in findings:
        item: dict[str, Any] = {
            "path": display_path(f.path),
            **_pos(f.span),
            "code": f.code,
            "severity": str(f.severity),
            "message": f.message,
            "decision": f.decision,
            "url": rule_url(f.code),
        }
        item["related"] = [
            {"path": display_path(r.path), **_pos(r.span), "message": r.message} for r in f.related
        ]
        item["fixes"] = [_fix_json(x) for x in f.fixes]
        out.append(item)
    import json

    return json.dumps(out, indent=2)


def _fix_json(fix: Any) -> dict[str, Any]:
    out = fix.to_json()
    for edit in out.get("edits", ()):
        edit["path"] = display_path(edit["path"])
    return out


def to_text(findings: list[Finding]) -> str:
    """The ``concise`` text report, uncoloured (:mod:`specls.report.text`)."""
    from specls.report.text import concise_lines

    return "\n".join(concise_lines(findings))


def statistics(findings: list[Finding]) -> str:
    from specls.rules import RULES  # the rule table (imported only when a report needs it)

    counts = Counter(f.code for f in findings)
    width = max((len(str(n)) for n in counts.values()), default=1)
    return "\n".join(
        f"{n:>{width}}\t{code}\t{RULES[code].name if code in RULES else ''}"
        for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    )


def statistics_json(findings: list[Finding]) -> str:
    """``--statistics --output-format json``: the count of each code, most frequent first."""
    import json

    from specls.rules import RULES

    counts = Counter(f.code for f in findings)
    fixable = Counter(f.code for f in findings if f.fixes)
    rows = [
        {
            "code": code,
            "name": RULES[code].name if code in RULES else "",
            "count": n,
            "fixable": fixable[code],
        }
        for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return json.dumps(rows, indent=2)


_SARIF_LEVEL = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "note",
    Severity.HINT: "note",
}


def _sarif_location(path: str, span: Any, message: str | None = None) -> dict[str, Any]:
    region = {
        "startLine": span.line + 1,
        "startColumn": span.col + 1,
        "endLine": span.end_line + 1,
        "endColumn": max(span.end_col + 1, 1),
    }
    loc: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": {"uri": Path(display_path(path)).as_posix()},
            "region": region,
        }
    }
    if message:
        loc["message"] = {"text": message}
    return loc


def to_sarif(findings: list[Finding]) -> str:
    from specls.rules import RULES

    codes = sorted(RULES)
    rules = [
        {
            "id": code,
            "name": RULES[code].name,
            "shortDescription": {"text": RULES[code].summary},
            "helpUri": rule_url(code),
            "defaultConfiguration": {"level": _SARIF_LEVEL[RULES[code].severity]},
        }
        for code in codes
    ]
    results = []
    for f in findings:
        result: dict[str, Any] = {
            "ruleId": f.code,
            "level": _SARIF_LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [_sarif_location(f.path, f.span)],
        }
        if f.code in RULES:
            result["ruleIndex"] = codes.index(f.code)
        if f.related:
            result["relatedLocations"] = [
                {"id": i, **_sarif_location(r.path, r.span, r.message)}
                for i, r in enumerate(f.related)
                if r.path
            ]
        if f.decision:
            result["properties"] = {"decision": f.decision}
        results.append(result)
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "specls",
                        "version": __version__,
                        "informationUri": "https://specls.dev",
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
    import json

    return json.dumps(log, indent=2)


def _gh_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


_GH_LEVEL = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "notice",
    Severity.HINT: "notice",
}


def to_github(findings: list[Finding]) -> str:
    out = []
    for f in findings:
        props = (
            f"file={_gh_escape(display_path(f.path), True)},line={f.span.line + 1},"
            f"col={f.span.col + 1},endLine={f.span.end_line + 1},"
            f"endColumn={f.span.end_col + 1},title={_gh_escape('specls ' + f.code, True)}"
        )
        out.append(f"::{_GH_LEVEL[f.severity]} {props}::{_gh_escape(f.code + ' ' + f.message)}")
    return "\n".join(out)


FORMATS: dict[str, Callable[[list[Finding]], str]] = {
    "text": to_text,
    "json": to_json,
    "sarif": to_sarif,
    "github": to_github,
}


def render(findings: list[Finding], fmt: str) -> str:
    """Findings in format ``fmt`` (one of :data:`FORMATS`)."""
    return FORMATS[fmt](findings)
