"""Races between specls writing spec.toml and another program writing it at the same moment.

Each race: spec.toml holds some decisions; another process (an editor, another agent)
appends a line to it — in place, or by writing a new file and renaming it over the old one,
as editors do — at a random moment within the window in which specls reads the file,
computes a new decision and writes it. specls records its decision through the writer every
face uses (:func:`specls.writes.write_files`, with the digest of the bytes it read); when
the writer refuses (the file changed), specls computes the change again from what is there
now, as the server's quick fix and the CLI do, up to three times.

After each race the file is read back and counted:

- **torn**: it is not valid TOML, or a decision is in the wrong table, or an id is there twice;
- **external lost**: the other program's line is not in the file;
- **specls lost**: specls said it wrote its decision, but the decision is not there (the
  other program read the file before specls wrote it and renamed its copy over it after:
  its own lost update, which no writer on this side can prevent);
- **refused**: specls gave up (three refusals in a row) and said so.

``--naive`` runs the same races against the write specls used before (compare, then sync,
then rename), for comparison.

    python benchmarks/races.py --races 1000
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import tempfile
import time
import tomllib
from pathlib import Path

from specls.spec.write import unique_id, upsert_decision
from specls.writes import Planned, WriteError, digest, write_files

BASE = """\
# Shared decisions (a comment that must survive)
[spec]
version = 1

[decision.cart-lines]  # hand-written
kind = "representation"
target = "Cart.lines"
type = "list[tuple[str, int]]"
"""


def naive_write(path: Path, text: str, expected: str) -> None:
    """The write before this one: compare, sync the new file, then rename over the old."""
    if digest(path.read_bytes()) != expected:
        raise WriteError("changed")
    fd, tmp = tempfile.mkstemp(dir=path.parent)
    with os.fdopen(fd, "w") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def external(conn, path: str) -> None:
    """The other program: on each ``go``, wait a random moment, then append its line."""
    p = Path(path)
    while True:
        msg = conn.recv()
        if msg is None:
            return
        n, delay, in_place = msg
        conn.send("ready")
        time.sleep(delay)
        line = f"# external {n}\n"
        if in_place:
            with p.open("a") as f:
                f.write(line)
        else:
            data = p.read_bytes() + line.encode()
            tmp = p.with_name(f".ext-{n}")
            tmp.write_bytes(data)
            os.replace(tmp, p)
        conn.send("done")


def specls_write(path: Path, n: int, naive: bool) -> str:
    """Record decision ``n`` as the faces do; returns ``written`` or ``refused``."""
    for _ in range(3):
        data = path.read_bytes()
        text = data.decode()
        ident = unique_id(text, f"decision-{n}")
        new = upsert_decision(
            text, ident, {"kind": "representation", "target": f"C{n}.x", "type": "dict"}
        )
        try:
            if naive:
                naive_write(path, new, digest(data))
            else:
                write_files([Planned(path, new.encode(), digest(data))], path.parent)
            return "written"
        except WriteError:
            continue
    return "refused"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--races", type=int, default=1000)
    ap.add_argument("--naive", action="store_true", help="the old write, for comparison")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    counts = dict.fromkeys(["torn", "external lost", "specls lost", "refused", "written"], 0)
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "spec.toml"
        parent, child = mp.Pipe()
        proc = mp.Process(target=external, args=(child, str(path)), daemon=True)
        proc.start()
        # the window: how long specls takes to read, compute and write (measured once)
        path.write_text(BASE)
        specls_write(path, 0, args.naive)  # (imports and first-call costs)
        path.write_text(BASE)
        t = time.perf_counter()
        specls_write(path, 0, args.naive)
        window = time.perf_counter() - t
        for n in range(args.races):
            path.write_text(BASE)
            parent.send((n, rng.uniform(0, 1.5 * window), rng.random() < 0.5))
            parent.recv()  # the other program is about to wait its moment
            outcome = specls_write(path, n, args.naive)
            parent.recv()
            counts[outcome] += 1
            text = path.read_text()
            try:
                data = tomllib.loads(text)
                ok = "cart-lines" in data["decision"] and data["spec"]["version"] == 1
                ids = [line for line in text.splitlines() if line.startswith("[decision.")]
                ok = ok and len(ids) == len(set(ids))
            except (tomllib.TOMLDecodeError, KeyError):
                ok = False
            counts["torn"] += not ok
            counts["external lost"] += f"# external {n}\n" not in text
            if outcome == "written":
                counts["specls lost"] += f'target = "C{n}.x"' not in text
        parent.send(None)
        proc.join(5)
    label = "naive (compare, sync, rename)" if args.naive else "specls.writes"
    print(f"{args.races} races, {label}; write window {window * 1e3:.2f} ms")
    for key, value in counts.items():
        print(f"  {key:>14}: {value}")


if __name__ == "__main__":
    main()
