"""Header names, question types and scoring rules as banks from other systems spell them."""

import pytest

from generator.banks import columns as col
from generator.banks.columns import column_for, question_type, scoring_rule


@pytest.mark.parametrize("header, column", [
    ("题型", col.TYPE), ("题 型", col.TYPE), ("试题类型", col.TYPE), ("Type", col.TYPE),
    ("题干", col.PROMPT), ("题目", col.PROMPT), ("题干（必填）", col.PROMPT), ("*题干", col.PROMPT),
    ("Question", col.PROMPT),
    ("选项A", col.option("A")), ("选项 A", col.option("A")), ("A", col.option("A")),
    ("选项（B）", col.option("B")), ("选项(B)", col.option("B")), ("选项Ｃ", col.option("C")),
    ("Option D", col.option("D")), ("选项e", col.option("E")),
    ("正确答案", col.ANSWER), ("正确答案（必填）", col.ANSWER), ("答案", col.ANSWER),
    ("标准答案", col.ANSWER), ("Answer", col.ANSWER),
    ("解析", col.EXPLANATION), ("答案解析", col.EXPLANATION), ("Explanation", col.EXPLANATION),
    ("分值", col.POINTS), ("分数", col.POINTS), ("Points", col.POINTS),
    ("难度", col.DIFFICULTY), ("难易度", col.DIFFICULTY),
    ("知识点", col.TOPIC), ("考点", col.TOPIC), ("Topic", col.TOPIC),
    ("评分方式", col.SCORING), ("错选扣分", col.PENALTY), ("Wrong-pick penalty", col.PENALTY),
    ("选项A反馈", col.feedback("A")), ("A反馈", col.feedback("A")), ("反馈B", col.feedback("B")),
    ("Feedback C", col.feedback("C")),
    ("选“正确”的反馈", col.FEEDBACK_TRUE), ("选\"错误\"的反馈", col.FEEDBACK_FALSE),
    ("Feedback if true", col.FEEDBACK_TRUE),
    ("测验", col.QUIZ), ("题目ID", col.ID), ("题目 ID", col.ID), ("Question ID", col.ID),
    ("课文", col.LESSON),
])
def test_header_variants_are_recognised(header, column):
    assert column_for(header) == column


@pytest.mark.parametrize("header", ["序号", "备注", "", None, "选项", "Notes", "分类编号"])
def test_other_headers_are_not_columns(header):
    assert column_for(header) is None


@pytest.mark.parametrize("name, kind", [
    ("单选题", "single"), ("单选", "single"), ("单项选择题", "single"), ("Single choice", "single"),
    ("多选题", "multiple"), ("不定项选择题", "multiple"), ("Multiple choice", "multiple"),
    ("判断题", "true_false"), ("是非题", "true_false"), ("True or false", "true_false"),
    ("T/F", None), ("排序题", "ordering"), ("Ordering", "ordering"), ("情景题", "scenario"),
    ("填空题", None), ("Sheet1", None),
])
def test_question_types(name, kind):
    assert question_type(name) == kind


def test_types_of_other_platforms_are_known_as_such():
    assert all(col.is_other_type(name) for name in ("填空题", "问答题", "Essay"))
    assert not col.is_other_type("单选题")


@pytest.mark.parametrize("kind, text, rule", [
    ("multiple", "全对才得分", "all_or_nothing"), ("multiple", "部分得分", "partial"),
    ("multiple", "all_or_nothing", "all_or_nothing"), ("multiple", "Partial", "partial"),
    ("multiple", "按位置", None), ("ordering", "按位置", "position"),
    ("ordering", "按相邻顺序", "adjacent_pairs"), ("ordering", "by neighbouring pairs",
                                                 "adjacent_pairs"),
    ("ordering", "全对才得分", "all_or_nothing"), ("ordering", "部分得分", None),
])
def test_scoring_rules(kind, text, rule):
    assert scoring_rule(kind, text) == rule
