"""A workspace is not trusted: the cache it holds (``.specls_cache``, which a repository can
ship) can neither run code, nor hide findings, nor make specls write outside it."""

from __future__ import annotations

import os
import pickle
import sqlite3
import stat
import subprocess
import sys
import zlib
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

from specls import run as runner
from specls.config import load_settings
from specls.run import check_paths

#: Two methods that disagree about ``A.x``: one finding (R101) per file.
SOURCE = (
    "class A:\n    def f(self):\n        self.x = {}\n\n    def g(self):\n        self.x = []\n"
)


@pytest.fixture(autouse=True)
def home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home directory of this test's own, outside its workspace: the key is made there,
    never in the real user's (specls started from here inherits the environment)."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.delenv("SPECLS_KEY_FILE", raising=False)
    return home


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A workspace with two files, each with a finding."""
    work = tmp_path / "ws"
    work.mkdir()
    (work / "pyproject.toml").write_text("[tool.specls]\n", "utf-8")
    for name in ("m.py", "n.py"):
        (work / name).write_text(SOURCE, "utf-8")
    return work


class Plant:
    """Unpickled, it creates ``marker``: what a planted pickle could do, harmlessly."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple:
        return (Path.touch, (Path(self.marker),))


def planted(marker: Path) -> bytes:
    return pickle.dumps(Plant(marker), protocol=5)


