"""Which files a check reads: .gitignore files, exclude patterns, skipped and linked dirs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from specls.discovery import discover, iter_files


def tree(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return root


def found(root: Path, paths: list[Path] | None = None, exclude: list[str] | None = None) -> list:
    files, errors = discover(paths or [root], root, exclude or [])
    assert not errors
    return [p.relative_to(root.resolve()).as_posix() for p in files]


def test_python_files_only_sorted_and_once(tmp_path: Path) -> None:
    tree(tmp_path, {"b.py": "", "a/c.pyi": "", "a/d.txt": "", "a/e.py": "", "f.pyc": ""})
    assert found(tmp_path, [tmp_path, tmp_path / "b.py"]) == ["a/c.pyi", "a/e.py", "b.py"]


def test_files_come_one_at_a_time_as_they_are_found_each_once(tmp_path: Path) -> None:
    """What a cold check reads (and hands to the workers) while the walk goes on."""
    tree(tmp_path, {"b.py": "", "a/c.pyi": "", "a/d.txt": "", "a/e.py": "", "z/y/x.py": ""})
    errors: list[str] = []
    walk = iter_files([tmp_path / "b.py", tmp_path, tmp_path / "nope"], tmp_path, [], errors)
    first = next(walk)
    assert first == (tmp_path / "b.py").resolve() and not errors  # before the tree is listed
    rest = list(walk)
    assert sorted([first, *rest]) == discover([tmp_path], tmp_path, [])[0]
    assert len(rest) == 3  # b.py, found again in the walk, comes once
    assert errors == [f"{tmp_path / 'nope'}: no such file or directory"]


def test_tool_and_environment_directories_are_skipped(tmp_path: Path) -> None:
    skipped = [".git", ".venv", "venv", "node_modules", "build", "__pycache__", "x.egg-info"]
    tree(tmp_path, {"keep/m.py": "", **{f"{d}/m.py": "" for d in skipped}})
    tree(tmp_path, {"deep/build/m.py": ""})
    assert found(tmp_path) == ["keep/m.py"]


def test_gitignore_files_apply_from_where_they_stand_down(tmp_path: Path) -> None:
    tree(
        tmp_path,
        {
            ".gitignore": "gen/\n*_pb2.py\n",
            "gen/a.py": "",
            "x_pb2.py": "",
            "pkg/.gitignore": "local.py\n!keep_pb2.py\n",
            "pkg/local.py": "",
            "pkg/keep_pb2.py": "",
            "pkg/m.py": "",
            "other/local.py": "",
        },
    )
    assert found(tmp_path) == ["other/local.py", "pkg/keep_pb2.py", "pkg/m.py"]


def test_a_gitignore_above_a_checked_directory_still_applies(tmp_path: Path) -> None:
    tree(tmp_path, {".gitignore": "*_gen.py\n", "pkg/a.py": "", "pkg/b_gen.py": ""})
    assert found(tmp_path, [tmp_path / "pkg"]) == ["pkg/a.py"]


def test_a_directory_named_explicitly_is_checked_even_if_ignored(tmp_path: Path) -> None:
    tree(tmp_path, {".gitignore": "gen/\n", "gen/a.py": ""})
    assert found(tmp_path, [tmp_path / "gen"]) == ["gen/a.py"]


def test_exclude_patterns_are_relative_to_the_root(tmp_path: Path) -> None:
    tree(tmp_path, {"a/migrations/0001.py": "", "a/models.py": "", "b/old.py": "", "old.py": ""})
    assert found(tmp_path, exclude=["migrations/", "/old.py"]) == ["a/models.py", "b/old.py"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_linked_directories_are_not_followed_but_linked_files_are_read(tmp_path: Path) -> None:
    outside = tree(tmp_path / "outside", {"o.py": ""})
    root = tree(tmp_path / "root", {"m.py": ""})
    (root / "linked_dir").symlink_to(outside, target_is_directory=True)
    (root / "linked.py").symlink_to(outside / "o.py")
    (root / "broken.py").symlink_to(tmp_path / "missing.py")
    assert found(root) == ["broken.py", "linked.py", "m.py"]


def test_a_missing_path_is_an_error_not_a_crash(tmp_path: Path) -> None:
    files, errors = discover([tmp_path / "nope"], tmp_path, [])
    assert files == [] and errors == [f"{tmp_path / 'nope'}: no such file or directory"]


def test_an_unreadable_directory_is_passed_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tree(tmp_path, {"ok/a.py": "", "closed/b.py": ""})
    scandir = os.scandir

    def refuse(path: str):  # (root reads every directory: refuse as a locked one would)
        if Path(path).name == "closed":
            raise PermissionError(13, "Permission denied", path)
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    assert found(tmp_path) == ["ok/a.py"]


def test_gitignore_patterns_match_below_the_filesystem_root_too() -> None:
    import pathspec

    from specls.discovery import _git_ignores

    spec = pathspec.GitIgnoreSpec.from_lines(["/x/y.py", "z/"])
    top = os.path.abspath(os.sep)  # "/" (or a drive's root): already ends with a separator
    assert _git_ignores([(top, spec)], os.path.join(top, "x", "y.py"), False)
    assert _git_ignores([(top, spec)], os.path.join(top, "a", "z"), True)
    assert not _git_ignores([(top, spec)], os.path.join(top, "a", "x", "y.py"), False)
