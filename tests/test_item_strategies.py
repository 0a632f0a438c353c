"""generator.items.strategies and papers: what cue-following learners answer and score, on
whole quizzes and on papers drawn from pools."""

import pytest

from generator.items.papers import draw_paper, papers, simulation_seeds
from generator.items.strategies import (
    STRATEGIES,
    combined,
    listed_order,
    paper_score,
    question_values,
    reverse_listed_order,
)
from generator.shuffle import display_order, mulberry32
from quizhelpers import make_quiz

BY_NAME = {s.name: s for s in STRATEGIES}


def option(oid, text, correct=False):
    return {"id": oid, "text": text, "correct": correct}


QUIZ = make_quiz(
    # The key is the longest option: the longest-option learner gets it.
    {"id": "long", "type": "single", "prompt": "怎么办？", "options": [
        option("a", "拒绝"), option("b", "先核对签收时间再同意", True), option("c", "等等再说")]},
    # The key is short and listed first: the first-listed learner gets it, the longest does not.
    {"id": "short", "type": "single", "prompt": "怎么办？", "options": [
        option("a", "同意", True), option("b", "一律拒绝所有申请"), option("c", "不理")]},
    # Multiple choice, partial credit: the longer half is {b, d}, one right, one wrong.
    {"id": "many", "type": "multiple", "prompt": "哪些对？", "scoring": "partial", "options": [
        option("a", "核对", True), option("b", "核对订单标签", True), option("c", "拒绝"),
        option("d", "直接同意退款")]},
    {"id": "tf1", "type": "true_false", "prompt": "只要买家申请就必须同意", "answer": False},
    {"id": "tf2", "type": "true_false", "prompt": "一般先核对签收时间", "answer": True},
    {"id": "steps", "type": "ordering", "prompt": "排序", "scoring": "all_or_nothing",
     "items": [{"id": s, "text": s} for s in ("s1", "s2", "s3")]},
    {"id": "chat", "type": "scenario", "prompt": "对话", "nodes": [
        {"id": "start", "customer": "能退吗", "choices": [
            {"id": "check", "text": "您好，我先核对签收时间", "next": "end", "points": 2},
            {"id": "no", "text": "不能退", "next": "end"}]},
        {"id": "end", "outcome": "结束"}]},
)


def test_random_guessing_is_the_exact_expectation_everywhere():
    values = question_values(QUIZ, BY_NAME["guess"])
    # many: of the 15 non-empty sets, 2 with one right pick (1/2 each), the right pair (1) and
    # 2 with both right and one wrong ((2 - 1) / 2 each) earn points: 3 / 15.
    assert values == pytest.approx({"long": 1 / 3, "short": 1 / 3, "many": 3 / 15,
                                    "tf1": 0.5, "tf2": 0.5, "steps": 1 / 6, "chat": 0.5})


def test_the_longest_option_learner():
    values = question_values(QUIZ, BY_NAME["longest"])
    # long: right · short: the long absolute option, wrong · many: b right, d wrong, partial
    # (1 - 1) / 2 = 0 · chat: the long reply, full · others guessed.
    assert values == pytest.approx({"long": 1, "short": 0, "many": 0, "tf1": 0.5, "tf2": 0.5,
                                    "steps": 1 / 6, "chat": 1})


def test_the_shortest_option_learner():
    values = question_values(QUIZ, BY_NAME["shortest"])
    # long: 拒绝, wrong · short: 同意 and 不理 tie at 2, the first listed is the key · many: the
    # shorter half {a, c}, one right, one wrong, (1 - 1) / 2 = 0 · chat: 不能退, no points.
    assert values == pytest.approx({"long": 0, "short": 1, "many": 0, "tf1": 0.5, "tf2": 0.5,
                                    "steps": 1 / 6, "chat": 0})


def test_a_combined_learner_follows_each_cue_a_later_one_winning():
    both = combined("both", "longest, then first", BY_NAME["longest"], BY_NAME["first"],
                    BY_NAME["false"])
    assert both.rules == {**BY_NAME["first"].rules, "true_false": BY_NAME["false"].rules[
        "true_false"]}
    assert BY_NAME["test-wise"].rules == {**BY_NAME["longest"].rules,
                                          **BY_NAME["false"].rules,
                                          **BY_NAME["listed-order"].rules}


def test_the_first_listed_learner():
    values = question_values(QUIZ, BY_NAME["first"])
    assert values == pytest.approx({"long": 0, "short": 1, "many": 0.5, "tf1": 0.5, "tf2": 0.5,
                                    "steps": 1 / 6, "chat": 1})


def test_always_false_and_always_true():
    assert question_values(QUIZ, BY_NAME["false"])["tf1"] == 1
    assert question_values(QUIZ, BY_NAME["false"])["tf2"] == 0
    assert question_values(QUIZ, BY_NAME["true"])["tf2"] == 1


def test_the_absolute_words_learner():
    values = question_values(QUIZ, BY_NAME["absolute-words"])
    # tf1 says 只要/必须 → "false", right; tf2 hedges with 一般 → "true", right; in 'short' the
    # options without absolute words are 同意 and 不理: a guess between the two, 1/2 (length
    # is another cue, not this learner's); no option of 'long' or 'many' uses one, so there
    # the cue decides nothing: a guess.
    assert values == pytest.approx({"long": 1 / 3, "short": 1 / 2, "many": 3 / 15, "tf1": 1,
                                    "tf2": 1, "steps": 1 / 6, "chat": 0.5})


