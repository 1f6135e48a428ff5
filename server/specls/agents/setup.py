"""``specls init --agent NAME``: install the hook in a coding agent's configuration, and
tell every writer, in ``AGENTS.md``, where the spec is and how to use it.

Each configuration file is merged into, never replaced: what is there stays, specls's entry
is added once (re-running changes nothing), a file that does not parse is refused. The
``AGENTS.md`` section sits between markers and is rewritten in place. Every agent runs the
same command string (``specls hook post-edit``): Cursor and Copilot also run Claude Code's
hooks, and the hook tells the agents apart by their payloads, so a repository set up for
several agents reports once per edit. Writes go through :mod:`specls.writes`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from specls.records import field, record
from specls.writes import WriteError, confine, digest, write_file

AGENTS = ("claude", "codex", "cursor", "copilot")
BEGIN = "<!-- specls:begin (written by `specls init --agent`; rewritten in place) -->"
END = "<!-- specls:end -->"


class SetupError(Exception):
    """A configuration specls will not touch (it does not parse); nothing was written."""


@record()
class Changes:
    """What a setup wrote, and what the user still has to do."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def agents_section(spec_name: str) -> str:
    """The ``AGENTS.md`` section, between its markers."""
    return "\n".join(
        [
            BEGIN,
            "## Shared design decisions (specls)",
            "",
            "The decisions the writers of this code share — how shared state is represented, "
            f"invariants, names, edge-case behaviour — are recorded in `{spec_name}` and "
            "checked by specls.",
            "",
            "- Before changing a class or module, run `specls context <file, file:line or "
            "dotted.Name>`: it prints the decisions that govern it, with their values, and what "
            "the code already decides that nothing records yet. Keep to them.",
            "- After an edit, `specls check --format agent <file>` says what diverges from a "
            "decision and how to fix it (the hook runs it after every edit).",
            "- To propose a decision: `specls decide record --status proposed --kind "
            "representation --target Class.attr --type 'dict[str, int]' --summary '…'`. Do not "
            "write code that contradicts an accepted decision: supersede it "
            "(`--supersedes ID`) and say why.",
            END,
        ]
    )


def setup(root: Path, agent: str, spec_name: str = "spec.toml", command: str = "specls") -> Changes:
    """Install the hook for ``agent`` in the workspace at ``root``, and the AGENTS.md part."""
    if agent not in AGENTS:
        raise SetupError(f"unknown agent `{agent}` (one of {', '.join(AGENTS)})")
    changes = Changes()
    post, start = f"{command} hook post-edit", f"{command} hook session-start"
    if agent == "claude":
        _merge_json(root / ".claude" / "settings.json", root, _nested_hooks(post, start), changes)
        _claude_md(root, changes)
    elif agent == "codex":
        _merge_json(root / ".codex" / "hooks.json", root, _nested_hooks(post, start), changes)
        changes.notes.append(
            "Codex runs a project's hooks once the project is trusted and the hooks are "
            "reviewed: open /hooks in Codex to trust them (again after each change)."
        )
    elif agent == "cursor":
        _merge_json(root / ".cursor" / "hooks.json", root, _flat_hooks(post, start), changes)
    else:
        _merge_json(
            root / ".github" / "hooks" / "specls.json", root, _copilot_hooks(post, start), changes
        )
        changes.notes.append(
            "Copilot's coding agent reads .github/hooks/ from the repository: commit the file "
            "(the CLI may run repository hooks only once they are on the default branch)."
        )
    _agents_md(root, spec_name, changes)
    return changes


# -- each agent's shape -----------------------------------------------------------------------


def _nested_hooks(post: str, start: str) -> Callable[[dict], None]:
    """Claude Code and Codex: ``hooks.<Event> = [{matcher, hooks: [{type, command}]}]``."""

    def add(config: dict) -> None:
        hooks = _table(config, "hooks")
        _append(
            _list(hooks, "PostToolUse"),
            {
                "matcher": "Edit|Write",
                "hooks": [{"type": "command", "command": post, "timeout": 30}],
            },
            lambda e: _commands(e.get("hooks")),
            post,
        )
        _append(
            _list(hooks, "SessionStart"),
            {
                "matcher": "startup|resume|clear|compact",
                "hooks": [{"type": "command", "command": start, "timeout": 30}],
            },
            lambda e: _commands(e.get("hooks")),
            start,
        )

    return add


