"""A long fuzz campaign against the language server (the suite runs a short one).

Random edits and requests over stdio, as ``tests/lspfuzz.py`` describes; prints the
figures: edits, requests, crashes, error responses, internal errors, hangs over 1 s,
text and diagnostic mismatches.

    python benchmarks/fuzz_server.py --edits 100000 --seeds 4
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from lspfuzz import campaign


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--edits", type=int, default=100_000, help="edits in all")
    ap.add_argument("--seeds", type=int, default=4, help="campaigns (one server each)")
    args = ap.parse_args()
    totals: dict[str, int] = {}
    failures: list[str] = []
    started = time.monotonic()
    for seed in range(args.seeds):
        with tempfile.TemporaryDirectory() as d:
            stats = campaign(
                Path(d),
                args.edits // args.seeds,
                seed=1000 + seed,
                log=lambda m, s=seed: print(f"seed {s}: {m}", file=sys.stderr, flush=True),
            )
        failures += stats.failures()
        for key, value in (
            ("edits", stats.edits),
            ("requests", stats.requests),
            ("error responses (InvalidParams, RequestFailed)", stats.error_responses),
            ("internal errors", len(stats.internal_errors)),
            ("hangs over 1 s", len(stats.slow)),
            ("text mismatches", len(stats.text_mismatches)),
            ("diagnostic comparisons", stats.compared),
            ("diagnostic mismatches", len(stats.diagnostic_mismatches)),
            ("crashes", int(stats.crashed or stats.exit_code not in (0, None))),
        ):
            totals[key] = totals.get(key, 0) + value
    print(f"{args.seeds} campaigns in {time.monotonic() - started:.0f} s")
    for key, value in totals.items():
        print(f"  {key}: {value}")
    for failure in failures[:5]:
        print(f"\n{failure[:3000]}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
