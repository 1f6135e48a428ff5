"""Read-only git for an untrusted checkout: the commit a decision was recorded at, and the
bytes a file had then.

git's own documentation (git(1) SECURITY, gitsecurityboundary(7)) says that inspecting a
cloned repository with commands like ``git log`` is safe, but that a ``.git`` directory
which is itself untrusted (an archive, a copied checkout, a repository someone else wrote)
"may contain configuration and hooks that cause Git to run arbitrary commands". A
workspace is untrusted here, ``.git/config`` included, so every git command specls runs:

- reads objects only — ``rev-parse``, ``cat-file blob``, ``diff-tree --name-status`` between
  two commits, and no other command (:func:`run_git` refuses the rest) — never the work tree
  or the index (which is what calls ``core.fsmonitor``, clean/smudge filters and
  ``post-index-change``), and never a patch (which would run a ``textconv`` driver the
  work tree's ``.gitattributes`` names: ``-c`` cannot switch off a driver of any name); the
  current bytes of a file are read by specls itself and compared in Python;
- overrides, on the command line (which git reads after the repository's config), every
  setting that names a program or a file: ``core.fsmonitor``, ``core.hooksPath``,
  ``core.pager``, ``diff.external``, ``core.sshCommand``, ``core.askPass``,
  ``credential.helper``, ``core.alternateRefsCommand``, ``gpg.program`` (with
  ``log.showSignature`` off), and turns off automatic gc and maintenance, any protocol
  (no lazy fetch of a partial clone), and implicit bare repositories
  (``safe.bareRepository=explicit``);
- runs with ``--no-pager``, ``--no-ext-diff --no-textconv`` where they apply, no system
  config (``GIT_CONFIG_NOSYSTEM``), ``GIT_PAGER=cat``, no terminal prompt, no optional
  locks, and none of the inherited variables that would point git at another repository
  (``GIT_DIR``, ``GIT_WORK_TREE``, ``GIT_INDEX_FILE`` …) or smuggle configuration in
  (``GIT_CONFIG_PARAMETERS``, ``GIT_CONFIG_COUNT``, ``GIT_EXTERNAL_DIFF``);
- keeps git's ownership check (``safe.directory``: a repository another user owns is
  refused by git itself), checks that the repository's work tree is where its ``.git`` is
  (a hostile ``core.worktree`` cannot move it), and validates every revision it passes;
- is bounded: a timeout, and a cap on the output read.

When git is not installed, or the workspace is not in a repository, or git refuses, the
functions say so (``None`` or :class:`GitUnavailable`) and never raise anything else.
"""

from __future__ import annotations

import os
import re
import subprocess
import threading
from pathlib import Path

from specls.records import record

#: Seconds a git command may take.
TIMEOUT = 10.0
#: Bytes of output read from one command (a blob is at most what a check reads: 4 MiB).
MAX_OUTPUT = (4 << 20) + 1
#: Settings given on the command line, which win over the repository's own config.
OVERRIDES: tuple[str, ...] = (
    "core.fsmonitor=false",
    f"core.hooksPath={os.devnull}",
    "core.pager=cat",
    "pager.log=false",
    "diff.external=",
    "core.sshCommand=false",
    "core.askPass=",
    "credential.helper=",
    "core.alternateRefsCommand=",
    "gpg.program=false",
    "log.showSignature=false",
    "core.untrackedCache=false",
    "gc.auto=0",
    "maintenance.auto=false",
    "protocol.allow=never",
    "safe.bareRepository=explicit",
    "core.quotePath=false",
)
#: Inherited variables that would point git elsewhere or pass it configuration.
_DROPPED = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_COMMON_DIR",
    "GIT_NAMESPACE",
    "GIT_CONFIG",
    "GIT_CONFIG_PARAMETERS",
    "GIT_CONFIG_COUNT",
    "GIT_EXTERNAL_DIFF",
    "GIT_EXEC_PATH",
    "GIT_SSH",
    "GIT_SSH_COMMAND",
    "GIT_ASKPASS",
    "GIT_PROXY_COMMAND",
)
_SET = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_PAGER": "cat",
    "PAGER": "cat",
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_OPTIONAL_LOCKS": "0",
    "GIT_NO_REPLACE_OBJECTS": "1",
    "GIT_NO_LAZY_FETCH": "1",
    "GIT_ATTR_NOSYSTEM": "1",
    "GIT_ALLOW_PROTOCOL": "",
    "LC_ALL": "C",
}
#: A commit as a spec's ``since`` may name it: an abbreviated or full object name.
COMMIT_ID = re.compile(r"[0-9a-fA-F]{4,64}")
#: A revision the user may pass (``--since main~3``): never an option, no spaces.
_REVISION = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_./@{}~^:+-]{0,199}")


#: The only commands :func:`run_git` runs, and the options it refuses with them.
COMMANDS = frozenset({"rev-parse", "cat-file", "diff-tree"})
_REFUSED_OPTIONS = ("--textconv", "--filters", "-p", "--patch", "--ext-diff", "--output")


class GitUnavailable(Exception):
    """git cannot answer: not installed, no repository, refused, too slow."""


@record(frozen=True)
class Repo:
    """A git repository whose work tree holds the workspace."""

    top: Path


def environment() -> dict[str, str]:
    """The environment git runs in: the user's, less what redirects git, plus the guards."""
    env = {k: v for k, v in os.environ.items() if k not in _DROPPED}
    env.update(_SET)
    return env


