"""generator.desk.reliability: KR-20, Cronbach's alpha, drawn papers and the SEM, on data small
enough to work out by hand (the working is in each test)."""

from __future__ import annotations

import datetime
import math
import re

import pytest

from desktools import stored
from generator.desk.analysis import analyse_quiz
from generator.desk.reliability import MIN_LEARNERS, coefficient, is_right_or_wrong, reliability
from generator.desk.report import ReportInput, learner_rows, render_report
from quizhelpers import make_quiz, multiple, ordering, scenario, single, true_false


def attempts(rows: list[list[float]], questions: list[str]) -> list:
    return [stored(n + 1, f"l{n}", "q", [(qid, points, 1, [], None)
                                          for qid, points in zip(questions, row)
                                          if points is not None])
            for n, row in enumerate(rows)]


def scores(rows, questions="abcdefgh"):
    return [{q: p for q, p in zip(questions, row) if p is not None} for row in rows]


def test_kr20_textbook_example():
    # Five learners, four right-or-wrong questions:
    #   learner  a b c d  total
    #   1        1 1 0 1  3
    #   2        1 0 1 1  3
    #   3        0 1 0 0  1
    #   4        1 1 1 1  4
    #   5        0 0 0 1  1
    # p = 3/5, 3/5, 2/5, 4/5; Σpq = 6/25 + 6/25 + 6/25 + 4/25 = 22/25 = 0.88.
    # Totals 3, 3, 1, 4, 1: mean 2.4, variance (0.36 + 0.36 + 1.96 + 2.56 + 1.96) / 5 = 1.44.
    # KR-20 = 4/3 × (1 − 0.88 / 1.44) = 4/3 × 7/18 = 14/27 ≈ 0.519.
    rows = [[1, 1, 0, 1], [1, 0, 1, 1], [0, 1, 0, 0], [1, 1, 1, 1], [0, 0, 0, 1]]
    assert coefficient(scores(rows)) == pytest.approx(14 / 27)


def test_kr20_of_a_perfect_ladder():
    # Learner n gets the first n of five questions right (n = 5 … 0): p = 5/6 … 1/6,
    # Σpq = (5 + 8 + 9 + 8 + 5) / 36 = 35/36; totals 5 … 0 have variance 17.5 / 6 = 35/12.
    # KR-20 = 5/4 × (1 − (35/36) / (35/12)) = 5/4 × 2/3 = 5/6.
    rows = [[1] * n + [0] * (5 - n) for n in range(5, -1, -1)]
    assert coefficient(scores(rows)) == pytest.approx(5 / 6)


def test_cronbach_alpha_with_partial_credit():
    # Four learners, three questions scored in halves:
    #   a: 1, .5, 0, 1    sample variance 0.6875 / 3
    #   b: .5, .5, 0, 1   sample variance 0.5 / 3
    #   c: 1, 0, .5, 1    sample variance 0.6875 / 3      Σ = 1.875 / 3 = 0.625
    # Totals 2.5, 1, .5, 3: sample variance 4.25 / 3.
    # alpha = 3/2 × (1 − 0.625 / (4.25 / 3)) = 3/2 × (1 − 15/34) = 57/68 ≈ 0.838.
    rows = [[1, .5, 1], [.5, .5, 0], [0, 0, .5], [1, 1, 1]]
    assert coefficient(scores(rows)) == pytest.approx(57 / 68)


def test_questions_weigh_their_points():
    # Doubling one question's points changes its weight in the total, as in the learner's score.
    rows = [[1, .5, 1], [.5, .5, 0], [0, 0, .5], [1, 1, 1]]
    doubled = [[2 * a, b, c] for a, b, c in rows]
    assert coefficient(scores(doubled)) != pytest.approx(57 / 68)
    # By hand: variances 4 × 0.6875 / 3, 0.5 / 3, 0.6875 / 3 (Σ 3.9375 / 3); totals 3.5, 1.5,
    # .5, 4 have sample variance 8.1875 / 3; alpha = 3/2 × (1 − 3.9375 / 8.1875) = 0.7786…
    assert coefficient(scores(doubled)) == pytest.approx(1.5 * (1 - 3.9375 / 8.1875))


def test_drawn_papers_relate_questions_over_the_learners_who_drew_both():
    # Three questions, papers of two. Learners 1-2 drew a and b, 3-4 a and c, 5-6 b and c.
    #   a: 1, 0, 1, 0   b: 1, 0, 1, 0   c: 1, 1, 0, 0   (each: sum of squares 1, 3 degrees)
    #   v̄ = 3 / 9 = 1/3
    #   a·b over learners 1-2: (1, 0)·(1, 0): cross-products 0.25 + 0.25 = 0.5, 1 degree
    #   a·c over 3-4: c is 1, 1: 0;   b·c over 5-6: c is 0, 0: 0       c̄ = 0.5 / 3 = 1/6
    #   m = 2: reliability = 2 × 1/6 / (1/3 + 1/6) = 2/3
    rows = [[1, 1, None], [0, 0, None], [1, None, 1], [0, None, 1], [None, 1, 0],
            [None, 0, 0]]
    assert coefficient(scores(rows)) == pytest.approx(2 / 3)


def test_complete_data_through_the_pairwise_formula_is_cronbach_alpha():
    rows = [[1, .5, 1, 0], [.5, .5, 0, 1], [0, 0, .5, 0], [1, 1, 1, 1], [.5, 0, 1, .5]]
    k = 4
    columns = list(zip(*rows))

    def variance(xs):
        mean = sum(xs) / len(xs)
        return sum((x - mean) ** 2 for x in xs) / (len(xs) - 1)

    alpha = k / (k - 1) * (1 - sum(variance(c) for c in columns)
                           / variance([sum(r) for r in rows]))
    assert coefficient(scores(rows)) == pytest.approx(alpha)


