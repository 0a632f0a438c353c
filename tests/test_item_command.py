"""`course items`: the table and the JSON, worked out by hand for two small quizzes."""

import json
import re

import pytest

from coursefolder import make_course
from helpers import run_course

PRACTICE = """\
id: rules-practice
title: 练习
section: rules
questions:
  - id: q1
    type: single
    prompt: 买家签收第 3 天申请无理由退货，商品完好，怎么办？
    lesson: refund-rules#完好的标准
    options:
      - id: approve
        text: 核对签收时间和订单标签后同意
        correct: true
      - id: refuse
        text: 拒绝
      - id: wait
        text: 等买家再问一次再说
  - id: t1
    type: true_false
    prompt: 只要买家申请就必须同意
    answer: false
    lesson: refund-rules#完好的标准
"""

# By hand. q1: 3 options, key first and longest; t1: false, with absolute words.
# guessing (1/3 + 1/2) / 2 = 41.7% · longest: q1 right, t1 guessed (1 + 1/2) / 2 = 75% ·
# shortest: q1 wrong ('refuse'), t1 guessed (0 + 1/2) / 2 = 25% · first listed: as longest ·
# "false": (1/3 + 1) / 2 = 66.7% · "true": (1/3 + 0) / 2 = 16.7% · ordering strategies guess
# both: 41.7% · absolute words: q1 guessed (no option has one) and t1 ("false")
# right, (1/3 + 1) / 2 = 66.7% · longest + "false": 100%.
PRACTICE_TABLE = """\
rules-practice — 练习
  practice · pass mark 80% · 2 questions: 1 single, 1 true/false
  every learner answers all 2 questions

  strategy without knowledge                       score  against pass mark
  random guessing                                  41.7%  −38.3 points
  longest option, longer half, longest reply       75.0%  −5.0 points
  shortest option, shorter half, shortest reply    25.0%  −55.0 points
  first listed option and reply                    75.0%  −5.0 points
  always “false”                                   66.7%  −13.3 points
  always “true”                                    16.7%  −63.3 points
  steps in the listed order                        41.7%  −38.3 points
  steps in reverse listed order                    41.7%  −38.3 points
  avoid absolute words, trust hedges               66.7%  −13.3 points
  longest, “false”, listed order                  100.0%  PASSES

  key balance
    single choice: correct option listed A 1 (as printed and on the page); strictly the longest \
in 1 of 1
    true/false: 0 true, 1 false (0% true)

  flagged by the item checks: 2
    quizzes/rules-practice.yml:13:9: short-distractor: wrong option 'refuse' is 2 characters \
against the correct option's 14 (less than 33% of it)
    quizzes/rules-practice.yml:19:13: absolute-words: the statement is false and says “只要”, \
“必须”, while no true statement of this quiz uses an absolute word, so the word gives the answer \
away
"""


def drawn_quiz() -> str:
    statements = "".join(f"""\
  - id: r{n}
    type: true_false
    prompt: 规则{n}
    answer: {'true' if n < 2 else 'false'}
    pool: rules
    lesson: refund-rules#完好的标准
""" for n in range(4))
    singles = "".join(f"""\
  - id: c{n}
    type: single
    prompt: 沟通{n}
    pool: talk
    lesson: refund-rules#完好的标准
    options:
      - id: a
        text: 先核对签收时间
        correct: true
      - id: b
        text: 直接拒绝退货
""" for n in range(2))
    return ("id: final\ntitle: 考核\nmode: assessment\npass_mark: 0.6\ndraw:\n  - pool: rules\n"
            "    count: 2\n  - pool: talk\n    count: 1\nquestions:\n" + statements + singles)


def test_the_table_of_a_quiz_without_a_draw(here):
    make_course(here, quizzes={"rules-practice": PRACTICE})
    result = run_course("items", cwd=here)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == PRACTICE_TABLE


