"""Issue 19, classes 5-7 and the known false findings: dict subclasses against a dict type,
slice stores, list writes that always fail, value kinds beyond containers (datetime, Path,
bytes, Decimal, deque, set) and dicts iterated as if they yielded their values.

Each detection has cases where it must fire and consistent code where it must stay silent.
"""

from __future__ import annotations

import pickle
import textwrap

import pytest

from conftest import Check, codes
from specls.kinds import augmented_needs, parse_type, type_names, widen

# -- known false findings ------------------------------------------------------------------

DICT_SUBCLASSES = """
from collections import Counter, OrderedDict, defaultdict
from typing import Dict, Mapping, MutableMapping


class Stats:
    def __init__(self):
        self.groups: dict = defaultdict(list)
        self.counts: dict[str, int] = Counter()
        self.order: Dict[str, int] = OrderedDict()
        self.totals: Mapping[str, int] = defaultdict(int)
        self.seen: MutableMapping[str, int] = Counter()

    def add(self, key):
        self.groups[key].append(1)
        self.counts[key] += 1
        self.order.move_to_end(key)
        self.seen.update([key])
        return self.counts.most_common(3)
"""

ABSTRACT_TYPES = """
from typing import Iterable, MutableSequence, Sequence


class Rows:
    def __init__(self):
        self.rows: Sequence[int] = []
        self.more: MutableSequence[int] = []
        self.any: Iterable[int] = ()
        self.table: dict = {}

    def add(self, row):
        self.more.append(row)
        self.table[row] = row
"""

SLICE_STORES = """
class Buffer:
    def __init__(self):
        self._items: list[tuple[str, int]] = []
        self._plain = []

    def push(self, name, size):
        self._items.append((name, size))
        self._plain.append((name, size))

    def replace(self, new, a, b):
        self._items[:] = new
        self._items[1:3] = [(a, b)]
        self._plain[:] = [(a, b)]
        del self._items[:]
        del self._plain[0:2]
"""


@pytest.mark.parametrize("code", [DICT_SUBCLASSES, ABSTRACT_TYPES, SLICE_STORES])
def test_known_false_findings_stay_silent(check: Check, code: str) -> None:
    assert codes(check(code, select=["R"])) == []


def test_dict_subclass_against_a_dict_decision_is_silent(check: Check) -> None:
    spec = """
    [spec]
    version = 1

    [decision.stats-groups]
    kind = "representation"
    target = "Stats.groups"
    type = "dict[str, list]"
    status = "accepted"
    """
    code = """
    from collections import defaultdict


    class Stats:
        def __init__(self):
            self.groups: defaultdict[str, list] = defaultdict(list)  # spec: stats-groups

        def add(self, key, value):
            self.groups[key].append(value)
    """
    assert codes(check(code, spec=spec, select=["R"])) == []


def test_counter_method_on_a_plain_dict_still_fires(check: Check) -> None:
    found = check(
        """
        class Stats:
            def __init__(self):
                self.counts: dict = {}

            def top(self):
                return self.counts.most_common(3)
        """,
        select=["R"],
    )
    assert codes(found) == ["R103"]
    assert "`.most_common()`" in found[0].message


def test_widen_and_type_names() -> None:
    assert widen(frozenset({"dict"})) >= {"defaultdict", "OrderedDict", "Counter"}
    assert parse_type("date").kinds == {"date", "datetime"}
    assert type_names(frozenset({"date", "datetime"})) == "date"


# -- 5. list writes that always fail ------------------------------------------------------

LIST_WRITES_FIRE = {
    "past the end": (
        """
        class Slots:
            def __init__(self):
                self.items = []

            def put(self, value):
                self.items[len(self.items)] = value
        """,
        "IndexError: use `.append()`",
    ),
    "annotated str key": (
        """
        class Slots:
            def __init__(self):
                self.items = []

            def put(self, name: str, value):
                self.items[name] = value
        """,
        "item-assigned by the str key name",
    ),
    "name bound to a str literal": (
        """
        class Slots:
            def __init__(self):
                self.items = [0, 0]

            def put(self, value):
                key = "total"
                self.items[key] = value
        """,
        "item-assigned by the str key key",
    ),
    "f-string key": (
        """
        class Slots:
            def __init__(self):
                self.items = []

            def put(self, n, value):
                self.items[f"slot-{n}"] = value
        """,
        'str key f"slot-{n}"',
    ),
}


@pytest.mark.parametrize("name", sorted(LIST_WRITES_FIRE))
def test_list_writes_that_always_fail_fire(check: Check, name: str) -> None:
    code, needle = LIST_WRITES_FIRE[name]
    found = check(code, select=["R"])
    assert codes(found) == ["R101"], found
    assert needle in found[0].message
    assert "as a list in `__init__`" in found[0].message
    assert found[0].related  # the assignment of the list


def test_str_key_against_a_list_annotation_fires_r103(check: Check) -> None:
    found = check(
        """
        class Slots:
            def __init__(self):
                self.items: list[int] = []

            def put(self, name: str, value: int):
                self.items[name] = value
        """,
        select=["R"],
    )
    assert codes(found) == ["R103"]


