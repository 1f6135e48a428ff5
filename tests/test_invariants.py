"""I101-I104: invariant decisions; each rule fires on a break and stays silent on guards."""

from __future__ import annotations

import pytest

from conftest import Check, codes
from specls.spec.invariants import Unsupported, parse_invariant


def spec(expr: str, target: str = "mod.Account") -> str:
    return f'[decision.inv]\nkind = "invariant"\ntarget = "{target}"\nexpr = "{expr}"\n'


ACCOUNT = """
class Account:
    def __init__(self, owner):
        self.owner = owner
        self.balance = 0

    def deposit(self, amount):
        self.balance += amount

    def withdraw(self, amount):
{body}
"""


def account(body: str) -> str:
    lines = body.strip("\n").splitlines()
    return ACCOUNT.replace("{body}", "\n".join("        " + line for line in lines))


def only(findings, code):
    return [f for f in findings if f.code == code]


# -- parsing ---------------------------------------------------------------------------------


def test_supported_shapes_parse() -> None:
    assert [c.form for c in parse_invariant("0 <= self.pct <= 100")] == ["bound", "bound"]
    assert parse_invariant("self.x is not None")[0].form == "not-none"
    assert parse_invariant("len(self.items) <= 3")[0].form == "len"
    assert parse_invariant("self.state in {'a', 'b'}")[0].values == ("a", "b")
    assert [c.form for c in parse_invariant("sorted(self.h) and unique(self.h)")] == [
        "sorted",
        "unique",
    ]


@pytest.mark.parametrize("expr", ["self.a > self.b", "foo(self.a)", "self.a == 'x' or self.b"])
def test_unsupported_shapes_are_refused(expr: str) -> None:
    with pytest.raises(Unsupported):
        parse_invariant(expr)


def test_unsupported_invariant_is_reported_in_the_spec(check: Check) -> None:
    found = check(account("self.balance -= amount"), spec("self.balance > self.limit"))
    assert codes(found) == ["S008"]
    assert "cannot be checked" in found[0].message


# -- I102: unguarded mutation ------------------------------------------------------------------


def test_i102_fires_on_an_unguarded_decrease(check: Check) -> None:
    found = only(check(account("self.balance -= amount"), spec("self.balance >= 0")), "I102")
    assert len(found) == 1
    f = found[0]
    assert "self.balance -= amount" in f.message and "self.balance >= 0" in f.message
    assert f.decision == "inv" and f.span.line == 9
    assert f.related and f.related[0].path.endswith("spec.toml")


@pytest.mark.parametrize(
    "body",
    [
        # early raise
        "if amount > self.balance:\n    raise ValueError('insufficient')\nself.balance -= amount",
        # early return
        "if amount > self.balance:\n    return False\nself.balance -= amount\nreturn True",
        # if / else
        "if self.balance >= amount:\n    self.balance -= amount\nelse:\n    raise ValueError",
        # assert
        "assert amount <= self.balance\nself.balance -= amount",
        # clamp
        "self.balance = max(0, self.balance - amount)",
        # a check method
        "self._check_funds(amount)\nself.balance -= amount",
    ],
)
def test_i102_silent_when_guarded(check: Check, body: str) -> None:
    assert only(check(account(body), spec("self.balance >= 0")), "I102") == []


def test_i102_silent_on_an_increase_against_a_lower_bound(check: Check) -> None:
    found = check(account("self.balance += amount"), spec("self.balance >= 0"))
    assert codes(found) == []


def test_i102_upper_bound_fires_on_increase_only(check: Check) -> None:
    found = check(account("self.balance -= amount"), spec("self.balance <= 100"))
    # deposit() increases without a check; withdraw() decreases, which cannot break it
    assert [(f.code, f.span.line) for f in found] == [("I102", 6)]


def test_i102_silent_in_private_helpers_and_behind_properties(check: Check) -> None:
    src = """
    class Account:
        def _debit(self, amount):
            self.balance -= amount

    class Guarded:
        @property
        def balance(self):
            return self._b

        @balance.setter
        def balance(self, v):
            if v < 0:
                raise ValueError
            self._b = v

        def withdraw(self, amount):
            self.balance -= amount
    """
    assert check(src, spec("self.balance >= 0", "mod.Account")) == []
    assert check(src, spec("self.balance >= 0", "mod.Guarded")) == []


