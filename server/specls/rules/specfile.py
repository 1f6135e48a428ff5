"""S001-S007: the spec file itself, and references to it from code."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from specls.facts import FileFacts
from specls.findings import Finding, Related, Severity
from specls.records import record
from specls.rules import RULES, RuleContext
from specls.rules.lookup import (
    adding,
    decision_type,
    derived,
    entries,
    invariant,
    module_suffixes,
    suggestions,
    touched,
    without,
)
from specls.spec.load import DecisionEntry, Spec


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Findings about the spec file and about ``# spec:`` references."""
    path = ctx.spec_path or "spec.toml"
    key = ("specfile", path)
    own = ctx.spec.memo.get(key)
    if own is None:  # (what the spec alone says: once per spec, not once per edit of code)
        own = ctx.spec.memo[key] = list(_of_spec(ctx, path))
    yield from own
    if ctx.whole_workspace:
        yield from _stale(ctx, path)
    yield from _references(ctx)


def _of_spec(ctx: RuleContext, path: str) -> Iterator[Finding]:
    """The findings that depend on the spec alone (each from a state derived from the spec
    before, for an edit of it: the findings of an edit cost the findings, not the spec)."""
    for p in ctx.spec.problems:
        yield Finding(p.code, RULES[p.code].severity, p.message, path, p.span, p.decision_id)
    yield from _conflicts(ctx, path)
    yield from _successors(ctx, path)
    yield from _unchecked(ctx, path)


def _unchecked(ctx: RuleContext, path: str) -> Iterator[Finding]:
    """S008: an invariant or a returned value that specls cannot read (so cannot check)."""
    spec = ctx.spec
    for ident, (reason, name) in derived(
        spec, "unchecked", _all_unchecked, _unchecked_after
    ).items():
        entry = spec.decisions[ident]
        yield Finding(
            "S008",
            RULES["S008"].severity,
            f"Decision `{entry.id}` cannot be checked: {reason}",
            path,
            entry.field_span(name),
            entry.id,
        )


def _all_unchecked(spec: Spec) -> dict[str, tuple[str, str]]:
    """The enforced decisions specls cannot check: why, and the field that says it."""
    out = {}
    for entry in spec.enforced():
        found = _unreadable(entry)
        if found is not None:
            out[entry.id] = found
    return out


def _unchecked_after(before: dict[str, tuple[str, str]], spec: Spec) -> dict[str, tuple[str, str]]:
    out = dict(before)
    removed, added = touched(spec)
    for entry in removed:
        out.pop(entry.id, None)
    for entry in added:
        found = _unreadable(entry)
        if found is not None:
            out[entry.id] = found
    return out


def _unreadable(entry: DecisionEntry) -> tuple[str, str] | None:
    """Why specls cannot check a decision, and the field that says it; None if it can."""
    memo = entry.memo
    if "unchecked" not in memo:
        memo["unchecked"] = _why_unreadable(entry)
    return memo["unchecked"]


def _why_unreadable(entry: DecisionEntry) -> tuple[str, str] | None:
    from specls.rules.behaviour import sentinel_known

    d = entry.decision
    if d.kind == "invariant":
        found = invariant(entry)
        if isinstance(found, SyntaxError):
            return f"`{d.expr}` is not a Python expression ({found.msg})", "expr"
        if isinstance(found, Exception):
            return str(found), "expr"
    elif d.kind == "behaviour" and d.returns is not None and not sentinel_known(d.returns):
        return (
            f'`returns = "{d.returns}"` is not a literal or a known phrase '
            "(None, an empty string, an empty list, zero, ...): only the docstring is checked"
        ), "returns"
    return None


@record()
class _Names:
    """What the workspace defines, as the targets of decisions name it (made once per
    index): each target is then a few lookups, not a scan of every file."""

    #: Every module's dotted name and each dotted end of it (``pkg.mod``, ``mod``).
    modules: set[str]
    #: Every dotted start of a module's name, short of the whole (``pkg`` of ``pkg.mod``).
    packages: set[str]
    #: The module-level functions, by name: the names each of their modules answers to.
    functions: dict[str, set[str]]
    #: The files each module name (and each dotted end of one) names.
    files: dict[str, list[FileFacts]]


