"""Per-file facts: plain, picklable data extracted from one source file.

Nothing here refers to a parser or an editor. A :class:`FileFacts` can be cached by content
hash and recomputed for one file alone; the workspace index is built from many of them.
Lines and columns are 0-based; columns count Unicode code points.

The facts of a class are built in lists while it is extracted; :func:`compact` then freezes
them into tuples (the fields say ``Sequence``): facts are read-only from then on.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from operator import attrgetter
from typing import Any

from specls.records import field, fields, is_record, record, replace

# Span lives in its own module (a warm run reads findings without the facts)
from specls.span import Span, shared_ints, shared_span  # (older pickles name shared_span here)
from specls.values.facts import ValueSource

#: The shared ints of spans (:data:`specls.span.INTS`), made when the facts are imported.
INTS = shared_ints()


@record()
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
    #: For ``held``: where the kind was read when it is not the assigned expression itself
    #: (the docstring entry of the parameter assigned, the function whose result is
    #: assigned), with what it says there: ``(span, "its docstring says `str`")``.
    origin: tuple[Span, str] | None = None
    #: For ``held`` from a call: ``"self.make"`` (a method of the class) or ``"make"`` (a
    #: function of the module). While ``kinds`` is None the call is still to be looked up
    #: (see :mod:`specls.calls`); once set from a method's body, a subclass overriding the
    #: method makes the kind unknown again.
    via: str = ""


#: The made shape of a dict's keys that are an id-like field of the value stored
#: (``self.users[user.id] = user``): they may be of any kind, but are not the values.
FIELD_KEY = "field"


@record()
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


@record()
class Claim:
    """A local declaration of an attribute's type: a docstring entry or an annotation."""

    attr: str
    span: Span
    source: str  # "docstring" | "annotation"
    type_text: str


@record()
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


@record()
class Signature:
    """How a function can be called: parameters by kind, in order (``self`` included)."""

    positional: Sequence[tuple[str, bool]] = field(default_factory=list)  # (name, has default)
    keyword_only: Sequence[tuple[str, bool]] = field(default_factory=list)
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


@record()
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


@record()
class Return:
    """A ``return``: the literal it returns (``"None"`` for a bare return), or ``None`` when
    the value is not a literal."""

    value: str | None
    span: Span


@record()
class Gives:
    """The kind of value a function returns, when its annotation (``-> list[str]``) or every
    ``return`` of a value agree on one (``return [..]``); ``attr`` is set instead of
    ``kinds`` for ``return self._cells`` (the kind is that attribute's). ``span`` is the
    annotation or the first such ``return``; ``what`` says which (``returns a list``)."""

    kinds: frozenset[str] | None
    what: str
    span: Span
    attr: str = ""
    #: Every value returned is a falsy literal (``return 0``): a placeholder, not a kind.
    falsy: bool = False
    #: Read from the annotation (a contract overrides keep), not from the body.
    declared: bool = False
    #: How many items (a dict: keys) each value returned has, when every one is a literal
    #: of a size the source tells (``return {"a": 1, "b": 2}``: ``(2,)``); else empty.
    sizes: tuple[int, ...] = ()


@record()
class Flow:
    """What a function's own body does at its exits, and the checks it makes."""

    end_line: int
    raises: Sequence[Raise] = field(default_factory=list)
    returns: Sequence[Return] = field(default_factory=list)
    #: The end of the body can be reached: the function may return None without ``return``.
    falls_through: bool = True
    #: Source of every if/elif/while/assert condition and conditional expression.
    conditions: tuple[str, ...] = ()
    #: Names of called functions that look like checks (``_check_balance``, ``validate``).
    checks: tuple[str, ...] = ()
    #: The docstring's Raises entries (name, where, description) and Returns text.
    doc_raises: Sequence[tuple[str, Span, str]] = field(default_factory=list)
    doc_returns: tuple[str, Span] | None = None


@record()
class Mutation:
    """A change to ``self.attr``: ``op`` is ``=``, an augmented operator (``-=``), ``call``
    (``detail`` names the method called: ``append``) or ``arg`` (passed to ``detail``, such as
    ``insort``). For assignments ``detail`` is the value's source (at most 80 characters)."""

    attr: str
    method: str
    span: Span
    op: str
    detail: str


