"""Settings: where the workspace and its spec file are, and what to check.

Read from ``[tool.specls]`` in ``pyproject.toml`` (as ruff reads ``[tool.ruff]``); command
line options override them.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from specls.findings import Severity

SPEC_NAME = "spec.toml"


class ConfigError(Exception):
    """Settings that cannot be used (exit code 2)."""


@dataclass(slots=True)
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

    def enabled(self, code: str) -> bool:
        """Whether ``code`` is selected (prefix match, as ruff does) and not ignored."""
        if self.select and not any(code.startswith(s) for s in self.select):
            return False
        return not any(code.startswith(s) for s in self.ignore)


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
    try:
        return "specls" in tomllib.loads(path.read_text("utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False


def _codes(value: object, key: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"[tool.specls] {key} must be a list of rule codes")
    return [v.strip().upper() for v in value]


def load_settings(root: Path) -> Settings:
    """Settings of the workspace at ``root``."""
    settings = Settings(root=root)
    pyproject = root / "pyproject.toml"
    table: dict = {}
    if pyproject.is_file():
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
