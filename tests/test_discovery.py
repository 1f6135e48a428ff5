"""Which files a check reads: .gitignore files, exclude patterns, skipped and linked dirs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from specls.discovery import discover, iter_files, path_order


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
    from specls.discovery import _git_ignores
    from specls.ignores import read_patterns

    spec, _ = read_patterns(["/x/y.py", "z/"])
    assert spec is not None
    top = os.path.abspath(os.sep)  # "/" (or a drive's root): already ends with a separator
    assert _git_ignores([(top, spec)], os.path.join(top, "x", "y.py"), False)
    assert _git_ignores([(top, spec)], os.path.join(top, "a", "z"), True)
    assert not _git_ignores([(top, spec)], os.path.join(top, "a", "x", "y.py"), False)


# -- gitignore patterns: invalid lines, linear time, pathspec's answers --------------------------


def test_invalid_gitignore_lines_are_skipped_with_a_note_and_the_rest_applies(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """``!`` alone and ``[z-a]`` made pathspec raise: the whole check stopped (and the
    language server was left with nothing indexed)."""
    tree(
        tmp_path,
        {
            ".gitignore": "gen/\n!\n[z-a]\n*_pb2.py\nend\\\n",
            "gen/a.py": "",
            "x_pb2.py": "",
            "m.py": "",
            "z.py": "",
        },
    )
    with caplog.at_level("WARNING", logger="specls"):
        assert found(tmp_path) == ["m.py", "z.py"]
    notes = [r.getMessage() for r in caplog.records]
    where = tmp_path.resolve() / ".gitignore"
    assert notes == [
        f"specls: {where}:2: `!` is not a valid pattern; the line is skipped",
        f"specls: {where}:3: `[z-a]` is not a valid pattern; the line is skipped",
        f"specls: {where}:5: `end\\` is not a valid pattern; the line is skipped",
    ]


def test_an_invalid_exclude_pattern_is_skipped_with_a_note(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    tree(tmp_path, {"a/old.py": "", "b.py": ""})
    with caplog.at_level("WARNING", logger="specls"):
        assert found(tmp_path, exclude=["[z-a]", "a/"]) == ["b.py"]
    assert [r.getMessage() for r in caplog.records] == [
        "specls: exclude pattern `[z-a]` is not a valid pattern; it is skipped"
    ]


HOSTILE = "*a*a*a*a*a*a*a*a*a*a*b"


def test_a_pattern_of_many_wildcards_takes_work_linear_in_the_name() -> None:
    """``re`` takes time of the tenth degree in the name's length on this pattern."""
    from specls.ignores import read_patterns

    patterns, skipped = read_patterns([HOSTILE, "!keep*"])
    assert patterns is not None and not skipped
    name = "a" * 255
    assert patterns.check(name) is None
    assert patterns.check("dir/" + "a" * 254 + "b") is True
    assert patterns.check("keep" + "a" * 250 + "b") is False
    automata = patterns._automata
    states = sum(len(a.program.ops) for a in automata)
    work = sum(a.work for a in automata)
    assert 0 < work <= 3 * (len(name) + 5) * states


def test_a_hostile_gitignore_does_not_stall_discovery(tmp_path: Path) -> None:
    """``re`` would take time of the tenth degree in 255 to pass the first file."""
    tree(tmp_path, {".gitignore": HOSTILE + "\n", "a" * 252 + ".py": "", "a" * 254 + "b/m.py": ""})
    assert found(tmp_path) == ["a" * 252 + ".py"]


def test_a_directory_reads_its_part_of_the_path_once_per_gitignore(tmp_path: Path) -> None:
    """Deeper .gitignore files decide first; a directory pattern ignores what is below it."""
    tree(
        tmp_path,
        {
            ".gitignore": "deep/**/x.py\n/top.py\nsub/\n",
            "top.py": "",
            "a/top.py": "",
            "deep/1/2/x.py": "",
            "deep/1/2/y.py": "",
            "deep/1/.gitignore": "!x.py\n",
            "deep/3/x.py": "",
            "a/sub/m.py": "",
        },
    )
    assert found(tmp_path) == ["a/top.py", "deep/1/2/x.py", "deep/1/2/y.py"]


GLOB_PARTS = ["a", "b", ".", "-", " ", "*", "?", "**", "[ab]", "[!a]", "[a-c]", "[", "]"]
GLOB_PARTS += ["\\*", "\\ ", "\\", "[]a]", "[^b]", "\\[", "#", "!"]


@st.composite
def gitignore_lines(draw: st.DrawFn) -> str:
    segments = draw(
        st.lists(
            st.lists(st.sampled_from(GLOB_PARTS), min_size=1, max_size=4).map("".join),
            min_size=1,
            max_size=3,
        )
    )
    line = "/".join(segments)
    if draw(st.booleans()):
        line = "/" + line
    if draw(st.booleans()):
        line += "/"
    if draw(st.integers(0, 3)) == 0:
        line = "!" + line
    return line + draw(st.sampled_from(["", "", " ", "  "]))


PATHS = st.lists(
    st.sampled_from(["a", "b", "ab", ".a", "a b", "-", "aa", "c", "b\n", "[a]", "*"]),
    min_size=1,
    max_size=4,
).map("/".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    lines=st.lists(gitignore_lines(), min_size=1, max_size=5),
    paths=st.lists(st.tuples(PATHS, st.booleans()), min_size=1, max_size=8),
)
def test_gitignore_answers_are_pathspecs(lines: list[str], paths: list[tuple[str, bool]]) -> None:
    """The same translation and the same decision as pathspec's GitIgnoreSpec, whose
    lines pathspec can compile (it raises for the others; they are skipped here)."""
    import warnings

    import pathspec
    from pathspec.patterns.gitignore.spec import GitIgnoreSpecPattern

    from specls.ignores import read_patterns, translate

    valid = []
    for line in lines:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                GitIgnoreSpecPattern(line)
            except Exception:
                assert read_patterns([line])[1], line  # skipped here too
                continue
        assert translate(line) == GitIgnoreSpecPattern.pattern_to_regex(line), line
        valid.append(line)
    ours, skipped = read_patterns(valid)
    assert not skipped
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = pathspec.GitIgnoreSpec.from_lines(valid)
    for path, is_dir in paths:
        rel = path + ("/" if is_dir else "")
        expected = theirs.check_file(rel).include
        assert (ours.check(rel) if ours is not None else None) == expected, (valid, rel)


def test_path_order_is_paths_own_order() -> None:
    """``discover`` sorts by :func:`path_order` in the order ``Path``'s comparison gives."""
    names = ["a", "a-b", "a.b", "a/b", "a/b/c", "a b", "A", "a0", "ab/a", "b", "é", "a/é", "_x"]
    paths = [Path("/w") / n for n in names] + [Path("/w"), Path("/v/z")]
    assert sorted(paths, key=path_order) == sorted(paths)
