"""generator.desk.paper and the draw: each learner's paper replayed from the seed, answers only
to questions on it, both id forms, the starting-order rule."""

from __future__ import annotations

import json

import pytest

from answerkit import FIX, grading_course, page_answer_file, registry_text
from generator.desk.answerfiles import BadAnswerFile, parse
from generator.desk.attempts import grade_file
from generator.integrity import registry, seeds
from generator.integrity.opaque import OpaqueIds
from generator.shuffle import presentation
from quizhelpers import make_quiz, multiple, ordering, scenario, single, true_false

POOLS = make_quiz(*(single(f"r{n}", pool="rules") for n in range(6)),
                  *(true_false(f"c{n}", pool="care") for n in range(4)),
                  ordering("steps", pool="care"),
                  draw=[{"pool": "rules", "count": 2}, {"pool": "care", "count": 2}],
                  mode="assessment", required=True)
REG = registry.parse(registry_text([POOLS]))
COURSE = grading_course(quizzes=[POOLS], reg=REG)
IDS = OpaqueIds(POOLS, REG.salt)
RIGHT = {**{f"r{n}": "b" for n in range(6)}, **{f"c{n}": True for n in range(4)},
         "steps": ["a", "b", "c", "d"]}


def grade(doc):
    return grade_file(parse(json.dumps(doc).encode()), COURSE, source="a.json")


def refusal(doc) -> str:
    with pytest.raises(BadAnswerFile) as caught:
        grade(doc)
    return caught.value.message


def test_each_learner_gets_their_own_paper_and_the_score_counts_only_it():
    papers = set()
    for learner in ("cs-001", "cs-002", "cs-003", "cs-004"):
        doc = page_answer_file(POOLS, RIGHT, reg=REG, learner_id=learner)
        attempt = grade(doc)
        drawn = tuple(q.question for q in attempt.result.questions)
        assert len(drawn) == 4 and sum(q.startswith("r") for q in drawn) == 2
        assert attempt.result.max_points == 4
        papers.add(drawn)
    assert len(papers) > 1


def test_the_paper_is_the_one_the_page_draws():
    seed = seeds.derived_seed("cs-001", registry.publication_entry(
        POOLS, mode="assessment", published=registry.now(), by="x")["version"], 1)
    shown = presentation(POOLS, seed, assessment=True, page_order=IDS)
    doc = page_answer_file(POOLS, RIGHT, reg=REG, learner_id="cs-001")
    assert [IDS.question(q) for q in shown.paper] == [a["question"] for a in doc["answers"]]


def test_an_answer_to_a_question_not_drawn_is_refused():
    doc = page_answer_file(POOLS, RIGHT, reg=REG, learner_id="cs-001")
    drawn = {item["question"] for item in doc["answers"]}
    other = next(q.id for q in POOLS.questions if IDS.question(q.id) not in drawn)
    doc["answers"].append({"question": IDS.question(other), "answer": None})
    assert refusal(doc) == (f"answers[4]: question '{IDS.question(other)}' was not on this "
                            "learner's paper" + FIX)


def test_one_file_names_questions_one_way():
    doc = page_answer_file(POOLS, RIGHT, reg=REG, learner_id="cs-001")
    authored = next(q.id for q in POOLS.questions if IDS.question(q.id) ==
                    doc["answers"][1]["question"])
    doc["answers"][1]["question"] = authored
    assert refusal(doc) == (f"answers[1]: question '{authored}' is named differently from "
                            "answers[0]; one file names every question by the page's opaque ids"
                            + FIX)


def test_an_authored_option_id_in_an_opaque_file_is_no_id_on_the_page():
    doc = page_answer_file(POOLS, RIGHT, reg=REG, learner_id="cs-001")
    single_item = next(i for i, item in enumerate(doc["answers"])
                       if isinstance(item["answer"], str))
    doc["answers"][single_item]["answer"] = "b"
    question = doc["answers"][single_item]["question"]
    assert refusal(doc) == (f"answers[{single_item}]: question '{question}': 'b' is none of its "
                            "ids on the page" + FIX)


