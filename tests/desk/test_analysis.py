"""generator.desk.analysis: facility, discrimination, option counts, endings, flags."""

from __future__ import annotations

import pytest

from answerkit import fixture_quiz
from desktools import stored
from generator.desk.analysis import _endings, analyse_quiz, discrimination_index
from generator.scoring import QuestionResult

PRACTICE = fixture_quiz("practice")


def cohort():
    """Ten learners: learner i gets i // 2 of the four plain questions right (the rest of the
    quiz ranks them 0..9), answers pick-one right only in the lower half, and ends the
    conversation in one of its endings."""
    wrong_picks = ["refuse", "refuse", "refuse", "ignore", "ignore"]
    endings = [("happy", 1.0, ["yes", "explain"]), ("confused", 0.5, ["yes", "dodge"]),
               ("angry", 0.0, ["no"]), ("asked", 0.5, ["yes"])]
    attempts = []
    for i in range(10):
        right = i // 2
        end, fraction, path = endings[i % 4] if i < 8 else endings[0]
        questions = [
            ("pick-one", 1 if i < 5 else 0, 1, ["approve"] if i < 5 else [wrong_picks[i - 5]],
             None),
            ("evidence", 1 if right > 0 else 0, 1, ["video", "chat"] if right > 0 else ["memory"],
             None),
            ("all-tags", 0, 1, ["seven", "fresh"], None),  # nobody gets it right
            ("opened-ok", 1 if right > 1 else 0, 1, ["false" if right > 1 else "true"], None),
            ("steps", 1 if right > 2 else 0, 1, ["check", "agree", "inspect", "refund"], None),
            ("chat-flow", fraction, 1, path, end),
        ]
        attempts.append(stored(i + 1, f"learner{i}", "practice", questions, pass_mark=0.6))
    return attempts


@pytest.fixture(scope="module")
def stats():
    return analyse_quiz(PRACTICE, cohort())


def by_id(stats, question_id):
    return next(q for q in stats.questions if q.id == question_id)


def test_quiz_summary(stats):
    assert (stats.id, stats.title, stats.learners, stats.pass_mark) == ("practice", "基础练习",
                                                                         10, 0.6)
    assert stats.passed == sum(1 for a in cohort() if a.passed)
    assert stats.mean_score == pytest.approx(sum(a.score for a in cohort()) / 10)
    assert sum(stats.histogram) == 10 and len(stats.histogram) == 10


def test_histogram_bins_by_percent_with_100_in_the_top_bin():
    attempts = [stored(1, "a", "practice", [("pick-one", 1, 1, (), None)]),
                stored(2, "b", "practice", [("pick-one", 0, 1, (), None)]),
                stored(3, "c", "practice", [("pick-one", 1, 2, (), None)])]
    assert analyse_quiz(PRACTICE, attempts).histogram == (1, 0, 0, 0, 0, 1, 0, 0, 0, 1)


def test_facility_is_the_mean_fraction(stats):
    assert by_id(stats, "pick-one").facility == 0.5
    assert by_id(stats, "all-tags").facility == 0.0
    assert by_id(stats, "chat-flow").facility == pytest.approx((1 + .5 + 0 + .5) * 2 / 10 + .2)


def test_discrimination_compares_upper_and_lower_27_percent(stats):
    # g = round(0.27 × 10) = 3: learners 7-9 (top of the rest of the quiz) missed pick-one,
    # learners 0-2 got it: D = 0 - 1.
    assert by_id(stats, "pick-one").discrimination == -1.0
    assert by_id(stats, "all-tags").discrimination == 0.0
    # evidence (wrong only for learners 0 and 1): the rest of the quiz ranks learners 2, 1, 3
    # lowest (rest points 1, 1.5, 1.5; ties by attempt order) and 4, 8, 9 highest (3 each):
    # upper 3/3 right, lower 2/3 right.
    assert by_id(stats, "evidence").discrimination == pytest.approx(1 / 3)


def test_discrimination_needs_ten_attempts():
    few = cohort()[:9]
    assert all(q.discrimination is None for q in analyse_quiz(PRACTICE, few).questions)


def test_discrimination_index_on_plain_pairs():
    pairs = [(stored(i, f"l{i}", "q", [("x", x, 1, (), None), ("y", y, 1, (), None)]),
              stored(i, f"l{i}", "q", [("x", x, 1, (), None)]).questions[0])
             for i, (x, y) in enumerate([(0, 0), (0, 0), (1, 0), (1, 1), (1, 1)], 1)]
    # rest (question y): 0, 0, 0, 1, 1 → lower {1}, upper {5}: 1 - 0
    assert discrimination_index(pairs) == 1.0


