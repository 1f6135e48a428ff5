"""N101-N102: naming decisions (patterns per kind of symbol, a glossary), and the word
functions behind them."""

from __future__ import annotations

import re

import pytest

from conftest import Check, codes
from specls.naming import convert, find_term, replace_term, suggest, words

GLOSSARY = """
[decision.customer-term]
kind = "naming"
prefer = "customer"
avoid = ["client", "user"]
"""


def pattern(regex: str, *kinds: str, target: str | None = None) -> str:
    applies = ", ".join(f'"{k}"' for k in kinds)
    where = f'target = "{target}"\n' if target else ""
    return (
        f"[decision.names]\nkind = \"naming\"\n{where}pattern = '{regex}'\n"
        f"applies_to = [{applies}]\n"
    )


SNAKE = "_{0,2}[a-z][a-z0-9_]*"


# -- words ---------------------------------------------------------------------------------------


def test_words_split_every_case_style() -> None:
    assert [w.text for w in words("getHTTPUser_id2")] == ["get", "HTTP", "User", "id", "2"]
    assert [w.text for w in words("__MAX_SIZE__")] == ["MAX", "SIZE"]


@pytest.mark.parametrize(
    ("name", "term", "prefer", "new"),
    [
        ("get_user", "user", "customer", "get_customer"),
        ("UserStore", "user", "customer", "CustomerStore"),
        ("MAX_USERS", "user", "customer", "MAX_CUSTOMERS"),
        ("getUser", "user", "customer", "getCustomer"),
        ("users", "user", "customer", "customers"),
        ("categories", "category", "kind", "kinds"),
        ("client", "client", "account holder", "account_holder"),
        ("Client", "client", "account holder", "AccountHolder"),
        ("getClient", "client", "account holder", "getAccountHolder"),
        ("user_id_map", "user id", "customer key", "customer_key_map"),
        ("_user", "user", "customer", "_customer"),
    ],
)
def test_glossary_terms_are_replaced_in_the_case_around_them(
    name: str, term: str, prefer: str, new: str
) -> None:
    hit = find_term(name, term)
    assert hit is not None
    assert replace_term(name, hit, prefer) == new


@pytest.mark.parametrize(
    ("name", "term"),
    [("username", "user"), ("superuser", "user"), ("user_name", "user id"), ("userid", "user")],
)
def test_a_term_inside_another_word_is_not_the_term(name: str, term: str) -> None:
    assert find_term(name, term) is None


def test_suggestions_convert_the_case_only_when_that_matches() -> None:
    snake = re.compile(SNAKE)
    assert suggest("getTotal", snake) == "get_total"
    assert suggest("_privateThing", snake) == "_private_thing"
    assert suggest("getTotal", re.compile("[a-z]+")) is None  # no case style gives that
    assert convert("http_server", "pascal") == "HttpServer"
    assert convert("HttpServer", "upper") == "HTTP_SERVER"


# -- N101 ----------------------------------------------------------------------------------------


def test_n101_method_and_parameter_against_their_patterns(check: Check) -> None:
    found = check(
        """
        class Cart:
            def addItem(self, itemSku):
                return itemSku
        """,
        spec=pattern(SNAKE, "method", "parameter"),
    )
    assert codes(found) == ["N101", "N101"]
    assert "Method `addItem` of `mod.Cart` does not match" in found[0].message
    assert found[0].message.endswith("rename it to `add_item`")
    assert found[0].fixes[0].new_name == "add_item"
    assert "Parameter `itemSku` of `mod.Cart.addItem`" in found[1].message
    assert found[0].related[0].path.endswith("spec.toml")


def test_n101_constants_classes_and_variables_by_kind(check: Check) -> None:
    spec = (
        pattern("[A-Z][A-Z0-9_]*", "constant")
        + "\n"
        + pattern("[A-Z][a-zA-Z0-9]*", "class").replace("decision.names", "decision.classes")
    )
    found = check(
        """
        import logging

        log = logging.getLogger(__name__)
        max_items = 10
        TIMEOUT = 3


        class shopping_cart:
            LIMIT = 5
        """,
        spec=spec,
    )
    assert [(f.code, f.span.line) for f in found] == [("N101", 3), ("N101", 7)]
    assert "Constant `max_items`" in found[0].message and "`MAX_ITEMS`" in found[0].message
    assert "`ShoppingCart`" in found[1].message


def test_n101_silent_on_names_the_writer_did_not_choose(check: Check) -> None:
    found = check(
        """
        import ast
        import unittest


        class Base:
            def do_thing(self, x):
                return x


        class Child(Base):
            def do_thing(self, x):
                return x + 1


        class Visitor(ast.NodeVisitor):
            def visit_FunctionDef(self, node):
                return node


        class CartTest(unittest.TestCase):
            def setUp(self):
                self.cart = None

            def __eq__(self, other):
                return self is other

            def _(self):
                return None
        """,
        spec=pattern("_{0,2}[a-z]+", "method"),
    )
    assert codes(found) == ["N101"]  # `do_thing` once, at the base where it was chosen
    assert found[0].span.line == 5


def test_n101_only_the_kinds_and_target_named(check: Check) -> None:
    files = {
        "shop/cart.py": "class Cart:\n    def addItem(self):\n        pass\n",
        "billing/pay.py": "def payNow():\n    pass\n",
    }
    found = check(files, spec=pattern(SNAKE, "method", "function", target="shop"))
    assert [(f.path.rsplit("/", 1)[-1], f.code) for f in found] == [("cart.py", "N101")]