@record()
class Reach:
    """A use of an attribute of another object than ``self``, read across classes.

    ``base`` is ``"self.inventory"`` for ``self.inventory.stock.append(x)`` (``member``
    ``"stock"``, ``kinds`` what the operation needs, as :class:`Evidence` says) or a
    parameter's name for ``other.total`` (``kinds`` ``None``: read, not stored; the first
    read of each name in the function). ``self.inventory.stok`` (a read or a call, never a
    store) is a reach of base ``"self.inventory"`` with ``kinds`` ``None``, once per method."""

    base: str
    member: str
    span: Span
    kinds: frozenset[str] | None = None
    what: str = ""


@record()
class MethodFacts:
    """A function defined in a class body."""

    name: str
    span: Span
    decorators: Sequence[str] = field(default_factory=list)
    params: Sequence[Param] = field(default_factory=list)
    returns_value: bool = False
    is_generator: bool = False
    is_stub: bool = False
    is_async: bool = False
    #: The body ends in ``raise`` (or is annotated ``NoReturn``): no result ever reaches a caller.
    always_raises: bool = False
    signature: Signature | None = None
    flow: Flow | None = None
    #: Uses of other objects' attributes (see :class:`Reach`).
    reaches: Sequence[Reach] = field(default_factory=list)
    #: Calls passing ``self`` as a positional argument: (callee source, position, where).
    passes_self: Sequence[tuple[str, int, Span]] = field(default_factory=list)
    #: The kind of value it returns, when it can be told (see :class:`Gives`).
    gives: Gives | None = None
    #: The text of its return annotation (``"Inventory"``), empty when it has none.
    returns: str = ""
    #: Calls of a function by its bare name whose result is used as only some values can
    #: be (see :class:`CallUse`).
    call_uses: Sequence[CallUse] = field(default_factory=list)


@record(frozen=True)
class CallUse:
    """``r = make_pair(...)`` then ``r["x"]``, or ``a, b = totals(...)``: the call of a
    function ``name`` (a bare name the module binds), and how its result is used (as
    :attr:`SelfCall.result_use` says it)."""

    name: str
    span: Span
    use: str


#: The call uses of a class's methods or a file's functions, by function name (see
#: :func:`call_use_sites`).
CallUses = tuple[tuple[str, tuple[CallUse, ...]], ...]
#: A body still pickled (:attr:`ClassFacts.lazy`): the pickle, then what
#: :func:`sites_of` and :func:`call_use_sites` tell without loading it.
Lazy = tuple[bytes, bool, bool, CallUses]


@record()
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


@record()
class Access:
    """A read or write of ``self.name``."""

    method: str
    span: Span


@record()
class ClassFacts:
    """Everything specls records about one class."""

    name: str
    qualname: str
    span: Span
    end_line: int
    bases: Sequence[str] = field(default_factory=list)
    decorators: Sequence[str] = field(default_factory=list)
    methods: dict[str, MethodFacts] = field(default_factory=dict)
    #: Names bound in the class body: methods, class variables, nested classes.
    class_names: set[str] = field(default_factory=set)
    evidence: Sequence[Evidence] = field(default_factory=list)
    shapes: Sequence[Shape] = field(default_factory=list)
    claims: Sequence[Claim] = field(default_factory=list)
    reads: dict[str, Sequence[Access]] = field(default_factory=dict)
    writes: dict[str, Sequence[Access]] = field(default_factory=dict)
    self_calls: Sequence[SelfCall] = field(default_factory=list)
    mutations: Sequence[Mutation] = field(default_factory=list)
    #: ``Invariants:`` entries of the class docstring: (expression, where).
    doc_invariants: Sequence[tuple[str, Span]] = field(default_factory=list)
    #: Attributes checked with isinstance()/type(): deliberately polymorphic.
    polymorphic: set[str] = field(default_factory=set)
    #: Names read through hasattr/getattr with a literal name (may be absent by design).
    guarded: set[str] = field(default_factory=set)
    #: The class sets attributes dynamically (setattr, __dict__, __getattr__ ...).
    dynamic: bool = False
    #: Digest of :func:`class_interface` (what rules on other classes read of this one), or
    #: 0 until :func:`interface_of` is first asked for it: only an editor's workspace, which
    #: keeps findings between edits, needs it.
    interface: int = 0
    #: Digest of where the class's facts are, relative to its first line (see
    #: :func:`layout_of`), or 0 until first asked for; kept by a copy moved by lines.
    layout: int = field(default=0, repr=False, compare=False)
    #: Facts loaded from a pickle keep their bodies pickled until first read (see
    #: :func:`_unfold`): ``(pickled body, reaches, passes self, call uses)`` as
    #: :func:`sites_of` and :func:`call_use_sites` tell them; None once read.
    lazy: Lazy | None = field(default=None, repr=False, compare=False)

    def __getattr__(self, name: str) -> Any:
        return _unfold(self, name, _CLASS_BODY)  # (a field not yet loaded)


