"""R105-R108: attributes and methods that one part of a class expects and no part provides.

These fire only when the whole class hierarchy is in view: every base resolved in the
workspace (or a builtin exception), no ``__getattr__``, ``setattr`` or ``__dict__`` tricks,
not a mixin, and no subclass that provides the name.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Sequence

from specls.facts import (
    Access,
    CallUse,
    ClassFacts,
    FileFacts,
    Gives,
    MethodFacts,
    SelfCall,
    Span,
    call_use_sites,
)
from specls.findings import Edit, Finding, Fix, Related, Severity
from specls.index import ClassRef
from specls.kinds import MAPPINGS
from specls.rules import RuleContext
from specls.usetext import STR_KEY, unpacked_count

#: Class decorators known not to add instance attributes beyond the annotated fields.
_KNOWN_DECORATORS = {
    "dataclass",
    "dataclasses.dataclass",
    "total_ordering",
    "functools.total_ordering",
    "final",
    "typing.final",
}
_PLAIN_METHOD_DECORATORS = {
    "staticmethod",
    "classmethod",
    "override",
    "typing.override",
    "final",
    "typing.final",
}


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Findings R105-R108 for every class of the index."""
    for ref in ctx.classes():
        yield from check_class(ctx, ref)


def check_class(ctx: RuleContext, ref: ClassRef) -> Iterator[Finding]:
    """Findings R105-R108 for one class (only when its whole hierarchy is in view)."""
    if not _closed(ctx, ref):
        return
    yield from _unassigned_attributes(ctx, ref)
    yield from _undefined_methods(ctx, ref)
    yield from _unusable_results(ctx, ref)
    yield from _signature_mismatches(ctx, ref)


def _closed(ctx: RuleContext, ref: ClassRef) -> bool:
    """Whether every name the class can see is in view."""
    cls = ref.cls
    if cls.dynamic or "__dict__" in cls.reads or _fills_dict(cls) or ctx.index.is_mixed_in(ref):
        return False
    if cls.name in ref.file.call_args:
        return False  # handed to a module-level call that may add attributes
    if any(d not in _KNOWN_DECORATORS for d in cls.decorators):
        return False
    bases = ctx.index.bases(ref)
    if not bases.complete:
        return False
    # a class that sets up its own state; classes without a constructor are mostly mixins
    # and templates whose names come from elsewhere
    chain = [ref, *bases.classes]
    if not any(
        {"__init__", "__new__", "__post_init__"} & c.cls.class_names
        or any("dataclass" in d for d in c.cls.decorators)
        for c in chain
    ):
        return False
    return not any(
        b.cls.dynamic
        or _fills_dict(b.cls)
        or any(d not in _KNOWN_DECORATORS for d in b.cls.decorators)
        for b in bases.classes
    )


#: Methods whose first parameter is the class, even undecorated.
_CLASS_METHODS = {"__init_subclass__", "__class_getitem__", "__new__"}


def _fills_dict(cls: ClassFacts) -> bool:
    """Whether an instance method reaches the instance's ``__dict__`` (``self.__dict__ =
    ctx``, ``self.__dict__.update(kw)``): any name may be set there, for the class and its
    subclasses (``cls.__dict__`` in ``__init_subclass__`` is the class's own)."""
    for access in [*cls.reads.get("__dict__", ()), *cls.writes.get("__dict__", ())]:
        method = cls.methods.get(access.method)
        if method is None or not (
            method.name in _CLASS_METHODS
            or {"classmethod", "staticmethod"} & set(method.decorators)
        ):
            return True
    return False


def _provided(cls: ClassFacts) -> set[str]:
    return cls.class_names | set(cls.writes) | {c.attr for c in cls.claims} | cls.guarded


def _family(ctx: RuleContext, ref: ClassRef) -> tuple[set[str], set[str]]:
    """Names the class and its ancestors provide, and names its descendants provide."""
    own: set[str] = set()
    for c in [ref, *ctx.index.bases(ref).classes]:
        own |= _provided(c.cls)
    own |= ctx.index.bases(ref).builtin_names
    below: set[str] = set()
    for sub in ctx.index.subclasses(ref):
        for c in [sub, *ctx.index.bases(sub).classes]:
            below |= _provided(c.cls)
    return own, below


def _suggest(name: str, candidates: set[str], cutoff: float = 0.75) -> str | None:
    pool = sorted(c for c in candidates if not c.startswith("__") and c != name)
    close = difflib.get_close_matches(name, pool, n=1, cutoff=cutoff)
    return close[0] if close else None


