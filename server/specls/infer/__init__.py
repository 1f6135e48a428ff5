"""Infer the decisions code already makes: proposals for ``spec.toml``.

A codebase that adopts specls is rarely new: its decisions exist, implicitly, in code that is
consistent today. :func:`infer` reads them from the facts and proposes each as a decision
with ``status = "proposed"``, one module per kind of decision:

- :mod:`~specls.infer.representation`: attributes used in two or more methods whose every
  use agrees on one container kind (R101's and R102's own judgement of the evidence), with
  their element shape when it is strong;
- :mod:`~specls.infer.naming`: a pattern per kind of symbol when the names agree
  overwhelmingly (the share and the exceptions are reported; the exceptions are written into
  the pattern, so they stay allowed until renamed);
- :mod:`~specls.infer.behaviour`: methods that visibly raise, or return a sentinel, right
  after testing an empty or missing case;
- :mod:`~specls.infer.invariants`: conditions the code guards before every change
  (``self.balance >= 0``, ``unique(self.tags)``, ``sorted(self.events)``);
- :mod:`~specls.infer.values`: the same conversion wherever a field becomes another
  (``amount / 100`` at every write of ``total``), one format for a field.

Precision comes first: weak or mixed evidence gives nothing. Every proposal is then checked
by the rules themselves against the code it came from (:mod:`~specls.infer.verify`): one the
rules would find anything against is dropped. So recording the proposals changes nothing a
check reports about the code as it is, and a later edit that diverges from one is reported
against it.

Targets a decision of the spec already governs (in any status: a rejected proposal is not
proposed again) are skipped. Ids are made from the names involved, so the same code gives
the same ids on every run.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from specls.records import field, record
from specls.span import Span

if TYPE_CHECKING:
    from specls.engine import Workspace
    from specls.index import ClassRef

KINDS = ("representation", "naming", "behaviour", "invariant", "value")


@record()
class Proposal:
    """A decision the code already makes, ready to record.

    ``fields`` are the decision's TOML fields (``kind``, ``target``, the value, ``summary``,
    ``rationale``, ``status = "proposed"``); ``evidence`` is what it was inferred from, as
    ``(path, span, what)``; ``target`` is ``None`` for a naming decision on the whole
    workspace."""

    id: str
    kind: str
    target: str | None
    fields: dict[str, Any]
    summary: str
    rationale: str
    evidence: list[tuple[str, Span, str]] = field(default_factory=list)
    #: The one-line description :meth:`describe` gives.
    description: str = ""

    def describe(self) -> str:
        """One line: "`Inventory.items` is used as a dict keyed by str in `add`, `get` — no
        decision"."""
        return self.description or f"{self.summary} — no decision"


@record(frozen=True)
class Scope:
    """Where proposals are drawn from: some files, some classes (``None``: no limit).

    The evidence is always read in the whole workspace (a subclass elsewhere, a store from
    another module); the scope only says which targets to propose."""

    paths: frozenset[str] | None = None
    classes: frozenset[tuple[str, str]] | None = None

    def has_file(self, path: str) -> bool:
        if self.classes is not None:
            return any(p == path for p, _ in self.classes)
        return self.paths is None or path in self.paths

    def has_class(self, ref: ClassRef) -> bool:
        if self.classes is not None:
            return ref.key in self.classes
        return self.paths is None or ref.file.path in self.paths

    @property
    def classes_only(self) -> bool:
        """The scope is some classes: workspace-wide decisions (naming) are not proposed."""
        return self.classes is not None

    @classmethod
    def of_paths(cls, ws: Workspace, paths: Iterable[Path]) -> Scope:
        """The files of the workspace that are, or are under, ``paths``."""
        wanted = [p.resolve() for p in paths]
        found = set()
        for key in ws.files:
            real = Path(key).resolve()
            if any(real == w or real.is_relative_to(w) for w in wanted):
                found.add(key)
        return cls(paths=frozenset(found))

    @classmethod
    def of_class(cls, ref: ClassRef) -> Scope:
        """One class (the editor's "Record the implicit decisions of this class")."""
        return cls(classes=frozenset({ref.key}))


def infer(
    ws: Workspace, *, kinds: set[str] | None = None, scope: Scope | None = None
) -> list[Proposal]:
    """The decisions the code in ``scope`` already makes that the spec does not record, as
    proposals (of ``kinds`` only, when given), in a stable order."""
    from specls.infer import behaviour, invariants, naming, representation, values, verify
    from specls.infer.common import Decided, Ids, context

    wanted = set(KINDS) if kinds is None else set(kinds) & set(KINDS)
    if not wanted:
        return []
    scope = scope or Scope()
    ctx = context(ws)
    decided = Decided(ctx)
    ids = Ids(decided)
    found: list[Proposal] = []
    modules = {
        "representation": representation,
        "naming": naming,
        "behaviour": behaviour,
        "invariant": invariants,
        "value": values,
    }
    for kind in KINDS:
        if kind in wanted:
            found.extend(modules[kind].infer(ctx, scope, decided, ids))
    return verify.kept(ws, ctx, found)
