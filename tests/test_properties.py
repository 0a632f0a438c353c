"""Property-based tests (hypothesis): no input makes the loader or the grader fail with anything
but their own error type.

- The loader's contract: any bytes, any text, any document and any damaged copy of a real course
  file either load or raise AuthorError whose problems each name the file; never another
  exception.
- The grader's contract: any JSON value as an answer to any question of the bundled course either
  grades (points between 0 and the question's weight, a known status) or raises AnswerError.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from generator.checks import checked
from generator.errors import AuthorError
from generator.loading import load_course
from generator.models.course import Course, Lesson
from generator.models.quiz import Quiz
from generator.models.reference import Glossary, PolicyFile
from generator.scoring import AnswerError, Grader, grade_question
from generator.validation import validate
from generator.yamlsource import parse, parse_bytes

ROOT = Path(__file__).resolve().parent.parent
# Not before the newest review date of the bundled course (the loader refuses dates in the future).
TODAY = date(2026, 11, 29)
LABEL = "content/rules/fuzz.yml"
MODELS = (Lesson, Quiz, Course, PolicyFile, Glossary)
# Keys the models know, so generated documents reach deep into validation instead of stopping at
# the first unknown key.
KNOWN_KEYS = sorted({
    "id", "title", "type", "objectives", "body", "key_points", "checklists", "items", "do",
    "dont", "dialogues", "lines", "speaker", "text", "mistakes", "summary", "sources", "url",
    "reviewed_on", "order", "questions", "options", "correct", "feedback", "explanation",
    "lesson", "section", "points", "scoring", "penalty", "steps", "nodes", "start", "choices",
    "next", "ending", "outcome", "order_card", "pass_mark", "mode", "shuffle", "lessons",
    "language", "audience", "sections", "policies", "value", "as_of", "source", "terms",
    "term", "definition", "answer", "message", "situation", "note",
})

# Per test, not a profile: loading a profile here would change every other file's tests too.
RELAXED = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_problems_name(error: AuthorError, label: str) -> None:
    assert error.problems, "an AuthorError must carry at least one problem"
    for problem in error.problems:
        assert problem.path == label
        assert problem.message
        assert "Traceback" not in str(problem)


def loads_or_refuses(load, *args) -> None:
    """`load(*args)` returns, or raises AuthorError naming the file; anything else fails."""
    try:
        load(*args)
        event("loaded")
    except AuthorError as error:
        event("refused")
        assert_problems_name(error, LABEL)


# --- the YAML reader ---------------------------------------------------------------------------

@settings(max_examples=400, **RELAXED)
@given(st.binary(max_size=400))
def test_any_bytes_parse_or_raise_author_error(raw):
    loads_or_refuses(parse_bytes, raw, LABEL)


# Text built from YAML's own punctuation, so the parser meets its hard cases (flow collections,
# anchors, tags, block scalars, directives) far more often than random letters would reach them.
YAMLISH = st.lists(st.sampled_from(
    list("ab:- \n\t#&*!|>'\"[]{},?%@`\\.0123456789") + ["\ufeff", "退款", "\u3000", "\x00", "\r",
                                                          "~", "<<", "---", "...", "!!python/"]),
    max_size=120).map("".join)


@settings(max_examples=400, **RELAXED)
@given(st.one_of(YAMLISH, st.text(max_size=200)))
def test_any_text_parses_or_raises_author_error(text):
    loads_or_refuses(parse, text, LABEL)


# --- validation against every model ------------------------------------------------------------

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6),
                    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=30),
                    st.dates().map(str))
DOCUMENTS = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(KNOWN_KEYS), st.text(max_size=8)), children,
                        max_size=6)),
    max_leaves=30)


@settings(max_examples=400, **RELAXED)
@given(st.sampled_from(MODELS), DOCUMENTS)
def test_any_document_validates_or_raises_author_error(model, data):
    text = yaml.safe_dump(data, allow_unicode=True)
    loads_or_refuses(lambda: validate(model, parse(text, LABEL)))


# --- whole course folders with one damaged file ------------------------------------------------

REAL_FILES = sorted(
    [p for p in (ROOT / "content").rglob("*.yml")] + [p for p in (ROOT / "quizzes").glob("*.yml")])


@pytest.fixture(scope="module")
def course_copy(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("fuzzcourse")
    shutil.copytree(ROOT / "content", folder / "content")
    shutil.copytree(ROOT / "quizzes", folder / "quizzes")
    return folder


@st.composite
def damaged_file(draw):
    """A real course file with a few characters deleted, inserted or swapped."""
    path = draw(st.sampled_from(REAL_FILES))
    text = path.read_text(encoding="utf-8")
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(("delete", "insert", "swap")))
        piece = draw(st.sampled_from([":", "-", " ", "\n", "\t", "'", '"', "[", "{", "&a", "*a",
                                      "!!str", "x", "id", "0", "<", "退"]))
        if action == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 20)):]
        elif action == "insert":
            text = text[:at] + piece + text[at:]
        else:
            text = text[:at] + piece + text[at + len(piece):]
    return path.relative_to(ROOT), text


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(damaged_file())
def test_a_damaged_course_loads_or_raises_author_error(course_copy, damage):
    relative, text = damage
    target = course_copy / relative
    original = (ROOT / relative).read_text(encoding="utf-8")
    target.write_text(text, encoding="utf-8")
    try:
        checked(load_course(course_copy / "content", course_copy / "quizzes"), today=TODAY,
                stale_after_days=100_000)
        event("loaded")
    except AuthorError as error:
        event("refused with AuthorError")
        assert error.problems
        assert all(problem.message for problem in error.problems)
    finally:
        target.write_text(original, encoding="utf-8")


# --- the grader --------------------------------------------------------------------------------

def bundled_questions():
    loaded = checked(load_course(ROOT / "content", ROOT / "quizzes"), today=TODAY,
                     stale_after_days=100_000)
    return [(entry.quiz, question) for entry in loaded.quizzes for question in entry.quiz.questions]


QUESTIONS = bundled_questions()
JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=10)),
    lambda children: st.one_of(st.lists(children, max_size=5),
                               st.dictionaries(st.text(max_size=5), children, max_size=3)),
    max_leaves=12)


@st.composite
def answer_for(draw, question):
    """Mostly answers built from the question's own ids (the interesting cases), some anything."""
    if hasattr(question, "nodes"):
        ids = [choice.id for node in question.nodes for choice in node.choices]
    else:
        ids = [item.id for item in getattr(question, "options", None) or
               getattr(question, "items", None) or []]
    ids.append("nope")
    lists = st.lists(st.sampled_from(ids), max_size=8)
    if hasattr(question, "items"):
        # Orderings: mostly a permutation, so scoring (not only refusal) is exercised.
        lists = st.one_of(st.permutations(ids[:-1]), lists)
    return draw(st.one_of(st.sampled_from(ids), lists, st.booleans(), JSON_VALUES))


@settings(max_examples=300, **RELAXED)
@given(st.data())
def test_any_answer_grades_within_bounds_or_raises_answer_error(data):
    _quiz, question = data.draw(st.sampled_from(QUESTIONS))
    answer = data.draw(answer_for(question))
    try:
        result = grade_question(question, answer)
    except AnswerError as error:
        event("refused with AnswerError")
        assert str(error)
        return
    event(f"graded {result.status}")
    assert 0.0 <= result.points <= result.max_points == float(question.points)
    assert result.status in {"correct", "partial", "wrong", "unanswered"}
    assert (result.status == "correct") == (result.points == result.max_points)


@settings(max_examples=150, **RELAXED)
@given(st.data())
def test_any_answer_set_grades_a_whole_quiz_or_raises_answer_error(data):
    quiz, _question = data.draw(st.sampled_from(QUESTIONS))
    answers = {}
    for question in quiz.questions:
        if data.draw(st.booleans()):
            answers[question.id] = data.draw(answer_for(question))
    try:
        result = Grader(quiz).grade(answers)
    except AnswerError:
        return
    assert 0.0 <= result.score <= 1.0
    assert result.passed == (result.score >= quiz.pass_mark)
