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
    perfect_answers,
    random_answers,
    wrong_answers,
)
from generator.desk.answerfiles import BadAnswerFile, parse
from generator.desk.attempts import GradingCourse, grade_file, learner_key, utc
from generator.models.quiz import Quiz
from generator.scoring import AnswerError, Grader

COURSE = GradingCourse([entry.quiz for entry in fixture_course().quizzes])
PRACTICE = fixture_quiz("practice")


def document(**kwargs) -> dict:
    return answer_document(PRACTICE, perfect_answers(PRACTICE), **kwargs)


def grade(doc: dict, strict: bool = False):
    data = json.dumps(doc, ensure_ascii=False).encode()
    return grade_file(parse(data), COURSE, content_hash="hash", source="a.json", strict=strict)


def refusal(doc: dict, strict: bool = False) -> str:
    with pytest.raises(BadAnswerFile) as caught:
        grade(doc, strict)
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
    (lambda d: d.update(quiz="bad\nquiz"),
     "unknown quiz 'bad?quiz'; this course has: practice, final"),
], ids=["unknown-quiz", "unknown-question", "answered-twice", "not-an-option", "object",
        "number-for-true-false", "option-twice", "nested-list", "ordering-short",
        "impossible-path", "blank-name", "control-character"])
def test_files_that_cannot_be_graded(change, expected):
    assert refusal(edit(document(), change)) == expected


# Version safety --------------------------------------------------------------------------------

def made_for_older_version(doc: dict, **versions) -> dict:
    doc["quiz_version"] = "older"
    for question, version in versions.items():
        if version is None:
            del doc["question_versions"][question]
        else:
            doc["question_versions"][question] = version
    return doc


def test_a_changed_question_is_left_out_and_named():
    doc = made_for_older_version(document(), **{"pick-one": "0123456789abcdef"})
    doc["answers"][1]["answer"] = ["memory"]  # 'evidence' unchanged: graded as usual, 0 points
    attempt = grade(doc)
    assert attempt.left_out == ("pick-one",)
    assert [q.question for q in attempt.result.questions] == [
        "evidence", "all-tags", "opened-ok", "steps", "chat-flow"]
    assert attempt.result.max_points == 5 and attempt.result.points == 4
    assert attempt.quiz_version == "older" and attempt.graded_version != "older"


def test_a_changed_question_is_left_out_even_with_an_answer_that_no_longer_fits():
    # The question's options were renamed since: the old answer is no option now.
    doc = made_for_older_version(document(), **{"pick-one": "0123456789abcdef"})
    doc["answers"][0]["answer"] = "old-option-id"
    assert grade(doc).left_out == ("pick-one",)


def test_strict_refuses_a_file_made_for_an_older_version():
    doc = made_for_older_version(document(), **{"pick-one": "x", "steps": "y"})
    assert refusal(doc, strict=True) == (
        "quiz 'practice' changed since this file was made (questions pick-one, steps); "
        "refused with --strict")


def test_a_question_added_since_is_left_out():
    doc = made_for_older_version(document(), steps=None)
    doc["answers"] = [a for a in doc["answers"] if a["question"] != "steps"]
    attempt = grade(doc)
    assert attempt.left_out == ("steps",)
    assert attempt.result.score == 1.0


def test_an_answer_to_a_question_removed_since_is_ignored_and_named():
    doc = made_for_older_version(document(), gone="abc")
    doc["answers"].append({"question": "gone", "answer": "x"})
    attempt = grade(doc)
    assert attempt.left_out == ("gone",)
    assert attempt.result.score == 1.0


def test_an_answer_left_out_must_still_be_an_answer():
    doc = made_for_older_version(document(), gone="abc")
    doc["answers"].append({"question": "gone", "answer": {"a": 1}})
    assert refusal(doc) == ("answers[6].answer: expected true/false, an id or a list of ids, "
                            "got an object")


def test_a_file_whose_every_question_changed_is_refused():
    doc = document()
    doc = made_for_older_version(doc, **{q: "0" for q in doc["question_versions"]})
    assert refusal(doc) == ("quiz 'practice' changed since this file was made: every question "
                            "changed; nothing left to grade")


def test_the_same_quiz_version_trusts_that_nothing_changed():
    doc = document()
    doc["question_versions"] = {}  # inconsistent, but quiz_version says all is as now
    assert grade(doc).left_out == ()


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
