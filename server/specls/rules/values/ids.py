"""V106 and V110: ids and numbers read or written in a shape the decision refuses."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from specls.findings import Finding
from specls.rules.values.common import q
from specls.rules.values.context import FunctionContext, ValueRule
from specls.values import shapes
from specls.values.facts import V
from specls.values.reading import Write, is_read, view, walk


def check_shape(fn: FunctionContext, rule: ValueRule) -> Iterator[Finding]:
    d = rule.d
    as_int = d.type == "int"
    samples = rule.samples

    def source(n: V) -> bool:
        return is_read(n, d.field)

    for node, _parents, _ in fn.nodes():
        if node.op == "call" and node.name == "int" and len(node.args) == 1 and not node.extra:
            if not any(is_read(n, d.field) for n, _ in walk(node.args[0])):
                continue
            problem = _tried(node, source, samples, as_int)
            if problem:
                yield from fn.emit(
                    rule,
                    "V106",
                    f"`int(...)` of {q(d.field)} {problem}; decision `{rule.entry.id}` says it "
                    f"is shaped `{d.pattern}`, its value the group",
                    node.span,
                    "pattern",
                )
    for w in fn.writes():
        if w.name == d.to_field and d.field != d.to_field:
            value = w.value
            base, _ = view(value)
            if value.op == "call" and value.name == "int":
                continue  # (judged above)
            if is_read(base, d.field):
                yield from fn.emit(
                    rule,
                    "V106",
                    f"{q(d.to_field)} is given the whole {q(d.field)} ({samples[0].text!r}), "
                    f"but decision `{rule.entry.id}` says its value is the group of "
                    f"`{d.pattern}` ({_value_of(samples[0], as_int)!r})",
                    value.span,
                    "pattern",
                )
            elif as_int and any(is_read(n, d.field) for n, _ in walk(value)):
                try:
                    got = shapes.apply(value, source, samples[0].text)
                except (shapes.Unknown, ValueError, IndexError, TypeError):
                    continue
                if isinstance(got, str):
                    yield from fn.emit(
                        rule,
                        "V106",
                        f"{q(d.to_field)} is given the text {got!r} of {q(d.field)}, but "
                        f"decision `{rule.entry.id}` says the value is the number "
                        f"{_value_of(samples[0], True)!r}",
                        value.span,
                        "type",
                    )
        elif w.name == d.field and d.to_field:
            yield from _produced(fn, rule, w)


def _produced(fn: FunctionContext, rule: ValueRule, w: Write) -> Iterator[Finding]:
    from specls.patterns import PatternError, compile_pattern

    d = rule.d
    try:
        pattern = compile_pattern(d.pattern)
    except PatternError:
        return
    values = [_value_of(s, d.type == "int") for s in rule.samples]
    texts = []
    for value in values:
        try:
            texts.append(shapes.render(w.value, value, lambda n: is_read(n, d.to_field)))
        except (shapes.Unknown, ValueError, TypeError):
            return
    bad = [t for t in texts if not pattern.fullmatch(t)]
    if bad:
        yield from fn.emit(
            rule,
            "V106",
            f"{q(d.field)} is written as {bad[0]!r}, which does not match `{d.pattern}`, "
            f"the shape decision `{rule.entry.id}` sets",
            w.value.span,
            "pattern",
        )


# -- V107 -----------------------------------------------------------------------------------


def check_separator(fn: FunctionContext, rule: ValueRule) -> Iterator[Finding]:
    d = rule.d
    sep = d.decimal_separator
    samples = shapes.number_samples(sep)

    def source(n: V) -> bool:
        return is_read(n, d.field)

    for node, parents, _ in fn.nodes():
        if (
            node.op != "call"
            or node.name.rsplit(".", 1)[-1] not in ("float", "Decimal")
            or len(node.args) != 1
        ):
            continue
        if (
            parents
            and parents[-1].op == "call"
            and parents[-1].name.rsplit(".", 1)[-1] in ("float", "Decimal")
        ):
            continue  # (the outer call is judged)
        if not any(is_read(n, d.field) for n, _ in walk(node.args[0])):
            continue
        for text, want in samples:
            try:
                got = shapes.apply(node, source, text)
            except shapes.Unknown:
                break
            except (ValueError, IndexError):
                problem = f"raises for {text!r}"
            else:
                if not isinstance(got, Decimal) or got == want:
                    continue
                problem = f"gives {got.normalize():f} for {text!r}"
            yield from fn.emit(
                rule,
                "V110",
                f"`{node.name.rsplit('.', 1)[-1]}(...)` of {q(d.field)} {problem}; decision "
                f"`{rule.entry.id}` says its decimal separator is {sep!r}",
                node.span,
                "decimal_separator",
            )
            break
    if not d.to_field:
        return
    for w in fn.writes():
        if w.name != d.field:
            continue
        try:
            text = shapes.render(w.value, Decimal("12.5"), lambda n: is_read(n, d.to_field))
        except (shapes.Unknown, ValueError, TypeError):
            continue
        other = "." if sep == "," else ","
        if other in text:
            yield from fn.emit(
                rule,
                "V110",
                f"{q(d.field)} is written as {text!r}, but decision `{rule.entry.id}` says its "
                f"decimal separator is {sep!r}",
                w.value.span,
                "decimal_separator",
            )


def _tried(node: V, source: Any, samples: list[shapes.Sample], as_int: bool) -> str | None:
    """What is wrong with ``int(...)`` of the field on the samples, or None."""
    for sample in samples:
        try:
            got = shapes.apply(node, source, sample.text)
        except shapes.Unknown:
            return None
        except (ValueError, IndexError):
            return f"raises for {sample.text!r}"
        want = _value_of(sample, True)
        if got != want:
            return f"gives {got!r} for {sample.text!r} (the value is {want!r})"
    del as_int
    return None


def _value_of(sample: shapes.Sample, as_int: bool) -> Any:
    if as_int:
        try:
            return int(sample.value)
        except ValueError:
            return sample.value
    return sample.value
