"""Run a command as a child process and measure its wall time and peak memory."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Sample:
    seconds: float
    peak_rss_mb: float  # the child's own peak resident set (its own children included)
    # User + system CPU time of the child and the children it waited for (GNU time's command):
    # on a machine shared with other work, far steadier than wall time.
    cpu_seconds: float = 0.0


class CommandFailed(RuntimeError):
    pass


TIME = Path("/usr/bin/time")


def run(cmd: list[str], cwd: Path | None = None, env: dict | None = None,
        log: Path | None = None) -> Sample:
    """Run `cmd` to completion: wall time from spawn to exit, and its peak RSS.

    Peak RSS comes from GNU time (`/usr/bin/time -f %M`) when it is there: a process started
    straight from this one starts its high-water mark at this process's own size (Linux carries
    it over fork/vfork and exec), and this process grows to hundreds of MB while it writes
    courses. time is small, so its child's figure is the child's own. Without GNU time, wait4's
    rusage is used and the figure is at least this process's size at the time.
    """
    out = open(log, "ab") if log else subprocess.DEVNULL
    rss_file = None
    if TIME.exists():
        handle, rss_file = tempfile.mkstemp(prefix="bench-rss-")
        os.close(handle)
        cmd = [str(TIME), "-f", "%M", "-o", rss_file, *map(str, cmd)]
    try:
        started = time.perf_counter()
        process = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=out,
                                   stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if rss_file:
            lines = Path(rss_file).read_text().split()
            kb = int(lines[-1]) if lines and lines[-1].isdigit() else 0
        else:  # ru_maxrss is in kilobytes on Linux, bytes on macOS
            kb = usage.ru_maxrss / 1024 if sys.platform == "darwin" else usage.ru_maxrss
    finally:
        if log:
            out.close()
        if rss_file:
            os.unlink(rss_file)
    if process.returncode != 0:
        where = f"; see {log}" if log else ""
        raise CommandFailed(f"{' '.join(map(str, cmd))} exited with {process.returncode}{where}")
    return Sample(seconds, kb / 1024, usage.ru_utime + usage.ru_stime)


@dataclass
class Summary:
    seconds: float  # median
    seconds_min: float
    seconds_max: float
    peak_rss_mb: float  # median
    runs: int
    cpu_seconds: float = 0.0  # median

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def summarise(samples: list[Sample]) -> Summary:
    times = [s.seconds for s in samples]
    return Summary(statistics.median(times), min(times), max(times),
                   statistics.median(s.peak_rss_mb for s in samples), len(samples),
                   statistics.median(s.cpu_seconds for s in samples))


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
