"""Issue 19, classes 3 and 4: other classes' attributes, and use against use.

Class 3: ``self.inventory.stock.append(x)`` where ``Inventory.stock`` is a dict (R101, across
files); ``other: "Order"`` reading a name no writer of ``Order`` creates, and ``self`` passed
to a static method or a function that reads one (R105). Class 4: an attribute assigned a
value of unknown kind, used in two methods as no one type allows (R101).
"""

from __future__ import annotations

import pytest

from conftest import Check, codes

INVENTORY = """
class Inventory:
    def __init__(self):
        self.stock = {}

    def put(self, sku, n):
        self.stock[sku] = n
"""


# -- 3a: self.inventory.stock.append(x) -------------------------------------------------------


def test_chain_through_a_workspace_class_across_files(check: Check) -> None:
    found = check(
        {
            "shop/inventory.py": INVENTORY,
            "shop/store.py": """
            from shop.inventory import Inventory


            class Store:
                def __init__(self):
                    self.inventory = Inventory()

                def restock(self, sku):
                    self.inventory.stock.append(sku)
            """,
        },
        select=["R101"],
    )
    assert codes(found) == ["R101"]
    f = found[0]
    assert f.path.endswith("store.py") and f.span.line == 8
    assert "`Inventory.stock` is used as a list in `Store.restock`" in f.message
    assert "`Inventory` holds a dict there (assigned a dict in `Inventory.__init__`, line 3)" in (
        f.message
    )
    assert [(r.path.rsplit("/", 1)[-1], r.span.line) for r in f.related] == [("inventory.py", 2)]
    assert f.fixes[0].decision == {
        "kind": "representation",
        "target": "Inventory.stock",
        "type": "dict",
        "status": "accepted",
    }


def test_chain_slice_and_str_key(check: Check) -> None:
    found = check(
        """
        class Board:
            def __init__(self):
                self.cells = [0] * 9


        class Game:
            def __init__(self):
                self.board = None
                self.board = Board()

            def corner(self):
                return self.board.cells["top"]
        """,
        select=["R101"],
    )
    assert codes(found) == ["R101"]
    assert "used as a dict" in found[0].message and "holds a list" in found[0].message


def test_chain_through_an_annotated_parameter(check: Check) -> None:
    store = """

class Store:
    def __init__(self, inventory: Inventory):
        self.inventory = inventory

    def restock(self, sku):
        self.inventory.stock.append(sku)
"""
    assert codes(check(INVENTORY + store, select=["R101"])) == ["R101"]
    # a subclass may hold it otherwise: the annotation allows any
    sub = "\n\nclass Listed(Inventory):\n    def __init__(self):\n        self.stock = []\n"
    found = check(INVENTORY + sub + store, select=["R101"])
    assert [f for f in found if "Store" in f.message] == []


@pytest.mark.parametrize(
    "use",
    [
        "self.inventory.stock.get(sku)",  # a dict use
        "self.inventory.stock[sku] = 1",
        "len(self.inventory.stock)",
        "self.inventory.stock[0]",  # a key that may be an int
        "self.inventory.stock.items()",
    ],
)
def test_chain_uses_the_held_kind_allows_are_silent(check: Check, use: str) -> None:
    found = check(
        INVENTORY
        + f"""

class Store:
    def __init__(self):
        self.inventory = Inventory()

    def restock(self, sku):
        {use}
""",
        select=["R101"],
    )
    assert found == []


@pytest.mark.parametrize(
    "variant",
    [
        # the attribute may hold something else
        "self.inventory = inventory or Inventory()",
        "self.inventory = make()",
        # the member is set from outside the class
        "self.inventory = Inventory()\n        self.inventory.stock = []",
    ],
)
def test_chain_silent_when_the_holder_is_unsure(check: Check, variant: str) -> None:
    found = check(
        INVENTORY
        + f"""

class Store:
    def __init__(self, inventory=None):
        {variant}

    def restock(self, sku):
        self.inventory.stock.append(sku)
""",
        select=["R101"],
    )
    assert found == []


