"""The benchmark runs (smallest scale, one run, never timed) and its optimisations change nothing.

CI runs `bench/run.py` as a smoke test only: timings on a shared CI machine mean nothing, so no
assertion here looks at a number.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator.errors import AuthorError
from generator.yamlsource import parse

ROOT = Path(__file__).resolve().parent.parent


def test_benchmark_runs_at_the_smallest_scale_and_writes_its_table(tmp_path):
    out = tmp_path / "out"
    doc = tmp_path / "BENCHMARKS.md"
    doc.write_text("# Benchmarks\n\n<!-- bench:results:begin -->\nold\n<!-- bench:results:end -->\n"
                   "\nkept\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--scales", "10", "--runs", "1",
         "--no-peer", "--no-prune", "--no-plots", "--grading-files", "200", "--serve-edits", "1",
         "--serve-before-edits", "1",
         "--out", str(out),
         "--update-doc", str(doc)],
        capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert [row["lessons"] for row in results["check"]] == [10]
    assert [row["lessons"] for row in results["build"]] == [10]
    assert results["build"][0]["pages"] > 20
    assert [(row["lessons"], len(row["lesson_seconds"]), len(row["before"]["quiz_seconds"]))
            for row in results["serve"]] == [(10, 1, 1)]
    assert results["grading"]["files"] == 200
    assert results["weight"]["runtime"]["total"]["gzip"] > 0
    table = (out / "results.md").read_text(encoding="utf-8")
    for heading in ("course check", "Item-quality checks", "course build", "course serve",
                    "Grading", "Page weight"):
        assert heading in table
    updated = doc.read_text(encoding="utf-8")
    assert "old" not in updated and "kept" in updated and "| 10 |" in updated


def test_the_synthetic_course_passes_course_check(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import corpus
    finally:
        sys.path.remove(str(ROOT / "bench"))
    config = corpus.write_course(tmp_path / "course", 12)
    result = subprocess.run([sys.executable, "-m", "generator", "check", "-f", str(config)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    # The synthetic scenarios reward the longest reply at every step; one option's absolute
    # word is the only one of its question: the item checks say so, as warnings.
    assert "12 lessons, 12 quizzes (120 questions), 13 warnings" in result.stdout
    assert result.stderr.count("warning: scenario-longest:") == 12
    assert result.stderr.count("warning: absolute-words:") == 1


# yamlsource reads a document without any `!` (so without tags) on a fast path that skips
# PyYAML's resolver; a `!` anywhere, even in a comment, sends it down the general path. Both must
# give the same values, types, positions and messages.
SCALARS = ["~", "null", "Null", "", "true", "True", "TRUE", "yes", "no", "on", "off", "Y", "n",
           "0", "007", "0o7", "0x1F", "+5", "-3", "1.5", ".5", "+.5", "1e5", "1.5e3", "1.5e+3",
           "1_000", "1:30", ".inf", ".NaN", "2026-11-20", "2026-11-20 10:00:00", "<<", "=",
           "文本", "text", '"7"', "'no'", "[1, 2]", "{a: 1}", "[]", "{}", "|\n  block\n", "- x"]


def _outcome(text: str):
    try:
        document = parse(text, "x.yml")
    except AuthorError as error:
        return [(str(p), p.key_path) for p in error.problems]

    def typed(value):
        if isinstance(value, dict):
            return {key: typed(item) for key, item in value.items()}
        if isinstance(value, list):
            return [typed(item) for item in value]
        return (type(value).__name__, value, getattr(value, "source", None))

    return typed(document.data), document.locator.values, document.locator.keys


@pytest.mark.parametrize("scalar", SCALARS)
def test_fast_and_general_yaml_paths_agree(scalar):
    for text in (f"v: {scalar}\n", f"- {scalar}\n", f"a:\n  - {scalar}\n  - b: {scalar}\n",
                 f"v: {scalar}\nv: 1\n", f"<<: {scalar}\n"):
        assert _outcome(text) == _outcome(text + "# !\n")
