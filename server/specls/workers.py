"""How many processes a check parses with: what the machine can give now.

A second process only pays when a core is free for it: measured on Django with other jobs
loading a 2-core machine, two processes were slower than one (3.35x against 2.73x an
``ast.parse`` loop). So the default counts the CPUs this process may run on (its affinity
and its cgroup's quota), takes away what the machine is busy with, and never goes below one.
Busy is the smaller of the last minute's load average and the tasks runnable right now
(``/proc/loadavg``, less this process): the average lags (a job that just ended still
counts in it), the instant count alone is noisy; a job that keeps running shows in both.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

from specls.records import record

#: cgroup v2's CPU quota of this process's group ("max 100000" or "200000 100000").
_CPU_MAX = Path("/sys/fs/cgroup/cpu.max")


@record(frozen=True)
class Choice:
    """The number of processes chosen, and what it was chosen from (for ``--verbose``)."""

    jobs: int
    reason: str


def available_cpus() -> int:
    """CPUs this process may use: its affinity mask, capped by a cgroup CPU quota."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    quota = _cgroup_quota()
    if quota is not None:
        cpus = min(cpus, max(1, math.ceil(quota)))
    return max(1, cpus)


def _cgroup_quota() -> float | None:
    try:
        text = _CPU_MAX.read_text("ascii", "replace")[:100]
    except OSError:
        return None
    parts = text.split()
    if len(parts) != 2 or parts[0] == "max":
        return None
    try:
        limit, period = float(parts[0]), float(parts[1])
    except ValueError:
        return None
    return limit / period if limit > 0 and period > 0 else None


_LOADAVG = Path("/proc/loadavg")


def _load() -> float | None:
    """How many CPUs the machine is busy with, besides this process (None: unknown)."""
    try:
        average = os.getloadavg()[0]
    except (AttributeError, OSError):
        return None
    try:  # "0.52 0.58 0.59 2/345 1234": runnable/all tasks (this one among the runnable)
        runnable = int(_LOADAVG.read_text("ascii", "replace")[:200].split()[3].split("/")[0])
    except (OSError, ValueError, IndexError):
        return average
    return min(average, max(0, runnable - 1))


@record(frozen=True)
class Machine:
    """What the machine gives: CPUs this process may use, CPUs it has, and how many of
    those are busy besides this process (None: unknown)."""

    available: int
    total: int
    busy: float | None

    @classmethod
    def now(cls) -> Machine:
        available = available_cpus()
        return cls(available, max(available, os.cpu_count() or available), _load())


def choose_jobs(requested: int = 0, machine: Machine | None = None) -> Choice:
    """``requested`` processes when it is positive; else one per CPU free now.

    Free: the available CPUs (:func:`available_cpus`), less the machine's load judged on all
    of its CPUs (a container that may use 2 of 64 CPUs with 30 busy still has 2 free)."""
    if requested > 0:
        return Choice(requested, f"{requested} as asked (--jobs)")
    m = machine or Machine.now()
    if m.busy is None:
        return Choice(m.available, f"{m.available} (CPUs available: {m.available}; load unknown)")
    jobs = max(1, min(m.available, math.floor(m.total - m.busy + 0.5)))
    return Choice(jobs, f"{jobs} (CPUs available: {m.available}; {m.busy:.2f} of {m.total} busy)")
