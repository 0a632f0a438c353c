"""generator.desk.template and `course answers template`: a blank answer file the grader takes,
made as the page makes it (seed, paper, ids, signature), for the current published version."""

from __future__ import annotations

import datetime
import json
import shutil

import pytest

from answerkit import (
    CONFIG,
    FIX,
    FIXTURE_REGISTRY,
    fixture_course,
    fixture_quiz,
    fixture_registry,
    grading_course,
    page_answer_file,
    registry_text,
)
from desktools import course
from generator.desk.answerfiles import parse
from generator.desk.attempts import grade_file
from generator.desk.roster import RosterEntry
from generator.desk.template import TEMPLATE_NAME, TemplateRefused, blank_answer_file
from generator.fingerprint import quiz_version
from generator.integrity import registry, seeds, signing
from generator.integrity.codes import new_code
from generator.integrity.opaque import OpaqueIds
from generator.shuffle import presentation
from quizhelpers import make_quiz, ordering, single, true_false

NOW = datetime.datetime(2026, 11, 29, 16, 0, 0, tzinfo=datetime.timezone.utc)
PRACTICE = fixture_quiz("practice")
FINAL = fixture_quiz("final")
TITLE = fixture_course().course.title


def blank(quiz, reg=None, **options):
    return blank_answer_file(quiz, reg or fixture_registry(), course_title=TITLE, now=NOW,
                             random_seed=12345, **options)


def graded(document, course=None):
    parsed = parse(json.dumps(document, ensure_ascii=False).encode("utf-8"))
    return grade_file(parsed, course or grading_course(now=NOW.replace(tzinfo=None)),
                      source="template.json")


def refused(quiz, reg=None, **options) -> str:
    with pytest.raises(TemplateRefused) as caught:
        blank(quiz, reg, **options)
    return caught.value.message


def test_a_practice_template_uses_authored_ids_a_random_seed_and_is_graded_as_zero():
    document = blank(PRACTICE)
    assert document == {
        "format": "course-answers/2", "course": TITLE, "quiz": "practice",
        "quiz_version": quiz_version(PRACTICE), "learner": {"name": TEMPLATE_NAME},
        "attempt": 1, "seed": 12345, "started_at": "2026-11-29T16:00:00Z",
        "submitted_at": "2026-11-29T16:00:00Z",
        "answers": [{"question": q.id, "answer": None} for q in PRACTICE.questions]}
    attempt = graded(document)
    assert attempt.result.points == 0 and attempt.result.max_points > 0
    assert not attempt.identity_verified


def test_an_assessment_template_has_the_derived_seed_opaque_ids_and_a_signature_that_verifies():
    code = new_code()
    document = blank(FINAL, learner_id=" cs-001 ", code=code, attempt=2)
    version = quiz_version(FINAL)
    assert document["learner"] == {"id": "cs-001"}
    assert document["seed"] == seeds.derived_seed("cs-001", version, 2)
    ids = OpaqueIds(FINAL, fixture_registry().salt)
    assert [a["question"] for a in document["answers"]] == [ids.question(q.id)
                                                           for q in FINAL.questions]
    assert signing.verifies(document, code)
    # The page's own file for the same learner, version and attempt names the same paper.
    page = page_answer_file(FINAL, {}, learner_id="cs-001", attempt=2, code=code)
    assert [a["question"] for a in page["answers"]] == [a["question"]
                                                        for a in document["answers"]]
    roster = {"cs-001": RosterEntry("cs-001", "王小明", None, code)}
    attempt = graded(document, grading_course(roster=roster, now=NOW.replace(tzinfo=None)))
    assert attempt.identity_verified and attempt.learner_name == "王小明"
    assert attempt.result.points == 0


def test_a_drawing_quiz_gets_the_paper_the_page_draws_for_that_learner():
    quiz = make_quiz(*(single(f"r{n}", pool="rules") for n in range(6)),
                     *(true_false(f"c{n}", pool="care") for n in range(4)),
                     ordering("steps", pool="care"),
                     draw=[{"pool": "rules", "count": 2}, {"pool": "care", "count": 2}],
                     mode="assessment", required=True)
    reg = registry.parse(registry_text([quiz]))
    ids = OpaqueIds(quiz, reg.salt)
    papers = set()
    for learner in ("cs-001", "cs-002", "cs-003"):
        document = blank(quiz, reg, learner_id=learner)
        seed = seeds.derived_seed(learner, quiz_version(quiz), 1)
        shown = presentation(quiz, seed, assessment=True, page_order=ids)
        names = [a["question"] for a in document["answers"]]
        assert names == [ids.question(q) for q in shown.paper] and len(names) == 4
        papers.add(tuple(names))
        attempt = graded(document, grading_course(quizzes=[quiz], reg=reg,
                                                  now=NOW.replace(tzinfo=None)))
        assert attempt.result.max_points == 4 and attempt.result.points == 0
    assert len(papers) > 1


def test_an_assessment_build_template_of_a_practice_quiz_asks_for_the_id_and_uses_opaque_ids():
    document = blank(PRACTICE, learner_id="cs-002", assessment=True)
    ids = OpaqueIds(PRACTICE, fixture_registry().salt)
    assert document["seed"] == seeds.derived_seed("cs-002", quiz_version(PRACTICE), 1)
    assert document["answers"][0]["question"] == ids.question(PRACTICE.questions[0].id)
    assert graded(document).result.points == 0


def test_a_required_practice_quiz_asks_for_the_id_and_keeps_its_authored_ids():
    quiz = make_quiz(single("q1"), true_false("q2"), required=True)
    reg = registry.parse(registry_text([quiz]))
    document = blank(quiz, reg, learner_id="cs-003")
    assert document["seed"] == seeds.derived_seed("cs-003", quiz_version(quiz), 1)
    assert [a["question"] for a in document["answers"]] == ["q1", "q2"]
    attempt = graded(document, grading_course(quizzes=[quiz], reg=reg,
                                              now=NOW.replace(tzinfo=None)))
    assert attempt.result.points == 0 and attempt.learner_id == "cs-003"