def _definition_related(ctx: RuleContext, ref: ClassRef, name: str) -> list[Related]:
    for c in [ref, *ctx.index.bases(ref).classes]:
        if name in c.cls.methods:
            return [Related(c.file.path, c.cls.methods[name].span, f"`{name}` is defined here")]
        if name in c.cls.writes:
            return [Related(c.file.path, c.cls.writes[name][0].span, f"`{name}` is assigned here")]
    return []


def _unassigned_attributes(ctx: RuleContext, ref: ClassRef) -> Iterator[Finding]:
    cls = ref.cls
    own, below = _family(ctx, ref)
    for attr, reads in cls.reads.items():
        if (
            attr in own
            or attr in below
            or attr.startswith("__")
            or attr in ctx.index.foreign_stores
        ):
            continue
        if attr in {c.name for c in cls.self_calls}:
            continue  # called, not read: R106's business
        data = {
            n
            for c in [ref, *ctx.index.bases(ref).classes]
            for n in _provided(c.cls) - set(c.cls.methods)
        }
        suggestion = _suggest(attr, data, 0.6) or _suggest(attr, own)
        hint = (
            f"; did you mean `{suggestion}`?"
            if suggestion
            else "; assign it (in `__init__`) or fix the name"
        )
        seen: set[str] = set()
        for access in reads:
            if access.method in seen:
                continue
            seen.add(access.method)
            yield Finding(
                "R105",
                Severity.WARNING,
                f"`{cls.name}.{attr}` is read in `{access.method}` but never assigned in "
                f"`{cls.name}` or its bases{hint}",
                ref.file.path,
                access.span,
                None,
                _definition_related(ctx, ref, suggestion) if suggestion else [],
                _respelled(ref.file.path, attr, suggestion, reads, access.method),
            )


def _respelled(
    path: str, attr: str, suggestion: str | None, reads: Sequence[Access], method: str
) -> list[Fix]:
    """R105's fix: ``self.payed`` made ``self.paid`` at each read in ``method`` (the
    finding's; each method's finding fixes its own reads)."""
    if suggestion is None:
        return []
    edits = []
    for a in reads:
        s = a.span
        if a.method == method and s.line == s.end_line and s.end_col - len(attr) > s.col:
            edits.append(
                Edit(path, Span(s.line, s.end_col - len(attr), s.line, s.end_col), attr, suggestion)
            )
    if not edits:
        return []
    return [Fix(f"Change `self.{attr}` to `self.{suggestion}` in `{method}`", "edit", edits=edits)]


def _undefined_methods(ctx: RuleContext, ref: ClassRef) -> Iterator[Finding]:
    cls = ref.cls
    own, below = _family(ctx, ref)
    reported: set[tuple[str, str]] = set()
    for call in cls.self_calls:
        name = call.name
        if (
            name in own
            or name in below
            or name.startswith("__")
            or name in ctx.index.foreign_stores
        ):
            continue
        if (name, call.method) in reported:
            continue
        reported.add((name, call.method))
        methods: set[str] = set()
        for c in [ref, *ctx.index.bases(ref).classes]:
            methods |= set(c.cls.methods)
        suggestion = _suggest(name, methods) or _suggest(name, own)
        hint = f"; did you mean `{suggestion}`?" if suggestion else "; define it or fix the name"
        yield Finding(
            "R106",
            Severity.WARNING,
            f"`self.{name}()` is called in `{call.method}` but `{cls.name}` and its bases define "
            f"no `{name}`{hint}",
            ref.file.path,
            call.span,
            None,
            _definition_related(ctx, ref, suggestion) if suggestion else [],
        )


def _method_called(
    ctx: RuleContext, ref: ClassRef, name: str, overridden: set[str]
) -> tuple[ClassRef, MethodFacts] | None:
    """The plain method ``self.name()`` runs: the first definition in the class and its
    bases, when no subclass overrides it and no decorator may change it."""
    if name in overridden:
        return None
    owner = next(
        (c for c in [ref, *ctx.index.bases(ref).classes] if name in c.cls.class_names), None
    )
    if owner is None or name not in owner.cls.methods:
        return None
    m = owner.cls.methods[name]
    if any(d not in _PLAIN_METHOD_DECORATORS for d in m.decorators):
        return None
    return owner, m


def _overridden(ctx: RuleContext, ref: ClassRef) -> set[str]:
    names: set[str] = set()
    for sub in ctx.index.subclasses(ref):
        names |= sub.cls.class_names
    return names