def test_i102_applies_to_subclasses(check: Check) -> None:
    src = """
    class Account:
        balance = 0

    class Savings(Account):
        def fee(self, amount):
            self.balance -= amount
    """
    found = check(src, spec("self.balance >= 0"))
    assert codes(found) == ["I102"] and "Savings.fee" in found[0].message


def test_i102_length_bounds(check: Check) -> None:
    src = """
    class Queue:
        def __init__(self):
            self.items = [1]

        def push(self, x):
            self.items.append(x)

        def take(self):
            return self.items.pop()

        def safe_take(self):
            if len(self.items) > 1:
                return self.items.pop()
    """
    upper = check(src, spec("len(self.items) <= 10", "mod.Queue"))
    assert [(f.code, f.span.line) for f in upper] == [("I102", 5)]
    lower = check(src, spec("len(self.items) >= 1", "mod.Queue"))
    assert [(f.code, f.span.line) for f in lower] == [("I102", 8)]


def test_spec_reference_on_the_line_acknowledges(check: Check) -> None:
    body = "self.balance -= amount  # spec: inv"
    assert only(check(account(body), spec("self.balance >= 0")), "I102") == []


# -- I101: literal that breaks -----------------------------------------------------------------


def test_i101_fires_on_literals(check: Check) -> None:
    src = """
    class Account:
        pct = 150

        def __init__(self):
            self.balance = -5
            self.state = "open"
            self.conn = None

        def close(self):
            self.state = "archived"
    """
    s = (
        '[decision.a]\nkind = "invariant"\ntarget = "mod.Account"\n'
        'expr = "self.balance >= 0 and 0 <= self.pct <= 100"\n'
        '[decision.b]\nkind = "invariant"\ntarget = "mod.Account"\n'
        "expr = \"self.state in {'open', 'closed'}\"\n"
        '[decision.c]\nkind = "invariant"\ntarget = "mod.Account"\n'
        'expr = "self.conn is not None"\n'
    )
    found = check(src, s)
    assert sorted((f.code, f.span.line) for f in found) == [
        ("I101", 1),
        ("I101", 4),
        ("I101", 6),
        ("I101", 9),
    ]
    assert any("self.balance = -5" in f.message for f in found)


def test_i101_silent_on_literals_that_hold(check: Check) -> None:
    src = """
    class Account:
        pct = 50

        def __init__(self):
            self.balance = 0
            self.state = "open"

        def close(self):
            self.state = "closed"
    """
    s = spec("self.balance >= 0 and 0 <= self.pct <= 100") + (
        '[decision.b]\nkind = "invariant"\ntarget = "mod.Account"\n'
        "expr = \"self.state in {'open', 'closed'}\"\n"
    )
    assert check(src, s) == []


def test_i101_module_constants(check: Check) -> None:
    files = {"conf.py": "MAX_RETRIES = 0\nTIMEOUT = 5\n"}
    assert codes(check(files, spec("MAX_RETRIES >= 1", "conf"))) == ["I101"]


def test_i101_module_constants_silent_when_they_hold(check: Check) -> None:
    files = {"conf.py": "MAX_RETRIES = 3\n"}
    assert check(files, spec("MAX_RETRIES >= 1", "conf")) == []


# -- I103: frozen --------------------------------------------------------------------------------


FROZEN = """
class Order:
    def __init__(self, oid):
        self.id = oid
        self.lines = []

    def __setstate__(self, state):
        self.id = state["id"]

    def add(self, line):
        self.lines.append(line)
{extra}
"""


def test_i103_fires_on_assignment_after_init(check: Check) -> None:
    src = FROZEN.replace("{extra}", "\n    def renumber(self, n):\n        self.id = n\n")
    found = check(src, spec("frozen(self.id)", "mod.Order"))
    assert [(f.code, f.span.line) for f in found] == [("I103", 12)]
    assert "renumber" in found[0].message


def test_i103_silent_in_construction_and_on_other_attributes(check: Check) -> None:
    src = FROZEN.replace("{extra}", "")
    assert check(src, spec("frozen(self.id)", "mod.Order")) == []


