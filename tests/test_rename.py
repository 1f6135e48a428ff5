"""The rename fix: a multi-file workspace renamed and renamed back, byte for byte; what it
refuses; and ``specls rename`` on the command line."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import write_workspace
from specls.cli import main
from specls.config import load_settings
from specls.rename import RenameError, new_texts, plan_rename
from specls.run import check_paths, load_workspace
from specls.spec.write import retarget
from specls.symbols import symbol_at

FILES = {
    "shop/__init__.py": """
        from .cart import Cart, find_users

        __all__ = ["Cart", "find_users"]
        """,
    "shop/cart.py": '''
        class Cart:
            """A cart.

            Attributes:
                user_ids (list[str]): who shares it.
            """

            def __init__(self, user_ids):
                self.user_ids = list(user_ids)

            def add_user(self, user_id: str) -> None:
                """Add one.

                Args:
                    user_id: the id.
                """
                self.user_ids.append(user_id)


        class SharedCart(Cart):
            def add_user(self, user_id: str) -> None:
                super().add_user(user_id)
                print(self.user_ids)


        def find_users(carts, user_id=None):
            return [c for c in carts if user_id in c.user_ids]
        ''',
    "shop/views.py": """
        import shop.cart
        from shop import Cart, find_users as fu
        from shop.cart import find_users


        def view(cart: Cart, user_id):
            cart.add_user(user_id=user_id)
            fresh = Cart([])
            fresh.user_ids.clear()
            print(find_users([cart], user_id=user_id), fu([]))
            return shop.cart.find_users([])


        class Unrelated:
            def __init__(self):
                self.user_ids = []
        """,
}

SPEC = """
[spec]
version = 1

[decision.cart-sharers]  # who shares the cart
kind = "representation"
target = "shop.cart.Cart.user_ids"
type = "list[str]"