def _names(ctx: RuleContext) -> _Names:
    found = ctx.memo.get("specfile:names")
    if found is None:
        found = ctx.memo["specfile:names"] = _Names(set(), set(), {}, {})
        for f in ctx.index.files.values():
            suffixes = list(module_suffixes(f.module))
            found.modules.update(suffixes)
            start = f.module.find(".")
            while start >= 0:
                found.packages.add(f.module[:start])
                start = f.module.find(".", start + 1)
            for name in f.functions:
                found.functions.setdefault(name, set()).update(suffixes)
            for suffix in suffixes:
                found.files.setdefault(suffix, []).append(f)
    return found


def _globals(facts: FileFacts) -> Iterator[str]:
    """The module-level names a file binds by assignment (an invariant may target one as
    ``module.NAME``)."""
    for name, _, _ in facts.constants:
        yield name
    for name, _ in facts.variables:
        yield name


def _target_exists(ctx: RuleContext, entry: DecisionEntry) -> bool:
    d = entry.decision
    target = getattr(d, "target", None)
    if not target:
        return True
    index = ctx.index
    names = _names(ctx)
    if d.kind == "naming":
        return bool(index.find_class(target)) or target in names.modules or target in names.packages
    for ref, member in index.resolve_target(target):
        if member is None or index.member_exists(ref, member):
            return True
    if d.kind in ("invariant", "behaviour"):
        if "." not in target:
            if target in names.functions:
                return True
        else:
            module, name = target.rsplit(".", 1)
            if module in names.functions.get(name, ()):
                return True
            if d.kind == "invariant" and any(
                name in _globals(f) for f in names.files.get(module, ())
            ):
                return True  # (a module-level name: ``conf.MAX_RETRIES``)
    return d.kind == "invariant" and target in names.modules  # on module-level names


Key = tuple[str, str]  # (a decision's kind, its target)


@record()
class _Stale:
    """S003 as judged on one set of files' facts, kept with the spec: on the next run only
    the targets that name what changed since are judged again (an edit of one file in a
    50,000-decision spec: its classes' decisions, not every decision); for an edit of the
    spec, only the targets of the decisions it touched."""

    files: dict[str, FileFacts]  # the facts judged (by path)
    exists: dict[Key, bool]  # per target
    by_name: dict[str, list[Key]]  # the targets a class of each name may change
    by_function: dict[str, list[Key]]  # the targets a module function of each name may change
    ids: dict[Key, list[str]]  # the enforced decisions on each target
    #: The findings of each target that names nothing (made when first asked for).
    findings: dict[Key, list[Finding]]

    def file(self, key: Key, put: Callable[[dict, str, object], None]) -> None:
        """File a new target (``put`` adds it to a list: see :mod:`specls.rules.lookup`)."""
        kind, target = key
        owner, dot, last = target.rpartition(".")
        put(self.by_name, last, key)
        if dot:
            put(self.by_name, owner.rpartition(".")[2], key)
        if kind in ("invariant", "behaviour"):
            put(self.by_function, last, key)


def _stale(ctx: RuleContext, path: str) -> Iterator[Finding]:
    """S003: decisions whose target names nothing in the workspace."""
    state: _Stale = derived(
        ctx.spec,
        f"stale:{path}",
        lambda spec: _judge_all(ctx),
        lambda before, spec: _judge_edit(ctx, before),
    )
    files = ctx.index.files
    if state.files.keys() != files.keys():
        state = ctx.spec.memo[f"stale:{path}"] = _judge_all(ctx)
    else:
        changed = [p for p, f in files.items() if state.files[p] is not f]
        if changed:
            _judge_again(ctx, state, changed)
    spec = ctx.spec
    for key, exists in state.exists.items():
        if exists:
            continue
        found = state.findings.get(key)
        if found is None:
            found = state.findings[key] = [
                Finding(
                    "S003",
                    RULES["S003"].severity,
                    f"Decision `{entry.id}` targets `{entry.decision.target}`, which names "
                    "nothing in the workspace; update the target or mark the decision superseded",
                    path,
                    entry.field_span("target"),
                    entry.id,
                )
                for entry in entries(spec, state.ids[key])
            ]
        yield from found


def _key(entry: DecisionEntry) -> Key:
    return (entry.decision.kind, getattr(entry.decision, "target", None) or "")


