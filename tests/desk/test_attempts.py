"""generator.desk.attempts: a validated file graded against the current quizzes, version-safe."""

from __future__ import annotations

import datetime
import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from answerkit import (
    answer_document,
    fixture_course,
    fixture_quiz,
    grading_course,
    page_answer_file,
    perfect_answers,
    random_answers,
    registry_text,
    resign,
    wrong_answers,
)
from generator.desk.answerfiles import BadAnswerFile, parse
from generator.desk.attempts import grade_file, learner_key, utc
from generator.desk.roster import RosterEntry
from generator.integrity import registry
from generator.models.quiz import Exam, Quiz
from generator.scoring import AnswerError, Grader

COURSE = grading_course()
PRACTICE = fixture_quiz("practice")
FINAL = fixture_quiz("final")
CODE = "7KQ2-M9XD-F"


def document(**kwargs) -> dict:
    return answer_document(PRACTICE, perfect_answers(PRACTICE), **kwargs)


def grade(doc: dict, strict: bool = False, course=COURSE):
    data = json.dumps(doc, ensure_ascii=False).encode()
    return grade_file(parse(data), course, source="a.json", strict=strict)


def refusal(doc: dict, strict: bool = False, course=COURSE) -> str:
    with pytest.raises(BadAnswerFile) as caught:
        grade(doc, strict, course)
    return caught.value.message


def test_a_perfect_file_scores_full_marks_with_every_question():
    attempt = grade(document(name=" 张三 ", learner_id="S-01"))
    assert attempt.result.score == 1.0 and attempt.result.passed
    assert [q.question for q in attempt.result.questions] == [q.id for q in PRACTICE.questions]
    assert attempt.left_out == ()
    assert (attempt.learner_name, attempt.learner_id, attempt.learner_key) == (
        "张三", "S-01", "id:s-01")
    assert attempt.submitted_at == datetime.datetime(2026, 11, 20, 8, 10)
    assert attempt.graded_version == attempt.quiz_version
    assert not attempt.identity_verified and attempt.attempt is None


def test_a_format_2_file_from_an_assessment_page_is_graded_through_its_opaque_ids():
    doc = page_answer_file(FINAL, perfect_answers(FINAL), learner_id="cs-017", name="张三")
    assert all(item["question"].startswith("x") for item in doc["answers"])
    attempt = grade(doc)
    assert attempt.result.score == 1.0 and attempt.attempt == 1
    assert [q.question for q in attempt.result.questions] == ["final-one", "final-two"]
    assert attempt.result.questions[0].picked == ("next-day",)  # back in authored ids


def test_the_score_is_the_grader_s():
    doc = answer_document(PRACTICE, wrong_answers(PRACTICE))
    attempt = grade(doc)
    expected = Grader(PRACTICE).grade({a["question"]: a["answer"] for a in doc["answers"]})
    assert attempt.result == expected
    assert attempt.result.score == 0.0 and not attempt.result.passed


def edit(doc: dict, change) -> dict:
    change(doc)
    return doc


@pytest.mark.parametrize("change, expected", [
    (lambda d: d.update(quiz="nope"), "unknown quiz 'nope'; this course has: practice, final"),
    (lambda d: d["answers"].append({"question": "ghost", "answer": "x"}),
     "answers[6]: unknown question 'ghost' in quiz 'practice'"),
    (lambda d: d["answers"].insert(1, dict(d["answers"][0])),
     "answers[1]: question 'pick-one' is answered twice (also answers[0])"),
    (lambda d: d["answers"][0].update(answer="maybe"),
     "answers[0]: question 'pick-one': 'maybe' is not an option"),
    (lambda d: d["answers"][0].update(answer={"x": 1}),
     "answers[0]: question 'pick-one': expected one option id, got an object"),
    (lambda d: d["answers"][3].update(answer=1),
     "answers[3]: question 'opened-ok': expected true or false, got a number"),
    (lambda d: d["answers"][1].update(answer=["video", "video"]),
     "answers[1]: question 'evidence': option 'video' is listed twice"),
    (lambda d: d["answers"][1].update(answer=[["video"]]),
     "answers[1]: question 'evidence': expected a list of option ids, got a list"),
    (lambda d: d["answers"][4].update(answer=["check"]),
     "answers[4]: question 'steps': expected all 4 steps once each, got 1"),
    (lambda d: d["answers"][5].update(answer=["yes", "nope"]),
     "answers[5]: question 'chat-flow': 'nope' is not a choice at step 'asked'"),
    (lambda d: d["learner"].update(name="   "), "learner.name: blank"),
    (lambda d: d.update(quiz="bad\nquiz\u202e"),
     "unknown quiz 'bad\\nquiz\\u202e'; this course has: practice, final"),
    (lambda d: d.update(quiz_version="0123456789abcdef"),
     "quiz version 0123456789abcdef was never published from this course; if it was built "
     "elsewhere, add that folder's published.jsonl lines"),
], ids=["unknown-quiz", "unknown-question", "answered-twice", "not-an-option", "object",
        "number-for-true-false", "option-twice", "nested-list", "ordering-short",
        "impossible-path", "blank-name", "control-character", "never-published"])