@pytest.mark.parametrize(
    "inventory",
    [
        # a property: not the attribute assigned
        """
class Inventory:
    def __init__(self):
        self._stock = {}

    @property
    def stock(self):
        return list(self._stock)
""",
        # unknown kind
        """
class Inventory:
    def __init__(self, stock):
        self.stock = stock
""",
        # two kinds: R101's business on Inventory itself, not a third opinion
        """
class Inventory:
    def __init__(self):
        self.stock = {}

    def reset(self):
        self.stock = []
""",
        # a base outside the workspace
        """
from lib import Base

class Inventory(Base):
    def __init__(self):
        self.stock = {}
""",
        # checked with isinstance: deliberately polymorphic
        """
class Inventory:
    def __init__(self):
        self.stock = {}

    def norm(self):
        if isinstance(self.stock, list):
            return self.stock
""",
        # a claim says otherwise (R103's to compare)
        """
class Inventory:
    def __init__(self):
        self.stock: dict = {}
""",
    ],
)
def test_chain_silent_when_the_member_is_unsure(check: Check, inventory: str) -> None:
    found = check(
        inventory
        + """

class Store:
    def __init__(self):
        self.inventory = Inventory()

    def restock(self, sku):
        self.inventory.stock.append(sku)
""",
        select=["R101"],
    )
    assert [f for f in found if "Store" in f.message] == []


def test_chain_to_a_class_of_another_package_is_silent(check: Check) -> None:
    found = check(
        {
            "app/inventory.py": INVENTORY,
            "app/store.py": """
            from vendor.inventory import Inventory


            class Store:
                def __init__(self):
                    self.inventory = Inventory()

                def restock(self, sku):
                    self.inventory.stock.append(sku)
            """,
        },
        select=["R101"],
    )
    assert found == []


# -- 3b: other: "Order" reading other.total_cost -----------------------------------------------

ORDER = """
class Order:
    def __init__(self, lines):
        self.lines = lines
        self.total = sum(lines)
"""


@pytest.mark.parametrize("annotation", ['"Order"', "Order", "Optional[Order]", '"Order | None"'])
def test_annotated_parameter_reads_a_name_order_never_creates(
    check: Check, annotation: str
) -> None:
    found = check(
        {
            "shop/order.py": ORDER
            + f"""
    def merge(self, other: {annotation}):
        return self.total + other.total_cost
""",
        },
        select=["R105"],
    )
    assert codes(found) == ["R105"]
    f = found[0]
    assert f.span.line == 6
    assert "`Order.total_cost` is read on `other` (an `Order`, as annotated) in `Order.merge`" in (
        f.message
    )
    assert "never assign it; did you mean `total`?" in f.message
    assert [r.span.line for r in f.related] == [5, 3]  # the annotation, `self.total = ...`


def test_annotated_parameter_in_another_file_and_a_function(check: Check) -> None:
    found = check(
        {
            "shop/order.py": ORDER,
            "shop/report.py": """
            from shop.order import Order


            def summary(order: Order) -> str:
                return f"{len(order.lines)} lines, {order.totl}"
            """,
        },
        select=["R105"],
    )
    assert codes(found) == ["R105"]
    assert found[0].path.endswith("report.py")
    assert "`Order.totl` is read on `order`" in found[0].message
    assert "did you mean `total`?" in found[0].message
    assert found[0].related[-1].path.endswith("order.py")


@pytest.mark.parametrize(
    "order",
    [
        # a property
        ORDER + "\n    @property\n    def total_cost(self):\n        return self.total\n",
        # a class attribute
        ORDER + "\n    total_cost = 0\n",
        # __getattr__
        ORDER + "\n    def __getattr__(self, name):\n        return 0\n",
        # __slots__ declared (may be set from anywhere)
        ORDER.replace("class Order:", "class Order:\n    __slots__ = ('lines', 'total')"),
        # a base outside the workspace
        ORDER.replace("class Order:", "from lib import Model\n\nclass Order(Model):"),
        # a subclass provides it
        ORDER
        + "\n\nclass BigOrder(Order):\n    def __init__(self):\n        self.total_cost = 1\n",
        # a dataclass field
        "from dataclasses import dataclass\n\n@dataclass\nclass Order:\n    total_cost: float\n",
        # assigned from outside the class
        ORDER + "\n\ndef price(order):\n    order.total_cost = 1\n",
        # a decorator that may add names
        ORDER.replace("class Order:", "@register\nclass Order:"),
    ],
)
def test_annotated_parameter_silent_when_the_name_may_exist(check: Check, order: str) -> None:
    found = check(
        {
            "shop/order.py": order,
            "shop/use.py": """
            from shop.order import Order


            def cost(order: "Order"):
                return order.total_cost
            """,
        },
        select=["R105"],
    )
    assert found == []