def check(work: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """``specls check .`` in ``work``, in another process, as a CI gate runs it."""
    return subprocess.run(
        [sys.executable, "-m", "specls", "check", "."],
        cwd=work,
        env={**os.environ, **env},
        capture_output=True,
        encoding="utf-8",
        errors="surrogateescape",
        timeout=120,
    )


def found(out: subprocess.CompletedProcess[str], files: int = 2) -> None:
    """Every finding was reported, and specls did not crash."""
    assert "Traceback" not in out.stderr, out.stderr
    assert out.returncode == 1, (out.stdout, out.stderr)
    assert out.stdout.count(" R101 ") == files, out.stdout


def notes(out: subprocess.CompletedProcess[str]) -> list[str]:
    return out.stderr.splitlines()


def db_path(work: Path) -> Path:
    return work / ".specls_cache" / "cache.sqlite3"


@contextmanager
def database(work: Path) -> Iterator[sqlite3.Connection]:
    """The workspace's cache, to plant things in (committed on leaving)."""
    with closing(sqlite3.connect(db_path(work), isolation_level=None)) as db:
        yield db


def schema(work: Path) -> list[tuple[str, str]]:
    with database(work) as db:
        return db.execute("SELECT type, name FROM sqlite_master ORDER BY name").fetchall()


def change(path: Path) -> None:
    path.write_text(path.read_text("utf-8") + "\n# changed\n", "utf-8")


# -- planted pickles never run ----------------------------------------------------------------


def test_a_pickle_planted_in_the_facts_never_runs(work: Path, tmp_path: Path) -> None:
    """A cache whose facts rows, under each file's path, digest, module and build, hold a
    pickle that runs code when loaded (the run's findings gone, so the facts are read)."""
    marker = tmp_path / "pwned"
    found(check(work))
    with database(work) as db:
        db.execute("UPDATE facts SET data = ?", (planted(marker),))
        db.execute("DELETE FROM runs")
    out = check(work)
    assert not marker.exists()
    found(out)
    assert len(notes(out)) == 1, out.stderr
    out = check(work)
    assert not marker.exists() and notes(out) == []  # (the cache was cleared and refilled)
    found(out)


def test_a_pickle_planted_in_the_runs_never_runs(work: Path, tmp_path: Path) -> None:
    """The findings of the last run, under the key the next run looks up."""
    marker = tmp_path / "pwned"
    found(check(work))
    with database(work) as db:
        db.execute("UPDATE runs SET data = ?", (zlib.compress(planted(marker)),))
    out = check(work)
    assert not marker.exists()
    found(out)
    assert len(notes(out)) == 1, out.stderr


def test_a_pickle_planted_in_the_spec_verdicts_never_runs(work: Path, tmp_path: Path) -> None:
    """What validating the spec file found, under its path, digest and build, replaced by
    a pickle that runs code: ignored, the spec validated again, the cache cleared."""
    marker = tmp_path / "pwned"
    (work / "spec.toml").write_text(
        '[decision.a-x]\nkind = "representation"\ntarget = "A.x"\ntype = "dict"\n', "utf-8"
    )
    first = check(work)
    assert " R102 " in first.stdout, first.stdout
    with database(work) as db:
        assert db.execute("SELECT COUNT(*) FROM specs").fetchone() == (1,)
        db.execute("UPDATE specs SET data = ?", (planted(marker),))
        db.execute("DELETE FROM runs")
    out = check(work)
    assert not marker.exists()
    assert out.stdout == first.stdout and len(notes(out)) == 1, out.stderr
    with database(work) as db:
        db.execute("DELETE FROM runs")
    out = check(work)  # (the verdict made again, with this key)
    assert out.stdout == first.stdout and notes(out) == [], out.stderr


PLANT_RUN = "CREATE TRIGGER plant AFTER INSERT ON runs BEGIN UPDATE runs SET data = {run}; END"
PLANT_FACTS = (
    "CREATE TRIGGER plant AFTER INSERT ON facts BEGIN "
    "UPDATE facts SET data = {facts} WHERE rowid = NEW.rowid; "
    "INSERT OR REPLACE INTO runs (key, data) VALUES ('k', {run}); END"
)


@pytest.mark.parametrize("trigger", [PLANT_RUN, PLANT_FACTS], ids=["on-runs", "on-facts"])
def test_a_database_with_a_trigger_is_discarded(work: Path, tmp_path: Path, trigger: str) -> None:
    """A trigger plants a pickle as specls writes its own rows: the database is thrown away
    before anything is written to it, and rebuilt."""
    marker = tmp_path / "pwned"
    found(check(work))
    blob = planted(marker)
    with database(work) as db:
        db.execute(trigger.format(facts=f"x'{blob.hex()}'", run=f"x'{zlib.compress(blob).hex()}'"))
    change(work / "m.py")
    out = check(work)  # writes facts for m.py, and the run
    found(out)
    assert len(notes(out)) == 1, out.stderr
    assert ("trigger", "plant") not in schema(work)
    found(check(work))  # nothing changed: the run's findings are read
    change(work / "n.py")
    found(check(work))  # m.py's facts are read
    assert not marker.exists()


@pytest.mark.parametrize(
    "plant",
    [
        "CREATE VIEW extra AS SELECT 1",
        "CREATE TABLE extra (x)",
        "CREATE INDEX extra ON facts (module)",
    ],
    ids=["view", "table", "index"],
)
def test_a_database_with_objects_specls_did_not_make_is_discarded(work: Path, plant: str) -> None:
    found(check(work))
    with database(work) as db:
        db.execute(plant)
    out = check(work)
    found(out)
    assert len(notes(out)) == 1, out.stderr
    assert not any(name == "extra" for _, name in schema(work))
    out = check(work)
    found(out)
    assert notes(out) == []


# -- forged rows do not hide findings ---------------------------------------------------------


def test_forged_facts_do_not_hide_a_files_findings(work: Path) -> None:
    """A valid pickle of facts with no classes, under each file's real digest: a CI gate
    would pass a file whose facts say there is nothing in it."""
    from specls.facts import FileFacts

    found(check(work))
    with database(work) as db:
        for path, module in db.execute("SELECT path, module FROM facts").fetchall():
            text = path.decode("utf-8") if isinstance(path, bytes) else path
            mod = module.decode("utf-8") if isinstance(module, bytes) else module
            forged = pickle.dumps(FileFacts(text, mod), protocol=5)
            db.execute("UPDATE facts SET data = ? WHERE path = ?", (forged, path))
        db.execute("DELETE FROM runs")
    out = check(work)
    found(out)
    assert len(notes(out)) == 1, out.stderr


def test_a_forged_run_does_not_hide_the_findings(work: Path) -> None:
    """A run's key is predictable (a CI checkout's path, the files' digests): a planted run
    with no findings under it would pass any gate."""
    found(check(work))
    with database(work) as db:
        db.execute("UPDATE runs SET data = ?", (zlib.compress(pickle.dumps([])),))
    found(check(work))


def test_a_cache_made_with_another_key_is_not_believed(
    work: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache made anywhere else (another user, another machine, a repository's) is made
    with another key: none of it is believed, with one note, and it is refilled."""
    other = tmp_path / "other-home"
    found(check(work, HOME=str(other), XDG_CACHE_HOME=str(other / ".cache")))
    assert (other / ".cache" / "specls" / "key").is_file()
    out = check(work)
    found(out)
    assert len(notes(out)) == 1 and "did not make" in out.stderr, out.stderr
    out = check(work)
    found(out)
    assert notes(out) == []


# -- a damaged cache is rebuilt, with one note ------------------------------------------------


def _garbage(work: Path) -> None:
    db_path(work).write_bytes(b"this is not a database" * 200)


def _truncated(work: Path) -> None:
    with database(work) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = db_path(work).read_bytes()
    db_path(work).write_bytes(data[: len(data) // 2])


def _bad_zlib(work: Path) -> None:
    with database(work) as db:
        db.execute("UPDATE runs SET data = x'00112233'")


def _bad_pickle(work: Path) -> None:
    with database(work) as db:
        db.execute("UPDATE facts SET data = x'00'")
        db.execute("DELETE FROM runs")


@pytest.mark.parametrize("damage", [_garbage, _truncated, _bad_zlib, _bad_pickle])
def test_a_damaged_cache_costs_one_note(work: Path, damage) -> None:
    found(check(work))
    for suffix in ("-wal", "-shm"):
        Path(f"{db_path(work)}{suffix}").unlink(missing_ok=True)
    damage(work)
    out = check(work)
    found(out)
    assert len(notes(out)) == 1, out.stderr
    out = check(work)
    found(out)
    assert notes(out) == []


def test_a_directory_where_the_database_goes_is_replaced(work: Path) -> None:
    (db_path(work) / "inside").mkdir(parents=True)
    out = check(work)
    found(out)
    assert len(notes(out)) == 1, out.stderr
    assert db_path(work).is_file()
    out = check(work)
    found(out)
    assert notes(out) == []


def test_a_damaged_entry_made_with_this_key_costs_the_hit(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Rows this user's specls made, but damaged (a disk error): not a crash, one note."""
    from specls.cache import Cache

    cache = Cache(tmp_path / "cache")
    cache.put_blobs([("/w/m.py", "d" * 64, "m", pickle.dumps(Unloadable()))])
    cache.put_blobs([("/w/n.py", "d" * 64, "n", b"\x00")])
    with caplog.at_level("WARNING", "specls"):
        assert cache.get_facts("/w/m.py", "d" * 64, "m") is None
        assert cache.get_facts("/w/n.py", "d" * 64, "n") is None
    assert len(caplog.records) == 1


class Unloadable:
    """Loads as ``int("x")``: a ValueError."""

    def __reduce__(self) -> tuple:
        return (int, ("x",))


# -- the cache's files are never followed as links --------------------------------------------


def test_links_planted_as_the_caches_files_are_never_followed(work: Path, tmp_path: Path) -> None:
    """``cache.sqlite3`` (an empty file is an empty database to SQLite), its ``-wal`` and
    ``-shm``, and ``.gitignore``, as links to files outside the workspace."""
    outside = tmp_path / "outside"
    outside.mkdir()
    victims = {
        "cache.sqlite3": b"",
        "cache.sqlite3-wal": b"precious wal",
        "cache.sqlite3-shm": b"precious shm",
        ".gitignore": b"precious ignore",
    }
    (work / ".specls_cache").mkdir()
    for name, content in victims.items():
        (outside / name).write_bytes(content)
        (work / ".specls_cache" / name).symlink_to(outside / name)
    before = {name: os.stat(outside / name).st_mtime_ns for name in victims}
    out = check(work)
    found(out)
    assert len(notes(out)) <= 1, out.stderr
    assert {name: (outside / name).read_bytes() for name in victims} == victims
    assert {name: os.stat(outside / name).st_mtime_ns for name in victims} == before
    assert sorted(p.name for p in outside.iterdir()) == sorted(victims)
    found(check(work))


def test_a_cache_directory_that_is_a_link_is_not_used(work: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (work / ".specls_cache").symlink_to(outside)
    out = check(work)
    found(out)
    assert len(notes(out)) == 1, out.stderr
    assert list(outside.iterdir()) == []


# -- file names that are not UTF-8 ------------------------------------------------------------


def _bad_name(work: Path) -> Path:
    if sys.getfilesystemencoding() != "utf-8":
        pytest.skip("file names are not bytes here")
    path = work / os.fsdecode(b"bad\xff.py")
    try:
        path.write_text(SOURCE, "utf-8")
    except (OSError, UnicodeError):
        pytest.skip("this file system takes only UTF-8 names")
    return path


def test_a_file_name_that_is_not_utf8_is_cached(work: Path) -> None:
    _bad_name(work)
    for _ in range(2):  # cold, then warm
        out = check(work)
        found(out, files=3)
        assert notes(out) == []
        assert "bad\udcff.py" in out.stdout


def test_a_file_name_that_is_not_utf8_is_known_by_its_stamp(
    work: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from specls.cache import Cache

    bad = str(_bad_name(work).resolve())
    monkeypatch.setattr(runner, "_SETTLED_NS", 0)  # (files count as settled at once)
    cache = Cache(tmp_path / "cache")
    settings = load_settings(work)
    first = check_paths([work], settings, cache).findings
    assert bad in cache.get_stamps()
    assert cache.get_facts(bad, cache.get_stamps()[bad][1], "bad\udcff") is not None
    assert check_paths([work], settings, cache).findings == first
    change(work / "m.py")  # the others' facts come from the cache
    assert check_paths([work], settings, cache).findings == first
    assert sum(f.path == bad for f in first) == 1


# -- the key ----------------------------------------------------------------------------------


def test_the_key_is_made_private_in_the_users_cache_directory(work: Path, home: Path) -> None:
    found(check(work))
    key = home / ".cache" / "specls" / "key"
    assert stat.S_IMODE(os.stat(key).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(key.parent).st_mode) == 0o700
    assert len(key.read_bytes()) == 32
    made = key.read_bytes()
    found(check(work))
    assert key.read_bytes() == made  # (made once)


def test_the_key_follows_xdg_and_specls_key_file(work: Path, tmp_path: Path) -> None:
    xdg, given = tmp_path / "xdg", tmp_path / "ci" / "specls.key"
    found(check(work, XDG_CACHE_HOME=str(xdg)))
    assert (xdg / "specls" / "key").is_file()
    found(check(work, SPECLS_KEY_FILE=str(given)))
    assert len(given.read_bytes()) == 32
    # a relative XDG_CACHE_HOME is ignored (it would be inside the workspace)
    found(check(work, XDG_CACHE_HOME="relative"))
    assert not (work / "relative").exists()


def test_processes_making_the_key_at_once_agree_on_it(tmp_path: Path) -> None:
    key = tmp_path / "keys" / "key"
    probe = "from specls.cache import load_key; print(load_key().hex())"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", probe],
            env={**os.environ, "SPECLS_KEY_FILE": str(key)},
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    keys = {p.communicate(timeout=60)[0].strip() for p in procs}
    assert keys == {key.read_bytes().hex()}
    assert sorted(p.name for p in key.parent.iterdir()) == ["key"]  # (no temporary left)


def test_a_key_made_by_another_process_meanwhile_is_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race, step by step: another process makes the key between this one finding none
    and making its own."""
    from specls import cache

    key = tmp_path / "key"
    monkeypatch.setenv("SPECLS_KEY_FILE", str(key))
    theirs = b"k" * 32
    real_link = os.link

    def link(src: str, dst: str) -> None:
        fd = os.open(dst, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.write(fd, theirs)
        os.close(fd)
        real_link(src, dst)

    monkeypatch.setattr(cache.os, "link", link)
    assert cache.load_key() == theirs
    monkeypatch.undo()
    monkeypatch.setenv("SPECLS_KEY_FILE", str(key))
    assert cache.load_key() == theirs


def test_a_key_is_made_where_hard_links_fail(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Some file systems have no hard links: the key is then created in place, exclusively."""
    from specls import cache

    key = tmp_path / "keys" / "key"
    monkeypatch.setenv("SPECLS_KEY_FILE", str(key))

    def no_link(src: str, dst: str) -> None:
        raise PermissionError("no hard links here")

    monkeypatch.setattr(cache.os, "link", no_link)
    made = cache.load_key()
    assert key.read_bytes() == made and len(made) == 32
    assert stat.S_IMODE(os.stat(key).st_mode) == 0o600
    assert sorted(p.name for p in key.parent.iterdir()) == ["key"]


def test_a_long_key_file_is_a_key(work: Path, tmp_path: Path) -> None:
    """A CI system's secret written to a file may be longer than 32 bytes (or text): all of
    it is the key (two that differ in their last byte are two keys)."""
    secret = os.urandom(200).hex().encode()
    keys = [tmp_path / "ci.key", tmp_path / "other.key"]
    for key, end in zip(keys, (b"1", b"2"), strict=True):
        key.write_bytes(secret + end)
        key.chmod(0o600)
    for _ in range(2):
        out = check(work, SPECLS_KEY_FILE=str(keys[0]))
        found(out)
        assert notes(out) == []
    assert db_path(work).is_file()
    out = check(work, SPECLS_KEY_FILE=str(keys[1]))
    found(out)
    assert len(notes(out)) == 1 and "did not make" in out.stderr, out.stderr


def test_no_key_no_cache(work: Path, tmp_path: Path) -> None:
    """A home where nothing can be made (read-only, or not a directory): no cache, one
    note, the findings all the same."""
    home = tmp_path / "home-file"
    home.write_text("not a directory")
    out = check(work, HOME=str(home), XDG_CACHE_HOME=str(home / "cache"))
    found(out)
    assert len(notes(out)) == 1, out.stderr
    assert not db_path(work).exists()


@pytest.mark.parametrize("where", ["SPECLS_KEY_FILE", "HOME"])
def test_a_key_inside_the_workspace_is_refused(work: Path, where: str) -> None:
    """A workspace must not provide the key that vouches for the cache it ships (a CI job
    whose home is the checkout, a key file named by the workspace's environment)."""
    env = (
        {"SPECLS_KEY_FILE": str(work / "key")}
        if where == "SPECLS_KEY_FILE"
        else {"HOME": str(work), "XDG_CACHE_HOME": ""}
    )
    out = check(work, **env)
    found(out)
    assert len(notes(out)) == 1 and "inside the workspace" in out.stderr, out.stderr
    assert not db_path(work).exists()
    assert not (work / "key").exists() and not (work / ".cache").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_key_file_that_is_a_fifo_neither_hangs_nor_is_used(work: Path, tmp_path: Path) -> None:
    key = tmp_path / "key"
    os.mkfifo(key, 0o600)
    out = check(work, SPECLS_KEY_FILE=str(key))
    found(out)
    assert len(notes(out)) == 1 and "not a regular file" in out.stderr, out.stderr
    assert not db_path(work).exists()


def test_a_key_others_can_read_is_refused(work: Path, tmp_path: Path) -> None:
    key = tmp_path / "key"
    key.write_bytes(os.urandom(32))
    key.chmod(0o644)
    out = check(work, SPECLS_KEY_FILE=str(key))
    found(out)
    assert len(notes(out)) == 1 and "chmod 600" in out.stderr, out.stderr
    assert not db_path(work).exists()


# -- SQLite itself, and a cache that can always be made ---------------------------------------


def test_the_database_is_opened_distrusting_its_schema(tmp_path: Path) -> None:
    from specls.cache import Cache

    cache = Cache(tmp_path / "cache")
    assert cache.db is not None
    assert cache.db.execute("PRAGMA trusted_schema").fetchone()[0] == 0
    assert cache.db.execute("PRAGMA cell_size_check").fetchone()[0] == 1


def test_the_schema_a_cache_must_have_is_the_one_sqlite_keeps() -> None:
    """What a cache's ``sqlite_master`` is compared with is what SQLite writes there for
    specls's tables (written out, not made in a database in every run)."""
    from specls import cache

    with closing(sqlite3.connect(":memory:")) as db:
        for sql in cache.TABLES:
            db.execute(sql)
        assert db.execute(cache._MASTER).fetchall() == cache._expected_master()


@pytest.mark.parametrize("name", ["nul\0byte", "file/below", "dir-is-file"])
def test_making_a_cache_never_raises(tmp_path: Path, name: str) -> None:
    """A language server in restricted mode passes no cache; any other, whatever its
    directory, gets one that works or none at all, never an exception."""
    from specls.cache import Cache

    (tmp_path / "file").write_text("x")
    (tmp_path / "dir-is-file").write_text("x")
    directory = tmp_path / ("file/below" if name == "file/below" else name)
    cache = Cache(directory)
    assert cache.db is None
    assert cache.get_facts("a.py", "d", "a") is None and cache.get_run("k") is None
    cache.put_run("k", [])
    cache.close()
