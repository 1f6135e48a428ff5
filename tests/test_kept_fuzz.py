"""Kept results equal fresh ones after random edits of random workspaces (issue 21).

The fixed edit tables of tests/test_engine_editing.py and tests/test_incremental.py test
the edits someone thought of; here hypothesis builds small workspaces (2-4 modules of a
package: classes with bases across modules, mixins, plain and str enums, exceptions,
attributes of many kinds, held instances, functions receiving self, a spec) and random
edits of them (``keptfuzz.EDITS``: module files deleted, renamed or added, ``[tool.specls]``
edited, module functions' results changed and used elsewhere among them), and after each
edit compares the editor's path with a fresh workspace, the CLI's cached check with one
without a cache, and the hook's check after the edit with a cache kept across edits with
one without, finding by finding (related places and fixes included).
``benchmarks/kept_fuzz.py`` runs a longer campaign.
"""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from pathlib import Path
from random import Random

from hypothesis import given, settings
from hypothesis import strategies as st

from keptfuzz import generate, render, run_example
from specls.config import load_settings
from specls.engine import Workspace


@settings(max_examples=35, deadline=None)
@given(st.randoms(use_true_random=False))
def test_kept_findings_equal_fresh_ones(rng: Random) -> None:
    """The three incremental paths, after each of a random workspace's random edits."""
    out = run_example(rng, edits=6)
    assert out.failure is None, "\n".join([*out.steps[-2:], out.failure])


def test_the_generated_workspaces_have_findings() -> None:
    """The generator makes workspaces the rules find things in (else the comparison proves
    nothing): most have findings, of many rules, the crossclass and spec ones among them."""
    codes: Counter[str] = Counter()
    with_findings = results = elsewhere = configured = 0
    for seed in range(30):
        files = render(generate(Random(seed)))
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            for rel, text in files.items():
                (root / rel).parent.mkdir(parents=True, exist_ok=True)
                (root / rel).write_text(text)
            work = Workspace(load_settings(root))
            work.load_spec()
            for rel in files:
                if rel.endswith(".py"):
                    work.update_file(root / rel)
            findings = work.findings()
        found = {f.code for f in findings}
        codes.update(found)
        with_findings += bool(found)
        # R107 on a module function's result, and where that function is defined elsewhere
        used = [f for f in findings if re.match(r"The result of `[\w.]+\(\)`", f.message)]
        results += bool(used)
        elsewhere += any(f.related[0].path != f.path for f in used)
        configured += "pyproject.toml" in files
    assert with_findings >= 24
    assert {"R101", "R102", "R105", "R106", "N101", "N102"} <= set(codes)
    assert len(codes) >= 9
    assert results >= 6 and elsewhere >= 3 and configured >= 4
