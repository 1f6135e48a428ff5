"""Slotted data classes for what a warm check loads, made without :mod:`dataclasses`.

A check answered from the cache imports a dozen small classes (spans, findings, settings,
the check's result, the machine's CPUs) and nothing that extracts or checks. ``dataclass``
made them at import at about 3M instructions each, and its module imports :mod:`inspect`
(with :mod:`ast`, :mod:`dis`, :mod:`tokenize`): 65M of the 386M instructions a warm check of
Django took. :func:`record` makes the same classes (``__init__``, ``__repr__``, ``__eq__``,
``__hash__`` when frozen, ``__slots__``, ``__match_args__``) with one ``exec`` of their
methods' source per class. The facts, which only a check that parses imports, stay
dataclasses.
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
    """A field's default, or the factory that makes it for each instance, and whether
    ``repr`` shows it: what :func:`field` gives in a class body."""

    __slots__ = ("default", "default_factory", "repr")

    def __init__(self, default: Any, default_factory: Any, repr: bool) -> None:
        self.default, self.default_factory, self.repr = default, default_factory, repr


def field(
    *, default: Any = MISSING, default_factory: Callable[[], Any] | Any = MISSING, repr: bool = True
) -> Any:
    """A field's default (as ``dataclasses.field``: ``default_factory=list`` for one list per
    instance), or ``repr=False`` to leave it out of the ``repr``."""
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError("a field has a default or a default factory, not both")
    return Field(default, default_factory, repr)


def record(*, frozen: bool = False) -> Callable[[type[T]], type[T]]:
    """Make a class of annotated fields a slotted data class, as ``dataclass(slots=True,
    frozen=frozen)`` does: a new class with ``__slots__`` and the methods, the field names in
    ``__record_fields__`` (for :func:`replace`). A frozen record is hashable and refuses
    assignment; one that is not has ``__hash__`` None, as a dataclass with ``eq``."""

    def make(cls: type[T]) -> type[T]:
        return _make(cls, frozen)

    return make


def replace(obj: T, **changes: Any) -> T:
    """A copy of the record ``obj`` with ``changes`` (as ``dataclasses.replace``)."""
    names = type(obj).__record_fields__  # type: ignore[attr-defined]
    unknown = set(changes).difference(names)
    if unknown:
        raise TypeError(f"{type(obj).__name__} has no field {sorted(unknown)[0]!r}")
    values = {name: getattr(obj, name) for name in names}
    values.update(changes)
    return type(obj)(**values)


def _make(cls: type, frozen: bool) -> type:
    names = tuple(cls.__dict__.get("__annotations__", {}))  # noqa: RUF063 (not inspect: see above)
    body = {k: v for k, v in cls.__dict__.items() if k not in ("__dict__", "__weakref__")}
    fields: dict[str, Field] = {}
    for name in names:
        given = body.pop(name, MISSING)
        fields[name] = given if isinstance(given, Field) else Field(given, MISSING, True)
    env: dict[str, Any] = {"MISSING": MISSING, "FrozenInstanceError": FrozenInstanceError}
    params, sets = [], []
    defaulted = False
    for name, f in fields.items():
        value = name
        if f.default_factory is not MISSING:
            env[f"_factory_{name}"] = f.default_factory
            params.append(f"{name}=MISSING")
            value = f"_factory_{name}() if {name} is MISSING else {name}"
        elif f.default is not MISSING:
            env[f"_default_{name}"] = f.default
            params.append(f"{name}=_default_{name}")
        elif defaulted:
            raise TypeError(f"{cls.__name__}: field {name!r} without a default follows one")
        else:
            params.append(name)
        defaulted = defaulted or f.default_factory is not MISSING or f.default is not MISSING
        if frozen:  # (the slot's own setter: ``self.x = `` is refused)
            sets.append(f"    _set_{name}(self, {value})")
        else:
            sets.append(f"    self.{name} = {value}")
    source = [f"def __init__(self, {', '.join(params)}):", *(sets or ["    pass"])]
    body.update(_methods(cls.__qualname__, names, [n for n, f in fields.items() if f.repr]))
    if frozen:
        body.update(_frozen_methods(names))
    else:
        body["__hash__"] = None
    body["__slots__"] = body["__match_args__"] = body["__record_fields__"] = names
    body["__qualname__"] = cls.__qualname__
    made = type(cls)(cls.__name__, cls.__bases__, body)
    if frozen:
        for name in names:
            env[f"_set_{name}"] = made.__dict__[name].__set__
    exec("\n".join(source), env)  # (our own source, made of the class's field names)
    init = env["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    made.__init__ = init  # type: ignore[misc]
    return made


def _methods(qualname: str, names: tuple[str, ...], shown: list[str]) -> dict[str, Any]:
    """``__repr__`` and ``__eq__`` of a record with fields ``names`` (``shown`` in its repr):
    the fields read by one ``attrgetter`` (only ``__init__`` is compiled: a compile per
    method was most of what a class cost)."""
    values, show = _values(names), _values(tuple(shown))

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


def _frozen_methods(names: tuple[str, ...]) -> dict[str, Any]:
    """What makes a record frozen: its hash of its fields, refused assignment, and the
    pickle state set through ``object.__setattr__`` (pickle sets slots by assignment)."""
    values = _values(names)

    def __hash__(self: Any) -> int:
        return hash(values(self))

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
