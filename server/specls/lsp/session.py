"""A session's root, options, settings and cache directory, from what the client's
``initialize`` gives: plain Python with no protocol library in it (the handlers in
:mod:`.lifecycle` and :mod:`.server` pass it the client's values)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from specls.config import ConfigError, Settings, find_root, load_settings
from specls.findings import Severity
from specls.lsp.uris import ClientPaths, uri_to_path

#: Client settings that name a path: ignored in Restricted Mode (a workspace chose them).
PATH_OPTIONS = ("spec", "cacheDir", "interpreter")


def client_root(root_uri: str | None, folder_uris: list[str]) -> ClientPaths:
    """The session's paths: the client's root URI, else its first workspace folder, else the
    working directory."""
    uri = root_uri or (folder_uris[0] if folder_uris else None)
    return ClientPaths((uri_to_path(uri) if uri else None) or Path.cwd())


def workspace_root(paths: ClientPaths) -> Path:
    """The root the engine works in: the client's, or the nearest one up holding a spec."""
    root = paths.root
    return find_root(root) if not (root / "spec.toml").exists() else root


def client_options(options: object, restricted: bool) -> dict[str, Any]:
    """The client's ``specls.*`` settings as the server keeps them (in Restricted Mode,
    without those that name paths)."""
    options = dict(options) if isinstance(options, dict) else {}
    if restricted:
        options = {k: v for k, v in options.items() if k not in PATH_OPTIONS}
    return options


def settings_for(
    root: Path, options: dict[str, Any], restricted: bool
) -> tuple[Settings, list[str]]:
    """Settings from pyproject.toml, overridden by the client's options; and the warnings to
    log (a broken configuration, an unknown severity)."""
    warnings: list[str] = []
    try:
        settings = load_settings(root)
    except ConfigError as e:
        warnings.append(f"specls: {e}; using defaults")
        settings = Settings(root=root, spec=root / "spec.toml")
    if not restricted:  # (D101 runs git: not in a workspace the user does not trust)
        settings.default_on = ("D101",)
    if isinstance(options.get("spec"), str) and options["spec"]:
        settings.spec = (root / options["spec"]).resolve()
    if isinstance(options.get("cacheDir"), str) and options["cacheDir"]:
        settings.cache_dir = (root / options["cacheDir"]).resolve()
    for key in ("select", "ignore"):
        if isinstance(options.get(key), list) and options[key]:
            setattr(settings, key, [str(c).upper() for c in options[key]])
    if isinstance(options.get("severity"), dict):
        for code, sev in options["severity"].items():
            try:
                settings.severity[str(code).upper()] = Severity(sev)
            except ValueError:
                warnings.append(f"specls: unknown severity {sev!r} for {code}")
    return settings, warnings


def cache_dir_for(settings: Settings, options: dict[str, Any], restricted: bool) -> Path | None:
    """The cache directory a session uses: none in Restricted Mode or with ``cache: false``."""
    if restricted or not options.get("cache", True):
        return None
    return settings.cache_dir