def test_a_starting_order_that_is_the_key_or_its_reverse_leaves_the_question_out():
    quiz = make_quiz(ordering("o", items=("a", "b")), true_false("t"), mode="assessment")
    reg = registry.parse(registry_text([quiz]))
    course = grading_course(quizzes=[quiz], reg=reg)
    # Two steps: every start is the key or its reverse, so ordering never counts.
    doc = page_answer_file(quiz, {"o": ["a", "b"], "t": True}, reg=reg, learner_id="cs-001")
    attempt = grade_file(parse(json.dumps(doc).encode()), course, source="a.json")
    assert attempt.left_out == (("o", "start-order"),)
    assert [q.question for q in attempt.result.questions] == ["t"]


def test_the_start_order_rule_is_rare_with_four_steps():
    quiz = make_quiz(ordering("o"), mode="assessment")
    ids = OpaqueIds(quiz, REG.salt)
    gave = sum(presentation(quiz, seed, assessment=True, page_order=ids).steps["o"]
               in (["a", "b", "c", "d"], ["d", "c", "b", "a"]) for seed in range(2400))
    assert 100 < gave < 300  # 2 of 24 orders: about 200


def test_the_gradebook_keeps_results_for_the_drawn_questions_only(tmp_path):
    """Item analysis (and branch assess's per-paper statistics) reads each stored attempt as
    holding the questions of that learner's paper: a question not drawn is absent, never
    "unanswered"; a drawn question left out of the file is unanswered."""
    from generator.desk.analysis import analyse_quiz
    from generator.desk.gradebook import Gradebook

    attempts, papers = [], {}
    for learner in ("cs-001", "cs-002", "cs-003", "cs-004", "cs-005"):
        doc = page_answer_file(POOLS, RIGHT, reg=REG, learner_id=learner)
        if learner == "cs-001":
            doc["answers"].pop()  # its last drawn question: missing from the file
        attempt = grade(doc)
        attempts.append(attempt)
        papers[attempt.learner_key] = presentation(POOLS, doc["seed"], assessment=True,
                                                   page_order=IDS).paper
    with Gradebook.open(str(tmp_path / "g.sqlite")) as book:
        book.record(attempts)
        stored = book.attempts()
    for attempt in stored:
        assert tuple(q.question for q in attempt.questions) == tuple(papers[attempt.learner_key])
        unanswered = [q.question for q in attempt.questions if q.status == "unanswered"]
        assert unanswered == ([papers[attempt.learner_key][-1]]
                              if attempt.learner_key == "id:cs-001" else [])
    stats = {q.id: q for q in analyse_quiz(POOLS, stored).questions}
    for question in POOLS.questions:
        drew = sum(question.id in paper for paper in papers.values())
        assert stats[question.id].scored == drew
    assert sum(q.statuses["unanswered"] for q in stats.values()) == 1


def test_a_format_1_file_of_a_drawing_quiz_is_graded_on_every_question():
    """Pages that write format 1 (today's widget) draw nothing: they show every question, and
    the file's paper is every question of its version (today's final-assessment files)."""
    from answerkit import answer_document

    doc = answer_document(POOLS, {"r0": "b", "r1": "a"}, learner_id="cs-001")
    attempt = grade(doc)
    assert [q.question for q in attempt.result.questions] == [q.id for q in POOLS.questions]
    assert [q.status for q in attempt.result.questions][:3] == ["correct", "wrong", "unanswered"]
    assert attempt.result.max_points == len(POOLS.questions)


# A conversation on an assessment page is linear: whatever the learner picks, the next step is
# the best path's next decision node, and each step is scored on its own (scoring, linear=True).
TALK = make_quiz(single("s1"), scenario("c1", points=5), mode="assessment", required=True)
TALK_PRACTICE = make_quiz(single("s1"), scenario("c1", points=5))


def _graded(quiz, mode: str, answers: dict, *, assessment_page: bool):
    reg = registry.parse(registry_text([quiz], mode=mode))
    course = grading_course(quizzes=[quiz], reg=reg)
    doc = page_answer_file(quiz, answers, reg=reg, learner_id="cs-001",
                           assessment_page=assessment_page)
    return grade_file(parse(json.dumps(doc).encode()), course, source="a.json")