def _flat_hooks(post: str, start: str) -> Callable[[dict], None]:
    """Cursor: ``{version: 1, hooks: {postToolUse: [{command, matcher}]}}`` (``afterFileEdit``
    cannot answer the model; ``postToolUse`` can)."""

    def add(config: dict) -> None:
        config.setdefault("version", 1)
        hooks = _table(config, "hooks")
        entry = {"command": post, "matcher": "Write", "timeout": 30}
        _append(_list(hooks, "postToolUse"), entry, lambda e: [e.get("command")], post)
        entry = {"command": start, "timeout": 30}
        _append(_list(hooks, "sessionStart"), entry, lambda e: [e.get("command")], start)

    return add


def _copilot_hooks(post: str, start: str) -> Callable[[dict], None]:
    """GitHub Copilot: ``{version: 1, hooks: {postToolUse: [{type, bash, powershell}]}}``."""

    def add(config: dict) -> None:
        config.setdefault("version", 1)
        hooks = _table(config, "hooks")
        seen = lambda e: [e.get("bash"), e.get("command")]  # noqa: E731
        _append(
            _list(hooks, "postToolUse"),
            {
                "type": "command",
                "matcher": "edit|create|apply_patch",
                "bash": post,
                "powershell": post,
                "timeoutSec": 30,
            },
            seen,
            post,
        )
        _append(
            _list(hooks, "sessionStart"),
            {"type": "command", "bash": start, "powershell": start, "timeoutSec": 30},
            seen,
            start,
        )

    return add


def _table(config: dict, key: str) -> dict:
    value = config.setdefault(key, {})
    if not isinstance(value, dict):
        raise SetupError(f"`{key}` is not an object; fix it by hand first")
    return value


def _list(table: dict, key: str) -> list:
    value = table.setdefault(key, [])
    if not isinstance(value, list):
        raise SetupError(f"`{key}` is not a list; fix it by hand first")
    return value


def _commands(hooks: Any) -> list[Any]:
    return (
        [h.get("command") for h in hooks if isinstance(h, dict)] if isinstance(hooks, list) else []
    )


def _append(entries: list, entry: dict, commands: Callable[[dict], list], command: str) -> None:
    """Add ``entry`` unless an entry already runs ``command``."""
    if not any(isinstance(e, dict) and command in commands(e) for e in entries):
        entries.append(entry)


# -- files ------------------------------------------------------------------------------------


def _read(path: Path) -> tuple[str, str | None]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return "", None
    try:
        return data.decode("utf-8"), digest(data)
    except UnicodeDecodeError:
        raise SetupError(f"{path} is not UTF-8 text; nothing was written") from None


def _write(path: Path, text: str, seen: str | None, root: Path, changes: Changes) -> None:
    try:
        confine(path, root)  # (before a directory is made: a link out is refused first)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_file(path, text, seen, root)
    except (WriteError, OSError) as e:
        raise SetupError(str(e)) from e
    changes.written.append(path)


def _merge_json(path: Path, root: Path, add: Callable[[dict], None], changes: Changes) -> None:
    old, seen = _read(path)
    try:
        config = json.loads(old) if old.strip() else {}
    except json.JSONDecodeError as e:
        raise SetupError(f"{path} is not valid JSON ({e}); nothing was written") from e
    if not isinstance(config, dict):
        raise SetupError(f"{path} does not hold a JSON object; nothing was written")
    before = json.dumps(config, sort_keys=True)
    try:
        add(config)
    except SetupError as e:
        raise SetupError(f"{path}: {e}") from e
    if json.dumps(config, sort_keys=True) == before and old:
        changes.unchanged.append(path)
        return
    _write(path, json.dumps(config, indent=2, ensure_ascii=False) + "\n", seen, root, changes)


def _agents_md(root: Path, spec_name: str, changes: Changes) -> None:
    path = root / "AGENTS.md"
    old, seen = _read(path)
    section = agents_section(spec_name)
    start, end = old.find(BEGIN), old.find(END)
    if start >= 0 and end > start:
        new = old[:start] + section + old[end + len(END) :]
    elif old:
        new = old.rstrip("\n") + "\n\n" + section + "\n"
    else:
        new = "# AGENTS.md\n\n" + section + "\n"
    if new == old:
        changes.unchanged.append(path)
        return
    _write(path, new, seen, root, changes)


def _claude_md(root: Path, changes: Changes) -> None:
    """Claude Code reads CLAUDE.md, not AGENTS.md: a CLAUDE.md that imports it."""
    path = root / "CLAUDE.md"
    old, seen = _read(path)
    if any(line.strip() == "@AGENTS.md" for line in old.splitlines()):
        changes.unchanged.append(path)
        return
    new = (old.rstrip("\n") + "\n\n@AGENTS.md\n") if old.strip() else "@AGENTS.md\n"
    _write(path, new, seen, root, changes)
