"""Per-file facts: plain, picklable data extracted from one source file.

Nothing here refers to a parser or an editor. A :class:`FileFacts` can be cached by content
hash and recomputed for one file alone; the workspace index is built from many of them.
Lines and columns are 0-based; columns count Unicode code points.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass, replace
from typing import Any


@dataclass(frozen=True, slots=True)
class Span:
    """A range in one file."""

    line: int
    col: int
    end_line: int
    end_col: int


@dataclass(slots=True)
class Evidence:
    """One observation of how an attribute of ``self`` is held or used.

    ``role`` is ``"held"`` (the attribute is assigned a value of a known kind; ``kinds`` is
    that kind, or ``None`` when the value's kind is unknown) or ``"needs"`` (an operation on
    the attribute that only the ``kinds`` listed support; an empty set means only a
    user-defined object could).
    """

    attr: str
    method: str
    span: Span
    role: str
    kinds: frozenset[str] | None
    what: str
    #: For ``needs``: iterated with pair unpacking (acceptable on dicts with tuple keys).
    pairs: bool = False
    #: For ``held``: a falsy scalar literal (``0``, ``False``, ``""``), often a placeholder.
    falsy: bool = False


@dataclass(slots=True)
class Shape:
    """How the items of a container attribute are built or used.

    ``slot`` is ``"item"`` (list/set elements, dict values, what ``x[k]`` returns),
    ``"key"`` (dict keys) or ``"iter"`` (what iterating the attribute itself yields).
    ``made`` is true for construction (``x.append((a, b))``) and false for access
    (``item["name"]``); ``shape`` is a kind name for made shapes, and one of
    ``int-index``, ``str-key``, ``pair`` or ``attr:NAME`` for accesses.
    """

    attr: str
    method: str
    span: Span
    slot: str
    made: bool
    shape: str
    what: str


@dataclass(slots=True)
class Claim:
    """A local declaration of an attribute's type: a docstring entry or an annotation."""

    attr: str
    span: Span
    source: str  # "docstring" | "annotation"
    type_text: str


@dataclass(slots=True)
class Param:
    """A function parameter with its annotated or documented type, if any, and where its
    name starts (``line`` and ``col``; the name is on one line)."""

    name: str
    annotation: str | None = None
    doc_type: str | None = None
    line: int = -1
    col: int = -1

    @property
    def span(self) -> Span:
        return Span(self.line, self.col, self.line, self.col + len(self.name))


@dataclass(slots=True)
class Signature:
    """How a function can be called: parameters by kind, in order (``self`` included)."""

    positional: list[tuple[str, bool]] = field(default_factory=list)  # (name, has default)
    keyword_only: list[tuple[str, bool]] = field(default_factory=list)
    positional_only: int = 0  # how many leading positional parameters come before ``/``
    var: bool = False  # *args
    varkw: bool = False  # **kwargs

    def text(self) -> str:
        parts = [f"{n}=..." if d else n for n, d in self.positional]
        if self.positional_only:
            parts.insert(self.positional_only, "/")
        if self.var:
            parts.append("*args")
        elif self.keyword_only:
            parts.append("*")
        parts += [f"{n}=..." if d else n for n, d in self.keyword_only]
        if self.varkw:
            parts.append("**kwargs")
        return f"({', '.join(parts)})"


@dataclass(slots=True)
class Raise:
    """A way a function can raise: a ``raise`` statement, or an operation that raises by
    nature (``items.pop()`` on an empty list raises IndexError). ``excs`` are the exception
    names (last dotted part); empty for a bare ``raise`` that re-raises."""

    excs: tuple[str, ...]
    span: Span
    what: str
    explicit: bool
    #: Under a test, a loop, a ``try`` or in a comprehension: it may never run on the edge case.
    guarded: bool = False


@dataclass(slots=True)
class Return:
    """A ``return``: the literal it returns (``"None"`` for a bare return), or ``None`` when
    the value is not a literal."""

    value: str | None
    span: Span