def test_flags(stats):
    assert by_id(stats, "pick-one").flags == ("negative_discrimination",)
    assert by_id(stats, "all-tags").flags == ("low_facility",)
    assert by_id(stats, "opened-ok").flags == ()


def test_no_flags_below_five_attempts():
    assert all(not q.flags for q in analyse_quiz(PRACTICE, cohort()[:4]).questions)


def test_every_option_is_counted_with_its_key(stats):
    choices = by_id(stats, "pick-one").choices
    assert [(c.id, c.correct, c.count, c.share) for c in choices] == [
        ("approve", True, 5, 0.5), ("refuse", False, 3, 0.3), ("ignore", False, 2, 0.2)]
    assert [(c.id, c.correct, c.count) for c in by_id(stats, "opened-ok").choices] == [
        ("true", False, 4), ("false", True, 6)]
    assert by_id(stats, "steps").choices == ()


def test_scenario_endings_reached(stats):
    endings = by_id(stats, "chat-flow").endings
    assert [(e.node, e.count, e.mean_fraction) for e in endings] == [
        ("happy", 4, 1.0), ("confused", 2, 0.5), ("angry", 2, 0.0), ("", 2, 0.5)]
    assert endings[0].outcome == "买家满意地退了货。"


def test_linear_conversations_reach_no_ending_and_get_no_endings_chart():
    # An assessment page's conversation (scoring, linear=True) ends at no authored ending.
    question = next(q for q in PRACTICE.questions if q.id == "chat-flow")
    linear = QuestionResult("chat-flow", 1.0, 1.0, "correct", ("x",), None)
    assert _endings(question, [linear, linear]) == ()


def test_statuses_are_counted(stats):
    assert by_id(stats, "pick-one").statuses == {"correct": 5, "partial": 0, "wrong": 5,
                                                 "unanswered": 0}


def test_a_question_left_out_of_some_attempts_counts_only_where_scored():
    attempts = cohort()
    first = attempts[0]
    trimmed = type(first)(**{**first.__dict__, "questions": first.questions[1:]})
    stats = analyse_quiz(PRACTICE, [trimmed] + attempts[1:])
    assert by_id(stats, "pick-one").scored == 9
    assert by_id(stats, "evidence").scored == 10


def test_a_quiz_nobody_took():
    stats = analyse_quiz(PRACTICE, [])
    assert (stats.learners, stats.pass_rate, stats.mean_score) == (0, None, None)
    assert all(q.facility is None and not q.flags for q in stats.questions)


def test_lessons_are_the_lesson_id_without_the_anchor(stats):
    assert by_id(stats, "pick-one").lesson == "refunds"
    assert by_id(stats, "all-tags").lesson is None


def test_drawn_papers_count_each_question_over_the_learners_who_drew_it():
    from quizhelpers import make_quiz, true_false

    quiz = make_quiz(*(true_false(qid=q, pool="p") for q in "abc"),
                     draw=[{"pool": "p", "count": 2}])
    # Twelve learners, papers of two: four drew a+b, four a+c, four b+c. On each paper the
    # learner gets the first question right when n is even; the second right for n < 2.
    papers = {0: "ab", 1: "ac", 2: "bc"}
    attempts = []
    for n in range(12):
        first, second = papers[n // 4]
        attempts.append(stored(n + 1, f"l{n}", "q", [(first, int(n % 2 == 0), 1, [], None),
                                                      (second, int(n % 4 < 2), 1, [], None)]))
    stats = analyse_quiz(quiz, attempts)
    # a: drawn by learners 0-7, right for 0, 2, 4, 6 → 8 scored, facility 0.5.
    # b: first on 0-3 (right 0, 2), second on 8-11 (right 8, 9) → 8 scored, facility 0.5.
    # c: second on 4-7 (right 4, 5), second on 8-11 (right 8, 9) → 8 scored, facility 0.5.
    assert [(q.id, q.scored, q.facility) for q in stats.questions] == [
        ("a", 8, 0.5), ("b", 8, 0.5), ("c", 8, 0.5)]
    assert all(q.discrimination is None for q in stats.questions)  # 8 < 10 drew each
    assert stats.reliability.drawn and stats.reliability.paper == 2