@record()
class SpecRef:
    """A ``# spec: <id>`` comment, with the attribute assigned on its line if any."""

    id: str
    span: Span
    class_qualname: str | None = None
    attr: str | None = None


@record()
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
    #: The file (or statement) stores attributes on an object other than ``self`` by a
    #: computed name (``setattr(state, key, value)``).
    sets_by_name: bool = False
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
    #: Parts of the file not analysed, each with why: (the lines skipped, the reason), as
    #: ``(Span(3, 0, 9, 0), "nesting deeper than 100 levels")``; given to the user as notes.
    notes: list[tuple[Span, str]] = field(default_factory=list)
    #: The value-like parts of the file, read by the value rules (``specls.values``).
    values: ValueSource | None = None
    #: As :attr:`ClassFacts.lazy`, for the module-level functions, names and values.
    lazy: Lazy | None = field(default=None, repr=False, compare=False)

    def __getattr__(self, name: str) -> Any:
        return _unfold(self, name, _FILE_BODY)  # (a field not yet loaded)


#: The fields of a class and of a file that a pickle holds as one pickled body, read the
#: first time one of them is (:func:`_unfold`). A check with most classes' findings kept
#: from the last run, or an index of the whole workspace, reads the rest: names, bases,
#: spans, suppressions, imports (loading a class whole was most of a check after a change).
_CLASS_BODY = (
    "methods",
    "evidence",
    "shapes",
    "claims",
    "reads",
    "writes",
    "self_calls",
    "mutations",
    "doc_invariants",
    "polymorphic",
    "guarded",
)
_FILE_BODY = ("function_facts", "constants", "variables", "rebound", "values")


def _unfold(obj: Any, name: str, body: tuple[str, ...]) -> Any:
    """``obj.name`` of facts whose body is still pickled: the body is loaded (all of it,
    once) and the attribute returned. The pickle is part of the facts' own, so it comes
    from this process's extraction, a worker's, or a cache entry whose MAC was verified
    before the facts were loaded at all."""
    lazy = obj.lazy if name not in _NOT_LAZY else None
    if lazy is None or name not in body:
        raise AttributeError(f"{type(obj).__name__!r} object has no attribute {name!r}")
    shared = _REPEATED.get(type(obj), {})
    for field_name, value in zip(body, pickle.loads(lazy[0]), strict=True):
        share = shared.get(field_name)
        setattr(obj, field_name, share(value) if share is not None and value else value)
    opened = _opened
    if opened is None:
        obj.lazy = None
    else:  # (the pickle is kept: folding the body again is forgetting its objects)
        opened[id(obj)] = obj
        if len(opened) > _open_max:
            fold(opened.popitem(last=False)[1])
    return getattr(obj, name)


#: While a check folds bodies (:func:`folding`): the bodies unpickled, oldest first.
_opened: OrderedDict[int, ClassFacts | FileFacts] | None = None
_open_max = 0


