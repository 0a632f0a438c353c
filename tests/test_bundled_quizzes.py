"""The bundled quizzes measure knowledge, not test-wiseness (/work/shared/notes/item-writing.md).

A learner who knows nothing but follows cues — always the longest option, always the first one
listed, always "false" or always "true", the longest reply at every step of a conversation, the
longer half of a multiple-choice list, the steps of an ordering left as listed — is graded here
with the project's own grader (generator/grader.py) and must stay below half marks on every quiz,
and on every pool of the final assessment. The keys themselves are checked for the cues those
learners exploit: the key as the longest option, true/false keys all one way, keys bunched in one
position, absolute words only in wrong options, throwaway distractors, "以上都对".

The quizzes are read one file at a time (not through `load_course`), so that a quiz linking to a
lesson another branch is still writing can be measured too; `course check` and
tests/test_content_review.py check the links.

Run as a script to print the cue-learner table for a quizzes folder (used for the before/after
figures in the issue):  python tests/test_bundled_quizzes.py [quizzes-folder]
"""

from __future__ import annotations

import difflib
import itertools
import math
import random
import re
import sys
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Callable

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.loading import read_document  # noqa: E402
from generator.markup import POLICY_REF  # noqa: E402
from generator.models.quiz import (  # noqa: E402
    MultipleChoice,
    Ordering,
    Question,
    Quiz,
    Scenario,
    SingleChoice,
    TrueFalse,
)
from generator.models.reference import PolicyFile  # noqa: E402
from generator.quizgraph import best_points  # noqa: E402
from generator.scoring import grade_question  # noqa: E402
from generator.shuffle import display_order  # noqa: E402
from generator.validation import validate  # noqa: E402

QUIZZES = ROOT / "quizzes"
POLICIES = ROOT / "content" / "policies.yml"
SECTIONS = ["rules", "communication", "inspection", "refund-methods", "reviews", "training"]
FINAL = "final-assessment"
TYPES = {"single", "multiple", "true_false", "ordering", "scenario"}
CUE_CEILING = 0.5          # every cue learner scores below this, on every quiz and pool
PAPERS = 2000              # drawn papers of the final tried per cue learner
LONGEST_KEY_SHARE = 0.4    # at most this share of single-choice keys is the longest option
POSITION_SHARE = 0.4       # at most this share of single-choice keys sits in any one position
COPY_RATIO = 0.6           # text similarity from which a final question counts as a practice copy
TRUE_SHARE = (0.3, 0.7)    # true/false keys: share of "true" per quiz
MIN_TRUE_FALSE = 2         # true/false questions per quiz and per pool, so there is a balance
MIN_TRUE_FALSE_FINAL = 6   # and in the final assessment's whole pool
# Lessons of the second edition that the content branch is writing (course content plan):
# questions may link to them before they exist here.
NEW_LESSONS = {"partial-refunds": "refund-methods", "after-fast-refund": "refund-methods",
               "refused-delivery": "refund-methods", "return-shipping-costs": "inspection"}
# Words that make a statement sound absolute, and hedges that make it sound careful: a key must
# not be recognisable by lacking the first or having the second. The same lists as the item
# checks of `course check` (branch assess, generator/items/cues.py), Chinese half; longer words
# first, and a hedge that contains an absolute word (不一定) counts as a hedge.
ABSOLUTE_WORDS = ("只要", "只有", "一定", "肯定", "必须", "必定", "从不", "从来不",
                  "从来没有", "绝对", "绝不", "决不", "永远", "总是", "所有", "全部",
                  "任何", "一律", "一概", "完全",
                  "无论如何", "反正", "根本不", "不可能", "百分之百", "保证")
HEDGES = ("一般", "通常", "可能", "大多", "大多数", "多数", "往往", "有时", "有的", "也许", "或许",
          "基本上", "原则上", "视情况", "看情况", "不一定", "不是所有", "并非所有", "不一概",
          "尽量", "适当")
_CUE_WORD = re.compile("|".join(
    f"(?P<{kind}{i}>{re.escape(word)})" for kind, words in (("h", HEDGES), ("a", ABSOLUTE_WORDS))
    for i, word in enumerate(sorted(words, key=len, reverse=True))))
MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
MARKUP = re.compile(r"[*_`>#|\s]")


# --- Reading -----------------------------------------------------------------------------

