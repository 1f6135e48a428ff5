"""Between the client's document URIs and the engine's paths.

The engine knows a file by its path under the workspace root *resolved* (as discovery walks
it: the root's links resolved, the names below it as listed); the client knows it by the
URI it opened, under the root *it* was given (``/tmp/w`` where the engine has
``/private/tmp/w``). The two are mapped lexically, name for name, never by resolving a
file's own link: a link ``a.py -> ../outside.py`` stays ``a.py``, so an edit addresses the
document the editor has open, not the file the link points at.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlparse


def uri_to_path(uri: str) -> Path | None:
    """The path of a ``file:`` URI (normalised, not resolved); None for other schemes
    (``untitled:``, ``git:`` …), which specls does not check."""
    parsed = urlparse(uri)
    if parsed.scheme != "file" or parsed.netloc not in ("", "localhost"):
        return None
    path = unquote(parsed.path, errors="surrogateescape")
    if not path.startswith("/") or "\0" in path:
        return None
    return Path(os.path.normpath(path))


class ClientPaths:
    """Paths as the engine keys them, and URIs as the client names them."""

    def __init__(self, client_root: Path) -> None:
        self.client_root = Path(os.path.normpath(client_root.absolute()))
        self.root = self.client_root.resolve()

    def path(self, uri: str) -> Path | None:
        """The engine's path for a client URI (None for a URI that names no file)."""
        path = uri_to_path(uri)
        if path is None:
            return None
        if path.is_relative_to(self.client_root):
            return self.root / path.relative_to(self.client_root)
        return path

    def uri(self, path: str | Path) -> str:
        """The URI the client knows an engine path by."""
        path = Path(path)
        if path.is_relative_to(self.root):
            path = self.client_root / path.relative_to(self.root)
        return path.as_uri()

    def inside(self, path: str | Path) -> bool:
        """Whether ``path``, links resolved, lies in the workspace (where edits may go)."""
        try:
            return Path(path).resolve().is_relative_to(self.root)
        except (OSError, RuntimeError):
            return False
