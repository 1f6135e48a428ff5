"""gitignore patterns (``.gitignore`` files, the ``exclude`` setting) matched in linear time.

A line becomes a regular expression exactly as pathspec's ``GitIgnoreSpec`` makes it (git's
rules with their edge cases; a test holds the two to the same answers), and the expression
is run by :mod:`specls.patterns`, not by ``re``: ``*a*a*a*a*a*a*b`` would take ``re`` time
of a high degree in a long name. All the lines of a file read a path together, a character
at a time, and the states met are cached: deciding a path is a dictionary lookup per
character once warm, and a directory's part of its entries' paths is read once
(:meth:`IgnoreFile.advance`). A line that is not a valid pattern is skipped with a note.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from specls.patterns import MARKED, NO_MATCH, Automaton, PatternError, State, compile_pattern

#: pathspec's group for a match that ends at a ``/``: the pattern matched a directory above.
_DIR_MARK = "ps_d"
_DIR_MARK_CG = f"(?P<{_DIR_MARK}>/)"
_DIR_MARK_OPT = f"(?:{_DIR_MARK_CG}|$)"
#: The longest line read as a pattern (no path is longer).
MAX_LINE = 4096
#: Bounds on what is cached for a file, shared by its lines (a file may have thousands):
#: nodes × lines, the lines' DFA states, and the NFA threads those hold. Beyond its share a
#: cache starts again.
_NODE_SLOTS = 1_000_000
_LINE_STATES = 65_536
_LINE_THREADS = 1_000_000


class _Invalid(ValueError):
    """A line that is no gitignore pattern (``!`` alone, a trailing ``\\``)."""


def translate(line: str) -> tuple[str | None, bool | None]:
    """The regular expression of a gitignore line, and whether a match ignores the path
    (False for ``!pattern``); ``(None, None)`` for a blank line or a comment. This is
    pathspec's ``GitIgnoreSpecPattern.pattern_to_regex`` (1.1), kept here so that a check
    need not import pathspec. Raises ValueError for a line that is no pattern."""
    pattern = line if line.endswith("\\ ") else line.rstrip()
    if not pattern or pattern.startswith("#") or pattern == "/":
        return None, None
    include = not pattern.startswith("!")
    if not include:
        pattern = pattern[1:]
    segments = pattern.split("/")
    is_dir = not segments[-1]
    single = len(segments) == 1 or (len(segments) == 2 and not segments[1])
    if not segments[0]:
        del segments[0]  # a leading / anchors to the directory of the file
    elif single and segments[0] != "**":
        segments.insert(0, "**")  # a single name matches at any depth
    if not segments:
        raise _Invalid(f"invalid git pattern: {line!r}")
    if not segments[-1]:
        segments[-1] = "**"
    for i in range(len(segments) - 1, 0, -1):
        if segments[i - 1] == "**" and segments[i] == "**":
            del segments[i]
    if segments == ["**"]:
        return (_DIR_MARK_CG if is_dir else "."), include
    if segments == ["**", "*"]:
        return ".", include
    if segments == ["**", "*", "**"]:
        return (_DIR_MARK_CG if is_dir else "/"), include
    try:
        return "".join(_segments(segments, is_dir)), include
    except _Unclosed:
        return None, None  # (git discards a pattern with an unclosed bracket)


class _Unclosed(ValueError):
    pass


def _segments(segments: list[str], is_dir: bool) -> list[str]:
    out: list[str] = []
    need_slash = False
    end = len(segments) - 1
    for i, segment in enumerate(segments):
        if segment == "**":
            if i == 0:
                out.append("^(?:.+/)?")
            elif i < end:
                out.append("(?:/.+)?")
                need_slash = True
            else:
                out.append(_DIR_MARK_CG if is_dir else "/")
            continue
        if i == 0:
            out.append("^")
        if need_slash:
            out.append("/")
        out.append("[^/]+" if segment == "*" else _glob(segment))
        if i == end:
            out.append(_DIR_MARK_OPT)
        need_slash = True
    return out


def _glob(segment: str) -> str:
    """One path segment's glob (``*``, ``?``, ``[...]``, ``\\`` escapes) as an expression."""
    out: list[str] = []
    escape = False
    i, end = 0, len(segment)
    while i < end:
        ch = segment[i]
        i += 1
        if escape:
            escape = False
            out.append(re.escape(ch))
        elif ch == "\\":
            escape = True
        elif ch == "*":
            out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif ch == "[":
            j = i
            if j < end and segment[j] in "!^":
                j += 1
            if j < end and segment[j] == "]":
                j += 1
            while j < end and segment[j] != "]":
                j += 1
            if j >= end:
                raise _Unclosed(segment)
            j += 1
            expr = "["
            if segment[i] in "!^":
                expr += "^"
                i += 1
            out.append(expr + segment[i:j].replace("\\", "\\\\"))
            i = j
        else:
            out.append(re.escape(ch))
    if escape:
        raise _Invalid(f"a trailing backslash in {segment!r}")
    return "".join(out)


