"""Settings: where the workspace and its spec file are, and what to check.

Read from ``[tool.specls]`` in ``pyproject.toml`` (as ruff reads ``[tool.ruff]``); command
line options override them.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

from specls.findings import Severity
from specls.records import field, record

SPEC_NAME = "spec.toml"
#: Selects every rule (``--select ALL``, as ruff has it).
ALL = "ALL"
_CODE = re.compile(r"[A-Z]+[0-9]+")


class ConfigError(Exception):
    """Settings that cannot be used (exit code 2)."""


@record()
class Settings:
    """What a check run uses."""

    root: Path
    spec: Path | None = None
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)
    #: Where the persistent cache lives (default ``<root>/.specls_cache``).
    cache_dir: Path | None = None
    #: Codes off by default that this face turns on unless they are ignored or left out of
    #: ``select`` (the language server: D101, a review hint where the code is being read).
    default_on: tuple[str, ...] = ()

    def turned_on(self) -> tuple[str, ...]:
        """The :attr:`default_on` codes that ``select`` and ``ignore`` leave enabled."""
        return tuple(c for c in self.default_on if self.enabled(c))

    def enabled(self, code: str) -> bool:
        """Whether ``code`` is selected (prefix match, as ruff does; ``ALL``) and not
        ignored."""
        if self.select and not any(s == ALL or code.startswith(s) for s in self.select):
            return False
        return not any(s == ALL or code.startswith(s) for s in self.ignore)


@cache
def known_codes() -> frozenset[str]:
    """Every rule code: each has its page in ``specls/ruledocs`` (listed, so that a warm run
    need not import the rules; a test holds this equal to :data:`specls.rules.RULES`)."""
    import specls.ruledocs

    names = os.listdir(os.path.dirname(specls.ruledocs.__file__))
    return frozenset(n[:-3] for n in names if n.endswith(".md") and _CODE.fullmatch(n[:-3]))


def unknown_code(code: str, where: str, *, prefixes: bool = True) -> str | None:
    """Why ``code`` (upper case) is no rule code or prefix, with what it may have meant;
    None when it is one (or ``ALL``). ``prefixes``: a prefix (``R``, ``R1``) is accepted."""
    known = known_codes()
    if code in known or (prefixes and (code == ALL or any(k.startswith(code) for k in known))):
        return None
    message = f"unknown rule code `{code}`" + (f" in {where}" if where else "")
    return message + did_you_mean(code) + " (`specls rule --all` lists every rule)"


def did_you_mean(code: str) -> str:
    """``; did you mean `R101` or `R106`?`` for the codes closest to ``code``, or ``""``."""
    import difflib  # (only for a code that is wrong)

    close = difflib.get_close_matches(code, sorted(known_codes()), n=3, cutoff=0.5)
    return ("; did you mean " + " or ".join(f"`{c}`" for c in close) + "?") if close else ""


def check_codes(codes: list[str], where: str) -> list[str]:
    """``codes`` if each is a rule code, a prefix of one or ``ALL``; else :class:`ConfigError`
    (an unknown code must not silently turn a check off)."""
    for code in codes:
        problem = unknown_code(code, where)
        if problem is not None:
            raise ConfigError(problem)
    return codes


def find_root(start: Path) -> Path:
    """The workspace root: the nearest directory up from ``start`` holding a spec file,
    a ``pyproject.toml`` with ``[tool.specls]``, or ``.git``; else ``start`` itself."""
    start = start.resolve()
    here = start if start.is_dir() else start.parent
    fallback: Path | None = None
    for d in [here, *here.parents]:
        if (d / SPEC_NAME).is_file() or _has_tool_table(d / "pyproject.toml"):
            return d
        if fallback is None and (d / ".git").exists():
            fallback = d
    return fallback or here


def _has_tool_table(path: Path) -> bool:
    if not path.is_file():
        return False
    import tomllib  # (here: a workspace without a pyproject.toml never needs it)

    try:
        return "specls" in tomllib.loads(path.read_text("utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False


def _codes(value: object, key: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"[tool.specls] {key} must be a list of rule codes")
    return check_codes([v.strip().upper() for v in value], f"[tool.specls] {key}")


def load_settings(root: Path) -> Settings:
    """Settings of the workspace at ``root``."""
    settings = Settings(root=root)
    pyproject = root / "pyproject.toml"
    table: dict = {}
    if pyproject.is_file():
        import tomllib

        try:
            table = tomllib.loads(pyproject.read_text("utf-8")).get("tool", {}).get("specls", {})
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
            raise ConfigError(f"cannot read {pyproject}: {e}") from e
    for key, value in table.items():
        if key == "spec":
            if not isinstance(value, str):
                raise ConfigError("[tool.specls] spec must be a path")
            settings.spec = (root / value).resolve()
        elif key in ("select", "ignore"):
            setattr(settings, key, _codes(value, key))
        elif key in ("exclude", "extend-exclude"):
            if not isinstance(value, list):
                raise ConfigError(f"[tool.specls] {key} must be a list of patterns")
            settings.exclude.extend(str(v) for v in value)
        elif key == "severity":
            if not isinstance(value, dict):
                raise ConfigError("[tool.specls.severity] maps rule codes to severities")
            for code, sev in value.items():
                problem = unknown_code(code.upper(), "[tool.specls.severity]", prefixes=False)
                if problem is not None:
                    raise ConfigError(problem)
                try:
                    settings.severity[code.upper()] = Severity(sev)
                except ValueError as e:
                    raise ConfigError(
                        f"[tool.specls.severity] {code} = {sev!r}: use error, warning, info or hint"
                    ) from e
        elif key == "cache-dir":
            if not isinstance(value, str):
                raise ConfigError("[tool.specls] cache-dir must be a path")
            cache_dir = (root / value).resolve()
            if not cache_dir.is_relative_to(root.resolve()):
                raise ConfigError(
                    f"[tool.specls] cache-dir = {value!r} is outside the workspace {root}; "
                    "specls writes only inside it (--cache-dir names another place)"
                )
            settings.cache_dir = cache_dir
        else:
            raise ConfigError(f"unknown setting [tool.specls] {key}")
    if settings.spec is None:
        settings.spec = root / SPEC_NAME
    if settings.cache_dir is None:
        settings.cache_dir = root / ".specls_cache"
    return settings


def is_config_dir(directory: Path) -> bool:
    """Whether ``directory`` holds a spec file or a ``pyproject.toml`` with ``[tool.specls]``:
    the root of the files below it (up to a deeper such directory)."""
    return (directory / SPEC_NAME).is_file() or _has_tool_table(directory / "pyproject.toml")


@record()
class Overrides:
    """What the command line sets for every workspace a run checks."""

    spec: Path | None = None
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)

    def apply(self, settings: Settings) -> Settings:
        if self.spec is not None:
            settings.spec = self.spec.resolve()
        if self.select:
            settings.select = list(self.select)
        if self.ignore:
            settings.ignore = [*settings.ignore, *self.ignore]
        return settings


class Resolver:
    """The settings that govern each file, as ruff resolves its configuration: the nearest
    directory above the file holding a ``spec.toml`` or a ``pyproject.toml`` with
    ``[tool.specls]`` is its workspace root, with that root's settings and spec (so a
    monorepo checked from its top checks each package against its own spec). ``top`` is the
    workspace of the first path checked; files above no configuration belong to it when they
    are below its root."""

    def __init__(self, top: Settings, overrides: Overrides | None = None) -> None:
        self.top = top
        self.overrides = overrides or Overrides()
        self._top_root = top.root.resolve()
        self._settings: dict[Path, Settings] = {self._top_root: top}
        self._roots: dict[Path, Path] = {}

    def settings(self, root: Path) -> Settings:
        """The settings of the workspace at ``root`` (read once; :class:`ConfigError`)."""
        found = self._settings.get(root)
        if found is None:
            found = self._settings[root] = self.overrides.apply(load_settings(root))
        return found

    def root_of(self, path: Path) -> Path:
        """The workspace root of ``path`` (a file or a directory that is checked)."""
        here = (path if path.is_dir() else path.parent).resolve()
        top = self._top_root
        walked: list[Path] = []
        found: Path | None = None
        for d in [here, *here.parents]:
            if d in self._roots:
                found = self._roots[d]
                break
            walked.append(d)
            if d == top or is_config_dir(d):
                found = d
                break
        if found is None:
            found = find_root(here)
        for d in walked:
            self._roots[d] = found
        return found

    def exclude_of(self, root: Path) -> list[str]:
        return self.settings(root).exclude

    def nested(self, directory: Path) -> bool:
        return self.below(directory) is not None

    def below(self, directory: Path) -> Settings | None:
        """The settings of ``directory`` if it is the root of a workspace of its own (a
        package of a monorepo with its own configuration), else None."""
        if directory in self._settings:
            return self._settings[directory]
        if not is_config_dir(directory):
            return None
        return self.settings(directory)