@pytest.mark.parametrize(
    "body",
    [
        "if hasattr(order, 'total_cost'):\n        return order.total_cost",
        "if isinstance(order, Special):\n        return order.total_cost",
        "order = order.parent\n    return order.total_cost",  # rebound
    ],
)
def test_annotated_parameter_silent_when_narrowed_or_rebound(check: Check, body: str) -> None:
    found = check(
        {
            "shop/order.py": ORDER,
            "shop/use.py": f"""
from shop.order import Order


def cost(order: Order):
    {body}
""",
        },
        select=["R105"],
    )
    assert found == []


def test_annotated_with_a_library_class_of_the_same_name_is_silent(check: Check) -> None:
    found = check(
        {
            "shop/order.py": ORDER,
            "shop/use.py": """
            from broker.orders import Order


            def cost(order: Order):
                return order.total_cost
            """,
        },
        select=["R105"],
    )
    assert found == []


# -- 3c: self passed to a static method or a function -----------------------------------------


def test_self_passed_to_a_static_method_reading_a_mangled_name(check: Check) -> None:
    found = check(
        """
        class Order:
            def __init__(self, lines):
                self.__total = sum(lines)

            def describe(self):
                return Order.render(self)

            @staticmethod
            def render(order):
                return f"total {order._total}"
        """,
        select=["R105"],
    )
    assert codes(found) == ["R105"]
    f = found[0]
    assert f.span.line == 9
    assert "`Order._total` is read on `order` (`self` of `Order`, passed in `describe`)" in (
        f.message
    )
    assert "did you mean `__total`? (`self.__total` is stored as `_Order__total`)" in f.message
    assert [r.span.line for r in f.related] == [5, 2]


def test_a_mangled_name_read_outside_its_class_is_named_private(check: Check) -> None:
    found = check(
        """
        class Order:
            def __init__(self, lines):
                self.__total = sum(lines)


        class Cart_Order:
            def __init__(self):
                self._cache__key = 1


        def render(order: Order, cart: Cart_Order):
            return f"{order._total} {cart._cache_key}"
        """,
        select=["R105"],
    )
    assert codes(found) == ["R105", "R105"]
    assert "did you mean `__total`? It is private to `Order` (stored as `_Order__total`)" in (
        found[0].message
    )
    assert "did you mean `_cache__key`?" in found[1].message  # (not a private name of a class)


def test_self_passed_to_a_function_in_another_file(check: Check) -> None:
    found = check(
        {
            "shop/fmt.py": """
            def render(order, width=10):
                return str(order.total_costs).rjust(width)
            """,
            "shop/order.py": """
            from shop.fmt import render


            class Order:
                def __init__(self, lines):
                    self.total_cost = sum(lines)

                def __str__(self):
                    return render(self)
            """,
        },
        select=["R105"],
    )
    assert codes(found) == ["R105"]
    assert found[0].path.endswith("fmt.py")
    assert "did you mean `total_cost`?" in found[0].message
    assert found[0].related[0].path.endswith("order.py")


def test_mangled_name_read_in_a_static_method_of_its_class_is_silent(check: Check) -> None:
    found = check(
        """
        class Order:
            def __init__(self, lines):
                self.__total = sum(lines)

            def describe(self):
                return self.render(self)

            @staticmethod
            def render(order):
                return f"total {order.__total}"
        """,
        select=["R105"],
    )
    assert found == []


def test_generic_function_receiving_several_classes_is_silent(check: Check) -> None:
    found = check(
        """
        def label(obj):
            return obj.name


        class A:
            def __init__(self):
                self.name = "a"

            def show(self):
                return label(self)


        class B:
            def __init__(self):
                self.title = "b"

            def show(self):
                return label(self)
        """,
        select=["R105"],
    )
    assert found == []


def test_self_passed_to_a_function_that_reads_what_exists_is_silent(check: Check) -> None:
    found = check(
        """
        def render(order):
            order.seen = True
            return order.total, order.seen, order.describe()


        class Order:
            def __init__(self):
                self.total = 0

            def describe(self):
                return render(self)
        """,
        select=["R105"],
    )
    assert found == []


# -- 4: use against use -----------------------------------------------------------------------


