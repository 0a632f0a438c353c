"""The quiz file an import writes: commented like the scaffolds, and read back exactly."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.banks.imported import ImportedQuestion
from generator.banks.quizyaml import QuizTooLarge, quiz_text
from generator.models.quiz import Quiz
from generator.validation import validate
from generator.yamlsource import parse_bytes


def _question(**data):
    base = {"id": "single-2", "type": "single", "prompt": "能退吗？",
            "options": [{"id": "a", "text": "能", "correct": True}, {"id": "b", "text": "不能"}]}
    return ImportedQuestion({**base, **data}, "单选题", 2)


def _text(questions, **options):
    settings_ = {"quiz_id": "store-bank", "title": "门店题库", "section": "rules", "language": "zh",
                 "schema": "../schemas/quiz.schema.json", "source_name": "门店题库.xlsx"}
    return quiz_text(questions, **{**settings_, **options})


def test_the_file_is_commented_like_a_scaffold_and_loads_as_a_quiz():
    question = _question(explanation="七天内完好应同意。")
    question.notes = [("yaml_difficulty", "易"), ("yaml_topic", "退款\n规则")]
    text = _text([question])
    assert text.splitlines()[:10] == [
        "# yaml-language-server: $schema=../schemas/quiz.schema.json",
        "# 由 `course import` 从 门店题库.xlsx 导入，共 1 道题。可以直接修改，改完运行 `course check`。",
        "id: store-bank",
        "title: 门店题库  # 测验标题：显示在网站上",
        "section: rules",
        "mode: practice  # practice：做完每题就看解析 · assessment：网站不含答案，凭答卷评分",
        "pass_mark: 0.8  # 及格需要的得分比例",
        "shuffle: false  # true：每位学员的选项顺序不同",
        "questions:",
        "  # 来自 单选题 第 2 行",
    ]
    assert "  # 难度：易（课程不使用难度，仅作记录）" in text
    assert "  # 知识点：退款 规则（没有同名的课文，所以没有设置 lesson）" in text
    quiz = validate(Quiz, parse_bytes(text.encode(), "store-bank.yml"))
    assert quiz.questions[0].options[0].correct
    assert quiz.questions[0].explanation == "七天内完好应同意。"


def test_an_english_course_gets_english_comments_and_no_section_line():
    text = _text([_question()], language="en", section=None)
    assert "# Imported by `course import` from 门店题库.xlsx: 1 question. Edit freely" in text
    assert "section:" not in text and "  # from 单选题, row 2" in text


def test_a_drawn_quiz_gets_its_draw_and_each_question_its_pool():
    questions = [_question(id=f"q{i}", pool=pool) for i, pool in enumerate(["rules", "talks",
                                                                           "rules"])]
    text = _text(questions, draw=[("rules", 1), ("talks", 1)])
    assert ("shuffle: false  # true：每位学员的选项顺序不同\n"
            "draw:  # 每份试卷从每个抽题组（工作簿里的知识点）随机抽 count 道题\n"
            "  - pool: rules\n    count: 1\n  - pool: talks\n    count: 1\n"
            "questions:\n") in text
    quiz = validate(Quiz, parse_bytes(text.encode(), "store-bank.yml"))
    assert [(d.pool, d.count) for d in quiz.draw] == [("rules", 1), ("talks", 1)]
    assert [q.pool for q in quiz.questions] == ["rules", "talks", "rules"]


def test_multi_line_texts_are_literal_blocks():
    text = _text([_question(prompt="第一行\n第二行", explanation="结尾有换行\n")])
    assert "    prompt: |-\n      第一行\n      第二行\n" in text
    assert "    explanation: |\n      结尾有换行\n" in text


def test_texts_that_yaml_would_read_otherwise_are_quoted():
    question = _question(options=[{"id": "a", "text": "yes", "correct": True},
                                  {"id": "b", "text": "2024-01-03"}, {"id": "c", "text": "a: b"},
                                  {"id": "d", "text": "# 不是注释"}, {"id": "e", "text": " 前面有空格"}])
    text = _text([question])
    for shown in ('"yes"', '"2024-01-03"', '"a: b"', '"# 不是注释"'):
        assert f"text: {shown}\n" in text
    data = parse_bytes(text.encode(), "q.yml").data
    assert [o["text"] for o in data["questions"][0]["options"]] == [
        "yes", "2024-01-03", "a: b", "# 不是注释", " 前面有空格"]


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=60))
def test_any_text_reads_back_as_written(prompt):
    # quiz_text reads its own output back and raises if anything differs.
    text = _text([_question(prompt=prompt)])
    assert parse_bytes(text.encode(), "q.yml").data["questions"][0]["prompt"] == prompt


def test_a_quiz_over_the_course_file_limit_says_how_many_questions_fit():
    questions = [_question(id=f"single-{i}", prompt="题" * 200) for i in range(2000)]
    with pytest.raises(QuizTooLarge, match=r"^the 2,000 questions make a quiz file of 1\.\d MB, "
                                           r"over the 1 MB limit for one course file — split the "
                                           r"bank into workbooks of at most about 1,\d{3} such "
                                           r"questions and import each as its own quiz$"):
        _text(questions)
