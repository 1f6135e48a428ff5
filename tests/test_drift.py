"""specls drift and D101: the code a decision governs that changed after its commit."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import write_workspace
from specls.config import load_settings
from specls.drift import changed, drift
from specls.run import load_workspace

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

CODE = {
    "shop/__init__.py": "",
    "shop/cart.py": """
        class Cart:
            def __init__(self):
                self.lines = []

            def add(self, sku, qty):
                self.lines.append((sku, qty))

            def count(self):
                return len(self.lines)

            def label(self):
                return "cart"
        """,
    "shop/stack.py": """
        class Stack:
            def __init__(self):
                self.items = []

            def pop(self):
                if not self.items:
                    raise IndexError("empty")
                return self.items.pop()

            def size(self):
                return len(self.items)
        """,
}


def git(root: Path, *args: str) -> str:
    command = ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.com"]
    return subprocess.run([*command, *args], check=True, capture_output=True, text=True).stdout


def commit(root: Path, message: str) -> str:
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", message)
    return git(root, "rev-parse", "--short=7", "HEAD").strip()


def specls(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "specls", *args], cwd=cwd, capture_output=True, text=True
    )


def spec(since: str) -> str:
    return f"""\
[spec]
version = 1

[decision.cart-lines]
kind = "representation"
target = "Cart.lines"
type = "list[tuple]"
since = "{since}"

[decision.stack-pop-empty]
kind = "behaviour"
target = "Stack.pop"
when = "the stack is empty"
raises = "IndexError"
since = "{since}"

[decision.undated]
kind = "invariant"
target = "Stack"
expr = "len(self.items) >= 0"