def test_files_that_cannot_be_graded(change, expected):
    assert refusal(edit(document(), change)) == expected


def test_a_missing_question_is_unanswered():
    doc = document()
    doc["answers"] = doc["answers"][1:]
    attempt = grade(doc)
    assert attempt.result.questions[0].status == "unanswered"
    assert attempt.result.max_points == 6


def test_format_1_question_versions_are_ignored():
    doc = document()
    doc["question_versions"] = {"pick-one": "forged", "extra": "0"}  # says nothing to the grader
    assert grade(doc).result.score == 1.0 and grade(doc).left_out == ()


# Version safety: the registry knows each published version -----------------------------------

def older(**changes) -> tuple[Quiz, registry.Registry]:
    """The practice quiz as it was when an older version was published (questions reworded,
    removed or not yet added), and a registry holding both versions."""
    data = PRACTICE.model_dump(mode="json", exclude_none=True)
    for question in data["questions"]:
        if question["id"] in changes.get("reworded", ()):
            question["prompt"] += "（旧）"
    data["questions"] = [q for q in data["questions"] if q["id"] not in changes.get("added", ())]
    data["questions"] += [{"id": q, "type": "true_false", "prompt": "旧题", "answer": True}
                          for q in changes.get("removed", ())]
    old = Quiz.model_validate(data)
    text = registry_text([old], published=datetime.datetime(2026, 10, 1))
    current = registry_text([entry.quiz for entry in fixture_course().quizzes])
    return old, registry.parse(text + "".join(current.splitlines(True)[1:]))


def old_file(old: Quiz, answers: dict) -> dict:
    doc = answer_document(old, answers)
    return doc


def test_a_changed_question_counts_zero_by_default_with_its_points_kept():
    old, reg = older(reworded=["pick-one"])
    doc = old_file(old, perfect_answers(PRACTICE))
    attempt = grade(doc, course=grading_course(reg=reg))
    assert attempt.changed == ("pick-one",) and attempt.left_out == ()
    assert attempt.result.questions[0].status == "changed"
    assert attempt.result.max_points == 6 and attempt.result.points == 5
    assert attempt.quiz_version != attempt.graded_version


def test_a_changed_question_is_left_out_when_the_trainer_says_exclude():
    old, reg = older(reworded=["pick-one"])
    doc = old_file(old, perfect_answers(PRACTICE))
    doc["answers"][0]["answer"] = "old-option-id"  # no option now: never graded, never refused
    attempt = grade(doc, course=grading_course(reg=reg, changed="exclude"))
    assert attempt.left_out == (("pick-one", "changed"),) and attempt.changed == ()
    assert [q.question for q in attempt.result.questions] == [
        "evidence", "all-tags", "opened-ok", "steps", "chat-flow"]
    assert attempt.result.max_points == 5 and attempt.result.score == 1.0


def test_strict_refuses_a_file_made_for_an_older_version():
    old, reg = older(reworded=["pick-one", "steps"])
    assert refusal(old_file(old, perfect_answers(PRACTICE)), strict=True,
                   course=grading_course(reg=reg)) == (
        "quiz 'practice' changed since this file was made (questions pick-one, steps); "
        "refused with --strict")


