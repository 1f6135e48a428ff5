"""R102 (code vs a spec decision) and R103 (code vs its own docstring or annotation)."""

from __future__ import annotations

from conftest import Check, codes
from specls.findings import Severity

SPEC = """
[spec]
version = 1

# Stock by SKU.
[decision.inventory-items]
kind = "representation"
target = "Inventory.items"
type = "dict[str, int]"
summary = "Stock levels keyed by SKU."
status = "{status}"
"""

LIST_CODE = """
class Inventory:
    def __init__(self):
        self.items = []

    def add(self, sku, qty):
        self.items.append((sku, qty))

    def count(self):
        return len(self.items)
"""

DICT_CODE = """
class Inventory:
    def __init__(self):
        self.items = {}  # spec: inventory-items

    def add(self, sku, qty):
        self.items[sku] = self.items.get(sku, 0) + qty

    def skus(self):
        return sorted(self.items.keys())
"""


def test_r102_fires_per_method_with_decision_and_location(check: Check) -> None:
    found = check(LIST_CODE, spec=SPEC.format(status="accepted"))
    assert codes(found) == ["R102", "R102"]
    first = found[0]
    assert first.decision == "inventory-items"
    assert first.severity == Severity.WARNING
    assert "diverges from decision `inventory-items`" in first.message
    assert "spec.toml:5" in first.message
    assert first.related and first.related[0].path.endswith("spec.toml")
    assert first.related[0].span.line == 7  # the `type =` line
    assert first.fixes[0].kind == "update-decision"
    assert first.fixes[0].supersedes == "inventory-items"
    assert first.fixes[0].decision["type"] == "list"


def test_r102_replaces_r101_when_a_decision_exists(check: Check) -> None:
    found = check(
        """
    class Inventory:
        def __init__(self):
            self.items = {}

        def reset(self):
            self.items = []
    """,
        spec=SPEC.format(status="accepted"),
    )
    assert codes(found) == ["R102"]
    assert found[0].span.line == 5


def test_r102_item_shape_against_decision(check: Check) -> None:
    found = check(
        """
    class Inventory:
        def __init__(self):
            self.items = {}

        def add(self, sku):
            self.items[sku] = "many"
    """,
        spec=SPEC.format(status="accepted"),
    )
    assert codes(found) == ["R102"]
    assert "(expected int items)" in found[0].message


def test_proposed_decision_gives_hints(check: Check) -> None:
    found = check(LIST_CODE, spec=SPEC.format(status="proposed"))
    assert {f.severity for f in found} == {Severity.HINT}


def test_decision_severity_field(check: Check) -> None:
    spec = SPEC.format(status="accepted") + 'severity = "error"\n'
    found = check(LIST_CODE, spec=spec)
    assert {f.severity for f in found} == {Severity.ERROR}


def test_docstring_disagreeing_with_decision(check: Check) -> None:
    found = check(
        '''
    class Inventory:
        """Stock.

        Attributes:
            items (list): stock entries.
        """

        def __init__(self):
            self.items = {}
    ''',
        spec=SPEC.format(status="accepted"),
    )
    assert codes(found) == ["R102"]
    assert "docstring" in found[0].message and found[0].span.line == 4


def test_code_matching_decision_is_silent(check: Check) -> None:
    assert check(DICT_CODE, spec=SPEC.format(status="accepted")) == []


def test_superseded_and_rejected_decisions_are_not_enforced(check: Check) -> None:
    for status in ("superseded", "rejected"):
        spec = SPEC.format(status=status)
        found = check(LIST_CODE, spec=spec)
        assert [f for f in found if f.code.startswith("R")] == [], status


def test_decision_with_unknown_type_is_silent(check: Check) -> None:
    spec = SPEC.format(status="accepted").replace("dict[str, int]", "StockTable")
    assert check(LIST_CODE, spec=spec) == []


def test_decision_for_other_class_is_silent(check: Check) -> None:
    spec = SPEC.format(status="accepted").replace("Inventory.items", "Warehouse.items")
    found = check(
        LIST_CODE + "\n\nclass Warehouse:\n    def __init__(self):\n        self.items = {}\n",
        spec=spec,
    )
    assert found == []


# -- R103 ---------------------------------------------------------------------------------


def test_google_attributes_section_against_code(check: Check) -> None:
    found = check('''
    class Inventory:
        """Stock.

        Attributes:
            items (list): stock entries.
        """

        def __init__(self):
            self.items = {}

        def add(self, sku, qty):
            self.items[sku] = qty
    ''')
    # `self.items[sku] = qty` suits a list as well: only the dict literal diverges
    assert codes(found) == ["R103"]
    assert "docstring (line 5) says `list`" in found[0].message
    assert found[0].related[0].span.line == 4
    push = found[0].fixes[0]
    assert push.kind == "push-claim" and push.decision["type"] == "list"
    assert push.reference_line == 4
    assert found[0].fixes[1].decision["type"] == "dict"


def test_rest_ivar_against_code(check: Check) -> None:
    found = check('''
    class Queue:
        """A queue.

        :ivar jobs: pending jobs
        :vartype jobs: dict
        """

        def __init__(self):
            self.jobs = []
    ''')
    assert codes(found) == ["R103"]


def test_numpy_attributes_against_code(check: Check) -> None:
    found = check('''
    class Queue:
        """A queue.

        Attributes
        ----------
        jobs : set of str
            Pending jobs.
        """

        def __init__(self):
            self.jobs = []
    ''')
    assert codes(found) == ["R103"]


def test_annotation_against_use(check: Check) -> None:
    found = check("""
    class Queue:
        def __init__(self):
            self.jobs: list[str] = []

        def add(self, job):
            self.jobs["urgent"] = job
    """)
    assert codes(found) == ["R103"]
    assert "annotation" in found[0].message


def test_matching_docstring_is_silent(check: Check) -> None:
    assert (
        check('''
    class Inventory:
        """Stock.

        Attributes:
            items (dict[str, int]): stock by SKU.
            owner (str, optional): who owns it.
        """

        def __init__(self):
            self.items = {}
            self.owner = None

        def add(self, sku, qty):
            self.items[sku] = self.items.get(sku, 0) + qty
    ''')
        == []
    )


def test_docstring_with_unknown_type_is_silent(check: Check) -> None:
    assert (
        check('''
    class Inventory:
        """Stock.

        Attributes:
            items (StockTable): stock.
        """

        def __init__(self):
            self.items = {}
    ''')
        == []
    )


def test_optional_annotation_with_none_is_silent(check: Check) -> None:
    assert (
        check("""
    from typing import Optional

    class Node:
        def __init__(self):
            self.children: Optional[dict] = None

        def add(self, k, v):
            if self.children is None:
                self.children = {}
            self.children[k] = v
    """)
        == []
    )


def test_abstract_annotation_accepts_family(check: Check) -> None:
    assert (
        check("""
    from typing import Sequence

    class Path:
        steps: Sequence[str]

        def __init__(self):
            self.steps = ()

        def extend(self, more):
            self.steps = list(more)
    """)
        == []
    )