[decision.customer-term]
kind = "naming"
prefer = "customer"
avoid = ["user"]
"""


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    write_workspace(tmp_path, FILES)
    (tmp_path / "spec.toml").write_text(textwrap.dedent(SPEC).lstrip(), "utf-8")
    return tmp_path


def _snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): p.read_text("utf-8") for p in sorted(root.rglob("*.py"))}


def _rename(root: Path, rel: str, line: int, col: int, new: str) -> tuple[str, dict[str, str]]:
    """Rename through the core API and write the files: the old name and the changed texts."""
    ws = load_workspace(load_settings(root))
    found = symbol_at(ws.index, str(root / rel), line, col)
    assert found is not None
    plan = plan_rename(ws.index, found[0], new, lambda p: Path(p).read_text("utf-8"), ws.spec)
    texts = new_texts(plan, lambda p: Path(p).read_text("utf-8"))
    for path, text in texts.items():
        Path(path).write_text(text, "utf-8")
    return found[0].name, {str(Path(p).relative_to(root)): t for p, t in texts.items()}


@pytest.mark.parametrize(
    ("rel", "line", "col", "new", "changed"),
    [
        # the attribute, from its first store; views.py's typed `fresh.user_ids` follows
        ("shop/cart.py", 8, 13, "customer_ids", {"shop/cart.py", "shop/views.py"}),
        # the method, from a `def`; the override and `cart.add_user` (cart: Cart) follow
        ("shop/cart.py", 10, 9, "add_customer", {"shop/cart.py", "shop/views.py"}),
        # a module function, re-exported by the package and imported three ways
        (
            "shop/cart.py",
            25,
            5,
            "find_customers",
            {"shop/__init__.py", "shop/cart.py", "shop/views.py"},
        ),
        # a parameter: its uses, its docstring entry and keyword arguments of known calls
        ("shop/cart.py", 10, 24, "customer_id", {"shop/cart.py", "shop/views.py"}),
        # the class, everywhere it is named
        ("shop/cart.py", 0, 6, "Basket", {"shop/__init__.py", "shop/cart.py", "shop/views.py"}),
    ],
)
def test_rename_round_trips_across_files(
    workspace: Path, rel: str, line: int, col: int, new: str, changed: set[str]
) -> None:
    before = _snapshot(workspace)
    old, texts = _rename(workspace, rel, line, col, new)
    assert set(texts) == changed
    after = _snapshot(workspace)
    for text in after.values():
        ast.parse(text)  # still Python
    # back again, from the same place: every byte as it was
    _rename(workspace, rel, line, col, old)
    assert _snapshot(workspace) == before


def test_attribute_rename_changes_what_it_must_and_nothing_else(workspace: Path) -> None:
    _, texts = _rename(workspace, "shop/cart.py", 8, 13, "customer_ids")
    cart, views = texts["shop/cart.py"], texts["shop/views.py"]
    assert "customer_ids (list[str]): who shares it." in cart  # the docstring entry
    assert "def __init__(self, user_ids):" in cart  # the parameter is another symbol
    assert "print(self.customer_ids)" in cart  # a subclass's use
    assert "if user_id in c.user_ids" in cart  # `c` could be anything: left alone
    assert "fresh.customer_ids.clear()" in views  # fresh = Cart([])
    assert "self.user_ids = []" in views  # Unrelated's own attribute


def test_rename_retargets_the_spec_and_keeps_its_comments(workspace: Path) -> None:
    ws = load_workspace(load_settings(workspace))
    symbol, _ = symbol_at(ws.index, str(workspace / "shop/cart.py"), 8, 13)
    plan = plan_rename(ws.index, symbol, "customer_ids", lambda p: Path(p).read_text(), ws.spec)
    assert plan.retargets == [
        ("cart-sharers", "shop.cart.Cart.user_ids", "shop.cart.Cart.customer_ids")
    ]
    assert [(Path(p).name, s.line) for p, s in plan.unsure] == [("cart.py", 26)]
    text = (workspace / "spec.toml").read_text("utf-8")
    new = retarget(text, [(i, t) for i, _, t in plan.retargets])
    assert new == text.replace("Cart.user_ids", "Cart.customer_ids")  # comment and layout kept


@pytest.mark.parametrize(
    ("line", "col", "new", "why"),
    [
        (8, 13, "add_user", "already a member of `shop.cart.Cart`"),
        (0, 6, "SharedCart", "`SharedCart` is already used in `shop.cart`"),
        (10, 24, "self", "already has a parameter `self`"),
        (25, 5, "class", "not a valid Python name"),
        (25, 5, "find_users", "already named"),
    ],
)
def test_rename_refuses_clashes_and_bad_names(
    workspace: Path, line: int, col: int, new: str, why: str
) -> None:
    ws = load_workspace(load_settings(workspace))
    symbol, _ = symbol_at(ws.index, str(workspace / "shop/cart.py"), line, col)
    with pytest.raises(RenameError, match=why):
        plan_rename(ws.index, symbol, new, lambda p: Path(p).read_text(), ws.spec)


def test_a_file_with_a_syntax_error_is_skipped_and_said(workspace: Path) -> None:
    (workspace / "shop" / "broken.py").write_text("from shop.cart import find_users\ndef (:\n")
    ws = load_workspace(load_settings(workspace))
    symbol, _ = symbol_at(ws.index, str(workspace / "shop/cart.py"), 25, 5)
    plan = plan_rename(ws.index, symbol, "find_all", lambda p: Path(p).read_text(), ws.spec)
    assert [Path(p).name for p in plan.skipped] == ["broken.py"]
    assert "broken.py" not in {Path(p).name for p in plan.edits}


def test_cli_rename_writes_and_the_finding_is_gone(
    workspace: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(workspace)
    before = check_paths([workspace], load_settings(workspace)).findings
    assert any("`find_users`" in f.message for f in before)
    assert main(["rename", "shop/cart.py:26:5", "find_customers", "--diff"]) == 0
    out = capsys.readouterr()
    assert "+def find_customers(carts, user_id=None):" in out.out
    assert "Would rename function `find_users` in `shop.cart`" in out.err
    assert "def find_users" in (workspace / "shop/cart.py").read_text()  # --diff writes nothing
    assert main(["rename", "shop/cart.py:26:5", "find_customers"]) == 0
    assert (
        "Renamed function `find_users` in `shop.cart` to `find_customers`: 7 edits in 3 files"
        in (capsys.readouterr().out)
    )
    after = check_paths([workspace], load_settings(workspace)).findings
    assert not any("find_users" in f.message for f in after)
    assert main(["rename", "shop/cart.py:99:1", "x"]) == 2
    assert "no name specls can rename there" in capsys.readouterr().err


def test_cli_rename_never_writes_through_a_link_out_of_the_workspace(tmp_path: Path) -> None:
    ws, outside = tmp_path / "ws", tmp_path / "outside"
    write_workspace(
        ws,
        {
            "inventory.py": "class Inventory:\n    def __init__(self):\n        self.items = {}\n",
        },
    )
    outside.mkdir()
    helper = outside / "helpers.py"
    helper.write_text(
        "from inventory import Inventory\n\n\ndef n(i: Inventory):\n    return i.items\n"
    )
    (ws / "helpers.py").symlink_to(helper)
    r = subprocess.run(
        [sys.executable, "-m", "specls", "rename", "inventory.py:3:14", "stock"],
        cwd=ws,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 2
    assert "outside the workspace" in r.stderr and "no file was changed" in r.stderr
    assert helper.read_text().endswith("return i.items\n")
    assert "self.items = {}" in (ws / "inventory.py").read_text()  # all or nothing


def test_cli_rename_writes_a_spec_outside_only_when_named(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    spec = tmp_path / "spec.toml"
    spec.write_text(
        '[decision.items]\nkind = "representation"\ntarget = "Inventory.items"\ntype = "dict"\n'
    )
    write_workspace(
        ws,
        {
            "inventory.py": "class Inventory:\n    def __init__(self):\n        self.items = {}\n",
            "pyproject.toml": '[tool.specls]\nspec = "../spec.toml"\n',
        },
    )
    args = [sys.executable, "-m", "specls", "rename", "inventory.py:3:14", "stock"]
    r = subprocess.run(args, cwd=ws, capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and "outside the workspace" in r.stderr
    assert 'target = "Inventory.items"' in spec.read_text()
    r = subprocess.run(
        [*args, "--spec", str(spec)], cwd=ws, capture_output=True, text=True, timeout=60
    )
    assert r.returncode == 0, r.stderr
    assert 'target = "Inventory.stock"' in spec.read_text()