def test_ordering_learners_follow_the_display_order_never_the_answer():
    steps = QUIZ.questions[5]
    shown = [item.id for item in display_order(steps)]
    assert shown != ["s1", "s2", "s3"]
    assert listed_order(steps, None) == shown
    assert reverse_listed_order(steps, None) == shown[::-1]
    listed = question_values(QUIZ, BY_NAME["listed-order"])["steps"]
    assert listed == (1 if shown == ["s1", "s2", "s3"] else 0)


def test_a_paper_score_weights_questions_by_their_points():
    quiz = make_quiz({"id": "a", "type": "true_false", "prompt": "甲", "answer": True,
                      "points": 3},
                     {"id": "b", "type": "true_false", "prompt": "乙", "answer": False})
    values = question_values(quiz, BY_NAME["true"])
    assert paper_score(quiz, ["a", "b"], values) == 0.75
    assert paper_score(quiz, ["b"], values) == 0.0


# Papers drawn from pools ---------------------------------------------------------------------

def pooled(pools: dict[str, int], draw: dict[str, int]):
    questions = [{"id": f"{pool}-{n}", "type": "true_false", "prompt": f"{pool}{n}",
                  "answer": n % 2 == 0, "pool": pool}
                 for pool, size in pools.items() for n in range(size)]
    return make_quiz(*questions, draw=[{"pool": p, "count": c} for p, c in draw.items()])


def test_a_quiz_without_a_draw_has_one_paper_of_every_question():
    assert papers(QUIZ) == [[q.id for q in QUIZ.questions]]


def test_a_draw_follows_the_shared_seed_design_step_by_step():
    quiz = pooled({"rules": 3, "talk": 2}, {"rules": 2, "talk": 1})
    seed = 12345
    stream = mulberry32(seed)
    # Fisher-Yates from the last index down, j = floor(next() * (i + 1)), pool by pool in
    # `draw:` order, each pool's ids in YAML order; keep the first `count`.
    rules = ["rules-0", "rules-1", "rules-2"]
    for i in (2, 1):
        j = int(stream() * (i + 1))
        rules[i], rules[j] = rules[j], rules[i]
    talk = ["talk-0", "talk-1"]
    j = int(stream() * 2)
    talk[1], talk[j] = talk[j], talk[1]
    kept = set(rules[:2]) | set(talk[:1])
    assert draw_paper(quiz, seed) == [q.id for q in quiz.questions if q.id in kept]


def test_papers_keep_the_counts_and_the_yaml_order_and_vary_by_seed():
    quiz = pooled({"rules": 6, "talk": 4}, {"rules": 3, "talk": 2})
    drawn = papers(quiz)
    assert len(drawn) == 200 and len(set(map(tuple, drawn))) > 80  # of 120 possible
    order = [q.id for q in quiz.questions]
    for paper in drawn:
        assert sum(q.startswith("rules") for q in paper) == 3
        assert sum(q.startswith("talk") for q in paper) == 2
        assert paper == sorted(paper, key=order.index)
    assert {q for paper in drawn for q in paper} == set(order)


def test_simulation_seeds_are_fixed_and_32_bit():
    seeds = simulation_seeds()
    assert seeds == simulation_seeds() and len(set(seeds)) == 200
    assert all(0 <= s < 2 ** 32 for s in seeds)


def test_an_assessments_conversations_are_taken_as_its_page_shows_them():
    """On an assessment page a wrong first reply does not end the conversation: the longest-reply
    learner still answers every step of the best path, each scored on its own."""
    chat = {"id": "chat", "type": "scenario", "prompt": "对话", "nodes": [
        {"id": "start", "customer": "能退吗", "choices": [
            {"id": "check", "text": "我看看", "next": "mid", "points": 2},
            {"id": "no", "text": "不能退，商品已经拆封了", "next": "end"}]},
        {"id": "mid", "customer": "好的", "choices": [
            {"id": "agree", "text": "核对无误，您可以申请退货退款", "next": "end", "points": 3},
            {"id": "stall", "text": "再等等", "next": "end"}]},
        {"id": "end", "outcome": "结束"}]}
    practice = make_quiz(chat)
    exam = make_quiz(chat, mode="assessment", required=True)
    # Practice: the longest first reply ends the talk at 0. Assessment: 0 + 3 of 5.
    assert question_values(practice, BY_NAME["longest"])["chat"] == 0
    assert question_values(exam, BY_NAME["longest"])["chat"] == pytest.approx(3 / 5)
    assert question_values(exam, BY_NAME["shortest"])["chat"] == pytest.approx(2 / 5)
    # Guessing: the random walk gets (2 + 1.5) / 2 / 5 on practice, each step's mean on the exam.
    assert question_values(practice, BY_NAME["guess"])["chat"] == pytest.approx(1.75 / 5)
    assert question_values(exam, BY_NAME["guess"])["chat"] == pytest.approx(2.5 / 5)
