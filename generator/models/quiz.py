"""Quizzes, as authors write them in `quizzes/`."""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import Field

from .common import Flag, Identifier, LessonRef, Markdown, Model, Text, Title

# Whole numbers, so a path's points add up exactly the same way in Python and in the browser.
Points = Annotated[int, Field(ge=0, le=1000)]

# The item-quality checks of `course check` (generator/items/checks.py), by the name an author
# gives to silence one. The first three judge a whole quiz; the others one question.
ItemCheck = Literal["longest-key", "key-position", "true-false-balance", "absolute-words",
                    "all-of-the-above", "short-distractor", "scenario-longest", "no-lesson"]


class Quality(Model):
    """Item-quality findings this quiz or question keeps on purpose, and why."""

    allow: list[ItemCheck] = Field(min_length=1, description="Checks to silence here, e.g. "
                                   "[longest-key]. On a quiz: for the whole quiz.")
    reason: Text = Field(description="Why the finding is right to keep; read by reviewers.")


class QuestionBase(Model):
    id: Identifier = Field(description="Stable id; answer files refer to it. Never reuse one.")
    prompt: Markdown = Field(description="The question as the learner sees it.")
    points: Annotated[float, Field(gt=0, le=1000)] = Field(
        1, description="Weight of the question in the quiz score.")
    explanation: Markdown | None = Field(None, description="Why the right answer is right.")
    lesson: LessonRef | None = Field(None, description="Where this is taught: lesson-id#anchor.")
    pool: Identifier | None = Field(None, description="Pool this question belongs to, for a quiz "
                                                      "that draws each learner's paper (`draw:`).")
    quality: Quality | None = Field(None, description="Item-quality findings to silence for "
                                                      "this question, with the reason.")


class Option(Model):
    id: Identifier
    text: Markdown
    correct: Flag = False
    feedback: Markdown | None = Field(None, description="Shown when the learner picks it.")


class SingleChoice(QuestionBase):
    """Exactly one correct option."""

    type: Literal["single"]
    options: list[Option] = Field(min_length=2)


class MultipleChoice(QuestionBase):
    """Any number of correct options, scored by a declared rule."""

    type: Literal["multiple"]
    options: list[Option] = Field(min_length=2)
    scoring: Literal["all_or_nothing", "partial"] = Field(
        description="all_or_nothing: full points only for exactly the correct set. partial: each "
                    "correct pick earns its share, each wrong pick costs `penalty` shares, "
                    "never below zero.")
    penalty: Annotated[float, Field(ge=0, le=10)] = Field(
        1, description="For partial scoring: shares lost per wrong pick.")


class TrueFalseFeedback(Model):
    true: Markdown | None = Field(None, description="Shown when the learner answers true.")
    false: Markdown | None = Field(None, description="Shown when the learner answers false.")


class TrueFalse(QuestionBase):
    type: Literal["true_false"]
    answer: Flag
    feedback: TrueFalseFeedback | None = None


class OrderItem(Model):
    id: Identifier
    text: Markdown


class Ordering(QuestionBase):
    """Steps listed in the correct order; the learner sees them shuffled."""

    type: Literal["ordering"]
    items: list[OrderItem] = Field(min_length=2, max_length=12)
    scoring: Literal["all_or_nothing", "position", "adjacent_pairs"] = Field(
        description="all_or_nothing: full points only for the exact order. position: share of "
                    "steps in their right place. adjacent_pairs: share of neighbouring pairs "
                    "in the right order.")


class OrderCard(Model):
    """The order as the agent sees it in the back office."""

    item: Text
    amount: Text | None = Field(None, description="Amount paid, e.g. ¥129.00.")
    ordered: Text | None = Field(None, description="When it was ordered, e.g. 11月3日 20:15.")
    shipped: Text | None = None
    signed: Text | None = Field(None, description="When the buyer signed for it.")
    status: Text | None = Field(None, description="After-sales status, e.g. 退货退款 · 待商家处理.")
    countdown: Text | None = Field(None, description="What the 逾期时间 countdown shows.")
    tags: list[Text] = Field(default_factory=list, description="Order tags such as 7天无理由.")