#: How many names a result is unpacked into (said only when the number matters).
_UNPACKED_INTO = re.compile(r"unpacked into \d+ names")
#: Kinds whose values a str key never indexes (``pair()["name"]`` raises TypeError).
_NO_STR_KEYS = frozenset({"tuple", "list", "str", "bytes", "bytearray"})


def result_misuse(use: str, gives: Gives | None) -> str | None:
    """Why using a result as ``use`` says fails every time, given what the function returns
    (every value a tuple, a list or a str indexed by a str key; a literal of other than
    ``n`` items unpacked into ``n`` names), or None."""
    if gives is None or not gives.kinds or gives.falsy:
        return None
    if STR_KEY in use and gives.kinds <= _NO_STR_KEYS:
        return ", which no str key indexes (TypeError); index it by position, or return a dict"
    n = unpacked_count(use)
    if n is None or not gives.sizes or n in gives.sizes:
        return None
    sizes = " or ".join(str(k) for k in gives.sizes)
    if gives.kinds <= MAPPINGS:
        return (
            f" with {sizes} key{'s' if gives.sizes != (1,) else ''}: unpacking a dict "
            f"unpacks its keys, so {n} names raise ValueError; read the values by key "
            "(or unpack `.values()`)"
        )
    if gives.kinds <= {"tuple", "list"}:
        return (
            f" of {sizes} item{'s' if gives.sizes != (1,) else ''}, not {n} (ValueError); "
            "unpack as many names as it returns"
        )
    return None


def _unusable_results(ctx: RuleContext, ref: ClassRef) -> Iterator[Finding]:
    overridden = _overridden(ctx, ref)
    for call in ref.cls.self_calls:
        if call.result_use is None:
            continue
        found = _method_called(ctx, ref, call.name, overridden)
        if found is None:
            continue
        owner, m = found
        gives = m.gives
        why = result_misuse(call.result_use, gives)
        if why is not None and gives is not None:
            yield Finding(
                "R107",
                Severity.WARNING,
                f"The result of `self.{call.name}()` is {call.result_use} in `{call.method}`, "
                f"but `{owner.cls.name}.{call.name}` {gives.what} (line {gives.span.line + 1})"
                f"{why}",
                ref.file.path,
                call.span,
                None,
                [Related(owner.file.path, gives.span, f"`{call.name}` {gives.what}")],
            )
            continue
        if m.returns_value or m.always_raises or m.is_generator or m.is_stub or m.is_async:
            continue
        use = _UNPACKED_INTO.sub("unpacked", call.result_use)
        yield Finding(
            "R107",
            Severity.WARNING,
            f"The result of `self.{call.name}()` is {use} in `{call.method}`, but "
            f"`{owner.cls.name}.{call.name}` never returns a value (it always returns None); "
            "return the value or stop using the result",
            ref.file.path,
            call.span,
            None,
            [Related(owner.file.path, m.span, f"`{call.name}` is defined here and returns None")],
        )


def _signature_mismatches(ctx: RuleContext, ref: ClassRef) -> Iterator[Finding]:
    overridden = _overridden(ctx, ref)
    for call in ref.cls.self_calls:
        if call.splat:
            continue
        found = _method_called(ctx, ref, call.name, overridden)
        if found is None or found[1].signature is None:
            continue
        owner, m = found
        problem = _call_problem(call, m)
        if problem is None:
            continue
        sig = m.signature
        yield Finding(
            "R108",
            Severity.WARNING,
            f"`self.{call.name}(...)` in `{call.method}` {problem}: "
            f"`{owner.cls.name}.{call.name}{sig.text() if sig else '()'}` "
            f"(line {m.span.line + 1}); make the call and the definition agree",
            ref.file.path,
            call.span,
            None,
            [Related(owner.file.path, m.span, f"`{call.name}` is defined here")],
        )


def _call_problem(call: SelfCall, m: MethodFacts) -> str | None:
    """Why the arguments of ``call`` do not fit ``m``'s signature, or None if they do."""
    sig = m.signature
    if sig is None:
        return None
    positional = list(sig.positional)
    by_position_only = sig.positional_only
    if "staticmethod" not in m.decorators:
        if not positional:
            return None  # no self parameter: not a method we understand
        positional = positional[1:]
        by_position_only = max(0, by_position_only - 1)
    if call.args > len(positional) and not sig.var:
        takes = len(positional)
        return (
            f"passes {call.args} positional argument{'s' if call.args != 1 else ''}, "
            f"but it takes {takes}"
        )
    filled = {name for name, _ in positional[: call.args]}
    keyword_names = {name for name, _ in positional[by_position_only:]} | {
        name for name, _ in sig.keyword_only
    }
    for kw in call.keywords:
        if kw in filled:
            return f"passes `{kw}` twice (by position and by keyword)"
        if kw not in keyword_names and not sig.varkw:
            close = difflib.get_close_matches(kw, sorted(keyword_names), n=1, cutoff=0.6)
            hint = f" (did you mean `{close[0]}`?)" if close else ""
            return f"passes `{kw}=`, which is not a parameter{hint}"
        filled.add(kw)
    missing = [
        name
        for name, default in [*positional, *sig.keyword_only]
        if not default and name not in filled
    ]
    if missing:
        names = ", ".join(f"`{n}`" for n in missing)
        return f"does not pass the required argument{'s' if len(missing) > 1 else ''} {names}"
    return None


