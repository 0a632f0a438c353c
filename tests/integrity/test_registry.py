"""generator.integrity.registry: the file, its damage reports, appends, and who writes it."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys

import pytest

from coursefolder import make_course
from generator.errors import AuthorError
from generator.fingerprint import question_version, quiz_version
from generator.integrity import registry
from generator.loading import load_course
from helpers import ROOT, run_course
from quizhelpers import make_quiz, single, true_false

SALT = "0123456789abcdef0123456789abcdef"
WHEN = datetime.datetime(2026, 11, 29, 12, 0)
QUIZ = make_quiz(single("s", pool="p"), true_false("t", pool="p"),
                 draw=[{"pool": "p", "count": 1}], mode="assessment")


def lines(*entries) -> str:
    return registry.header_line(SALT, WHEN) + "".join(
        (e if isinstance(e, str) else json.dumps(e, ensure_ascii=False)) + "\n" for e in entries)


def entry(**changes) -> dict:
    return {**registry.publication_entry(QUIZ, mode="assessment", published=WHEN,
                                         by="course build"), **changes}


def test_a_quiz_line_holds_what_the_grader_needs():
    assert entry() == {
        "kind": "quiz", "quiz": "q", "version": quiz_version(QUIZ),
        "questions": {"s": question_version(QUIZ.questions[0]),
                      "t": question_version(QUIZ.questions[1])},
        "draw": [["p", 1]], "pools": {"p": ["s", "t"]}, "mode": "assessment",
        "published": "2026-11-29T12:00:00Z", "by": "course build"}
    found = registry.parse(lines(entry())).find("q", quiz_version(QUIZ))
    assert (found.draw, found.pools, found.published, found.line) == (
        (("p", 1),), {"p": ("s", "t")}, WHEN, 2)


def test_the_same_version_twice_counts_from_its_first_publication():
    later = entry(published="2026-12-01T00:00:00Z")
    found = registry.parse(lines(later, entry())).find("q", quiz_version(QUIZ))
    assert found.published == WHEN


@pytest.mark.parametrize("text, expected", [
    (lines(entry())[:-1], ["published.jsonl:2:1: the last line has no line end: a write was cut "
                           "short or an editor removed it — add the line end if the line is "
                           "whole, else restore the file from version control (git checkout -- "
                           "published.jsonl)"]),
    (lines('{"kind": "quiz", "quiz": "q", "vers'),
     ["published.jsonl:2:1: not a JSON line (Unterminated string starting at column 31): the "
      "line is damaged — restore the file from version control (git checkout -- "
      "published.jsonl)"]),
    (lines("<<<<<<< HEAD", json.dumps(entry()), "=======", ">>>>>>> other"),
     ["published.jsonl:2:1: a merge conflict marker (<<<<<<<) — keep the lines of both sides "
      "and delete the marker lines",
      "published.jsonl:4:1: a merge conflict marker (=======) — keep the lines of both sides "
      "and delete the marker lines",
      "published.jsonl:5:1: a merge conflict marker (>>>>>>>) — keep the lines of both sides "
      "and delete the marker lines"]),
    (lines(entry(version="forged")),
     ['published.jsonl:2:1: version must be 16 hex digits, not "forged" — restore the file '
      'from version control (git checkout -- published.jsonl)']),
    (lines(entry(mode="exam", extra=1)),
     ['published.jsonl:2:1: mode must be "practice" or "assessment", not "exam" — restore the '
      'file from version control (git checkout -- published.jsonl)',
      'published.jsonl:2:1: unknown field "extra" in a quiz line — restore the file from '
      'version control (git checkout -- published.jsonl)']),
    (lines(entry(draw=[["p", 1], ["other", 2]])),
     ["published.jsonl:2:1: pool 'other' is drawn but not listed in pools — restore the file "
      "from version control (git checkout -- published.jsonl)"]),
    (lines('{"kind": "quiz", "quiz": "q", "quiz": "r"}'),
     ["published.jsonl:2:1: key 'quiz' appears twice in this line — restore the file from "
      "version control (git checkout -- published.jsonl)"]),
    (lines(registry.header_line("f" * 32, WHEN).strip()),
     ["published.jsonl:2:1: a second registry header (the first is on line 1) — two "
      "registries were joined; keep the first header and the quiz lines made with its salt"]),
], ids=["cut-short", "half-line", "merge-conflict", "forged-version", "two-problems",
        "undeclared-pool", "key-twice", "two-headers"])
def test_damaged_lines_are_refused_one_line_each(text, expected):
    with pytest.raises(AuthorError) as caught:
        registry.parse(text)
    assert [str(p) for p in caught.value.problems] == expected


def test_a_file_without_a_header_is_refused():
    with pytest.raises(AuthorError) as caught:
        registry.parse(json.dumps(entry()) + "\n")
    assert [str(p) for p in caught.value.problems] == [
        'published.jsonl:1:1: no registry header (the {"kind": "registry", …} line) — restore '
        'the file from version control (git checkout -- published.jsonl)']


def test_record_appends_only_what_is_new(tmp_path):
    path = tmp_path / "published.jsonl"
    made = registry.open_or_create(path)
    assert len(made.salt) == 32 and path.read_text().count("\n") == 1
    added = registry.record(path, [(QUIZ, "assessment")], "course build")
    assert [(p.quiz, p.by) for p in added] == [("q", "course build")]
    assert registry.record(path, [(QUIZ, "assessment")], "course build") == []
    changed = QUIZ.model_copy(update={"title": "改"})  # the title is not in the version
    assert registry.record(path, [(changed, "assessment")], "course build") == []
    assert path.read_text().count("\n") == 2
    assert registry.open_or_create(path).salt == made.salt


def test_concurrent_appends_and_creations_never_interleave(tmp_path):
    # Eight processes create the registry at once, then each appends 200 quiz lines.
    script = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
sys.path.insert(0, {str(ROOT / 'tests')!r})
from pathlib import Path
from generator.integrity import registry
from quizhelpers import make_quiz, single
path = Path(sys.argv[1])
registry.open_or_create(path)
for n in range(200):
    quiz = make_quiz(single("s", options=("a", "b", f"c{{sys.argv[2]}}x{{n}}")))
    registry.record(path, [(quiz, "practice")], "course build")
"""
    path = tmp_path / "published.jsonl"
    children = [subprocess.Popen([sys.executable, "-c", script, str(path), str(i)])
                for i in range(8)]
    assert [child.wait(timeout=300) for child in children] == [0] * 8
    parsed = registry.parse(path.read_text(encoding="utf-8"))
    assert len(parsed.publications) == 1600
    assert path.read_text().count('"kind": "registry"') == 1


