"""Rules: pure functions from the workspace index and the spec to findings.

Each rule module exposes ``check(ctx)``; :data:`RULES` describes every code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from specls.facts import Span
from specls.findings import Finding, Related, Severity
from specls.index import ClassRef, WorkspaceIndex
from specls.records import field, record
from specls.spec.load import DecisionEntry, Spec


@record(frozen=True)
class RuleInfo:
    """What a code means, in one line, and its name (as ruff names its rules)."""

    code: str
    name: str
    summary: str
    severity: Severity = Severity.WARNING


RULES: dict[str, RuleInfo] = {
    r.code: r
    for r in [
        RuleInfo(
            "R101",
            "mixed-representation",
            "An attribute is used as different kinds of value within one class.",
        ),
        RuleInfo(
            "R102",
            "diverges-from-decision",
            "Use of an attribute diverges from a representation decision in the spec.",
        ),
        RuleInfo(
            "R103",
            "diverges-from-claim",
            "Use of an attribute diverges from its docstring or annotation.",
        ),
        RuleInfo(
            "R104",
            "mixed-item-shape",
            "The items of a container are built and used in different shapes.",
        ),
        RuleInfo(
            "R105",
            "attribute-never-assigned",
            "An attribute is read but never assigned in the class or its bases.",
        ),
        RuleInfo(
            "R106",
            "undefined-method",
            "A method is called on self but defined nowhere in the class or its bases.",
        ),
        RuleInfo(
            "R107",
            "unusable-result",
            "A result is used as its function's returns never are (None; a tuple read by a str "
            "key; a dict unpacked into other than its number of keys).",
        ),
        RuleInfo(
            "R108",
            "call-signature-mismatch",
            "A call on self passes arguments the method's signature does not accept.",
        ),
        RuleInfo(
            "I101",
            "invariant-broken",
            "A literal assigned to an attribute or a module name breaks an invariant decision.",
        ),
        RuleInfo(
            "I102",
            "unguarded-mutation",
            "A change that can break an invariant decision, with no check in the method.",
        ),
        RuleInfo(
            "I103",
            "frozen-reassigned",
            "An attribute the spec freezes after `__init__` is assigned elsewhere.",
        ),
        RuleInfo(
            "I104",
            "sequence-invariant",
            "An item added to a sorted or unique sequence without re-sorting or a check.",
        ),
        RuleInfo(
            "N101",
            "name-pattern",
            "A name does not match the pattern a naming decision sets for its kind of symbol.",
        ),
        RuleInfo(
            "N102",
            "avoided-term",
            "A name uses a term the spec's glossary avoids (it names the preferred term).",
        ),
        RuleInfo(
            "E101",
            "missing-raise",
            "A function never raises the exception a behaviour decision names.",
        ),
        RuleInfo(
            "E102",
            "wrong-edge-behaviour",
            "A function returns where a behaviour decision says raise, or raises where it "
            "says return.",
        ),
        RuleInfo(
            "E103",
            "docstring-contradicts-behaviour",
            "A docstring's Raises or Returns section contradicts a behaviour decision.",
        ),
        RuleInfo(
            "V101",
            "value-conversion",
            "A field becomes its counterpart without the decided conversion, or with another "
            "factor or rounding.",
        ),
        RuleInfo(
            "V102",
            "value-format",
            "A date or time is parsed or written with another format than decided.",
        ),
        RuleInfo(
            "V103",
            "value-timezone",
            "A naive datetime is made for a zoned field, or a time is given another zone.",
        ),
        RuleInfo(
            "V104",
            "value-absent",
            "A field that may be missing is read as if always present, or defaulted otherwise.",
        ),
        RuleInfo(
            "V105",
            "value-boolean",
            "A boolean encoding is compared with values it does not list, or tested for truth.",
        ),
        RuleInfo(
            "V106",
            "value-shape",
            "An id is parsed or written in a way its decided pattern cannot satisfy.",
        ),
        RuleInfo(
            "V107",
            "value-cardinality",
            "A single value where a list is decided, or a list where one value is.",
        ),
        RuleInfo(
            "V108",
            "value-code-map",
            "A code is mapped with a table that contradicts the decided map.",
        ),
        RuleInfo(
            "V109",
            "value-index-base",
            "A position counted from 1 is used as a 0-based index, or the reverse.",
        ),
        RuleInfo(
            "V110",
            "value-decimal-separator",
            "A number is read or written with another decimal separator than decided.",
        ),
        RuleInfo(
            "E999",
            "syntax-error",
            "A file does not parse; the rest of it is checked as the parser recovers it.",
            Severity.ERROR,
        ),
        RuleInfo(
            "S001",
            "invalid-spec",
            "The spec file is not valid TOML or not a valid spec.",
            Severity.ERROR,
        ),
        RuleInfo("S002", "duplicate-decision", "A decision id is declared twice.", Severity.ERROR),
        RuleInfo("S003", "stale-target", "A decision's target names nothing in the workspace."),
        RuleInfo(
            "S004", "conflicting-decisions", "Two accepted decisions disagree about one target."
        ),
        RuleInfo(
            "S005",
            "unknown-reference",
            "A `# spec: <id>` comment names a decision that does not exist.",
        ),
        RuleInfo(
            "S006",
            "unknown-successor",
            "A superseded decision names a successor that does not exist.",
        ),
        RuleInfo(
            "S007",
            "reference-to-retired",
            "A `# spec: <id>` comment names a superseded or rejected decision.",
            Severity.INFO,
        ),
        RuleInfo(
            "S008",
            "unchecked-decision",
            "A decision's expression or value is outside what specls can check.",
            Severity.INFO,
        ),
        RuleInfo(
            "S009",
            "unused-suppression",
            "A `# spec: ignore[...]` silences nothing, or names a code that does not exist.",
        ),
        RuleInfo(
            "D101",
            "drift-since-decision",
            "Code a decision governs changed after the commit it was decided at (on in the "
            "editor; in check, select it).",
            Severity.HINT,
        ),
    ]
}

#: Codes that run only when selected by name or prefix (``--select D101``) or turned on by
#: a face (:attr:`Settings.default_on`: the editor): they cost more than a check (D101
#: reads git history) or prompt a review rather than find a problem.
OFF_BY_DEFAULT = frozenset({"D101"})


@record()
class RuleContext:
    """What rules read: the index, the spec and where it lives."""

    index: WorkspaceIndex
    spec: Spec
    spec_path: str | None = None
    #: How messages name the spec file (relative to the workspace root).
    spec_display: str = "spec.toml"
    #: True when the index covers the whole workspace (stale targets can be judged).
    whole_workspace: bool = True
    #: Only report on these files (and the spec file); None reports on every file.
    only: frozenset[str] | None = None
    #: Representation decisions by (file path, class qualname), then attribute.
    _decisions: dict[tuple[str, str], dict[str, list[DecisionEntry]]] | None = field(default=None)
    #: Decisions per kind, then class, on the class itself (see :meth:`decisions_on`).
    _by_class: dict[str, dict[tuple[str, str], list[tuple[DecisionEntry, str | None]]]] = field(
        default_factory=dict
    )
    #: What a rule module computes once per context (its decisions, prepared).
    memo: dict[str, Any] = field(default_factory=dict)
    #: The workspace root (rules that read beyond the facts, such as git history, need it).
    root: str | None = None
    #: The codes and prefixes selected explicitly (``--select``, ``[tool.specls] select``),
    #: and the codes off by default that a face turns on (the editor: D101).
    selected: tuple[str, ...] = ()
    #: A file's current bytes (an editor's buffer when it has one); None: read the disk.
    read: Callable[[str], bytes | None] | None = None
    #: What rules keep across runs of one workspace (a server's session: git's answers).
    session: dict[str, Any] = field(default_factory=dict)
    #: The findings kept from the last ``specls check`` (a
    #: :class:`specls.incremental.ClassFindings`), or None.
    stored: Any = None
    #: The crossclass rule's units an editor's workspace keeps between checks (a
    #: :class:`specls.incremental.EditorUnits`), or None.
    units: Any = None

    def explicitly_selected(self, code: str) -> bool:
        """Whether ``code`` was asked for by name or prefix (:data:`OFF_BY_DEFAULT` codes
        run only then)."""
        return any(s == "ALL" or code.startswith(s) for s in self.selected if s)

    def decisions_for(self, path: str, qualname: str, attr: str) -> list[DecisionEntry]:
        """Enforced representation decisions that target one attribute."""
        if self._decisions is None:
            self._decisions = {}
        key = (path, qualname)
        members = self._decisions.get(key)
        if members is None:
            members = self._decisions[key] = {}
            for ref in self.index.classes_in(path):  # (a class defined twice: both)
                if ref.cls.qualname == qualname:
                    for entry, member in self._on_class(ref, "representation"):
                        if member is not None:
                            members.setdefault(member, []).append(entry)
        return members.get(attr, [])

    def decisions_on(self, ref: ClassRef, kind: str) -> list[tuple[DecisionEntry, str | None]]:
        """Enforced decisions of ``kind`` on a class or its bases, with the member they name
        (``None`` for the class itself): a subclass honours its bases' decisions."""
        out = list(self._on_class(ref, kind))
        for base in self.index.bases(ref).classes:
            out.extend(self._on_class(base, kind))
        return out

    def _on_class(self, ref: ClassRef, kind: str) -> list[tuple[DecisionEntry, str | None]]:
        """The decisions of ``kind`` on ``ref`` itself (found from the names they end with:
        not by resolving every decision of the spec)."""
        from specls.rules.lookup import on_class

        table = self._by_class.setdefault(kind, {})
        found = table.get(ref.key)
        if found is None:
            memo = self.memo.setdefault("names-class", {})
            found = table[ref.key] = on_class(self.index, self.spec, kind, ref, memo)
        return found

    def classes(self) -> list[ClassRef]:
        """The classes to report on."""
        if self.only is None:
            return self.index.classes
        return [ref for path in sorted(self.only) for ref in self.index.classes_in(path)]

    def against(
        self, entry: DecisionEntry, code: str, message: str, path: str, span: Span, field: str
    ) -> Finding:
        """A finding against ``entry``: its severity, and its ``field`` in the spec as related."""
        related = (
            [Related(self.spec_path, entry.field_span(field), f"decision `{entry.id}`")]
            if self.spec_path
            else []
        )
        return Finding(code, self.decision_severity(entry), message, path, span, entry.id, related)

    def decision_severity(self, entry: DecisionEntry) -> Severity:
        """Severity of a finding against ``entry``: hint while proposed, else its own."""
        if entry.decision.status == "proposed":
            return Severity.HINT
        return Severity(entry.decision.severity or "warning")


Rule = Callable[[RuleContext], Iterable[Finding]]
ClassRule = Callable[[RuleContext, ClassRef], Iterable[Finding]]


def class_rules() -> list[ClassRule]:
    """Rules that look at one class at a time (their findings can be cached per class)."""
    from specls.rules import behaviour, invariants, members, naming, representation

    return [
        representation.check_class,
        members.check_class,
        invariants.check_class,
        behaviour.check_class,
        naming.check_class,
    ]


def global_rules() -> list[Rule]:
    """Rules about the spec file and references to it, module-level code, and syntax
    errors (S009, unused suppressions, is judged after every rule: see the engine)."""
    from specls.rules import (
        behaviour,
        crossclass,
        drift,
        invariants,
        members,
        naming,
        specfile,
        syntax,
        values,
    )

    return [
        specfile.check,
        crossclass.check,
        members.check_module,
        invariants.check_module,
        behaviour.check_module,
        naming.check_module,
        values.check,
        drift.check,
        syntax.check,
    ]