def test_a_pattern_without_applies_to_is_an_invalid_spec(check: Check) -> None:
    found = check("x = 1\n", spec='[decision.names]\nkind = "naming"\npattern = "[a-z]+"\n')
    assert codes(found) == ["S001"]
    assert "applies_to" in found[0].message


def test_a_pattern_that_is_not_a_regex_is_an_invalid_spec(check: Check) -> None:
    found = check("x = 1\n", spec=pattern("[a-z", "variable"))
    assert codes(found) == ["S001"]
    assert "not a regular expression" in found[0].message


def test_a_pattern_not_matchable_in_linear_time_is_s001_at_its_line(check: Check) -> None:
    found = check("def f(): ...\n", spec=pattern("(?!get)[a-z_]+", "function"))
    assert codes(found) == ["S001"]
    assert found[0].span.line == 2  # (0-based) the line of `pattern = ...`
    assert "negative lookahead" in found[0].message and "linear time" in found[0].message


def test_a_nested_quantifier_pattern_is_checked_without_stalling(check: Check) -> None:
    """``re`` takes 2^40 steps to refuse this name; the pattern is matched in linear time."""
    found = check(f"def {'a' * 40}1(): ...\ndef ok(): ...\n", spec=pattern("([a-z]+)+", "function"))
    assert codes(found) == ["N101"]
    assert found[0].span.line == 0


def test_a_name_too_long_to_be_chosen_is_not_judged(check: Check) -> None:
    found = check(f"def {'a' * 1001}1(): ...\ndef b1(): ...\n", spec=pattern("[a-z]+", "function"))
    assert [(f.code, f.span.line) for f in found] == [("N101", 1)]


# -- N102 ----------------------------------------------------------------------------------------


def test_n102_names_the_term_and_the_preferred_name(check: Check) -> None:
    found = check(
        """
        MAX_USERS = 10


        class UserStore:
            def __init__(self, client_id):
                self.clients = []

            def find_user(self, name):
                return name


        def load_users():
            return []
        """,
        spec=GLOSSARY,
    )
    got = {(f.span.line, f.message.split(" uses ")[0]) for f in found}
    assert got == {
        (0, "Constant `MAX_USERS` in `mod`"),
        (3, "Class `UserStore` in `mod`"),
        (4, "Parameter `client_id` of `mod.UserStore.__init__`"),
        (5, "Attribute `clients` of `mod.UserStore`"),
        (7, "Method `find_user` of `mod.UserStore`"),
        (11, "Function `load_users` in `mod`"),
    }
    assert {f.fixes[0].new_name for f in found} == {
        "MAX_CUSTOMERS",
        "CustomerStore",
        "customer_id",
        "customers",
        "find_customer",
        "load_customers",
    }


def test_n102_silent_on_other_words_and_dictated_names(check: Check) -> None:
    found = check(
        """
        import getpass


        class Account:
            def __init__(self, username, superuser=False):
                self.username = username
                self.is_superuser = superuser

            def owner(self):
                return getpass.getuser()


        class Base:
            def get_user(self):  # spec: ignore[N102]
                return None


        class Child(Base):
            def get_user(self):
                return 1
        """,
        spec=GLOSSARY,
    )
    assert found == []


def test_n102_without_prefer_offers_no_rename(check: Check) -> None:
    spec = '[decision.no-mgr]\nkind = "naming"\navoid = ["mgr"]\n'
    found = check("class SessionMgr:\n    pass\n", spec=spec)
    assert codes(found) == ["N102"] and found[0].fixes == []
    assert found[0].message.endswith("avoids; rename it")


def test_proposed_naming_decisions_are_hints(check: Check) -> None:
    found = check("def get_user():\n    pass\n", spec=GLOSSARY + 'status = "proposed"\n')
    assert [f.severity.value for f in found] == ["hint"]


def test_n101_silent_on_enum_members_self_and_dunders(check: Check) -> None:
    found = check(
        """
        import enum

        __all__ = ["Color"]


        class Color(enum.Enum):
            RED = 1


        class Box:
            SIZE = 3

            def __init__(self, size_hint):
                self.size = size_hint
        """,
        spec=pattern(SNAKE, "attribute", "parameter", "variable"),
    )
    assert found == []


def test_n102_silent_outside_its_kinds_and_target(check: Check) -> None:
    spec = GLOSSARY + 'applies_to = ["class"]\ntarget = "shop"\n'
    found = check(
        {
            "shop/cart.py": "class Cart:\n    def get_user(self):\n        pass\n",
            "auth/users.py": "class UserStore:\n    pass\n",
        },
        spec=spec,
    )
    assert found == []


def test_silent_on_protocol_names_dispatch_families_and_module_state(check: Check) -> None:
    found = check(
        """
        import enum
        import unittest

        _cache = {}
        _default = None
        counter = 0
        try:
            import json
            has_json = True
        except ImportError:
            has_json = False


        def bump():
            global counter
            counter += 1


        class Walker:
            def visit_Module(self, node):
                return node

            def visit_Assign(self, node):
                return node


        class LoggingMixin:
            def setUpLogging(self):
                pass


        class Order(enum.Enum):
            _order_ = "A B"
            A = 1
            B = 2


        class Case(unittest.TestCase):
            maxDiff = None
        """,
        spec=pattern(SNAKE, "method", "attribute")
        + "\n"
        + pattern("_{0,2}[A-Z][A-Z0-9_]*", "constant").replace("decision.names", "decision.c"),
    )
    assert found == []


def test_a_lone_camel_case_method_is_not_a_dispatch_family(check: Check) -> None:
    found = check(
        "class Walker:\n    def visit_Module(self, node):\n        return node\n",
        spec=pattern(SNAKE, "method"),
    )
    assert codes(found) == ["N101"]
