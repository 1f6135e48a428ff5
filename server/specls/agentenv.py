"""Which coding agent, if any, runs specls: read from the environment the agents set.

``specls check`` then answers in ``--format agent`` unless a format is asked for: an explicit
``--format`` always wins (Laravel Pint once overrode it and broke CI pipes). Signals, as
unjs/std-env reads them (the survey of each agent's documentation is in docs/agents.md):

- ``SPECLS_AGENT`` (``claude``, ``codex``… or ``none`` to turn detection off), then
  ``AI_AGENT`` — explicit, first;
- Claude Code: ``CLAUDECODE`` (also set in its IDE terminals) or ``CLAUDE_CODE``;
- OpenAI Codex: ``CODEX_SANDBOX`` or ``CODEX_THREAD_ID`` (in the shell commands it runs);
- Cursor: ``CURSOR_AGENT``; Gemini CLI: ``GEMINI_CLI``; opencode: ``OPENCODE``;
- GitHub Copilot's coding agent: ``COPILOT_AGENT_PROMPT``; ``COPILOT_CLI`` (contested).
"""

from __future__ import annotations

import os
from collections.abc import Mapping

#: (agent, variables any of which names it), in the order they are tried.
SIGNALS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("claude", ("CLAUDECODE", "CLAUDE_CODE")),
    ("codex", ("CODEX_SANDBOX", "CODEX_THREAD_ID")),
    ("cursor", ("CURSOR_AGENT",)),
    ("gemini", ("GEMINI_CLI",)),
    ("opencode", ("OPENCODE",)),
    ("copilot", ("COPILOT_AGENT_PROMPT", "COPILOT_CLI")),
)


def running_agent(env: Mapping[str, str] | None = None) -> tuple[str, str] | None:
    """``(agent, the variable that says so)`` when specls runs under a coding agent."""
    env = os.environ if env is None else env
    for explicit in ("SPECLS_AGENT", "AI_AGENT"):
        value = env.get(explicit, "").strip().lower()
        if value in ("none", "0", "false", "no"):
            return None
        if value:
            return value, explicit
    for agent, names in SIGNALS:
        for name in names:
            if env.get(name, "").strip() not in ("", "0", "false"):
                return agent, name
    return None
