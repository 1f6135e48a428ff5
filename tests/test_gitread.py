"""specls.gitread: read-only git that a hostile ``.git/config`` cannot turn into commands.

A checked-out repository's config can name programs (``core.fsmonitor``, ``core.pager``,
``diff.external``, a ``textconv`` or ``filter`` driver). The controls show that plain git
runs them in these repositories; specls's git must not, and must not fail when git or the
repository is absent.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from specls import gitread

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(root: Path, *args: str, **kw: object) -> subprocess.CompletedProcess[str]:
    command = ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.com"]
    return subprocess.run([*command, *args], capture_output=True, text=True, **kw)  # type: ignore[call-overload]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    (root / "spec.toml").write_text("[spec]\nversion = 1\n")
    (root / "a.py").write_text("A = 1\n")
    git(root, "init", "-q", check=True)
    git(root, "add", ".", check=True)
    git(root, "commit", "-q", "-m", "one", check=True)
    return root


def _hostile(root: Path, markers: Path) -> dict[str, Path]:
    """Config and attributes that run a program each, and the file each one touches."""
    names = ["fsmonitor", "pager", "external", "textconv", "filter", "ssh"]
    made = {n: markers / f"{n}-ran" for n in names}
    config = root / ".git" / "config"
    config.write_text(
        config.read_text()
        + f'[core]\n\tfsmonitor = "touch {made["fsmonitor"]}; false"\n'
        + f'\tpager = "touch {made["pager"]}; cat"\n'
        + f'\tsshCommand = "touch {made["ssh"]}; false"\n'
        + f'[diff]\n\texternal = "touch {made["external"]}; true"\n'
        + f'[diff "evil"]\n\ttextconv = "touch {made["textconv"]}; cat"\n'
        + f'[filter "evil"]\n\tclean = "touch {made["filter"]}; cat"\n'
        + "\tsmudge = cat\n"
    )
    (root / ".gitattributes").write_text("*.py diff=evil filter=evil\n")
    return made


def test_head_blob_and_renames(repo: Path) -> None:
    first = git(repo, "rev-parse", "--short=7", "HEAD").stdout.strip()
    assert gitread.head(repo) == first
    (repo / "b.py").write_text("B = 2\n")
    git(repo, "mv", "a.py", "c.py", check=True)
    git(repo, "add", ".", check=True)
    git(repo, "commit", "-q", "-m", "two", check=True)
    r = gitread.find_repo(repo / "sub" if (repo / "sub").exists() else repo)
    assert r is not None and r.top == repo.resolve()
    full = gitread.resolve(r, first)
    assert full is not None and full.startswith(first)
    assert gitread.blob(r, full, "a.py") == b"A = 1\n"
    assert gitread.blob(r, full, "b.py") is None
    assert gitread.renamed(r, full) == {"c.py": "a.py"}
    assert gitread.head(repo) != first


def test_nothing_when_there_is_no_repository_or_no_git(tmp_path: Path, repo: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    assert gitread.find_repo(plain) is None and gitread.head(plain) is None
    old = os.environ["PATH"]
    os.environ["PATH"] = str(tmp_path / "empty")
    try:
        assert gitread.head(repo) is None and gitread.find_repo(repo) is None
    finally:
        os.environ["PATH"] = old


def test_revisions_are_never_options(repo: Path) -> None:
    r = gitread.find_repo(repo)
    assert r is not None
    for bad in ["--output=/tmp/x", "-h", "HEAD HEAD", "a..b", "", "x\ny"]:
        assert gitread.resolve(r, bad) is None, bad
    assert gitread.blob(r, "--help", "a.py") is None
    assert gitread.resolve(r, "HEAD") is not None


def test_only_object_commands_run(repo: Path) -> None:
    r = gitread.find_repo(repo)
    assert r is not None
    for args in (["status"], ["log", "-p"], ["diff"], ["cat-file", "--textconv", "HEAD:a.py"]):
        with pytest.raises(gitread.GitUnavailable):
            gitread.run_git(r, args)


def test_a_hostile_config_runs_nothing(repo: Path, tmp_path: Path) -> None:
    made = _hostile(repo, tmp_path)
    (repo / "a.py").write_text("A = 2\n")
    # the controls: plain git runs them here
    git(repo, "status")
    git(repo, "diff")
    git(repo, "log", "-p", "-1")
    ran = {n for n, p in made.items() if p.exists()}
    assert {"fsmonitor", "external"} <= ran, ran
    for p in made.values():
        p.unlink(missing_ok=True)
    # specls's reads
    r = gitread.find_repo(repo)
    assert r is not None
    head = gitread.head(repo)
    assert head is not None
    full = gitread.resolve(r, head)
    assert full is not None
    assert gitread.blob(r, full, "a.py") == b"A = 1\n"
    gitread.renamed(r, full)
    # and the commands that run git
    subprocess.run(
        [sys.executable, "-m", "specls", "drift"], cwd=repo, capture_output=True, check=False
    )
    subprocess.run(
        [sys.executable, "-m", "specls", "decide", "record", "--kind", "naming", "--avoid", "x"],
        cwd=repo,
        capture_output=True,
        check=False,
    )
    assert [n for n, p in made.items() if p.exists()] == []
    assert 'since = "' in (repo / "spec.toml").read_text()
    # git with specls's command line and environment, asked what plain git was asked (which
    # specls never asks: status and patches read the work tree): the settings that name a
    # program are overridden
    for args in (["status"], ["diff"], ["log", "-1"]):
        subprocess.run(
            gitread.git_command(r, args),
            env=gitread.environment(),
            capture_output=True,
            stdin=subprocess.DEVNULL,
        )
    overridden = ["fsmonitor", "pager", "external", "ssh"]
    assert [n for n in overridden if made[n].exists()] == []


def test_a_work_tree_moved_by_config_is_not_believed(repo: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    git(repo, "config", "core.worktree", str(elsewhere), check=True)
    assert gitread.find_repo(repo) is None


def test_an_inherited_git_dir_does_not_redirect(repo: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    git(other, "init", "-q", check=True)
    expected = git(repo, "rev-parse", "--short=7", "HEAD").stdout.strip()
    os.environ["GIT_DIR"] = str(other / ".git")
    try:
        assert gitread.head(repo) == expected
    finally:
        del os.environ["GIT_DIR"]


def test_output_is_capped(repo: Path) -> None:
    (repo / "big.py").write_text("x = 1\n" * 2000)
    git(repo, "add", ".", check=True)
    git(repo, "commit", "-q", "-m", "big", check=True)
    r = gitread.find_repo(repo)
    assert r is not None
    with pytest.raises(gitread.GitUnavailable, match="more than"):
        gitread.run_git(r, ["cat-file", "blob", "HEAD:big.py"], cap=100)
