"""R findings on real trees, in one table: ``python benchmarks/precision.py [--only NAME]``.

What ``docs/precision.md`` measured by hand, as one command:

- Trees: this interpreter's standard library (``sys.base_prefix``, with its tests; copied, .py
  and .pyi files only, ``site-packages`` left out), and pinned releases from PyPI, each
  downloaded once into ``benchmarks/.cache`` with ``pip download --no-deps`` (the
  ``py3-none-any`` wheel: black's other wheels are compiled with mypyc and hold no sources).
  Each is unpacked under ``benchmarks/.cache/precision/`` (no member may land outside its
  directory, links are refused) with an empty ``spec.toml`` at its top, so that the tree is
  its own workspace: module names start at its root, not at this repository's.
- Files and lines: the files ``specls check`` checks (its own discovery), and their lines.
- Findings: ``specls check TREE --select R --output-format json``, with a cache inside
  ``benchmarks/.cache/precision``; every finding is printed under the table, to be read.

``--rev REV`` checks with the ``server`` of a git revision (exported with ``git archive``
into a temporary directory), not this work tree's: the baseline of a commit, whatever is
being edited here meanwhile. Nothing from the trees is executed: wheels are unpacked, never
installed or built.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import shutil
import stat
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
TREES = CACHE / "precision"
SERVER = HERE.parent / "server"
PY = sys.executable
MARKER = "spec.toml"


@dataclass(frozen=True)
class Release:
    """A pinned release from PyPI."""

    key: str  # the name --only takes
    project: str
    version: str

    @property
    def label(self) -> str:
        return f"{self.project} {self.version}"


RELEASES = [
    Release("django", "Django", "5.1.4"),
    Release("sqlalchemy", "SQLAlchemy", "2.0.36"),
    Release("rich", "rich", "13.9.4"),
    Release("requests", "requests", "2.32.3"),
    Release("click", "click", "8.1.7"),
    Release("attrs", "attrs", "24.2.0"),
    Release("werkzeug", "werkzeug", "3.1.9"),
    Release("black", "black", "26.10.1"),
    Release("pydantic", "pydantic", "2.10.6"),
    Release("httpx", "httpx", "0.28.1"),
    Release("flask", "flask", "3.1.0"),
    Release("pytest", "pytest", "8.3.4"),
    Release("jinja2", "jinja2", "3.1.5"),
    Release("sphinx", "sphinx", "8.1.3"),
    Release("docutils", "docutils", "0.21.2"),
    Release("networkx", "networkx", "3.4.2"),
    Release("prompt_toolkit", "prompt_toolkit", "3.0.48"),
    Release("pygments", "pygments", "2.18.0"),
]
STDLIB = "cpython"
NAMES = [STDLIB, *(r.key for r in RELEASES)]


def _normalized(name: str) -> str:
    return name.lower().replace("-", "_").replace(".", "_")


def _archive(release: Release) -> Path | None:
    """The wheel or sdist of ``release`` already in the cache, if any."""
    if not CACHE.is_dir():
        return None
    v = release.version
    for path in sorted(CACHE.iterdir()):
        project, _, rest = path.name.partition("-")
        if (
            path.is_file()
            and _normalized(project) == _normalized(release.project)
            and rest in (f"{v}-py3-none-any.whl", f"{v}.tar.gz", f"{v}.zip")
        ):
            return path
    return None


def download(release: Release) -> Path:
    """The ``py3-none-any`` wheel of ``release``, downloaded once (never built)."""
    found = _archive(release)
    if found is not None:
        return found
    CACHE.mkdir(exist_ok=True)
    subprocess.run(
        [
            PY,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "--only-binary=:all:",  # a wheel: an sdist's metadata would be built (code run)
            "--platform",
            "any",
            "--implementation",
            "py",
            "--abi",
            "none",
            "--python-version",
            f"{sys.version_info.major}.{sys.version_info.minor}",
            "--dest",
            str(CACHE),
            f"{release.project}=={release.version}",
        ],
        check=True,
    )
    found = _archive(release)
    if found is None:
        raise SystemExit(f"pip download saved no wheel of {release.label} in {CACHE}")
    return found


def _member(target: Path, name: str) -> Path:
    """Where archive member ``name`` goes under ``target``; refuses a name leaving it."""
    pure = PurePosixPath(name.replace("\\", "/"))
    if pure.is_absolute() or ".." in pure.parts or ":" in name or not pure.parts:
        raise SystemExit(f"refusing archive member {name!r}: outside the target directory")
    dest = target.joinpath(*pure.parts)
    if not dest.resolve().is_relative_to(target.resolve()):
        raise SystemExit(f"refusing archive member {name!r}: outside the target directory")
    return dest


def _write(dest: Path, data: bytes) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(data)


def unpack(archive: Path, target: Path) -> None:
    """Regular files and directories of a wheel/zip or a tar archive, into ``target``."""
    target.mkdir(parents=True)
    if archive.suffix in (".whl", ".zip"):
        with zipfile.ZipFile(archive) as zf:
            for info in zf.infolist():
                kind = stat.S_IFMT(info.external_attr >> 16)
                if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
                    raise SystemExit(f"refusing {info.filename!r} in {archive.name}: not a file")
                dest = _member(target, info.filename)
                if info.is_dir():
                    dest.mkdir(parents=True, exist_ok=True)
                else:
                    _write(dest, zf.read(info))
        return
    with tarfile.open(archive) as tf:
        for member in tf.getmembers():
            dest = _member(target, member.name)
            if member.isdir():
                dest.mkdir(parents=True, exist_ok=True)
            elif member.isfile():
                handle = tf.extractfile(member)
                assert handle is not None
                _write(dest, handle.read())
            else:
                raise SystemExit(f"refusing {member.name!r} in {archive.name}: not a file")


def _finish(partial: Path, target: Path) -> Path:
    """Mark ``partial`` as a workspace of its own and move it to ``target``."""
    (partial / MARKER).write_text(
        "# Written by benchmarks/precision.py: this tree is its own specls workspace.\n",
        "utf-8",
    )
    partial.rename(target)
    return target


def release_tree(release: Release) -> Path:
    target = TREES / f"{release.key}-{release.version}"
    if (target / MARKER).is_file():
        return target
    archive = download(release)
    partial = TREES / f"{target.name}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    unpack(archive, partial)
    if archive.suffix not in (".whl", ".zip"):  # an sdist: its one top directory
        (top,) = partial.iterdir()
        partial, extra = top, partial
        _finish(partial, target)
        shutil.rmtree(extra)
        return target
    return _finish(partial, target)


def stdlib_source() -> Path:
    v = sys.version_info
    return Path(sys.base_prefix) / "lib" / f"python{v.major}.{v.minor}"


def stdlib_tree() -> Path:
    """A copy of the standard library's .py and .pyi files (without ``site-packages``)."""
    target = TREES / f"cpython-{platform.python_version()}"
    if (target / MARKER).is_file():
        return target
    source = stdlib_source()
    partial = TREES / f"{target.name}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    for directory, dirs, files in os.walk(source):
        dirs[:] = sorted(d for d in dirs if d not in ("site-packages", "__pycache__"))
        for name in files:
            path = Path(directory) / name
            if name.endswith((".py", ".pyi")) and path.is_file() and not path.is_symlink():
                dest = partial / path.relative_to(source)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, dest)
    return _finish(partial, target)


