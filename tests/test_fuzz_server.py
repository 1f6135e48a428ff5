"""A bounded fuzz campaign against the real server (the long one: benchmarks/fuzz_server.py)."""

from __future__ import annotations

import os
from pathlib import Path

from lspfuzz import campaign


def test_random_edits_and_requests_never_break_the_server(tmp_path: Path) -> None:
    edits = int(os.environ.get("SPECLS_FUZZ_EDITS", "1500"))
    stats = campaign(tmp_path, edits, seed=int(os.environ.get("SPECLS_FUZZ_SEED", "0")))
    assert stats.edits == edits and stats.requests > edits // 2
    assert stats.compared >= 3, "too few texts without syntax errors to compare diagnostics"
    assert not stats.failures(), "\n\n".join(stats.failures()[:3])