def test_an_assessment_page_scenario_is_scored_step_by_step():
    # start: "bad" (+0) then mid: "best" (+3): 3 of the best path's 5 points, 5 × 3/5 = 3.
    attempt = _graded(TALK, "assessment", {"s1": "b", "c1": ["bad", "best"]},
                      assessment_page=True)
    talk = next(r for r in attempt.result.questions if r.question == "c1")
    assert (talk.points, talk.max_points, talk.picked) == (3.0, 5.0, ("bad", "best"))
    assert (attempt.result.points, attempt.result.max_points) == (4.0, 6.0)


def test_the_registry_mode_says_the_page_was_an_assessment_even_in_authored_ids():
    attempt = _graded(TALK, "assessment", {"s1": "b", "c1": ["bad", "best"]},
                      assessment_page=False)
    assert next(r for r in attempt.result.questions if r.question == "c1").points == 3.0


def test_a_practice_page_scenario_keeps_the_path():
    attempt = _graded(TALK_PRACTICE, "practice", {"s1": "b", "c1": ["bad"]},
                      assessment_page=False)
    talk = next(r for r in attempt.result.questions if r.question == "c1")
    assert (talk.points, talk.ending) == (0.0, "end-bad")
    with pytest.raises(BadAnswerFile) as caught:
        _graded(TALK_PRACTICE, "practice", {"s1": "b", "c1": ["bad", "best"]},
                assessment_page=False)
    assert caught.value.message == ("answers[1]: question 'c1': 'best' is not a choice at step "
                                    "'end-bad' — ask the learner for the file as the quiz page "
                                    "saved it")


@pytest.mark.parametrize("answer, wrong", [
    (["best"], "best"),  # a step-2 reply at step 1
    (["good", "good"], "good"),  # a step-1 reply at step 2
])
def test_a_reply_at_the_wrong_step_is_named_as_the_page_names_it(answer, wrong):
    """On an assessment page a step's authored id (or a reply's) could tell the learner where the
    conversation goes; the refusal, which `course collect` sends back to the page, names the reply
    by its opaque id and the step by its number."""
    reg = registry.parse(registry_text([TALK], mode="assessment"))
    ids = OpaqueIds(TALK, reg.salt)
    doc = page_answer_file(TALK, {"s1": "b"}, reg=reg, learner_id="cs-001")
    chat = next(a for a in doc["answers"] if a["question"] == ids.question("c1"))
    chat["answer"] = [ids.item("c1", choice) for choice in answer]
    with pytest.raises(BadAnswerFile) as caught:
        grade_file(parse(json.dumps(doc).encode()),
                   grading_course(quizzes=[TALK], reg=reg), source="a.json")
    index = doc["answers"].index(chat)
    assert caught.value.message == (
        f"answers[{index}]: question '{ids.question('c1')}': '{ids.item('c1', wrong)}' is not a "
        f"choice at step {len(answer)}" + FIX)
    assert not {"best", "good", "start", "mid"} & set(caught.value.message.replace("'", " ")
                                                       .split())


def test_an_option_listed_twice_in_an_opaque_file_is_named_by_its_opaque_id():
    doc = page_answer_file(MANY, {}, reg=MANY_REG, learner_id="cs-001")
    item = next(a for a in doc["answers"] if a["question"] == MANY_IDS.question("m"))
    twice = MANY_IDS.item("m", "a")
    item["answer"] = [twice, twice]
    with pytest.raises(BadAnswerFile) as caught:
        grade_file(parse(json.dumps(doc).encode()), MANY_COURSE, source="a.json")
    assert caught.value.message == (f"answers[{doc['answers'].index(item)}]: question "
                                    f"'{MANY_IDS.question('m')}': option '{twice}' is listed "
                                    "twice" + FIX)


MANY = make_quiz(multiple("m"), mode="assessment", required=True)
MANY_REG = registry.parse(registry_text([MANY], mode="assessment"))
MANY_COURSE = grading_course(quizzes=[MANY], reg=MANY_REG)
MANY_IDS = OpaqueIds(MANY, MANY_REG.salt)
