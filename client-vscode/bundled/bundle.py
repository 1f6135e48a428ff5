"""Install the server and its dependencies into bundled/libs, for each Python it supports.

Run at package time (``npm run bundle-server``); users then need nothing but a Python of one
of those versions. Every package is shipped once, in ``libs/common``: pure-Python ones,
compiled ones built for the stable ABI (``abi3``: tree-sitter-python), and those whose
extension modules are built per version (tree-sitter, pydantic-core, libcst), each version's
module next to the others' (they are named for the version that loads them). ``libs/cpXY``
holds that version's package metadata; the launcher puts it, then ``libs/common``, first on
``sys.path``. Tests, byte code and
debug symbols are left out, and so is PyYAML's optional C speed-up (libcst reads no YAML in
the server). On linux-x86_64 the other versions are fetched as manylinux wheels
(``SPECLS_BUNDLE_PYTHONS``, default ``3.11 3.12 3.13``); elsewhere only the running Python is
bundled. The ``mcp`` extra is not installed: the server does not need it.
"""

from __future__ import annotations

import filecmp
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]  # the repository: pyproject.toml of the server
CURRENT = f"{sys.version_info[0]}.{sys.version_info[1]}"
MANYLINUX = [
    "manylinux_2_28_x86_64",
    "manylinux_2_17_x86_64",
    "manylinux2014_x86_64",
    "manylinux_2_5_x86_64",
    "manylinux1_x86_64",
]
#: Directory names that hold a package's own tests (libcst ships 2 MB of them).
TEST_DIRS = {"tests"}
#: Files left out: PyYAML's C module (yaml falls back to pure Python without it).
LEFT_OUT = ("_yaml.cpython-*.so", "_yaml.*.pyd")


def pip(*args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet", *args], check=True
    )


def install(version: str, wheel: str, target: Path) -> None:
    """The server and its dependencies for Python ``version`` into ``target``."""
    if version == CURRENT:
        pip("install", "--no-compile", "--target", str(target), wheel)
        return
    platforms = [arg for p in MANYLINUX for arg in ("--platform", p)]
    pip(
        "install",
        "--no-compile",
        "--target",
        str(target),
        "--only-binary=:all:",
        "--implementation",
        "cp",
        "--python-version",
        version,
        *platforms,
        wheel,
    )


def clean(target: Path) -> None:
    """No scripts, byte code, package tests, PyYAML's C module; native code stripped."""
    for junk in [*target.glob("bin"), *target.rglob("__pycache__")]:
        shutil.rmtree(junk, ignore_errors=True)
    for path in [*target.rglob("*.pyc"), *(p for g in LEFT_OUT for p in target.rglob(g))]:
        path.unlink()
    for top in target.iterdir():
        if top.is_dir() and not top.name.endswith(".dist-info"):
            for d in sorted(top.rglob("*"), reverse=True):
                if d.is_dir() and d.name in TEST_DIRS:
                    shutil.rmtree(d, ignore_errors=True)
    strip = shutil.which("strip")
    if strip is not None and sys.platform == "linux":
        for so in target.rglob("*.so"):
            subprocess.run([strip, "--strip-unneeded", str(so)], check=False)


def same_tree(a: Path, b: Path) -> bool:
    """Whether two files or directories hold the same bytes."""
    if a.is_file() or b.is_file():
        return a.is_file() and b.is_file() and filecmp.cmp(a, b, shallow=False)
    cmp = filecmp.dircmp(a, b)
    if cmp.left_only or cmp.right_only or cmp.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(a, b, cmp.common_files, shallow=False)
    if mismatch or errors:
        return False
    return all(same_tree(a / d, b / d) for d in cmp.common_dirs)


def share(libs: Path, tags: list[str]) -> list[str]:
    """Move into ``libs/common`` what every version's directory holds identically, and the
    packages that differ only by their extension modules: those are named for the version
    that loads them (``native.cpython-312-x86_64-linux-gnu.so``), so one directory holds
    each version's next to the others and one copy of the rest. What stays in ``libs/cpXY``
    is that version's metadata (``*.dist-info``)."""
    common = libs / "common"
    common.mkdir()
    first, *others = (libs / t for t in tags)
    moved = []
    for entry in sorted(first.iterdir()):
        theirs = [o / entry.name for o in others]
        if not all(t.exists() for t in theirs):
            continue
        if all(same_tree(entry, t) for t in theirs):
            pass
        elif entry.is_dir() and all(_differ_in_extensions(entry, t) for t in theirs):
            for t in theirs:
                for so in t.rglob("*"):
                    if _extension(so) and not (entry / so.relative_to(t)).exists():
                        shutil.copy2(so, entry / so.relative_to(t))
        else:
            continue
        shutil.move(str(entry), common / entry.name)
        for t in theirs:
            shutil.rmtree(t) if t.is_dir() else t.unlink()
        moved.append(entry.name)
    return moved


def _extension(path: Path) -> bool:
    """An extension module named for one Python version (``*.cpython-312-*.so``)."""
    return path.is_file() and ".cpython-" in path.name and path.suffix in (".so", ".pyd")


def _differ_in_extensions(a: Path, b: Path) -> bool:
    """Whether two package directories hold the same files but for version-named
    extension modules."""
    files_a = {p.relative_to(a) for p in a.rglob("*") if p.is_file() and not _extension(p)}
    files_b = {p.relative_to(b) for p in b.rglob("*") if p.is_file() and not _extension(p)}
    return files_a == files_b and all(
        filecmp.cmp(a / f, b / f, shallow=False) for f in sorted(files_a)
    )


def main() -> int:
    libs = HERE / "libs"
    shutil.rmtree(libs, ignore_errors=True)
    cross = sys.platform == "linux" and platform.machine() == "x86_64"
    wanted = os.environ.get("SPECLS_BUNDLE_PYTHONS", "3.11 3.12 3.13").split() if cross else []
    versions = [CURRENT, *[v for v in wanted if v != CURRENT]]
    tags = [f"cp{v.replace('.', '')}" for v in versions]
    with tempfile.TemporaryDirectory() as tmp:
        pip("wheel", "--no-deps", "--wheel-dir", tmp, str(ROOT))
        wheel = str(next(Path(tmp).glob("specls-*.whl")))
        for version, tag in zip(versions, tags, strict=True):
            install(version, wheel, libs / tag)
            clean(libs / tag)
            print(f"bundled the server for Python {version}")
    shared = share(libs, tags)
    print(f"shared by every version (libs/common): {', '.join(shared)}")
    for tag in tags:
        print(f"libs/{tag}: {', '.join(sorted(p.name for p in (libs / tag).iterdir()))}")
    current = libs / tags[0]
    schema = subprocess.run(
        [
            sys.executable,
            "-I",
            "-S",
            "-B",  # (no byte code written into the bundle)
            "-c",
            f"import sys; sys.path[:0] = [{str(current)!r}, {str(libs / 'common')!r}]; "
            "import json; from specls.spec.models import json_schema; "
            "print(json.dumps(json_schema(), indent=2))",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    (HERE.parent / "schemas").mkdir(exist_ok=True)
    (HERE.parent / "schemas" / "spec.schema.json").write_text(schema, "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
