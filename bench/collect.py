"""`course collect` under load: N simulated learners submitting at once.

    python bench/collect.py [--learners 500] [--db sqlite|postgresql|both] [--processes 1]

For each database: a fresh gradebook with N learners on the roster and their access codes; one
`course collect` process (the real command, a subprocess, rate limits off: every learner comes
from 127.0.0.1 here) serving the bundled course; N signed answer files of the bundled final
assessment (each learner's own paper, made as the page makes it: tests/desk/answerkit, the
grader's own definitions); all N POSTed at once, each on its own connection, from a plain
HTTP/1.1 client on asyncio streams. Reported: submissions per second (N / wall time from the
first request to the last answer), p50 and p99 latency, the service's CPU time per submission,
then the gradebook checked: lost (acknowledged but not in the gradebook) and duplicated (in it
twice) must both be 0. Then the same N files again: every one
must be answered "already recorded" and the gradebook must not grow.

The client shares the machine's cores with the service: on 2 cores the numbers are a floor.
PostgreSQL: COURSE_TEST_POSTGRES_URL (a schema of its own, dropped afterwards).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "desk"), str(ROOT / "tests" / "collect")]


from answerkit import page_answer_file, random_answers  # noqa: E402
from generator.checks import checked  # noqa: E402
from generator.desk.gradebook import Gradebook  # noqa: E402
from generator.desk.roster import RosterEntry  # noqa: E402
from generator.fingerprint import quiz_version  # noqa: E402
from generator.integrity import registry  # noqa: E402
from generator.integrity.codes import new_code  # noqa: E402
from generator.loading import load_course  # noqa: E402
from generator.project import find_project  # noqa: E402
from servicekit import Course, Service, attempt_hash, postgres_url  # noqa: E402

QUIZ = "final-assessment"


def answer_files(count: int) -> tuple[dict[str, str], list[dict]]:
    project = find_project(ROOT / "mkdocs.yml")
    loaded = checked(load_course(project.content_dir, project.quiz_dir))
    quiz = loaded.quiz(QUIZ).quiz
    reg = registry.read(project.registry)
    rng = random.Random(17)
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0, tzinfo=None)
    published = reg.find(QUIZ, quiz_version(quiz)).published
    began = max(now - datetime.timedelta(minutes=30), published + datetime.timedelta(seconds=1))
    started = began.isoformat() + "Z"
    submitted = max(began, now - datetime.timedelta(seconds=5)).isoformat() + "Z"
    codes = {f"lt-{n:04d}": new_code() for n in range(count)}
    files = [page_answer_file(quiz, random_answers(quiz, rng), reg=reg, learner_id=learner,
                              code=code, started=started, submitted=submitted)
             for learner, code in codes.items()]
    return codes, files


async def submit_all(urls: list[str], files: list[dict]
                     ) -> tuple[float, list[float], list[str]]:
    """Every file POSTed at once, each on its own connection, to the services in turn. A plain
    HTTP/1.1 client on asyncio streams: an HTTP library's own cost per request (httpx: several
    ms of CPU) would be measured instead of the service's on a machine both share."""
    bodies = [json.dumps(f, ensure_ascii=False).encode() for f in files]
    start = asyncio.Event()

    async def one(body: bytes, url: str) -> tuple[float, str]:
        host, port = url.removeprefix("http://").split(":")
        reader, writer = await asyncio.open_connection(host, int(port))
        request = (f"POST /answers HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json"
                   f"\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode()
        await start.wait()
        began = time.perf_counter()
        writer.write(request + body)
        await writer.drain()
        answer = await reader.read()  # to the end: the service closes the connection
        elapsed = time.perf_counter() - began
        writer.close()
        document = json.loads(answer.split(b"\r\n\r\n", 1)[1])
        return elapsed, document.get("status") or document["error"]["code"]

    tasks = [asyncio.create_task(one(body, urls[i % len(urls)]))
             for i, body in enumerate(bodies)]
    await asyncio.sleep(0.5)  # every connection open, waiting at the start line
    began = time.perf_counter()
    start.set()
    results = await asyncio.gather(*tasks)
    wall = time.perf_counter() - began
    return wall, [r[0] for r in results], [r[1] for r in results]


def service_cpu(pid: int) -> float:
    """Seconds of CPU (user + system) the service process has used (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def run(db: str, learners: int, folder: Path, processes: int = 1) -> dict:
    codes, files = answer_files(learners)
    with Gradebook.open(db) as book:
        book.import_roster([RosterEntry(learner, f"学员{learner}") for learner in codes])
        book.set_codes(codes)
    course = Course(ROOT, db, codes)
    course_log = folder / "logs"
    course_log.mkdir(exist_ok=True)
    with contextlib.ExitStack() as stack:
        services = [stack.enter_context(Service(course, "--learner-rate", "0", "--address-rate",
                                                "0", log_folder=course_log))
                    for _ in range(processes)]
        urls = [service.url for service in services]

        def cpu() -> float:
            return sum(service_cpu(service.process.pid) for service in services)

        before = cpu()
        wall, latencies, statuses = asyncio.run(submit_all(urls, files))
        cpu_first = cpu() - before
        again_wall, _, again = asyncio.run(submit_all(urls, files))
    hashes = course.hashes()
    expected = {attempt_hash(f) for f in files}
    acknowledged = {attempt_hash(f) for f, s in zip(files, statuses)
                    if s in ("recorded", "already_recorded")}
    return {
        "database": ("PostgreSQL" if "://" in db else "SQLite (WAL)")
        + (f", {processes} processes" if processes > 1 else ""),
        "learners": learners,
        "recorded": statuses.count("recorded"),
        "other": sorted(set(statuses) - {"recorded"}),
        "per_second": learners / wall,
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": percentile(latencies, 0.99) * 1000,
        "lost": len(acknowledged - set(hashes)),
        "duplicated": len(hashes) - len(set(hashes)),
        "unexpected": len(set(hashes) - expected),
        "service_cpu_ms": cpu_first / learners * 1000,
        "load_before": os.getloadavg(),
        "again_already": again.count("already_recorded"),
        "again_per_second": learners / again_wall,
        "rows_after_again": len(hashes),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=500)
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--processes", type=int, default=1,
                        help="course collect processes on the one gradebook, files dealt in turn")
    args = parser.parse_args()
    rows = []
    for kind in (["sqlite", "postgresql"] if args.db == "both" else [args.db]):
        with tempfile.TemporaryDirectory() as temp:
            folder = Path(temp)
            if kind == "sqlite":
                rows.append(run(str(folder / "gradebook.sqlite"), args.learners, folder,
                                args.processes))
            else:
                if not os.environ.get("COURSE_TEST_POSTGRES_URL"):
                    print("bench/collect.py: COURSE_TEST_POSTGRES_URL is not set; PostgreSQL "
                          "skipped", file=sys.stderr)
                    continue
                with postgres_url() as url:
                    rows.append(run(url, args.learners, folder, args.processes))
        print(json.dumps(rows[-1], ensure_ascii=False), flush=True)
    print("\n| gradebook | learners at once | submissions/s | p50 | p99 | service CPU per "
          "submission | lost | duplicated | sent again: already recorded |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['database']} | {r['learners']} | {r['per_second']:.0f} | "
              f"{r['p50_ms']:.0f} ms | {r['p99_ms']:.0f} ms | {r['service_cpu_ms']:.1f} ms | "
              f"{r['lost']} | {r['duplicated']} | "
              f"{r['again_already']} of {r['learners']} ({r['again_per_second']:.0f}/s) |")
    bad = any(r["lost"] or r["duplicated"] or r["unexpected"] or r["recorded"] != r["learners"]
              or r["again_already"] != r["learners"] for r in rows)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