# -- R107 on calls of module functions ---------------------------------------------------------


def check_module(ctx: RuleContext) -> Iterator[Finding]:
    """R107 on the results of module functions (``r = make_pair(); r["x"]``, ``a, b =
    totals()``) called by their bare name in functions and methods of the workspace."""
    files = ctx.index.files
    for path, fn, uses, owner in _call_use_sites(ctx):
        if ctx.only is not None and path not in ctx.only:
            continue
        facts = files[path]
        where = f"`{owner}.{fn}`" if owner else f"`{fn}`"
        for use in uses:
            found = _module_function(ctx, facts, use.name)
            if found is None:
                continue
            home, callee = found
            gives = callee.gives
            why = result_misuse(use.use, gives)
            if why is None or gives is None:
                continue
            line = f"line {gives.span.line + 1}"
            if home.path != path:
                line = f"{home.module or home.path}, {line}"
            yield Finding(
                "R107",
                Severity.WARNING,
                f"The result of `{use.name}()` is {use.use} in {where}, but `{use.name}` "
                f"{gives.what} ({line}){why}",
                path,
                use.span,
                None,
                [Related(home.path, gives.span, f"`{use.name}` {gives.what}")],
            )


def _call_use_sites(ctx: RuleContext) -> list[tuple[str, str, tuple[CallUse, ...], str]]:
    """Every function and method with :attr:`MethodFacts.call_uses` in the files checked,
    as (path, function name, its call uses, qualified name of its class or ""), found once
    per index and set of files, without loading a pickled body (:func:`call_use_sites`)."""
    memo = ctx.index.memo
    name = "call-use-sites" if ctx.only is None else f"call-use-sites {sorted(ctx.only)}"
    found = memo.get(name)
    if found is None:
        found = []
        files = ctx.index.files
        if ctx.only is None:
            refs, checked = ctx.index.classes, list(files.values())
        else:
            paths = sorted(p for p in ctx.only if p in files)
            refs = [ref for path in paths for ref in ctx.index.classes_in(path)]
            checked = [files[p] for p in paths]
        sites = ctx.index.sites
        for ref in refs:
            if sites(ref.cls)[2]:
                for fn, uses in call_use_sites(ref.cls):
                    found.append((ref.file.path, fn, uses, ref.cls.qualname))
        for f in checked:
            for fn, uses in call_use_sites(f):
                found.append((f.path, fn, uses, ""))
        memo[name] = found
    return found  # type: ignore[return-value]


def _module_function(
    ctx: RuleContext, facts: FileFacts, name: str
) -> tuple[FileFacts, MethodFacts] | None:
    """The module function ``name`` calls in ``facts``: defined once there and bound to
    nothing else, or imported from a module of the workspace that defines it so (``name``
    itself, or ``util.name`` with the module imported as ``util``)."""
    head, dot, rest = name.partition(".")
    origin = facts.imports.get(head)
    if dot:  # `util.make_pair`: a function of the workspace module imported as `util`
        if origin is None or "." in rest:
            return None
        origin = f"{origin}.{rest}"
    elif origin is None:
        fn = _only_function(facts, name)
        return (facts, fn) if fn is not None else None
    module, _, last = origin.rpartition(".")
    homes = [f for f in ctx.index.files.values() if f.module == module and module]
    if len(homes) != 1:
        return None
    fn = _only_function(homes[0], last)
    return (homes[0], fn) if fn is not None else None


def _only_function(facts: FileFacts, name: str) -> MethodFacts | None:
    if name in facts.imports or name in facts.rebound or facts.functions.count(name) != 1:
        return None
    if any(v == name for v, _ in facts.variables) or any(c.name == name for c in facts.classes):
        return None
    found = [f for f in facts.function_facts if f.name == name]
    return found[0] if len(found) == 1 else None