LIST_WRITES_SILENT = [
    # a dict: any key works
    """
    class Slots:
        def __init__(self):
            self.items = {}

        def put(self, name: str, value):
            self.items[len(self.items)] = value
            self.items[name] = value
            self.items[f"k{name}"] = value
    """,
    # the last index, another list's length, an int key
    """
    class Slots:
        def __init__(self):
            self.items = [None]
            self.other = []

        def put(self, i: int, value):
            self.items[len(self.items) - 1] = value
            self.items[len(self.other)] = value
            self.items[i] = value
    """,
    # unknown key kinds: unannotated, rebound to an int, a union
    """
    class Slots:
        def __init__(self):
            self.items = []

        def put(self, name, value):
            self.items[name] = value

        def put_num(self, name: str, value):
            name = int(name)
            self.items[name] = value

        def put_any(self, key: "str | int", value):
            self.items[key] = value
    """,
    # unknown value: may be a dict
    """
    class Slots:
        def __init__(self, items):
            self.items = items

        def put(self, name: str, value):
            self.items[len(self.items)] = value
            self.items[name] = value
    """,
    # a list grown before the store
    """
    class Slots:
        def __init__(self):
            self.items = []

        def put(self, value):
            self.items.append(None)
            self.items[len(self.items) - 1] = value
    """,
]


@pytest.mark.parametrize("code", LIST_WRITES_SILENT)
def test_list_writes_that_may_work_are_silent(check: Check, code: str) -> None:
    assert codes(check(code, select=["R"])) == []


# -- 6. value kinds beyond containers -------------------------------------------------------

KINDS_FIRE = {
    "Path used as a str": (
        """
        from pathlib import Path


        class Config:
            def __init__(self, root):
                self.path = Path(root) / "app.cfg"

            def base(self):
                return self.path.split("/")[-1]
        """,
        "as a `Path` in `__init__`",
    ),
    "str path used as a Path": (
        """
        import os


        class Config:
            def __init__(self, root):
                self.path = os.path.join(root, "app.cfg")

            def load(self):
                return self.path.read_text()
        """,
        "used as a `Path` in `load`",
    ),
    "Path.cwd() used as a str": (
        """
        from pathlib import Path


        class Workspace:
            def __init__(self):
                self.root = Path.cwd()

            def label(self):
                return self.root.upper()
        """,
        "as a `Path` in `__init__`",
    ),
    "annotated Path parameter": (
        """
        from pathlib import Path


        class Config:
            def __init__(self, path: Path):
                self.path = path

            def ext(self):
                return self.path.endswith(".cfg")
        """,
        "as a `Path` in `__init__`",
    ),
    "datetime used as a str": (
        """
        from datetime import datetime


        class Event:
            def __init__(self):
                self.when = datetime.now()

            def day(self):
                return self.when.split("T")[0]
        """,
        "as a `datetime` in `__init__`",
    ),
    "isoformat str used as a datetime": (
        """
        from datetime import datetime


        class Event:
            def __init__(self):
                self.when = datetime.now().isoformat()

            def year(self):
                return self.when.strftime("%Y")
        """,
        "used as a `date` or `datetime` in `year`",
    ),
    "strptime, then a str method": (
        """
        import datetime


        class Event:
            def __init__(self, text):
                self.when = datetime.datetime.strptime(text, "%Y-%m-%d")

            def parts(self):
                return self.when.split("-")
        """,
        "as a `datetime` in `__init__`",
    ),
    "date.today() used as a datetime": (
        """
        from datetime import date


        class Shift:
            def __init__(self):
                self.start = date.today()

            def hour(self):
                return self.start.hour
        """,
        "as a `date` in `__init__`",
    ),
    "seconds used as a timedelta": (
        """
        class Timer:
            def __init__(self):
                self.timeout = 30

            def seconds(self):
                return self.timeout.total_seconds()
        """,
        "used as a `timedelta` in `seconds`",
    ),
    "bytes encoded again": (
        """
        class Packet:
            def __init__(self, text: str):
                self.data = text.encode()

            def wire(self):
                return self.data.encode("utf-8")
        """,
        "as bytes in `__init__`",
    ),
    "str decoded": (
        """
        import json


        class Message:
            def __init__(self, payload):
                self.body = json.dumps(payload)

            def text(self):
                return self.body.decode()
        """,
        "as a str in `__init__`",
    ),
    "Decimal plus a float": (
        """
        from decimal import Decimal


        class Account:
            def __init__(self):
                self.balance = Decimal("0.00")

            def add_interest(self):
                self.balance += 0.05
        """,
        "used as a float in `add_interest`",
    ),
    "float quantized": (
        """
        class Price:
            def __init__(self):
                self.amount = 0.5

            def rounded(self):
                return self.amount.quantize(1)
        """,
        "used as a `Decimal` in `rounded`",
    ),
    "list used as a deque": (
        """
        class Jobs:
            def __init__(self):
                self.queue = []

            def next(self):
                return self.queue.popleft()
        """,
        "as a list in `__init__`",
    ),
    "deque sorted": (
        """
        from collections import deque


        class Jobs:
            def __init__(self):
                self.queue = deque()

            def order(self):
                self.queue.sort()
        """,
        "as a `deque` in `__init__`",
    ),
    "set appended": (
        """
        class Tags:
            def __init__(self):
                self.tags = set()

            def tag(self, name):
                self.tags.append(name)
        """,
        "as a set in `__init__`",
    ),
    "set indexed": (
        """
        class Tags:
            def __init__(self):
                self.tags = {"a", "b"}

            def first(self):
                return self.tags[0]
        """,
        "as a set in `__init__`",
    ),
    "uuid4() used as a str": (
        """
        import uuid


        class Order:
            def __init__(self):
                self.id = uuid.uuid4()

            def short(self):
                return self.id.split("-")[0]
        """,
        "as a `UUID` in `__init__`",
    ),
    "UUID then a str": (
        """
        from uuid import UUID, uuid4


        class Order:
            def __init__(self):
                self.id = uuid4()

            def load(self, text: str):
                self.id = text.strip()
        """,
        "as a `UUID` in `__init__`",
    ),
    "annotated UUID parameter": (
        """
        from uuid import UUID


        class Order:
            def __init__(self, id: UUID):
                self.id = id

            def label(self):
                return self.id.upper()
        """,
        "where `id` is annotated `UUID`",
    ),
    "a Decimal and a float assigned": (
        """
        from decimal import Decimal


        class Price:
            def __init__(self):
                self.amount = Decimal("1.5")

            def reset(self):
                self.amount = 0.1
        """,
        "used as a float in `reset`",
    ),
    "a Decimal times a float": (
        """
        from decimal import Decimal


        class Price:
            def __init__(self, text):
                self.amount = Decimal(text)

            def tax(self):
                return self.amount * 0.2
        """,
        "combined with `* 0.2` (a float)",
    ),
    "a float plus a Decimal": (
        """
        from decimal import Decimal


        class Price:
            def __init__(self):
                self.amount = 1.5

            def add(self, text):
                self.amount += Decimal(text)
        """,
        "used as a `Decimal` in `add`",
    ),
    "round() keeps a float": (
        """
        class Price:
            def __init__(self, value: float):
                self.amount = round(value, 2)

            def exact(self):
                return self.amount.quantize(1)
        """,
        "used as a `Decimal` in `exact`",
    ),
    "bytes formatted": (
        """
        class Packet:
            def __init__(self):
                self.data = b"head"

            def show(self):
                return self.data.format(1)
        """,
        "as bytes in `__init__`",
    ),
    "read_bytes() formatted": (
        """
        from pathlib import Path


        class Packet:
            def __init__(self, name):
                self.data = Path(name).read_bytes()

            def show(self):
                return self.data.format(1)
        """,
        "as bytes in `__init__`",
    ),
    "a deque sliced": (
        """
        from collections import deque


        class Jobs:
            def __init__(self):
                self.queue = deque(maxlen=5)

            def head(self):
                return self.queue[1:3]
        """,
        "as a `deque` in `__init__`",
    ),
    "a frozenset added to": (
        """
        class Tags:
            def __init__(self, tags: frozenset[str]):
                self.tags = tags

            def tag(self, name):
                self.tags.add(name)
        """,
        "as a frozenset in `__init__`",
    ),
    "a list rotated": (
        """
        class Jobs:
            def __init__(self):
                self.queue = []

            def turn(self):
                self.queue.rotate(1)
        """,
        "as a list in `__init__`",
    ),
}