def commit_of(rev: str) -> str:
    """The commit ``rev`` names, in full."""
    return subprocess.run(
        ["git", "rev-parse", "--verify", f"{rev}^{{commit}}"],
        cwd=HERE.parent,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def export(rev: str, into: Path) -> Path:
    """The ``server`` directory of commit ``rev``, written under ``into``."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", rev, "server"],
        cwd=HERE.parent,
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tf:
        tf.extractall(into, filter="data")
    return into / "server"


def size(tree: Path, server: Path) -> tuple[int, int]:
    """Files ``specls check`` checks under ``tree`` (its own discovery and reading: a file
    that is not valid UTF-8 is skipped), and their lines."""
    if str(server) not in sys.path:
        sys.path.insert(0, str(server))
    from specls.discovery import discover, read_source

    paths, _ = discover([tree], tree, [])
    sources = [s.data for s in map(read_source, paths) if s.data is not None]
    return len(sources), sum(len(data.splitlines()) for data in sources)


def check(tree: Path, server: Path, jobs: int | None) -> tuple[list[dict], float]:
    """The R findings of ``tree`` (JSON records) and the seconds the check took."""
    cache = TREES / "specls-cache"
    # -P: the tree (the working directory) is not put on sys.path, so its modules never
    # shadow specls's own imports (pydantic's tree would be imported, and run, instead)
    cmd = [PY, "-P", "-m", "specls", "check", ".", "--select", "R", "--output-format", "json"]
    cmd += ["--exit-zero", "--cache-dir", str(cache)]
    if jobs is not None:
        cmd += ["--jobs", str(jobs)]
    env = {**os.environ, "PYTHONPATH": str(server)}
    start = time.perf_counter()
    out = subprocess.run(cmd, cwd=tree, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if out.returncode != 0:
        raise SystemExit(f"specls check {tree} failed ({out.returncode}):\n{out.stderr}")
    return json.loads(out.stdout or "[]"), seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=NAMES, action="append", help="this tree (repeatable)")
    parser.add_argument("--jobs", type=int, help="processes for each check (specls's default)")
    parser.add_argument("--rev", help="check with the server of this git revision")
    args = parser.parse_args()
    if args.rev:
        commit = commit_of(args.rev)
        source = f"revision {args.rev} ({commit[:10]})"
    else:
        source = f"this work tree (on {commit_of('HEAD')[:10]}, with its uncommitted changes)"
    with tempfile.TemporaryDirectory() as tmp:
        server = export(commit, Path(tmp)) if args.rev else SERVER
        return run(args.only or NAMES, server, args.jobs, source)


def run(chosen: list[str], server: Path, jobs: int | None, source: str) -> int:
    rows: list[tuple[str, int, int, list[dict], float]] = []
    for name in NAMES:  # one tree at a time
        if name not in chosen:
            continue
        if name == STDLIB:
            label = (
                f"CPython {platform.python_version()} standard library (with its tests; "
                f"{stdlib_source()})"
            )
            tree = stdlib_tree()
        else:
            release = next(r for r in RELEASES if r.key == name)
            label, tree = release.label, release_tree(release)
        files, lines = size(tree, server)
        findings, seconds = check(tree, server, jobs)
        print(f"{label}: {len(findings)} R findings in {seconds:.1f} s", file=sys.stderr)
        rows.append((label, files, lines, findings, seconds))
    print(
        f"R findings, `specls check TREE --select R`, on {time.strftime('%Y-%m-%d')}, "
        f"specls of {source}"
    )
    print()
    print("| Tree | Files | Lines | R findings | Per 10k lines |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, files, lines, findings, _ in rows:
        per = 10_000 * len(findings) / lines if lines else 0.0
        print(f"| {label} | {files:,} | {lines:,} | {len(findings)} | {per:.2f} |")
    for label, _, _, findings, _ in rows:
        if not findings:
            continue
        print()
        print(f"{label}:")
        for f in sorted(findings, key=lambda f: (f["path"], f["line"], f["code"])):
            print(f"  {f['path']}:{f['line']} {f['code']} {f['message']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