def test_values_and_slicing_with_an_unknown_assignment(check: Check) -> None:
    found = check(
        """
        class Report:
            def __init__(self, data):
                self.data = data

            def totals(self):
                return sum(self.data.values())

            def head(self):
                return self.data[1:3]

            def add(self, row):
                self.data.append(row)
        """,
        select=["R101"],
    )
    assert codes(found) == ["R101"]
    f = found[0]
    assert f.span.line == 5
    assert "`Report.data` is used as a dict in `totals` (line 6)" in f.message
    assert "but as a list in `head`, `add` (lines 9, 12); no type supports both" in f.message
    assert "its assignment in `__init__` (line 3: `data`) does not say which" in f.message
    assert sorted(r.span.line for r in f.related) == [8, 11]
    assert [x.title for x in f.fixes] == [
        "Record decision: `Report.data` is `list` (2 methods)",
        "Record decision: `Report.data` is `dict` (1 method)",
    ]


def test_use_against_use_with_a_none_placeholder_in_the_class_body(check: Check) -> None:
    found = check(
        """
        class Box:
            data = None

            def __init__(self, data):
                self.data = data

            def first(self, x):
                self.data.append(x)

            def second(self):
                return list(self.data.keys())
        """,
        select=["R101"],
    )
    assert codes(found) == ["R101"]


@pytest.mark.parametrize(
    ("one", "two"),
    [
        ("self.data.append(x)", "self.data.keys()"),
        ("self.data.add(x)", "self.data.append(x)"),
        ("self.data.split(',')", "self.data.setdefault(x, [])"),
        ("self.data.sort()", "self.data['name']"),
    ],
)
def test_strong_uses_that_conflict(check: Check, one: str, two: str) -> None:
    found = check(
        f"""
class Box:
    def __init__(self, data):
        self.data = data

    def first(self, x):
        return {one}

    def second(self, x):
        return {two}
""",
        select=["R101"],
    )
    assert codes(found) == ["R101"]


@pytest.mark.parametrize(
    ("one", "two"),
    [
        ("self.data.get(x)", "self.data.append(x)"),  # .get: custom classes have it
        ("len(self.data)", "self.data.keys()"),  # weak
        ("x in self.data", "self.data.append(x)"),
        ("[y for y in self.data]", "self.data.keys()"),
        ("self.data[x]", "self.data.append(x)"),  # int or key
        ("self.data['a']", "self.data[1:2]"),  # data frames take both
        ("self.data.copy()", "self.data.keys()"),
        ("self.data.pop()", "self.data.keys()"),
        ("self.data.append(x)", "self.data.extend(x)"),  # one kind
        ("self.data[1:]", "self.data.split()"),  # a str
    ],
)
def test_weak_or_compatible_uses_are_neutral(check: Check, one: str, two: str) -> None:
    found = check(
        f"""
class Box:
    def __init__(self, data):
        self.data = data

    def first(self, x):
        return {one}

    def second(self, x):
        return {two}
""",
        select=["R101"],
    )
    assert found == []


@pytest.mark.parametrize(
    "variant",
    [
        # one method: a deliberate switch
        {"first": "self.data.append(x)\n        self.data.keys()", "second": "pass"},
        # reassigned from several unknown values
        {"first": "self.data.append(x)", "second": "self.data.keys()", "extra": "self.data = x"},
        # assigned a call of a method reassigned elsewhere
        {
            "init": "self.data = load(data)",
            "extra": "self.data = other(x)",
            "first": "self.data.append(x)",
            "second": "self.data.keys()",
        },
        # an annotated parameter (a class of its own)
        {"param": "data: Frame", "first": "self.data.append(x)", "second": "self.data.keys()"},
        # polymorphic by isinstance
        {
            "first": "if isinstance(self.data, dict):\n            return self.data.keys()",
            "second": "self.data.append(x)",
        },
    ],
)
def test_use_against_use_silent_cases(check: Check, variant: dict[str, str]) -> None:
    init = variant.get("init", "self.data = data")
    param = variant.get("param", "data")
    extra = variant.get("extra", "pass")
    found = check(
        f"""
class Box:
    def __init__(self, {param}):
        {init}

    def first(self, x):
        {variant["first"]}

    def second(self, x):
        {variant["second"]}

    def third(self, x):
        {extra}
""",
        select=["R101"],
    )
    assert found == []