@pytest.mark.parametrize("name", sorted(KINDS_FIRE))
def test_value_kinds_fire(check: Check, name: str) -> None:
    code, needle = KINDS_FIRE[name]
    found = check(code, select=["R"])
    assert codes(found) == ["R101"], found
    assert needle in found[0].message, found[0].message
    assert found[0].related


def test_datetime_annotation_against_str_use_fires_r103(check: Check) -> None:
    found = check(
        """
        from datetime import datetime


        class Event:
            def __init__(self):
                self.when: datetime = datetime.now()

            def day(self):
                return self.when.split("T")[0]
        """,
        select=["R"],
    )
    assert codes(found) == ["R103"]


KINDS_SILENT = {
    "Path used as a Path": """
        from pathlib import Path


        class Config:
            def __init__(self, root):
                self.path = Path(root)

            def load(self):
                if self.path.exists():
                    return (self.path / "x").read_text() + self.path.name

            def rename(self):
                return self.path.replace(self.path.with_suffix(".bak"))
        """,
    "str path with methods both have": """
        import os


        class Config:
            def __init__(self, root):
                self.path = os.path.join(root, "a")

            def other(self):
                return self.path.replace("a", "b").endswith(".cfg")
        """,
    "str of a Path": """
        from pathlib import Path


        class Config:
            def __init__(self, root):
                self.path = str(Path(root))

            def parts(self):
                return self.path.split("/")
        """,
    "a workspace class named Path": """
        class Path:
            def split(self):
                return []


        class Config:
            def __init__(self):
                self.path = Path()

            def parts(self):
                return self.path.split()
        """,
    "Path imported from elsewhere": """
        from mylib import Path


        class Config:
            def __init__(self):
                self.path = Path("x")

            def parts(self):
                return self.path.split()
        """,
    "a parameter named date": """
        class Shift:
            def __init__(self, date):
                self.start = date.today()

            def parts(self):
                return self.start.split("-")
        """,
    "a local named datetime": """
        from datetime import datetime


        class Shift:
            def __init__(self, clock):
                datetime = clock
                self.start = datetime.now()

            def parts(self):
                return self.start.split("-")
        """,
    "datetime arithmetic": """
        from datetime import datetime, timedelta


        class Lease:
            def __init__(self):
                self.expires = datetime.now() + timedelta(hours=1)
                self.length = timedelta(hours=1)

            def renew(self):
                self.expires += timedelta(days=1)
                self.length *= 2
                self.length += timedelta(minutes=5)
                return self.expires.isoformat(), self.length.total_seconds()
        """,
    "date and datetime": """
        from datetime import date, datetime


        class Shift:
            def __init__(self):
                self.day = date.today()

            def reset(self):
                self.day = datetime.now()

            def label(self):
                return self.day.strftime("%Y")
        """,
    "Decimal with ints and Decimals": """
        from decimal import Decimal


        class Account:
            def __init__(self):
                self.balance = Decimal("0")

            def deposit(self, amount: Decimal):
                self.balance += amount
                self.balance += 1
                self.balance -= Decimal("0.5")
                self.balance *= 2
                return self.balance.quantize(Decimal("0.01"))
        """,
    "Decimal after an int placeholder": """
        from decimal import Decimal


        class Account:
            def __init__(self):
                self.balance = 0

            def load(self, text):
                self.balance = Decimal(text)
        """,
    "float counter": """
        import time


        class Timer:
            def __init__(self):
                self.started = time.time()
                self.total = 0.0

            def stop(self):
                self.total += time.time() - self.started
                self.total += 1.5
                return self.total.is_integer()
        """,
    "str and bytes by mode": """
        class Stream:
            def __init__(self, binary):
                if binary:
                    self.sep = b"\\n"
                else:
                    self.sep = "\\n"

            def split(self, data):
                return data.split(self.sep)
        """,
    "bytes decoded": """
        class Packet:
            def __init__(self, text: str):
                self.data = text.encode()

            def text(self):
                return self.data.decode()
        """,
    "deque used as a deque": """
        from collections import deque


        class Jobs:
            def __init__(self):
                self.queue = deque()

            def run(self):
                self.queue.appendleft(1)
                self.queue[0] = 2
                return self.queue.popleft(), self.queue[-1]
        """,
    "UUID used as a UUID": """
        import uuid


        class Order:
            def __init__(self):
                self.id = uuid.uuid4()
                self.key = uuid.uuid4().hex
                self.name = str(uuid.uuid4())

            def short(self):
                parts = self.key.upper(), self.name.split("-")
                return self.id.hex[:8], str(self.id), self.id.int, parts
        """,
    "a parameter named uuid": """
        class Order:
            def __init__(self, uuid):
                self.id = uuid.uuid4()

            def short(self):
                return self.id.split("-")
        """,
    "Decimal after a float placeholder": """
        from decimal import Decimal


        class Price:
            def __init__(self):
                self.amount = 0.0

            def load(self, text):
                self.amount = Decimal(text)
        """,
    "Decimal with ints and Decimals in expressions": """
        from decimal import Decimal


        class Price:
            def __init__(self):
                self.amount = Decimal("1")
                self.rate = 0.5

            def tax(self):
                self.rate = self.rate * 0.5 + 0.25 * self.rate
                return self.amount * Decimal("0.2") + self.amount / 2 - 1
        """,
    "round() of a Decimal": """
        from decimal import Decimal


        class Price:
            def __init__(self):
                self.amount = round(Decimal("1.55"), 1)
                self.whole = round(2.5)

            def exact(self):
                return self.amount.quantize(Decimal("1")), self.whole.bit_length()
        """,
    "a float divided into": """
        from datetime import timedelta


        class Timer:
            def __init__(self):
                self.length = timedelta(seconds=3)

            def rate(self):
                return self.length * 0.5, self.length / 2.0
        """,
    "a dict's name is not a Path": """
        class Record:
            def __init__(self, record):
                self.meta = record

            def label(self):
                return self.meta.name
        """,
}