def test_a_question_added_since_was_on_no_paper_and_does_not_count():
    old, reg = older(added=["steps"])
    answers = {q: a for q, a in perfect_answers(PRACTICE).items() if q != "steps"}
    attempt = grade(old_file(old, answers), course=grading_course(reg=reg))
    assert "steps" not in [q.question for q in attempt.result.questions]
    assert attempt.result.score == 1.0 and attempt.result.max_points == 5


def test_an_answer_to_a_question_removed_since_is_ignored_and_named():
    old, reg = older(removed=["gone"])
    attempt = grade(old_file(old, {**perfect_answers(PRACTICE), "gone": True}),
                    course=grading_course(reg=reg))
    assert attempt.left_out == (("gone", "removed"),)
    assert attempt.result.score == 1.0


def test_an_answer_left_out_must_still_be_an_answer():
    old, reg = older(removed=["gone"])
    doc = old_file(old, {**perfect_answers(PRACTICE), "gone": True})
    doc["answers"][6]["answer"] = {"a": 1}
    assert refusal(doc, course=grading_course(reg=reg)) == (
        "answers[6].answer: expected true/false, an id or a list of ids, got an object")


def test_when_every_question_changed_exclude_leaves_nothing_and_refuses():
    old, reg = older(reworded=[q.id for q in PRACTICE.questions])
    doc = old_file(old, perfect_answers(PRACTICE))
    assert refusal(doc, course=grading_course(reg=reg, changed="exclude")) == (
        "quiz 'practice' changed since this file was made: every question on this paper "
        "changed; nothing left to grade")
    assert grade(doc, course=grading_course(reg=reg)).result.score == 0.0  # zero: all 0


# Times -------------------------------------------------------------------------------------

NOW = datetime.datetime(2026, 11, 29, 12, 0)


@pytest.mark.parametrize("started, submitted, expected", [
    ("2026-11-20T09:00:00Z", "2026-11-20T08:00:00Z",
     "started_at 2026-11-20T09:00:00Z is after submitted_at 2026-11-20T08:00:00Z"),
    ("2026-11-20T08:00:00Z", "2026-12-01T08:00:00Z",
     "submitted_at 2026-12-01T08:00:00Z is in the future (the grader's clock says "
     "2026-11-29T12:00:00Z)"),
    ("2026-10-01T08:00:00Z", "2026-11-20T08:00:00Z",
     "started_at 2026-10-01T08:00:00Z is before this quiz version was first published "
     "(2026-11-01T00:00:00Z)"),
    ("0001-01-01T00:00:00+01:00", "2026-11-20T08:00:00Z",
     "started_at: 0001-01-01T00:00:00+01:00 is outside the dates a gradebook can hold"),
    ("2026-11-20T08:00:00Z", "9999-12-31T23:59:59-01:00",
     "submitted_at: 9999-12-31T23:59:59-01:00 is outside the dates a gradebook can hold"),
    ("2026-11-20T08:00:00Z", "9999-12-31T23:59:59Z",
     "submitted_at 9999-12-31T23:59:59Z is in the future (the grader's clock says "
     "2026-11-29T12:00:00Z)"),
], ids=["reversed", "future", "before-publication", "year-1", "year-9999-offset", "year-9999"])
def test_times_that_do_not_add_up_are_refused(started, submitted, expected):
    doc = document()
    doc["started_at"], doc["submitted_at"] = started, submitted
    for item in doc["answers"]:
        item.pop("answered_at")
    assert refusal(doc, course=grading_course(now=NOW)) == expected


def test_a_phone_a_few_hours_fast_is_still_on_time():
    doc = document(submitted="2026-11-29T20:00:00Z")
    assert grade(doc, course=grading_course(now=NOW)).result.score == 1.0


def timed(late: str, time_limit: int = 30, grace: int = 2, attempts: int | None = None) -> Quiz:
    """The final quiz with exam settings (not part of its version: the registry still knows
    it)."""
    exam = Exam(time_limit=time_limit, grace=grace, late=late, attempts=attempts)
    return FINAL.model_copy(update={"exam": exam})


def timed_course(late: str, **exam):
    quiz = timed(late, **exam)
    return grading_course(quizzes=[PRACTICE, quiz]), quiz


