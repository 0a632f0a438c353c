"""generator.checks.hints: option, scenario node and choice ids that give the answer away are
warnings, at the id, with a neutral id to use instead."""

from __future__ import annotations

from coursefolder import load_checked, make_course

QUIZ = """\
id: rules-practice
title: 练习
section: rules
questions:
  - id: best-reply
    type: single
    prompt: 怎么办？
    options:
      - id: correct-dates
        text: 核对日期
        correct: true
      - id: goods
        text: 看商品
      - id: bright-idea
        text: 想办法
  - id: chat
    type: scenario
    prompt: 买家来问。
    nodes:
      - id: start
        customer: 能退吗？
        choices:
          - id: best
            text: 能
            next: end-good
            points: 1
          - id: zuijia-huida
            text: 可以
            next: end-bad
          - id: cuo
            text: 不能
            next: wrong
      - id: wrong
        customer: 为什么？
        choices:
          - id: explain
            text: 解释
            next: end-good
      - id: end-good
        outcome: 满意
      - id: end-bad
        outcome: 投诉
"""


def warnings(here) -> list[str]:
    make_course(here, quizzes={"rules-practice": QUIZ})
    return [str(w) for w in load_checked(here).warnings]


def test_ids_that_hint_at_the_answer_are_warnings_with_a_neutral_id(here):
    why = "learners see ids on practice pages and in their answer files; use a neutral one such as"
    assert warnings(here) == [
        f"quizzes/rules-practice.yml:9:13: warning: option id 'correct-dates' hints at the answer "
        f"('correct') — {why} 'dates'",
        f"quizzes/rules-practice.yml:23:17: warning: choice id 'best' hints at the answer "
        f"('best') — {why} 'reply-1'",
        f"quizzes/rules-practice.yml:27:17: warning: choice id 'zuijia-huida' hints at the answer "
        f"('zuijia') — {why} 'huida'",
        f"quizzes/rules-practice.yml:30:17: warning: choice id 'cuo' hints at the answer ('cuo') "
        f"— {why} 'reply-3'",
        f"quizzes/rules-practice.yml:33:13: warning: node id 'wrong' hints at the answer "
        f"('wrong') — {why} 'step-2' (and the `next:` that lead to it)",
        f"quizzes/rules-practice.yml:39:13: warning: node id 'end-good' hints at the answer "
        f"('good') — {why} 'end-3' (and the `next:` that lead to it)",
        f"quizzes/rules-practice.yml:41:13: warning: node id 'end-bad' hints at the answer "
        f"('bad') — {why} 'end-4' (and the `next:` that lead to it)"]


def test_hint_words_count_only_as_whole_segments_and_questions_are_not_checked(here):
    found = "\n".join(warnings(here))
    for innocent in ("'goods'", "'bright-idea'", "'best-reply'", "'explain'", "'start'"):
        assert innocent not in found


def test_neutral_ids_give_no_warning_and_a_warning_never_fails_the_check(here):
    make_course(here, quizzes={"rules-practice": QUIZ.replace("end-good", "end-refunded")
                                                     .replace("end-bad", "end-complaint")})
    assert not any("end-" in str(w) for w in load_checked(here).warnings)
