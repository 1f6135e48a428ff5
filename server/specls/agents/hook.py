"""``specls hook post-edit`` and ``specls hook session-start``: specls in an agent's loop.

After each edit the hook checks the files the edit wrote and what depends on them, and
answers in the form the agent gives its model: the findings in ``--format agent`` (each
with the decided value and the way out) as additional context, next to the tool's result.
It never edits code and never blocks: the edit is done, the model reads the report and
acts. When nothing diverges it prints nothing. At the start of a session it gives the
model the workspace's accepted decisions, with their values (the ``context`` renderer),
within a budget.

Every answer exits 0 (report only): an exit of 2 means "blocking" to Claude Code and
replaces the tool's result in Codex. A payload it cannot read, a file outside any
workspace, an internal error: exit 0 and no answer (a hook must never break the agent's
turn), with one line on stderr, which the agents keep in their logs.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from pathlib import Path

from specls.agents.payloads import Payload, parse
from specls.records import record

#: The most context an answer gives (Claude Code, Copilot and Codex cap context at 10,000
#: characters; beyond, Claude saves it to a file the model must open).
MAX_CONTEXT = 8000
#: The budget of the decisions given at the start of a session.
SESSION_CONTEXT = 4000
_CHECKED = (".py", ".pyi")
#: Where a check's workspace is kept until the process ends (:func:`main`'s ``keep``: the
#: command line's, which ends with ``os._exit``); None: not kept.
_kept: list[object] | None = None


@record()
class Answer:
    """What the hook prints and its exit code."""

    stdout: str = ""
    stderr: str = ""
    code: int = 0


def run(event: str, data: bytes, cwd: Path, env: Mapping[str, str] | None = None) -> Answer:
    """Answer one hook call: ``event`` is ``post-edit`` or ``session-start``."""
    payload = parse(data, cwd)
    if payload is None:
        return Answer(stderr="specls hook: no hook payload on stdin (JSON); nothing to do\n")
    try:
        if event == "session-start":
            text = session_context(payload)
            kind = "SessionStart"
        else:
            text = edit_report(payload)
            kind = "PostToolUse"
    except Exception as e:  # a hook must not break the agent's turn
        return Answer(stderr=f"specls hook: internal error ({type(e).__name__}: {e})\n")
    if not text:
        return Answer()
    return Answer(stdout=json.dumps(wrap(payload.agent, kind, text)) + "\n")


def wrap(agent: str, event: str, text: str) -> dict:
    """``text`` as the agent takes additional context for its model."""
    text = text[:MAX_CONTEXT]
    if agent == "cursor":
        return {"additional_context": text}
    if agent == "copilot":
        return {"additionalContext": text}
    answer: dict = {"hookSpecificOutput": {"hookEventName": event, "additionalContext": text}}
    if event == "PostToolUse":  # (shown to the user, not the model)
        first = text.splitlines()[-1] if text else ""
        answer["systemMessage"] = first
    return answer


def _settings_for(path: Path):
    from specls.config import find_root, load_settings

    return load_settings(find_root(path))


def edit_report(payload: Payload) -> str:
    """The findings in the files the edit wrote and what depends on them (agent format);
    "" when nothing diverges or the edit wrote no file specls checks."""
    from specls.cache import Cache
    from specls.run import check_edited

    code = [p for p in payload.paths if p.suffix in _CHECKED and p.is_file()]
    spec_edited = [p for p in payload.paths if p.name == "spec.toml" and p.is_file()]
    if not code and not spec_edited:
        return ""
    settings = _settings_for((code or spec_edited)[0])
    cache = Cache(settings.cache_dir, workspace=settings.root) if settings.cache_dir else None
    try:
        result = check_edited(code, settings, cache)
        if _kept is not None:
            _kept.append(result)
        spec_path = str(settings.spec) if settings.spec else None
        findings = [
            f
            for f in result.findings
            if f.severity in ("error", "warning", "info") and (spec_edited or f.path != spec_path)
        ]
        if not findings:
            return ""
        from specls.report.agent import to_agent  # (the decisions' words: only for findings)

        ws = result.workspace
        spec = ws.spec if ws is not None else _spec(settings, cache)
        text = to_agent(findings, spec, _spec_name(settings))
    finally:
        if cache is not None:
            cache.close()
    if len(text) > MAX_CONTEXT:
        tail = text.rsplit("\n", 1)[-1]
        shown = text[: MAX_CONTEXT - 200].rsplit("\n", 1)[0]
        text = f"{shown}\n… (more: `specls check --format agent` shows them all)\n{tail}"
    return text


def _spec(settings, cache):
    """The spec, for the findings of a check answered from the cache (no workspace)."""
    from specls.spec.load import Spec, load_spec

    path = settings.spec
    if path is None or not path.is_file():
        return Spec(path)
    return load_spec(path, None, cache if cache is not None and cache.db is not None else None)


def session_context(payload: Payload) -> str:
    """The workspace's accepted decisions for a new session (``context``'s renderer)."""
    from specls.cache import Cache
    from specls.context import gather, markdown
    from specls.run import load_workspace

    settings = _settings_for(payload.cwd)
    if settings.spec is None or not settings.spec.is_file():
        return ""
    cache = Cache(settings.cache_dir, workspace=settings.root) if settings.cache_dir else None
    try:
        ws = load_workspace(settings, cache)
        if _kept is not None:
            _kept.append(ws)
    finally:
        if cache is not None:
            cache.close()
    if not any(e.decision.status == "accepted" for e in ws.spec.decisions.values()):
        return ""
    ctx = gather(ws, [str(settings.root)], implicit_too=False)
    ctx.decisions = [g for g in ctx.decisions if g.entry.decision.status == "accepted"]
    intro = (
        f"This workspace keeps its design decisions in {_spec_name(settings)} (specls). "
        "Before changing a class, `specls context <file or Class>` prints the decisions that "
        "govern it; `specls check --format agent <file>` checks an edit against them; "
        "`specls decide record --status proposed …` proposes a new one.\n\n"
    )
    return intro + markdown(ctx, SESSION_CONTEXT)


def _spec_name(settings) -> str:
    from specls.report.formats import display_path

    return display_path(str(settings.spec)) if settings.spec else "spec.toml"


def main(event: str, keep: list[object] | None = None) -> int:
    """The ``specls hook`` command: the payload from stdin, the answer to stdout. What the
    check loaded goes to ``keep`` (the command line's ``held``, freed by exiting): freeing
    Django's workspace, some 600,000 objects, took 15 ms of a hook's 0.4 s, before its answer."""
    import gc

    # a short-lived process that loads the facts of a whole workspace (millions of objects):
    # the collector would scan them again and again for nothing (as in ``specls check``)
    gc.disable()
    global _kept
    _kept = keep
    data = sys.stdin.buffer.read(1 << 23)
    answer = run(event, data, Path.cwd())
    sys.stdout.write(answer.stdout)
    sys.stderr.write(answer.stderr)
    return answer.code
