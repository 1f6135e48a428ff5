"""The processes a check parses with (issue 21): one per CPU free now, never fewer than one,
said by --verbose."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from specls import workers
from specls.workers import Machine, choose_jobs


@pytest.mark.parametrize(
    ("machine", "jobs"),
    [
        (Machine(2, 2, 0.0), 2),  # a quiet machine: every CPU
        (Machine(2, 2, 0.4), 2),
        (Machine(2, 2, 0.7), 1),  # another job on most of a core: one process is faster
        (Machine(2, 2, 3.0), 1),  # overloaded: never fewer than one
        (Machine(8, 8, 5.2), 3),
        (Machine(2, 64, 30.0), 2),  # a container's 2 CPUs on a 64-CPU host half busy
        (Machine(2, 64, 63.5), 1),
        (Machine(4, 4, None), 4),  # load unknown: what is available
    ],
)
def test_one_process_per_free_cpu(machine: Machine, jobs: int) -> None:
    assert choose_jobs(0, machine).jobs == jobs


def test_jobs_asked_for_are_used() -> None:
    choice = choose_jobs(3, Machine(1, 1, 9.0))
    assert choice.jobs == 3 and "as asked" in choice.reason


def test_a_cgroup_quota_caps_the_cpus(tmp_path: Path, monkeypatch) -> None:
    cpu_max = tmp_path / "cpu.max"
    monkeypatch.setattr(workers, "_CPU_MAX", cpu_max)
    monkeypatch.setattr(workers.os, "sched_getaffinity", lambda pid: set(range(16)))
    assert workers.available_cpus() == 16  # (no cgroup file)
    cpu_max.write_text("150000 100000\n")
    assert workers.available_cpus() == 2  # 1.5 CPUs: two processes may run
    cpu_max.write_text("max 100000\n")
    assert workers.available_cpus() == 16
    cpu_max.write_text("garbage\n")
    assert workers.available_cpus() == 16


def test_busy_is_the_lesser_of_the_average_and_the_tasks_running_now(
    tmp_path: Path, monkeypatch
) -> None:
    loadavg = tmp_path / "loadavg"
    monkeypatch.setattr(workers, "_LOADAVG", loadavg)
    monkeypatch.setattr(workers.os, "getloadavg", lambda: (1.9, 1.0, 0.5))
    loadavg.write_text("1.90 1.00 0.50 1/300 4242\n")  # a job that just ended: only us now
    assert workers._load() == 0
    loadavg.write_text("1.90 1.00 0.50 3/300 4242\n")  # two others running
    assert workers._load() == 1.9
    loadavg.write_text("not a loadavg\n")
    assert workers._load() == 1.9


def test_verbose_says_what_was_chosen(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("x = 1\n")
    done = subprocess.run(
        [sys.executable, "-m", "specls", "check", "--no-cache", "-v", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    said = done.stderr
    assert "specls: processes " in said and "CPUs available" in said
    assert "specls: cache off" in said and f"specls: root {tmp_path}" in said
    assert "specls: processes" not in done.stdout  # (stdout is the report's)


def test_verbose_says_when_the_rules_may_be_shared(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("x = 1\n")
    said = {}
    for jobs in (1, 2):
        done = subprocess.run(
            [sys.executable, "-m", "specls", "check", "--no-cache", "-v", "-j", str(jobs), "."],
            capture_output=True,
            text=True,
            cwd=tmp_path,
        )
        assert done.returncode == 0, done.stderr
        said[jobs] = done.stderr
    assert "shared with a forked process" in said[2]
    assert "classes' rules" not in said[1]  # (one process: nothing is forked)
