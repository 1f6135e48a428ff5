"""The engine every face uses: files in, findings out.

``Workspace`` holds per-file facts and the spec, can update one file or the spec alone, and
runs the rules; :mod:`specls.run` is the one-shot form the CLI uses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from specls.cache import Cache, content_digest
from specls.config import Settings
from specls.discovery import module_name, read_source
from specls.facts import FileFacts
from specls.findings import Finding
from specls.incremental import EditorClasses, EditorUnits, Outlines
from specls.index import ClassRef, WorkspaceIndex
from specls.records import replace
from specls.rules import RuleContext, class_rules, global_rules
from specls.spec.load import Spec, load_spec

if TYPE_CHECKING:
    from collections.abc import Sequence

    from tree_sitter import Node, Tree

    from specls.extract import ChunkCache
    from specls.incremental import ClassFindings


#: A class's findings as checked: the key to keep them under for the next run (None when
#: they are not to be kept), the findings and the rules that failed on it.
_Checked = tuple[bytes | None, list[Finding], list[tuple[str, str, str]]]
#: A workspace of at least this many classes shares their rules with a child when asked
#: (``parallel``): about 0.1 ms of rules per class against 10 to 30 ms to fork and send.
PARALLEL_CLASSES = 800
#: Classes per chunk of that sharing (Django's 1,910 classes make 80).
CLASS_CHUNK = 24


def _check_class(
    ctx: RuleContext, ref: ClassRef, rules: list[Any], stored: ClassFindings | None
) -> _Checked:
    """A class's findings: those the last run kept (``stored``), or every class rule's."""
    stored_key = stored.key(ref) if stored is not None else None
    if stored_key is not None and (kept := stored.get(stored_key)) is not None:
        return stored_key, kept, []
    found: list[Finding] = []
    failed: list[tuple[str, str, str]] = []
    for rule in rules:
        try:
            found.extend(rule(ctx, ref))
        except Exception:  # one broken rule must not silence the others
            failed.append((_rule_name(rule), ref.dotted, _traceback()))
    return stored_key, found, failed


def _rule_name(rule: object) -> str:
    return getattr(rule, "__module__", "?")


def _traceback() -> str:
    import traceback

    return traceback.format_exc()


#: The kinds of decisions the class rules find on a class (behaviour last: see
#: :meth:`Workspace._check_class`).
_DECIDED_KINDS = ("representation", "invariant", "behaviour")
#: The findings kept for a class that has none (shared: never changed).
_NO_FINDINGS: list[Finding] = []


class Workspace:
    """Facts of a set of files plus the spec; cheap to update one file at a time."""

    def __init__(self, settings: Settings, *, reuse_findings: bool = True) -> None:
        """``reuse_findings`` keeps each class's findings for the next run (an editor's
        workspace); a one-shot run turns it off and holds nothing it will not read again."""
        self.settings = settings
        self.reuse_findings = reuse_findings
        self.files: dict[str, FileFacts] = {}
        self.spec: Spec = Spec(None)
        self.notes: list[str] = []
        #: A file's current bytes for rules that compare with its history (None: the disk).
        self.reader: Callable[[str], bytes | None] | None = None
        #: What rules keep from one run to the next (see :attr:`RuleContext.session`).
        self.session: dict[str, Any] = {}
        self._index: WorkspaceIndex | None = None
        #: The index last made (the next one takes over what it found of its classes).
        self._last_index: WorkspaceIndex | None = None
        #: Facts per top-level statement of files being edited (see :func:`extract`).
        self._class_caches: dict[str, ChunkCache] = {}
        outlines = Outlines()
        #: Findings per class, kept while the class and what it depends on are unchanged.
        self._kept = EditorClasses(outlines) if reuse_findings else None
        #: The crossclass rule's units, kept between checks like the class findings.
        self._units = EditorUnits(outlines) if reuse_findings else None
        #: The notes last given for each file's skipped parts (each is given once).
        self._noted: dict[str, tuple[str, ...]] = {}

    # -- inputs ---------------------------------------------------------------------------

    def load_spec(self, cache: Cache | None = None) -> None:
        """(Re)read the spec file; a missing file is an empty spec. With ``cache``, a text
        validated before is not validated again (see :func:`specls.spec.load.parse_spec`)."""
        path = self.settings.spec
        if path is not None and path.is_file():
            # (the tables an edit left alone are kept)
            verdicts = cache if cache is not None and cache.db is not None else None
            self.spec = load_spec(path, self.spec, verdicts)
        else:
            self.spec = Spec(path)

    def set_spec_text(self, text: str) -> None:
        """Use unsaved spec text (an editor buffer): only the tables it changed are read."""
        from specls.spec.load import parse_spec

        self.spec = parse_spec(text, self.settings.spec, self.spec)

    def update_file(
        self,
        path: Path,
        data: bytes | None = None,
        tree: Tree | None = None,
        cache: Cache | None = None,
        statements: Sequence[Node] | None = None,
    ) -> FileFacts | None:
        """Re-read (or use ``data`` for) one file; returns its facts, or None if skipped.

        ``tree`` is ``data`` already parsed (an editor's incremental parse), or instead its
        top-level ``statements`` (an editor's, see :meth:`Document.statements`); ``cache`` is
        the persistent cache, consulted (and filled) for files read from disk."""
        key = str(path)
        if data is None:
            source = read_source(path)
            if source.data is None:
                self.notes.append(f"{path}: {source.note}")
                self.remove_file(path)
                return None
            data = source.data
        module = module_name(path, self.settings.root)
        edited = tree is not None or statements is not None
        digest = content_digest(data) if cache is not None and not edited else ""
        facts = cache.get_facts(key, digest, module) if digest and cache else None
        if facts is None:
            from specls.extract import ChunkCache, extract  # (the parser: not for cached facts)

            chunks = self._class_caches.setdefault(key, ChunkCache()) if edited else None
            facts = extract(data, key, module, tree, chunks, statements)
            if digest and cache is not None:
                cache.put_facts([(digest, facts)])
        self.files[key] = facts
        self._index = None
        return facts

    def remove_file(self, path: Path) -> None:
        """Forget a file (deleted or closed and gone)."""
        self._class_caches.pop(str(path), None)
        self._noted.pop(str(path), None)
        if self.files.pop(str(path), None) is not None:
            self._index = None

    @property
    def display(self) -> str:
        """How findings name the spec file (relative to the workspace root)."""
        spec_path = self.settings.spec
        if spec_path is None:
            return "spec.toml"
        try:
            return spec_path.resolve().relative_to(self.settings.root.resolve()).as_posix()
        except ValueError:
            return str(spec_path)

    @property
    def index(self) -> WorkspaceIndex:
        if self._index is None:
            self._index = self._last_index = WorkspaceIndex(self.files.values(), self._last_index)
        return self._index

    # -- rules ----------------------------------------------------------------------------

    def findings(
        self,
        *,
        whole_workspace: bool = True,
        only: frozenset[str] | None = None,
        stored: ClassFindings | None = None,
        parallel: bool = False,
    ) -> list[Finding]:
        """Run every rule; a rule that fails is logged and the others still report.

        ``only`` limits code findings to those files (spec-file findings always come).
        ``stored`` holds the class findings of the last run (``specls check``): a class
        whose key is there is not checked again, and each class's findings go to it.
        With ``parallel``, a workspace of many classes shares its classes' rules with a
        forked child (:mod:`specls.forked`) while this process runs the workspace's rules:
        a one-shot check whose extraction workers are done leaves a core idle.
        """
        spec_path = self.settings.spec
        display = self.display
        ctx = RuleContext(
            self.index,
            self.spec,
            str(spec_path) if spec_path else None,
            spec_display=display,
            whole_workspace=whole_workspace,
            only=only,
            root=str(self.settings.root),
            selected=(*self.settings.select, *self.settings.turned_on()),
            read=self.reader,
            session=self.session,
            stored=stored,
            units=self._units if stored is None else None,
        )
        self._file_notes(only)
        if self._kept is not None:
            self._kept.begin(ctx.index, self.spec, display)
        rules = class_rules()
        refs = ctx.classes()
        workspace_wide: list[Finding] = []
        failures: list[tuple[str, str, str]] = []  # (rule, where, traceback)

        def global_findings() -> None:
            for rule in global_rules():
                try:
                    workspace_wide.extend(rule(ctx))
                except Exception:
                    failures.append((_rule_name(rule), "the spec file", _traceback()))

        out: list[Finding] = []
        if parallel and not self.reuse_findings and len(refs) >= PARALLEL_CLASSES:
            from specls.forked import shared

            def chunk(start: int, stop: int) -> list[_Checked]:
                return [_check_class(ctx, ref, rules, stored) for ref in refs[start:stop]]

            checked = [
                c for part in shared(len(refs), CLASS_CHUNK, chunk, global_findings) for c in part
            ]
        else:
            checked = [self._check_class(ctx, ref, rules, stored, display) for ref in refs]
            global_findings()
        for key, found, failed in checked:
            if failed:
                failures.extend(failed)
            elif key is not None and stored is not None:
                stored.put(key, found or _NO_FINDINGS)  # (most classes: none, one list)
            out.extend(found)
        out.extend(workspace_wide)
        failures.sort(key=lambda f: f[1] == "the spec file")  # (the classes' first, as run)
        for name, where, trace in failures:
            self._rule_failed(name, where, trace)
        judged = None if failures else (self.files if only is None else only)
        return self._filter(out, judged)

    def _check_class(
        self,
        ctx: RuleContext,
        ref: ClassRef,
        rules: list[Any],
        stored: ClassFindings | None,
        display: str,
    ) -> _Checked:
        """A class's findings: kept from the last check of an editor's workspace while the
        class and what it depends on are the same (:class:`EditorClasses`), else as
        :func:`_check_class`."""
        kept = self._kept
        if kept is None:
            return _check_class(ctx, ref, rules, stored)
        found = kept.kept(ref)
        if found is not None:
            return None, found, []
        # (the decisions on the class: whether a target names it or a member of it depends
        # on the workspace's other classes too, see `lookup.on_class`)
        decided = tuple(
            tuple((entry.id, member) for entry, member in ctx.decisions_on(ref, kind))
            for kind in _DECIDED_KINDS
        )
        context = (ctx.index.dependencies(ref, bool(decided[-1])), display, decided)
        found = kept.same(ref, context)
        if found is not None:
            return None, found, []
        checked = _check_class(ctx, ref, rules, stored)
        if not checked[2]:  # (a class a rule failed on is checked again next time)
            kept.put(ref, context, checked[1])
        return checked

    def _file_notes(self, only: frozenset[str] | None) -> None:
        """Say which parts of the files checked were not analysed (too deep, too complex),
        once per file until what is skipped changes."""
        paths = self.files if only is None else [p for p in only if p in self.files]
        for path in paths:
            notes = self.files[path].notes
            reasons = tuple(reason for _, reason in notes)
            if self._noted.get(path, ()) == reasons:
                continue
            self._noted[path] = reasons
            for span, reason in notes:
                lines = (
                    f"line {span.line + 1}"
                    if span.end_line == span.line
                    else f"lines {span.line + 1}-{span.end_line + 1}"
                )
                self.notes.append(
                    f"{path}:{span.line + 1}: skipped part of the file: {reason} ({lines})"
                )

    def _rule_failed(self, name: str, where: str, trace: str) -> None:
        import logging

        msg = f"internal error in rule {name} on {where}: {trace}"
        logging.getLogger("specls").error(msg)
        self.notes.append(msg)

    def _filter(
        self, findings: list[Finding], judged: Iterable[str] | None = None
    ) -> list[Finding]:
        """The findings selected and not suppressed, with their severity as set; then the
        suppressions that silenced nothing in the files ``judged`` (none when a rule
        failed: its findings are missing)."""
        settings = self.settings
        kept = []
        used: set[tuple[str, int, str]] = set()
        for f in findings:
            if not settings.enabled(f.code):
                continue
            facts = self.files.get(f.path)
            if facts is not None:
                codes = facts.suppressions.get(f.span.line)
                if codes is not None and (not codes or f.code in codes):
                    used.add((f.path, f.span.line, f.code if codes else ""))
                    continue
            if f.code in settings.severity:  # a copy: findings may be cached
                f = replace(f, severity=settings.severity[f.code])
            kept.append(f)
        if judged is not None and settings.enabled("S009"):
            from specls.rules.suppressions import unused

            for f in unused(self.files, judged, used, settings):
                if f.code in settings.severity:
                    f.severity = settings.severity[f.code]
                kept.append(f)
        kept.sort(key=Finding.sort_key)
        return kept
