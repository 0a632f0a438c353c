"""generator.checks.quizzes (through `course check`): every rejection issue 3 lists, with its
exact message and line."""

import datetime

import pytest

from coursefolder import dedent, make_course
from generator.checks import checked
from generator.errors import AuthorError
from generator.loading import load_course
from helpers import run_course

TODAY = datetime.date(2026, 11, 26)

HEAD = """\
id: rules-practice
title: 练习
section: rules
questions:
"""


def problems(root, questions: str, head: str = HEAD) -> list[str]:
    make_course(root, quizzes={"rules-practice": head + dedent(questions)})
    with pytest.raises(AuthorError) as caught:
        checked(load_course(root / "content", root / "quizzes"), today=TODAY)
    return [str(p) for p in caught.value.problems]


def test_single_choice_with_no_correct_option(here):
    assert problems(here, """
          - id: q1
            type: single
            prompt: 选哪个
            options:
              - id: a
                text: 甲
              - id: b
                text: 乙
        """) == ["quizzes/rules-practice.yml:9:5: single-choice question 'q1' has 0 correct "
                 "options — mark exactly one option `correct: true`, or make it `type: multiple`"]


def test_single_choice_with_two_correct_options(here):
    assert problems(here, """
          - id: q1
            type: single
            prompt: 选哪个
            options:
              - id: a
                text: 甲
                correct: true
              - id: b
                text: 乙
                correct: true
        """) == ["quizzes/rules-practice.yml:9:5: single-choice question 'q1' has 2 correct "
                 "options — mark exactly one option `correct: true`, or make it `type: multiple`"]


def test_multiple_choice_without_a_scoring_rule(here):
    assert problems(here, """
          - id: q1
            type: multiple
            prompt: 选哪些
            options:
              - id: a
                text: 甲
                correct: true
              - id: b
                text: 乙
        """) == ["quizzes/rules-practice.yml:5:3: missing required key 'scoring' — add "
                 "`scoring:` here with one of: all_or_nothing, partial"]


@pytest.mark.parametrize("mark", ["1.5", "-0.1"])
def test_pass_mark_outside_zero_to_one(here, mark):
    head = HEAD.replace("questions:", f"pass_mark: {mark}\nquestions:")
    assert problems(here, """
          - id: q1
            type: true_false
            prompt: 对吗
            answer: true
        """, head=head) == [f"quizzes/rules-practice.yml:4:12: pass_mark must be between 0 and "
                            f"1, got {mark} — write a share of the points, e.g. 0.8 for 80%"]


def test_duplicate_question_ids(here):
    assert problems(here, """
          - id: q1
            type: true_false
            prompt: 对吗
            answer: true
          - id: q1
            type: true_false
            prompt: 还对吗
            answer: false
        """) == ["quizzes/rules-practice.yml:9:7: duplicate question id 'q1' (first used on "
                 "line 5) — ids must be unique; rename one of them"]


def test_duplicate_option_ids(here):
    assert problems(here, """
          - id: q1
            type: single
            prompt: 选哪个
            options:
              - id: a
                text: 甲
                correct: true
              - id: a
                text: 乙
        """) == ["quizzes/rules-practice.yml:12:11: duplicate option id 'a' (first used on "
                 "line 9) — ids must be unique; rename one of them"]


SCENARIO = """
  - id: chat
    type: scenario
    prompt: 买家来问
    nodes:
      - id: start
        customer: 你好
        choices:
          - id: help
            text: 您好，请讲
            next: {first_next}
            points: 1
          - id: rude
            text: 有事吗
            next: angry-end
      - id: middle
        customer: 我要退货
        choices:
          - id: agree
            text: 好的
            next: {middle_next}
            points: 2
      - id: thanks-end
        outcome: 满意
      - id: angry-end
        outcome: 投诉
"""


def scenario(**changes) -> str:
    values = {"first_next": "middle", "middle_next": "thanks-end", **changes}
    return SCENARIO.format(**values)