def git_command(repo: Repo, args: list[str]) -> list[str]:
    """The full command line for ``git args`` in ``repo`` with every override."""
    command = ["git", "--no-pager", "-C", str(repo.top)]
    for setting in OVERRIDES:
        command += ["-c", setting]
    return command + args


def run_git(repo: Repo, args: list[str], *, cap: int = MAX_OUTPUT) -> bytes:
    """The output of ``git args`` (at most ``cap`` bytes); :class:`GitUnavailable` when git
    is missing, fails, takes longer than :data:`TIMEOUT` or writes more than ``cap``, and
    when ``args`` is not one of :data:`COMMANDS` or asks for a patch or a filter."""
    if not args or args[0] not in COMMANDS:
        raise GitUnavailable(f"specls runs only git {', '.join(sorted(COMMANDS))}")
    if any(a.startswith(_REFUSED_OPTIONS) for a in args[1:] if a.startswith("-")):
        raise GitUnavailable("specls reads objects as stored (no patch, filter or textconv)")
    try:
        proc = subprocess.Popen(
            git_command(repo, args),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=environment(),
            cwd=repo.top,
        )
    except OSError as e:  # no git on PATH
        raise GitUnavailable(f"git cannot be run ({e.strerror or e})") from None
    timer = threading.Timer(TIMEOUT, proc.kill)
    timer.start()
    chunks: list[bytes] = []
    size = 0
    try:
        assert proc.stdout is not None
        while size <= cap:
            chunk = proc.stdout.read1(1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > cap:
            proc.kill()
        code = proc.wait()
    finally:
        timer.cancel()
        if proc.stdout is not None:
            proc.stdout.close()
    if size > cap:
        raise GitUnavailable(f"git wrote more than {cap:,} bytes")
    if code != 0:
        raise GitUnavailable(f"git {args[0]} failed (exit {code})")
    return b"".join(chunks)


def find_repo(root: Path) -> Repo | None:
    """The repository whose work tree holds ``root`` (nearest ``.git`` walking up), when
    git is there, accepts it, and agrees that its work tree is the directory of that
    ``.git``; else None."""
    try:
        start = root.resolve()
    except OSError:
        return None
    top = next((d for d in [start, *start.parents] if (d / ".git").exists()), None)
    if top is None:
        return None
    repo = Repo(top)
    try:
        shown = run_git(repo, ["rev-parse", "--show-toplevel"]).decode("utf-8", "replace")
    except GitUnavailable:
        return None
    try:
        same = Path(shown.strip()).resolve() == top
    except OSError:
        return None
    return repo if same else None


def resolve(repo: Repo, revision: str) -> str | None:
    """The full id of the commit ``revision`` names, or None (unknown, or not a revision
    specls passes on: an option, spaces, control characters)."""
    if not _REVISION.fullmatch(revision) or ".." in revision:
        return None
    try:
        out = run_git(repo, ["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"])
    except GitUnavailable:
        return None
    text = out.decode("ascii", "replace").strip()
    return text if COMMIT_ID.fullmatch(text) else None


def head(root: Path) -> str | None:
    """The short id of the workspace's ``HEAD`` commit (what ``since`` records), or None
    when the workspace is not in a git repository (or it has no commit yet)."""
    repo = find_repo(root)
    if repo is None:
        return None
    try:
        out = run_git(repo, ["rev-parse", "--verify", "--quiet", "--short=7", "HEAD^{commit}"])
    except GitUnavailable:
        return None
    text = out.decode("ascii", "replace").strip()
    return text if COMMIT_ID.fullmatch(text) else None


def relative(repo: Repo, path: Path) -> str | None:
    """``path`` as git names it in a tree (relative to the top, ``/``-separated), or None
    when it is outside the repository."""
    try:
        rel = path.resolve().relative_to(repo.top)
    except (OSError, ValueError):
        return None
    return rel.as_posix()


def blob(repo: Repo, commit: str, rel: str) -> bytes | None:
    """The bytes file ``rel`` had at ``commit`` (no filter, no textconv: the object as
    stored), or None when it did not exist there."""
    if not COMMIT_ID.fullmatch(commit) or "\n" in rel or "\0" in rel:
        return None
    try:
        return run_git(repo, ["cat-file", "blob", f"{commit}:{rel}"])
    except GitUnavailable:
        return None


def renamed(repo: Repo, commit: str) -> dict[str, str]:
    """Files renamed between ``commit`` and ``HEAD``: ``{path now: path then}`` (git's
    rename detection between two trees; the work tree is not read)."""
    if not COMMIT_ID.fullmatch(commit):
        return {}
    try:
        out = run_git(
            repo,
            [
                "diff-tree",
                "-r",
                "-z",
                "-M",
                "--name-status",
                "--no-ext-diff",
                "--no-textconv",
                commit,
                "HEAD",
            ],
        )
    except GitUnavailable:
        return {}
    parts = out.decode("utf-8", "surrogateescape").split("\0")
    moves: dict[str, str] = {}
    i = 0
    while i < len(parts):
        status = parts[i]
        if status.startswith(("R", "C")) and i + 2 < len(parts):
            if status.startswith("R"):
                moves[parts[i + 2]] = parts[i + 1]
            i += 3
        else:
            i += 2
    return moves
