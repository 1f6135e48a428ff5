"""Install the server and its dependencies into bundled/libs/cpXY, one directory per Python.

Run at package time (``npm run bundle-server``); users then need nothing but a Python of one
of those versions. Compiled dependencies (tree-sitter, pydantic-core, libcst) make each
directory specific to a platform and a Python version: the .vsix is built per platform
target. On linux-x86_64 the other versions are fetched as manylinux wheels
(``SPECLS_BUNDLE_PYTHONS``, default ``3.11 3.12 3.13``); elsewhere only the running Python is
bundled.
"""

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


def pip(*args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet", *args], check=True
    )


def main() -> int:
    libs = HERE / "libs"
    shutil.rmtree(libs, ignore_errors=True)
    cross = sys.platform == "linux" and platform.machine() == "x86_64"
    wanted = os.environ.get("SPECLS_BUNDLE_PYTHONS", "3.11 3.12 3.13").split() if cross else []
    versions = [CURRENT, *[v for v in wanted if v != CURRENT]]
    with tempfile.TemporaryDirectory() as tmp:
        pip("wheel", "--no-deps", "--wheel-dir", tmp, str(ROOT))
        wheel = str(next(Path(tmp).glob("specls-*.whl")))
        for version in versions:
            target = libs / f"cp{version.replace('.', '')}"
            if version == CURRENT:
                pip("install", "--no-compile", "--target", str(target), wheel)
            else:
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
            for junk in [*target.glob("bin"), *target.rglob("__pycache__")]:
                shutil.rmtree(junk, ignore_errors=True)
            print(f"bundled the server for Python {version} in {target.relative_to(HERE.parent)}")
    schema = subprocess.run(
        [
            sys.executable,
            "-I",
            "-S",
            "-c",
            f"import sys; sys.path.insert(0, {str(libs / ('cp' + CURRENT.replace('.', '')))!r}); "
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