@pytest.mark.parametrize("late", ["flag", "refuse"])
def test_a_file_submitted_after_the_limit_and_grace_is_flagged_or_refused(late):
    course, quiz = timed_course(late)
    on_time = page_answer_file(quiz, perfect_answers(quiz), submitted="2026-11-20T08:32:00Z")
    assert grade(on_time, course=course).flags == ()
    doc = page_answer_file(quiz, perfect_answers(quiz), submitted="2026-11-20T08:32:01Z")
    if late == "flag":
        assert grade(doc, course=course).flags == ("late",)
    else:
        assert refusal(doc, course=course) == (
            "submitted 33 minutes after starting; this quiz allows 30 minutes and 2 minutes' "
            "grace (late files are refused)")


@pytest.mark.parametrize("late", ["flag", "refuse"])
def test_answer_times_outside_the_attempt(late):
    course, quiz = timed_course(late)
    doc = page_answer_file(quiz, perfect_answers(quiz))
    doc["answers"][1]["answered_at"] = "2026-11-20T07:59:00Z"
    if late == "flag":
        assert grade(doc, course=course).flags == ("clock",)
    else:
        assert refusal(doc, course=course) == (
            "answers[1].answered_at 2026-11-20T07:59:00Z is outside the attempt "
            "(2026-11-20T08:00:00Z to 2026-11-20T08:10:00Z); this timed quiz refuses files whose "
            "times do not add up")
    untimed = page_answer_file(PRACTICE, perfect_answers(PRACTICE))
    untimed["answers"][0]["answered_at"] = "2026-11-20T09:00:00Z"
    assert grade(untimed).flags == ("clock",)  # without a time limit: flagged only


def test_an_attempt_beyond_the_limit_is_refused():
    course, quiz = timed_course("flag", attempts=2)
    assert grade(page_answer_file(quiz, perfect_answers(quiz), attempt=2), course=course)
    assert refusal(page_answer_file(quiz, perfect_answers(quiz), attempt=3), course=course) == (
        "attempt 3 is beyond this quiz's limit of 2 attempts")


# Who made it ---------------------------------------------------------------------------------

ROSTER = {"cs-017": RosterEntry("CS-017", "王小明", "A", CODE),
          "cs-018": RosterEntry("cs-018", "李四", "A", "3DG7-8HJK-0"),
          "cs-019": RosterEntry("cs-019", "赵六", None, None)}
WITH_ROSTER = grading_course(roster=ROSTER)


def test_with_a_roster_a_signed_file_is_verified_and_named_by_the_roster():
    doc = page_answer_file(FINAL, perfect_answers(FINAL), learner_id="cs-017", name="冒名",
                           code=CODE)
    attempt = grade(doc, course=WITH_ROSTER)
    assert attempt.identity_verified
    assert (attempt.learner_name, attempt.learner_id, attempt.learner_key) == (
        "王小明", "CS-017", "id:cs-017")


@pytest.mark.parametrize("make, expected", [
    (lambda: page_answer_file(FINAL, perfect_answers(FINAL), learner_id="cs-099", code=CODE),
     "learner.id 'cs-099' is not on the roster; check the id, or add the learner with "
     "`course roster import`"),
    (lambda: page_answer_file(FINAL, perfect_answers(FINAL), learner_id="cs-017"),
     "not signed: this quiz asks for an access code, and the file carries no signature"),
    (lambda: page_answer_file(FINAL, perfect_answers(FINAL), learner_id="cs-018", code=CODE),
     "the signature does not match the access code of learner 'cs-018': the file was changed "
     "after it was saved, or made with someone else's code"),
    (lambda: page_answer_file(FINAL, perfect_answers(FINAL), learner_id="cs-019", code=CODE),
     "learner 'cs-019' has no access code yet, so the file cannot be checked; give codes with "
     "`course roster codes`"),
    (lambda: answer_document(FINAL, perfect_answers(FINAL), learner_id="cs-017"),
     "format 1 file (from a page older than access codes): it cannot show who made it, and "
     "this course has a roster; the learner takes the quiz again on the current site"),
    (lambda: page_answer_file(FINAL, perfect_answers(FINAL), learner_id=None, name="王小明"),
     "learner.id: missing; this quiz asks for the staff id"),
], ids=["not-on-roster", "unsigned", "someone-else-s-code", "no-code-yet", "format-1", "no-id"])
def test_with_a_roster_files_that_cannot_show_who_made_them_are_refused(make, expected):
    assert refusal(make(), course=WITH_ROSTER) == expected


