"""Export a course to a workbook and import each quiz back: the same questions.

Ids of options and steps are made anew (a, b, c…); prompts, options, keys, feedback, points,
scoring, lesson links, pools and quality must come back identical, for every question but the
scenarios, and a drawn quiz's draw with them (the pools in the order the workbook lists them
first).
"""

import datetime

import pytest

from coursefolder import make_course
from generator.banks.imported import BankContext
from generator.banks.plaintext import policy_values
from generator.banks.quizyaml import quiz_text
from generator.banks.rows import bank_sheets
from generator.banks.xlsx_export import workbook_bytes
from generator.banks.xlsx_import import import_bank
from generator.banks.xlsx_read import read_workbook
from generator.loading import load_course
from generator.models.quiz import Quiz, Scenario
from generator.validation import validate
from generator.yamlsource import parse_bytes

WHEN = datetime.datetime(2026, 11, 20, tzinfo=datetime.timezone.utc)


def _without_ids(question) -> dict:
    data = question.model_dump()
    for key in ("options", "items"):
        for entry in data.get(key) or []:
            entry.pop("id")
    return data


def _round_trip(loaded):
    quizzes = [entry.quiz for entry in loaded.quizzes]
    workbook = read_workbook(workbook_bytes(bank_sheets(loaded, quizzes), WHEN, "t"))
    lessons = {entry.lesson.id: entry.lesson.title for entry in loaded.lessons}
    compared = 0
    for quiz in quizzes:
        result = import_bank(workbook, BankContext(quiz.id, lessons,
                                                   policy_values(loaded.policies)))
        assert result.problems == []
        text = quiz_text(result.questions, quiz_id=quiz.id, title=quiz.title,
                         section=quiz.section, language=loaded.course.language,
                         schema="quiz.schema.json", source_name="bank.xlsx",
                         draw=[(pool, count) for pool, count, _ in result.draws])
        back = validate(Quiz, parse_bytes(text.encode(), f"{quiz.id}.yml"))
        assert {d.pool: d.count for d in back.draw} == {d.pool: d.count for d in quiz.draw}
        imported = {question.id: question for question in back.questions}
        originals = [q for q in quiz.questions if not isinstance(q, Scenario)]
        assert sorted(imported) == sorted(q.id for q in originals)
        for original in originals:
            assert _without_ids(imported[original.id]) == _without_ids(original), original.id
            compared += 1
    return compared


# The bundled course: 165 questions, 25 of them conversations; the final's 66 others are in
# its 6 pools.
@pytest.mark.parametrize("course, questions", [("bundled", 140), ("quizcourse", 12)])
def test_every_question_but_scenarios_comes_back_identical(course, questions, request):
    assert _round_trip(request.getfixturevalue(course)) == questions


QUALITY_QUIZ = """\
id: kept
title: 保留的写法
section: rules
quality:
  allow: [true-false-balance]
  reason: 整套测验的设置不在工作簿里
questions:
  - id: first-reply
    type: single
    quality:
      allow: [short-distractor, no-lesson]
      reason: 错误选项“不支持”三个字，正是新客服最常见的回复，原样考
    prompt: 买家问能不能退，你先回什么？
    options:
      - id: a
        text: 先看订单标签和签收时间，再回答能不能退
        correct: true
      - id: b
        text: 不支持
  - id: plain
    type: true_false
    prompt: 签收第 3 天可以无理由退货。
    answer: true
"""


def test_a_questions_quality_comes_back_and_a_quizs_does_not(tmp_path):
    config = make_course(tmp_path, quizzes={"kept": QUALITY_QUIZ})
    loaded = load_course(config.parent / "content", config.parent / "quizzes")
    sheets = {s.name: s for s in bank_sheets(loaded, [e.quiz for e in loaded.quizzes])}
    assert sheets["单选题"].headers[-2:] == ["检查豁免", "豁免理由"]
    assert sheets["单选题"].rows[0][-2:] == ["short-distractor, no-lesson",
                                          "错误选项“不支持”三个字，正是新客服最常见的回复，原样考"]
    assert sheets["判断题"].rows[0][-2:] == ["", ""]
    assert _round_trip(loaded) == 2  # both questions identical, the quality included
    # The quiz's own settings (quality, mode, exam…) are not in a workbook: an import writes
    # a practice quiz with the defaults.
    workbook = read_workbook(workbook_bytes(bank_sheets(loaded, [loaded.quizzes[0].quiz]), WHEN,
                                            "t"))
    result = import_bank(workbook, BankContext("kept", {}, {}))
    text = quiz_text(result.questions, quiz_id="kept", title="t", section=None, language="zh",
                     schema="s.json", source_name="b.xlsx")
    assert "      allow: [short-distractor, no-lesson]\n" in text
    assert validate(Quiz, parse_bytes(text.encode(), "kept.yml")).quality is None