def test_course_build_records_and_a_second_build_adds_nothing(tmp_path):
    config = make_course(tmp_path)
    result = run_course("build", "-f", str(config), "-d", str(tmp_path / "site"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "published.jsonl").read_text(encoding="utf-8")
    loaded = load_course(tmp_path / "content", tmp_path / "quizzes")
    [quiz] = [e.quiz for e in loaded.quizzes]
    assert f'"quiz": "{quiz.id}", "version": "{quiz_version(quiz)}"' in text
    assert '"by": "course build"' in text
    assert f"published.jsonl: recorded quiz '{quiz.id}' version {quiz_version(quiz)} as " \
           "published" in result.stderr
    again = run_course("build", "-f", str(config), "-d", str(tmp_path / "site"), cwd=tmp_path)
    assert again.returncode == 0 and "recorded" not in again.stderr
    assert (tmp_path / "published.jsonl").read_text(encoding="utf-8") == text


def test_plain_mkdocs_build_records_and_the_option_moves_the_file(tmp_path):
    config = make_course(tmp_path)
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - course:\n", "  - course:\n      registry: "
                                   "desk/versions.jsonl\n", 1), encoding="utf-8")
    (tmp_path / "desk").mkdir()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=tmp_path,
                            capture_output=True, text=True, env={**os.environ,
                                                                 "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "published.jsonl").exists()
    written = (tmp_path / "desk" / "versions.jsonl").read_text(encoding="utf-8")
    assert '"by": "mkdocs build"' in written


def test_a_failed_build_records_nothing(tmp_path):
    config = make_course(tmp_path)
    quiz = tmp_path / "quizzes" / "rules-practice.yml"
    quiz.write_text(quiz.read_text(encoding="utf-8") + "\nbroken: [\n", encoding="utf-8")
    result = run_course("build", "-f", str(config), "-d", str(tmp_path / "site"), cwd=tmp_path)
    assert result.returncode == 1
    assert not (tmp_path / "published.jsonl").exists() or '"kind": "quiz"' not in (
        tmp_path / "published.jsonl").read_text(encoding="utf-8")


def test_a_damaged_registry_fails_the_build_with_its_lines(tmp_path):
    config = make_course(tmp_path)
    (tmp_path / "published.jsonl").write_text(lines("{broken"), encoding="utf-8")
    result = run_course("build", "-f", str(config), "-d", str(tmp_path / "site"), cwd=tmp_path)
    assert result.returncode == 1
    assert ("published.jsonl:2:1: not a JSON line (Expecting property name enclosed in double "
            "quotes at column 2): the line is damaged — restore the file from version control "
            "(git checkout -- published.jsonl)") in result.stderr


def test_the_bundled_course_s_registry_records_every_quiz_as_it_is_now():
    # Whoever changes a quiz commits the registry line their build adds: the desk can only
    # grade versions it knows were published. Run `./dev build` and commit published.jsonl.
    found = registry.read(ROOT / "published.jsonl")
    loaded = load_course(ROOT / "content", ROOT / "quizzes")
    missing = [e.quiz.id for e in loaded.quizzes
               if found.find(e.quiz.id, quiz_version(e.quiz)) is None]
    assert missing == [], f"run `./dev build` and commit published.jsonl (missing: {missing})"


def test_course_export_s_site_builds_record_as_course_export(tmp_path):
    from generator.export.mkdocs_site import build_site
    from generator.project import find_project

    project = find_project(make_course(tmp_path))
    build_site(project, tmp_path / "offline", when=datetime.datetime(2026, 11, 1,
                                                                  tzinfo=datetime.timezone.utc))
    written = (tmp_path / "published.jsonl").read_text(encoding="utf-8")
    assert '"by": "course export"' in written and written.count('"kind": "quiz"') == 1
