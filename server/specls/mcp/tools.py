"""What the MCP tools do, as plain functions over the engine (no ``mcp`` import: testable
alone, and the same answers the command line gives)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from specls.config import ConfigError, Settings, find_root, load_settings


def _settings(root: Path) -> Settings:
    return load_settings(find_root(root))


def _workspace(settings: Settings, texts: dict[Path, bytes] | None = None):
    from specls.cache import Cache
    from specls.run import load_workspace

    cache = Cache(settings.cache_dir, workspace=settings.root) if settings.cache_dir else None
    try:
        return load_workspace(settings, cache, texts=texts)
    finally:
        if cache is not None:
            cache.close()


def _inside(root: Path, path: str) -> bool:
    return (root / path).resolve().is_relative_to(root.resolve())


def _spec_name(settings: Settings) -> str:
    try:
        return settings.spec.relative_to(settings.root).as_posix() if settings.spec else "spec.toml"
    except ValueError:
        return str(settings.spec)


def decisions_for(root: Path, target: str, max_chars: int = 6000) -> str:
    from specls.context import TargetError, gather, markdown

    try:
        settings = _settings(root)
        ctx = gather(_workspace(settings), [target], cwd=root)
    except (ConfigError, TargetError) as e:
        return f"specls: {e}"
    return markdown(ctx, max(200, min(max_chars, 50_000)))


def check(root: Path, paths: list[str], path: str = "", text: str = "") -> str:
    from specls.report.agent import to_agent
    from specls.run import check_edited

    try:
        settings = _settings(root)
    except ConfigError as e:
        return f"specls: {e}"
    if text and not path:
        return "specls: give `path` with `text` (the file the text stands for)"
    outside = [p for p in [*paths, path] if p and not _inside(root, p)]
    if outside:
        return f"specls: {outside[0]} is outside the workspace {root}"
    if path:
        file = (root / path).absolute()
        result = check_edited(
            [file], settings, None, {file: text.encode("utf-8")} if text else None
        )
    else:
        files = [(root / p).absolute() for p in paths] or None
        if files is None:
            from specls.run import check_paths

            result = check_paths([settings.root], settings)
        else:
            missing = [str(p) for p in files if not p.exists()]
            if missing:
                return f"specls: no such file: {', '.join(missing)}"
            result = check_edited(files, settings)
    ws = result.workspace
    return to_agent(result.findings, ws.spec if ws else None, _spec_name(settings))


def propose(root: Path, fields: dict[str, Any], decision_id: str | None) -> str:
    from specls.spec.record import DecisionError, record, since

    try:
        settings = _settings(root)
    except ConfigError as e:
        return f"specls: {e}"
    if settings.spec is None:
        return "specls: no spec file is configured"
    chosen = {k: v for k, v in fields.items() if v not in (None, "", [])}
    chosen["status"] = "proposed"
    chosen.update(since(settings.root))
    try:
        got = record(
            settings.spec,
            settings.root,
            chosen,
            decision_id=decision_id,
            exact_id=decision_id is not None,
            refuse_decided_target=True,
        )
    except DecisionError as e:
        return f"specls: not proposed: {e}"
    return (
        f"Proposed decision `{got.id}` ({_spec_name(settings)}:{got.line}); it is checked as a "
        "proposal until someone accepts it (specls decide accept " + got.id + ")."
    )


def explain(root: Path, name: str) -> str:
    from specls import render
    from specls.ruledocs import rule_doc
    from specls.rules import RULES

    code = name.upper()
    if code in RULES:
        return rule_doc(code) or f"{code} ({RULES[code].name}): {RULES[code].summary}"
    try:
        settings = _settings(root)
    except ConfigError as e:
        return f"specls: {e}"
    from specls.spec.load import load_spec

    spec = load_spec(settings.spec) if settings.spec and settings.spec.is_file() else None
    entry = spec.decisions.get(name) if spec else None
    if entry is None:
        return f"specls: '{name}' is neither a rule code nor a decision id"
    return render.markdown(entry, _spec_name(settings))


def spec_text(root: Path) -> str:
    try:
        settings = _settings(root)
    except ConfigError as e:
        return f"# specls: {e}\n"
    if settings.spec is None or not settings.spec.is_file():
        return "# no spec file yet: specls init creates one\n"
    return settings.spec.read_text("utf-8", "replace")