@dataclass(slots=True)
class Flow:
    """What a function's own body does at its exits, and the checks it makes."""

    end_line: int
    raises: list[Raise] = field(default_factory=list)
    returns: list[Return] = field(default_factory=list)
    #: The end of the body can be reached: the function may return None without ``return``.
    falls_through: bool = True
    #: Source of every if/elif/while/assert condition and conditional expression.
    conditions: tuple[str, ...] = ()
    #: Names of called functions that look like checks (``_check_balance``, ``validate``).
    checks: tuple[str, ...] = ()
    #: The docstring's Raises entries (name, where, description) and Returns text.
    doc_raises: list[tuple[str, Span, str]] = field(default_factory=list)
    doc_returns: tuple[str, Span] | None = None


@dataclass(slots=True)
class Mutation:
    """A change to ``self.attr``: ``op`` is ``=``, an augmented operator (``-=``), ``call``
    (``detail`` names the method called: ``append``) or ``arg`` (passed to ``detail``, such as
    ``insort``). For assignments ``detail`` is the value's source (at most 80 characters)."""

    attr: str
    method: str
    span: Span
    op: str
    detail: str


@dataclass(slots=True)
class MethodFacts:
    """A function defined in a class body."""

    name: str
    span: Span
    decorators: list[str] = field(default_factory=list)
    params: list[Param] = field(default_factory=list)
    returns_value: bool = False
    is_generator: bool = False
    is_stub: bool = False
    is_async: bool = False
    #: The body ends in ``raise`` (or is annotated ``NoReturn``): no result ever reaches a caller.
    always_raises: bool = False
    signature: Signature | None = None
    flow: Flow | None = None


@dataclass(slots=True)
class SelfCall:
    """A call ``self.name(...)`` and how its result is used (``None`` when unused or neutral)."""

    name: str
    method: str
    span: Span
    result_use: str | None = None
    #: Positional arguments passed, keyword names, and whether ``*x``/``**x`` was passed.
    args: int = 0
    keywords: tuple[str, ...] = ()
    splat: bool = False


@dataclass(slots=True)
class Access:
    """A read or write of ``self.name``."""

    method: str
    span: Span


@dataclass(slots=True)
class ClassFacts:
    """Everything specls records about one class."""

    name: str
    qualname: str
    span: Span
    end_line: int
    bases: list[str] = field(default_factory=list)
    decorators: list[str] = field(default_factory=list)
    methods: dict[str, MethodFacts] = field(default_factory=dict)
    #: Names bound in the class body: methods, class variables, nested classes.
    class_names: set[str] = field(default_factory=set)
    evidence: list[Evidence] = field(default_factory=list)
    shapes: list[Shape] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    reads: dict[str, list[Access]] = field(default_factory=dict)
    writes: dict[str, list[Access]] = field(default_factory=dict)
    self_calls: list[SelfCall] = field(default_factory=list)
    mutations: list[Mutation] = field(default_factory=list)
    #: ``Invariants:`` entries of the class docstring: (expression, where).
    doc_invariants: list[tuple[str, Span]] = field(default_factory=list)
    #: Attributes checked with isinstance()/type(): deliberately polymorphic.
    polymorphic: set[str] = field(default_factory=set)
    #: Names read through hasattr/getattr with a literal name (may be absent by design).
    guarded: set[str] = field(default_factory=set)
    #: The class sets attributes dynamically (setattr, __dict__, __getattr__ ...).
    dynamic: bool = False
    #: Digest of :func:`class_interface`: what rules on other classes read of this one.
    interface: int = 0


@dataclass(slots=True)
class SpecRef:
    """A ``# spec: <id>`` comment, with the attribute assigned on its line if any."""

    id: str
    span: Span
    class_qualname: str | None = None
    attr: str | None = None


@dataclass(slots=True)
class FileFacts:
    """All facts of one file."""

    path: str
    module: str
    classes: list[ClassFacts] = field(default_factory=list)
    functions: list[str] = field(default_factory=list)
    spec_refs: list[SpecRef] = field(default_factory=list)
    #: line -> codes silenced by ``# spec: ignore[...]``; an empty set silences every code.
    suppressions: dict[int, frozenset[str]] = field(default_factory=dict)
    #: Attribute names assigned on objects other than ``self`` anywhere in the file.
    foreign_stores: set[str] = field(default_factory=set)
    #: Imported names: local name -> dotted origin (relative imports resolved).
    imports: dict[str, str] = field(default_factory=dict)
    #: Names passed as arguments to module-level calls (``defproperty(Cls, ...)``): such
    #: classes may be changed from outside their body.
    call_args: set[str] = field(default_factory=set)
    syntax_errors: list[Span] = field(default_factory=list)
    line_count: int = 0
    #: Module-level functions with their flow (behaviour decisions may target them).
    function_facts: list[MethodFacts] = field(default_factory=list)
    #: Module-level ``NAME = <literal>`` assignments: (name, value source, where).
    constants: list[tuple[str, str, Span]] = field(default_factory=list)
    #: Every name a module-level assignment binds, first binding only: (name, where).
    variables: list[tuple[str, Span]] = field(default_factory=list)
    #: Module-level names bound more than once, or declared ``global`` in a function.
    rebound: tuple[str, ...] = ()


