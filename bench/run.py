"""Benchmarks: how `course check`, `course build`, `course serve` and the grader scale, and what
a page weighs.

    python bench/run.py [--scales 10,100,1000] [--runs 3] [--out bench/results]
                        [--no-peer] [--grading-files 10000] [--update-doc BENCHMARKS.md]

Synthetic courses (bench/corpus.py) are written to a temporary folder. Every timed command runs
as its own process (start-up and imports included, as an author experiences them); wall time
and peak RSS come from the child's own rusage. Commands that are compared run alternately, and
the median of `--runs` runs is reported. Writes results.json, results.md (the table) and one PNG
per measure to --out; --update-doc replaces the results part of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import corpus  # noqa: E402
import measure  # noqa: E402
import serve  # noqa: E402
import weight  # noqa: E402

BEGIN, END = "<!-- bench:results:begin -->", "<!-- bench:results:end -->"


def log(message: str) -> None:
    print(f"[bench {datetime.datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def child_env() -> dict:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"  # Material 9.8's end-of-life notice
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": memory,
            "os": f"{platform.system()} {platform.release()}",
            "python": platform.python_version(),
            "versions": {p: version(p) for p in ("mkdocs", "mkdocs-material", "pymdown-extensions",
                                                 "Markdown", "jieba", "pydantic", "PyYAML")},
            "load_before": load, "date": datetime.date.today().isoformat(),
            "git": _git("rev-parse", "--short", "HEAD"),
            "assets_uncommitted": False}  # weight.runtime() reads the committed assets


def _git(*args) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


# 1. course check against parsing the same YAML with the C loader
def bench_check(course: Path, lessons: int, runs: int, logs: Path) -> dict:
    py, env = sys.executable, child_env()
    result = measure.interleaved({
        "check": dict(cmd=[py, "-m", "generator", "check", "-f", "mkdocs.yml"], cwd=course,
                      env=env, log=logs / f"check-{lessons}.log"),
        "floor": dict(cmd=[py, str(HERE / "parse_floor.py"), str(course)], cwd=course, env=env,
                      log=logs / f"floor-{lessons}.log"),
    }, runs)
    files = corpus.yaml_files(course)
    return {"lessons": lessons, "files": len(files),
            "bytes": sum(f.stat().st_size for f in files),
            "check": result["check"].as_dict(), "floor": result["floor"].as_dict(),
            "ratio": result["check"].seconds / result["floor"].seconds}


# 1a. what the item-quality checks (issue 13) add to course check: the same command on the same
# course with `item_checks: {enabled: false}`, alternately
def bench_items(course: Path, lessons: int, runs: int, logs: Path) -> dict:
    py, env = sys.executable, child_env()
    unchecked = course / "mkdocs-no-item-checks.yml"
    unchecked.write_text(corpus.without_item_checks((course / "mkdocs.yml").read_text(
        encoding="utf-8")), encoding="utf-8")
    result = measure.interleaved({
        "check": dict(cmd=[py, "-m", "generator", "check", "-f", "mkdocs.yml"], cwd=course,
                      env=env, log=logs / f"items-check-{lessons}.log"),
        "unchecked": dict(cmd=[py, "-m", "generator", "check", "-f", unchecked.name],
                          cwd=course, env=env, log=logs / f"items-unchecked-{lessons}.log"),
    }, runs)
    return {"lessons": lessons, "check": result["check"].as_dict(),
            "unchecked": result["unchecked"].as_dict(),
            "ratio": result["check"].seconds / result["unchecked"].seconds}


# 2. course build against mkdocs build of the same Markdown, and against mkdocs-quiz
def bench_build(work: Path, course: Path, choice: Path | None, lessons: int, runs: int,
                logs: Path, peer_python: Path | None, prune: bool = True) -> tuple[dict, Path]:
    import sites

    py, env = sys.executable, child_env()
    plain = sites.write_plain(course / "mkdocs.yml", work / "plain")
    site_of = {"course": work / "site-course", "plain": work / "site-plain",
               "choice": work / "site-choice", "peer": work / "site-peer"}
    commands = {
        "course": dict(cmd=[py, "-m", "generator", "build", "-f", "mkdocs.yml", "-d",
                            str(site_of["course"])], cwd=course, env=env,
                       log=logs / f"build-course-{lessons}.log"),
        "plain": dict(cmd=[py, "-m", "mkdocs", "build", "-q", "-f", str(plain), "-d",
                           str(site_of["plain"])], cwd=plain.parent, env=env,
                      log=logs / f"build-plain-{lessons}.log"),
    }
    if prune:
        site_of["prune"] = work / "site-prune"
        commands["prune"] = dict(cmd=[py, "-m", "mkdocs", "build", "-q", "-f",
                                      str(plain.parent / "mkdocs-prune.yml"), "-d",
                                      str(site_of["prune"])], cwd=plain.parent, env=env,
                                 log=logs / f"build-prune-{lessons}.log")
    if choice is not None and peer_python is not None:
        peer = sites.write_peer(choice / "mkdocs.yml", work / "peer")
        commands["choice"] = dict(cmd=[py, "-m", "generator", "build", "-f", "mkdocs.yml", "-d",
                                       str(site_of["choice"])], cwd=choice, env=env,
                                  log=logs / f"build-choice-{lessons}.log")
        commands["peer"] = dict(cmd=[str(peer_python), "-m", "mkdocs", "build", "-q", "-f",
                                     str(peer), "-d", str(site_of["peer"])], cwd=peer.parent,
                                env=env, log=logs / f"build-peer-{lessons}.log")

    def fresh(name: str) -> None:  # every build writes a new site folder
        shutil.rmtree(site_of[name], ignore_errors=True)

    result = measure.interleaved(commands, runs, before=fresh)
    row = {"lessons": lessons, "pages": sum(1 for _ in site_of["course"].rglob("*.html"))}
    row |= {name: summary.as_dict() for name, summary in result.items()}
    row["overhead_seconds"] = result["course"].seconds - result["plain"].seconds
    row["overhead"] = row["overhead_seconds"] / result["plain"].seconds
    if "prune" in result:
        index = lessons // 2
        page = f"{corpus.section_of(index, lessons)[0]}/{corpus.lesson_id(index)}.html"
        row["prune_lesson_html"] = weight.sizes((site_of["prune"] / page).read_bytes())
        row["lesson_html"] = weight.sizes((site_of["plain"] / page).read_bytes())
    if "peer" in result:
        row["peer_ratio"] = result["choice"].seconds / result["peer"].seconds
        row["peer_quiz_page"] = weight.page(site_of["peer"], "quiz/quiz-0000.html")
        row["choice_quiz_page"] = weight.page(site_of["choice"], "quiz/quiz-0000.html")
    return row, site_of["course"]


# 4. page weight of a typical lesson page
def lesson_page(site: Path, lessons: int) -> dict:
    index = lessons // 2
    section_id, _ = corpus.section_of(index, lessons)
    found = weight.page(site, f"{section_id}/{corpus.lesson_id(index)}.html")
    found["lessons"] = lessons
    found["quiz_page"] = weight.page(site, f"quiz/quiz-{index:04d}.html")
    return found


# 3. grading throughput against json.loads: the grading desk's own benchmark (bench/grading.py)
def bench_grading(work: Path, files: int, questions: int, runs: int) -> dict:
    import grading

    return grading.measure(work, files=files, questions=questions, runs=runs)


def fmt_s(seconds: float) -> str:
    return f"{seconds:.2f} s" if seconds < 10 else f"{seconds:.1f} s"


def kb(n: int) -> str:
    return f"{n / 1024:.1f} KB"


def table(results: dict) -> str:
    out: list[str] = []
    m = results["machine"]
    v = m["versions"]
    out += [f"Measured {m['date']} at commit `{m['git']}` on {m['cpu']}, {m['cores']} cores, "
            f"{m['memory_gb']} GB RAM, {m['os']}; Python {m['python']}, mkdocs {v['mkdocs']}, "
            f"mkdocs-material {v['mkdocs-material']}, pymdown-extensions "
            f"{v['pymdown-extensions']}, Markdown {v['Markdown']}, jieba {v['jieba']}, pydantic "
            f"{v['pydantic']}, PyYAML {v['PyYAML']}"
            + (f", mkdocs-quiz {results['peer_versions']['mkdocs-quiz']}"
               if results.get("peer_versions") else "")
            + f". Load average before the run: "
            f"{', '.join(f'{x:.2f}' for x in m['load_before'] or [])}. Medians of "
            f"{results['runs']} runs.", ""]
    for name, again in results.get("remeasured", {}).items():
        out += [f"*{name.capitalize()} re-measured {again['date']} at commit `{again['git']}`, "
                f"same machine; load average before: "
                f"{', '.join(f'{x:.2f}' for x in again['load_before'] or [])}; medians of "
                f"{again['runs']} run{'s' if again['runs'] != 1 else ''}. The other measures "
                f"are those above.*", ""]
    if results.get("check"):
        out += ["**1. `course check`** (whole process) against parsing the same YAML files with "
                "`yaml.load(..., Loader=yaml.CSafeLoader)` in a fresh process (the floor). "
                "Target: within 2x.", "",
                "| lessons | YAML files | MB | course check | peak RSS | parse only | peak RSS "
                "| ratio | target ≤ 2x |",
                "|---:|---:|---:|---:|---:|---:|---:|---:|:---:|"]
        for r in results["check"]:
            out.append(f"| {r['lessons']:,} | {r['files']:,} | {r['bytes'] / 1e6:.1f} | "
                       f"{fmt_s(r['check']['seconds'])} | {r['check']['peak_rss_mb']:.0f} MB | "
                       f"{fmt_s(r['floor']['seconds'])} | {r['floor']['peak_rss_mb']:.0f} MB | "
                       f"{r['ratio']:.2f}x | {'met' if r['ratio'] <= 2 else 'missed'} |")
        out.append("")
    if results.get("items"):
        out += ["**1a. Item-quality checks** (issue 13): `course check` against the same "
                "command on the same course with `item_checks: {enabled: false}`, run "
                "alternately; wall time and CPU time (user + system, steadier than wall time "
                "while other work shares the machine), medians. Target: within 1.1x at 1,000 "
                "lessons, judged on CPU time.", "",
                "| lessons | course check | CPU | peak RSS | without item checks | CPU | peak RSS "
                "| ratio, wall | ratio, CPU | target ≤ 1.1x |",
                "|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|"]
        for r in results["items"]:
            cpu = r["check"]["cpu_seconds"] / r["unchecked"]["cpu_seconds"]
            target = ("met" if cpu <= 1.1 else "missed") if r["lessons"] >= 1000 else "—"
            out.append(f"| {r['lessons']:,} | {fmt_s(r['check']['seconds'])} | "
                       f"{fmt_s(r['check']['cpu_seconds'])} | {r['check']['peak_rss_mb']:.0f} MB | "
                       f"{fmt_s(r['unchecked']['seconds'])} | "
                       f"{fmt_s(r['unchecked']['cpu_seconds'])} | "
                       f"{r['unchecked']['peak_rss_mb']:.0f} MB | {r['ratio']:.3f}x | "
                       f"{cpu:.3f}x | {target} |")
        out.append("")
    if results.get("build"):
        out += ["**2. `course build`** against `mkdocs build` of the very Markdown the generator "
                "emits, written out as plain files (same theme, search, extensions, CSS/JS). "
                "Overhead = course build − mkdocs build, as a share of mkdocs build. Target: "
                "under 10% at 1,000 lessons.", "",
                "| lessons | HTML pages | course build | peak RSS | mkdocs build | peak RSS | "
                "overhead | target < 10% |",
                "|---:|---:|---:|---:|---:|---:|---:|:---:|"]
        for r in results["build"]:
            target = ("met" if r["overhead"] < 0.10 else "missed") if r["lessons"] >= 1000 else "—"
            out.append(f"| {r['lessons']:,} | {r['pages']:,} | {fmt_s(r['course']['seconds'])} | "
                       f"{r['course']['peak_rss_mb']:.0f} MB | {fmt_s(r['plain']['seconds'])} | "
                       f"{r['plain']['peak_rss_mb']:.0f} MB | {fmt_s(r['overhead_seconds'])} = "
                       f"{r['overhead'] * 100:.1f}% | {target} |")
        out.append("")
        pruned = [r for r in results["build"] if "prune" in r]
        if pruned:
            out += ["**2a. Where MkDocs' own time goes.** Material writes the whole navigation "
                    "(every section, lesson and quiz) into every page, so its cost grows with "
                    "pages × pages. The same plain build with Material's `navigation.prune` "
                    "feature and without `navigation.sections` (each page then carries only the "
                    "part of the navigation it shows; a change of navigation style the course "
                    "does not make today):", "",
                    "| lessons | mkdocs build | pruned | lesson HTML raw | gz | pruned raw | "
                    "gz |", "|---:|---:|---:|---:|---:|---:|---:|"]
            for r in pruned:
                out.append(f"| {r['lessons']:,} | {fmt_s(r['plain']['seconds'])} | "
                           f"{fmt_s(r['prune']['seconds'])} | {kb(r['lesson_html']['raw'])} | "
                           f"{kb(r['lesson_html']['gzip'])} | "
                           f"{kb(r['prune_lesson_html']['raw'])} | "
                           f"{kb(r['prune_lesson_html']['gzip'])} |")
            out.append("")
        peer = [r for r in results["build"] if "peer" in r]
        if peer:
            out += ["**2b. Against the mkdocs-quiz plugin**, on a variant of the course whose 10 "
                    "questions per lesson are all single or multiple choice (the types "
                    "mkdocs-quiz supports); the peer's site has the same lesson pages and the "
                    "same questions, options, feedback and explanations in its `<quiz>` syntax.",
                    "",
                    "| lessons | course build | peak RSS | mkdocs-quiz build | peak RSS | ratio "
                    "| quiz page HTML (gz): ours | mkdocs-quiz |",
                    "|---:|---:|---:|---:|---:|---:|---:|---:|"]
            for r in peer:
                out.append(f"| {r['lessons']:,} | {fmt_s(r['choice']['seconds'])} | "
                           f"{r['choice']['peak_rss_mb']:.0f} MB | {fmt_s(r['peer']['seconds'])}"
                           f" | {r['peer']['peak_rss_mb']:.0f} MB | {r['peer_ratio']:.2f}x | "
                           f"{kb(r['choice_quiz_page']['html']['gzip'])} | "
                           f"{kb(r['peer_quiz_page']['html']['gzip'])} |")
            out.append("")
    if results.get("grading"):
        g = results["grading"]
        ratio = g["grade_files_per_second"] / g["json_files_per_second"]
        out += [f"**3. Grading** {g['files']:,} answer files of {g['questions']} answers, one "
                f"quiz with every question type (`{g.get('source', 'bench')}`): the grading core "
                f"(read, `answerfiles.parse` = validate and hash, version check, grade) against "
                f"reading and `json.loads` of the same files; and the whole `course grade` "
                f"pipeline into a SQLite gradebook. Target: grading no slower than parsing.", "",
                "| files | stage | seconds | files/s | throughput ÷ json.loads | target ≥ 1 |",
                "|---:|---|---:|---:|---:|:---:|",
                f"| {g['files']:,} | read + json.loads | {fmt_s(g['json_seconds'])} | "
                f"{g['json_files_per_second']:,.0f} | 1.00 | |"]
        if "parse_seconds" in g:  # answer-file parse alone (issue 17's target)
            parsed = g["parse_files_per_second"] / g["json_files_per_second"]
            out.append(f"| | read + answer-file parse | {fmt_s(g['parse_seconds'])} | "
                       f"{g['parse_files_per_second']:,.0f} | {parsed:.2f} | "
                       f"{'met' if parsed >= 1 else 'missed'} |")
        out += [f"| | grading core | {fmt_s(g['grade_seconds'])} | "
                f"{g['grade_files_per_second']:,.0f} | {ratio:.2f} | "
                f"{'met' if ratio >= 1 else 'missed'} |"]
        if "gradebook_seconds" in g:
            out.append(f"| | grading core + SQLite gradebook | {fmt_s(g['gradebook_seconds'])} | "
                       f"{g['gradebook_files_per_second']:,.0f} | "
                       f"{g['gradebook_files_per_second'] / g['json_files_per_second']:.2f} | |")
        out.append("")
    if results.get("weight"):
        w = results["weight"]
        rt = w["runtime"]
        at = results.get("runtime_measured") or m["git"]
        out += [f"**4. Page weight.** Quiz runtime (the quiz widget's script and stylesheet) as "
                f"committed at `{at}` (gzip level 6). Target: under 10 KB gzipped.", "",
                "| asset | raw | gzipped |", "|---|---:|---:|"]
        for name in [n for n in rt if n != "total"]:
            out.append(f"| `{name}` | {kb(rt[name]['raw'])} | {kb(rt[name]['gzip'])} |")
        out.append(f"| **quiz runtime** | {kb(rt['total']['raw'])} | "
                   f"**{kb(rt['total']['gzip'])}** "
                   f"({'met' if rt['total']['gzip'] < 10 * 1024 else 'missed'}) |")
        if w.get("lesson_css"):
            css = w["lesson_css"]
            out.append(f"| `course.css` (lesson pages' styles; not the quiz runtime) | "
                       f"{kb(css['raw'])} | {kb(css['gzip'])} |")
        out += ["",
                "A typical lesson page (the middle lesson) and its quiz page, one first visit: the "
                "HTML plus every stylesheet and script it loads. Material's search index is "
                "fetched once per visit by the search worker and listed apart"
                + (f" (pages as built at `{m['git']}`)." if at != m["git"] else "."), "",
                "| lessons | lesson HTML raw | gz | + Material CSS/JS gz | + course CSS/JS gz "
                "| page view total gz | quiz page HTML gz | search index gz |",
                "|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for p in w["pages"]:
            out.append(f"| {p['lessons']:,} | {kb(p['html']['raw'])} | {kb(p['html']['gzip'])} "
                       f"| {kb(p['theme_assets']['gzip'])} | {kb(p['course_assets']['gzip'])} | "
                       f"{kb(p['total']['gzip'])} | {kb(p['quiz_page']['html']['gzip'])} | "
                       f"{kb(p['search_index']['gzip'])} |")
        out.append("")
    if results.get("serve"):
        out += ["**5. `course serve`: edit to updated page**, as an author sees it "
                "(`bench/serve.py`): save a lesson (a new first paragraph) or a quiz (a change to "
                "its first question), then fetch the served page every 50 ms until it shows the "
                "change. Median of the edits, each to another lesson or quiz spread over the "
                "course (in brackets: the slowest); the server looks for changed files every "
                "0.5 s, part of what is measured. Start: from `course serve` to the first page "
                "served (one full build). Targets: within 1 s at 100 lessons, 3 s at 1,000. "
                "Before: the same edits in `mkdocs serve` (MkDocs' own serve with the course "
                "plugin, which builds the whole site on every save, as `course serve` did until "
                "issue 15); not measured on the largest course, where each save is a full "
                "build (the start column, table 2).", "",
                "| lessons | lesson edit | quiz edit | edits | start (full build) | load average "
                "before → after | target | before: `mkdocs serve`, lesson / quiz edit |",
                "|---:|---:|---:|---:|---:|---|:---:|---:|"]
        for r in results["serve"]:
            limit = {100: 1.0, 1000: 3.0}.get(r["lessons"])
            slowest = max(r["lesson_median"], r["quiz_median"])
            target = "—" if limit is None else ("met" if slowest <= limit else "missed")
            out.append(f"| {r['lessons']:,} | {fmt_s(r['lesson_median'])} "
                       f"({fmt_s(max(r['lesson_seconds']))}) | {fmt_s(r['quiz_median'])} "
                       f"({fmt_s(max(r['quiz_seconds']))}) | {r['edits']} + {r['edits']} | "
                       f"{fmt_s(r['start_seconds'])} | "
                       f"{r['load_before'][0]:.1f} → {r['load_after'][0]:.1f} | {target} | "
                       + (f"{fmt_s(r['before']['lesson_median'])} / "
                          f"{fmt_s(r['before']['quiz_median'])} ({r['before']['edits']} + "
                          f"{r['before']['edits']}) |" if r.get("before") else "— |"))
        out.append("")
    plots = results.get("plots", [])
    if plots:
        out += [f"![{Path(p).stem}]({p})" for p in plots] + [""]
    return "\n".join(out)


def update_doc(doc: Path, text: str) -> None:
    current = doc.read_text(encoding="utf-8") if doc.exists() else f"{BEGIN}\n{END}\n"
    if BEGIN not in current or END not in current:
        raise SystemExit(f"{doc} has no {BEGIN} ... {END} markers")
    head, rest = current.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    doc.write_text(f"{head}{BEGIN}\n{text}\n{END}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="10,100,1000",
                        help="numbers of lessons, comma-separated (default 10,100,1000)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each timed command")
    parser.add_argument("--out", type=Path, default=HERE / "results",
                        help="where results.json, results.md and the PNGs go")
    parser.add_argument("--work", type=Path, help="keep the generated courses and sites here "
                                                  "(default: a temporary folder, removed)")
    parser.add_argument("--only", default="check,items,build,serve,grading,weight",
                        help="measures to run, comma-separated")
    parser.add_argument("--serve-edits", type=int, default=5,
                        help="lesson edits and quiz edits measured per course in `course serve`")
    parser.add_argument("--serve-before-edits", type=int, default=2,
                        help="the same in `mkdocs serve`, which builds everything on every save "
                             "(0: not measured)")
    parser.add_argument("--serve-before-up-to", type=int, default=100, metavar="LESSONS",
                        help="measure `mkdocs serve` only on courses this small (at 1,000 "
                             "lessons each save is a full build: table 2)")
    parser.add_argument("--no-peer", action="store_true",
                        help="skip the mkdocs-quiz comparison (it needs a separate virtualenv)")
    parser.add_argument("--peer-venv", type=Path, default=HERE / ".venv-peer",
                        help="virtualenv for mkdocs-quiz, created on first use")
    parser.add_argument("--grading-files", type=int, default=10_000)
    parser.add_argument("--grading-questions", type=int, default=50)
    parser.add_argument("--no-prune", action="store_true",
                        help="skip the extra plain build with Material's navigation.prune")
    parser.add_argument("--no-plots", action="store_true")
    parser.add_argument("--update-doc", type=Path, metavar="BENCHMARKS.md",
                        help="replace the results part of this file with the new table")
    parser.add_argument("--keep", action="store_true",
                        help="start from --out/results.json: measure only what --only names and "
                             "keep the other measures' results (e.g. --only grading --keep)")
    parser.add_argument("--report-only", action="store_true",
                        help="measure nothing: redo the table, plots and --update-doc from "
                             "--out/results.json, with the quiz runtime's size as committed now")
    args = parser.parse_args(argv)
    if args.report_only:
        results = json.loads((args.out / "results.json").read_text(encoding="utf-8"))
        if results.get("weight"):
            _remeasure_runtime(results)
        return report(results, args)
    scales = [int(s) for s in args.scales.split(",")]
    only = set(args.only.split(","))
    args.out.mkdir(parents=True, exist_ok=True)
    work_root = args.work or Path(tempfile.mkdtemp(prefix="course-bench-"))
    logs = work_root / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    if args.keep:
        results = json.loads((args.out / "results.json").read_text(encoding="utf-8"))
        now = machine()
        for name in sorted(only - {"weight"}):  # weight is sizes, not timings
            results.setdefault("remeasured", {})[name] = {
                "date": now["date"], "git": now["git"], "load_before": now["load_before"],
                "runs": args.runs}
            results[name] = [] if name in ("check", "items", "build", "serve") else {}
    else:
        results = {"machine": machine(), "runs": args.runs, "scales": scales,
                   "check": [], "items": [], "build": [], "serve": [], "weight": {}}
    peer_python = None
    if "build" in only and not args.no_peer:
        import sites

        log(f"mkdocs-quiz virtualenv: {args.peer_venv}")
        peer_python = sites.peer_python(args.peer_venv)
        results["peer_versions"] = sites.peer_versions(peer_python)
    try:
        pages = []
        for lessons in scales if only & {"check", "items", "build", "serve"} else []:
            work = work_root / f"lessons-{lessons}"
            course = work / "course"
            log(f"{lessons} lessons: writing the course to {course}")
            corpus.write_course(course, lessons)
            if "check" in only:
                row = bench_check(course, lessons, args.runs, logs)
                results["check"].append(row)
                log(f"  check {row['check']['seconds']:.2f} s, parse {row['floor']['seconds']:.2f}"
                    f" s, ratio {row['ratio']:.2f}")
            if "items" in only:
                row = bench_items(course, lessons, args.runs, logs)
                results.setdefault("items", []).append(row)
                log(f"  check {row['check']['seconds']:.2f} s, without item checks "
                    f"{row['unchecked']['seconds']:.2f} s, ratio {row['ratio']:.3f}")
            if "build" in only:
                choice = None
                if peer_python is not None:
                    choice = work / "choice"
                    corpus.write_course(choice, lessons, choice_only=True)
                row, site = bench_build(work, course, choice, lessons, args.runs, logs,
                                        peer_python, prune=not args.no_prune)
                results["build"].append(row)
                log(f"  build {row['course']['seconds']:.1f} s, "
                    f"mkdocs {row['plain']['seconds']:.1f} s, overhead {row['overhead'] * 100:.1f}%"
                    + (f"; choice {row['choice']['seconds']:.1f} s vs mkdocs-quiz "
                       f"{row['peer']['seconds']:.1f} s" if "peer" in row else ""))
                if "weight" in only:
                    pages.append(lesson_page(site, lessons))
            if "serve" in only:
                row = serve.measure(course, lessons, args.serve_edits,
                                    logs / f"serve-{lessons}.log", env=child_env())
                log(f"  serve: lesson edit {row['lesson_median']:.2f} s, quiz edit "
                    f"{row['quiz_median']:.2f} s (start {row['start_seconds']:.1f} s)")
                if args.serve_before_edits and lessons <= args.serve_before_up_to:
                    row["before"] = serve.measure(course, lessons, args.serve_before_edits,
                                                  logs / f"serve-before-{lessons}.log",
                                                  env=child_env(), before=True)
                    log(f"  mkdocs serve: lesson edit {row['before']['lesson_median']:.1f} s")
                results.setdefault("serve", []).append(row)
            if not args.work:
                shutil.rmtree(work, ignore_errors=True)
        if "weight" in only and (pages or not args.keep):
            results["weight"] = {"runtime": weight.runtime(), "lesson_css": weight.lesson_css(),
                                 "pages": pages}
        elif "weight" in only:  # no build this time: keep the pages, measure the assets again
            _remeasure_runtime(results)
        if "grading" in only:
            log(f"grading {args.grading_files:,} answer files of {args.grading_questions} answers")
            results["grading"] = bench_grading(work_root / "grading", args.grading_files,
                                               args.grading_questions, args.runs)
            g = results["grading"]
            log(f"  grade {g['grade_files_per_second']:,.0f} files/s, json.loads "
                f"{g['json_files_per_second']:,.0f} files/s")
    finally:
        if not args.work:
            shutil.rmtree(work_root, ignore_errors=True)
    results["load_after"] = os.getloadavg() if hasattr(os, "getloadavg") else None
    return report(results, args)


def _remeasure_runtime(results: dict) -> None:
    results["weight"]["runtime"] = weight.runtime()
    results["weight"]["lesson_css"] = weight.lesson_css()
    results["machine"]["assets_uncommitted"] = False
    results["runtime_measured"] = _git("rev-parse", "--short", "HEAD")


def report(results: dict, args) -> int:
    if not args.no_plots:
        import plots

        made = plots.all_plots(results, args.out)
        base = args.update_doc.resolve().parent if args.update_doc else args.out
        results["plots"] = [os.path.relpath(p, base) for p in made]
    (args.out / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False),
                                           encoding="utf-8")
    text = table(results)
    (args.out / "results.md").write_text(text, encoding="utf-8")
    if args.update_doc:
        update_doc(args.update_doc, text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