class Node:
    """Where every line of a file stands after part of a path: their states, in order."""

    __slots__ = ("decision", "next", "states")

    def __init__(self, states: tuple[State, ...]) -> None:
        self.states = states
        self.next: dict[str, Node] = {}
        self.decision: int = -1  # -1 not yet known; else 0 undecided, 1 kept, 2 ignored


class IgnoreFile:
    """The patterns of one ``.gitignore`` file (or of ``exclude``), read together."""

    def __init__(self, automata: list[Automaton], ignores: list[bool]) -> None:
        self._automata = automata
        self._ignores = ignores
        self._nodes: dict[tuple[State, ...], Node] = {}
        lines = len(automata)
        self._cached = max(256, _NODE_SLOTS // lines)
        for automaton in automata:
            automaton.cached_states = max(16, min(automaton.cached_states, _LINE_STATES // lines))
            automaton.cached_threads = max(1024, _LINE_THREADS // lines)
        self.start = self._node(tuple(a.start for a in automata))

    def __len__(self) -> int:
        return len(self._automata)

    def _node(self, states: tuple[State, ...]) -> Node:
        node = self._nodes.get(states)
        if node is None:
            if len(self._nodes) >= self._cached:
                for old in self._nodes.values():  # (nodes held elsewhere stay valid)
                    old.next.clear()
                self._nodes.clear()
            node = self._nodes[states] = Node(states)
        return node

    def _step(self, node: Node, key: str) -> Node:
        new = self._node(
            tuple(
                s.next.get(key) or a.step(s, key)
                for a, s in zip(self._automata, node.states, strict=True)
            )
        )
        node.next[key] = new
        return new

    def advance(self, node: Node, text: str) -> Node:
        """The node after ``text``, a part of a path that more of the path follows."""
        step = self._step
        for ch in text:
            node = node.next.get(ch) or step(node, ch)
        return node

    def decide(self, node: Node, rest: str) -> bool | None:
        """Whether the path read up to ``node`` and ending with ``rest`` is ignored (True),
        taken back by a ``!pattern`` (False), or matched by no line (None). As in pathspec:
        the last line matching the path itself decides, else the last matching a directory
        above it."""
        if rest.endswith("\n"):
            node = self.advance(node, rest[:-1])
            node = node.next.get("\n$") or self._step(node, "\n$")
        else:
            node = self.advance(node, rest)
        decision = node.decision
        if decision < 0:
            decision = node.decision = self._decision(node)
        return None if decision == 0 else decision == 2

    def check(self, path: str) -> bool | None:
        """:meth:`decide` for a whole path (``/``-separated, relative to the file's
        directory; a directory's ends with ``/``)."""
        return self.decide(self.start, path)

    def _decision(self, node: Node) -> int:
        best, priority = 0, 0
        for i in range(len(self._automata) - 1, -1, -1):
            found = self._automata[i].end(node.states[i])
            if found == NO_MATCH:
                continue
            mine = 1 if found == MARKED else 2
            if mine > priority:
                best, priority = (2 if self._ignores[i] else 1), mine
                if mine == 2:
                    break
        return best


def read_patterns(lines: Iterable[str]) -> tuple[IgnoreFile | None, list[tuple[int, str]]]:
    """The patterns of ``lines`` (None if there are none), and the lines skipped: their
    numbers (from 1) and why."""
    automata: list[Automaton] = []
    ignores: list[bool] = []
    skipped: list[tuple[int, str]] = []
    for number, line in enumerate(lines, 1):
        if len(line) > MAX_LINE:
            skipped.append((number, f"is longer than {MAX_LINE:,} characters"))
            continue
        try:
            regex, ignore = translate(line)
            if regex is None or ignore is None:
                continue
            pattern = compile_pattern(regex, mark=_DIR_MARK, max_length=8 * MAX_LINE)
        except PatternError as e:
            skipped.append((number, "is not a valid pattern" if e.syntax else str(e)))
            continue
        except ValueError:
            skipped.append((number, "is not a valid pattern"))
            continue
        automata.append(pattern.automaton())
        ignores.append(ignore)
    return (IgnoreFile(automata, ignores) if automata else None), skipped