def test_use_against_use_silent_with_a_workspace_class_having_both(check: Check) -> None:
    found = check(
        """
        class Tree:
            def __init__(self):
                self.children = []

            def append(self, child):
                self.children.append(child)

            def keys(self):
                return [c.name for c in self.children]


        class View:
            def __init__(self, tree):
                self.tree = tree

            def grow(self, x):
                self.tree.append(x)

            def names(self):
                return self.tree.keys()
        """,
        select=["R101"],
    )
    assert found == []


@pytest.mark.parametrize(
    "head",
    [
        "from lib import Base\n\nclass Box(Base):",  # a base outside the workspace
        "import xml.etree.ElementTree as ET\n\nclass Box:",  # elements are lists and dicts
        "import pandas as pd\n\nclass Box:",
    ],
)
def test_use_against_use_silent_when_the_value_may_be_a_library_type(
    check: Check, head: str
) -> None:
    found = check(
        f"""
{head}
    def __init__(self, data):
        self.data = data

    def first(self, x):
        self.data.append(x)

    def second(self):
        return self.data.keys()
""",
        select=["R101"],
    )
    assert found == []


def test_use_against_use_silent_when_set_from_outside(check: Check) -> None:
    found = check(
        """
        class Box:
            def __init__(self, data):
                self.data = data

            def first(self, x):
                self.data.append(x)

            def second(self):
                return self.data.keys()


        def fill(box):
            box.data = {}
        """,
        select=["R101"],
    )
    assert found == []


def test_function_reading_mostly_names_of_another_type_is_silent(check: Check) -> None:
    found = check(
        """
        def describe(node):
            return node.tag, node.attrib, node.text


        class Order:
            def __init__(self):
                self.total = 0

            def __repr__(self):
                return str(describe(self))
        """,
        select=["R105"],
    )
    assert found == []


@pytest.mark.parametrize(
    "body",
    [
        "try:\n        return order.cache\n    except AttributeError:\n        return None",
        "try:\n        return order.cache\n    except:\n        return None",
        "monkeypatch.setattr(order, 'cache', 1)\n    return order.cache",
    ],
)
def test_reads_that_may_fail_by_design_are_silent(check: Check, body: str) -> None:
    found = check(
        {
            "shop/order.py": ORDER,
            "shop/use.py": f"""
from shop.order import Order


def cost(order: Order, monkeypatch):
    {body}
""",
        },
        select=["R105"],
    )
    assert found == []


# -- a held workspace class used as a container -----------------------------------------------

HELD_INVENTORY = """
class Inventory:
    def __init__(self):
        self.stock = {}

    def add(self, sku, qty=1):
        self.stock[sku] = self.stock.get(sku, 0) + qty
"""


def test_a_held_class_called_with_a_list_method_is_r101(check: Check) -> None:
    found = check(
        HELD_INVENTORY
        + """

class Warehouse:
    def __init__(self):
        self.inventory = Inventory()

    def receive(self, sku):
        self.inventory.add(sku)

    def receive_pallet(self, items):
        for sku in items:
            self.inventory.append(sku)
""",
        select=["R"],
    )
    assert codes(found) == ["R101"], found
    f = found[0]
    assert (
        "`Warehouse.inventory` is used as a list in `Warehouse.receive_pallet` (line 18: calls "
        "`.append()`), but it holds an `Inventory` (assigned in `__init__`, line 11), which "
        "defines no `append`" in f.message
    )
    assert [r.span.line for r in f.related] == [10, 0]


HELD_SILENT = {
    "the class defines it": "    def append(self, sku):\n        self.add(sku)\n",
    "a subclass defines it": "",
    "the class forwards names": (
        "    def __getattr__(self, name):\n        return getattr(self.stock, name)\n"
    ),
}


@pytest.mark.parametrize("name", sorted(HELD_SILENT))
def test_a_held_class_that_provides_the_method_is_silent(check: Check, name: str) -> None:
    sub = "\n\nclass Bulk(Inventory):\n    def append(self, sku):\n        self.add(sku)\n"
    code = (
        HELD_INVENTORY
        + HELD_SILENT[name]
        + (sub if name == "a subclass defines it" else "")
        + """

class Warehouse:
    def __init__(self):
        self.inventory = Inventory()

    def receive_pallet(self, items):
        for sku in items:
            self.inventory.append(sku)
"""
    )
    assert check(code, select=["R"]) == []
