"""The documentation's shell examples are real: each ``console`` block's ``$ specls …``
command is run on a copy of the bundled example and prints what the block shows.

README's blocks run from the repository's top (``examples/shop`` is a path there); the
docs' from ``examples/shop`` itself. A block whose output is shown must match it exactly; a
block that shows only the command must run without an error. A block preceded by a line
``<!-- not run: why -->`` is illustrative (it needs files the example does not have).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
_BLOCK = re.compile(r"(?P<before>[^\n]*)\n```console\n(?P<body>.*?)^```", re.M | re.S)


@dataclass
class Example:
    page: str
    line: int
    command: str
    output: list[str]


def examples(page: Path) -> list[Example]:
    text = page.read_text("utf-8")
    found = []
    for m in _BLOCK.finditer(text):
        if m.group("before").startswith("<!-- not run"):
            continue
        line = text.count("\n", 0, m.start("body")) + 1
        current: Example | None = None
        for n, row in enumerate(m.group("body").splitlines()):
            if row.startswith("$ "):
                if not row.startswith("$ specls"):
                    current = None
                    continue
                current = Example(page.relative_to(ROOT).as_posix(), line + n, row[2:], [])
                found.append(current)
            elif current is not None:
                current.output.append(row)
    return found


#: Pages whose transcripts run elsewhere than on the bundled example, and why.
ELSEWHERE = {
    "adopting.md": "a transcript in sequence on tests/fixtures/infer/library, in git",
}
PAGES = [
    ROOT / "README.md",
    *sorted(p for p in (ROOT / "docs").glob("*.md") if p.name not in ELSEWHERE),
]
ALL = [e for page in PAGES for e in examples(page)]


def run(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    words = shlex.split(command, comments=True)
    assert words[0] == "specls"
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "CLAUDECODE")}
    return subprocess.run(
        [sys.executable, "-m", "specls", *words[1:]],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


@pytest.mark.parametrize("example", ALL, ids=[f"{e.page}:{e.line}" for e in ALL])
def test_a_documented_command_prints_what_the_docs_show(example: Example, tmp_path: Path) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    cwd = tmp_path if example.page == "README.md" else tmp_path / "examples" / "shop"
    r = run(example.command, cwd)
    assert "Traceback" not in r.stderr, r.stderr
    if example.output:
        assert r.stdout.rstrip("\n").splitlines() == example.output, r.stderr
    else:
        assert r.returncode in (0, 1), r.stderr


def test_the_readme_example_is_what_its_first_command_prints(tmp_path: Path) -> None:
    """The first command of the README installs specls and checks the bundled example: its
    output is the README's first console block."""
    readme = (ROOT / "README.md").read_text("utf-8")
    first = re.search(r"```sh\n(.*?)```", readme, re.S)
    assert first is not None
    command = next(line for line in first.group(1).splitlines() if not line.startswith("#"))
    check = command.split("&&")[-1].strip()
    assert check == ".venv/bin/specls check examples/shop", command
    [shown] = [e for e in ALL if e.page == "README.md"][:1]
    assert shown.command == "specls check examples/shop"
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    r = run(check.removeprefix(".venv/bin/"), tmp_path)
    assert r.returncode == 1
    assert r.stdout.rstrip("\n").splitlines() == shown.output
    assert "Python ≥ 3.11" in readme


def test_no_page_says_pip_install_specls() -> None:
    """specls is not on PyPI: every install command must work from the repository."""
    docs = sorted((ROOT / "docs").glob("*.md"))
    for page in [ROOT / "README.md", *docs, ROOT / "client-vscode" / "README.md"]:
        text = page.read_text("utf-8")
        assert not re.search(r"pip install specls\b(?![-\w])", text), page
