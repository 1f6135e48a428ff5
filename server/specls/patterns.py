"""Regular expressions matched in linear time, for the patterns a workspace supplies.

A checked-out repository's spec.toml or .gitignore is untrusted, and Python's backtracking
``re`` takes exponential time on a pattern like ``^A(a+)+$``. Here a pattern is parsed by
Python's own parser (so its syntax and every character class mean what they mean to ``re``)
and run as a Thompson NFA, one set of states per character (a Pike VM, which keeps the
priorities of a backtracking match). The sets met are cached as the states of a DFA, so a
match costs at most O(len(text) × states), and a dictionary lookup per character once warm.

Backreferences, lookarounds, conditionals, word boundaries, possessive quantifiers and atomic
groups are rejected: they cannot be matched so.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from re import _constants as _c
from re import _parser

#: The longest pattern compiled (characters), and the deepest nesting of groups.
MAX_LENGTH = 1000
MAX_DEPTH = 50
#: The most NFA states a pattern may have (bounded repetitions are copied out).
MAX_STATES = 10_000
#: The longest text matched (a name, a path).
MAX_INPUT = 100_000

#: What a search or a match found: nothing, a match, or a match the marked group took part in.
NO_MATCH, MATCH, MARKED = 0, 1, 2

_CHAR, _SPLIT, _ASSERT, _MARK, _ACCEPT = range(5)
_BEGIN, _BEGIN_LINE, _END, _END_OR_NEWLINE, _END_LINE = range(5)
_FLAGS = _c.SRE_FLAG_IGNORECASE | _c.SRE_FLAG_ASCII | _c.SRE_FLAG_DOTALL
_CATEGORIES = {
    _c.CATEGORY_DIGIT: r"\d",
    _c.CATEGORY_NOT_DIGIT: r"\D",
    _c.CATEGORY_SPACE: r"\s",
    _c.CATEGORY_NOT_SPACE: r"\S",
    _c.CATEGORY_WORD: r"\w",
    _c.CATEGORY_NOT_WORD: r"\W",
}
#: The DFA states one automaton caches, and the NFA threads they hold: beyond either bound
#: the cache starts again.
CACHED_STATES = 4096
CACHED_THREADS = 200_000


class PatternError(ValueError):
    """A pattern that specls cannot take. The message says why, as a predicate of the
    pattern: "is not a regular expression: …", "uses a lookahead …"; ``syntax`` tells a
    pattern that is not valid at all from one specls refuses."""

    def __init__(self, message: str, syntax: bool = False) -> None:
        super().__init__(message)
        self.syntax = syntax


def _rejected(what: str) -> PatternError:
    return PatternError(
        f"uses {what}, which specls cannot take: patterns must be matchable in linear time"
    )


def compile_pattern(text: str, *, mark: str | None = None, max_length: int = MAX_LENGTH) -> Pattern:
    """Compile ``text`` (Python regular expression syntax) for linear-time matching.

    ``mark`` names a group whose part in a :meth:`Pattern.scan` match is reported. Raises
    :class:`PatternError` for a pattern that is invalid, too large, or not regular.
    """
    if len(text) > max_length:
        raise PatternError(f"is longer than {max_length:,} characters")
    if _depth(text) > MAX_DEPTH:
        raise PatternError(f"nests groups more than {MAX_DEPTH} deep")
    try:
        with warnings.catch_warnings():  # ("possible nested set" and the like)
            warnings.simplefilter("ignore")
            tree = _parser.parse(text, 0)
    except re.error as e:
        raise PatternError(f"is not a regular expression: {e}", syntax=True) from None
    except OverflowError:
        raise PatternError(
            "is not a regular expression: a repetition count is too large", syntax=True
        ) from None
    except RecursionError:
        raise PatternError(f"nests groups more than {MAX_DEPTH} deep") from None
    except Exception as e:  # (a private parser given untrusted text: whatever it raises)
        raise PatternError(f"is not a regular expression: {e}", syntax=True) from None
    try:
        states = _measure(list(tree)) + 3  # (the search prefix and the final state)
        if states > MAX_STATES:
            raise PatternError(
                f"is too large: it expands to more than {MAX_STATES:,} states "
                "(bounded repetitions such as `{1000}` are copied out)"
            )
        group = tree.state.groupdict.get(mark) if mark else None
        return Pattern(text, _Program(tree, group))
    except RecursionError:  # (_depth counts an upper bound, but of what it can read)
        raise PatternError(f"nests groups more than {MAX_DEPTH} deep") from None


def _depth(text: str) -> int:
    """How deep groups nest in ``text``, counted before parsing (an upper bound)."""
    depth = deepest = 0
    i, n = 0, len(text)
    in_class = False
    while i < n:
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
        elif ch == "[":
            in_class = True
            i += 1
            if i < n and text[i] == "^":
                i += 1
            if i < n and text[i] == "]":  # a leading ] is a member
                i += 1
            continue
        elif ch == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif ch == ")":
            depth = max(0, depth - 1)
        i += 1
    return deepest


_LOOKS = {
    (1, _c.ASSERT): "a lookahead `(?=…)`",
    (1, _c.ASSERT_NOT): "a negative lookahead `(?!…)`",
    (-1, _c.ASSERT): "a lookbehind `(?<=…)`",
    (-1, _c.ASSERT_NOT): "a negative lookbehind `(?<!…)`",
}


def _measure(nodes: list) -> int:
    """The NFA states ``nodes`` expand to; unsupported constructs raise PatternError."""
    total = 0
    for op, av in nodes:
        if op in (_c.LITERAL, _c.NOT_LITERAL, _c.ANY, _c.IN):
            if op is _c.IN:
                for item, _ in av:
                    if item not in (_c.LITERAL, _c.RANGE, _c.CATEGORY, _c.NEGATE):
                        raise _rejected(f"the character class item {item}")
            total += 1
        elif op is _c.AT:
            if av in (_c.AT_BOUNDARY, _c.AT_NON_BOUNDARY):
                raise _rejected(r"a word boundary `\b` or `\B`")
            total += 1
        elif op is _c.BRANCH:
            total += 1 + sum(_measure(list(alt)) + 1 for alt in av[1])
        elif op is _c.SUBPATTERN:
            total += _measure(list(av[3])) + 1
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            lo, hi, body = av
            size = _measure(list(body))
            total += lo * size + (size + 2 if hi == _c.MAXREPEAT else (hi - lo) * (size + 1))
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            raise _rejected(_LOOKS[(1 if av[0] >= 0 else -1, op)])
        elif op is _c.GROUPREF:
            raise _rejected(r"a backreference `\1` or `(?P=name)`")
        elif op is _c.GROUPREF_EXISTS:
            raise _rejected("a conditional `(?(1)…|…)`")
        elif op is getattr(_c, "POSSESSIVE_REPEAT", None):
            raise _rejected("a possessive quantifier `*+`, `++`, `?+` or `{m,n}+`")
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            raise _rejected("an atomic group `(?>…)`")
        else:
            raise _rejected(f"`{op}`")
        if total > MAX_STATES:
            return total
    return total


def _char_test(op: object, av: object, flags: int) -> tuple[str, int]:
    """The one-character regular expression (and flags) of a character-matching node."""
    if op is _c.ANY:
        return ".", flags & _c.SRE_FLAG_DOTALL
    if op is _c.LITERAL:
        return f"[\\U{av:08x}]", flags & _FLAGS
    if op is _c.NOT_LITERAL:
        return f"[^\\U{av:08x}]", flags & _FLAGS
    parts = []
    for item, value in av:  # type: ignore[attr-defined]
        if item is _c.NEGATE:
            parts.insert(0, "^")
        elif item is _c.LITERAL:
            parts.append(f"\\U{value:08x}")
        elif item is _c.RANGE:
            parts.append(f"\\U{value[0]:08x}-\\U{value[1]:08x}")
        else:
            parts.append(_CATEGORIES[value])
    return "[" + "".join(parts) + "]", flags & _FLAGS


def _tester(source: str, flags: int) -> Callable[[str], object]:
    """A function telling whether one character matches: ``re`` itself on a one-character
    expression (no repetition, so no backtracking), which keeps Python's meaning of
    ``\\w``, ``\\d``, ``\\s`` and of case-insensitive matching; plain equality for a literal."""
    if flags == 0 and source.startswith("[\\U") and len(source) == 12:
        return chr(int(source[3:11], 16)).__eq__
    return re.compile(source, flags).match


class _Program:
    """A parse tree as NFA instructions: what each state does, its argument, its successor.

    States 0 and 1 are the search prefix (a lazy ``(?s:.)*?``); the pattern starts at 2.
    """

    def __init__(self, tree: _parser.SubPattern, mark_group: int | None) -> None:
        self.ops: list[int] = []
        self.args: list = []
        self.nexts: list[int] = []
        self.tests: list[Callable[[str], object]] = []
        self._tests: dict[tuple[str, int], int] = {}
        self.mark_group = mark_group
        self.lines = False  # whether an anchor depends on the character before
        self._add(_SPLIT, [2, 1])
        self._add(_CHAR, self._test(".", _c.SRE_FLAG_DOTALL), 0)
        nodes = list(tree)
        self.anchored = bool(nodes) and nodes[0] == (_c.AT, _c.AT_BEGINNING_STRING)
        flags = tree.state.flags
        if nodes and nodes[0] == (_c.AT, _c.AT_BEGINNING) and not flags & _c.SRE_FLAG_MULTILINE:
            self.anchored = True
        self._emit(nodes, flags)
        self._add(_ACCEPT)

    def _add(self, op: int, arg: object = None, nxt: int | None = None) -> int:
        pc = len(self.ops)
        self.ops.append(op)
        self.args.append(arg)
        self.nexts.append(pc + 1 if nxt is None else nxt)
        return pc

    def _test(self, source: str, flags: int) -> int:
        key = (source, flags)
        index = self._tests.get(key)
        if index is None:
            index = self._tests[key] = len(self.tests)
            self.tests.append(_tester(source, flags))
        return index

    def _emit(self, nodes: list, flags: int) -> None:
        for op, av in nodes:
            if op in (_c.LITERAL, _c.NOT_LITERAL, _c.ANY, _c.IN):
                self._add(_CHAR, self._test(*_char_test(op, av, flags)))
            elif op is _c.AT:
                self._add(_ASSERT, self._anchor(av, flags))
            elif op is _c.BRANCH:
                split = self._add(_SPLIT, [])
                jumps = []
                for alt in av[1]:
                    self.args[split].append(len(self.ops))
                    self._emit(list(alt), flags)
                    jumps.append(self._add(_SPLIT, [-1]))
                for j in jumps:
                    self.args[j][0] = len(self.ops)
            elif op is _c.SUBPATTERN:
                group, on, off, body = av
                self._emit(list(body), (flags | on) & ~off)
                if group is not None and group == self.mark_group:
                    self._add(_MARK)
                else:  # a jump to the next state (one state per group, as _measure counts)
                    self._add(_SPLIT, [len(self.ops) + 1])
            else:  # MAX_REPEAT, MIN_REPEAT (_measure let nothing else through)
                lo, hi, body = av
                greedy = op is _c.MAX_REPEAT
                body = list(body)
                for _ in range(lo):
                    self._emit(body, flags)
                if hi == _c.MAXREPEAT:
                    loop = self._add(_SPLIT, [])
                    self._emit(body, flags)
                    self._add(_SPLIT, [loop])
                    out = len(self.ops)
                    self.args[loop] = [loop + 1, out] if greedy else [out, loop + 1]
                else:
                    splits = []
                    for _ in range(hi - lo):
                        splits.append(self._add(_SPLIT, []))
                        self._emit(body, flags)
                    out = len(self.ops)
                    for s in splits:
                        self.args[s] = [s + 1, out] if greedy else [out, s + 1]

    def _anchor(self, at: object, flags: int) -> int:
        multiline = bool(flags & _c.SRE_FLAG_MULTILINE)
        if at is _c.AT_BEGINNING_STRING:
            return _BEGIN
        if at is _c.AT_END_STRING:
            return _END
        if at is _c.AT_BEGINNING:
            self.lines = self.lines or multiline
            return _BEGIN_LINE if multiline else _BEGIN
        return _END_LINE if multiline else _END_OR_NEWLINE


class State:
    """A DFA state: the NFA threads (state, marked) waiting for the next character, in
    priority order, and what a search has found so far. ``next`` caches the transitions."""

    __slots__ = ("at_start", "found", "next", "prev_newline", "result", "threads")

    def __init__(self, threads: tuple, at_start: bool, prev_newline: bool, found: int) -> None:
        self.threads = threads
        self.at_start = at_start
        self.prev_newline = prev_newline
        self.found = found
        self.next: dict[str, State] = {}
        self.result: int | None = None  # at the end of the text, once computed


#: The key of a newline that ends the text (``$`` matches before it).
FINAL_NEWLINE = "\n$"


class Automaton:
    """A program run a character at a time, from ``start``: :meth:`step` for each character
    (a text's last ``\\n`` as :data:`FINAL_NEWLINE`), then :meth:`end`.

    In ``search`` mode a match may end anywhere and the first match in ``re``'s order wins
    (its result says whether the marked group took part); otherwise the whole text must match.
    """

    def __init__(self, program: _Program, start_pc: int, search: bool) -> None:
        self.program = program
        self.search = search
        self.work = 0  # NFA threads visited, for tests of the bound
        #: Bounds of the cache (lowered when many automata run together).
        self.cached_states = CACHED_STATES
        self.cached_threads = CACHED_THREADS
        self._states: dict[tuple, State] = {}
        self._threads = 0
        self._classes: dict[str, tuple[bool, ...]] = {}
        self.start = self._state(((start_pc, False),), True, False, NO_MATCH)

    def _state(self, threads: tuple, at_start: bool, prev_newline: bool, found: int) -> State:
        key = (threads, at_start, prev_newline, found)
        state = self._states.get(key)
        if state is None:
            if len(self._states) >= self.cached_states or self._threads >= self.cached_threads:
                for old in self._states.values():  # (states held elsewhere stay valid)
                    old.next.clear()
                self._states.clear()
                self._threads = 0
            state = self._states[key] = State(threads, at_start, prev_newline, found)
            self._threads += len(threads) + 1
        return state

    def step(self, state: State, key: str) -> State:
        """The state after one character (cached in ``state.next``)."""
        ch = "\n" if key == FINAL_NEWLINE else key
        tests = self.program.tests
        classes = self._classes.get(ch)
        if classes is None:
            if len(self._classes) >= 4096:
                self._classes.clear()
            classes = self._classes[ch] = tuple(bool(test(ch)) for test in tests)
        threads, found = self._close(state, ch, key == FINAL_NEWLINE, classes)
        new = self._state(threads, False, ch == "\n" and self.program.lines, found)
        state.next[key] = new
        return new

    def end(self, state: State) -> int:
        """What the text read up to ``state`` gives: NO_MATCH, MATCH or MARKED."""
        result = state.result
        if result is None:
            _, result = self._close(state, None, False, ())
            state.result = result
        return result

    def _close(
        self, state: State, ch: str | None, last: bool, classes: tuple[bool, ...]
    ) -> tuple[tuple, int]:
        """Follow the threads of ``state`` through the states that read nothing, in
        priority order, then over ``ch`` (None: the end of the text)."""
        program = self.program
        ops, args, nexts = program.ops, program.args, program.nexts
        search = self.search
        found = state.found
        seen: set[int] = set()
        out: dict[int, bool] = {}  # next threads, in order (the first at a state wins)
        work = 0
        for first in state.threads:
            stack = [first]
            while stack:
                pc, marked = stack.pop()
                if pc in seen:
                    continue
                seen.add(pc)
                work += 1
                op = ops[pc]
                if op == _CHAR:
                    if ch is not None and classes[args[pc]]:
                        nxt = nexts[pc]
                        if nxt not in out:
                            out[nxt] = marked
                elif op == _SPLIT:
                    stack.extend((target, marked) for target in reversed(args[pc]))
                elif op == _ASSERT:
                    if _holds(args[pc], state, ch, last):
                        stack.append((nexts[pc], marked))
                elif op == _MARK:
                    stack.append((nexts[pc], True))
                elif search:  # accept: lower-priority threads are cut
                    found = MARKED if marked else MATCH
                    self.work += work
                    return tuple(out.items()), found
                elif ch is None:
                    self.work += work
                    return (), MARKED if marked else MATCH
        self.work += work
        if ch is None and not search:
            found = NO_MATCH
        if search:
            return tuple(out.items()), found
        return tuple((pc, False) for pc in sorted(out)), found


def _holds(anchor: int, state: State, ch: str | None, last: bool) -> bool:
    if anchor == _BEGIN:
        return state.at_start
    if anchor == _BEGIN_LINE:
        return state.at_start or state.prev_newline
    if anchor == _END:
        return ch is None
    if anchor == _END_OR_NEWLINE:
        return ch is None or (ch == "\n" and last)
    return ch is None or ch == "\n"


def run(automaton: Automaton, state: State, text: str, ends: bool = True) -> State:
    """The state after reading ``text`` from ``state``; ``ends``: the text ends there."""
    if ends and text.endswith("\n"):
        state = run(automaton, state, text[:-1], False)
        return state.next.get(FINAL_NEWLINE) or automaton.step(state, FINAL_NEWLINE)
    step = automaton.step
    for ch in text:
        state = state.next.get(ch) or step(state, ch)
    return state


class Pattern:
    """A compiled pattern; ``pattern`` is its source text."""

    __slots__ = ("_full", "_prefix", "_program", "_search", "pattern")

    def __init__(self, text: str, program: _Program) -> None:
        self.pattern = text
        self._program = program
        self._full: Automaton | None = None
        self._prefix: Automaton | None = None
        self._search: Automaton | None = None

    def __repr__(self) -> str:
        return f"compile_pattern({self.pattern!r})"

    @property
    def size(self) -> int:
        """The number of NFA states."""
        return len(self._program.ops)

    @property
    def work(self) -> int:
        """NFA threads visited by every match so far (at most text length × :attr:`size`
        per match, fewer when the DFA cache answers)."""
        return sum(a.work for a in (self._full, self._prefix, self._search) if a is not None)

    def fullmatch(self, text: str) -> bool:
        """Whether the whole of ``text`` matches (``re.fullmatch``)."""
        if self._full is None:
            self._full = Automaton(self._program, 2, search=False)
        return self._scan(self._full, text) != NO_MATCH

    def match(self, text: str) -> bool:
        """Whether a prefix of ``text`` matches (``re.match``)."""
        return self.scan(text, anchored=True) != NO_MATCH

    def search(self, text: str) -> bool:
        """Whether some part of ``text`` matches (``re.search``)."""
        return self.scan(text) != NO_MATCH

    def scan(self, text: str, anchored: bool = False) -> int:
        """:meth:`search` (or :meth:`match`) telling NO_MATCH, MATCH, or MARKED: the match
        ``re`` would find includes the group named ``mark`` at compile time."""
        return self._scan(self.automaton(anchored), text)

    def automaton(self, anchored: bool = False) -> Automaton:
        """The search (or anchored match) automaton, to run character by character."""
        if anchored or self._program.anchored:
            if self._prefix is None:
                self._prefix = Automaton(self._program, 2, search=True)
            return self._prefix
        if self._search is None:
            self._search = Automaton(self._program, 0, search=True)
        return self._search

    @staticmethod
    def _scan(automaton: Automaton, text: str) -> int:
        if len(text) > MAX_INPUT:
            raise ValueError(f"text longer than {MAX_INPUT:,} characters")
        return automaton.end(run(automaton, automaton.start, text))
