"""Linear-time patterns (specls.patterns): the same answers as ``re`` on patterns it can take,
bounded work on the ones that stall ``re``, a clean refusal of the rest, and S001 through the
command line for a spec's naming pattern it refuses."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from specls.patterns import (
    MARKED,
    MATCH,
    NO_MATCH,
    PatternError,
    compile_pattern,
)

# -- the same answers as re ----------------------------------------------------------------------

ATOMS = ["a", "b", "A", "_", "1", r"\.", ".", "[ab]", "[^a]", "[a-c_]", r"\d", r"\w", r"\s"]
ATOMS += [r"\W", r"[\d_]", r"[^\w]", "é", r"\n", "[A-Z]"]
TEXT = st.text(alphabet="aAbB_1 .\né١Kſ", max_size=8)


@st.composite
def regexes(draw: st.DrawFn, depth: int = 0) -> str:
    """A small regular expression from a grammar of what naming patterns use."""
    kind = draw(st.integers(0, 9 if depth < 3 else 1))
    if kind <= 1:
        return draw(st.sampled_from(ATOMS))
    if kind == 2:
        return draw(st.sampled_from(["^", "$", r"\A", r"\Z"]))
    if kind <= 4:
        return draw(regexes(depth + 1)) + draw(regexes(depth + 1))
    if kind == 5:
        return draw(regexes(depth + 1)) + "|" + draw(regexes(depth + 1))
    if kind == 6:
        opener = draw(st.sampled_from(["(", "(?:", "(?i:", "(?s:", "(?a:", "(?m:"]))
        return opener + draw(regexes(depth + 1)) + ")"
    body = draw(regexes(depth + 1))
    if body not in ATOMS:
        body = f"(?:{body})"
    quantifier = draw(st.sampled_from(["*", "+", "?", "{2}", "{0,2}", "{1,3}", "{2,}"]))
    return body + quantifier + draw(st.sampled_from(["", "?"]))


def _python(pattern: str) -> re.Pattern[str]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return re.compile(pattern)
        except re.error:
            assume(False)
            raise


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pattern=regexes(), texts=st.lists(TEXT, min_size=1, max_size=6), ignore=st.booleans())
@example(pattern=r"(?a:\W)", texts=["é", "a"], ignore=False)  # (re's own contradiction)
def test_answers_are_those_of_re(pattern: str, texts: list[str], ignore: bool) -> None:
    if ignore:
        pattern = "(?i)" + pattern
    expected = _python(pattern)
    ours = compile_pattern(pattern)
    for text in texts:
        # re contradicts itself on some scoped flags: in CPython 3.11, `(?a:\W)` fullmatches
        # 'é' but its search finds nothing there, nor in '1é' where a match at 1 is found;
        # such answers are no reference
        full, start, found = (
            bool(f(text)) for f in (expected.fullmatch, expected.match, expected.search)
        )
        somewhere = any(expected.match(text, i) for i in range(len(text) + 1))
        if (full and not start) or (start and not found) or found != somewhere:
            continue
        assert ours.fullmatch(text) == bool(expected.fullmatch(text)), (pattern, text)
        assert ours.match(text) == bool(expected.match(text)), (pattern, text)
        assert ours.search(text) == bool(expected.search(text)), (pattern, text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(before=regexes(), inside=regexes(), after=regexes(), texts=st.lists(TEXT, min_size=1))
def test_a_marked_group_takes_part_as_in_re(
    before: str, inside: str, after: str, texts: list[str]
) -> None:
    """What the gitignore matcher reads: whether the match ``re.search`` finds includes a
    group (pathspec's directory mark)."""
    pattern = f"{before}(?:(?P<m>{inside})|x){after}"
    expected = _python(pattern)
    ours = compile_pattern(pattern, mark="m")
    for text in texts:
        m = expected.search(text)
        want = NO_MATCH if m is None else (MARKED if m.group("m") is not None else MATCH)
        assert ours.scan(text) == want, (pattern, text)


@pytest.mark.parametrize(
    ("pattern", "texts"),
    [
        (r"^[a-z_][a-z0-9_]*$", ["get_user", "GetUser", "_x1", "", "a\n", "été"]),
        (r"[A-Z][a-zA-Z0-9]*", ["Cart", "cart", "C", "C_d"]),
        (r"_{0,2}[a-z][a-z0-9_]*", ["__init", "___x", "x"]),
        (r"\w+", ["é١_a", "a-b", "ſ"]),  # Unicode \w, as re has it for str
        (r"(?a)\w+", ["é", "abc"]),
        (r"(?i)[a-z]+", ["K", "ſ", "ABC"]),  # Kelvin sign and long s fold as in re
        (r"\d\D\s\S", ["١a b", "1 2 "]),
        (r"(?P<name>ab)+(?:c|d)?", ["abab", "ababc", "abd", "ac"]),
        (r"a$", ["a", "a\n", "a\n\n"]),
        (r"(?m)^a$\n^b$", ["a\nb", "a\nb\n"]),
        (r"a{2,}?b{1,3}", ["aab", "aabbbb", "ab"]),
    ],
)
def test_ordinary_patterns_agree_with_re(pattern: str, texts: list[str]) -> None:
    ours = compile_pattern(pattern)
    assert ours.pattern == pattern
    for text in texts:
        assert ours.fullmatch(text) == bool(re.fullmatch(pattern, text)), text
        assert ours.search(text) == bool(re.search(pattern, text)), text


# -- bounded work on what stalls re --------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "text", "full"),
    [
        (r"^A(a+)+$", "A" + "a" * 3000 + "!", False),
        (r"^A(a+)+$", "A" + "a" * 3000, True),
        (r"(a|aa)*b", "a" * 3000, False),
        (r"(a*)*$", "a" * 3000 + "b", False),
        (r"(?:[a-z]?){40}[a-z]{40}", "ab" * 50, False),  # 80 threads a step
        (r"^(\w+\s?)*$", "An ordinary sentence that ends badly!" * 20, False),
    ],
)
def test_catastrophic_patterns_take_work_linear_in_the_text(
    pattern: str, text: str, full: bool
) -> None:
    ours = compile_pattern(pattern)
    assert ours.fullmatch(text) is full
    assert ours.work <= (len(text) + 1) * ours.size
    # the states met are cached: the same text again costs nothing more
    work = ours.work
    assert ours.fullmatch(text) is full
    assert ours.work == work


