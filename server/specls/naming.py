"""Names as words: split snake_case and CamelCase, find glossary terms, change case.

Plain string functions shared by the naming rules (N101, N102) and the rename fix. Words are
compared lowercased; a glossary term also matches its simple plural (``user`` matches
``users``), and a replacement keeps the plural and the case of the words it replaces.
"""

from __future__ import annotations

import keyword
import re
from typing import TYPE_CHECKING

from specls.records import record

if TYPE_CHECKING:
    from specls.patterns import Pattern

_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")
_STYLES = ("snake", "upper", "pascal", "camel")
#: The longest name judged against a naming pattern (a longer one is no one's choice).
MAX_NAME = 1000


@record(frozen=True)
class Word:
    """One word of a name, with its start and end in the name."""

    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()


def words(name: str) -> list[Word]:
    """The words of a name: ``getHTTPUser_id`` is get, HTTP, User, id."""
    return [Word(m.group(0), m.start(), m.end()) for m in _WORD.finditer(name)]


def term_words(term: str) -> list[str]:
    """A glossary term as lowercased words: ``"user id"``, ``user_id`` and ``UserId`` agree."""
    return [w.lower for part in re.split(r"[\s\-]+", term.strip()) for w in words(part)]


def plural(word: str) -> str:
    """The simple English plural of a lowercase word (enough for identifiers)."""
    if re.search(r"(s|x|z|ch|sh)$", word):
        return word + "es"
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    return word + "s"


@record(frozen=True)
class TermHit:
    """Where a glossary term occurs in a name: characters ``start:end``, plural or not."""

    term: str
    start: int
    end: int
    plural: bool
    #: Index of the first word matched, and how many words.
    first: int
    count: int


def find_term(name: str, term: str) -> TermHit | None:
    """The first occurrence of ``term`` as whole words of ``name``: ``user`` is in
    ``get_user``, ``UserStore`` and ``users`` but not in ``username``."""
    want = term_words(term)
    if not want:
        return None
    ws = words(name)
    n = len(want)
    for i in range(len(ws) - n + 1):
        got = [w.lower for w in ws[i : i + n]]
        if got[:-1] != want[:-1]:
            continue
        last = got[-1]
        if last != want[-1] and last != plural(want[-1]):
            continue
        # the words of a term are adjacent: joined by case or by one underscore
        if all(name[ws[k].end : ws[k + 1].start] in ("", "_") for k in range(i, i + n - 1)):
            return TermHit(term, ws[i].start, ws[i + n - 1].end, last != want[-1], i, n)
    return None


def replace_term(name: str, hit: TermHit, prefer: str) -> str:
    """``name`` with the words of ``hit`` replaced by ``prefer``, in the case style around it:
    ``get_user`` → ``get_customer``, ``UserStore`` → ``CustomerStore``, ``MAX_USERS`` →
    ``MAX_CUSTOMERS``, ``getUser`` → ``getCustomer``."""
    new = term_words(prefer)
    if not new:
        return name
    if hit.plural:
        new[-1] = plural(new[-1])
    ws = words(name)
    old = ws[hit.first : hit.first + hit.count]
    head = old[0].text
    core = name.strip("_")
    # joined by case when the name is camelCase or PascalCase; else snake_case
    if "_" in core or _all_upper(core):
        sep = "_"
    else:
        sep = "" if head[0].isupper() or any(c.isupper() for c in core[1:]) else "_"
    if hit.count > 1:
        sep = name[old[0].end : old[1].start]
    if head.isupper() and (len(head) > 1 or _all_upper(name)):
        parts = [w.upper() for w in new]
    elif head[0].isupper():
        parts = [w.capitalize() for w in new]
    elif sep:
        parts = new
    else:  # camelCase: later words capitalised
        parts = [new[0], *(w.capitalize() for w in new[1:])]
    return name[: hit.start] + sep.join(parts) + name[hit.end :]


def _all_upper(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def convert(name: str, style: str) -> str:
    """``name`` in ``style`` (snake, upper, pascal or camel), leading/trailing ``_`` kept."""
    core = name.strip("_")
    lead = name[: len(name) - len(name.lstrip("_"))]
    trail = name[len(name.rstrip("_")) :]
    ws = [w.lower for w in words(core)]
    if not ws:
        return name
    if style == "snake":
        out = "_".join(ws)
    elif style == "upper":
        out = "_".join(ws).upper()
    elif style == "pascal":
        out = "".join(w.capitalize() for w in ws)
    else:
        out = ws[0] + "".join(w.capitalize() for w in ws[1:])
    return lead + out + trail


#: The case style tried first for each kind of symbol (PEP 8).
_FIRST_STYLE = {"class": "pascal", "constant": "upper"}


def suggest(name: str, pattern: Pattern, kind: str = "") -> str | None:
    """A name in a common case style that matches ``pattern`` (a spec's naming pattern,
    matched in linear time; the kind's usual style first), or None when none does."""
    first = _FIRST_STYLE.get(kind, "snake")
    for style in (first, *(s for s in _STYLES if s != first)):
        candidate = convert(name, style)
        if candidate != name and pattern.fullmatch(candidate) and is_identifier(candidate):
            return candidate
    return None


def is_identifier(name: str) -> bool:
    """A name a Python program can bind (not a keyword)."""
    return name.isidentifier() and not keyword.iskeyword(name)


def is_dunder(name: str) -> bool:
    return len(name) > 4 and name.startswith("__") and name.endswith("__")


def source_name(name: str, class_name: str) -> str:
    """A class member's name as written: ``_C__x`` (Python's mangling in class C) is ``__x``."""
    owner = class_name.lstrip("_")
    prefix = f"_{owner}__"
    if owner and name.startswith(prefix) and len(name) > len(prefix):
        return "__" + name[len(prefix) :]
    return name