# By hand. A paper: 2 of the 4 statements (r0, r1 true; r2, r3 false) and one of two identical
# single-choice questions (2 options, the key the longer). 1/6 of the pairs are both true, 1/6
# both false, 4/6 mixed. "false": 0, 2 or 1 statements right + a guess (1/2) on the single:
# 16.7%, 83.3% or 50% of 3 points; its mean over the 200 simulated papers is near 50%, its
# highest 83.3%, above the pass mark of 60%. longest + "false": 33.3%, 100% or 66.7%.
def test_a_drawn_quiz_is_scored_over_simulated_papers(here):
    make_course(here, quizzes={"final": drawn_quiz()})
    result = run_course("items", "final", cwd=here)
    lines = result.stdout.splitlines()
    assert lines[:4] == [
        "final — 考核",
        "  assessment · pass mark 60% · 6 questions: 2 single, 4 true/false",
        "  each paper: 3 questions (2 of 4 from rules, 1 of 2 from talk); scores over 200 "
        "simulated papers",
        ""]
    table = lines[5:lines.index("", 5)]  # the strategies, one a line: label, then numbers
    rows = {label: numbers.split() for label, numbers in
            (re.split(r"\s{2,}", line.strip(), maxsplit=1) for line in table)}
    assert len(rows) == 10
    assert rows["random guessing"] == ["50.0%", "50.0%", "50.0%", "0", "of", "200", "−10.0",
                                       "points"]
    assert rows["longest option, longer half, longest reply"][:3] == ["66.7%"] * 3
    assert rows["always “false”"][1:3] == ["16.7%", "83.3%"]
    assert rows["always “false”"][-1] == "PASSES"  # on its best paper
    assert rows["longest, “false”, listed order"][1:3] == ["33.3%", "100.0%"]


def test_json_has_every_number_of_the_table(here):
    make_course(here, quizzes={"final": drawn_quiz(), "rules-practice": PRACTICE})
    data = json.loads(run_course("items", "--json", cwd=here).stdout)
    assert [q["quiz"] for q in data["quizzes"]] == ["rules-practice", "final"]
    practice, final = data["quizzes"]
    assert practice["papers"] == 1 and practice["draw"] == []
    scores = {s["name"]: s for s in practice["strategies"]}
    assert scores["guess"]["mean"] == pytest.approx(5 / 12)
    assert scores["false"] == {"name": "false", "label": "always “false”",
                               "mean": pytest.approx(2 / 3), "lowest": pytest.approx(2 / 3),
                               "highest": pytest.approx(2 / 3), "passing_papers": 0}
    assert practice["balance"] == {"positions": {"A": 1}, "singles": 1, "longest_keys": 1,
                                   "true_answers": 0, "false_answers": 1, "scenarios": 0,
                                   "longest_best": 0}
    assert [(f["check"], f["where"], f["questions"]) for f in practice["flagged"]] == [
        ("short-distractor", "quizzes/rules-practice.yml:13:9", ["q1"]),
        ("absolute-words", "quizzes/rules-practice.yml:19:13", ["t1"])]
    assert final["draw"] == [{"pool": "rules", "count": 2, "size": 4},
                             {"pool": "talk", "count": 1, "size": 2}]
    assert (final["paper_questions"], final["papers"]) == (3, 200)
    guess = next(s for s in final["strategies"] if s["name"] == "guess")
    assert guess["lowest"] == guess["highest"] == pytest.approx(0.5)


def test_an_unknown_quiz_names_the_known_ones(here):
    make_course(here, quizzes={"rules-practice": PRACTICE})
    result = run_course("items", "final", cwd=here)
    assert result.returncode == 2
    assert result.stderr == "course items: no quiz 'final'; use one of: rules-practice\n"


def test_a_course_with_errors_reports_them_instead(here):
    make_course(here, quizzes={"rules-practice": PRACTICE.replace("answer: false", "answer: no")})
    result = run_course("items", cwd=here)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "quizzes/rules-practice.yml:20:13: 'answer' must be true or false, got the text 'no' — "
        "write true or false",
        "course check: 1 error in 1 file"]


def test_a_quiz_of_one_question_is_counted_in_the_singular(here):
    one = PRACTICE.split("  - id: t1")[0]
    make_course(here, quizzes={"rules-practice": one})
    result = run_course("items", cwd=here)
    assert result.stdout.splitlines()[1:3] == [
        "  practice · pass mark 80% · 1 question: 1 single",
        "  every learner answers the one question"]
