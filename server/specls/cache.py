"""A persistent cache of per-file facts and of whole-run findings, in SQLite.

Facts are keyed by path, content hash, module name and the *build* of specls (a hash of its
own source, so an upgrade or a local change never reuses stale facts). A run's findings are
keyed by everything they depend on: every file's hash, the spec, the settings and the build.
SQLite in WAL mode with a busy timeout makes the cache safe for two processes at once; a
corrupt cache file is deleted and rebuilt.

The cache lives in the workspace, and a workspace is not trusted: a repository can ship a
``.specls_cache`` of its own. So every row carries a MAC (HMAC-SHA-256 for blobs, keyed
BLAKE2b for stamps) over everything it is looked up by and its blob, made with this user's
key, which lives outside every workspace (:func:`key_path`); a row whose MAC does not
verify is ignored before anything in it is unpickled. The database must hold exactly
specls's own tables (no trigger, view or other table) before anything is read or written,
and the cache's files are never followed as symbolic links.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import marshal
import os
import pickle
import sqlite3
import stat
import struct
import sys
import time
import zlib
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from specls import logs
from specls.findings import Finding

if TYPE_CHECKING:
    from specls.discovery import Listing
    from specls.facts import FileFacts

SCHEMA = 13
DEFAULT_DIR = ".specls_cache"
#: ``PRAGMA application_id`` of a specls cache ("SPCL").
APPLICATION_ID = 0x5350434C
#: Bytes of a new key; a key file given by ``SPECLS_KEY_FILE`` may hold more (up to 4 KiB).
KEY_BYTES = 32
KEY_ENV = "SPECLS_KEY_FILE"
#: What changes when a file's content does: size, modification and status-change times (ns)
#: and inode. The status-change time also moves when a tool sets the modification time back
#: by hand after a write (``cp -p``, ``rsync -t``), and the inode when it writes a new file
#: in place of the old one; git's index compares the same.
Stamp = tuple[int, int, int, int]

#: The tables of a cache, exactly as SQLite keeps their SQL in ``sqlite_master``. Paths and
#: module names are BLOBs (:func:`path_bytes`): a file name need not be valid UTF-8.
TABLES = (
    "CREATE TABLE facts (path BLOB PRIMARY KEY, digest TEXT NOT NULL, module BLOB NOT NULL, "
    "build TEXT NOT NULL, data BLOB NOT NULL, mac BLOB NOT NULL)",
    "CREATE TABLE runs (key TEXT PRIMARY KEY, data BLOB NOT NULL, mac BLOB NOT NULL)",
    "CREATE TABLE classes (key TEXT PRIMARY KEY, data BLOB NOT NULL, mac BLOB NOT NULL)",
    "CREATE TABLE stamps (path BLOB PRIMARY KEY, size INTEGER NOT NULL, "
    "mtime_ns INTEGER NOT NULL, ctime_ns INTEGER NOT NULL, inode INTEGER NOT NULL, "
    "digest TEXT NOT NULL, mac BLOB NOT NULL)",
    "CREATE TABLE specs (path BLOB PRIMARY KEY, digest TEXT NOT NULL, build TEXT NOT NULL, "
    "data BLOB NOT NULL, mac BLOB NOT NULL)",
    "CREATE TABLE listings (key TEXT PRIMARY KEY, data BLOB NOT NULL, mac BLOB NOT NULL)",
    "CREATE TABLE edits (key TEXT PRIMARY KEY, data BLOB NOT NULL, mac BLOB NOT NULL)",
    "CREATE TABLE chunks (key BLOB PRIMARY KEY, data BLOB NOT NULL, mac BLOB NOT NULL)",
)
#: How many checks after an edit (:meth:`Cache.put_edit`) are kept, the latest ones.
EDITS_KEPT = 8
#: How many files' statement facts (:meth:`Cache.put_chunks`) are kept, the latest edited.
CHUNKS_KEPT = 16
#: The files SQLite keeps beside the database (any of them may be planted).
_SUFFIXES = ("", "-wal", "-shm", "-journal")
_MARKER = b"# created by specls\n*\n"
#: Flags of every file specls opens here: never through a link, bytes as they are.
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
_MAC_BYTES = 32
_FACTS_HEAD = struct.Struct("<IIII")  # lengths of path, digest, module, build
_STAMP_HEAD = struct.Struct("<qqqqI")  # size, mtime_ns, ctime_ns, inode, length of path
_INT64 = (-(1 << 63), (1 << 63) - 1)

T = TypeVar("T")


@cache
def build_id() -> str:
    """A hash of specls's own source files, by their names, sizes and modification times
    (what Python compares to trust a file's byte-code): facts from another build are never
    reused. Reading and hashing the files themselves took 10 to 60 ms of every process."""
    digest = hashlib.sha256(f"schema {SCHEMA}".encode())
    top = os.path.dirname(os.path.abspath(__file__))
    found: list[tuple[str, int, int]] = []
    todo = [top]
    while todo:
        directory = todo.pop()
        with os.scandir(directory) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        todo.append(entry.path)
                elif entry.name.endswith(".py"):
                    st = entry.stat()
                    found.append((entry.path[len(top) :], st.st_size, st.st_mtime_ns))
    for name, size, mtime in sorted(found):
        digest.update(f"{name}\0{size}\0{mtime}\n".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:16]


def content_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def path_bytes(path: str) -> bytes:
    """``path`` as bytes, losslessly: a name that is not valid UTF-8 arrives as lone
    surrogates (``os.fsdecode``), which ``surrogatepass`` keeps (every str has one
    encoding, and no two share it)."""
    return path.encode("utf-8", "surrogatepass")


# -- the key -----------------------------------------------------------------------------------


class KeyUnavailable(Exception):
    """This user's cache key cannot be read or made (the message says why)."""


def key_path() -> Path:
    """Where this user's cache key lives: ``$SPECLS_KEY_FILE``, else the user's cache
    directory (``$XDG_CACHE_HOME`` or ``~/.cache``; ``~/Library/Caches`` on macOS,
    ``%LOCALAPPDATA%`` on Windows), under ``specls/key``."""
    given = os.environ.get(KEY_ENV)
    if given:
        return Path(given).expanduser()
    if sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    elif os.name == "nt":
        local = os.environ.get("LOCALAPPDATA")
        base = Path(local) if local else Path.home() / "AppData" / "Local"
    else:
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache"  # (relative: ignored)
    return base / "specls" / "key"


def load_key(workspace: Path | None = None) -> bytes:
    """This user's cache key, made on first use (32 random bytes, mode 0600). Refused when
    it would be inside ``workspace``: a workspace must not provide the key that vouches for
    the cache it ships. Raises :class:`KeyUnavailable`."""
    try:
        path = key_path().resolve()
        if workspace is not None and path.is_relative_to(workspace.resolve()):
            raise KeyUnavailable(
                f"the key file {path} is inside the workspace {workspace}; "
                f"set {KEY_ENV} to a file outside it"
            )
        try:
            key = _read_key(path)
        except FileNotFoundError:
            _make_key(path)
            key = _read_key(path)
        # (BLAKE2b takes keys of up to 64 bytes; a longer key file is hashed to one)
        return key if len(key) <= 64 else hashlib.sha256(key).digest()
    except KeyUnavailable:
        raise
    except (OSError, RuntimeError, ValueError) as e:  # (RuntimeError: no home directory)
        raise KeyUnavailable(f"cannot read or create the key file: {e}") from None


def _read_key(path: Path) -> bytes:
    for _ in range(40):  # (a key made where hard links fail is written after it is created)
        # (non-blocking: a FIFO planted as the key must not hang the run)
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise KeyUnavailable(f"the key file {path} is not a regular file")
            if os.name == "posix" and (st.st_uid != os.getuid() or st.st_mode & 0o077):
                raise KeyUnavailable(
                    f"the key file {path} must be yours and private (chmod 600 {path})"
                )
            data = os.read(fd, 4097)
        finally:
            os.close(fd)
        if KEY_BYTES <= len(data) <= 4096:
            return data
        if len(data) > 4096:
            break
        time.sleep(0.025)
    raise KeyUnavailable(f"the key file {path} does not hold a key (delete it to make a new one)")


def _make_key(path: Path) -> None:
    """Create the key file, atomically: written whole under another name, then linked to its
    own, which fails if another process made it first (its key is then the key)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = os.urandom(KEY_BYTES)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}")
    _write_new(tmp, key, 0o600, sync=True)
    try:
        os.link(tmp, path)
    except FileExistsError:
        pass
    except OSError:  # no hard links on this file system: create it in place, exclusively
        with contextlib.suppress(FileExistsError):
            _write_new(path, key, 0o600, sync=True)
    finally:
        tmp.unlink(missing_ok=True)


def _write_new(path: Path, data: bytes, mode: int, *, sync: bool = False) -> None:
    """Write a file that must not exist yet (nor be a symbolic link)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, mode)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        if sync:
            os.fsync(fd)
    finally:
        os.close(fd)


