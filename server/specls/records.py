"""Slotted data classes, made without :mod:`dataclasses`.

``dataclass`` made each class at import at about 3M instructions (a compile per method), and
its module imports :mod:`inspect` (with :mod:`ast`, :mod:`dis`, :mod:`tokenize`), 29M more:
a warm check of Django loads twelve such classes, a check that parses all eighty (what that
bought: docs/performance.md, stop 35). :func:`record` makes the same
classes (``__init__``, ``__repr__``, ``__eq__``, ``__hash__`` when frozen, ``__slots__``,
``__match_args__``, ``__post_init__`` called) with one compile per class, of its
``__init__``; the other methods read the fields with one ``attrgetter``. :func:`field`,
:func:`fields` and :func:`replace` stand for their ``dataclasses`` namesakes.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar

T = TypeVar("T")


class FrozenInstanceError(AttributeError):
    """An attribute of a frozen record assigned or deleted (as ``dataclasses``' error)."""


class _Missing:
    """No default (a class, not None: None is a default)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class Field:
    """A field's default, or the factory that makes it for each instance, whether
    ``__init__`` takes it, ``repr`` shows it and ``==`` compares it: what :func:`field`
    gives in a class body."""

    __slots__ = ("compare", "default", "default_factory", "init", "repr")

    def __init__(
        self, default: Any, default_factory: Any, init: bool, repr: bool, compare: bool
    ) -> None:
        self.default, self.default_factory = default, default_factory
        self.init, self.repr, self.compare = init, repr, compare


def field(
    *,
    default: Any = MISSING,
    default_factory: Callable[[], Any] | Any = MISSING,
    init: bool = True,
    repr: bool = True,
    compare: bool = True,
) -> Any:
    """A field's default (as ``dataclasses.field``: ``default_factory=list`` for one list per
    instance); ``init=False`` leaves it out of ``__init__``'s parameters, ``repr=False`` out
    of the ``repr``, ``compare=False`` out of ``==`` and the hash."""
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError("a field has a default or a default factory, not both")
    return Field(default, default_factory, init, repr, compare)


def record(*, frozen: bool = False) -> Callable[[type[T]], type[T]]:
    """Make a class of annotated fields a slotted data class, as ``dataclass(slots=True,
    frozen=frozen)`` does: a new class with ``__slots__`` and the methods it does not
    define itself. A frozen record is hashable and refuses assignment; one that is not has
    ``__hash__`` None, as a dataclass with ``eq``."""

    def make(cls: type[T]) -> type[T]:
        return _make(cls, frozen)

    return make


def fields(cls_or_obj: Any) -> tuple[str, ...]:
    """The names of a record's fields, in order (``dataclasses.fields`` gives ``Field``s)."""
    return cls_or_obj.__record_fields__


def is_record(obj: Any) -> bool:
    """Whether ``obj`` is a record or a record class (as ``dataclasses.is_dataclass``)."""
    return hasattr(type(obj) if not isinstance(obj, type) else obj, "__record_fields__")


def replace(obj: T, **changes: Any) -> T:
    """A copy of the record ``obj`` with ``changes`` (as ``dataclasses.replace``: fields
    left out of ``__init__`` are made again, not copied)."""
    names = type(obj).__record_init__  # type: ignore[attr-defined]
    unknown = set(changes).difference(names)
    if unknown:
        raise TypeError(f"{type(obj).__name__} has no field {sorted(unknown)[0]!r} to set")
    values = {name: getattr(obj, name) for name in names}
    values.update(changes)
    return type(obj)(**values)