# -- I104: sorted and unique sequences ------------------------------------------------------------


def test_i104_sorted(check: Check) -> None:
    src = """
    import bisect

    class History:
        def __init__(self):
            self.times = []

        def add(self, t):
            self.times.append(t)

        def add_sorted(self, t):
            bisect.insort(self.times, t)

        def add_then_sort(self, t):
            self.times.append(t)
            self.times.sort()

        def add_rebuild(self, t):
            self.times.append(t)
            self.times = sorted(self.times)
    """
    found = check(src, spec("sorted(self.times)", "mod.History"))
    assert [(f.code, f.span.line) for f in found] == [("I104", 7)]
    assert "insort" in found[0].message


def test_i104_unique(check: Check) -> None:
    src = """
    class Tags:
        def __init__(self):
            self.names = []

        def add(self, n):
            self.names.append(n)

        def add_once(self, n):
            if n not in self.names:
                self.names.append(n)

        def add_or_fail(self, n):
            if n in self.names:
                raise ValueError(n)
            self.names.append(n)
    """
    found = check(src, spec("unique(self.names)", "mod.Tags"))
    assert [(f.code, f.span.line) for f in found] == [("I104", 5)]


def test_i102_silent_on_balanced_counters(check: Check) -> None:
    src = """
    class Barrier:
        def __init__(self):
            self.count = 0

        def wait(self):
            self.count += 1
            try:
                pass
            finally:
                self.count -= 1
    """
    assert check(src, spec("self.count >= 0", "mod.Barrier")) == []


def test_i101_on_a_module_level_name_targeted_by_its_own_name(check: Check) -> None:
    """``target = "conf.MAX_RETRIES"`` names the constant itself: it is judged as with the
    module for target, and only that name (S003 does not call the target stale)."""
    files = {"conf.py": "MAX_RETRIES = 0\nTIMEOUT = 0\n"}
    s = spec("MAX_RETRIES >= 1", "conf.MAX_RETRIES") + spec(
        "TIMEOUT >= 1", "conf.MAX_RETRIES"
    ).replace("[decision.", "[decision.other-")
    found = check(files, s)
    assert codes(found) == ["I101"]
    assert "`MAX_RETRIES = 0` breaks invariant `MAX_RETRIES >= 1`" in found[0].message


@pytest.mark.parametrize(
    "code", ["MAX_RETRIES = 3\n", "MAX_RETRIES = compute()\n", "MAX_RETRIES: int = 2\n"]
)
def test_i101_on_a_module_level_name_silent_when_it_holds_or_is_unknown(
    check: Check, code: str
) -> None:
    assert check({"conf.py": code}, spec("MAX_RETRIES >= 1", "conf.MAX_RETRIES")) == []


def test_s003_on_a_module_level_name_that_is_gone(check: Check) -> None:
    found = check({"conf.py": "RETRIES = 0\n"}, spec("MAX_RETRIES >= 1", "conf.MAX_RETRIES"))
    assert codes(found) == ["S003"]
    assert "`conf.MAX_RETRIES`" in found[0].message


def test_s003_on_a_module_level_name_follows_edits_of_its_file() -> None:
    """The spec file's verdicts are judged again for the names a changed file binds: the
    constant added, then taken away, then added again, as a fresh check judges each."""
    from pathlib import Path

    from specls.config import Settings
    from specls.engine import Workspace
    from specls.extract import extract
    from specls.spec.load import parse_spec

    def stale(ws: Workspace) -> list[str]:
        return [f.code for f in ws.findings() if f.code == "S003"]

    ws = Workspace(Settings(root=Path("/nonexistent")))
    ws.spec = parse_spec(spec("MAX_RETRIES >= 1", "conf.MAX_RETRIES"))
    for text, expected in [
        (b"RETRIES = 1\n", ["S003"]),
        (b"RETRIES = 1\nMAX_RETRIES = 2\n", []),
        (b"RETRIES = 1\n", ["S003"]),
        (b"MAX_RETRIES = f()\n", []),
    ]:
        ws.files["conf.py"] = extract(text, "conf.py", "conf")
        ws._index = None
        assert stale(ws) == expected, text