@contextmanager
def folding(limit: int = 512) -> Iterator[None]:
    """Within the block, facts keep their bodies' pickles once read, and at most ``limit``
    bodies are unpickled at once: the one read longest ago is folded (:func:`fold`) when
    another is read. A big workspace's bodies as objects are four times their pickles.
    For one thread (a one-shot check); the bodies left unpickled stay so after it."""
    global _opened, _open_max
    _opened, _open_max = OrderedDict(), limit
    try:
        yield
    finally:
        opened, _opened = _opened, None
        for obj in opened.values():
            obj.lazy = None


def fold(obj: ClassFacts | FileFacts) -> None:
    """Keep the body of a class's or a file's facts only pickled (pickled now if it never
    was): its objects go, and the next read of one loads them again. Facts are read-only,
    so the pickle is what they hold."""
    body = _BODIES[type(obj)]
    if obj.lazy is None:
        cls = obj.__class__
        obj.lazy = _lazy(obj, pickle.dumps(_BODY_OF[cls](obj), protocol=5))
    for name in body:
        with suppress(AttributeError):  # (not loaded)
            delattr(obj, name)


def fold_file(facts: FileFacts) -> FileFacts:
    """:func:`fold` the bodies of a file's facts and of its classes."""
    for cls in facts.classes:
        fold(cls)
    fold(facts)
    return facts


def open_classes(facts: FileFacts) -> FileFacts:
    """Load now the bodies of a file's classes still pickled (not the file's own, which
    a check reads for few files): as :func:`_unfold` would on their first read."""
    for cls in facts.classes:
        if cls.lazy is not None:
            _unfold(cls, "methods", _CLASS_BODY)
    return facts


#: Never looked up in a body (``lazy`` itself: an object made without it has no body).
_NOT_LAZY = frozenset({"lazy", "__setstate__", "__getstate__", "__reduce_ex__"})


def sites_of(facts: ClassFacts | FileFacts) -> tuple[bool, bool, bool]:
    """Whether a class's methods (a file's functions) use other objects' attributes,
    whether they pass ``self`` to a call, and whether they use the results of module
    functions (:attr:`MethodFacts.call_uses`): told without loading a pickled body."""
    lazy = facts.lazy
    if lazy is not None:
        return lazy[1], lazy[2], bool(lazy[3])
    reaches = passes = uses = False
    for m in _functions(facts):
        reaches = reaches or bool(m.reaches)
        passes = passes or bool(m.passes_self)
        uses = uses or bool(m.call_uses)
    return reaches, passes, uses


def call_use_sites(facts: ClassFacts | FileFacts) -> CallUses:
    """The :attr:`MethodFacts.call_uses` of a class's methods (a file's functions), each
    with the name of its function, those with none left out: told without loading a
    pickled body (the body of every class calling a module function was a fifth of a
    check after one file changed)."""
    lazy = facts.lazy
    if lazy is not None:
        return lazy[3]
    return tuple((m.name, tuple(m.call_uses)) for m in _functions(facts) if m.call_uses)


def _functions(facts: ClassFacts | FileFacts) -> Iterable[MethodFacts]:
    if facts.__class__ is ClassFacts:
        methods = facts.methods  # type: ignore[union-attr]
        return methods.values() if methods else ()
    return facts.function_facts or ()  # type: ignore[union-attr]


def _lazy(facts: ClassFacts | FileFacts, body: bytes) -> Lazy:
    """What :attr:`ClassFacts.lazy` holds for facts whose body is loaded, pickled as ``body``
    (:func:`sites_of` and :func:`call_use_sites` in one pass: every file's facts are pickled
    for the cache)."""
    reaches = passes = False
    uses = []
    for m in _functions(facts):
        reaches = reaches or bool(m.reaches)
        passes = passes or bool(m.passes_self)
        if m.call_uses:
            uses.append((m.name, tuple(m.call_uses)))
    return (body, reaches, passes, tuple(uses))


_EMPTY: tuple = ()
#: The empty set of names (since Python 3.10 each ``frozenset()`` is a new object).
NO_NAMES: frozenset[str] = frozenset()
#: Values many facts repeat (kind sets, signature entries), one object each.
_SHARED: dict[Any, Any] = {}