def test_a_valid_scenario_passes(here):
    make_course(here, quizzes={"rules-practice": HEAD + dedent(scenario())})
    loaded = checked(load_course(here / "content", here / "quizzes"), today=TODAY)
    assert [q.id for q in loaded.quizzes[0].quiz.questions] == ["chat"]


def test_scenario_choice_pointing_at_a_missing_node(here):
    assert problems(here, scenario(middle_next="thanks-ending")) == [
        "quizzes/rules-practice.yml:24:17: choice 'agree' leads to missing node 'thanks-ending' — "
        "use one of: start, middle, thanks-end, angry-end"]


def test_scenario_with_an_unreachable_node(here):
    assert problems(here, scenario(first_next="thanks-end")) == [
        "quizzes/rules-practice.yml:19:11: node 'middle' cannot be reached from the start — "
        "lead a choice to it, or remove it"]


def test_scenario_with_a_cycle(here):
    assert problems(here, scenario(middle_next="start")) == [
        "quizzes/rules-practice.yml:24:17: choice 'agree' leads back to 'start', making a loop "
        "— conversations must move forward; lead it to a new node",
        # With the loop, nothing leads to the good ending any more.
        "quizzes/rules-practice.yml:26:11: node 'thanks-end' cannot be reached from the start — "
        "lead a choice to it, or remove it"]


def test_scenario_path_with_no_ending(here):
    text = scenario().replace("      - id: thanks-end\n        outcome: 满意\n",
                              "      - id: thanks-end\n        customer: 然后呢？\n")
    assert problems(here, text) == [
        "quizzes/rules-practice.yml:26:7: node 'thanks-end' has no choices and no outcome, so the "
        "conversation stops without an ending — add `choices:` or an `outcome:` for this ending"]


def test_course_check_reports_every_quiz_problem_and_exits_1(here):
    questions = dedent("""
      - id: q1
        type: single
        prompt: 选哪个
        options:
          - id: a
            text: 甲
          - id: b
            text: 乙
    """) + dedent(scenario(middle_next="nowhere"))
    make_course(here, quizzes={"rules-practice": HEAD + questions})
    result = run_course("check", "--today", "2026-11-26", cwd=here)
    assert result.returncode == 1
    no_lesson = ("has no lesson link — add `lesson: lesson-id#heading` where this is taught, "
                 "so the explanation and the report can send a learner there")
    assert result.stderr.splitlines() == [  # errors, and the item checks' warnings among them
        f"quizzes/rules-practice.yml:5:3: warning: no-lesson: question 'q1' {no_lesson}",
        "quizzes/rules-practice.yml:9:5: single-choice question 'q1' has 0 correct options — "
        "mark exactly one option `correct: true`, or make it `type: multiple`",
        f"quizzes/rules-practice.yml:13:3: warning: no-lesson: question 'chat' {no_lesson}",
        "quizzes/rules-practice.yml:32:17: choice 'agree' leads to missing node 'nowhere' — "
        "use one of: start, middle, thanks-end, angry-end",
        "course check: 2 errors in 1 file",
    ]
    assert "Traceback" not in result.stderr


# Pools and draws (a learner's paper drawn from pools) and exam settings

POOL_HEAD = """\
id: rules-practice
title: 考核
section: rules
mode: assessment
draw:
  - pool: rules
    count: 3
questions:
"""

TF = """
  - id: {id}
    type: true_false
    prompt: 说法{id}
    answer: true
    pool: {pool}
"""


def test_draw_larger_than_its_pool(here):
    questions = TF.format(id="q1", pool="rules") + TF.format(id="q2", pool="rules")
    assert problems(here, questions, POOL_HEAD) == [
        "quizzes/rules-practice.yml:7:12: draw of 3 from pool 'rules', which has only 2 "
        "questions — draw at most 2, or add questions to the pool"]