def test_the_bound_holds_when_steps_keep_meeting_new_states() -> None:
    """A pattern whose DFA is exponential (the last 12 characters matter) on a random text:
    the cache rarely helps, and work stays linear."""
    import random

    ours = compile_pattern(r"[ab]*a[ab]{12}")
    text = "".join(random.Random(7).choices("ab", k=4000))
    assert ours.fullmatch(text) == bool(re.fullmatch(r"[ab]*a[ab]{12}", text))
    assert ours.fullmatch(text + "c") is False
    assert ours.work <= 2 * (len(text) + 2) * ours.size


def test_answers_stay_right_when_the_cache_starts_again() -> None:
    """The cache of DFA states is bounded; past the bound it is emptied and states met
    again are computed again, to the same answers."""
    import random

    regex = r"[ab]*a[ab]{5}(?P<m>b)?"
    ours = compile_pattern(regex, mark="m")
    automaton = ours.automaton()
    automaton.cached_states = 8
    rng = random.Random(3)
    for _ in range(200):
        text = "".join(rng.choices("abc", k=rng.randint(0, 14)))
        m = re.search(regex, text)
        want = NO_MATCH if m is None else (MARKED if m.group("m") is not None else MATCH)
        assert ours.scan(text) == want, text
    assert len(automaton._states) <= 8


@pytest.mark.parametrize(
    ("pattern", "why"),
    [
        ("a{99999999999}", "repetition count is too large"),
        ("(a{100}){101}", "more than 10,000 states"),
        ("((a{0,30}){0,30}){0,30}", "more than 10,000 states"),
        ("x" * 100_000, "longer than 1,000 characters"),
        ("(" * 60 + "a" + ")" * 60, "nests groups more than 50 deep"),
        ("[a-z", "is not a regular expression"),
        ("[z-a]", "bad character range"),
        ("(?=a)a", "lookahead `(?=…)`"),
        ("(?!a)b", "negative lookahead"),
        ("(?<=a)b", "lookbehind"),
        (r"(a)\1", "backreference"),
        (r"(?P<x>a)(?P=x)", "backreference"),
        ("(a)?(?(1)b|c)", "conditional"),
        ("a*+", "possessive quantifier"),
        ("(?>ab)", "atomic group"),
        (r"\bword\b", "word boundary"),
    ],
)
def test_what_cannot_be_matched_in_linear_time_is_refused_with_a_reason(
    pattern: str, why: str
) -> None:
    with pytest.raises(PatternError) as e:
        compile_pattern(pattern)
    assert why in str(e.value)


def test_deep_nesting_is_refused_before_python_parses_it() -> None:
    deep = "(" * 2000 + "a" + ")" * 2000
    with pytest.raises(PatternError, match="nests groups more than 50 deep"):
        compile_pattern(deep, max_length=len(deep))
    # (escaped parentheses and those in a class do not count)
    assert compile_pattern(r"\(" * 60 + "[(]" * 60).fullmatch("(" * 120)


def test_a_text_too_long_to_match_is_an_error_not_a_stall() -> None:
    with pytest.raises(ValueError, match="longer than"):
        compile_pattern("a*").fullmatch("a" * 200_000)


# -- through the command line --------------------------------------------------------------------

SPEC = """\
[decision.module-names]
kind = "naming"
applies_to = ["module"]
pattern = "[a-z_]+"

[decision.huge]
kind = "naming"
applies_to = ["function"]
pattern = 'a{99999999999}'

[decision.looking-ahead]
kind = "naming"
applies_to = ["class"]
summary = "classes are nouns"
pattern = '(?!Abstract)[A-Z][a-zA-Z]*'

[decision.nested]
kind = "naming"
applies_to = ["function"]
pattern = '^([a-z]+_?)+$'
"""


def test_spec_patterns_refused_are_s001_at_their_line_and_nested_ones_still_check(
    tmp_path: Path,
) -> None:
    """``a{99999999999}`` crashed the check with OverflowError; ``^([a-z]+_?)+$`` took
    ``re`` 2^40 steps on the function below (the subprocess's timeout is a guard against a
    hang, not a measure)."""
    (tmp_path / "spec.toml").write_text(SPEC, "utf-8")
    (tmp_path / "mod.py").write_text(f"def {'a' * 40}1(): ...\ndef good(): ...\n", "utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    r = subprocess.run(
        [sys.executable, "-m", "specls", "check", ".", "--no-cache", "--format", "json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert "Traceback" not in r.stderr and "OverflowError" not in r.stderr, r.stderr
    found = [(f["code"], f["path"], f["line"]) for f in json.loads(r.stdout)]
    lines = SPEC.splitlines()
    assert sorted(found) == [
        ("N101", "mod.py", 1),
        ("S001", "spec.toml", lines.index("pattern = 'a{99999999999}'") + 1),
        ("S001", "spec.toml", lines.index("pattern = '(?!Abstract)[A-Z][a-zA-Z]*'") + 1),
    ]
    messages = [f["message"] for f in json.loads(r.stdout)]
    assert any("negative lookahead" in m and "linear time" in m for m in messages)
    assert r.returncode == 1