# The order card's rows, top to bottom, wherever it is shown (its tags come last).
ORDER_CARD_ROWS = ("item", "amount", "ordered", "shipped", "signed", "status", "countdown")


class Choice(Model):
    id: Identifier = Field(description="Unique within the scenario.")
    text: Markdown
    next: Identifier = Field(description="Id of the node this choice leads to.")
    points: Points = 0
    feedback: Markdown | None = None


class Node(Model):
    id: Identifier
    customer: Markdown | None = Field(None, description="What the buyer says at this point.")
    situation: Markdown | None = Field(None, description="What the agent sees or knows.")
    order: OrderCard | None = None
    choices: list[Choice] = Field(default_factory=list, description="Empty on an ending.")
    outcome: Markdown | None = Field(None, description="On an ending: what happened in the end.")


class Scenario(QuestionBase):
    """A branching customer conversation, scored on the path taken against the best path."""

    type: Literal["scenario"]
    start: Identifier | None = Field(None, description="First node; the first listed by default.")
    nodes: list[Node] = Field(min_length=2)


Question = Annotated[
    Union[SingleChoice, MultipleChoice, TrueFalse, Ordering, Scenario],
    Field(discriminator="type"),
]


class Shuffle(Model):
    questions: Flag = False
    options: Flag = True


class Draw(Model):
    """Part of a learner's paper: `count` questions picked at random from one pool."""

    pool: Identifier = Field(description="A pool name, as the questions' `pool:` gives it.")
    count: Annotated[int, Field(ge=1, le=1000)] = Field(
        description="How many questions of the pool each learner gets.")


class Exam(Model):
    """Exam settings of an assessment quiz."""

    time_limit: Annotated[int, Field(ge=1, le=1440)] | None = Field(
        None, description="Minutes from Start to submitting; none: no limit.")
    late: Literal["flag", "refuse"] = Field(
        "flag", description="A file submitted after the limit and the grace: flag: graded and "
                            "marked late in the report. refuse: not graded.")
    grace: Annotated[int, Field(ge=0, le=60)] = Field(
        2, description="Minutes past the limit still counted as on time (slow clocks, saving).")
    attempts: Annotated[int, Field(ge=1, le=100)] | None = Field(
        None, description="At most this many attempts per learner, counted by the grader; "
                          "none: no limit.")
    after_submit: Literal["count", "answers"] = Field(
        "answers", description="What the page shows once the learner submits: count: how many "
                               "questions were answered. answers: their own answers too. Never "
                               "the key.")


class Quiz(Model):
    """`quizzes/<id>.yml`: one quiz."""

    id: Identifier
    title: Title
    description: Markdown | None = None
    section: Identifier | None = Field(None, description="Section it belongs to; none for a "
                                                         "course-wide assessment.")
    lessons: list[Identifier] = Field(default_factory=list, description="Lessons it tests.")
    mode: Literal["practice", "assessment"] = Field(
        "practice", description="practice: instant feedback. assessment: no answer key in the "
                                "site; graded from answer files.")
    pass_mark: float = Field(0.8, ge=0, le=1,
                             description="Share of points needed to pass, from 0 to 1.")
    required: Flag = Field(False, description="Must be passed for the certificate.")
    shuffle: Shuffle | Flag = Field(False, description="true, or {questions: …, options: …}.")
    order: int = Field(0, description="Position among the quizzes of its section.")
    draw: list[Draw] = Field(default_factory=list, description="Draw each learner's paper from "
                             "pools: [{pool: rules, count: 6}, …]. Empty: every learner gets "
                             "every question.")
    exam: Exam | None = Field(None, description="Time limit, attempts and what the learner sees "
                                                "after submitting; assessment quizzes only.")
    quality: Quality | None = Field(None, description="Item-quality findings to silence for the "
                                                      "whole quiz, with the reason.")
    questions: list[Question] = Field(min_length=1)


def is_assessment(quiz: Quiz, force_assessment: bool = False) -> bool:
    """Whether the quiz is shown as an assessment: its own mode, or every quiz (`--assessment`)."""
    return force_assessment or quiz.mode == "assessment"