def test_question_in_no_pool_and_pool_not_drawn(here):
    questions = (TF.format(id="q1", pool="rules") + TF.format(id="q2", pool="rules")
                 + TF.format(id="q3", pool="rules") + TF.format(id="q4", pool="other")
                 + TF.format(id="q5", pool="rules").replace("    pool: rules\n", ""))
    assert problems(here, questions, POOL_HEAD) == [
        "quizzes/rules-practice.yml:31:9: pool 'other' is not drawn, so no learner would get "
        "this question — add it to `draw:`, or use one of: rules",
        "quizzes/rules-practice.yml:33:3: question 'q5' is in no pool, so no learner would get "
        "it — add `pool:` naming one of: rules"]


def test_pool_without_draw_and_exam_on_a_practice_quiz(here):
    head = HEAD.replace("questions:\n", "exam:\n  time_limit: 30\nquestions:\n")
    assert problems(here, TF.format(id="q1", pool="rules"), head) == [
        "quizzes/rules-practice.yml:4:1: exam settings apply to assessment quizzes only — add "
        "`mode: assessment`, or remove `exam:`",
        "quizzes/rules-practice.yml:7:1: questions name a `pool:` but the quiz has no `draw:` — "
        "add draw: [{pool: NAME, count: N}, …], or remove the questions' pool: lines"]


def test_draw_of_an_empty_pool_and_a_pool_drawn_twice(here):
    head = POOL_HEAD.replace("questions:\n", "  - pool: empty\n    count: 1\n  - pool: rules\n"
                                             "    count: 1\nquestions:\n")
    questions = "".join(TF.format(id=f"q{i}", pool="rules") for i in range(3))
    assert problems(here, questions, head) == [
        "quizzes/rules-practice.yml:8:11: no question is in pool 'empty' — give questions "
        "`pool: empty`, or draw one of: rules",
        "quizzes/rules-practice.yml:10:11: pool 'rules' is drawn twice (also draw[0]) — draw "
        "each pool once, with the total count"]


GREEDY = """\
  - id: greedy
    type: scenario
    prompt: 买家来问。
    nodes:
      - id: open
        customer: 能退吗？
        choices:
          - id: quick
            text: 先退了吧
            next: over
            points: 3
          - id: patient
            text: 先看看订单
            next: second
            points: 1
      - id: second
        customer: 好的。
        choices:
          - id: finish
            text: 按规则处理
            next: over
            points: 3
      - id: over
        outcome: 结束
"""
OUTSCORED = ("choice 'quick' (3 points) outscores the best path's 'patient' (1) at step 'open'; "
             "on an assessment page each step is scored on its own, so picking the most points "
             "at every step would beat the best path")
OUTSCORED_FIX = ("give 'patient' the most points at this step, or fewer to 'quick' (its ending "
                 "can still differ)")


def test_a_reply_off_the_best_path_that_outscores_it_is_an_error_in_an_assessment(here):
    head = HEAD.replace("section: rules\n", "section: rules\nmode: assessment\n")
    make_course(here, quizzes={"rules-practice": head + GREEDY})
    with pytest.raises(AuthorError) as caught:
        checked(load_course(here / "content", here / "quizzes"), today=TODAY)
    assert [str(p) for p in caught.value.problems] == [
        f"quizzes/rules-practice.yml:16:21: {OUTSCORED} — {OUTSCORED_FIX}"]


def test_and_a_warning_in_a_practice_quiz_which_is_linear_only_when_built_for_assessment(here):
    make_course(here, quizzes={"rules-practice": HEAD + GREEDY})
    loaded = checked(load_course(here / "content", here / "quizzes"), today=TODAY)
    assert [str(w) for w in loaded.warnings if "outscores" in str(w)] == [
        f"quizzes/rules-practice.yml:15:21: warning: {OUTSCORED} (when built with --assessment) "
        f"— {OUTSCORED_FIX}"]