@pytest.mark.parametrize("name", sorted(KINDS_SILENT))
def test_value_kinds_silent(check: Check, name: str) -> None:
    assert codes(check(KINDS_SILENT[name], select=["R"])) == []


def test_an_attribute_only_value_classes_have_is_not_named_after_them(check: Check) -> None:
    found = check(
        """
        class Record:
            def __init__(self):
                self.meta = {}

            def label(self):
                return self.meta.name
        """,
        select=["R"],
    )
    assert codes(found) == ["R101"]
    assert "an object (not a builtin value)" in found[0].message
    assert "`Path`" not in found[0].message


def test_augmented_needs_asks_python() -> None:
    assert "Decimal" in augmented_needs("+=", "int")
    assert "Decimal" not in augmented_needs("+=", "float")
    assert "timedelta" in augmented_needs("*=", "int")
    assert "datetime" in augmented_needs("+=", "timedelta")
    assert "str" in augmented_needs("*=", "int")


# -- 7. dicts iterated as if they yielded their values -----------------------------------------


def test_dict_iterated_for_its_values_fires(check: Check) -> None:
    found = check(
        """
        class Directory:
            def __init__(self):
                self.users = {}

            def add(self, name: str, user):
                self.users[name] = user

            def emails(self):
                return [u.email for u in self.users]
        """,
        select=["R"],
    )
    assert codes(found) == ["R104"]
    assert "keys of `Directory.users` are strs" in found[0].message
    assert "iterate `.values()`" in found[0].message


def test_dict_iterated_for_its_values_against_annotation_fires(check: Check) -> None:
    found = check(
        """
        class Directory:
            def __init__(self):
                self.users: dict[str, "User"] = {}

            def emails(self):
                for user in self.users:
                    print(user.email)
        """,
        select=["R"],
    )
    assert codes(found) == ["R103"]


DICT_ITER_SILENT = [
    # keys of unknown kind (objects may be keys)
    """
    class Directory:
        def __init__(self):
            self.users = {}

        def add(self, user, profile):
            self.users[user] = profile

        def emails(self):
            return [u.email for u in self.users]
    """,
    # keyed by a field that is no id (it may be an object): `order.owner`
    """
    class Directory:
        def __init__(self):
            self.owners = {}

        def add(self, order):
            self.owners[order.owner] = order

        def names(self):
            return [o.name for o in sorted(self.owners)]
    """,
    # keyed by `.key`, which may be an object (a named tuple, a dataclass)
    """
    class Registry:
        def __init__(self):
            self.handlers = {}

        def add(self, handler):
            self.handlers[handler.key] = handler

        def kinds(self):
            return [k.kind for k in self.handlers]
    """,
    # ids used as ids: str methods, looked up, `.values()`
    """
    class Directory:
        def __init__(self):
            self.users = {}

        def add(self, user):
            self.users[user.name] = user

        def names(self):
            upper = [n.upper() for n in sorted(self.users)]
            return upper + [self.users[n].email for n in self.users]

        def emails(self):
            return [u.email for u in self.users.values()] + [next(iter(self.users)).strip()]
    """,
    # a list iterated through sorted() holds the values themselves
    """
    class Directory:
        def __init__(self):
            self.users = []

        def add(self, user):
            self.users.append(user)

        def emails(self):
            return [u.email for u in sorted(self.users)] + [list(self.users)[0].email]
    """,
    # `sorted` of the module's own
    """
    def sorted(users):
        return users.values()


    class Directory:
        def __init__(self):
            self.users = {}

        def add(self, user):
            self.users[user.id] = user

        def emails(self):
            return [u.email for u in sorted(self.users)]
    """,
    # str keys used as str, values through .values() and by key
    """
    class Directory:
        def __init__(self):
            self.users = {}

        def add(self, name: str, user):
            self.users[name] = user

        def names(self):
            return [n.upper() for n in self.users]

        def emails(self):
            return [u.email for u in self.users.values()]

        def by_key(self):
            return [self.users[n].email for n in self.users]
    """,
]