def _share(value: Any) -> Any:
    return _SHARED.setdefault(value, value)


def _frozen(items: Sequence[Any]) -> tuple:
    return tuple(items) if items else _EMPTY


def compact(cls: ClassFacts) -> ClassFacts:
    """Freeze a fully extracted class: lists become tuples (one shared empty tuple), empty
    sets one shared frozenset, repeated values one object. Facts are read-only from then
    on, and a big workspace holds millions of them (an empty list alone is 56 bytes)."""
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
        setattr(cls, name, _frozen(getattr(cls, name)))
    for name in ("polymorphic", "guarded"):
        if not getattr(cls, name):
            setattr(cls, name, NO_NAMES)
    cls.reads = {attr: tuple(accesses) for attr, accesses in cls.reads.items()}
    cls.writes = {attr: tuple(accesses) for attr, accesses in cls.writes.items()}
    intern = sys.intern
    for e in cls.evidence:
        if e.kinds:
            e.kinds = _share(e.kinds)
        e.what = intern(e.what)
    for s in cls.shapes:
        s.what = intern(s.what)
    for m in cls.methods.values():
        compact_function(m)
    return cls


def compact_function(m: MethodFacts) -> MethodFacts:
    """Freeze a fully extracted method or function (see :func:`compact`)."""
    m.decorators = _frozen(m.decorators)
    m.params = _frozen(m.params)
    m.reaches = _frozen(m.reaches)
    m.passes_self = _frozen(m.passes_self)
    m.call_uses = _frozen(m.call_uses)
    sig = m.signature
    if sig is not None:  # (`_share` of each entry, mapped in C)
        share = _SHARED.setdefault
        sig.positional = tuple(map(share, sig.positional, sig.positional)) or _EMPTY
        sig.keyword_only = tuple(map(share, sig.keyword_only, sig.keyword_only)) or _EMPTY
    fl = m.flow
    if fl is not None:
        fl.raises = _frozen(fl.raises)
        fl.returns = _frozen(fl.returns)
        fl.doc_raises = _frozen(fl.doc_raises)
    return m


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
    if is_record(obj) and not isinstance(obj, type):
        changes = {}
        for name in fields(obj):
            value = getattr(obj, name)
            if isinstance(value, Span | list | dict | tuple) or is_record(value):
                changes[name] = shift_lines(value, delta)
        if isinstance(obj, ClassFacts | Flow):
            changes["end_line"] = obj.end_line + delta
        return replace(obj, **changes)
    return obj


def shifted(obj: Any, delta: int) -> Any:
    """What :func:`shift_lines` makes of ``obj`` (facts), made by pickling it and loading the
    pickle with every line moved (:class:`_Shifting`): the generic walk over the fields of
    a big class cost more than extracting it again (Django's ``Query``: 0.13 s against
    0.1 s for all of ``query.py``). Bodies still pickled are moved as pickles."""
    return _Shifting(pickle.dumps(obj, protocol=5), delta).load()


class _Shifting(pickle.Unpickler):
    """Loads a pickle of facts (this process's own: see :func:`shifted`) with every
    :class:`Span`'s lines, every :attr:`Param.line` that is set and every ``end_line``
    moved ``delta`` lines, as :func:`shift_lines` moves them, bodies included."""

    def __init__(self, data: bytes, delta: int) -> None:
        import io

        super().__init__(io.BytesIO(data))
        self.delta = delta

    def find_class(self, module: str, name: str) -> Any:
        made = _SHIFTERS.get((module, name))
        if made is None:
            return super().find_class(module, name)
        return made(self.delta)


def _span_shifter(delta: int) -> Callable[..., Span]:
    def span(line: int, col: int, end_line: int, end_col: int) -> Span:
        return shared_span(line + delta, col, end_line + delta, end_col)

    return span


