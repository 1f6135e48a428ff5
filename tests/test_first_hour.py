"""What a new user meets first on the command line (issue 20): syntax errors reported, rule
codes checked, text output as ruff's, fixes for R102/R105/S009, configuration per file."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

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


def specls(
    *args: str | Path, cwd: Path, env: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    return subprocess.run(
        [sys.executable, "-m", "specls", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**base, **(env or {})},
        input=stdin,
    )


# -- syntax errors ----------------------------------------------------------------------------


def test_a_syntax_error_is_reported_where_it_is_and_the_rest_is_checked(tmp_path: Path) -> None:
    write_workspace(tmp_path, {"m.py": "def oops(:\n    pass\n" + CONFLICT})
    r = specls("check", cwd=tmp_path)
    assert r.returncode == 1
    lines = r.stdout.splitlines()
    assert lines[0].startswith("m.py:1:10: E999 error: Syntax error: something is missing")
    assert any(" R101 warning: " in line for line in lines)
    assert "All checks passed" not in r.stdout
    assert specls("check", "--ignore", "E999", cwd=tmp_path).stdout.count("E999") == 0


# -- rule codes -------------------------------------------------------------------------------


def test_unknown_codes_are_usage_errors_with_a_suggestion(tmp_path: Path) -> None:
    write_workspace(tmp_path, {"m.py": CONFLICT})
    r = specls("check", "--select", "R10,R109x", cwd=tmp_path)
    assert r.returncode == 2 and "unknown rule code `R109X`" in r.stderr
    r = specls("check", "--ignore", "R1O1", cwd=tmp_path)
    assert r.returncode == 2 and "did you mean `R101`" in r.stderr
    (tmp_path / "pyproject.toml").write_text('[tool.specls]\nignore = ["R999"]\n')
    r = specls("check", cwd=tmp_path)
    assert r.returncode == 2 and "unknown rule code `R999` in [tool.specls] ignore" in r.stderr
    (tmp_path / "pyproject.toml").write_text('[tool.specls]\nseverity = { R10 = "info" }\n')
    r = specls("check", cwd=tmp_path)
    assert r.returncode == 2 and "[tool.specls.severity]" in r.stderr  # (whole codes there)
    (tmp_path / "pyproject.toml").unlink()
    assert specls("check", "--select", "ALL", cwd=tmp_path).returncode == 1
    assert specls("check", "--select", "R1", cwd=tmp_path).returncode == 1
    assert specls("check", "--ignore", "ALL", cwd=tmp_path).returncode == 0


def test_the_rule_codes_are_the_rule_pages() -> None:
    from specls.config import known_codes
    from specls.rules import RULES

    assert known_codes() == set(RULES)


def test_an_unknown_or_unused_suppression_is_s009(tmp_path: Path) -> None:
    code = CONFLICT.replace("self.items = {}", "self.items = {}  # spec: ignore[R101]").replace(
        "if s != sku]", "if s != sku]  # spec: ignore[R1O1]"
    )
    write_workspace(tmp_path, {"m.py": code, "ok.py": "x = 1  # spec: ignore[R101, S009]\n"})
    r = specls("check", "--output-format", "json", cwd=tmp_path)
    found = [(f["code"], f["line"], f["message"]) for f in json.loads(r.stdout)]
    assert [(c, line) for c, line, _ in found] == [("S009", 3), ("S009", 9), ("R101", 9)]
    assert "no `R101` finding on this line to silence" in found[0][2]
    assert "`R1O1` is no rule code; did you mean `R101`" in found[1][2]
    # a code whose rule did not run is not judged
    assert "S009" not in specls("check", "--select", "S", cwd=tmp_path).stdout.replace(
        "S009 warning: Unused suppression: `R1O1`", ""
    )


def test_the_s009_fix_takes_the_unused_code_out(tmp_path: Path) -> None:
    write_workspace(tmp_path, {"m.py": "x = 1  # spec: ignore[R101] stays a comment\n"})
    r = specls("fix", "m.py:1", "--code", "S009", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "m.py").read_text() == "x = 1  # stays a comment\n"
    assert specls("check", cwd=tmp_path).returncode == 0


def test_specls_rule_lists_and_explains_rules(tmp_path: Path) -> None:
    from specls.rules import RULES

    r = specls("rule", "--all", cwd=tmp_path)
    assert r.returncode == 0
    assert [line.split()[0] for line in r.stdout.splitlines()] == [
        c for c in RULES if c[0] in "RINESD"
    ] or sorted(line.split()[0] for line in r.stdout.splitlines()) == sorted(RULES)
    assert "E999  syntax-error" in r.stdout and "S009  unused-suppression" in r.stdout
    r = specls("rule", "R101", cwd=tmp_path)
    assert r.returncode == 0 and r.stdout.startswith("# R101 mixed-representation")
    rows = json.loads(specls("rule", "S", "--output-format", "json", cwd=tmp_path).stdout)
    assert {row["code"] for row in rows} == {c for c in RULES if c.startswith("S")}
    r = specls("rule", "R199", cwd=tmp_path)
    assert r.returncode == 2 and "unknown rule code `R199`" in r.stderr


# -- text output ------------------------------------------------------------------------------


def test_text_shows_the_severity_and_a_summary_of_files(tmp_path: Path) -> None:
    write_workspace(tmp_path, {"a.py": CONFLICT, "b.py": "x = 1\n"})
    r = specls("check", cwd=tmp_path)
    assert r.stdout.splitlines()[0].startswith("a.py:9:9: R101 warning: `Inventory.items`")
    assert r.stdout.splitlines()[-1] == "Found 1 finding in 1 file (2 files checked)."
    (tmp_path / "a.py").unlink()
    assert specls("check", cwd=tmp_path).stdout == "All checks passed (1 file checked).\n"


def test_colour_on_a_terminal_or_forced_never_with_no_color(tmp_path: Path) -> None:
    write_workspace(tmp_path, {"a.py": CONFLICT})
    assert "\x1b[" not in specls("check", cwd=tmp_path).stdout  # (a pipe)
    forced = specls("check", cwd=tmp_path, env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[1;33mwarning:\x1b[0m" in forced and "\x1b[1mR101\x1b[0m" in forced
    both = specls("check", cwd=tmp_path, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b[" not in both.stdout
    out = tmp_path / "report.txt"
    specls("check", "-o", out, cwd=tmp_path, env={"FORCE_COLOR": "1"})
    assert "\x1b[" not in out.read_text()


def test_full_format_shows_the_line_and_a_caret(tmp_path: Path) -> None:
    write_workspace(tmp_path, {"a.py": CONFLICT})
    r = specls("check", "--output-format", "full", cwd=tmp_path)
    lines = r.stdout.splitlines()
    at = lines.index(" 9 |         self.items = [(s, q) for s, q in self.items if s != sku]")
    assert lines[at - 1] == " 8 |     def remove(self, sku):"
    caret = lines[at + 1]
    assert caret.startswith("   |         ^^^^^^^^^^") and caret.endswith("^")
    assert any(line.startswith("  = help: Record decision") for line in lines)
    assert specls("check", "--format", "full", cwd=tmp_path).stdout == r.stdout  # the alias
    concise = specls("check", "--output-format", "concise", cwd=tmp_path).stdout
    assert concise == specls("check", "--format", "text", cwd=tmp_path).stdout
    assert concise == specls("check", cwd=tmp_path).stdout


def test_full_format_of_unsaved_text_shows_that_text(tmp_path: Path) -> None:
    write_workspace(tmp_path, {"a.py": "x = 1\n"})
    r = specls(
        "check",
        "--output-format",
        "full",
        "--stdin-filename",
        "a.py",
        "-",
        cwd=tmp_path,
        stdin=CONFLICT.lstrip("\n"),
    )
    assert " 9 |         self.items = [(s, q) for s, q in self.items if s != sku]" in r.stdout


def test_statistics_quiet_and_exit_zero(tmp_path: Path) -> None:
    write_workspace(tmp_path, {"a.py": CONFLICT})
    r = specls("check", "--statistics", cwd=tmp_path)
    assert r.stdout == "1\tR101\tmixed-representation\n" and r.returncode == 1
    r = specls("check", "--quiet", cwd=tmp_path)
    assert len(r.stdout.splitlines()) == 1 and " R101 " in r.stdout and r.stderr == ""
    r = specls("check", "--exit-zero", cwd=tmp_path)
    assert r.returncode == 0 and " R101 " in r.stdout
    assert specls("check", "--exit-zero", "nowhere", cwd=tmp_path).returncode == 2


def test_a_progress_line_for_a_long_cold_run_on_a_terminal(tmp_path: Path, monkeypatch) -> None:
    from specls.cli import main, progress

    write_workspace(tmp_path, {f"m{i}.py": CONFLICT for i in range(30)})

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(progress, "DELAY", 0.0)
    monkeypatch.setattr(progress, "_EVERY", 0.0)
    monkeypatch.chdir(tmp_path)
    for stream, expected in ((Terminal(), True), (io.StringIO(), False)):
        monkeypatch.setattr(sys, "stderr", stream)
        assert main(["check", "--no-cache", "-j", "1", "-q"]) == 1
        assert stream.getvalue() == ""  # (quiet: no progress)
        assert main(["check", "--no-cache", "-j", "1", "-o", str(tmp_path / "out")]) == 1
        shown = stream.getvalue()
        assert ("specls: parsing 30/30 files" in shown) is expected
        assert not expected or shown.endswith("\r\x1b[K")  # cleared at the end


def test_a_reader_that_leaves_is_no_error(tmp_path: Path) -> None:
    write_workspace(tmp_path, {f"m{i}.py": CONFLICT for i in range(200)})
    for args in (["schema"], ["rule", "--all"], ["check", "--no-cache"], ["--help"]):
        proc = subprocess.Popen(
            [sys.executable, "-m", "specls", *args],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.readline()
        proc.stdout.close()  # (`| head -1`)
        err = proc.stderr.read().decode()
        assert proc.wait(timeout=120) in (0, 1), err
        assert "Traceback" not in err and "BrokenPipe" not in err, args


def test_version_names_the_parser(tmp_path: Path) -> None:
    from importlib import metadata

    r = specls("--version", cwd=tmp_path)
    assert r.returncode == 0
    assert f"tree-sitter {metadata.version('tree-sitter')}" in r.stdout
    assert f"tree-sitter-python {metadata.version('tree-sitter-python')}" in r.stdout


def test_what_is_not_python_is_said_so(tmp_path: Path) -> None:
    write_workspace(tmp_path, {"README.md": "# hi\n", "docs/a.txt": "x\n", "a.py": "x = 1\n"})
    r = specls("check", "README.md", cwd=tmp_path)
    assert r.returncode == 2
    assert "README.md: not a Python file (.py or .pyi); not checked" in r.stderr
    r = specls("check", "README.md", "a.py", cwd=tmp_path)
    assert r.returncode == 0 and "not a Python file" in r.stderr
    r = specls("check", "docs", cwd=tmp_path)
    assert r.returncode == 0 and "no Python files found in docs" in r.stderr
    (tmp_path / "tool").write_text("#!/usr/bin/env python3\n" + CONFLICT)
    assert " R101 " in specls("check", "tool", cwd=tmp_path).stdout


# -- fixes ------------------------------------------------------------------------------------


def _example(tmp_path: Path) -> Path:
    import shutil

    shop = tmp_path / "shop"
    shutil.copytree(Path(__file__).parents[1] / "examples" / "shop", shop)
    return shop


def test_r102_and_r105_carry_fixes(tmp_path: Path) -> None:
    shop = _example(tmp_path)
    r = specls("check", "--output-format", "json", cwd=shop)
    by_code = {f["code"]: f for f in json.loads(r.stdout)}
    r102 = by_code["R102"]["fixes"]
    assert r102[0]["kind"] == "update-decision" and r102[0]["supersedes"] == "cart-lines"
    assert r102[0]["decision"]["type"] == "dict"
    r105 = by_code["R105"]["fixes"]
    assert r105[0]["kind"] == "edit" and r105[0]["edits"][0]["new"] == "paid"
    r = specls("fix", "shop/orders.py:22:26", "--code", "R105", cwd=shop)
    assert r.returncode == 0, r.stderr
    assert 'return "PAID" if self.paid else "DUE"' in (shop / "shop/orders.py").read_text()
    assert "R105" not in specls("check", cwd=shop).stdout


# -- configuration per file -------------------------------------------------------------------


def test_each_package_of_a_monorepo_is_checked_with_its_own_spec(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    a_spec = '[decision.items]\nkind = "representation"\ntarget = "Stock.items"\ntype = "list"\n'
    write_workspace(
        tmp_path,
        {
            "pkg_a/spec.toml": a_spec,
            "pkg_a/a/stock.py": "class Stock:\n    def __init__(self):\n        self.items = {}\n",
            "pkg_b/pyproject.toml": '[tool.specls]\nignore = ["R101"]\nexclude = ["gen/"]\n',
            "pkg_b/b/inventory.py": CONFLICT,
            "pkg_b/gen/made.py": "class G:\n    def f(self):\n        return self.nope\n",
            "tools/inventory.py": CONFLICT,
        },
    )
    r = specls("check", "--output-format", "json", cwd=tmp_path)
    found = sorted((f["path"], f["code"]) for f in json.loads(r.stdout))
    # pkg_a's decision governs pkg_a's class (no S003 "names nothing"); pkg_b ignores R101
    # and excludes gen/; the rest has the root's (default) settings
    assert found == [("pkg_a/a/stock.py", "R102"), ("tools/inventory.py", "R101")], r.stdout
    # the same from inside a package, and for one file
    r = specls("check", "--output-format", "json", ".", cwd=tmp_path / "pkg_a")
    assert [f["code"] for f in json.loads(r.stdout)] == ["R102"]
    r = specls("check", "--output-format", "json", "pkg_b/b/inventory.py", cwd=tmp_path)
    assert json.loads(r.stdout) == []
    # and a bad configuration below the first path is an error, not a silent default
    (tmp_path / "pkg_b" / "pyproject.toml").write_text("[tool.specls]\nbogus = 1\n")
    r = specls("check", cwd=tmp_path)
    assert r.returncode == 2 and "unknown setting [tool.specls] bogus" in r.stderr


@pytest.mark.parametrize("warm", [False, True])
def test_a_monorepo_check_is_the_same_warm(tmp_path: Path, warm: bool) -> None:
    write_workspace(
        tmp_path,
        {
            "spec.toml": "",
            "one/spec.toml": '[decision.d]\nkind = "representation"\ntarget = "A.x"\n'
            'type = "list"\n',
            "one/a.py": "class A:\n    def __init__(self):\n        self.x = {}\n",
            "two/a.py": CONFLICT,
        },
    )
    first = specls("check", cwd=tmp_path)
    again = specls("check", cwd=tmp_path) if warm else first
    assert again.stdout == first.stdout
    assert "one/a.py:3:9: R102" in first.stdout and "two/a.py:9:9: R101" in first.stdout


def test_a_rule_that_fails_is_an_error_not_a_pass(tmp_path: Path) -> None:
    """A rule that crashes is logged and the others report, but the run exits 2 and never
    says "All checks passed": CI must not pass while findings are missing."""
    write_workspace(tmp_path, {"m.py": CONFLICT, "inject/sitecustomize.py": BOOM})
    env = {"PYTHONPATH": str(tmp_path / "inject")}
    r = specls("check", "--no-cache", "m.py", cwd=tmp_path, env=env)
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert "internal error in rule" in r.stderr and "injected" in r.stderr
    assert " R101 " in r.stdout and "All checks passed" not in r.stdout


BOOM = """
import specls.rules.members
def boom(ctx, ref):
    raise RuntimeError("injected")
specls.rules.members.check_class = boom
"""