def test_a_changed_value_breaks_the_signature():
    doc = page_answer_file(FINAL, wrong_answers(FINAL), learner_id="cs-017", code=CODE)
    doc["answers"][1]["answer"] = False  # the learner "fixes" an answer after saving
    assert refusal(doc, course=WITH_ROSTER).startswith("the signature does not match")
    assert grade(resign(doc, CODE), course=WITH_ROSTER)  # only the code's owner can re-sign


def test_practice_files_are_graded_with_the_roster_s_name_but_unverified():
    doc = page_answer_file(PRACTICE, perfect_answers(PRACTICE), learner_id="cs-017",
                           name="随便写")
    attempt = grade(doc, course=WITH_ROSTER)
    assert (attempt.learner_name, attempt.identity_verified) == ("王小明", False)


def test_the_seed_must_be_the_learner_s():
    doc = page_answer_file(FINAL, perfect_answers(FINAL), learner_id="cs-017", code=CODE,
                           seed=123)
    assert refusal(doc, course=WITH_ROSTER) == (
        "seed 123 is not the seed of learner 'cs-017', attempt 1 at this quiz version: the "
        "paper cannot be replayed")
    assert refusal(doc) == refusal(doc, course=WITH_ROSTER)  # without a roster too


# The remembering grader is the grader ---------------------------------------------------------

def _any_answer(question) -> st.SearchStrategy:
    ids = {"single": [o.id for o in getattr(question, "options", [])],
           "multiple": [o.id for o in getattr(question, "options", [])],
           "ordering": [i.id for i in getattr(question, "items", [])],
           "scenario": [c.id for n in getattr(question, "nodes", []) for c in n.choices],
           "true_false": ["true"]}[question.type] + ["zzz"]
    return st.one_of(st.none(), st.booleans(), st.integers(0, 2), st.sampled_from(ids),
                     st.lists(st.sampled_from(ids), max_size=5),
                     st.lists(st.one_of(st.integers(0, 1), st.booleans()), max_size=2))


def _outcome(grader, answers):
    try:
        return grader.grade(answers)
    except AnswerError as error:
        return ("error", str(error))


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_the_remembering_grader_agrees_with_the_grader(data):
    quiz: Quiz = data.draw(st.sampled_from([PRACTICE, fixture_quiz("final")]))
    cached, plain = Grader(quiz), Grader(quiz, remember=0)
    for _ in range(3):  # several files through one remembering grader
        answers = {q.id: data.draw(_any_answer(q)) for q in quiz.questions}
        assert _outcome(cached, answers) == _outcome(plain, answers)


def test_the_remembering_grader_never_confuses_true_with_1():
    cached = Grader(PRACTICE)
    perfect = perfect_answers(PRACTICE)
    assert cached.grade(perfect).score == 1.0  # remembers opened-ok: False
    with pytest.raises(AnswerError, match="^expected true or false, got a number$"):
        cached.grade({**perfect, "opened-ok": 0})


def test_random_cohorts_grade_identically_through_the_remembering_grader():
    rng = random.Random(4)
    cached, plain = Grader(PRACTICE), Grader(PRACTICE, remember=0)
    for _ in range(200):
        answers = random_answers(PRACTICE, rng)
        assert cached.grade(answers) == plain.grade(answers)


# Learners and times ------------------------------------------------------------------------------

def test_learner_key_prefers_the_id_and_normalises():
    assert learner_key("Zhang San", "S-01") == "id:s-01"
    assert learner_key("  Zhang   San ", None) == learner_key("zhang san", None) == "name:zhang san"
    assert learner_key("张三", None) != learner_key("张三", "张三")


def test_utc_converts_offsets_and_keeps_naive_times():
    eight = datetime.timezone(datetime.timedelta(hours=8))
    assert utc(datetime.datetime(2026, 11, 20, 8, 0, tzinfo=eight)) == datetime.datetime(
        2026, 11, 20, 0, 0)
    assert utc(datetime.datetime(2026, 11, 20, 8, 0)) == datetime.datetime(2026, 11, 20, 8, 0)
