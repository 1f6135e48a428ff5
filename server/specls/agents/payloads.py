"""What a coding agent's hook receives on stdin, read the same way for every agent.

Each agent sends its own JSON (the fields, with their sources, are in docs/agents.md):

- **Claude Code**: snake_case, ``hook_event_name`` in PascalCase, the edited file at
  ``tool_input.file_path``;
- **OpenAI Codex CLI**: like Claude's, plus ``turn_id``; an edit is ``apply_patch`` with the
  patch text at ``tool_input.command`` (``*** Update File: path`` lines, paths relative to
  ``cwd``);
- **Cursor**: ``conversation_id``, ``cursor_version``, ``workspace_roots``; ``postToolUse``
  with ``tool_input.path`` (or ``file_path``), ``afterFileEdit`` with ``file_path``;
- **GitHub Copilot**: camelCase ``toolName``, ``toolArgs`` (a JSON string with ``path``, or
  a raw patch), numeric ``timestamp``; or, with a PascalCase event name, snake_case.

The agent is told from the payload's shape, not from a flag: one command string
(``specls hook post-edit``) serves every agent, so a repository configured for several runs
it once (Cursor and Copilot also run Claude's hooks).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from specls.records import field, record

#: The most a payload may be (a patch can be large; a payload beyond this is not read).
MAX_PAYLOAD = 8 * 1024 * 1024

_PATCH_FILE = re.compile(r"^\*\*\* (?:Add File|Update File|Move to): (.+?)\s*$", re.M)


@record()
class Payload:
    """A hook's input, agent by agent made one shape."""

    agent: str  # claude | codex | cursor | copilot | unknown
    event: str  # post-edit | session-start | other
    cwd: Path
    paths: list[Path] = field(default_factory=list)  # the files the edit wrote, absolute
    raw: dict[str, Any] = field(default_factory=dict)


def parse(data: bytes, cwd: Path) -> Payload | None:
    """The payload, or None when it is not JSON (an empty stdin, a hand-run command)."""
    if len(data) > MAX_PAYLOAD:
        return None
    try:
        raw = json.loads(data.decode("utf-8", "replace")) if data.strip() else None
    except (json.JSONDecodeError, RecursionError):
        return None
    if not isinstance(raw, dict):
        return None
    agent = detect(raw)
    here = Path(_text(raw.get("cwd")) or _first(raw.get("workspace_roots")) or cwd)
    if not here.is_absolute():
        here = cwd / here
    payload = Payload(agent, _event(raw), here, raw=raw)
    payload.paths = [p if p.is_absolute() else here / p for p in _paths(raw, agent)]
    return payload


def detect(raw: dict[str, Any]) -> str:
    """Which agent sent ``raw`` (see the module's docstring)."""
    if "toolName" in raw or "sessionId" in raw or "toolArgs" in raw:
        return "copilot"
    if "cursor_version" in raw or "conversation_id" in raw:
        return "cursor"
    if "turn_id" in raw:
        return "codex"
    if isinstance(raw.get("timestamp"), str) and "hook_event_name" in raw:
        return "copilot"  # (the VS Code-compatible form Copilot sends for PascalCase events)
    if "hook_event_name" in raw:
        return "claude"
    return "unknown"


def _event(raw: dict[str, Any]) -> str:
    name = str(raw.get("hook_event_name") or "").lower()
    if name in ("posttooluse", "afterfileedit") or "toolName" in raw:
        return "post-edit"
    if name == "sessionstart" or ("source" in raw and "toolName" not in raw):
        return "session-start"
    return "other"


def _paths(raw: dict[str, Any], agent: str) -> list[Path]:
    """The files an edit wrote (none for a tool that writes no file)."""
    found: list[str] = []
    tool_input = raw.get("tool_input")
    if isinstance(tool_input, dict):
        for key in ("file_path", "path", "notebook_path"):
            if _text(tool_input.get(key)):
                found.append(tool_input[key])
                break
        command = _text(tool_input.get("command"))
        if command and "*** Begin Patch" in command:
            found += _patch_paths(command)
    elif isinstance(tool_input, str) and "*** Begin Patch" in tool_input:
        found += _patch_paths(tool_input)
    if _text(raw.get("file_path")):  # Cursor's afterFileEdit
        found.append(raw["file_path"])
    args = raw.get("toolArgs")
    if isinstance(args, str):
        if "*** Begin Patch" in args:
            found += _patch_paths(args)
        else:
            try:
                args = json.loads(args)
            except (json.JSONDecodeError, RecursionError):
                args = None
    if isinstance(args, dict):
        for key in ("path", "file_path", "filePath"):
            if _text(args.get(key)):
                found.append(args[key])
                break
    return [Path(p) for p in dict.fromkeys(found) if "\0" not in p]


def _patch_paths(patch: str) -> list[str]:
    """The files an ``apply_patch`` patch leaves behind (added, updated, moved to)."""
    out: list[str] = []
    for m in _PATCH_FILE.finditer(patch):
        if m.group(0).startswith("*** Move to: ") and out:
            out[-1] = m.group(1)  # the file that remains is the one moved to
        else:
            out.append(m.group(1))
    return out


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _first(value: Any) -> str | None:
    return value[0] if isinstance(value, list) and value and isinstance(value[0], str) else None