def _judge_all(ctx: RuleContext) -> _Stale:
    # (what this index was found to name, for another spec: an edit of the spec keeps it)
    known = ctx.index.memo.get("targets-exist")
    state = _Stale(dict(ctx.index.files), {}, {}, {}, {}, {})
    for entry in ctx.spec.enforced():
        key = _key(entry)
        ids = state.ids.get(key)
        if ids is None:
            state.ids[key] = [entry.id]
            state.file(key, _append)
        else:
            ids.append(entry.id)
    for key in state.ids:
        _judge(ctx, state, key, known)
    ctx.index.memo["targets-exist"] = state.exists
    return state


def _append(lists: dict, key: str, item: object) -> None:
    lists.setdefault(key, []).append(item)


def _judge_edit(ctx: RuleContext, before: _Stale) -> _Stale:
    """The state of the spec before, with the decisions its edit touched (for the files
    the state before judged: :func:`_stale` then judges what changed in them since)."""
    state = _Stale(
        before.files,  # (replaced, not changed, by a run that judges other files)
        dict(before.exists),
        dict(before.by_name),
        dict(before.by_function),
        dict(before.ids),
        {} if ctx.spec.edit and ctx.spec.edit.lines else dict(before.findings),
    )
    removed, added = touched(ctx.spec)
    again: set[Key] = set()
    for entry in removed:
        key = _key(entry)
        without(state.ids, key, entry.id)
        state.findings.pop(key, None)
        if key not in state.ids:
            state.exists.pop(key, None)
            state.file(key, without)
    for entry in added:
        key = _key(entry)
        if key not in state.ids:
            state.file(key, adding)
            again.add(key)
        adding(state.ids, key, entry.id)
        state.findings.pop(key, None)
    for key in again:  # (on the files as they are: what changed since, _stale judges)
        _judge(ctx, state, key)
    return state


def _judge(ctx: RuleContext, state: _Stale, key: Key, known: dict | None = None) -> None:
    exists = known.get(key) if known else None
    if exists is None:
        exists = _target_exists(ctx, ctx.spec.decisions[state.ids[key][0]])
    if state.exists.get(key) != exists:
        state.exists[key] = exists
        state.findings.pop(key, None)


def _judge_again(ctx: RuleContext, state: _Stale, changed: list[str]) -> None:
    """Judge again the targets that may name something else since the files ``changed``:
    those ending with the name of a class of theirs (as it was or is), or of a class whose
    bases, or their bases, look up one; or with the name of a function or module-level
    name of theirs."""
    index = ctx.index
    classes: set[str] = set()
    functions: set[str] = set()
    files = state.files = dict(state.files)  # (a state before may still be another's)
    for p in changed:
        for facts in (files[p], index.files[p]):
            classes.update(c.name for c in facts.classes)
            functions.update(facts.functions)
            functions.update(_globals(facts))
        files[p] = index.files[p]
    names = index.names_reached(classes)
    again = {key for name in names for key in state.by_name.get(name, ())}
    again.update(key for name in functions for key in state.by_function.get(name, ()))
    state.exists = dict(state.exists)  # (the index before keeps what it named)
    for key in again:
        if key in state.ids:
            _judge(ctx, state, key)
    index.memo["targets-exist"] = state.exists


def _normal(entry: DecisionEntry) -> tuple:
    found = entry.memo.get("normal")
    if found is None:
        found = entry.memo["normal"] = _normal_form(entry)
    return found


def _normal_form(entry: DecisionEntry) -> tuple:
    d = entry.decision
    if d.kind == "representation":
        info = decision_type(entry)
        return ("type", info.kinds or d.type.replace(" ", ""), info.item, info.key)
    if d.kind == "behaviour":
        return ("behaviour", d.raises, d.returns)
    if d.kind == "invariant":
        return ("expr", d.expr.replace(" ", ""))
    return ("naming", d.prefer, tuple(d.avoid), d.pattern)


def _group(entry: DecisionEntry) -> tuple | None:
    """Which accepted decisions must agree with ``entry`` (None: none need)."""
    d = entry.decision
    if d.status != "accepted" or d.kind not in ("representation", "behaviour"):
        return None
    return (d.kind, d.target, getattr(d, "when", None))


@record()
class _Groups:
    """The accepted decisions (ids) that must agree, by what they decide about; the groups
    of more than one (only those can disagree), and their findings (made when first asked
    for, by the spec file's path and the group)."""

    ids: dict[tuple, list[str]]
    several: set[tuple]
    findings: dict[tuple, dict[str, list[Finding]]]


