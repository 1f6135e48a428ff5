"""specls decide (record, accept, reject, supersede, list) and specls fix, through a
subprocess each, as CI and coding agents run them."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from conftest import write_workspace

SHOP = {
    "shop/__init__.py": "",
    "shop/inventory.py": """
        class Inventory:
            def __init__(self):
                self.items = {}

            def add(self, sku, qty):
                self.items[sku] = self.items.get(sku, 0) + qty

            def remove(self, sku):
                self.items = [(s, q) for s, q in self.items if s != sku]
        """,
    "shop/stack.py": """
        class Stack:
            def __init__(self):
                self.items = []

            def pop(self):
                if not self.items:
                    return None
                return self.items.pop()
        """,
    "shop/orders.py": """
        class Order:
            \"\"\"An order.

            Attributes:
                lines (list): the lines.
            \"\"\"

            def __init__(self):
                self.lines = {}

            def add(self, sku):
                self.lines[sku] = 1

            def addLine(self, sku):
                self.lines[sku] = 2
        """,
}

HAND = """\
# The shop's decisions (hand-written; keep this comment)
[spec]
version = 1

[decision.say-quantity]   # aligned by hand
kind = "naming"
prefer = "quantity"
avoid = ["qty"]
"""


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    write_workspace(tmp_path, SHOP)
    (tmp_path / "spec.toml").write_text(HAND)
    return tmp_path


def specls(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "specls", *args], cwd=cwd, capture_output=True, text=True
    )


def decisions(root: Path) -> dict:
    return tomllib.loads((root / "spec.toml").read_text())["decision"]


def git(root: Path, *args: str) -> str:
    command = ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.com"]
    return subprocess.run([*command, *args], check=True, capture_output=True, text=True).stdout


# -- record ---------------------------------------------------------------------------------


def test_record_each_kind(shop: Path) -> None:
    runs = [
        ("--kind", "representation", "--target", "Inventory.items", "--type", "dict[str, int]"),
        (
            "--kind",
            "behaviour",
            "--target",
            "Stack.pop",
            "--when",
            "the stack is empty",
            "--returns",
            "None",
            "--status",
            "proposed",
        ),
        ("--kind", "invariant", "--target", "Inventory", "--expr", "len(self.items) <= 100"),
        (
            "--kind",
            "naming",
            "--pattern",
            "[a-z_][a-z0-9_]*",
            "--applies-to",
            "method",
            "--applies-to",
            "function",
            "--id",
            "snake-methods",
        ),
        ("--kind", "naming", "--prefer", "customer", "--avoid", "client", "--avoid", "user"),
    ]
    for args in runs:
        out = specls("decide", "record", *args, cwd=shop)
        assert out.returncode == 0, out.stderr
        assert out.stdout.startswith("Recorded decision `")
    text = (shop / "spec.toml").read_text()
    assert text.startswith(HAND)
    d = decisions(shop)
    assert d["inventory-items"]["type"] == "dict[str, int]"
    assert d["inventory-items"]["status"] == "accepted" and "since" not in d["inventory-items"]
    assert d["stack-pop-returns"] == {
        "kind": "behaviour",
        "target": "Stack.pop",
        "when": "the stack is empty",
        "returns": "None",
        "status": "proposed",
    }
    assert d["inventory-invariant"]["expr"] == "len(self.items) <= 100"
    assert d["snake-methods"]["applies_to"] == ["method", "function"]
    assert d["customer-term"]["avoid"] == ["client", "user"]


def test_record_with_summary_rationale_and_the_line(shop: Path) -> None:
    out = specls(
        "decide", "record", "--kind", "representation", "--target", "Inventory.items",
        "--type", "dict[str, int]", "--summary", "Stock by SKU.", "--rationale", "Lookups.",
        "--id", "stock", cwd=shop,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    line = next(
        n for n, t in enumerate((shop / "spec.toml").read_text().splitlines(), 1)
        if t == "[decision.stock]"
    )  # fmt: skip
    assert f"at spec.toml:{line}." in out.stdout
    assert decisions(shop)["stock"]["summary"] == "Stock by SKU."


REFUSED = {
    "an unknown class": (
        ["--kind", "representation", "--target", "Inventry.items", "--type", "dict"],
        "unknown target `Inventry.items`: no class `Inventry` in the workspace; "
        "did you mean `Inventory`?",
    ),
    "an unknown attribute": (
        ["--kind", "representation", "--target", "Inventory.itemz", "--type", "dict"],
        "`Inventory` has no attribute `itemz`; did you mean `items`?",
    ),
    "an unknown method": (
        ["--kind", "behaviour", "--target", "Stack.popp", "--when", "empty", "--raises", "E"],
        "`Stack` has no method `popp`; did you mean `pop`?",
    ),
    "an option of another kind": (
        ["--kind", "representation", "--target", "Inventory.items", "--expr", "self.x"],
        "--expr is for invariant decisions, not representation",
    ),
    "a taken id": (
        ["--kind", "naming", "--avoid", "client", "--id", "say-quantity"],
        "the spec already has a decision `say-quantity`",
    ),
    "what the models refuse": (
        ["--kind", "behaviour", "--target", "Stack.pop", "--when", "empty"],
        "exactly one of 'raises' or 'returns'",
    ),
    "no target": (["--kind", "invariant", "--expr", "self.x >= 0"], "needs --target"),
    "a pattern that could stall": (
        ["--kind", "naming", "--pattern", "(a+)+\\1", "--applies-to", "method"],
        "not a valid decision",
    ),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_record_refusals(case: str, shop: Path) -> None:
    args, message = REFUSED[case]
    out = specls("decide", "record", *args, cwd=shop)
    assert out.returncode == 2
    assert message in out.stderr
    assert (shop / "spec.toml").read_text() == HAND


def test_a_decided_target_is_refused_unless_superseded(shop: Path) -> None:
    base = ["decide", "record", "--kind", "representation", "--target", "Inventory.items"]
    assert specls(*base, "--type", "dict", cwd=shop).returncode == 0
    again = specls(*base[:-1], "shop.inventory.Inventory.items", "--type", "list", cwd=shop)
    assert again.returncode == 2
    assert "already decided by `inventory-items` (accepted)" in again.stderr
    assert "--supersedes inventory-items" in again.stderr
    new = specls(*base, "--type", "list", "--supersedes", "inventory-items", "--id", "v2", cwd=shop)
    assert new.returncode == 0, new.stderr
    d = decisions(shop)
    assert d["inventory-items"]["status"] == "superseded"
    assert d["inventory-items"]["superseded_by"] == "v2" and d["v2"]["status"] == "accepted"
    chain = specls(*base, "--type", "set", "--supersedes", "inventory-items", cwd=shop)
    assert chain.returncode == 2 and "already superseded by `v2`" in chain.stderr


# -- accept, reject, supersede -----------------------------------------------------------------


def _proposed(shop: Path, ident: str, type_text: str) -> None:
    out = specls(
        "decide", "record", "--kind", "representation", "--target", "Inventory.items",
        "--type", type_text, "--status", "proposed", "--id", ident, cwd=shop,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_accept_reject_and_since(shop: Path) -> None:
    git(shop, "init", "-q")
    git(shop, "add", ".")
    git(shop, "commit", "-q", "-m", "start")
    head = git(shop, "rev-parse", "--short=7", "HEAD").strip()
    _proposed(shop, "items-dict", "dict")
    assert decisions(shop)["items-dict"]["since"] == head
    (shop / "x.py").write_text("X = 1\n")
    git(shop, "add", ".")
    git(shop, "commit", "-q", "-m", "later")
    later = git(shop, "rev-parse", "--short=7", "HEAD").strip()
    out = specls("decide", "accept", "items-dict", cwd=shop)
    assert out.returncode == 0 and "is accepted (was proposed)" in out.stdout
    assert decisions(shop)["items-dict"]["since"] == later  # accepted at that commit
    again = specls("decide", "accept", "items-dict", cwd=shop)
    assert again.returncode == 0 and "already accepted" in again.stdout
    _proposed(shop, "items-list", "list")
    clash = specls("decide", "accept", "items-list", cwd=shop)
    assert clash.returncode == 2
    assert "specls decide supersede items-dict --by items-list" in clash.stderr
    out = specls("decide", "reject", "items-list", cwd=shop)
    assert out.returncode == 0 and decisions(shop)["items-list"]["status"] == "rejected"
    assert (shop / "spec.toml").read_text().startswith(HAND)


def test_supersede_by_an_existing_decision(shop: Path) -> None:
    _proposed(shop, "old", "dict")
    assert specls("decide", "accept", "old", cwd=shop).returncode == 0
    _proposed(shop, "new", "dict[str, int]")
    diff = specls("decide", "supersede", "old", "--by", "new", "--diff", cwd=shop)
    assert diff.returncode == 0 and '+status = "superseded"' in diff.stdout
    assert decisions(shop)["old"]["status"] == "accepted"  # --diff writes nothing
    out = specls("decide", "supersede", "old", "--by", "new", cwd=shop)
    assert out.returncode == 0 and "superseded by `new` (now accepted)" in out.stdout
    d = decisions(shop)
    assert d["old"]["status"] == "superseded" and d["old"]["superseded_by"] == "new"
    assert d["new"]["status"] == "accepted"
    for args, message in [
        (["old", "--by", "new"], "already superseded by `new`"),
        (["new", "--by", "new"], "cannot supersede itself"),
        (["new", "--by", "say-quantity"], "superseded by one of its kind"),
        (["new", "--by", "nope"], "no decision `nope`"),
    ]:
        refused = specls("decide", "supersede", *args, cwd=shop)
        assert refused.returncode == 2 and message in refused.stderr, args
    missing = specls("decide", "accept", "nope", cwd=shop)
    assert missing.returncode == 2 and "no decision `nope`" in missing.stderr


# -- list -------------------------------------------------------------------------------------


def test_list_filters_and_json(shop: Path) -> None:
    _proposed(shop, "items-dict", "dict")
    out = specls("decide", "list", cwd=shop)
    assert out.returncode == 0
    assert [line.split()[0] for line in out.stdout.splitlines()] == ["say-quantity", "items-dict"]
    proposed = specls("decide", "list", "--status", "proposed", cwd=shop).stdout
    assert proposed.split()[:3] == ["items-dict", "proposed", "representation"]
    assert "`Inventory.items` is `dict`" in proposed and "[spec.toml:" in proposed
    by_target = specls("decide", "list", "--target", "shop.inventory.Inventory.items", cwd=shop)
    assert by_target.stdout.split()[0] == "items-dict"
    data = json.loads(
        specls("decide", "list", "--kind", "naming", "--format", "json", cwd=shop).stdout
    )
    assert [d["id"] for d in data] == ["say-quantity"] and data[0]["where"] == "spec.toml:5"
    none = specls("decide", "list", "--status", "rejected", cwd=shop)
    assert none.stdout == "No decision matches.\n"


# -- fix --------------------------------------------------------------------------------------


def test_fix_lists_and_applies_a_record_decision(shop: Path) -> None:
    listed = specls("fix", "shop/inventory.py:9", "--list", cwd=shop)
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0].startswith("1. [record-decision] Record decision: `Inventory.items` is `dict`")
    assert lines[-1].startswith(f"{len(lines)}. [suppress] Suppress R101 on this line")
    several = specls("fix", "shop/inventory.py:9", cwd=shop)
    assert several.returncode == 2 and "choose one with --choose N" in several.stderr
    out = specls("fix", "shop/inventory.py:9", "--choose", "1", cwd=shop)
    assert out.returncode == 0, out.stderr
    assert "recorded decision `inventory-items`" in out.stdout
    assert decisions(shop)["inventory-items"]["type"] == "dict"
    assert (shop / "spec.toml").read_text().startswith(HAND)
    check = specls("check", "--no-cache", "--format", "json", cwd=shop)
    assert any(
        f["code"] == "R102" and f["decision"] == "inventory-items" for f in json.loads(check.stdout)
    )


def test_fix_push_claim_writes_spec_and_reference(shop: Path) -> None:
    out = specls("fix", "shop/orders.py:9", "--code", "R103", "--choose", "1", cwd=shop)
    assert out.returncode == 0, out.stderr
    d = decisions(shop)
    (ident,) = [i for i in d if i != "say-quantity"]
    assert d[ident]["type"] == "list"
    assert f"# spec: {ident}" in (shop / "shop/orders.py").read_text().splitlines()[4]


def test_fix_suppress_rename_and_diff(shop: Path) -> None:
    spec = (
        HAND + '\n[decision.snake]\nkind = "naming"\npattern = "[a-z_]+"\napplies_to = ["method"]\n'
    )
    (shop / "spec.toml").write_text(spec)
    listed = specls("fix", "shop/orders.py:14:9", "--list", cwd=shop).stdout
    assert "[rename] Rename `addLine` to `add_line`" in listed
    diff = specls("fix", "shop/orders.py:14:9", "--code", "N101", "--diff", cwd=shop)
    assert diff.returncode == 0 and "+    def add_line(self, sku):" in diff.stdout
    assert "addLine" in (shop / "shop/orders.py").read_text()
    out = specls("fix", "shop/orders.py:14:9", "--code", "N101", cwd=shop)
    assert out.returncode == 0, out.stderr
    assert "def add_line(self, sku):" in (shop / "shop/orders.py").read_text()
    sup = specls("fix", "shop/stack.py:4", "--list", cwd=shop)
    assert sup.returncode == 2 and "no finding there" in sup.stderr
    listed = specls("fix", "shop/inventory.py:9", "--list", cwd=shop).stdout.splitlines()
    last = len(listed)
    out = specls("fix", "shop/inventory.py:9", "--choose", str(last), cwd=shop)
    assert out.returncode == 0, out.stderr
    line = (shop / "shop/inventory.py").read_text().splitlines()[8]
    assert line.endswith("  # spec: ignore[R101]")


def test_fix_usage_errors(shop: Path) -> None:
    assert "expected FILE:LINE" in specls("fix", "shop/inventory.py", cwd=shop).stderr
    assert "no such file" in specls("fix", "nope.py:3", cwd=shop).stderr
    out = specls("fix", "shop/inventory.py:9", "--choose", "99", cwd=shop)
    assert out.returncode == 2 and "there are" in out.stderr


def test_fix_update_decision_supersedes_the_old_one(shop: Path) -> None:
    spec = HAND + '\n[decision.stock]\nkind = "representation"\ntarget = "Inventory.items"\n'
    (shop / "spec.toml").write_text(spec + 'type = "set"\n')
    listed = specls("fix", "shop/inventory.py:3", "--code", "R102", "--list", cwd=shop).stdout
    assert "1. [update-decision] Update decision `stock` to `dict` (supersedes it)" in listed
    out = specls("fix", "shop/inventory.py:3", "--code", "R102", "--choose", "1", cwd=shop)
    assert out.returncode == 0, out.stderr
    d = decisions(shop)
    assert d["stock"]["status"] == "superseded" and d["stock"]["superseded_by"] == "stock-2"
    assert d["stock-2"]["type"] == "dict"