def load_policies(path: Path = POLICIES) -> dict[str, str]:
    policies = validate(PolicyFile, read_document(path))
    return {name: policy.value for name, policy in policies.policies.items()}


def load_quizzes(folder: Path = QUIZZES) -> dict[str, Quiz]:
    quizzes = {}
    for path in sorted(folder.glob("*.yml")):
        quiz = validate(Quiz, read_document(path))
        quizzes[quiz.id] = quiz
    return quizzes


def cue_words(text: str) -> tuple[set[str], set[str]]:
    """(absolute words, hedges) in a text."""
    absolute, hedges = set(), set()
    for match in _CUE_WORD.finditer(text):
        (hedges if match.lastgroup.startswith("h") else absolute).add(match.group(0))
    return absolute, hedges


def visible_length(text: str, policies: dict[str, str]) -> int:
    """Characters a learner sees: policy values filled in, Markdown marks and spaces left out."""
    text = POLICY_REF.sub(lambda m: policies.get(m.group(1), m.group(0)), text)
    text = MARKDOWN_LINK.sub(r"\1", text)
    return len(MARKUP.sub("", text))


# --- Cue-following learners -----------------------------------------------------------------------

# A learner is a rule per question type; each rule sees only what a learner sees (texts, their
# lengths and the order listed) and returns an answer as an answer file holds it.
Rule = Callable[[Question, Callable[[str], int]], object]


def _longest(items, length):
    # Ties go to the first listed: the learner reads from the top.
    return max(items, key=lambda item: (length(item.text), -items.index(item)))


def single_longest(question, length):
    return _longest(question.options, length).id


def single_shortest(question, length):
    return _longest(question.options, lambda text: -length(text)).id


def single_first(question, length):
    return question.options[0].id


def multiple_longer_half(question, length):
    ranked = sorted(question.options, key=lambda o: -length(o.text))  # stable: ties keep order
    return [o.id for o in ranked[:math.ceil(len(ranked) / 2)]]


def multiple_shorter_half(question, length):
    ranked = sorted(question.options, key=lambda o: length(o.text))
    return [o.id for o in ranked[:math.ceil(len(ranked) / 2)]]


def multiple_first_half(question, length):
    return [o.id for o in question.options[:math.ceil(len(question.options) / 2)]]


def ordering_as_listed(question, length):
    return [item.id for item in display_order(question)]


def _walk(question: Scenario, pick) -> list[str]:
    nodes = {node.id: node for node in question.nodes}
    node = nodes[question.start or question.nodes[0].id]
    path = []
    while node.choices:
        choice = pick(node.choices)
        path.append(choice.id)
        node = nodes[choice.next]
    return path


def scenario_longest(question, length):
    return _walk(question, lambda choices: _longest(choices, length))


def scenario_shortest(question, length):
    return _walk(question, lambda choices: _longest(choices, lambda text: -length(text)))


def scenario_first(question, length):
    return _walk(question, lambda choices: choices[0])


def always(value: bool) -> Rule:
    return lambda question, length: value


@dataclass(frozen=True)
class Learner:
    name: str
    single: Rule
    multiple: Rule
    true_false: Rule
    ordering: Rule
    scenario: Rule

    def answer(self, question: Question, length: Callable[[str], int]):
        return getattr(self, question.type)(question, length)


LEARNERS = [
    Learner("longest, false", single_longest, multiple_longer_half, always(False),
            ordering_as_listed, scenario_longest),
    Learner("longest, true", single_longest, multiple_longer_half, always(True),
            ordering_as_listed, scenario_longest),
    # Writing keys short to avoid the first cue must not create the opposite one.
    Learner("shortest, false", single_shortest, multiple_shorter_half, always(False),
            ordering_as_listed, scenario_shortest),
    Learner("shortest, true", single_shortest, multiple_shorter_half, always(True),
            ordering_as_listed, scenario_shortest),
    Learner("first, true", single_first, multiple_first_half, always(True),
            ordering_as_listed, scenario_first),
    Learner("first, false", single_first, multiple_first_half, always(False),
            ordering_as_listed, scenario_first),
]


def score(questions: list[Question], answer_of: Callable[[Question], object]) -> float:
    """Share of the points earned, graded by the project's grader, question weights included."""
    earned = possible = 0.0
    for question in questions:
        result = grade_question(question, answer_of(question))
        earned += result.points
        possible += result.max_points
    return earned / possible if possible else 0.0