@pytest.mark.parametrize("code", DICT_ITER_SILENT)
def test_dict_iteration_consistent_is_silent(check: Check, code: str) -> None:
    assert codes(check(code, select=["R"])) == []


def test_keys_from_a_field_of_the_value_fit_an_annotated_key_type(check: Check) -> None:
    # jinja2's CodeGenerator: `self.blocks: Dict[str, Block]` keyed by `block.name`
    code = """
    from typing import Dict


    class Generator:
        def __init__(self):
            self.blocks: Dict[str, "Block"] = {}
            self.users: dict[int, object] = {}

        def collect(self, blocks, user):
            for block in blocks:
                self.blocks[block.name] = block
            self.users[user.id] = user
    """
    assert codes(check(code, select=["R"])) == []


def test_newer_python_path_methods_and_parenthesized_annotations_are_silent(check: Check) -> None:
    code = """
    import pathlib
    from typing import Final


    class Stream:
        def close(self):
            pass


    class Wrapper:
        def __init__(self, path):
            self._path: Final[pathlib.Path] = pathlib.Path(path)
            self._stream: (
                Stream | None
            ) = None

        def copy(self, target):
            return self._path.copy(target)

        def walk(self):
            return self._path.walk()

        def stop(self):
            self._stream.close()
    """
    assert codes(check(code, select=["R"])) == []
    assert parse_type("(\n  list[int] | None\n)").kinds == {"list"}
    assert parse_type("(int, str)").kinds == {"tuple"}
    assert parse_type("(\n  Stream[tuple[int, list[str]]] | None\n)").kinds is None


# -- 6. enum members against their values ----------------------------------------------------

ENUMS = """
from enum import Enum, IntEnum


class Color(Enum):
    RED = "red"
    BLUE = "blue"

    def warm(self):
        return self is Color.RED


class Shade(str, Enum):
    DARK = "dark"


class Level(IntEnum):
    LOW = 1
"""


def test_enum_member_compared_with_its_value_fires(check: Check) -> None:
    found = check(
        ENUMS
        + """

class Light:
    def __init__(self):
        self.color = Color.RED

    def is_red(self):
        return self.color == "red"

    def is_warm(self):
        return self.color in ("red", "orange")
""",
        select=["R"],
    )
    assert codes(found) == ["R101", "R101"]
    assert "used as a str in `is_red`" in found[0].message
    assert "as a `Color` member in `__init__`" in found[0].message
    assert "never equals its value" in found[0].message


def test_enum_member_and_its_value_assigned_fires(check: Check) -> None:
    found = check(
        ENUMS
        + """

class Light:
    def __init__(self, name):
        self.color = "red"

    def paint(self, name):
        self.color = Color(name)
""",
        select=["R"],
    )
    assert codes(found) == ["R101"]
    assert "used as a `Color` member in `paint`" in found[0].message


ENUM_SILENT = [
    # members compared with members, their values compared with values, own methods
    """
class Light:
    def __init__(self):
        self.color = Color.RED

    def is_red(self):
        return self.color == Color.RED or self.color is Color.BLUE

    def name(self):
        return self.color.name.lower(), self.color.value == "red", self.color.warm()
""",
    # str and int mixins equal their values
    """
class Light:
    def __init__(self):
        self.shade = Shade.DARK
        self.level = Level.LOW

    def dark(self):
        return self.shade == "dark" and self.level == 1
""",
    # the value stored, not the member
    """
class Light:
    def __init__(self):
        self.color = Color.RED.value

    def is_red(self):
        return self.color == "red"
""",
    # a local named like the enum
    """
class Light:
    def __init__(self, Color):
        self.color = Color.RED

    def is_red(self):
        return self.color == "red"
""",
]


@pytest.mark.parametrize("code", ENUM_SILENT)
def test_enum_consistent_is_silent(check: Check, code: str) -> None:
    assert codes(check(ENUMS + "\n" + code, select=["R"])) == []


DICT_ITER_FIRE = {
    "a loop": """
        for u in self.users:
            print(u.email)
    """,
    "a comprehension": """
        return [u.email for u in self.users]
    """,
    "sorted()": """
        return [u.email for u in sorted(self.users)]
    """,
    "list()[0]": """
        return list(self.users)[0].email
    """,
    "next(iter())": """
        return next(iter(self.users)).email
    """,
}


@pytest.mark.parametrize("name", sorted(DICT_ITER_FIRE))
@pytest.mark.parametrize("key", ["user.id", "user.user_id", "user.name"])
def test_dict_keyed_by_an_id_iterated_for_its_values_fires(
    check: Check, name: str, key: str
) -> None:
    body = textwrap.indent(textwrap.dedent(DICT_ITER_FIRE[name]).strip(), " " * 8)
    code = f"""
class Directory:
    def __init__(self):
        self.users = {{}}

    def add(self, user):
        self.users[{key}] = user

    def emails(self):
{body}
"""
    found = check(code, select=["R"])
    assert codes(found) == ["R104"], found
    assert f"ids of the values stored (`{key}`)" in found[0].message
    assert "iterate `.values()`" in found[0].message
    assert found[0].related