def _loader_shifter(cls: type, line: str | None) -> Callable[[int], Callable[..., Any]]:
    """A maker of ``cls``'s loader moving its field ``line`` (set ones only: a
    :class:`Param`'s line is -1 when unknown) and its body, if it has one, by ``delta``."""
    param = cls is Param

    def make(delta: int) -> Callable[..., Any]:
        load = _loaders()[cls]
        names = _pickled_fields(cls)
        at = names.index(line) if line is not None else -1
        lazy_at = names.index("lazy") if cls in _BODIES else -1

        def loader(*values: Any) -> Any:
            if at >= 0 and not (param and values[at] < 0):
                values = (*values[:at], values[at] + delta, *values[at + 1 :])
            if lazy_at >= 0 and (lazy := values[lazy_at]) is not None:
                body = pickle.dumps(_Shifting(lazy[0], delta).load(), protocol=5)
                values = (*values[:lazy_at], (body, *lazy[1:]), *values[lazy_at + 1 :])
            return load(*values)

        return loader

    return make


_SHIFTERS: dict[tuple[str, str], Callable[[int], Callable[..., Any]]] = {
    ("specls.span", "shared_span"): _span_shifter,
    ("specls.facts", "shared_span"): _span_shifter,
    **{
        (__name__, f"_load_{cls.__name__}"): _loader_shifter(cls, line)
        for cls, line in [
            (Param, "line"),
            (Flow, "end_line"),
            (ClassFacts, "end_line"),
            (FileFacts, None),
        ]
    },
}


def class_interface(cls: ClassFacts) -> tuple:
    """What rules on *other* classes read of a class: names, bases, members, return shapes,
    and what a subclass's calls of its methods meet: their signatures (R108), what they
    return (R107) and raise (E101, E102 of a method delegating to one)."""
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
                _signature_interface(m.signature),
                _gives_interface(m.gives),
                _raises_interface(m.flow),
            )
            for m in cls.methods.values()
        )
    )
    return (
        cls.qualname,
        tuple(cls.bases),
        tuple(cls.decorators),
        tuple(sorted(cls.class_names)),
        tuple(sorted(cls.writes)),
        tuple(sorted({c.attr for c in cls.claims})),
        cls.dynamic,
        tuple(sorted(cls.guarded)),
        "__dict__" in cls.reads,
        methods,
    )


def _signature_interface(sig: Signature | None) -> tuple | None:
    if sig is None:
        return None
    return (tuple(sig.positional), tuple(sig.keyword_only), sig.positional_only, sig.var, sig.varkw)


def _gives_interface(gives: Gives | None) -> tuple | None:
    if gives is None:
        return None
    kinds = tuple(sorted(gives.kinds)) if gives.kinds is not None else None
    return (kinds, gives.what, gives.attr, gives.falsy, gives.declared, tuple(gives.sizes))


def _raises_interface(flow: Flow | None) -> tuple | None:
    if flow is None:
        return None
    return (tuple((tuple(r.excs), r.explicit, r.guarded) for r in flow.raises), bool(flow.checks))


def interface_of(cls: ClassFacts) -> int:
    """The class's :func:`interface_digest`, made on first request and kept on the facts."""
    if not cls.interface:
        cls.interface = interface_digest(cls)
    return cls.interface


def layout_of(cls: ClassFacts) -> int:
    """A digest of every place the class's facts name (spans, parameters' lines and columns,
    ends), its lines counted from the class's first: what the related places and fixes of
    findings on *other* classes cite of it. Equal while the class only moved by whole lines
    (with its first line, it tells where everything is); made on first request and kept."""
    if not cls.layout:
        places: list[int] = []
        _places(cls, cls.span.line, places)
        text = repr(places).encode()
        cls.layout = int.from_bytes(hashlib.blake2b(text, digest_size=8).digest(), "little") or 1
    return cls.layout


def _places(obj: Any, base: int, out: list[int]) -> None:
    """Append what :func:`layout_of` digests of ``obj`` (facts or containers of them)."""
    kind = obj.__class__
    if kind is Span:
        out += (obj.line - base, obj.col, obj.end_line - base, obj.end_col)
    elif kind is list or kind is tuple:
        for x in obj:
            if x.__class__ not in _NO_PLACES:
                _places(x, base, out)
    elif kind is dict:
        for x in obj.values():
            if x.__class__ not in _NO_PLACES:
                _places(x, base, out)
    elif kind is Param:
        out += (obj.line - base if obj.line >= 0 else -1, obj.col)
    elif is_record(obj) and not isinstance(obj, type):
        if kind is ClassFacts or kind is Flow:
            out.append(obj.end_line - base)
        for name in _fields_with_places(kind):
            value = getattr(obj, name)
            if value is not None and value.__class__ not in _NO_PLACES:
                _places(value, base, out)


