"""The persistent cache and parallel extraction never change what is found."""

from __future__ import annotations

import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from specls import facts as facts_module
from specls import run as runner
from specls.cache import Cache, path_bytes
from specls.config import load_settings
from specls.discovery import discover
from specls.run import Extraction, Item, Store, check_paths

ROOT = Path(__file__).parents[1]


@pytest.fixture(autouse=True)
def private_key(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Caches made here, in this process or another, use a key of their own (never the
    user's), outside the workspaces (which are under ``tmp_path``)."""
    key = tmp_path_factory.mktemp("key") / "key"
    monkeypatch.setenv("SPECLS_KEY_FILE", str(key))
    return key


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Real code with findings: the example shop, the recall fixtures and specls itself."""
    work = tmp_path / "ws"
    shutil.copytree(ROOT / "examples" / "shop", work)
    shutil.copytree(ROOT / "benchmarks" / "pairs", work / "pairs")
    shutil.copytree(
        ROOT / "server" / "specls", work / "specls", ignore=shutil.ignore_patterns("__pycache__")
    )
    return work


def extract_all(todo: list[Item], jobs: int, store: Store | None = None) -> list:
    """Facts of ``todo``'s items, in order, as a check extracts them."""
    with Extraction(jobs, store) as extraction:
        for item in todo:
            extraction.add(item)
        return extraction.facts()


def run(work: Path, cache: Cache | None, jobs: int = 1) -> list[tuple]:
    result = check_paths([work], load_settings(work), cache, jobs)
    return [(f.path, f.span, f.code, f.message, f.severity) for f in result.findings]


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many files each run parses."""
    counts: list[int] = []
    real = runner.Extraction.facts

    def counting(self: runner.Extraction) -> list:
        counts.append(len(self.items))
        return real(self)

    monkeypatch.setattr(runner.Extraction, "facts", counting)
    return counts


def test_cached_runs_find_what_uncached_runs_find(corpus: Path, tmp_path: Path, counted) -> None:
    expected = run(corpus, None)
    assert len(expected) > 20
    cache = Cache(tmp_path / "cache")
    assert run(corpus, cache) == expected  # cold: fills the cache
    assert run(corpus, cache) == expected  # warm: the whole run comes from the cache
    assert counted[1] > 50 and len(counted) == 2  # the warm run parsed nothing


def test_a_changed_file_is_parsed_again_alone(corpus: Path, tmp_path: Path, counted) -> None:
    cache = Cache(tmp_path / "cache")
    run(corpus, cache)
    target = corpus / "shop" / "cart.py"
    target.write_text(
        target.read_text("utf-8").replace("self.lines.get(sku, 0)", "dict(self.lines).get(sku, 0)"),
        "utf-8",
    )
    after = run(corpus, cache)
    assert counted[-1] == 1
    assert after == run(corpus, None)
    assert not any(path.endswith("cart.py") and code == "R102" for path, _, code, *_ in after)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files each run reads. Files count as settled as soon as a run starts (the
    corpus was copied just now: its status-change times are not 2 s in the past)."""
    read: list[Path] = []
    real = runner.read_source

    def reading(path: Path) -> object:
        read.append(path)
        return real(path)

    monkeypatch.setattr(runner, "read_source", reading)
    monkeypatch.setattr(runner, "_SETTLED_NS", 0)
    return read


def test_a_warm_check_reads_no_file_it_knows_by_its_stamp(
    corpus: Path, tmp_path: Path, reads: list[Path]
) -> None:
    """Reading and hashing every file was a fifth of a warm check of Django. A file whose
    size, times and inode are as when it was last read (its times already in the past then)
    still has the content it had."""
    cache = Cache(tmp_path / "cache")
    expected = run(corpus, cache)
    assert len(reads) > 50
    reads.clear()
    assert run(corpus, cache) == expected and reads == []
    target = corpus / "shop" / "cart.py"
    target.write_text(target.read_text("utf-8").replace("self.lines.get(sku, 0)", "0"), "utf-8")
    changed = run(corpus, cache)
    assert reads == [target.resolve()]
    assert changed == run(corpus, None) != expected


def _same_size_change(target: Path) -> None:
    """Change ``target``'s content, not its size, and set its modification time back."""
    import os

    stamp = target.stat()
    before = target.read_text("utf-8")
    after = before.replace("self.lines.get(sku, 0)", "dict(self.lines)[ sku]")
    assert len(after) == len(before) and after != before
    target.write_text(after, "utf-8")
    os.utime(target, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))


def test_a_file_whose_time_was_set_back_after_a_change_is_read_again(
    corpus: Path, tmp_path: Path, reads: list[Path]
) -> None:
    """``cp -p`` and ``rsync -t`` write a file, then set its modification time: its
    status-change time moves all the same."""
    cache = Cache(tmp_path / "cache")
    first = run(corpus, cache)
    _same_size_change(corpus / "shop" / "cart.py")
    reads.clear()
    second = run(corpus, cache)
    assert reads == [(corpus / "shop" / "cart.py").resolve()]
    assert second == run(corpus, None) != first


def test_a_file_changed_within_its_time_granularity_is_read_again(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reads: list[Path]
) -> None:
    """A file changed twice within one tick of a coarse clock keeps its times (and maybe
    its size): a file changed less than 2 s before it was read is not known by its stamp,
    but read again. (The change is simulated: its times are set back, and the stamp leaves
    out the status-change time, which a coarse clock would not have moved either.)"""
    monkeypatch.setattr(runner, "_SETTLED_NS", 2_000_000_000)
    real = runner._stamp

    def coarse(path: Path) -> tuple | None:
        stamp = real(path)
        return None if stamp is None else (stamp[0], stamp[1], 0, stamp[3])

    monkeypatch.setattr(runner, "_stamp", coarse)
    cache = Cache(tmp_path / "cache")
    target = corpus / "shop" / "cart.py"
    target.write_text(target.read_text("utf-8"), "utf-8")  # changed just now
    first = run(corpus, cache)
    _same_size_change(target)  # changed again, in the same tick
    reads.clear()
    assert run(corpus, cache) == run(corpus, None) != first
    assert target.resolve() in reads


def test_a_file_known_by_its_stamp_is_read_when_its_facts_are_gone(
    corpus: Path, tmp_path: Path, reads: list[Path]
) -> None:
    """A file the run need not read (its stamp is known) is read after all when it must be
    parsed; if its content is not the one remembered (a stale row), the run is not kept
    for its digest, and the file is forgotten."""
    cache = Cache(tmp_path / "cache")
    run(corpus, cache)
    target = str((corpus / "shop" / "cart.py").resolve())
    other = str((corpus / "shop" / "orders.py").resolve())
    assert cache.db is not None
    cache.db.execute(
        "DELETE FROM facts WHERE path IN (?, ?)", (path_bytes(target), path_bytes(other))
    )
    cache.put_stamps([(other, cache.get_stamps()[other][0], "stale")])  # (a row made here)
    cache.db.execute("DELETE FROM runs")
    reads.clear()
    assert run(corpus, cache) == run(corpus, None)
    assert sorted(str(p) for p in reads[:2]) == [target, other]
    assert cache.db.execute("SELECT count(*) FROM runs").fetchone()[0] == 0  # not kept
    assert other not in cache.get_stamps() and target in cache.get_stamps()
    reads.clear()
    run(corpus, cache)
    assert [str(p) for p in reads] == [other]  # read once more, and known again
    assert cache.db.execute("SELECT count(*) FROM runs").fetchone()[0] == 1


def test_a_changed_spec_invalidates_the_run(corpus: Path, tmp_path: Path, counted) -> None:
    cache = Cache(tmp_path / "cache")
    before = run(corpus, cache)
    spec = corpus / "spec.toml"
    spec.write_text(
        spec.read_text("utf-8") + '\n[decision.inv]\nkind = "representation"\n'
        'target = "shop.inventory.Inventory.items"\ntype = "dict[str, int]"\n',
        "utf-8",
    )
    after = run(corpus, cache)
    assert counted[-1] == 0  # facts reused: only the rules ran again
    assert after == run(corpus, None) and after != before
    assert any(code == "R102" and "inventory.py" in path for path, _, code, *_ in after)


def test_another_build_of_specls_reuses_nothing(corpus: Path, tmp_path: Path, counted) -> None:
    run(corpus, Cache(tmp_path / "cache"))
    other = Cache(tmp_path / "cache")
    other.build = "another-build"
    assert run(corpus, other) == run(corpus, None)
    assert counted[1] == counted[0]  # every file parsed again


def test_a_corrupt_cache_is_rebuilt(corpus: Path, tmp_path: Path) -> None:
    expected = run(corpus, None)
    directory = tmp_path / "cache"
    Cache(directory).close()
    (directory / "cache.sqlite3").write_bytes(b"this is not a database" * 100)
    for suffix in ("-wal", "-shm"):
        Path(f"{directory / 'cache.sqlite3'}{suffix}").unlink(missing_ok=True)
    cache = Cache(directory)
    assert run(corpus, cache) == expected
    assert run(corpus, cache) == expected
    assert cache.db is not None


def test_two_processes_share_a_cache(corpus: Path, tmp_path: Path) -> None:
    cmd = [
        sys.executable,
        "-m",
        "specls",
        "check",
        ".",
        "--format",
        "json",
        "--cache-dir",
        str(tmp_path / "cache"),
    ]
    procs = [
        subprocess.Popen(cmd, cwd=corpus, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [1, 1], outs
    assert outs[0][0] == outs[1][0]
    warm = subprocess.run(cmd, cwd=corpus, capture_output=True, text=True, timeout=120)
    assert warm.stdout == outs[0][0]


def test_parallel_extraction_equals_serial(corpus: Path) -> None:
    todo = [(str(p), p.read_bytes(), p.stem) for p in sorted(corpus.rglob("*.py"))] * 2
    assert len(todo) >= runner.PARALLEL_THRESHOLD
    assert extract_all(todo, 2) == extract_all(todo, 1)


@pytest.mark.parametrize("jobs", [1, 2])
def test_extraction_hands_each_file_to_the_store_once(corpus: Path, jobs: int) -> None:
    files = sorted(corpus.rglob("*.py"))
    todo = [(f"{p}#{k}", p.read_bytes(), p.stem) for k in range(2) for p in files]
    assert len(todo) >= runner.PARALLEL_THRESHOLD
    stored: list[tuple] = []
    facts = extract_all(todo, jobs, stored.extend)
    assert [f.path for f in facts] == [path for path, _, _ in todo]
    assert sorted(f.path for f, _ in stored) == sorted(path for path, _, _ in todo)
    by_path = {f.path: f for f in facts}
    assert all(pickle.loads(blob) == by_path[f.path] for f, blob in stored)


def test_parallel_extraction_lets_go_of_each_worker_batch_once_loaded(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A finished worker batch's future holds its pickles: keeping every future until the
    end held all of them (20 MiB at 500k lines)."""
    import weakref
    from concurrent.futures import Future, ProcessPoolExecutor

    refs: list[weakref.ref[Future]] = []
    real_submit = ProcessPoolExecutor.submit

    def submit(self: ProcessPoolExecutor, *args: object, **kwargs: object) -> Future:
        fut = real_submit(self, *args, **kwargs)  # type: ignore[arg-type]
        refs.append(weakref.ref(fut))
        return fut

    monkeypatch.setattr(ProcessPoolExecutor, "submit", submit)
    monkeypatch.setattr(runner, "_BATCH_BYTES", (1, 1))
    alive: list[int] = []

    def store(got: list) -> None:
        alive.append(sum(r() is not None for r in refs))

    files = sorted(corpus.rglob("*.py"))
    todo = [(f"{p}#{k}", p.read_bytes(), p.stem) for k in range(2) for p in files]
    extract_all(todo, 2, store)
    assert len(refs) >= 10  # the worker took many batches
    assert max(alive) <= 4  # those in flight, not all those done


def test_the_cache_does_not_wait_for_the_disk(tmp_path: Path) -> None:
    """fsyncs of WAL checkpoints cost a cold check of Django 0.06 s; a cache can do without
    them (a corrupt file is rebuilt, and rows are keyed by content)."""
    cache = Cache(tmp_path / "cache")
    assert cache.db is not None
    assert cache.db.execute("PRAGMA synchronous").fetchone()[0] == 0  # OFF
    assert cache.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"  # two processes


def test_a_cache_tells_whether_it_holds_facts_of_this_build(corpus: Path, tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    assert not cache.holds_facts()
    run(corpus / "shop", cache)
    assert cache.holds_facts()
    cache.build = "another-build"
    assert not cache.holds_facts()


@pytest.mark.parametrize("cached", [False, True])
def test_a_cold_check_hands_files_to_a_worker_while_it_still_reads(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cached: bool
) -> None:
    """When nothing can come from the cache, the second core starts on the first files read
    instead of waiting for the last one (and for the imports and the spec). When the cache
    holds facts, files are looked up first: no worker starts before every file is read."""
    from concurrent.futures import ProcessPoolExecutor

    cache = Cache(tmp_path / "cache")
    if cached:
        run(corpus / "shop", cache)  # facts of this build, though of other files
    reads: list[Path] = []
    read_before_first_batch: list[int] = []
    real_read, real_submit = runner.read_source, ProcessPoolExecutor.submit

    def read(path: Path) -> object:
        reads.append(path)
        return real_read(path)

    def submit(self: ProcessPoolExecutor, *args: object, **kwargs: object) -> object:
        read_before_first_batch.append(len(reads))
        return real_submit(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(runner, "read_source", read)
    monkeypatch.setattr(ProcessPoolExecutor, "submit", submit)
    monkeypatch.setattr(runner, "_EARLY_BATCH_BYTES", 1)
    found = run(corpus, cache, jobs=2)
    assert len(reads) > runner.PARALLEL_THRESHOLD and read_before_first_batch
    if cached:
        assert read_before_first_batch[0] == len(reads)
    else:
        assert read_before_first_batch[0] == runner.PARALLEL_THRESHOLD
    monkeypatch.undo()
    assert found == run(corpus, None)


@pytest.mark.parametrize("cold", [False, True])
def test_parallel_and_serial_checks_load_the_same_workspace(
    corpus: Path, tmp_path: Path, cold: bool
) -> None:
    """Files extracted in any order, here or in a worker, early or not, land in the
    workspace in the order a serial check puts them (rules see files in that order): the
    order of the paths, after those the cache had."""
    settings = load_settings(corpus)
    uncached = check_paths([corpus], settings, None, 1).workspace
    assert uncached is not None
    files = list(uncached.files)
    assert files == [str(p) for p in discover([corpus], corpus, [])[0]]
    with Extraction(2, early=cold) as ex:
        for path in reversed(files):
            ex.add((path, Path(path).read_bytes(), uncached.files[path].module))
        assert {f.path: f for f in ex.facts()} == uncached.files

    def cache(name: str) -> Cache | None:
        """None (a cold check), or a cache with the facts of some files (a check that
        looks each file up before it parses the others)."""
        if cold:
            return None
        made = Cache(tmp_path / name)
        check_paths([corpus / "shop"], settings, made, 1)
        return made

    serial = check_paths([corpus], settings, cache("a"), 1)
    parallel = check_paths([corpus], settings, cache("b"), 2)
    assert serial.workspace is not None and parallel.workspace is not None
    assert list(parallel.workspace.files) == list(serial.workspace.files)
    assert (list(serial.workspace.files) == files) is cold  # (cached files come first)
    assert parallel.findings == serial.findings


def test_a_worker_that_dies_early_leaves_its_files_to_this_process(corpus: Path) -> None:
    """A worker lost while files are still being added (killed, out of memory): every file
    is still extracted once, here."""
    import os
    import signal

    # biggest first: the first files added must fill a worker's first batch (64 KiB)
    files = sorted(corpus.rglob("*.py"), key=lambda p: (-p.stat().st_size, p))
    todo = [(f"{p}#{k}", p.read_bytes(), p.stem) for k in range(2) for p in files]
    first = todo[: runner.PARALLEL_THRESHOLD]
    assert sum(len(data) for _, data, _ in first) >= runner._EARLY_BATCH_BYTES
    expected = extract_all(todo, 1)
    stored: list[tuple] = []
    with Extraction(2, stored.extend, early=True) as ex:
        for item in todo[: runner.PARALLEL_THRESHOLD]:
            ex.add(item)
        assert ex._pool is not None  # the worker is on the first batch
        for pid in list(ex._pool._processes):  # type: ignore[union-attr]
            os.kill(pid, signal.SIGKILL)
        for item in todo[runner.PARALLEL_THRESHOLD :]:
            ex.add(item)
        facts = ex.facts()
    assert facts == expected
    assert sorted(f.path for f, _ in stored) == sorted(path for path, _, _ in todo)


def test_extraction_batches_shrink_as_the_work_left_does() -> None:
    """Few batches (each a round trip to a worker) while much is left, small ones at the
    end, so that no process is left with a long batch while the others wait."""
    import random

    rng = random.Random(7)
    sizes = [rng.randrange(0, 40_000) for _ in range(600)] + [0] * 50
    most, least = runner._BATCH_BYTES
    batches = runner._batches(sizes, 2)
    order = [i for b in batches for i in b]
    assert sorted(order) == list(range(len(sizes)))  # each file once
    assert [sizes[i] for i in order] == sorted(sizes, reverse=True)  # biggest first
    totals = [sum(sizes[i] for i in b) for b in batches]
    assert all(least <= t < most + 40_000 for t in totals[:-1])
    assert totals[0] >= most and max(totals[-5:]) < most // 4
    assert len(batches) < len(sizes) / 8  # (eight files a batch made 82 batches here)


@pytest.mark.parametrize("fails", [False, True])
def test_parallel_extraction_shortens_the_switch_interval_meanwhile(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, fails: bool
) -> None:
    """While workers run, this thread holds the GIL as it extracts, and the executor's
    threads that move sources and facts through the pipes wait for it at each read or
    write: at Python's 5 ms interval, a worker sat idle a tenth of a run on Django. The
    interval is restored after, when a worker fails too."""
    before = sys.getswitchinterval()
    seen: list[float] = []
    if fails:
        from concurrent.futures.process import BrokenProcessPool

        def broken(*args: object, **kwargs: object) -> None:
            raise BrokenProcessPool("no workers here")

        monkeypatch.setattr("concurrent.futures.ProcessPoolExecutor.submit", broken)
    files = sorted(corpus.rglob("*.py"))
    todo = [(f"{p}#{k}", p.read_bytes(), p.stem) for k in range(2) for p in files]
    facts = extract_all(todo, 2, lambda got: seen.append(sys.getswitchinterval()))
    assert len(facts) == len(todo)
    assert seen and max(seen) == runner._SWITCH_INTERVAL < before
    assert sys.getswitchinterval() == before


def test_the_cli_leaves_a_checked_workspace_for_the_process_exit_to_free(corpus: Path) -> None:
    """Freeing a large workspace's facts one by one takes tens of milliseconds (34 ms on
    Django) after the findings are out; `specls` exits without it (see ``entry``)."""
    from specls import cli
    from specls.cli.common import held
    from specls.engine import Workspace

    assert cli.main(["check", str(corpus / "specls"), "--no-cache"]) in (0, 1)
    first = held[:]
    assert len(first) == 1 and isinstance(first[0], Workspace) and first[0].files
    assert cli.main(["check", str(corpus / "specls"), "--no-cache"]) in (0, 1)
    assert len(held) == 1 and held[0] is not first[0]  # the previous one let go


def test_facts_loaded_from_two_pickles_share_their_names() -> None:
    """Facts from the cache or a worker hold one object per repeated name, as extracted
    facts do: a large workspace's memory depends on it."""
    from specls.extract import extract

    def facts(cls: str) -> object:
        src = "\n" * 300 + (
            f"class {cls}(Base):\n"
            "    def run(self, items):\n"
            "        if not items:\n"
            "            raise ValueError('no items')\n"
            "        self.items = []\n"
        )
        return extract(src.encode(), f"{cls}.py", cls.lower())

    a, b = facts("A"), facts("B")
    la, lb = pickle.loads(pickle.dumps(a, protocol=5)), pickle.loads(pickle.dumps(b, protocol=5))
    assert la == a and lb == b
    ca, cb = la.classes[0], lb.classes[0]
    ea, eb = ca.evidence[0], cb.evidence[0]
    assert ea.attr == "items" and ea.attr is eb.attr
    assert ea.kinds is not None and ea.kinds is eb.kinds
    assert ca.methods["run"].name is cb.methods["run"].name
    assert ca.span.line is cb.span.line
    # method keys are the names, bases and class names are shared, line numbers above 256
    # (not cached by Python) are one object, as are signature entries and flow texts
    assert next(iter(ca.methods)) is ca.methods["run"].name
    assert ca.bases[0] is cb.bases[0]
    assert next(iter(ca.class_names)) is next(iter(cb.class_names))
    assert next(iter(ca.writes)) is next(iter(cb.writes))
    ra, rb = ca.methods["run"], cb.methods["run"]
    assert ra.params[1].line > 256 and ra.params[1].line is rb.params[1].line
    assert ra.signature is not None and rb.signature is not None
    assert ra.signature.positional[1] is rb.signature.positional[1]
    assert ra.flow is not None and rb.flow is not None
    assert ra.flow.end_line is rb.flow.end_line
    assert ra.flow.conditions[0] is rb.flow.conditions[0]
    assert ra.flow.raises[0].what is rb.flow.raises[0].what


def test_facts_load_through_loaders_written_for_each_class_once_needed() -> None:
    """Each fact class loads through a function written for its fields (setting the slots
    straight: a fifth fewer instructions than a loop over the fields and ``__init__``),
    compiled the first time facts are pickled or loaded, not when they are imported."""
    probe = (
        "import pickle, specls.facts as f; from specls.extract import extract; "
        "facts = extract(b'class A:\\n    def f(self):\\n        self.x = 1\\n', 'a.py', 'a'); "
        "before = bool(f._LOADERS); blob = pickle.dumps(facts, protocol=5); "
        "print(before, bool(f._LOADERS), pickle.loads(blob) == facts, b'_load_ClassFacts' in blob)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert out.stdout.split() == ["False", "True", "True", "True"], out.stderr
    from specls import facts
    from specls.records import fields

    for cls in facts._PICKLED:  # every field is set, in order (None is never shared)
        shared = facts._REPEATED.get(cls, {})
        # (numbers, which pickle as they are: a class's and a file's bodies are pickled
        # apart, and loaded when first read; ``lazy`` is None until then)
        none = {*shared, *facts._BODIES.get(cls, ())}
        values = [None if name in none else 1000 + k for k, name in enumerate(fields(cls))]
        obj = cls(*values[:-1], None) if cls in facts._BODIES else cls(*values)
        loaded = getattr(facts, f"_load_{cls.__name__}")(*obj.__reduce__()[1])
        assert [getattr(loaded, name) for name in fields(cls)] == [
            getattr(obj, name) for name in fields(cls)
        ]


def test_a_warm_run_imports_neither_parser_nor_facts_nor_rules(tmp_path: Path) -> None:
    """A run with nothing changed is answered from the cache before the parser, the facts,
    the rules or the spec loader are imported: that is most of a warm run's cost. Nor does
    it import ``logging`` (it has nothing to warn about), ``json`` (it prints text) or
    ``dataclasses`` (with :mod:`inspect`: the classes it loads are records)."""
    (tmp_path / "shop").mkdir()
    (tmp_path / "shop" / "cart.py").write_text(
        "class Cart:\n    def __init__(self):\n        self.items = {}\n"
        "    def clear(self):\n        self.items = []\n"
    )
    probe = (
        "import sys; from specls.cli import main; "
        f"code = main(['check', {str(tmp_path)!r}]); "
        "heavy = ['tree_sitter', 'specls.facts', 'specls.extract', 'specls.rules', 'pydantic', "
        "'logging', 'json', 'dataclasses', 'inspect']; "
        "print([m for m in heavy if m in sys.modules], code)"
    )

    def run() -> str:
        out = subprocess.run(
            [sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True
        )
        return out.stdout.strip().splitlines()[-1]

    assert run().startswith("['tree_sitter', 'specls.facts', 'specls.extract', 'specls.rules'")
    assert run() == "[] 1"


def test_a_class_interface_digest_is_the_same_in_every_process(tmp_path: Path) -> None:
    """Facts loaded from the cache are compared with the same class extracted again by the
    language server: a per-process ``hash()`` made every edit look like an interface change."""
    import os

    source = tmp_path / "m.py"
    source.write_text(
        "class A(Base):\n    x: int\n    def run(self):\n        self.y = {1}\n        return 1\n"
    )
    probe = (
        "import sys; from specls.extract import extract; "
        "from specls.facts import interface_of; "
        "print(interface_of(extract(open(sys.argv[1], 'rb').read(), 'm.py', 'm').classes[0]))"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", probe, str(source)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
        ).stdout.strip()
        for seed in ("1", "2")
    }
    assert len(digests) == 1 and digests.pop().isdigit()


def test_a_shared_span_is_a_frozen_span_like_any_other() -> None:
    from specls.records import FrozenInstanceError
    from specls.span import Span, shared_span

    # past the shared ints too, and negative (a shared int picked by a negative index is wrong)
    for values in [(0, 1, 2, 3), (70_000, 1, 70_001, 0), (-1, 0, -1, 5)]:
        made = shared_span(*values)
        assert made == Span(*values) and hash(made) == hash(Span(*values))
        assert pickle.loads(pickle.dumps(made)) == made
        with pytest.raises(FrozenInstanceError):
            made.line = 9  # type: ignore[misc]
    assert shared_span(5, 6, 7, 8).end_col is shared_span(1, 2, 3, 8).end_col


def test_a_class_interface_digest_is_made_only_when_asked_for() -> None:
    """A one-shot check never compares interfaces: extraction leaves the digest to the
    language server, which asks for it and gets the same value every time."""
    from specls.extract import extract
    from specls.facts import interface_digest, interface_of

    (cls,) = extract(b"class A(B):\n    def f(self):\n        self.x = 1\n", "m.py", "m").classes
    assert cls.interface == 0
    digest = interface_of(cls)
    assert digest == interface_digest(cls) != 0
    assert cls.interface == digest and interface_of(cls) == digest


@pytest.mark.parametrize(("jobs", "cached"), [(1, False), (2, True)])
def test_a_check_with_folded_bodies_finds_what_one_with_objects_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int, cached: bool
) -> None:
    """A workspace big enough to keep its facts' bodies pickled (here any), with one body
    unpickled at a time: the same findings, the same facts once read, by one process or two
    and with the cache filled or not."""
    work = tmp_path / "ws"
    shutil.copytree(ROOT / "examples" / "shop", work)
    shutil.copytree(
        ROOT / "server" / "specls", work / "specls", ignore=shutil.ignore_patterns("__pycache__")
    )
    settings = load_settings(work)
    whole = check_paths([work], settings, None, 1)
    monkeypatch.setattr(runner, "FOLD_BYTES", 0)
    monkeypatch.setattr(runner, "FOLD_OPEN", 1)
    folds: list[object] = []
    real = facts_module.fold
    monkeypatch.setattr(facts_module, "fold", lambda obj: folds.append(obj) or real(obj))
    folded = check_paths([work], settings, Cache(tmp_path / "c") if cached else None, jobs)
    assert folds
    assert folded.findings == whole.findings
    assert folded.workspace is not None and whole.workspace is not None
    assert folded.workspace.files == whole.workspace.files


def test_a_folded_body_reads_as_it_was() -> None:
    from specls.extract import extract

    source = (ROOT / "examples" / "shop" / "shop" / "orders.py").read_bytes()
    made = extract(source, "orders.py", "shop.orders")
    facts = pickle.loads(pickle.dumps(made))
    assert facts == made
    facts_module.fold_file(facts)
    assert all(c.lazy is not None for c in facts.classes) and facts.lazy is not None
    with facts_module.folding(1):
        assert facts == made  # (each class unpickled in turn, the one before folded again)
        assert sum(c.lazy is not None for c in facts.classes) == len(facts.classes)
    assert facts == made
    assert pickle.loads(pickle.dumps(facts)) == made


@pytest.mark.parametrize("big", [False, True])
def test_a_one_shot_check_loads_the_workers_classes_while_they_run(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, big: bool
) -> None:
    """The rules of a check read every class's body: those of the workers' facts are loaded
    as they come (not one by one by the rules, after the workers are done), but for a
    workspace whose bodies are kept folded; the files' own bodies, which few rules read,
    stay pickled."""
    if big:
        monkeypatch.setattr(runner, "FOLD_BYTES", 0)
    files = sorted(corpus.rglob("*.py"))
    todo = [(f"{p}#{k}", p.read_bytes(), p.stem) for k in range(2) for p in files]
    with Extraction(2, early=True, fold=True) as extraction:
        for item in todo:
            extraction.add(item)
        facts = extraction.facts()
    from_workers = [f for f in facts if f.lazy is not None]  # (made here: no pickled body)
    assert from_workers and any(f.classes for f in from_workers)
    lazy = [c for f in from_workers for c in f.classes if c.lazy is not None]
    if big:
        assert lazy and all(c.lazy is not None for f in facts for c in f.classes)
    else:
        assert not lazy
    assert facts == extract_all(todo, 1)


def test_findings_written_in_pieces_read_back_whole_and_only_as_written(tmp_path: Path) -> None:
    """A run's findings are deflated and MACed piece by piece and written into their row's
    blobs (never joined in memory): large ones read back as they were, and one byte changed
    anywhere in the stored data makes the row unread."""
    import os
    import sqlite3

    from specls.findings import Finding, Severity
    from specls.span import Span

    many = [
        Finding("R101", Severity.WARNING, os.urandom(64).hex(), f"m{i}.py", Span(i, 0, i, 9))
        for i in range(20_000)
    ]
    cache = Cache(tmp_path / "c", workspace=tmp_path)
    cache.put_run("k", many)
    cache.put_classes("b", {b"x": many[:3]})
    assert cache.get_run("k") == many and cache.get_classes("b") == {b"x": many[:3]}
    cache.close()
    with sqlite3.connect(tmp_path / "c" / "cache.sqlite3") as db:
        (data,) = db.execute("SELECT data FROM runs").fetchone()
        assert len(data) > 1 << 20  # (many pieces)
        changed = (
            data[: len(data) // 2] + bytes([data[len(data) // 2] ^ 1]) + data[1 + len(data) // 2 :]
        )
        db.execute("UPDATE runs SET data = ?", (changed,))
    cache = Cache(tmp_path / "c", workspace=tmp_path)
    assert cache.get_run("k") is None
    cache.close()