[decision.names]
kind = "naming"
avoid = ["qty"]
since = "{since}"
"""


@pytest.fixture
def shop(tmp_path: Path) -> tuple[Path, str]:
    write_workspace(tmp_path, CODE)
    git(tmp_path, "init", "-q")
    first = commit(tmp_path, "start")
    (tmp_path / "spec.toml").write_text(spec(first))
    commit(tmp_path, "decide")
    return tmp_path, first


def _edit(root: Path, path: str, old: str, new: str) -> None:
    file = root / path
    text = file.read_text()
    assert old in text
    file.write_text(text.replace(old, new, 1))


def test_a_commit_not_touching_the_targets_drifts_nothing(shop: tuple[Path, str]) -> None:
    root, _ = shop
    _edit(root, "shop/cart.py", 'return "cart"', 'return "basket"')
    _edit(root, "shop/stack.py", "return len(self.items)", "return len(self.items) + 0")
    commit(root, "unrelated")
    ws = load_workspace(load_settings(root))
    report = drift(ws)
    states = {d.entry.id: d.state for d in report.drifts}
    assert states == {"cart-lines": "unchanged", "stack-pop-empty": "unchanged"}
    assert report.undated == ["undated"] and report.skipped == ["names"]


def test_changes_touching_a_target_are_listed_with_their_lines(shop: tuple[Path, str]) -> None:
    root, first = shop
    _edit(root, "shop/cart.py", "self.lines.append((sku, qty))", "self.lines.insert(0, (sku, qty))")
    commit(root, "committed change")
    _edit(root, "shop/stack.py", 'raise IndexError("empty")', 'raise IndexError("nothing")')
    # (and one not yet committed: drift compares with the files as they are)
    out = specls("drift", cwd=root)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [
        f"cart-lines (spec.toml:4): code governed by `cart-lines` changed in 1 place since it "
        f"was accepted at {first}; check it still holds",
        "  shop/cart.py:6",
        f"stack-pop-empty (spec.toml:10): code governed by `stack-pop-empty` changed in 1 place "
        f"since it was accepted at {first}; check it still holds",
        "  shop/stack.py:7",
    ]
    assert "2 of 2 dated decisions changed; 1 without `since`" in out.stderr
    assert specls("drift", "--exit-code", cwd=root).returncode == 1
    data = json.loads(specls("drift", "--format", "json", cwd=root).stdout)
    assert data["decisions"][0]["changes"] == [
        {"path": "shop/cart.py", "start_line": 6, "end_line": 6}
    ]
    assert data["undated"] == ["undated"]
    only = specls("drift", "stack-pop-empty", cwd=root)
    assert only.stdout.startswith("stack-pop-empty") and "cart-lines" not in only.stdout


def test_since_a_revision_and_renames(shop: tuple[Path, str]) -> None:
    root, _ = shop
    git(root, "mv", "shop/stack.py", "shop/stacks.py")
    _edit(root, "shop/stacks.py", "return len(self.items)", "return 0")
    commit(root, "moved")
    out = specls("drift", "--since", "HEAD~1", cwd=root)
    # the move is followed: the line of `size` changed, a use of `self.items` (which only the
    # invariant governs; it is compared too, with the revision named)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [
        "undated (spec.toml:17): code governed by `undated` changed in 1 place since HEAD~1; "
        "check it still holds",
        "  shop/stacks.py:11",
    ]
    data = specls("drift", "--since", "HEAD~1", "--format", "json", cwd=root).stdout
    states = {d["id"]: d["state"] for d in json.loads(data)["decisions"]}
    assert states == {
        "cart-lines": "unchanged",
        "stack-pop-empty": "unchanged",
        "undated": "changed",
    }
    bad = specls("drift", "--since", "no-such-branch", cwd=root)
    assert bad.returncode == 2 and "not a commit of this repository" in bad.stderr


def test_an_unknown_commit_and_a_gone_target(shop: tuple[Path, str]) -> None:
    root, first = shop
    text = spec(first).replace(f'since = "{first}"', 'since = "abcdef1"', 1)
    (root / "spec.toml").write_text(text)
    _edit(root, "shop/stack.py", "    def pop(self):", "    def take(self):")
    out = specls("drift", cwd=root)
    assert "a commit this repository does not have" in out.stdout
    assert "the target of `stack-pop-empty` names nothing in the workspace any more" in out.stdout


def test_not_a_repository(tmp_path: Path) -> None:
    write_workspace(tmp_path, CODE)
    (tmp_path / "spec.toml").write_text(spec("abcdef1"))
    out = specls("drift", cwd=tmp_path)
    assert out.returncode == 2 and "not a git repository" in out.stderr
    check = specls("check", "--no-cache", "--select", "D101", cwd=tmp_path)
    assert check.returncode == 0 and "D101" not in check.stdout


def test_d101_is_off_by_default_and_selectable(shop: tuple[Path, str]) -> None:
    root, first = shop
    _edit(root, "shop/cart.py", "self.lines.append((sku, qty))", "self.lines.insert(0, (sku, qty))")
    plain = specls("check", "--no-cache", "--format", "json", cwd=root)
    assert [f for f in json.loads(plain.stdout) if f["code"] == "D101"] == []
    chosen = specls("check", "--no-cache", "--select", "D101", "--format", "json", cwd=root)
    assert chosen.returncode == 0  # hints never fail a build
    (f,) = json.loads(chosen.stdout)
    assert f["code"] == "D101" and f["severity"] == "hint" and f["decision"] == "cart-lines"
    assert (f["path"], f["line"]) == ("shop/cart.py", 6)
    assert f"since it was accepted at {first}" in f["message"]
    assert f["related"][0]["path"].endswith("spec.toml")
    prefix = specls("check", "--no-cache", "--select", "D", cwd=root)
    assert "D101" in prefix.stdout


def test_changed_lines() -> None:
    old = b"a\nb\nc\nd\n"
    assert changed(old, old) == []
    assert changed(old, b"a\nB\nc\nd\n") == [(1, 1)]
    assert changed(old, b"a\nb\nx\ny\nc\nd\n") == [(2, 3)]
    assert changed(old, b"a\nd\n") == [(0, 1)]  # a deletion: the lines around it
    assert changed(old, b"a\r\nb\r\nc\r\nd\r\n") == []  # line breaks as a check reads them


def test_a_change_next_to_governed_lines_does_not_touch_them() -> None:
    from specls.drift import hunks_of

    old = b"a\nb\nc\nd\n"
    governed_then = [(1, 2)]  # b, c
    (after,) = hunks_of(old, b"a\nb\nc\nX\nd\n")  # inserted after c
    assert not after.touches([(1, 2)], governed_then)
    (inside,) = hunks_of(old, b"a\nb\nX\nc\nd\n")  # inserted between b and c
    assert inside.touches([(1, 1), (3, 3)], governed_then)
    (removed,) = hunks_of(old, b"a\nb\nd\n")  # c deleted
    assert removed.touches([(1, 1)], governed_then)


def test_a_sessions_memo_asks_git_for_head_only(shop: tuple[Path, str], monkeypatch) -> None:
    """The language server checks after every edit: with its memo, a second check asks git
    only which commit ``HEAD`` is; a commit moves it and the renames are asked again."""
    from specls import gitread
    from specls.drift import drift_of

    root, _first = shop
    _edit(root, "shop/cart.py", "self.lines.append((sku, qty))", "self.lines.insert(0, (sku, qty))")
    ws = load_workspace(load_settings(root))
    asked: list[list[str]] = []
    real = gitread.run_git
    monkeypatch.setattr(
        gitread, "run_git", lambda repo, args, **k: asked.append(args) or real(repo, args, **k)
    )
    memo: dict = {}
    cold = drift_of(ws.index, ws.spec, root, memo=memo)
    assert len(asked) > 2
    asked.clear()
    warm = drift_of(ws.index, ws.spec, root, memo=memo)
    assert [a[0] for a in asked] == ["rev-parse"] and "HEAD^{commit}" in asked[0][-1]
    assert [(d.entry.id, d.state) for d in warm.drifts] == [
        (d.entry.id, d.state) for d in cold.drifts
    ]
    assert ("cart-lines", "changed") in [(d.entry.id, d.state) for d in warm.drifts]
    commit(root, "more")
    asked.clear()
    drift_of(ws.index, ws.spec, root, memo=memo)
    assert "diff-tree" in {a[0] for a in asked}
    # the places of files not asked for are not looked at
    asked.clear()
    only = drift_of(ws.index, ws.spec, root, memo={}, paths=frozenset())
    assert not any(d.places for d in only.drifts) and "cat-file" not in {a[0] for a in asked}