#: Values that hold no place (skipped without a look inside).
_NO_PLACES = frozenset({str, int, bool, float, bytes, frozenset, set, type(None)})
_FIELDS_WITH_PLACES: dict[type, tuple[str, ...]] = {}


def _fields_with_places(kind: type) -> tuple[str, ...]:
    """The fields of a facts class that may hold a place (not ``interface``, ``layout``,
    ``lazy``)."""
    names = _FIELDS_WITH_PLACES.get(kind)
    if names is None:
        skip = {"interface", "layout", "lazy", "end_line"}
        names = _FIELDS_WITH_PLACES[kind] = tuple(name for name in fields(kind) if name not in skip)
    return names


def interface_digest(cls: ClassFacts) -> int:
    """A digest of :func:`class_interface` that is the same in every process (``hash()`` of
    strings is not): facts loaded from the cache compare equal to the same class extracted
    again, so an edit that keeps a class's interface does not recheck its subclasses."""
    text = repr(class_interface(cls)).encode()
    return int.from_bytes(hashlib.blake2b(text, digest_size=8).digest(), "little")


def _name(x: Any) -> Any:
    """One object for a repeated short string or kind set (other values as they are)."""
    if x.__class__ is str:
        return sys.intern(x) if len(x) <= 64 else x
    if x.__class__ is frozenset:
        return _share(x)
    return x


def _number(x: int) -> int:
    return INTS[x] if 0 <= x < len(INTS) else x


def _names(x: Any) -> Any:
    """A tuple, set or frozenset of names (identifiers), the names interned."""
    if not x:
        return NO_NAMES if x.__class__ is frozenset else x
    return x.__class__(map(sys.intern, x))


def _texts(x: tuple[str, ...]) -> tuple[str, ...]:
    """A tuple of source texts, the short ones interned."""
    return tuple([sys.intern(t) if len(t) <= 64 else t for t in x]) if x else x


def _keys(x: dict) -> dict:
    """A dict keyed by names, the names interned."""
    return {sys.intern(k) if len(k) <= 64 else k: v for k, v in x.items()}


def _pairs(x: Sequence[tuple[str, bool]]) -> tuple:
    """Signature entries, one object per distinct entry (as :func:`compact_function` makes)."""
    return tuple(_share((sys.intern(n), d)) for n, d in x) if x else _EMPTY


#: Per class, the fields that repeat across files (names, kind sets, line numbers) and how
#: to make them one object each. A file's pickle shares them within the file only; loading
#: shares them again, so the facts of many files loaded from the cache or from a worker hold
#: one object per name, as extracted ones do (a workspace loaded from workers was 10% bigger).
_REPEATED: dict[type, dict[str, Callable[[Any], Any]]] = {
    Evidence: {"attr": _name, "method": _name, "kinds": _name, "what": _name, "via": _name},
    Shape: {"attr": _name, "method": _name, "shape": _name, "what": _name},
    Claim: {"attr": _name, "source": _name},
    Param: {"name": _name, "annotation": _name, "line": _number, "col": _number},
    Signature: {"positional": _pairs, "keyword_only": _pairs},
    MethodFacts: {"name": _name},
    Flow: {"end_line": _number, "conditions": _texts, "checks": _names},
    Raise: {"excs": _names, "what": _name},
    Return: {"value": _name},
    Reach: {"base": _name, "member": _name, "kinds": _name, "what": _name},
    Gives: {"kinds": _name, "what": _name, "attr": _name},
    SelfCall: {"name": _name, "method": _name},
    Access: {"method": _name},
    Mutation: {"attr": _name, "method": _name, "op": _name, "detail": _name},
    ClassFacts: {
        "name": _name,
        "end_line": _number,
        "methods": _keys,
        "bases": _names,
        "class_names": _names,
        "reads": _keys,
        "writes": _keys,
    },
}


