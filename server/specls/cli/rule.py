"""``specls rule CODE`` / ``specls rule --all``: what each rule finds (as ``ruff rule``)."""

from __future__ import annotations

import argparse

from specls.cli.common import EXIT_CLEAN, error
from specls.config import unknown_code


def add(sub: argparse._SubParsersAction) -> None:
    rule = sub.add_parser("rule", help="show a rule's documentation, or list every rule")
    rule.add_argument("code", nargs="?", help="a rule code (R101), or a prefix (R, S00)")
    rule.add_argument("--all", action="store_true", help="list every rule")
    rule.add_argument(
        "--output-format", choices=["text", "json"], default="text", help="text or json"
    )


def run(args: argparse.Namespace) -> int:
    """``specls rule``."""
    from specls.ruledocs import rule_doc
    from specls.rules import OFF_BY_DEFAULT, RULES

    if args.code is None and not args.all:
        return error("name a rule (specls rule R101), a prefix (specls rule R), or --all")
    code = (args.code or "").upper()
    if code and (problem := unknown_code(code, "specls rule")) is not None:
        return error(problem)
    codes = [c for c in _ordered(RULES) if c.startswith(code) or args.all or code == "ALL"]
    if args.output_format == "json":
        import json

        rows = [
            {
                "code": c,
                "name": RULES[c].name,
                "summary": RULES[c].summary,
                "severity": str(RULES[c].severity),
                "default": c not in OFF_BY_DEFAULT,
                "url": f"https://specls.dev/rules/{c}/",
                **({"explanation": rule_doc(c)} if code in RULES else {}),
            }
            for c in codes
        ]
        print(json.dumps(rows[0] if code in RULES else rows, indent=2))
        return EXIT_CLEAN
    if code in RULES:
        print(rule_doc(code) or f"# {code} {RULES[code].name}\n\n{RULES[code].summary}")
        return EXIT_CLEAN
    width = max(len(RULES[c].name) for c in codes)
    for c in codes:
        off = "  (off by default)" if c in OFF_BY_DEFAULT else ""
        print(f"{c}  {RULES[c].name:<{width}}  {RULES[c].severity:<7}  {RULES[c].summary}{off}")
    return EXIT_CLEAN


def _ordered(rules: dict) -> list[str]:
    """Codes family by family as the documentation lists them (R, I, N, E, S, D), then
    by number."""
    families = "RINESD"
    return sorted(rules, key=lambda c: (families.find(c[0]) % 99, c))