def learner_score(learner: Learner, questions: list[Question], policies: dict[str, str]) -> float:
    length = lambda text: visible_length(text, policies)  # noqa: E731
    return score(questions, lambda q: learner.answer(q, length))


# --- Expected scores of guessing ---------------------------------------------------------

def expected_guess(question: Question) -> Fraction:
    """What a learner guessing uniformly at random scores on average (share of the question)."""
    if isinstance(question, SingleChoice):
        return Fraction(1, len(question.options))
    if isinstance(question, TrueFalse):
        return Fraction(1, 2)
    if isinstance(question, MultipleChoice):
        ids = [o.id for o in question.options]
        subsets = [list(c) for k in range(1, len(ids) + 1) for c in itertools.combinations(ids, k)]
        return _mean(question, subsets)
    if isinstance(question, Ordering):
        orders = itertools.permutations(i.id for i in question.items)
        return _mean(question, [list(p) for p in orders])
    return _random_walk(question)


def _mean(question, answers) -> Fraction:
    total = sum(Fraction(grade_question(question, a).points).limit_denominator(10**6)
                for a in answers)
    return total / len(answers) / Fraction(question.points).limit_denominator(10**6)


def _random_walk(question: Scenario) -> Fraction:
    nodes = {node.id: node for node in question.nodes}
    best = best_points(question)

    def walk(node_id: str) -> Fraction:
        node = nodes[node_id]
        if not node.choices:
            return Fraction(0)
        return sum((c.points + walk(c.next) for c in node.choices), Fraction(0)) / len(node.choices)

    return walk(question.start or question.nodes[0].id) / best


def guess_score(questions: list[Question]) -> float:
    weight = sum(q.points for q in questions)
    if not weight:
        return 0.0
    return float(sum(expected_guess(q) * Fraction(q.points).limit_denominator(10**6)
                     for q in questions) / Fraction(weight).limit_denominator(10**6))


def absolute_avoider_score(questions: list[Question]) -> float:
    """Expected score of a learner who rules out options with absolute words and guesses among
    the rest, and calls a true/false statement with an absolute word false (else true)."""
    earned = 0.0
    for question in questions:
        if isinstance(question, SingleChoice):
            plain = [o for o in question.options if not cue_words(o.text)[0]] or question.options
            earned += question.points * sum(o.correct for o in plain) / len(plain)
        elif isinstance(question, TrueFalse):
            guess = not cue_words(question.prompt)[0]
            earned += question.points * (guess == question.answer)
        else:
            earned += question.points * float(expected_guess(question))
    weight = sum(q.points for q in questions)
    return earned / weight if weight else 0.0


# --- The quizzes and their pools ---------------------------------------------------------

def parts(quiz: Quiz) -> dict[str, list[Question]]:
    """What a cue learner is measured on: the whole quiz, and each pool of a drawn quiz."""
    found = {"all": list(quiz.questions)}
    for draw in quiz.draw:
        found[draw.pool] = [q for q in quiz.questions if q.pool == draw.pool]
    return found


def cue_table(quizzes: dict[str, Quiz], policies: dict[str, str]) -> list[dict]:
    rows = []
    for quiz in quizzes.values():
        for part, questions in parts(quiz).items():
            row = {"quiz": quiz.id, "part": part, "questions": len(questions),
                   "guess": guess_score(questions),
                   "absolute-avoider": absolute_avoider_score(questions)}
            for learner in LEARNERS:
                row[learner.name] = learner_score(learner, questions, policies)
            rows.append(row)
    return rows


def key_is_longest(question: SingleChoice, policies) -> bool:
    lengths = [visible_length(o.text, policies) for o in question.options]
    key = next(i for i, o in enumerate(question.options) if o.correct)
    return lengths[key] == max(lengths)


def of_type(questions, kind):
    return [q for q in questions if isinstance(q, kind)]


# --- Tests -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def policies():
    return load_policies()


@pytest.fixture(scope="module")
def quizzes():
    return load_quizzes()


def every_part(quizzes):
    return [(quiz, part, questions) for quiz in quizzes.values()
            for part, questions in parts(quiz).items()]


