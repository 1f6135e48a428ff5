"""Shared helpers: build a small workspace on disk and run the engine over it."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from specls.config import load_settings
from specls.findings import Finding
from specls.run import check_paths


@pytest.fixture(autouse=True, scope="session")
def _private_cache_key(tmp_path_factory: pytest.TempPathFactory):
    """The cache key of every specls the tests run (in this process and in subprocesses,
    which inherit the environment) is the tests' own, never the user's."""
    key = tmp_path_factory.mktemp("specls-key") / "key"
    old = os.environ.get("SPECLS_KEY_FILE")
    os.environ["SPECLS_KEY_FILE"] = str(key)
    yield key
    if old is None:
        os.environ.pop("SPECLS_KEY_FILE", None)
    else:
        os.environ["SPECLS_KEY_FILE"] = old


def write_workspace(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), "utf-8")


Check = Callable[..., list[Finding]]


@pytest.fixture
def check(tmp_path: Path) -> Check:
    """``check(files, spec=None, select=None)``: findings of a fresh workspace."""

    def run(
        files: dict[str, str] | str, spec: str | None = None, select: list[str] | None = None
    ) -> list[Finding]:
        if isinstance(files, str):
            files = {"mod.py": files}
        write_workspace(tmp_path, files)
        if spec is not None:
            (tmp_path / "spec.toml").write_text(textwrap.dedent(spec).lstrip("\n"), "utf-8")
        settings = load_settings(tmp_path)
        if select:
            settings.select = select
        result = check_paths([tmp_path], settings)
        crashes = [n for n in result.notes if "internal error" in n]
        assert not crashes, crashes
        return result.findings

    return run


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]