def test_the_times_are_never_before_the_version_was_published():
    early = blank_answer_file(PRACTICE, fixture_registry(), course_title=TITLE,
                              now=datetime.datetime(2020, 1, 1), random_seed=1)
    assert early["started_at"] == early["submitted_at"] == "2026-11-01T00:00:00Z"


def test_a_quiz_whose_current_version_is_not_published_is_refused_with_the_fix():
    old = registry.parse(FIXTURE_REGISTRY.read_text(encoding="utf-8").replace(
        quiz_version(PRACTICE), "0000000000000000"))
    assert refused(PRACTICE, old) == (
        f"quiz 'practice': its current version {quiz_version(PRACTICE)} is not in "
        "published.jsonl (the quiz changed since the course was last built) — run `course "
        "build`, which records it, then make the template again")


def test_a_quiz_that_asks_for_the_id_needs_a_learner():
    assert refused(FINAL) == ("quiz 'final' asks for the staff id (its seed and paper depend on "
                              "it) — give one with --learner ID")
    assert refused(FINAL, learner_id="  ") == refused(FINAL)


def test_a_mistyped_code_and_an_attempt_out_of_range_are_refused():
    code = new_code()
    typo = code[:-1] + ("0" if code[-1] != "0" else "1")
    assert refused(FINAL, learner_id="cs-001", code=typo) == (
        "--code: the last symbol does not match: a letter or digit is mistyped — copy it from "
        "`course roster list --codes`")
    assert refused(PRACTICE, attempt=0) == ("--attempt 0: quiz 'practice' allows attempts 1 or "
                                            "more — give one of those")


def test_a_value_the_grader_would_refuse_is_refused_here():
    assert refused(PRACTICE, learner_id="x" * 101) == (
        "learner.id: longer than 100 characters — give another value")


def test_the_attempt_limit_of_the_quiz_is_kept():
    quiz = make_quiz(single("q1"), mode="assessment", required=True,
                     exam={"attempts": 2})
    reg = registry.parse(registry_text([quiz]))
    assert refused(quiz, reg, learner_id="a", attempt=3) == (
        f"--attempt 3: quiz '{quiz.id}' allows attempts 1 to 2 — give one of those")
    assert blank(quiz, reg, learner_id="a", attempt=2)["attempt"] == 2


# The command, end to end, as a trainer runs it ----------------------------------------------

def run(cwd, *args):
    return course(*args, "-f", str(CONFIG), cwd=cwd)


def test_the_command_writes_templates_that_course_grade_takes_with_a_roster(tmp_path):
    (tmp_path / "staff.csv").write_text("id,name\ncs-001,王小明\ncs-002,李四\n", encoding="utf-8")
    assert run(tmp_path, "roster", "import", "staff.csv").returncode == 0
    assert run(tmp_path, "roster", "codes", "--out", "codes.html").returncode == 0
    listing = run(tmp_path, "roster", "list", "--codes").stdout
    code = next(line.split()[-1] for line in listing.splitlines() if line.startswith("cs-001"))

    made = run(tmp_path, "answers", "template", "final", "--learner", "cs-001", "--code", code,
               "--out", "answers/final.json")
    assert made.returncode == 0, made.stderr
    document = json.loads((tmp_path / "answers" / "final.json").read_text(encoding="utf-8"))
    assert made.stderr == (
        f"course answers template: answers/final.json: quiz 'final' version "
        f"{quiz_version(FINAL)}, attempt 1, seed {document['seed']}, "
        f"{len(document['answers'])} questions unanswered, signed with the access code\n")
    practice = run(tmp_path, "answers", "template", "practice", "--learner", "cs-002")
    assert practice.returncode == 0, practice.stderr
    (tmp_path / "answers" / "practice.json").write_text(practice.stdout, encoding="utf-8")
    unsigned = run(tmp_path, "answers", "template", "final", "--learner", "cs-002",
                   "--out", "answers/unsigned.json")
    assert unsigned.stderr.endswith(
        "not signed (with a roster, `course grade` refuses it on quizzes that ask for a code: "
        "give --code)\n")

    grading = run(tmp_path, "grade", "answers")
    assert grading.stderr.splitlines() == [
        "answers/unsigned.json: not signed: this quiz asks for an access code, and the file "
        "carries no signature" + FIX + " (a page that asks for the code signs the file)"]
    assert "course grade: 3 files: 2 graded (2 new, 0 already in the gradebook), 1 skipped" \
        in grading.stdout
    assert "王小明" in grading.stdout


def test_the_command_refuses_an_unknown_quiz_and_a_quiz_not_yet_published(tmp_path):
    unknown = run(tmp_path, "answers", "template", "nope")
    assert unknown.returncode == 1
    assert unknown.stderr == ("course answers template: unknown quiz 'nope' — this course has: "
                              "practice, final\n")
    folder = tmp_path / "course"
    shutil.copytree(CONFIG.parent, folder)
    (folder / "published.jsonl").write_text(registry_text([FINAL]), encoding="utf-8")
    stale = course("answers", "template", "practice", "-f", str(folder / "mkdocs.yml"),
                   cwd=tmp_path)
    assert stale.returncode == 1
    assert stale.stderr == (
        f"course answers template: quiz 'practice': its current version "
        f"{quiz_version(PRACTICE)} is not in course/published.jsonl (the quiz changed since the "
        "course was last built) — run `course build`, which records it, then make the template "
        "again\n")