@pytest.mark.parametrize("learner", LEARNERS, ids=lambda learner: learner.name)
def test_a_cue_following_learner_scores_below_half_on_every_quiz_and_pool(learner, quizzes,
                                                                           policies):
    scores = {f"{quiz.id}/{part}": learner_score(learner, questions, policies)
              for quiz, part, questions in every_part(quizzes)}
    too_high = {where: round(s, 3) for where, s in scores.items() if s >= CUE_CEILING}
    assert not too_high, f"{learner.name} learner scores {too_high}"


def test_no_drawn_paper_of_the_final_lets_a_cue_learner_pass(quizzes, policies):
    # A learner's paper is 6 questions of each pool; a lucky draw must not carry a cue-follower
    # to the pass mark. Papers drawn with a fixed seed, so a failure can be replayed.
    final = quizzes[FINAL]
    pools = [[q for q in final.questions if q.pool == d.pool] for d in final.draw]
    counts = [d.count for d in final.draw]
    length = lambda text: visible_length(text, policies)  # noqa: E731
    draw = random.Random(20261129)
    for learner in LEARNERS:
        earned = {q.id: grade_question(q, learner.answer(q, length)).points / q.points
                  for q in final.questions}
        best = max(sum(earned[q.id] for pool, n in zip(pools, counts) for q in draw.sample(pool, n))
                   / sum(counts) for _ in range(PAPERS))
        assert best < final.pass_mark, f"{learner.name}: a drawn paper scores {best:.0%}"


def test_a_learner_avoiding_absolute_words_gains_nothing(quizzes):
    scores = {f"{quiz.id}/{part}": absolute_avoider_score(questions)
              for quiz, part, questions in every_part(quizzes)}
    too_high = {where: round(s, 3) for where, s in scores.items() if s >= CUE_CEILING}
    assert not too_high, too_high


def test_the_key_is_the_longest_option_in_at_most_two_questions_of_five(quizzes, policies):
    for quiz, part, questions in every_part(quizzes):
        singles = of_type(questions, SingleChoice)
        longest = [q.id for q in singles if key_is_longest(q, policies)]
        assert len(longest) <= LONGEST_KEY_SHARE * len(singles), \
            f"{quiz.id}/{part}: key is the longest option in {len(longest)} of {len(singles)}: " \
            f"{longest}"


def test_single_choice_keys_are_spread_over_positions_in_yaml_order(quizzes):
    # The handbook and exports print YAML order; the site shuffles.
    for quiz, part, questions in every_part(quizzes):
        singles = of_type(questions, SingleChoice)
        positions = [next(i for i, o in enumerate(q.options) if o.correct) for q in singles]
        counts = {p: positions.count(p) for p in set(positions)}
        assert max(counts.values()) <= max(1, POSITION_SHARE * len(singles)), \
            f"{quiz.id}/{part}: keys by position {sorted(counts.items())}"


def test_true_false_keys_are_balanced(quizzes):
    # In every quiz and every pool: a learner answering all "true" or all "false" gets 30-70%.
    for quiz, part, questions in every_part(quizzes):
        answers = [q.answer for q in of_type(questions, TrueFalse)]
        assert len(answers) >= MIN_TRUE_FALSE, f"{quiz.id}/{part}: {len(answers)} true/false"
        share = sum(answers) / len(answers)
        assert TRUE_SHARE[0] <= share <= TRUE_SHARE[1], \
            f"{quiz.id}/{part}: {sum(answers)} of {len(answers)} true/false keys are true"
    final = of_type(quizzes[FINAL].questions, TrueFalse)
    assert len(final) >= MIN_TRUE_FALSE_FINAL, f"final assessment: {len(final)} true/false"


def test_no_ordering_starts_in_or_against_its_answer(quizzes):
    # The page lists the steps in a fixed order that is never the answer; turning that order
    # round must not give the answer either (the learner would only have to reverse it).
    for quiz in quizzes.values():
        for question in of_type(quiz.questions, Ordering):
            listed = ordering_as_listed(question, len)
            for name, order in (("listed", listed), ("reversed", listed[::-1])):
                result = grade_question(question, order)
                assert result.points <= 0.5 * result.max_points, \
                    f"{quiz.id}/{question.id}: the {name} order scores {result.points:.2f}"