# -- 6. enum members across modules -----------------------------------------------------------

ENUM_TICKET = """
from .models import Status


class Ticket:
    def __init__(self):
        self.status = Status.OPEN

    def is_open(self):
        return self.status == "open"
"""


def test_enum_of_another_module_fires(check: Check) -> None:
    files = {
        "pkg/__init__.py": "",
        "pkg/models.py": "from enum import Enum\n\n\nclass Status(Enum):\n    OPEN = 'open'\n",
        "pkg/ticket.py": ENUM_TICKET,
    }
    found = check(files, select=["R"])
    assert codes(found) == ["R101"]
    assert "used as a str in `is_open`" in found[0].message
    assert "as a `Status` member in `__init__`" in found[0].message
    assert found[0].path.endswith("ticket.py")


def test_enum_of_another_module_called_fires(check: Check) -> None:
    files = {
        "colors.py": ENUMS,
        "light.py": """
        from colors import Color


        class Light:
            def __init__(self):
                self.color = "red"

            def paint(self, name):
                self.color = Color(name)
        """,
    }
    found = check(files, select=["R"])
    assert codes(found) == ["R101"]
    assert "`Color` is a plain `Enum` of `colors`" in found[0].message


ENUM_ACROSS_SILENT = {
    "str mixin": "from enum import Enum\n\n\nclass Status(str, Enum):\n    OPEN = 'open'\n",
    "StrEnum": "from enum import StrEnum\n\n\nclass Status(StrEnum):\n    OPEN = 'open'\n",
    "IntEnum": "from enum import IntEnum\n\n\nclass Status(IntEnum):\n    OPEN = 1\n",
    "class constants": "class Status:\n    OPEN = 'open'\n",
    "a subclass of a workspace base": (
        "from .base import Base\n\n\nclass Status(Base):\n    OPEN = 'open'\n"
    ),
}


@pytest.mark.parametrize("name", sorted(ENUM_ACROSS_SILENT))
def test_enum_like_classes_of_another_module_are_silent(check: Check, name: str) -> None:
    files = {
        "pkg/__init__.py": "",
        "pkg/base.py": "class Base:\n    pass\n",
        "pkg/models.py": ENUM_ACROSS_SILENT[name],
        "pkg/ticket.py": ENUM_TICKET,
    }
    assert codes(check(files, select=["R"])) == []


ENUM_TICKET_SILENT = [
    # members compared with members, the value compared with values
    """
    from .models import Status


    class Ticket:
        def __init__(self):
            self.status = Status.OPEN
            self.code = Status.OPEN.value

        def is_open(self):
            member = self.status == Status.OPEN and self.status.value == "open"
            return member and self.code == "open"
    """,
    # a name of another package (not in the workspace)
    """
    from elsewhere import Status


    class Ticket:
        def __init__(self):
            self.status = Status.OPEN

        def is_open(self):
            return self.status == "open"
    """,
    # a parameter of that name
    """
    from .models import Status


    class Ticket:
        def __init__(self, Status):
            self.status = Status.OPEN

        def is_open(self):
            return self.status == "open"
    """,
]


@pytest.mark.parametrize("code", ENUM_TICKET_SILENT)
def test_enum_of_another_module_used_consistently_is_silent(check: Check, code: str) -> None:
    files = {
        "pkg/__init__.py": "",
        "pkg/models.py": "from enum import Enum\n\n\nclass Status(Enum):\n    OPEN = 'open'\n",
        "pkg/ticket.py": code,
    }
    assert codes(check(files, select=["R"])) == []


# -- 7. results read as what they do not yield ----------------------------------------------

RESULTS_FIRE = {
    "a method's tuple kept in a local": (
        """
        class Board:
            def __init__(self):
                self.best = 0

            def leader(self):
                return ("ann", self.best)

            def name(self):
                row = self.leader()
                return row["name"]
        """,
        'stored in `row` and indexed by the str key "name"',
    ),
    "a module function's list kept in a local": (
        """
        def make_pair(a, b):
            return [a, b]


        class Board:
            def __init__(self):
                self.best = 0

            def name(self):
                r = make_pair(1, 2)
                return r["x"]
        """,
        "in `Board.name`, but `make_pair` returns a list (line 2), which no str key",
    ),
    "a module function's tuple in a function": (
        """
        def make_pair(a, b):
            return (a, b)


        def use():
            r = make_pair(1, 2)
            return r["x"]
        """,
        "which no str key indexes (TypeError)",
    ),
    "a module function's tuple indexed at once in a method": (
        """
        def make_pair(a, b):
            return (a, b)


        class Board:
            def __init__(self):
                self.best = 0

            def name(self):
                return make_pair(1, self.best)["x"]
        """,
        'The result of `make_pair()` is indexed by the str key "x" in `Board.name`',
    ),
    "a module function's annotated tuple indexed at once in a function": (
        """
        def make_pair(a, b) -> tuple[int, int]:
            return load(a, b)


        def use():
            print(make_pair(1, 2)["x"])
        """,
        "which no str key indexes (TypeError)",
    ),
    "a local indexed by position first, then by a str key": (
        """
        def parse_header(line):
            name, _, value = line.partition(":")
            return name.strip(), value.strip()


        class Headers:
            def __init__(self):
                self.fields = {}

            def add_line(self, line):
                parsed = parse_header(line)
                self.fields[parsed[0]] = parsed["value"]
        """,
        'stored in `parsed` and indexed by the str key "value" in `Headers.add_line`',
    ),
    "a dict of three keys unpacked into two names": (
        """
        class Report:
            def __init__(self):
                self.rows = []

            def totals(self):
                return {"sum": 1, "count": 2, "mean": 3}

            def show(self):
                total, count = self.totals()
                return total
        """,
        "with 3 keys: unpacking a dict unpacks its keys, so 2 names raise ValueError",
    ),
    "a dict kept in a local then unpacked": (
        """
        class Report:
            def __init__(self):
                self.rows = []

            def totals(self):
                if self.rows:
                    return {"sum": 1, "count": 2, "mean": 3}
                return {"sum": 0, "count": 0, "mean": 0}

            def show(self):
                t = self.totals()
                total, count = t
                return total
        """,
        "stored in `t` and unpacked into 2 names",
    ),
    "a bare tuple returned, read by key": (
        """
        class Board:
            def __init__(self):
                self.name = ""
                self.best = 0

            def leader(self):
                return self.name, self.best

            def title(self):
                return self.leader()["name"]
        """,
        "returns a tuple (line 7), which no str key indexes",
    ),
    "a tuple of three unpacked into two names": (
        """
        class Board:
            def __init__(self):
                self.best = 0

            def triple(self):
                return 1, 2, self.best

            def show(self):
                a, b = self.triple()
                return a
        """,
        "of 3 items, not 2 (ValueError)",
    ),
    "a module function's dict unpacked": (
        """
        def totals():
            return {"sum": 1}


        def show():
            total, count = totals()
            return total
        """,
        "with 1 key: unpacking a dict unpacks its keys",
    ),
}


