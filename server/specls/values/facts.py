"""What a file does with values, as plain data.

:class:`ValueSource` is what extraction keeps (in :attr:`specls.facts.FileFacts.values`):
the value-like parts of the file, as text (see :mod:`specls.values.extract`).
:class:`ValueFacts` is what reading them gives (:mod:`specls.values.read`): expressions
over fields and the statements that hold them.

A :class:`V` is one expression of the code, with the locals it reads already replaced by what
was assigned to them and calls of simple helpers of the same module replaced by what they
return (``via``), so a rule reads the value from the field to where it goes in one tree. Only
the functions of a file that touch something value-like are read (see
:mod:`specls.values.extract`).

``V.op`` and what the other fields hold:

==========  ==========================================================================
``key``     a dict key read: ``name`` the key; ``args`` (receiver[, default]); ``extra``
            (how: ``sub`` | ``get`` | ``pop`` | ``setdefault``, guarded: a test ``"k" in``
            or a ``try`` catching KeyError in the function)
``attr``    ``recv.name``; ``args`` (receiver[, default for ``getattr``])
``param``   a parameter of the function (``name``)
``name``    a name not bound in the function (``name``; a module, a global, a builtin);
            ``extra`` is ``dict`` or ``list`` for a module constant known to hold one
``iter``    an item of ``args[0]`` (a loop or comprehension variable)
``num``     a number (``name``: its source); ``str`` a string (``name``: its value);
            ``const`` ``True`` / ``False`` / ``None`` (``name``)
``bin``     ``args[0] name args[1]`` (``+ - * / // % **``); ``unary`` (``-``, ``+``,
            ``not``, ``~``: ``name``; ``args[0]``)
``bool``    ``and`` / ``or`` (``name``) over ``args``
``cmp``     a comparison: ``name`` the operators joined by spaces, ``args`` the operands
``call``    a call of a name (``name``: dotted text); ``args`` positional; ``extra`` keyword
            arguments as ``((name, V), ...)``
``meth``    a method call: ``name`` the method; ``args`` (receiver, positional...);
            ``extra`` keyword arguments
``sub``     ``args[0][args[1]]`` with an index that is not a string; ``slice``: ``args``
            (lower, upper, step), missing parts ``const None``
``fstr``    an f-string: ``args`` are ``str`` parts and ``fmt`` parts (``name`` the format
            spec, ``args[0]`` the expression)
``dict``    a dict literal: ``args`` keys and values, alternately
``seq``     ``list`` / ``tuple`` / ``set`` (``name``) of ``args``
``comp``    a comprehension (``name``: list, set, dict, gen) of ``args`` (element, or key
            and value)
``cond``    ``args[0] if args[1] else args[2]``
``table``   an if/elif (or match) chain mapping a code to a value: ``args[0]`` the value
            tested, ``extra`` ``((code V, value V), ...)``; ``args[1]`` the ``else`` value
            when there is one
``via``     a helper's result: ``name`` the helper, ``args[0]`` what it returns
``star``    ``*args[0]`` in a call; ``?`` something not followed (``name`` says what)
==========  ==========================================================================
"""

from __future__ import annotations

from typing import Any

from specls.records import record
from specls.span import Span


@record()
class V:
    """One expression (see the module's docstring for ``op``)."""

    op: str
    span: Span
    name: str = ""
    args: tuple[V, ...] = ()
    extra: Any = None


@record()
class Stmt:
    """A statement of a function that holds a value: ``kind`` is ``local`` (a local
    assigned; ``target`` its name), ``store`` (``target`` the key, attribute or item
    assigned), ``aug`` (``target op= value``; ``value`` is the result), ``test`` (a
    condition), ``return``, ``for`` (``value`` the iterable) or ``expr``."""

    kind: str
    span: Span
    #: The function: its qualified name in the module ("" at module level).
    where: str
    value: V
    target: V | None = None


#: Kinds of part: code that is read, and what it may call or name (read on demand).
CODE, FUNCTION, METHOD, CONSTANT = "code", "function", "method", "constant"
#: A part: (kind, name, where, class, first line, start, end). ``name`` is the function's,
#: method's or constant's name; ``where`` the qualified name of the code's function ("" at
#: module level; a method's class for ``method``); ``class`` the class of a method ("" for
#: the rest); ``start``/``end`` its text in :attr:`ValueSource.text`, which
#: starts at the beginning of the part's first line.
Region = tuple[str, str, str, str, int, int, int]


@record()
class ValueSource:
    """The value-like parts of one file: their texts, concatenated, and where each is."""

    text: bytes
    regions: tuple[Region, ...]


@record()
class ValueFacts:
    """The value statements of one file, and every field-like name they mention (keys,
    attributes, parameters, keyword arguments), for a quick "does this file use it"."""

    stmts: tuple[Stmt, ...] = ()
    names: frozenset[str] = frozenset()