def _make(cls: type, frozen: bool) -> type:
    names = tuple(cls.__dict__.get("__annotations__", {}))  # noqa: RUF063 (not inspect: see above)
    body = {k: v for k, v in cls.__dict__.items() if k not in ("__dict__", "__weakref__")}
    fields: dict[str, Field] = {}
    for name in names:
        given = body.pop(name, MISSING)
        fields[name] = (
            given if isinstance(given, Field) else Field(given, MISSING, True, True, True)
        )
    env: dict[str, Any] = {"MISSING": MISSING}
    params, sets = [], []
    defaulted = False
    for name, f in fields.items():
        factory, default = f.default_factory is not MISSING, f.default is not MISSING
        env[f"_factory_{name}"], env[f"_default_{name}"] = f.default_factory, f.default
        if f.init:
            value = name
            if factory:
                params.append(f"{name}=MISSING")
                value = f"_factory_{name}() if {name} is MISSING else {name}"
            elif default:
                params.append(f"{name}=_default_{name}")
            elif defaulted:
                raise TypeError(f"{cls.__name__}: field {name!r} without a default follows one")
            else:
                params.append(name)
            defaulted = defaulted or factory or default
        elif factory:
            value = f"_factory_{name}()"
        elif default:
            value = f"_default_{name}"
        else:
            continue  # (left to ``__post_init__``)
        if frozen:  # (the slot's own setter: ``self.x = `` is refused)
            sets.append(f"    _set_{name}(self, {value})")
        else:
            sets.append(f"    self.{name} = {value}")
    if "__post_init__" in body:
        sets.append("    self.__post_init__()")
    source = [f"def __init__(self, {', '.join(params)}):", *(sets or ["    pass"])]
    compared = tuple(n for n, f in fields.items() if f.compare)
    shown = tuple(n for n, f in fields.items() if f.repr)
    made_methods = _methods(cls.__qualname__, compared, shown)
    if frozen:
        made_methods.update(_frozen_methods(compared, names))
    else:  # (as a dataclass with ``eq``: unhashable, unless the class says how)
        made_methods["__hash__"] = None
    for method, fn in made_methods.items():
        body.setdefault(method, fn)  # (what the class defines itself, it keeps)
    init_names = tuple(n for n, f in fields.items() if f.init)
    body["__slots__"] = body["__record_fields__"] = names
    body["__match_args__"] = body["__record_init__"] = init_names
    body["__qualname__"] = cls.__qualname__
    made = type(cls)(cls.__name__, cls.__bases__, body)
    if frozen:
        for name in names:
            env[f"_set_{name}"] = made.__dict__[name].__set__
    if "__init__" not in cls.__dict__:
        exec("\n".join(source), env)  # (our own source, made of the class's field names)
        init = env["__init__"]
        init.__qualname__ = f"{cls.__qualname__}.__init__"
        made.__init__ = init  # type: ignore[misc]
    return made


def _methods(qualname: str, names: tuple[str, ...], shown: tuple[str, ...]) -> dict[str, Any]:
    """``__repr__`` and ``__eq__`` of a record comparing fields ``names`` (``shown`` in its
    repr): the fields read by one ``attrgetter`` (only ``__init__`` is compiled: a compile
    per method was most of what a class cost)."""
    values, show = _values(names), _values(shown)

    def __repr__(self: Any) -> str:
        inner = ", ".join(f"{n}={v!r}" for n, v in zip(shown, show(self), strict=True))
        return f"{type(self).__qualname__}({inner})"

    def __eq__(self: Any, other: object) -> bool:
        if other.__class__ is self.__class__:
            return values(self) == values(other)
        return NotImplemented

    __repr__.__qualname__ = f"{qualname}.__repr__"
    __eq__.__qualname__ = f"{qualname}.__eq__"
    return {"__repr__": __repr__, "__eq__": __eq__}


def _frozen_methods(compared: tuple[str, ...], names: tuple[str, ...]) -> dict[str, Any]:
    """What makes a record frozen: its hash of the fields it compares, refused assignment,
    and the pickle state set through ``object.__setattr__`` (pickle sets slots by
    assignment)."""
    values, hashed = _values(names), _values(compared)

    def __hash__(self: Any) -> int:
        return hash(hashed(self))

    def __setattr__(self: Any, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self: Any, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __getstate__(self: Any) -> tuple:
        return values(self)

    def __setstate__(self: Any, state: tuple) -> None:
        for name, value in zip(names, state, strict=True):
            object.__setattr__(self, name, value)

    return {
        "__hash__": __hash__,
        "__setattr__": __setattr__,
        "__delattr__": __delattr__,
        "__getstate__": __getstate__,
        "__setstate__": __setstate__,
    }


def _values(names: tuple[str, ...]) -> Callable[[Any], tuple]:
    """A record's field values as a tuple (``attrgetter`` gives a tuple only of several)."""
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    return attrgetter(*names) if names else (lambda obj: ())