@pytest.mark.parametrize("name", sorted(RESULTS_FIRE))
def test_results_read_as_what_they_do_not_yield_fire(check: Check, name: str) -> None:
    code, needle = RESULTS_FIRE[name]
    found = check(code, select=["R"])
    assert codes(found) == ["R107"], found
    assert needle in found[0].message, found[0].message
    assert found[0].related


def test_an_imported_function_result_fires_across_files(check: Check) -> None:
    files = {
        "pkg/__init__.py": "",
        "pkg/util.py": "def make_pair(a, b):\n    return (a, b)\n",
        "pkg/use.py": """
        from .util import make_pair


        def use():
            r = make_pair(1, 2)
            return r["x"]
        """,
    }
    found = check(files, select=["R"])
    assert codes(found) == ["R107"]
    assert "(pkg.util, line 2)" in found[0].message
    assert found[0].related[0].path.endswith("util.py")


def test_results_of_module_functions_are_judged_without_loading_pickled_bodies() -> None:
    """R107 on module functions reads each class's and file's call uses beside its pickled
    body (a check after one file changed keeps most bodies folded), and a body moved by
    lines (:func:`specls.facts.shifted`) moves them too."""
    from specls import facts as facts_module
    from specls.extract import extract
    from specls.index import WorkspaceIndex
    from specls.rules import RuleContext
    from specls.rules.members import check_module
    from specls.spec.load import parse_spec

    source = textwrap.dedent("""
        def make_pair(a, b):
            return (a, b)


        class Shop:
            def first(self):
                r = make_pair(1, 2)
                return r["x"]


        def second():
            return make_pair(1, 2)["y"]
        """).encode()
    made = extract(source, "m.py", "m")

    def judged(facts: facts_module.FileFacts) -> list[tuple[int, str]]:
        ctx = RuleContext(WorkspaceIndex([facts]), parse_spec(""))
        return [(f.span.line, f.message.split(",")[0]) for f in check_module(ctx)]

    whole = judged(made)
    assert [line for line, _ in whole] == [7, 12] and "`Shop.first`" in whole[0][1]
    for delta in (0, 3):
        folded = facts_module.fold_file(pickle.loads(pickle.dumps(made)))
        if delta:
            folded = facts_module.shifted(folded, delta)
        assert judged(folded) == [(line + delta, text) for line, text in whole]
        assert folded.classes[0].lazy is not None, "the class's body was loaded"


def test_a_function_of_an_imported_module_fires_at_once_and_through_a_local(
    check: Check,
) -> None:
    files = {
        "pkg/__init__.py": "",
        "pkg/util.py": "def make_pair(a, b):\n    return (a, b)\n",
        "pkg/use.py": """
        from pkg import util
        from . import util as helpers


        def first(a, b):
            return util.make_pair(a, b)["x"]


        def second(a, b):
            r = helpers.make_pair(a, b)
            return r["x"]
        """,
    }
    found = check(files, select=["R"])
    assert codes(found) == ["R107", "R107"]
    assert "The result of `util.make_pair()` is indexed by the str key" in found[0].message
    assert "`helpers.make_pair()` is stored in `r` and indexed" in found[1].message
    assert all("(pkg.util, line 2)" in f.message for f in found)


def test_a_dotted_call_that_is_no_module_function_stays_silent(check: Check) -> None:
    files = {
        "pkg/__init__.py": "",
        "pkg/util.py": """
        import json


        class Point:
            def __init__(self, x):
                self.x = x


        def make_pair(a, b):
            return (a, b)


        def load(text):
            return json.loads(text)
        """,
        "pkg/use.py": """
        import json
        from pkg import util
        from pkg.util import Point


        class Helper:
            def make_pair(self, a, b):
                return {"x": a}


        helper = Helper()


        def first(text, util2):
            util = util2
            return util.make_pair(1, 2)["x"]


        def second(text):
            a = json.loads(text)["x"]
            b = helper.make_pair(1, 2)["x"]
            c = util.Point(1)["x"]
            d = util.load(text)["x"]
            e = Point.make_pair(1, 2)["x"]
            return a, b, c, d, e
        """,
    }
    assert check(files, select=["R107"]) == []


