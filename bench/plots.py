"""One PNG per measure, drawn from results.json with matplotlib (the `bench` extra)."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

KB = 1024


def _scaled_lines(ax, scales, series: dict[str, list[float]], ylabel: str, title: str,
                  log: bool = True):
    markers = iter("osD^v<>")
    for label, values in series.items():
        ax.plot(scales, values, marker=next(markers), label=label)
    if log and len(scales) > 1:
        ax.set_xscale("log")
        ax.set_yscale("log")
    ax.set_xticks(scales)
    ax.set_xticklabels([str(s) for s in scales])
    ax.set_xlabel("lessons (10 questions each)")
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)


def _save(fig, path: Path) -> Path:
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def check_plot(results: dict, out: Path) -> Path:
    rows = results["check"]
    scales = [r["lessons"] for r in rows]
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    _scaled_lines(left, scales, {
        "course check": [r["check"]["seconds"] for r in rows],
        "YAML parse only (CSafeLoader)": [r["floor"]["seconds"] for r in rows],
    }, "seconds (median, whole process)", "course check vs the raw YAML parse")
    _scaled_lines(right, scales, {
        "course check": [r["check"]["peak_rss_mb"] for r in rows],
        "YAML parse only": [r["floor"]["peak_rss_mb"] for r in rows],
    }, "peak RSS (MB)", "peak memory")
    return _save(fig, out / "check.png")


def build_plot(results: dict, out: Path) -> Path:
    rows = results["build"]
    scales = [r["lessons"] for r in rows]
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    times = {"course build": [r["course"]["seconds"] for r in rows],
             "mkdocs build of the same Markdown": [r["plain"]["seconds"] for r in rows]}
    memory = {"course build": [r["course"]["peak_rss_mb"] for r in rows],
              "mkdocs build of the same Markdown": [r["plain"]["peak_rss_mb"] for r in rows]}
    if all(r.get("prune") for r in rows):
        times["mkdocs build, pruned navigation"] = [r["prune"]["seconds"] for r in rows]
        memory["mkdocs build, pruned navigation"] = [r["prune"]["peak_rss_mb"] for r in rows]
    peer = [r for r in rows if r.get("peer")]
    if len(peer) == len(rows):
        times["course build, choice questions only"] = [r["choice"]["seconds"] for r in rows]
        times["mkdocs-quiz, same questions"] = [r["peer"]["seconds"] for r in rows]
        memory["course build, choice questions only"] = [r["choice"]["peak_rss_mb"] for r in rows]
        memory["mkdocs-quiz, same questions"] = [r["peer"]["peak_rss_mb"] for r in rows]
    _scaled_lines(left, scales, times, "seconds (median, whole process)", "site build time")
    _scaled_lines(right, scales, memory, "peak RSS (MB)", "peak memory")
    return _save(fig, out / "build.png")


def grading_plot(results: dict, out: Path) -> Path:
    grading = results["grading"]
    fig, ax = plt.subplots(figsize=(7, 3.2))
    labels = ["read + json.loads only", "grading core"]
    values = [grading["json_files_per_second"], grading["grade_files_per_second"]]
    if "gradebook_files_per_second" in grading:
        labels.append("core + SQLite gradebook")
        values.append(grading["gradebook_files_per_second"])
    bars = ax.barh(labels, values, color=["#999999", "#c62828", "#ef9a9a"][:len(values)])
    for bar, value in zip(bars, values):
        ax.text(bar.get_width(), bar.get_y() + bar.get_height() / 2, f" {value:,.0f}/s",
                va="center", fontsize=9)
    ax.set_xlabel(f"answer files per second ({grading['files']:,} files of "
                  f"{grading['questions']} answers; median)")
    ax.set_title("grading throughput")
    ax.set_xlim(0, max(values) * 1.25)
    return _save(fig, out / "grading.png")


def weight_plot(results: dict, out: Path) -> Path:
    weight = results["weight"]
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4), gridspec_kw={"width_ratios": [1, 2]})
    runtime = weight["runtime"]
    names = [n for n in runtime if n != "total"]
    bottom = 0.0
    for name in names:
        value = runtime[name]["gzip"] / KB
        left.bar(["quiz runtime"], [value], bottom=bottom, label=name)
        bottom += value
    left.axhline(10, color="black", linestyle="--", linewidth=1, label="target 10 KB")
    left.set_ylabel("KB, gzipped")
    left.set_title("quiz runtime (JS + CSS)")
    left.legend(fontsize=8)
    pages = weight["pages"]
    labels = [f"{p['lessons']} lessons" for p in pages]
    parts = [("html", "page HTML"), ("theme_assets", "Material CSS/JS"),
             ("course_assets", "course CSS/JS")]
    bottoms = [0.0] * len(pages)
    for key, label in parts:
        values = [p[key]["gzip"] / KB for p in pages]
        right.bar(labels, values, bottom=bottoms, label=label)
        bottoms = [b + v for b, v in zip(bottoms, values)]
    right.set_ylabel("KB, gzipped")
    right.set_title("one lesson page view (first visit)")
    right.legend(fontsize=8)
    return _save(fig, out / "weight.png")


def all_plots(results: dict, out: Path) -> list[Path]:
    made = []
    if results.get("check"):
        made.append(check_plot(results, out))
    if results.get("build"):
        made.append(build_plot(results, out))
    if results.get("grading"):
        made.append(grading_plot(results, out))
    if results.get("weight"):
        made.append(weight_plot(results, out))
    return made
