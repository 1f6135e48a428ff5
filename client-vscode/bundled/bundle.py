"""Install the server and its dependencies into bundled/libs/cpXY for the packaging Python.

Run at package time (``npm run bundle-server``); users then need nothing but a Python of
that version. Compiled dependencies (tree-sitter, pydantic-core, libcst) make the result
specific to one platform and Python version: the .vsix is built per platform target.
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]  # the repository: pyproject.toml of the server
TAG = f"cp{sys.version_info[0]}{sys.version_info[1]}"


def main() -> int:
    target = HERE / "libs" / TAG
    shutil.rmtree(HERE / "libs", ignore_errors=True)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                        "--wheel-dir", tmp, str(ROOT)], check=True)
        wheel = next(Path(tmp).glob("specls-*.whl"))
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-compile",
                        "--disable-pip-version-check", "--target", str(target), str(wheel)],
                       check=True)
    for junk in [*target.glob("bin"), *target.rglob("__pycache__")]:
        shutil.rmtree(junk, ignore_errors=True)
    schema = subprocess.run(
        [sys.executable, "-I", "-S", "-c",
         f"import sys; sys.path.insert(0, {str(target)!r}); import json; "
         "from specls.spec.models import json_schema; print(json.dumps(json_schema(), indent=2))"],
        check=True, capture_output=True, text=True).stdout
    (HERE.parent / "schemas").mkdir(exist_ok=True)
    (HERE.parent / "schemas" / "spec.schema.json").write_text(schema, "utf-8")
    print(f"bundled the server for {TAG} in {target.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