def _pickled_fields(cls: type) -> list[str]:
    """The fields a pickle of ``cls`` holds one by one (a body apart: :data:`_BODIES`)."""
    body = _BODIES.get(cls, ())
    return [name for name in fields(cls) if name not in body]


def _loader_source(cls: type) -> str:
    """Source of ``_load_<cls>(*fields)``, which makes ``cls`` from its fields' values as
    pickled, sharing repeated ones (see ``_REPEATED``). Straight-line code for the class
    that sets the slots itself: a loop over the fields and a call of the dataclass's
    ``__init__`` per object cost a fifth more instructions to load the facts of a file."""
    names = _pickled_fields(cls)
    shared = _REPEATED.get(cls, {})
    lines = [f"def _load_{cls.__name__}({', '.join(names)}):"]
    for n in names:
        share = shared.get(n)
        if share is _name:  # the most common case, written out
            lines += [
                f"    if {n}.__class__ is str:",
                f"        if len({n}) <= 64:",
                f"            {n} = sys.intern({n})",
                f"    elif {n}.__class__ is frozenset:",
                f"        {n} = _share({n})",
            ]
        elif share is not None:
            lines += [f"    if {n} is not None:", f"        {n} = {share.__name__}({n})"]
    lines.append(f"    o = _new_object({cls.__name__})")
    lines += [f"    o.{n} = {n}" for n in names]
    lines.append("    return o")
    return "\n".join(lines)


_LOADERS: dict[type, Callable[..., Any]] = {}
_COMPILING = threading.Lock()


def _loaders() -> dict[type, Callable[..., Any]]:
    """The ``_load_<cls>`` functions, compiled on first use, all at once: 3.6 ms that a run
    which neither pickles nor loads facts does without."""
    with _COMPILING:
        if not _LOADERS:
            # (our own field names, as dataclasses writes ``__init__``)
            exec("\n\n".join(map(_loader_source, _PICKLED)), globals())
            _LOADERS.update({cls: globals()[f"_load_{cls.__name__}"] for cls in _PICKLED})
    return _LOADERS


def __getattr__(name: str) -> Any:
    """Unpickling finds ``_load_<cls>`` by name: compiled then if not yet."""
    if name.startswith("_load_"):
        _loaders()
        if name in globals():
            return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _fast_pickle(cls: type) -> None:
    """Pickle as ``_load_<cls>(*fields)`` (an ``attrgetter`` of the fields, made in C)."""
    names = tuple(_pickled_fields(cls))
    assert len(names) > 1  # attrgetter of several names gives a tuple
    values = attrgetter(*names)
    body = _BODIES.get(cls)
    if body is None:

        def __reduce__(self: Any) -> tuple:
            return (_LOADERS.get(cls) or _loaders()[cls], values(self))

    else:  # the body pickled apart, once (a body not yet loaded is pickled as it came)
        head = attrgetter(*names[:-1])  # (``lazy`` is the last field)
        of_body = attrgetter(*body)

        def __reduce__(self: Any) -> tuple:
            lazy = self.lazy
            if lazy is None:
                lazy = _lazy(self, pickle.dumps(of_body(self), protocol=5))
            return (_LOADERS.get(cls) or _loaders()[cls], (*head(self), lazy))

    cls.__reduce__ = __reduce__  # type: ignore[method-assign]


_new_object = object.__new__
_BODIES: dict[type, tuple[str, ...]] = {ClassFacts: _CLASS_BODY, FileFacts: _FILE_BODY}
_BODY_OF = {cls: attrgetter(*body) for cls, body in _BODIES.items()}
_PICKLED = (
    Evidence,
    Shape,
    Claim,
    Param,
    Signature,
    MethodFacts,
    Flow,
    Raise,
    Return,
    Reach,
    Gives,
    SelfCall,
    Access,
    Mutation,
    ClassFacts,
    SpecRef,
    ValueSource,
    FileFacts,
)
for _cls in _PICKLED:
    _fast_pickle(_cls)
