"""A persistent cache of per-file facts and of whole-run findings, in SQLite.

Facts are keyed by path, content hash, module name and the *build* of specls (a hash of its
own source, so an upgrade or a local change never reuses stale facts). A run's findings are
keyed by everything they depend on: every file's hash, the spec, the settings and the build.
SQLite in WAL mode with a busy timeout makes the cache safe for two processes at once; a
corrupt cache file is deleted and rebuilt.
"""

from __future__ import annotations

import hashlib
import pickle
import sqlite3
import zlib
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from specls import logs
from specls.findings import Finding

if TYPE_CHECKING:
    from specls.facts import FileFacts

SCHEMA = 2
DEFAULT_DIR = ".specls_cache"
#: What changes when a file's content does: size, modification and status-change times (ns)
#: and inode. The status-change time also moves when a tool sets the modification time back
#: by hand after a write (``cp -p``, ``rsync -t``), and the inode when it writes a new file
#: in place of the old one; git's index compares the same.
Stamp = tuple[int, int, int, int]


@cache
def build_id() -> str:
    """A hash of specls's own source: facts from another build are never reused."""
    digest = hashlib.sha256(f"schema {SCHEMA}".encode())
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def content_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Cache:
    """Facts and findings stored in ``<directory>/cache.sqlite3``."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.path = directory / "cache.sqlite3"
        self.db: sqlite3.Connection | None = None
        self.build = build_id()
        self._open()

    # -- connection ---------------------------------------------------------------------------

    def _open(self) -> None:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            ignore = self.directory / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# created by specls\n*\n", "utf-8")
            self.db = self._connect()
        except sqlite3.DatabaseError as e:
            logs.warning("specls: cache %s is unusable (%s); rebuilding it", self.path, e)
            self._reset()
        except OSError as e:
            logs.warning("specls: no cache (%s)", e)
            self.db = None

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        # No waiting for the disk: a cold check of Django spent 0.06 s in the fsyncs of WAL
        # checkpoints (one while it wrote the facts, one as it closed). A write cut short by
        # a power loss can at worst lose recent rows or corrupt the file, and a corrupt file
        # is rebuilt; rows are keyed by content hash, so an older row is never a wrong one.
        db.execute("PRAGMA synchronous=OFF")
        db.execute(
            "CREATE TABLE IF NOT EXISTS facts (path TEXT PRIMARY KEY, digest TEXT NOT NULL, "
            "module TEXT NOT NULL, build TEXT NOT NULL, data BLOB NOT NULL)"
        )
        db.execute("CREATE TABLE IF NOT EXISTS runs (key TEXT PRIMARY KEY, data BLOB NOT NULL)")
        db.execute(
            "CREATE TABLE IF NOT EXISTS stamps (path TEXT PRIMARY KEY, size INTEGER NOT NULL, "
            "mtime_ns INTEGER NOT NULL, ctime_ns INTEGER NOT NULL, inode INTEGER NOT NULL, "
            "digest TEXT NOT NULL)"
        )
        db.execute("SELECT count(*) FROM facts").fetchone()
        return db

    def _reset(self) -> None:
        if self.db is not None:
            self.db.close()
        self.db = None
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        try:
            self.db = self._connect()
        except (sqlite3.Error, OSError) as e:
            logs.warning("specls: no cache (%s)", e)
            self.db = None

    def _guard(self, action, default):
        """Run a database action; a corrupt database is rebuilt, other errors cost the hit."""
        if self.db is None:
            return default
        try:
            return action(self.db)
        except sqlite3.DatabaseError as e:
            logs.warning("specls: cache %s is corrupt (%s); rebuilding it", self.path, e)
            self._reset()
        except (
            sqlite3.Error,
            pickle.PickleError,
            zlib.error,
            EOFError,
            AttributeError,
            TypeError,
        ) as e:
            logs.warning("specls: cache entry unusable (%s)", e)
        return default

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None

    # -- facts --------------------------------------------------------------------------------

    def get_facts(self, path: str, digest: str, module: str) -> FileFacts | None:
        def read(db: sqlite3.Connection) -> FileFacts | None:
            row = db.execute(
                "SELECT data FROM facts WHERE path = ? AND digest = ? AND module = ? AND build = ?",
                (path, digest, module, self.build),
            ).fetchone()
            return pickle.loads(row[0]) if row else None

        return self._guard(read, None)

    def holds_facts(self) -> bool:
        """Whether any facts of this build are stored (if not, every file must be parsed)."""

        def read(db: sqlite3.Connection) -> bool:
            row = db.execute("SELECT 1 FROM facts WHERE build = ? LIMIT 1", (self.build,))
            return row.fetchone() is not None

        return self._guard(read, False)

    def put_facts(self, items: Iterable[tuple[str, FileFacts]]) -> None:
        """Store ``(digest, facts)`` pairs in one transaction."""
        self.put_blobs(
            (f.path, digest, f.module, pickle.dumps(f, protocol=5)) for digest, f in items
        )

    def put_blobs(self, items: Iterable[tuple[str, str, str, bytes]]) -> None:
        """Store already pickled facts: ``(path, digest, module, pickled facts)``."""
        rows = [(path, digest, module, self.build, blob) for path, digest, module, blob in items]
        self._write_many("INSERT OR REPLACE INTO facts VALUES (?, ?, ?, ?, ?)", rows)

    def _write_many(self, statement: str, rows: list[tuple]) -> None:
        """Run ``statement`` with each of ``rows``, in one transaction."""
        if not rows:
            return

        def write(db: sqlite3.Connection) -> None:
            with db:
                db.execute("BEGIN")
                db.executemany(statement, rows)

        self._guard(write, None)

    # -- file stamps ---------------------------------------------------------------------------

    def get_stamps(self) -> dict[str, tuple[Stamp, str]]:
        """``path -> (stamp, digest)`` of files read before: while a file keeps that stamp,
        its content has that digest (see :meth:`put_stamps`)."""

        def read(db: sqlite3.Connection) -> dict[str, tuple[Stamp, str]]:
            rows = db.execute("SELECT path, size, mtime_ns, ctime_ns, inode, digest FROM stamps")
            return {row[0]: (row[1:5], row[5]) for row in rows}

        return self._guard(read, {})

    def put_stamps(self, rows: list[tuple[str, Stamp, str]]) -> None:
        """Remember ``(path, stamp, digest)`` of files just read. Only for files whose stamp
        was taken before they were read, its times then well in the past: a later change
        gives the file later times even where times are coarse (FAT: 2 s)."""
        self._write_many(
            "INSERT OR REPLACE INTO stamps VALUES (?, ?, ?, ?, ?, ?)",
            [(path, *stamp, digest) for path, stamp, digest in rows],
        )

    def drop_stamps(self, paths: list[str]) -> None:
        """Forget the stamps of ``paths`` (found with another content than remembered)."""
        self._write_many("DELETE FROM stamps WHERE path = ?", [(path,) for path in paths])

    # -- whole runs ---------------------------------------------------------------------------

    def get_run(self, key: str) -> list[Finding] | None:
        def read(db: sqlite3.Connection) -> list[Finding] | None:
            row = db.execute("SELECT data FROM runs WHERE key = ?", (key,)).fetchone()
            return pickle.loads(zlib.decompress(row[0])) if row else None

        return self._guard(read, None)

    def put_run(self, key: str, findings: list[Finding]) -> None:
        # Pickled without a memo (a memo of every object costs more memory than the pickle)
        # and deflated as it is written: a large workspace's findings are tens of MB raw.
        out = _Deflating()
        pickler = pickle.Pickler(out, protocol=5)
        pickler.fast = True
        pickler.dump(findings)
        data = out.finish()

        def write(db: sqlite3.Connection) -> None:
            with db:
                db.execute("BEGIN")
                db.execute("DELETE FROM runs")  # only the latest run is worth keeping
                db.execute("INSERT OR REPLACE INTO runs VALUES (?, ?)", (key, data))

        self._guard(write, None)


class _Deflating:
    """A write-only file that deflates what it is given (fast level: the cache is local)."""

    def __init__(self) -> None:
        self._z = zlib.compressobj(1)
        self._parts: list[bytes] = []

    def write(self, data: bytes) -> int:
        self._parts.append(self._z.compress(data))
        return len(data)

    def finish(self) -> bytes:
        self._parts.append(self._z.flush())
        return b"".join(self._parts)