def _all_groups(spec: Spec) -> _Groups:
    groups = _Groups({}, set(), {})
    for entry in spec.decisions.values():
        key = _group(entry)
        if key is not None:
            ids = groups.ids.setdefault(key, [])
            ids.append(entry.id)
            if len(ids) == 2:
                groups.several.add(key)
    return groups


def _groups_after(before: _Groups, spec: Spec) -> _Groups:
    edit = spec.edit
    assert edit is not None
    # (findings kept while no decision moved: they hold where the decisions are)
    groups = _Groups(
        dict(before.ids),
        set(before.several),
        {} if edit.lines else {k: dict(v) for k, v in before.findings.items()},
    )
    for entries_, put in ((edit.removed, without), (edit.added, adding)):
        for entry in entries_:
            key = _group(entry)
            if key is not None:
                put(groups.ids, key, entry.id)
                if len(groups.ids.get(key, ())) > 1:
                    groups.several.add(key)
                else:
                    groups.several.discard(key)
                groups.findings.pop(key, None)
    return groups


def _conflicts(ctx: RuleContext, path: str) -> Iterator[Finding]:
    spec = ctx.spec
    groups = derived(spec, "conflicts", _all_groups, _groups_after)
    for key in groups.several:
        by_path = groups.findings.setdefault(key, {})
        found = by_path.get(path)
        if found is None:
            found = by_path[path] = list(_disagreeing(spec, path, groups.ids[key]))
        yield from found


def _disagreeing(spec: Spec, path: str, ids: list[str]) -> Iterator[Finding]:
    first, *others = entries(spec, ids)
    for entry in others:
        if _normal(first) != _normal(entry):
            yield Finding(
                "S004",
                RULES["S004"].severity,
                f"Decisions `{first.id}` and `{entry.id}` are both accepted and disagree about "
                f"`{entry.decision.target}`; supersede one of them",
                path,
                entry.span,
                entry.id,
                [Related(path, first.span, f"decision `{first.id}`")],
            )


def _all_successors(spec: Spec) -> dict[str, str]:
    """The successor each superseded decision names (by its id)."""
    return {
        e.id: e.decision.superseded_by for e in spec.decisions.values() if e.decision.superseded_by
    }


def _successors_after(before: dict[str, str], spec: Spec) -> dict[str, str]:
    out = dict(before)
    edit = spec.edit
    assert edit is not None
    for entry in edit.removed:
        out.pop(entry.id, None)
    for entry in edit.added:
        if entry.decision.superseded_by:
            out[entry.id] = entry.decision.superseded_by
    return out


def _successors(ctx: RuleContext, path: str) -> Iterator[Finding]:
    spec = ctx.spec
    for ident, succ in derived(spec, "successors", _all_successors, _successors_after).items():
        if succ not in spec.declared:
            entry = spec.decisions[ident]
            yield Finding(
                "S006",
                RULES["S006"].severity,
                f"Decision `{entry.id}` is superseded by `{succ}`, which does not exist"
                f"{_did_you_mean(ctx, succ)}",
                path,
                entry.field_span("superseded_by"),
                entry.id,
            )


def _did_you_mean(ctx: RuleContext, name: str) -> str:
    close = suggestions(ctx.spec).closest(name)
    return f"; did you mean `{close}`?" if close else ""


def _references(ctx: RuleContext) -> Iterator[Finding]:
    spec = ctx.spec
    for f in ctx.index.files.values():
        if ctx.only is not None and f.path not in ctx.only:
            continue
        for ref in f.spec_refs:
            if ref.id not in spec.declared:
                yield Finding(
                    "S005",
                    RULES["S005"].severity,
                    f"`# spec: {ref.id}` names no decision in the spec{_did_you_mean(ctx, ref.id)}",
                    f.path,
                    ref.span,
                    ref.id,
                )
                continue
            entry = spec.decisions.get(ref.id)
            if entry is not None and entry.decision.status in ("superseded", "rejected"):
                succ = entry.decision.superseded_by
                yield Finding(
                    "S007",
                    Severity.INFO,
                    f"`# spec: {ref.id}` refers to a {entry.decision.status} decision"
                    + (f"; its successor is `{succ}`" if succ else ""),
                    f.path,
                    ref.span,
                    ref.id,
                    [Related(ctx.spec_path or "", entry.span, f"decision `{entry.id}`")]
                    if ctx.spec_path
                    else [],
                )