_EMPTY: tuple = ()
_NO_NAMES: frozenset[str] = frozenset()


def compact(cls: ClassFacts) -> ClassFacts:
    """Share one empty container among all classes and methods that have nothing in a field.

    Called when a class is fully extracted: facts are read-only from then on, and empty
    lists and sets are a large part of a big workspace's memory (a set alone is 216 bytes).
    """
    for name in (
        "bases",
        "decorators",
        "evidence",
        "shapes",
        "claims",
        "self_calls",
        "mutations",
        "doc_invariants",
    ):
        if not getattr(cls, name):
            setattr(cls, name, _EMPTY)
    for name in ("polymorphic", "guarded"):
        if not getattr(cls, name):
            setattr(cls, name, _NO_NAMES)
    for m in cls.methods.values():
        if not m.decorators:
            m.decorators = _EMPTY  # type: ignore[assignment]
        if not m.params:
            m.params = _EMPTY  # type: ignore[assignment]
        sig = m.signature
        if sig is not None and not sig.keyword_only:
            sig.keyword_only = _EMPTY  # type: ignore[assignment]
    return cls


def shift_lines(obj: Any, delta: int) -> Any:
    """A copy of ``obj`` (facts, or containers of them) with every span moved ``delta`` lines."""
    if isinstance(obj, Span):
        return Span(obj.line + delta, obj.col, obj.end_line + delta, obj.end_col)
    if isinstance(obj, Param):
        return replace(obj, line=obj.line + delta) if obj.line >= 0 else obj
    if isinstance(obj, list):
        return [shift_lines(x, delta) for x in obj]
    if isinstance(obj, tuple):
        return tuple(shift_lines(x, delta) for x in obj) if obj else obj
    if isinstance(obj, dict):
        return {k: shift_lines(v, delta) for k, v in obj.items()}
    if is_dataclass(obj) and not isinstance(obj, type):
        changes = {}
        for f in fields(obj):
            value = getattr(obj, f.name)
            if isinstance(value, Span | list | dict | tuple) or is_dataclass(value):
                changes[f.name] = shift_lines(value, delta)
        if isinstance(obj, ClassFacts | Flow):
            changes["end_line"] = obj.end_line + delta
        return replace(obj, **changes)
    return obj


def class_interface(cls: ClassFacts) -> tuple:
    """What rules on *other* classes read of a class: names, bases, members, return shapes."""
    methods = tuple(
        sorted(
            (
                m.name,
                m.returns_value,
                m.is_generator,
                m.is_stub,
                m.always_raises,
                m.is_async,
                tuple(m.decorators),
            )
            for m in cls.methods.values()
        )
    )
    return (
        cls.qualname,
        tuple(cls.bases),
        tuple(cls.decorators),
        frozenset(cls.class_names),
        frozenset(cls.writes),
        frozenset(c.attr for c in cls.claims),
        cls.dynamic,
        frozenset(cls.guarded),
        "__dict__" in cls.reads,
        methods,
    )


def _fast_pickle(cls: type) -> None:
    """Pickle as ``cls(*fields)``: about twice as fast to load as slot-by-slot state."""
    names = tuple(f.name for f in fields(cls))

    def __reduce__(self: Any) -> tuple:
        return (self.__class__, tuple(getattr(self, n) for n in names))

    cls.__reduce__ = __reduce__  # type: ignore[method-assign]


for _cls in (
    Span,
    Evidence,
    Shape,
    Claim,
    Param,
    Signature,
    MethodFacts,
    SelfCall,
    Access,
    ClassFacts,
    SpecRef,
    FileFacts,
):
    _fast_pickle(_cls)
