"""The repository as a pre-commit hook and as a GitHub Action (issue 20)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import write_workspace

ROOT = Path(__file__).parents[1]
CONFLICT = """
class Inventory:
    def __init__(self):
        self.items = {}

    def remove(self, sku):
        self.items = [(s, q) for s, q in self.items if s != sku]
"""
PRE_COMMIT = shutil.which("pre-commit") or (
    str(Path(sys.executable).parent / "pre-commit")
    if (Path(sys.executable).parent / "pre-commit").exists()
    else None
)


def git(*args: str, cwd: Path) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


@pytest.mark.skipif(PRE_COMMIT is None, reason="pre-commit is not installed (the test extra)")
def test_pre_commit_try_repo_runs_specls(tmp_path: Path) -> None:
    """`pre-commit try-repo` installs this repository as pre-commit would and runs its hook
    on a project: it fails on a finding and passes once the code is consistent."""
    assert PRE_COMMIT is not None
    project = tmp_path / "project"
    write_workspace(project, {"shop/inventory.py": CONFLICT, "shop/__init__.py": ""})
    git("init", "-q", cwd=project)
    git("add", ".", cwd=project)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    env.pop("VIRTUAL_ENV", None)

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [PRE_COMMIT, "try-repo", str(ROOT), "specls", "--all-files"],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=900,
            env=env,
        )

    r = run()
    assert r.returncode == 1, r.stdout + r.stderr
    assert "shop/inventory.py:6:9: R101 warning:" in r.stdout, r.stdout
    (project / "shop" / "inventory.py").write_text(CONFLICT.replace("= {}", "= []"))
    git("add", ".", cwd=project)
    r = run()
    assert r.returncode == 0, r.stdout + r.stderr
    assert re.search(r"specls\.+Passed", r.stdout), r.stdout


def _action() -> dict:
    return yaml.safe_load((ROOT / "action.yml").read_text("utf-8"))


def test_the_action_installs_from_the_repository_and_uploads_sarif() -> None:
    action = _action()
    assert action["runs"]["using"] == "composite"
    steps = {s.get("name", s.get("uses")): s for s in action["runs"]["steps"]}
    install = steps["Install specls from this repository"]["run"]
    assert '"$GITHUB_ACTION_PATH"' in install and "pip install" in install
    assert "specls @" not in install and "pip install specls" not in install
    upload = steps["Upload SARIF"]
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")


def test_the_action_check_step_annotates_and_writes_sarif(tmp_path: Path) -> None:
    """The check step's script, as the runner runs it (specls on the PATH, as the install
    step leaves it): annotations on stdout, SARIF written, the exit code as an output."""
    import json

    step = next(s for s in _action()["runs"]["steps"] if s.get("id") == "check")
    script = re.sub(
        r"\$\{\{ *inputs\.(\w+) *\}\}", lambda m: "${INPUT_" + m.group(1) + "}", step["run"]
    )
    write_workspace(tmp_path / "work", {"shop/inventory.py": CONFLICT})
    out, temp = tmp_path / "output", tmp_path / "runner"
    temp.mkdir()
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "PATHS": ".",
        "ARGS": "--no-cache",
        "RUNNER_TEMP": str(temp),
        "GITHUB_OUTPUT": str(out),
    }
    r = subprocess.run(
        ["bash", "-e", "-c", script],
        cwd=tmp_path / "work",
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("::warning file=shop/inventory.py,line=6,col=9,")
    assert out.read_text().splitlines() == ["exit-code=1", "sarif=true"]
    sarif = json.loads((temp / "specls.sarif").read_text())
    assert [x["ruleId"] for x in sarif["runs"][0]["results"]] == ["R101"]