# -- the database's schema ---------------------------------------------------------------------


class _Foreign(Exception):
    """The database is not one specls made (or is not one at all)."""


_MASTER = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"


@cache
def _expected_master() -> list[tuple]:
    """``sqlite_master`` of a cache, as :data:`_MASTER` lists it: its tables, and the
    indexes of their primary keys (a test checks it against SQLite's own)."""
    names = [sql.split()[2] for sql in TABLES]
    indexes = [("index", f"sqlite_autoindex_{name}_1", name, None) for name in names]
    tables = [("table", name, name, sql) for name, sql in zip(names, TABLES, strict=True)]
    return sorted(indexes) + sorted(tables)


def _check_schema(db: sqlite3.Connection) -> None:
    """Create the tables in a new database; in any other, verify that it holds exactly
    specls's own (a trigger would run as specls writes, a view could stand for a table)."""
    found = db.execute(_MASTER).fetchall()
    if not found and _pragma(db, "application_id") == 0 and _pragma(db, "user_version") == 0:
        db.execute("BEGIN IMMEDIATE")  # (two processes may create it at once)
        try:
            for sql in TABLES:
                db.execute(sql.replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS", 1))
            db.execute(f"PRAGMA application_id={APPLICATION_ID}")
            db.execute(f"PRAGMA user_version={SCHEMA}")
            db.execute("COMMIT")
        except BaseException:
            db.rollback()
            raise
        found = db.execute(_MASTER).fetchall()
    if (
        found != _expected_master()
        or _pragma(db, "application_id") != APPLICATION_ID
        or _pragma(db, "user_version") != SCHEMA
    ):
        raise _Foreign("its tables are not this specls's")


def _pragma(db: sqlite3.Connection, name: str) -> object:
    return db.execute(f"PRAGMA {name}").fetchone()[0]


def _harden(db: sqlite3.Connection) -> None:
    """What SQLite offers against a hostile database file, before it is read."""
    db.execute("PRAGMA trusted_schema=OFF")  # no functions with side effects from the schema
    db.execute("PRAGMA cell_size_check=ON")  # corrupt pages found as they are read
    setconfig = getattr(db, "setconfig", None)  # (Python 3.12+)
    if setconfig is not None:
        for name, value in [
            ("SQLITE_DBCONFIG_DEFENSIVE", True),
            ("SQLITE_DBCONFIG_ENABLE_TRIGGER", False),
            ("SQLITE_DBCONFIG_ENABLE_VIEW", False),
        ]:
            op = getattr(sqlite3, name, None)
            if op is not None:
                setconfig(op, value)


def _corrupt(e: sqlite3.DatabaseError) -> bool:
    """Whether ``e`` says the file is damaged (rebuild it), not busy, full or read-only."""
    name = getattr(e, "sqlite_errorname", None)
    if name is None:
        return type(e) is sqlite3.DatabaseError
    return name.startswith("SQLITE_CORRUPT") or name in ("SQLITE_NOTADB", "SQLITE_IOERR_SHORT_READ")


# -- the cache ---------------------------------------------------------------------------------


class Cache:
    """Facts and findings stored in ``<directory>/cache.sqlite3``, trusted only where this
    user's key vouches for them. ``workspace`` is the root of the workspace being checked:
    the key must not be inside it (by default, the parent of a ``.specls_cache``, else
    ``directory`` itself).

    Never raises: a cache that cannot be used is no cache (``db`` is None), with one note.
    """

    def __init__(self, directory: Path, *, workspace: Path | None = None) -> None:
        self.directory = directory
        self.path = directory / "cache.sqlite3"
        self.db: sqlite3.Connection | None = None
        self.build = ""
        self._noted = False  # at most one note per cache (one run, or one editor session)
        #: Facts being extracted elsewhere (see :meth:`expect`).
        self._expected: dict[str, tuple[str, str, Callable[[], bytes | None]]] = {}
        self._owned = False  # whether files there may be deleted (see _prepare)
        # (MACs keyed once, copied for each row; these are used only once keyed)
        self._facts_mac = self._runs_mac = self._classes_mac = hmac.new(b"", digestmod="sha256")
        self._specs_mac = self._listings_mac = self._edits_mac = self._facts_mac
        self._chunks_mac = self._facts_mac
        self._stamps_mac = hashlib.blake2b(digest_size=_MAC_BYTES)
        try:
            self.build = build_id()
            if workspace is None:
                workspace = directory.parent if directory.name == DEFAULT_DIR else directory
            key = load_key(workspace)
            # Blobs (megabytes in all) with HMAC-SHA-256, which CPUs hash in hardware; stamps
            # (a hundred bytes each, thousands of them) with keyed BLAKE2b, cheaper per call.
            self._facts_mac = hmac.new(key, b"specls facts 3\0", "sha256")
            self._runs_mac = hmac.new(key, b"specls runs 3\0", "sha256")
            self._classes_mac = hmac.new(key, b"specls classes 4\0", "sha256")
            self._specs_mac = hmac.new(key, b"specls specs 7\0", "sha256")
            self._listings_mac = hmac.new(key, b"specls listings 11\0", "sha256")
            self._edits_mac = hmac.new(key, b"specls edits 11\0", "sha256")
            self._chunks_mac = hmac.new(key, b"specls chunks 12\0", "sha256")
            self._stamps_mac = hashlib.blake2b(
                key=key, person=b"specls stamps 3", digest_size=_MAC_BYTES
            )
            self._open()
        except Exception as e:
            self._note("specls: no cache (%s)", e)
            self.close()

    # -- connection ---------------------------------------------------------------------------

    def _note(self, message: str, *args: object) -> None:
        if not self._noted:
            self._noted = True
            logs.warning(message, *args)

    def _open(self) -> None:
        self._prepare()
        try:
            self.db = self._connect()
        except _Foreign as e:
            self._rebuild(e)
        except sqlite3.DatabaseError as e:
            if _corrupt(e):
                self._rebuild(e)
            else:  # (busy, read-only, out of space: not a reason to delete it)
                self._note("specls: no cache (%s: %s)", self.path, e)

    def _prepare(self) -> None:
        """Make the directory, its ``.gitignore``, and make sure none of the database's files
        is a symbolic link (SQLite would follow it) or anything but a plain file.

        A directory specls made, or named ``.specls_cache``, or holding specls's
        ``.gitignore`` is specls's own: files there are deleted when unusable. In another
        (``cache-dir`` can name any), a file that is not specls's is left alone."""
        directory = self.directory
        try:
            st = os.lstat(directory)
        except FileNotFoundError:
            directory.mkdir(parents=True, exist_ok=True)
            self._owned = True
            st = os.lstat(directory)
        if stat.S_ISLNK(st.st_mode):
            raise OSError(f"{directory} is a symbolic link")
        if not stat.S_ISDIR(st.st_mode):
            raise OSError(f"{directory} is not a directory")
        self._owned = self._owned or directory.name == DEFAULT_DIR
        ignore = directory / ".gitignore"
        try:
            st = os.lstat(ignore)
        except FileNotFoundError:
            st = None
        if st is not None and stat.S_ISREG(st.st_mode):
            if self._owned:
                self._check_files()
                return
            fd = os.open(ignore, os.O_RDONLY | _NOFOLLOW)
            try:
                self._owned = self._owned or os.read(fd, 64) == _MARKER
            finally:
                os.close(fd)
        elif st is None or self._owned:
            if st is not None:
                _remove(ignore)  # (a link: removing it never touches its target)
            try:
                _write_new(ignore, _MARKER, 0o644)
            except FileExistsError:
                pass
            else:  # a directory without one, and without a database, is specls's now
                self._owned = self._owned or not any(
                    os.path.lexists(f"{self.path}{suffix}") for suffix in _SUFFIXES
                )
        self._check_files()

    def _check_files(self) -> None:
        """Remove what is not a plain file where the database's files go (in specls's own
        directory; in another, refuse to use it)."""
        for suffix in _SUFFIXES:
            path = Path(f"{self.path}{suffix}")
            try:
                st = os.lstat(path)
            except FileNotFoundError:
                continue
            if not stat.S_ISREG(st.st_mode):
                if not self._owned:
                    raise OSError(f"{path} is not a file, and {self.directory} is not specls's")
                self._note("specls: cache %s is not a file; rebuilding it", path)
                _remove(path)

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            _harden(db)
            _check_schema(db)
            db.execute("PRAGMA journal_mode=WAL")
            # No waiting for the disk: a cold check of Django spent 0.06 s in the fsyncs of
            # WAL checkpoints (one while it wrote the facts, one as it closed). A write cut
            # short by a power loss can at worst lose recent rows or corrupt the file, and a
            # corrupt file is rebuilt; rows are keyed by content hash, so an older row is
            # never a wrong one.
            db.execute("PRAGMA synchronous=OFF")
        except BaseException:
            db.close()
            raise
        return db

    def _rebuild(self, reason: Exception) -> None:
        """Delete the database and its companions, and start an empty one."""
        self.close()
        if not self._owned:
            self._note(
                "specls: no cache (%s is not specls's: %s; left as it is)", self.path, reason
            )
            return
        self._note("specls: cache %s is unusable (%s); rebuilding it", self.path, reason)
        try:
            for suffix in _SUFFIXES:
                _remove(Path(f"{self.path}{suffix}"))
            self._prepare()
            self.db = self._connect()
        except (sqlite3.Error, _Foreign, OSError) as e:
            self._note("specls: no cache (%s)", e)
            self.close()

    def _guard(self, action: Callable[[sqlite3.Connection], T], default: T) -> T:
        """Run a database action; a corrupt database is rebuilt, other errors cost the hit."""
        if self.db is None:
            return default
        try:
            return action(self.db)
        except sqlite3.DatabaseError as e:
            if _corrupt(e):
                self._rebuild(e)
            else:
                self._note("specls: cache %s not usable now (%s)", self.path, e)
        except Exception as e:
            self._note("specls: cache entry unusable (%s)", e)
        return default

    def _distrust(self) -> None:
        """A row this user's key did not make: the cache was made elsewhere (or tampered
        with). Nothing in it is believed: every row is deleted, with a note."""
        self._note(
            "specls: cache %s holds entries this user's specls did not make; "
            "ignoring and clearing them",
            self.path,
        )

        def clear(db: sqlite3.Connection) -> None:
            with db:
                db.execute("BEGIN")
                for table in (
                    "facts",
                    "stamps",
                    "runs",
                    "classes",
                    "specs",
                    "listings",
                    "edits",
                    "chunks",
                ):
                    db.execute(f"DELETE FROM {table}")

        self._guard(clear, None)

    def _load(self, loads: Callable[[bytes], Any], data: bytes) -> Any:
        try:
            return loads(data)
        except Exception as e:
            self._note("specls: cache entry unusable (%s)", e)
            return None

    def close(self) -> None:
        db, self.db = self.db, None
        if db is not None:
            with contextlib.suppress(sqlite3.Error):
                db.close()

    # -- MACs: over everything a row is looked up by, and its blob ----------------------------

    def _facts_tag(self, path: bytes, digest: str, module: bytes, data: bytes) -> bytes:
        h = self._facts_mac.copy()
        d, b = digest.encode(), self.build.encode()
        h.update(_FACTS_HEAD.pack(len(path), len(d), len(module), len(b)) + path + d + module + b)
        h.update(data)
        return h.digest()

    def _verified(self, row: Any, tag: Callable[[bytes], bytes]) -> bytes | None:
        """The data of a row ``(data, mac)`` whose MAC is ``tag(data)``, before anything
        decodes it; None for no row, and for a forged one (the cache is then distrusted)."""
        if row is None:
            return None
        data, mac = row
        if type(data) is bytes and type(mac) is bytes and hmac.compare_digest(mac, tag(data)):
            return data
        self._distrust()
        return None

    def _run_tag(self, key: str, data: bytes, table: str = "runs") -> bytes:
        h = self._run_mac(key, table)
        h.update(data)
        return h.digest()

    def _run_mac(self, key: str, table: str) -> Any:
        """The MAC of a row of ``table`` at ``key``, before its data is added."""
        macs = {
            "runs": self._runs_mac,
            "classes": self._classes_mac,
            "listings": self._listings_mac,
            "edits": self._edits_mac,
        }
        h = macs[table].copy()
        k = key.encode()
        h.update(struct.pack("<I", len(k)) + k)
        return h

    def _spec_tag(self, path: bytes, digest: str, data: bytes) -> bytes:
        h = self._specs_mac.copy()
        d, b = digest.encode(), self.build.encode()
        h.update(_FACTS_HEAD.pack(len(path), len(d), 0, len(b)) + path + d + b)
        h.update(data)
        return h.digest()

    def _stamp_tag(
        self, path: bytes, size: int, mtime: int, ctime: int, inode: int, digest: str
    ) -> bytes:
        h = self._stamps_mac.copy()
        h.update(_STAMP_HEAD.pack(size, mtime, ctime, inode, len(path)) + path + digest.encode())
        return h.digest()

    # -- facts --------------------------------------------------------------------------------

    def expect(self, path: str, digest: str, module: str, take: Callable[[], bytes | None]) -> None:
        """Facts on their way (being extracted by a child of this process, which pickles
        them): when they are looked up, ``take()`` gives their pickle (None if it failed),
        which is stored and loaded as if it had been found here."""
        self._expected[path] = (digest, module, take)

    def has_facts(self, path: str, digest: str, module: str) -> bool:
        """Whether a row of facts is stored for these (its MAC is not verified: for choosing
        whether to extract them early, never for using them)."""
        row = self._guard(
            lambda db: db.execute(
                "SELECT 1 FROM facts WHERE path = ? AND digest = ? AND module = ? AND build = ?",
                (path_bytes(path), digest, path_bytes(module), self.build),
            ).fetchone(),
            None,
        )
        return row is not None

    def _arrived(self, path: str, digest: str, module: str) -> FileFacts | None:
        """The facts :meth:`expect` was told of, once they come (stored then)."""
        early = self._expected.get(path)
        if early is None or early[:2] != (digest, module):
            return None
        del self._expected[path]
        blob = early[2]()
        facts = None if blob is None else self._load(pickle.loads, blob)
        if facts is not None and blob is not None:
            self.put_blobs([(path, digest, module, blob)])
        return facts

    def get_facts(self, path: str, digest: str, module: str) -> FileFacts | None:
        if self.db is None:
            return None
        if path in self._expected and (facts := self._arrived(path, digest, module)):
            return facts
        key, mod = path_bytes(path), path_bytes(module)
        row = self._guard(
            lambda db: db.execute(
                "SELECT data, mac FROM facts "
                "WHERE path = ? AND digest = ? AND module = ? AND build = ?",
                (key, digest, mod, self.build),
            ).fetchone(),
            None,
        )
        data = self._verified(row, lambda blob: self._facts_tag(key, digest, mod, blob))
        return None if data is None else self._load(pickle.loads, data)

    def get_many_facts(self, wanted: dict[str, tuple[str, str]]) -> dict[str, FileFacts]:
        """The facts of many files at once (``path -> (digest, module)``; those the cache
        has): one query for all of them, each row's MAC verified before it is loaded."""
        if self.db is None or not wanted:
            return {}
        rows = self._guard(
            lambda db: db.execute(
                "SELECT path, digest, module, data, mac FROM facts WHERE build = ?",
                (self.build,),
            ).fetchall(),
            [],
        )
        found: dict[str, FileFacts] = {}
        for key, digest, mod, data, mac in rows:
            if type(key) is not bytes:
                continue  # (never made so: not looked up, as no path is)
            path = key.decode("utf-8", "surrogatepass")
            want = wanted.get(path)
            if want is None or want[0] != digest or path_bytes(want[1]) != mod:
                continue  # (not wanted: never verified, never loaded)
            if not (
                type(data) is bytes
                and type(mac) is bytes
                and hmac.compare_digest(mac, self._facts_tag(key, digest, mod, data))
            ):
                self._distrust()
                return {}
            facts = self._load(pickle.loads, data)
            if facts is not None:
                found[path] = facts
        for path in [p for p in self._expected if p in wanted and p not in found]:
            if (facts := self._arrived(path, *wanted[path])) is not None:
                found[path] = facts
        return found

    def get_some_facts(self, items: list[tuple[str, str, str]]) -> dict[str, FileFacts]:
        """The facts of a few files, ``(path, digest, module)`` each (those the cache has),
        in one query: a row per file looked up costs a query each (the language server's
        start on a filled cache, 64 files at a time)."""
        if self.db is None or not items:
            return {}
        wanted = {path_bytes(path): (digest, path_bytes(module)) for path, digest, module in items}
        marks = ", ".join("?" * len(wanted))
        rows = self._guard(
            lambda db: db.execute(
                f"SELECT path, digest, module, data, mac FROM facts "
                f"WHERE build = ? AND path IN ({marks})",
                (self.build, *wanted),
            ).fetchall(),
            [],
        )
        found: dict[str, FileFacts] = {}
        for key, digest, mod, data, mac in rows:
            if wanted.get(key) != (digest, mod):
                continue  # (another content or module: not verified, not loaded)
            if not (
                type(data) is bytes
                and type(mac) is bytes
                and hmac.compare_digest(mac, self._facts_tag(key, digest, mod, data))
            ):
                self._distrust()
                return {}
            facts = self._load(pickle.loads, data)
            if facts is not None:
                found[key.decode("utf-8", "surrogatepass")] = facts
        return found

    def holds_facts(self) -> bool:
        """Whether any facts of this build are stored (if not, every file must be parsed)."""
        row = self._guard(
            lambda db: db.execute(
                "SELECT path, digest, module, data, mac FROM facts WHERE build = ? LIMIT 1",
                (self.build,),
            ).fetchone(),
            None,
        )
        if row is None:
            return False
        try:
            path, digest, module, data, mac = row
            if type(mac) is bytes and hmac.compare_digest(
                mac, self._facts_tag(path, digest, module, data)
            ):
                return True
        except Exception:
            pass
        self._distrust()
        return False

    def put_facts(self, items: Iterable[tuple[str, FileFacts]]) -> None:
        """Store ``(digest, facts)`` pairs in one transaction."""
        try:
            blobs = [(f.path, d, f.module, pickle.dumps(f, protocol=5)) for d, f in items]
        except Exception as e:
            self._note("specls: cache entry unusable (%s)", e)
            return
        self.put_blobs(blobs)

    def put_blobs(self, items: Iterable[tuple[str, str, str, bytes]]) -> None:
        """Store already pickled facts: ``(path, digest, module, pickled facts)``."""
        if self.db is None:
            return
        rows = []
        for path, digest, module, blob in items:
            key, mod = path_bytes(path), path_bytes(module)
            tag = self._facts_tag(key, digest, mod, blob)
            rows.append((key, digest, mod, self.build, blob, tag))
        self._write_many("INSERT OR REPLACE INTO facts VALUES (?, ?, ?, ?, ?, ?)", rows)

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
        rows = self._guard(
            lambda db: db.execute(
                "SELECT path, size, mtime_ns, ctime_ns, inode, digest, mac FROM stamps"
            ).fetchall(),
            [],
        )
        known: dict[str, tuple[Stamp, str]] = {}
        forged = False
        # (:meth:`_stamp_tag`, inlined: a warm check verifies every file's stamp)
        copy, pack, same = self._stamps_mac.copy, _STAMP_HEAD.pack, hmac.compare_digest
        for path, size, mtime, ctime, inode, digest, mac in rows:
            try:
                h = copy()
                h.update(pack(size, mtime, ctime, inode, len(path)) + path + digest.encode())
                if same(h.digest(), mac):  # (TypeError unless mac is bytes)
                    known[path.decode("utf-8", "surrogatepass")] = (
                        (size, mtime, ctime, inode),
                        digest,
                    )
                    continue
            except Exception:  # (not even of the types specls writes)
                pass
            forged = True
        if forged:
            self._distrust()
        return known

    def put_stamps(self, rows: list[tuple[str, Stamp, str]]) -> None:
        """Remember ``(path, stamp, digest)`` of files just read. Only for files whose stamp
        was taken before they were read, its times then well in the past: a later change
        gives the file later times even where times are coarse (FAT: 2 s)."""
        if self.db is None:
            return
        low, high = _INT64
        out = []
        for path, stamp, digest in rows:
            if all(low <= n <= high for n in stamp):  # (SQLite's integers are 64 bits)
                key = path_bytes(path)
                out.append((key, *stamp, digest, self._stamp_tag(key, *stamp, digest)))
        self._write_many("INSERT OR REPLACE INTO stamps VALUES (?, ?, ?, ?, ?, ?, ?)", out)

    def drop_stamps(self, paths: list[str]) -> None:
        """Forget the stamps of ``paths`` (found with another content than remembered)."""
        self._write_many("DELETE FROM stamps WHERE path = ?", [(path_bytes(p),) for p in paths])

    # -- spec files ----------------------------------------------------------------------------

    def get_spec(self, path: str, digest: str) -> dict | None:
        """What validating the spec file ``path`` found when its text had ``digest``
        (:func:`specls.spec.load.parse_spec`), if this build validated it so."""
        key = path_bytes(path)
        row = self._guard(
            lambda db: db.execute(
                "SELECT data, mac FROM specs WHERE path = ? AND digest = ? AND build = ?",
                (key, digest, self.build),
            ).fetchone(),
            None,
        )
        data = self._verified(row, lambda blob: self._spec_tag(key, digest, blob))
        if data is None:
            return None
        found = self._load(pickle.loads, data)
        return found if type(found) is dict else None

    def put_spec(self, path: str, digest: str, found: dict) -> None:
        """Keep what validating the spec file ``path`` found (one row per spec file)."""
        if self.db is None:
            return
        try:
            data = pickle.dumps(found, protocol=5)
        except Exception as e:
            self._note("specls: cache entry unusable (%s)", e)
            return
        key = path_bytes(path)
        row = (key, digest, self.build, data, self._spec_tag(key, digest, data))
        self._write_many("INSERT OR REPLACE INTO specs VALUES (?, ?, ?, ?, ?)", [row])

    # -- whole runs ---------------------------------------------------------------------------

    def get_run(self, key: str) -> list[Finding] | None:
        return self._get_findings("runs", key)

    def put_run(self, key: str, findings: list[Finding]) -> None:
        self._put_findings("runs", key, findings)

    def get_classes(self, key: str) -> dict[bytes, list[Finding]]:
        """The last run's findings per class (:mod:`specls.incremental`), if that run had
        ``key`` (the build and the workspace's root); else none."""
        found = self._get_findings("classes", key)
        return found if type(found) is dict else {}

    def put_classes(self, key: str, found: dict[bytes, list[Finding]]) -> None:
        self._put_findings("classes", key, found)

    def get_listings(self) -> dict[str, Listing]:
        """The directory listings the last walk of this build kept
        (:class:`specls.discovery.Listings`). Plain data (strs, ints, bools, tuples), kept
        with :mod:`marshal` (Django's 2,455: about 1 ms to load, 2 ms with the query); the
        MAC is verified first, as for every row."""
        key = self.build
        row = self._guard(
            lambda db: db.execute(
                "SELECT data, mac FROM listings WHERE key = ?", (key,)
            ).fetchone(),
            None,
        )
        data = self._verified(row, lambda blob: self._run_tag(key, blob, "listings"))
        found = None if data is None else self._load(marshal.loads, data)
        return found if type(found) is dict else {}

    def put_listings(self, listings: dict[str, Listing]) -> None:
        """Keep a walk's listings (one row: the latest)."""
        if self.db is None:
            return
        try:
            data = marshal.dumps(listings)
        except ValueError as e:
            self._note("specls: cache entry unusable (%s)", e)
            return
        key = self.build
        tag = self._run_tag(key, data, "listings")

        def write(db: sqlite3.Connection) -> None:
            with db:
                db.execute("BEGIN")
                db.execute("DELETE FROM listings")
                db.execute("INSERT INTO listings VALUES (?, ?, ?)", (key, data, tag))

        self._guard(write, None)

    def get_edit(self, key: str) -> tuple | None:
        """What a check after an edit (:func:`specls.run.check_edited`) found, if one of
        the last :data:`EDITS_KEPT` had ``key`` (everything it depends on)."""
        found = self._get_findings("edits", key)
        return found if type(found) is tuple else None

    def put_edit(self, key: str, found: tuple) -> None:
        self._put_findings("edits", key, found, EDITS_KEPT)

    def get_chunks(self, path: str) -> tuple | None:
        """The facts of the top-level statements of ``path`` when it was last extracted
        after an edit (see :meth:`put_chunks`), MAC verified before they are loaded."""
        key = self._chunks_key(path)
        row = self._guard(
            lambda db: db.execute("SELECT data, mac FROM chunks WHERE key = ?", (key,)).fetchone(),
            None,
        )
        data = self._verified(row, lambda blob: self._chunks_tag(key, blob))
        found = None if data is None else self._load(pickle.loads, data)
        return found if type(found) is tuple else None

    def put_chunks(self, path: str, blob: bytes) -> None:
        """Keep the pickled facts of ``path``'s top-level statements, each by its source
        (:class:`specls.extract.ChunkCache`'s content), for the next extraction of another
        content of it: an agent's next edit of the file re-reads only what it touched.
        Those of the :data:`CHUNKS_KEPT` files last kept are kept."""
        key = self._chunks_key(path)
        tag = self._chunks_tag(key, blob)

        def write(db: sqlite3.Connection) -> None:
            with db:
                db.execute("BEGIN")
                db.execute("INSERT OR REPLACE INTO chunks VALUES (?, ?, ?)", (key, blob, tag))
                db.execute(
                    "DELETE FROM chunks WHERE rowid NOT IN "
                    "(SELECT rowid FROM chunks ORDER BY rowid DESC LIMIT ?)",
                    (CHUNKS_KEPT,),
                )

        if self.db is not None:
            self._guard(write, None)

    def _chunks_key(self, path: str) -> bytes:
        return path_bytes(f"{self.build}\0{path}")

    def _chunks_tag(self, key: bytes, data: bytes) -> bytes:
        h = self._chunks_mac.copy()
        h.update(struct.pack("<I", len(key)) + key)
        h.update(data)
        return h.digest()

    def _get_findings(self, table: str, key: str) -> Any:
        row = self._guard(
            lambda db: db.execute(
                f"SELECT data, mac FROM {table} WHERE key = ?", (key,)
            ).fetchone(),
            None,
        )
        data = self._verified(row, lambda blob: self._run_tag(key, blob, table))
        if data is None:
            return None
        return self._load(lambda blob: pickle.loads(zlib.decompress(blob)), data)

    def _put_findings(self, table: str, key: str, findings: object, keep: int = 1) -> None:
        """Store a row of ``table``, and of the others only the ``keep - 1`` latest."""
        if self.db is None:
            return
        # Pickled without a memo (a memo of every object costs more memory than the pickle)
        # and deflated as it is written: a large workspace's findings are tens of MB raw.
        # The deflated pieces are MACed as they come and written into the row's blob one by
        # one: never joined, nor bound, nor made a record (one copy of the data, not four).
        h = self._run_mac(key, table)
        try:
            out = _Deflating(h)
            pickler = pickle.Pickler(out, protocol=5)
            pickler.fast = True
            pickler.dump(findings)
            del pickler
            parts = out.finish()
        except Exception as e:
            self._note("specls: cache entry unusable (%s)", e)
            return
        tag = h.digest()
        size = sum(map(len, parts))

        def write(db: sqlite3.Connection) -> None:
            with db:
                db.execute("BEGIN")
                if keep <= 1:
                    db.execute(f"DELETE FROM {table}")  # only the latest run is worth keeping
                # (zeroblobs at a row's end are not made in memory: both are written after)
                row = db.execute(
                    f"INSERT OR REPLACE INTO {table} VALUES (?, zeroblob(?), zeroblob(?))",
                    (key, size, len(tag)),
                ).lastrowid
                with db.blobopen(table, "data", row) as blob:
                    for part in parts:
                        blob.write(part)
                with db.blobopen(table, "mac", row) as blob:
                    blob.write(tag)
                if keep > 1:  # (a row replaced is a new one: the latest)
                    db.execute(
                        f"DELETE FROM {table} WHERE rowid NOT IN "
                        f"(SELECT rowid FROM {table} ORDER BY rowid DESC LIMIT ?)",
                        (keep,),
                    )

        self._guard(write, None)


def _remove(path: Path) -> None:
    """Delete a file, a link (never its target) or a directory (never through a link)."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISDIR(st.st_mode):
        import shutil

        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


class _Deflating:
    """A write-only file that deflates what it is given (fast level: the cache is local),
    each deflated piece added to ``mac`` as it is made."""

    def __init__(self, mac: Any) -> None:
        self._z = zlib.compressobj(1)
        self._mac = mac
        self._parts: list[bytes] = []

    def write(self, data: bytes) -> int:
        part = self._z.compress(data)
        if part:
            self._mac.update(part)
            self._parts.append(part)
        return len(data)

    def finish(self) -> list[bytes]:
        """The deflated pieces, in order (the MAC has them all)."""
        part = self._z.flush()
        self._mac.update(part)
        self._parts.append(part)
        return self._parts
