"""Run a command as a child process and measure its wall time and peak memory."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Sample:
    seconds: float
    peak_rss_mb: float  # the child's own peak resident set (its own children included)


class CommandFailed(RuntimeError):
    pass


def run(cmd: list[str], cwd: Path | None = None, env: dict | None = None,
        log: Path | None = None) -> Sample:
    """Run `cmd` to completion; wall time from spawn to exit, peak RSS from wait4's rusage.

    wait4 reports the rusage of exactly this child, unlike RUSAGE_CHILDREN, which keeps the
    maximum over every child the benchmark has ever waited for.
    """
    out = open(log, "ab") if log else subprocess.DEVNULL
    try:
        started = time.perf_counter()
        process = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=out,
                                   stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
    finally:
        if log:
            out.close()
    if process.returncode != 0:
        where = f"; see {log}" if log else ""
        raise CommandFailed(f"{' '.join(map(str, cmd))} exited with {process.returncode}{where}")
    # ru_maxrss is in kilobytes on Linux, bytes on macOS.
    kb = usage.ru_maxrss / 1024 if sys.platform == "darwin" else usage.ru_maxrss
    return Sample(seconds, kb / 1024)


@dataclass
class Summary:
    seconds: float  # median
    seconds_min: float
    seconds_max: float
    peak_rss_mb: float  # median
    runs: int

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def summarise(samples: list[Sample]) -> Summary:
    times = [s.seconds for s in samples]
    return Summary(statistics.median(times), min(times), max(times),
                   statistics.median(s.peak_rss_mb for s in samples), len(samples))


def interleaved(commands: dict[str, dict], runs: int, before=None) -> dict[str, Summary]:
    """Run each named command `runs` times, alternating between them so that noise from other
    work on the machine falls on all of them alike. `before(name)` runs untimed before each."""
    samples: dict[str, list[Sample]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, spec in commands.items():
            if before:
                before(name)
            samples[name].append(run(**spec))
    return {name: summarise(found) for name, found in samples.items()}