RESULTS_SILENT = [
    # a dict of two keys unpacks to its keys without error; sizes that differ; `**more`
    """
    class Report:
        def __init__(self):
            self.rows = []

        def pair(self):
            return {"a": 1, "b": 2}

        def varies(self):
            if self.rows:
                return {"a": 1, "b": 2}
            return {"a": 1, "b": 2, "c": 3}

        def merged(self, more):
            return {"a": 1, **more}

        def named(self, k, j, m):
            return {k: 1, j: 2, m: 3}

        def show(self):
            a, b = self.pair()
            c, d = self.varies()
            e, f = self.merged({})
            g, h = self.named(1, 1, 2)
            i, *rest = {"a": 1, "b": 2, "c": 3}
            return a, b, c, d, e, f, g, h, i, rest
    """,
    # pairs unpacked into two names, tuples assigned bare and in parentheses
    """
    class Board:
        def __init__(self):
            self.size = 0, 0

        def pair(self):
            return 1, 2

        def grow(self, w, h):
            self.size = (w, h)

        def area(self):
            a, b = self.pair()
            w, h = self.size
            return w * h + self.size[0] + a + b
    """,
    # an annotation says dict (what it holds is not told), an override returns a pair
    """
    class Report:
        def __init__(self):
            self.rows = []

        def totals(self) -> dict:
            return {"a": 1, "b": 2, "c": 3}

        def other(self):
            return {"a": 1, "b": 2, "c": 3}

        def show(self):
            a, b = self.totals()
            c, d = self.other()
            return a, b, c, d


    class Sub(Report):
        def other(self):
            return 1, 2
    """,
    # results indexed by position, tested first, rebound, or of unknown kind
    """
    def make_pair(a, b):
        return (a, b)


    def compute(a, b):
        return load(a, b)


    def use():
        r = make_pair(1, 2)
        s = make_pair(1, 2)
        t = make_pair(1, 2)
        t = {"x": t}
        u = compute(1, 2)
        if isinstance(s, dict):
            return s["x"]
        return r[0], t["x"], u["x"]
    """,
    # the name is the function's own parameter, or defined twice
    """
    def make_pair(a, b):
        return (a, b)


    def twice(a):
        return (a, a)


    def twice(a):
        return {"x": a}


    def use(make_pair):
        r = make_pair(1, 2)
        s = twice(1)
        return r["x"], s["x"]
    """,
    # a local bound again before its str key: to a dict, by a loop, by unpacking
    """
    def parse_header(line):
        return line, line


    def use(line, rows):
        a = parse_header(line)
        first = a[0]
        a = {"value": first}
        b = parse_header(line)
        print(b[0])
        for b in rows:
            print(b["value"])
        c = parse_header(line)
        print(c[1])
        c, d = rows
        e = parse_header(line)
        print(e[0])
        if isinstance(e, dict):
            print(e["value"])
        return a["value"], c["value"], d
    """,
    # indexed at once: by position, by bytes, by a name; a parameter of the name; a dict
    """
    def make_pair(a, b):
        return (a, b)


    def as_dict(a):
        return {"x": a}


    def use(k):
        return make_pair(1, 2)[0], make_pair(1, 2)[b"x"], make_pair(1, 2)[k], as_dict(1)["x"]


    def other(make_pair):
        return make_pair(1, 2)["x"]
    """,
    # a dict returned, read by key
    """
    def make_pair(a, b):
        return {"x": a, "y": b}


    def use():
        r = make_pair(1, 2)
        x, y = make_pair(1, 2)
        return r["x"], r["y"], x, y
    """,
]


@pytest.mark.parametrize("code", RESULTS_SILENT)
def test_results_used_as_they_are_is_silent(check: Check, code: str) -> None:
    assert codes(check(code, select=["R"])) == []


ENUM_PARAMETER = """
from enum import Enum
from typing import Optional


class Status(Enum):
    OPEN = "open"


class Kind(str, Enum):
    BUG = "bug"


class Ticket:
    def __init__(self, status: {annotation}, kind: Kind):
        {body}
        self.status = status
        self.kind = kind

    def is_open(self):
        return self.status == "open" and self.kind == "bug"
"""


@pytest.mark.parametrize("annotation", ["Status", "Optional[Status]", "'Status | None'"])
def test_a_parameter_annotated_with_a_plain_enum_fires(check: Check, annotation: str) -> None:
    found = check(ENUM_PARAMETER.format(annotation=annotation, body="pass"), select=["R"])
    assert codes(found) == ["R101"]
    assert "`Ticket.status` is used as a str in `is_open`" in found[0].message


def test_a_parameter_annotated_with_an_imported_plain_enum_fires(check: Check) -> None:
    files = {
        "pkg/__init__.py": "",
        "pkg/models.py": "from enum import Enum\n\n\nclass Status(Enum):\n    OPEN = 'open'\n",
        "pkg/ticket.py": ENUM_TICKET.replace(
            "def __init__(self):", "def __init__(self, s: Status):"
        ).replace("self.status = Status.OPEN", "self.status = s"),
    }
    assert codes(check(files, select=["R"])) == ["R101"]


@pytest.mark.parametrize(
    "annotation, body",
    [("Status", "status = status.value"), ("Kind", "pass"), ("object", "pass")],
)
def test_a_parameter_rebound_or_of_other_classes_is_silent(
    check: Check, annotation: str, body: str
) -> None:
    code = ENUM_PARAMETER.format(annotation=annotation, body=body)
    assert codes(check(code, select=["R"])) == []