def test_no_distractor_is_a_throwaway(quizzes, policies):
    length = lambda text: visible_length(text, policies)  # noqa: E731
    short = []
    for quiz in quizzes.values():
        for question in quiz.questions:
            where = f"{quiz.id}/{question.id}"
            if isinstance(question, (SingleChoice, MultipleChoice)):
                key = max(length(o.text) for o in question.options if o.correct)
                short += [f"{where}/{o.id}" for o in question.options
                          if not o.correct and 3 * length(o.text) < key]
            elif isinstance(question, Scenario):
                for node in question.nodes:
                    if node.choices:
                        best = max(node.choices, key=lambda c: c.points)
                        short += [f"{where}/{c.id}" for c in node.choices
                                  if c.points < best.points
                                  and 3 * length(c.text) < length(best.text)]
    assert not short, f"distractors under a third of the key's length: {short}"


def test_no_all_or_none_of_the_above(quizzes):
    found = [f"{quiz.id}/{q.id}/{o.id}" for quiz in quizzes.values() for q in quiz.questions
             if isinstance(q, (SingleChoice, MultipleChoice)) for o in q.options
             if re.search(r"以上(都|全|均)|上述(都|全|均)", o.text)]
    assert not found


def test_absolute_words_are_not_only_in_wrong_options_nor_hedges_only_in_keys(quizzes):
    flawed = []
    for quiz in quizzes.values():
        statements = [(q.answer, cue_words(q.prompt)) for q in of_type(quiz.questions, TrueFalse)]
        absolute_in_true = any(words[0] for answer, words in statements if answer)
        hedge_in_false = any(words[1] for answer, words in statements if not answer)
        for question in quiz.questions:
            where = f"{quiz.id}/{question.id}"
            if isinstance(question, (SingleChoice, MultipleChoice)):
                words = [(o.correct, cue_words(o.text)) for o in question.options]
                if any(w[0] for c, w in words if not c) and not any(w[0] for c, w in words if c):
                    flawed.append(f"{where}: absolute words only in wrong options")
                if any(w[1] for c, w in words if c) and not any(w[1] for c, w in words if not c):
                    flawed.append(f"{where}: hedges only in correct options")
            elif isinstance(question, TrueFalse):
                absolute, hedges = cue_words(question.prompt)
                if absolute and not question.answer and not absolute_in_true:
                    flawed.append(f"{where}: a false statement with {absolute}, "
                                  "no true one has any")
                if hedges and question.answer and not hedge_in_false:
                    flawed.append(f"{where}: a true statement with {hedges}, no false one has any")
    assert not flawed, "\n".join(flawed)


def test_in_every_scenario_the_best_reply_is_not_always_the_longest(quizzes, policies):
    length = lambda text: visible_length(text, policies)  # noqa: E731
    for quiz in quizzes.values():
        for question in of_type(quiz.questions, Scenario):
            path = scenario_longest(question, length)
            result = grade_question(question, path)
            assert result.points < result.max_points, \
                f"{quiz.id}/{question.id}: the longest reply at every step is the best path"


def test_every_question_links_a_lesson_and_explains_and_practice_gives_feedback(quizzes):
    for quiz in quizzes.values():
        for question in quiz.questions:
            where = f"{quiz.id}/{question.id}"
            assert question.lesson, f"{where}: no lesson link"
            assert question.explanation, f"{where}: no explanation"
            if quiz.mode != "practice":
                continue
            if isinstance(question, (SingleChoice, MultipleChoice)):
                assert all(o.feedback for o in question.options), \
                    f"{where}: option without feedback"
            elif isinstance(question, TrueFalse):
                feedback = question.feedback
                assert feedback and feedback.true and feedback.false, where
            elif isinstance(question, Scenario):
                assert all(c.feedback for n in question.nodes for c in n.choices), where


def test_practice_quizzes_have_eight_questions_of_all_five_types(quizzes):
    practice = [q for q in quizzes.values() if q.mode == "practice"]
    assert sorted(q.section for q in practice) == sorted(SECTIONS)
    for quiz in practice:
        assert len(quiz.questions) >= 8, quiz.id
        assert {q.type for q in quiz.questions} == TYPES, f"{quiz.id}: types"
        scenarios = of_type(quiz.questions, Scenario)
        assert len(scenarios) >= 2, quiz.id
        for question in scenarios:
            assert all(n.order for n in question.nodes[:1]), f"{quiz.id}/{question.id}: order card"