@pytest.mark.parametrize("rows", [
    [[1, 1], [1, 1], [1, 1]],  # nobody's scores differ
    [[1, 0, 1]],  # one learner
    [[1], [0], [1]],  # one question
])
def test_what_cannot_be_computed_is_none(rows):
    assert coefficient(scores(rows)) is None


def test_the_sem_is_the_spread_of_scores_times_the_root_of_one_minus_reliability():
    quiz = make_quiz(*(true_false(qid=q) for q in "abcd"))
    rows = [[1, 1, 0, 1], [1, 0, 1, 1], [0, 1, 0, 0], [1, 1, 1, 1], [0, 0, 0, 1]]
    found = reliability(quiz, attempts(rows, list("abcd")))
    # Scores 3/4, 3/4, 1/4, 1, 1/4: sample SD √(7.2 / 4) / 4; × √(1 − 14/27).
    assert (found.kind, found.learners, found.drawn) == ("KR-20", 5, False)
    assert found.value == pytest.approx(14 / 27)
    assert found.sem == pytest.approx(math.sqrt(1.8) / 4 * math.sqrt(13 / 27))
    assert found.paper == 4


def test_no_sem_for_a_negative_reliability():
    quiz = make_quiz(*(true_false(qid=q) for q in "ab"))
    found = reliability(quiz, attempts([[1, 0], [0, 1], [1, 0], [0, 1], [1, 1]], ["a", "b"]))
    assert found.value < 0 and found.sem is None


def test_kr20_only_for_right_or_wrong_questions_of_one_weight():
    assert is_right_or_wrong(make_quiz(single(), true_false(),
                                       multiple(scoring="all_or_nothing"),
                                       ordering(scoring="all_or_nothing")))
    assert not is_right_or_wrong(make_quiz(single(), multiple(scoring="partial")))
    assert not is_right_or_wrong(make_quiz(single(), ordering(scoring="position")))
    assert not is_right_or_wrong(make_quiz(single(), scenario()))
    assert not is_right_or_wrong(make_quiz(single(), true_false(points=2)))


def test_a_drawn_quiz_says_so_and_gives_its_paper_length():
    questions = [true_false(qid=q, pool="p") for q in "abc"]
    quiz = make_quiz(*questions, draw=[{"pool": "p", "count": 2}])
    rows = [[1, 1, None], [0, 0, None], [1, None, 1], [0, None, 1], [None, 1, 0],
            [None, 0, 0]]
    found = reliability(quiz, attempts(rows, list("abc")))
    assert (found.drawn, found.paper, found.value) == (True, 2, pytest.approx(2 / 3))


# In the report ---------------------------------------------------------------------------------

def report_for(rows: list[list[float]], language: str = "zh") -> str:
    quiz = make_quiz(*(true_false(qid=q) for q in "abcd"))
    cohort = attempts(rows, list("abcd"))
    return render_report(ReportInput("课程", language, datetime.date(2026, 11, 29), "best",
                                     len(cohort), [analyse_quiz(quiz, cohort)],
                                     learner_rows(cohort)))


KR20_ROWS = [[1, 1, 0, 1], [1, 0, 1, 1], [0, 1, 0, 0], [1, 1, 1, 1], [0, 0, 0, 1]]


def measures(page: str) -> str:
    return re.search(r'<div class="measures">(.*?)</div>\s*(?:<figure|<div class="flagged"|<p '
                     r'class="ok")', page, re.S).group(1)


def test_under_thirty_learners_the_report_says_too_few():
    block = measures(report_for(KR20_ROWS * 5 + KR20_ROWS[:4]))  # 29 learners
    assert "<dt>信度（KR-20）</dt><dd>不足 30 人，不计算</dd>" in block
    assert "<dt>测量标准误</dt><dd>不足 30 人，不计算</dd>" in block


def test_from_thirty_learners_the_report_shows_reliability_and_sem():
    block = measures(report_for(KR20_ROWS * 6))  # the textbook example, six times over
    # Six copies keep KR-20 at 14/27; scores 3/4, 3/4, 1/4, 1, 1/4 (×6) have sample variance
    # 0.09 × 30/29: SEM = √(0.09 × 30/29) × √(13/27) = 0.2117… → ±21.2 points.
    assert "<dt>信度（KR-20）</dt><dd>0.52</dd>" in block
    assert "<dt>测量标准误</dt><dd>±21.2 分</dd>" in block
    assert math.sqrt(0.09 * 30 / 29) * math.sqrt(13 / 27) == pytest.approx(0.2117, abs=1e-4)


def test_each_number_is_explained_in_one_sentence_with_its_minimum():
    block = measures(report_for(KR20_ROWS * 6))
    assert block.count("<li>") == 4
    assert ("<li><b>信度</b>（全部是对错题时为 KR-20，否则为 Cronbach α）："
            "整套题给学员排出的高低有多一致，接近 0 说明总分多半靠运气，"
            "考核测验 0.75 以上算好（不足 30 人时不计算）。</li>") in block
    assert "（作答不足 10 人时不计算）" in block and "（作答少于 5 人时不标记）" in block
    english = measures(report_for(KR20_ROWS * 6, "en"))
    assert "<dt>Reliability (KR-20)</dt><dd>0.52</dd>" in english
    assert "<dt>Standard error of measurement</dt><dd>±21.2 points</dd>" in english
    assert ("<li><b>Standard error of measurement</b>: about how far a learner's score could "
            "move on another paper of the same kind, so a score closer than this to the pass "
            f"mark is not a clear pass or fail (not computed under {MIN_LEARNERS} "
            "learners).</li>") in english
