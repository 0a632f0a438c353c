"""The columns of a question-bank sheet: what we write as headers, and what we recognise.

Banks made by other systems and by hand spell headers many ways (`选项 A`, `选项A`, `A`,
`正确答案（必填）`, `Option A`); `column_for` reads them all, in Chinese or English whatever the
course's language. Question types and scoring rules are recognised the same way.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass(frozen=True, order=True)
class Column:
    """One kind of column; option and feedback columns carry their option's letter."""

    kind: str
    letter: str = ""


TYPE, PROMPT, ANSWER, EXPLANATION = (Column("type"), Column("prompt"), Column("answer"),
                                     Column("explanation"))
POINTS, DIFFICULTY, TOPIC = Column("points"), Column("difficulty"), Column("topic")
DRAW = Column("draw")  # how many of the row's pool (its 知识点) each paper draws
SCORING, PENALTY = Column("scoring"), Column("penalty")
FEEDBACK_TRUE, FEEDBACK_FALSE = Column("feedback_true"), Column("feedback_false")
QUIZ, ID, LESSON = Column("quiz"), Column("id"), Column("lesson")
# A question's `quality:`, the item checks it keeps on purpose and why.
QUALITY_ALLOW, QUALITY_REASON = Column("quality_allow"), Column("quality_reason")


def option(letter: str) -> Column:
    return Column("option", letter)


def feedback(letter: str) -> Column:
    return Column("feedback", letter)


def header(column: Column, t: dict[str, str]) -> str:
    """The header we write for a column, in the course's language."""
    return t[f"col_{column.kind}"].format(letter=column.letter)


_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]|【[^】]*】")
_IGNORED = re.compile(r"[\s_\-*“”\"'‘’「」『』:：]")


def squash(text: object) -> str:
    """A header or keyword reduced for comparison: width, case, spaces, quotes and `_-*` gone."""
    folded = unicodedata.normalize("NFKC", str(text)).lower()
    return _IGNORED.sub("", folded)


_NAMES = {
    TYPE: "题型 题目类型 试题类型 类型 type questiontype",
    PROMPT: "题干 题目 题目内容 试题内容 试题题干 题干内容 问题 试题 question questiontext stem "
            "prompt",
    ANSWER: "正确答案 答案 标准答案 参考答案 正确选项 answer answers correctanswer "
            "correctanswers key",
    EXPLANATION: "解析 答案解析 试题解析 题目解析 答题解析 解析说明 解释 explanation analysis "
                 "rationale generalfeedback",
    POINTS: "分值 分数 试题分数 试题分值 题目分值 points point score marks mark",
    DIFFICULTY: "难度 难易度 难易程度 试题难度 题目难度 difficulty level",
    TOPIC: "知识点 考点 知识点名称 所属知识点 topic knowledgepoint tag tags category",
    DRAW: "抽题数 每组抽题数 抽题数量 抽取题数 抽题 drawnperpaper drawn drawcount draw",
    SCORING: "评分方式 评分规则 计分方式 scoring",
    PENALTY: "错选扣分 wrongpickpenalty penalty",
    FEEDBACK_TRUE: "选正确的反馈 选正确时的反馈 答正确的反馈 feedbackiftrue feedbacktrue "
                   "truefeedback",
    FEEDBACK_FALSE: "选错误的反馈 选错误时的反馈 答错误的反馈 feedbackiffalse feedbackfalse "
                    "falsefeedback",
    QUIZ: "测验 所属测验 quiz",
    ID: "题目id 试题id questionid id",
    LESSON: "课文 课文链接 lesson",
    QUALITY_ALLOW: "检查豁免 质量检查豁免 允许的检查 checksallowed qualityallow",
    QUALITY_REASON: "豁免理由 豁免原因 whyallowed qualityreason",
}
_BY_NAME = {name: column for column, names in _NAMES.items() for name in names.split()}
_OPTION = re.compile(r"^(?:选项|答案|option|choice)?([a-z])(?:选项)?$")
_FEEDBACK = re.compile(r"^(?:(?:选项)?([a-z])(?:选项)?的?反馈|反馈([a-z])|feedback([a-z])|"
                       r"(?:option)?([a-z])feedback)$")


def column_for(header_text: object) -> Column | None:
    """The column a header names, or None when it is not one we know."""
    raw = squash(header_text)
    # A letter in brackets is the option's letter (`选项(A)`); other brackets are notes
    # (`（必填）`).
    raw = re.sub(r"[(\[【]([a-z])[)\]】]", r"\1", raw)
    name = _BRACKETED.sub("", raw)
    if not name:
        return None
    if name in _BY_NAME:
        return _BY_NAME[name]
    match = _OPTION.match(name)
    if match:
        return option(match.group(1).upper())
    match = _FEEDBACK.match(name)
    if match:
        return feedback(next(g for g in match.groups() if g).upper())
    return None


# Question types, as a 题型 cell or a sheet name may give them.
SINGLE, MULTIPLE, TRUE_FALSE, ORDERING, SCENARIO = ("single", "multiple", "true_false",
                                                   "ordering", "scenario")
IMPORTABLE = (SINGLE, MULTIPLE, TRUE_FALSE, ORDERING)
_TYPES = {
    SINGLE: "单选题 单选 单项选择题 单项选择 单选择题 singlechoice single singleanswer",
    MULTIPLE: "多选题 多选 多项选择题 多项选择 不定项选择题 不定项选择 不定项 "
              "multiplechoice multiple multi multipleanswer multipleresponse",
    TRUE_FALSE: "判断题 判断 是非题 对错题 trueorfalse truefalse true/false tf judgement judgment",
    ORDERING: "排序题 排序 ordering putinorder order sequence sequencing",
    SCENARIO: "情景对话 情景题 情景 情境题 情境 对话题 scenario scenarios conversation "
              "conversations",
}
_TYPE_BY_NAME = {name: kind for kind, names in _TYPES.items() for name in names.split()}
# Types other platforms have and the course does not: named so the message can say so.
OTHER_TYPES = frozenset(
    "填空题 填空 问答题 简答题 论述题 主观题 案例分析题 案例题 计算题 组合题 "
    "完形填空 阅读理解 匹配题 连线题 "
    "essay shortanswer fillintheblank fillintheblanks matching numerical cloze".split())


def question_type(text: object) -> str | None:
    """single, multiple, true_false, ordering or scenario; None when not a type we know."""
    return _TYPE_BY_NAME.get(_BRACKETED.sub("", squash(text)))


def is_other_type(text: object) -> bool:
    return _BRACKETED.sub("", squash(text)) in OTHER_TYPES


_SCORING = {
    MULTIPLE: {"all_or_nothing": "全对才得分 全对得分 全部选对才得分 allornothing",
               "partial": "部分得分 按比例得分 按比例 partial"},
    ORDERING: {"all_or_nothing": "全对才得分 全对得分 allornothing",
               "position": "按位置 按位置得分 position byposition",
               "adjacent_pairs": "按相邻顺序 相邻顺序 adjacentpairs byneighbouringpairs "
                                 "byneighboringpairs"},
}


def scoring_rule(kind: str, text: object) -> str | None:
    """The scoring rule a 评分方式 cell names for a question type, or None."""
    name = squash(text)
    for rule, names in _SCORING[kind].items():
        if name in names.split():
            return rule
    return None