def test_final_assessment_draws_six_per_section_from_pools_of_twelve_or_more(quizzes):
    final = quizzes[FINAL]
    assert final.mode == "assessment" and final.required is True and final.pass_mark == 0.8
    assert [(d.pool, d.count) for d in final.draw] == [(s, 6) for s in SECTIONS]
    exam = final.exam
    assert (exam.time_limit, exam.late, exam.grace, exam.attempts, exam.after_submit) == \
        (60, "flag", 2, 3, "answers")
    assert len(final.questions) >= 72
    for section in SECTIONS:
        pool = [q for q in final.questions if q.pool == section]
        assert len(pool) >= 12, f"pool {section}: {len(pool)} questions"
        assert {q.type for q in pool} == TYPES, f"pool {section}: types"


def test_final_questions_sit_in_the_pool_of_the_section_they_link_to(quizzes):
    lesson_section = dict(NEW_LESSONS)
    for section in SECTIONS:
        for path in (ROOT / "content" / section).glob("*.yml"):
            lesson_section[path.stem] = section
    for question in quizzes[FINAL].questions:
        lesson = question.lesson.partition("#")[0]
        assert lesson_section.get(lesson) == question.pool, \
            f"{question.id}: pool {question.pool}, links {lesson}"


def question_text(question: Question) -> str:
    """Everything a learner reads in a question: prompt, options, steps, conversation."""
    parts = [question.prompt]
    if isinstance(question, (SingleChoice, MultipleChoice)):
        parts += [o.text for o in question.options]
    elif isinstance(question, Ordering):
        parts += [i.text for i in question.items]
    elif isinstance(question, Scenario):
        for node in question.nodes:
            parts += [node.customer or "", node.situation or "", *(c.text for c in node.choices)]
    return "\n".join(parts)


def test_no_final_question_is_copied_from_a_practice_quiz(quizzes):
    # Variants that test the same knowledge in a new situation are fine; the same question with
    # a few words changed is not (learners who did the practice would recognise the key).
    practice = [(quiz.id, q, question_text(q)) for quiz in quizzes.values()
                if quiz.mode == "practice" for q in quiz.questions]
    for question in quizzes[FINAL].questions:
        text = question_text(question)
        for quiz_id, other, other_text in practice:
            assert question.id != other.id, f"{question.id} is also in {quiz_id}"
            matcher = difflib.SequenceMatcher(None, text, other_text, autojunk=False)
            if matcher.real_quick_ratio() < COPY_RATIO or matcher.quick_ratio() < COPY_RATIO:
                continue
            assert matcher.ratio() < COPY_RATIO, \
                f"{question.id} repeats {quiz_id}/{other.id} ({matcher.ratio():.2f})"


# --- The table for the report ------------------------------------------------------------

def main(argv: list[str]) -> None:
    folder = Path(argv[0]) if argv else QUIZZES
    policies = load_policies(Path(argv[1]) if len(argv) > 1 else POLICIES)
    quizzes = load_quizzes(folder)
    rows = cue_table(quizzes, policies)
    columns = ["guess", "absolute-avoider", *(learner.name for learner in LEARNERS)]
    print("| quiz | part | n | " + " | ".join(columns) + " |")
    print("|---|---|---:|" + "---:|" * len(columns))
    for row in rows:
        print(f"| {row['quiz']} | {row['part']} | {row['questions']} | "
              + " | ".join(f"{row[c]:.0%}" for c in columns) + " |")
    for quiz in quizzes.values():
        for part, questions in parts(quiz).items():
            singles = of_type(questions, SingleChoice)
            longest = sum(key_is_longest(q, policies) for q in singles)
            positions = [next(i for i, o in enumerate(q.options) if o.correct) for q in singles]
            tf = [q.answer for q in of_type(questions, TrueFalse)]
            print(f"{quiz.id}/{part}: key longest {longest}/{len(singles)}, key positions "
                  f"{[positions.count(p) for p in range(max(positions, default=-1) + 1)]}, "
                  f"true/false {sum(tf)} true of {len(tf)}, types "
                  f"{ {t: sum(q.type == t for q in questions) for t in sorted(TYPES)} }")


if __name__ == "__main__":
    main(sys.argv[1:])
