"""Moodle XML, checked against what Moodle's importer (question/format/xml/format.php) reads.

Elements and attributes required by the importer: every <question> has a type; a category has
<category><text>; every other question has <name><text> (import stops without it),
<questiontext format=…><text>, <generalfeedback>, <defaultgrade>, <penalty>, <hidden>; a
multichoice has <single>, <shuffleanswers>, <answernumbering> and <answer fraction=…> with
<text> and <feedback><text>; fractions must match Moodle's grade list within 0.00001
(match_grade_options), and the positive grades of a multiple-answer question must add up to
100% (qtype_multichoice::save_question_options); a truefalse has two answers whose text is
exactly "true" and "false"; an ordering question has <layouttype>, <selecttype>,
<selectcount>, <gradingtype> and its answers in the right order.
"""

import itertools

import lxml.html
import pytest
from lxml import etree

from generator.banks.moodle import ALL_GRADES, GRADES, moodle_xml
from generator.models.quiz import MultipleChoice, Ordering, Quiz, SingleChoice, TrueFalse
from generator.scoring import grade_question

NUMBERINGS = {"abc", "ABCD", "123", "iii", "IIII", "none"}
GRADINGS = {"all_or_nothing": "ALL_OR_NOTHING", "position": "ABSOLUTE_POSITION",
            "adjacent_pairs": "RELATIVE_NEXT_EXCLUDE_LAST"}


def _export(loaded, quizzes=None):
    exported = moodle_xml(loaded, quizzes or [e.quiz for e in loaded.quizzes])
    return exported, etree.fromstring(exported.data)


def _text(element, path):
    found = element.find(path)
    assert found is not None, f"missing {path} in {etree.tostring(element)[:200]!r}"
    return found.text or ""


def _is_grade(percent: str) -> bool:
    return any(abs(float(percent) / 100 - grade) < 0.00001 for grade in ALL_GRADES)


def _questions(root):
    """[(category path, question element)] in file order."""
    category, found = None, []
    for question in root.iter("question"):
        if question.get("type") == "category":
            category = _text(question, "category/text")
        else:
            found.append((category, question))
    return found


def test_the_file_is_moodle_xml_with_one_category_per_quiz_and_one_per_pool(bundled):
    exported, root = _export(bundled)
    assert exported.data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<quiz>")
    assert root.tag == "quiz"
    categories = [q for q in root.iter("question") if q.get("type") == "category"]
    expected = []
    for entry in bundled.quizzes:
        path = f"$course$/top/抖音电商退款与售后实务/{entry.quiz.title}"
        expected += [(path, entry.quiz.id)]
        expected += [(f"{path}/{d.pool}", f"{entry.quiz.id}/{d.pool}") for d in entry.quiz.draw]
    assert [(_text(c, "category/text"), _text(c, "idnumber")) for c in categories] == expected
    assert len(expected) == 7 + 6  # seven quizzes; the final's six pools
    assert all(c.find("info").get("format") == "html" for c in categories)
    types = [q.get("type") for _, q in _questions(root)]
    assert exported.written == len(types) == 140  # all 165 but the 25 conversations
    assert {t: types.count(t) for t in set(types)} == {"multichoice": 84, "truefalse": 44,
                                                       "ordering": 12}


def test_a_drawn_quiz_says_how_a_moodle_quiz_draws_from_its_pools(bundled):
    final = bundled.quiz("final-assessment").quiz
    exported, root = _export(bundled, [final])
    by_category = {}
    for category, element in _questions(root):
        by_category.setdefault(category.rpartition("/")[2], []).append(_text(element, "name/text"))
    assert list(by_category) == [d.pool for d in final.draw]
    for pool, ids in by_category.items():
        assert ids == [q.id for q in final.questions if q.pool == pool and q.type != "scenario"]
        assert len(ids) == 11
    note = ("“结业考核”每份试卷从每个抽题组随机抽题：rules 11 道里抽 6 道、communication 11 道里抽 6 道、"
            "inspection 11 道里抽 6 道、refund-methods 11 道里抽 6 道、reviews 11 道里抽 6 道、"
            "training 11 道里抽 6 道。每个抽题组是这个测验下的一个子类别；在 Moodle 测验里从每个子类别添加"
            "相应数量的随机题。")
    assert exported.notes[0] == note
    first = next(i for i, q in enumerate(root) if q.tag == "question")
    assert root[first - 1].tag is etree.Comment and root[first - 1].text == f" {note} "


def test_every_question_has_what_the_importer_requires(bundled):
    _, root = _export(bundled)
    by_id = {q.id: (e.quiz, q) for e in bundled.quizzes for q in e.quiz.questions}
    for category, element in _questions(root):
        quiz, question = by_id[_text(element, "name/text")]
        assert category.endswith(f"/{quiz.title}" + (f"/{question.pool}" if question.pool
                                                      else ""))
        assert _text(element, "idnumber") == question.id
        assert element.find("questiontext").get("format") == "html"
        assert _text(element, "questiontext/text").startswith("<p>")
        assert element.find("generalfeedback/text") is not None
        assert float(_text(element, "defaultgrade")) == question.points
        assert 0 <= float(_text(element, "penalty")) <= 1
        assert _text(element, "hidden") == "0"
        for text in element.iter("text"):
            if text.text and text.text.startswith("<"):
                lxml.html.fragments_fromstring(text.text)  # well-formed enough to display
                assert "lesson:" not in text.text and "{{" not in text.text


def test_single_choice_is_multichoice_single_with_one_right_answer(bundled):
    _, root = _export(bundled)
    questions = {q.id: q for e in bundled.quizzes for q in e.quiz.questions}
    for _, element in _questions(root):
        question = questions[_text(element, "name/text")]
        if not isinstance(question, SingleChoice):
            continue
        assert element.get("type") == "multichoice"
        assert _text(element, "single") == "true"
        assert _text(element, "shuffleanswers") in ("true", "false")
        assert _text(element, "answernumbering") in NUMBERINGS
        for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
            assert element.find(f"{tag}/text") is not None
        answers = element.findall("answer")
        assert [a.get("fraction") for a in answers] == [
            "100" if option.correct else "0" for option in question.options]
        for answer, option in zip(answers, question.options):
            assert answer.get("format") == "html"
            assert answer.find("text") is not None and answer.find("feedback/text") is not None
            assert bool(_text(answer, "feedback/text")) == bool(option.feedback)


def _moodle_fraction(answers, picked: set[int]) -> float:
    # qtype_multichoice_multi_question::grade_response: the sum of the picked answers'
    # fractions, kept between 0 and 1.
    total = sum(float(answers[i].get("fraction")) / 100 for i in picked)
    return min(max(total, 0.0), 1.0)


@pytest.mark.parametrize("course", ["bundled", "quizcourse"])
def test_multiple_choice_grades_are_moodle_grades_that_score_like_the_course(course, request):
    loaded = request.getfixturevalue(course)
    _, root = _export(loaded)
    questions = {q.id: q for e in loaded.quizzes for q in e.quiz.questions}
    checked = 0
    for _, element in _questions(root):
        question = questions[_text(element, "name/text")]
        if not isinstance(question, MultipleChoice):
            continue
        assert _text(element, "single") == "false"
        answers = element.findall("answer")
        fractions = [a.get("fraction") for a in answers]
        assert all(_is_grade(f) for f in fractions), fractions
        assert round(sum(float(f) for f in fractions if float(f) > 0) / 100, 2) == 1.0
        ids = [option.id for option in question.options]
        for size in range(len(ids) + 1):
            for picked in itertools.combinations(range(len(ids)), size):
                ours = grade_question(question, [ids[i] for i in picked]).points / question.points
                theirs = _moodle_fraction(answers, set(picked))
                if question.scoring == "partial":
                    assert theirs == pytest.approx(ours, abs=0.00001)
                else:
                    # No all-or-nothing in Moodle: any wrong pick scores 0 there too, and the
                    # exact right set scores 100%; only a subset of the right ones differs.
                    right = {i for i, o in enumerate(question.options) if o.correct}
                    if set(picked) - right or set(picked) == right:
                        assert theirs == pytest.approx(ours, abs=0.00001)
                    else:
                        assert ours == 0 and 0 <= theirs < 1
                checked += 1
    assert checked >= 32  # every answer of at least one five-option question


def test_true_false_has_answers_true_and_false_with_their_feedback(bundled):
    _, root = _export(bundled)
    questions = {q.id: q for e in bundled.quizzes for q in e.quiz.questions}
    for _, element in _questions(root):
        question = questions[_text(element, "name/text")]
        if not isinstance(question, TrueFalse):
            continue
        assert element.get("type") == "truefalse"
        answers = {_text(a, "text"): a for a in element.findall("answer")}
        assert set(answers) == {"true", "false"}
        right = "true" if question.answer else "false"
        assert answers[right].get("fraction") == "100"
        assert answers["false" if question.answer else "true"].get("fraction") == "0"
        if question.feedback and question.feedback.true:
            assert _text(answers["true"], "feedback/text").startswith("<p>")


def test_ordering_uses_the_ordering_type_with_the_answers_in_the_right_order(bundled):
    _, root = _export(bundled)
    questions = {q.id: q for e in bundled.quizzes for q in e.quiz.questions}
    seen = 0
    for _, element in _questions(root):
        question = questions[_text(element, "name/text")]
        if not isinstance(question, Ordering):
            continue
        seen += 1
        assert element.get("type") == "ordering"
        assert _text(element, "layouttype") == "VERTICAL"
        assert _text(element, "selecttype") == "ALL"  # every step shown, not a random subset
        answers = element.findall("answer")
        assert _text(element, "selectcount") == str(len(answers)) == str(len(question.items))
        assert _text(element, "gradingtype") == GRADINGS[question.scoring]
        assert [lxml.html.fromstring(_text(a, "text")).text_content() for a in answers] == [
            item.text for item in question.items]
    assert seen == 12


def test_scenarios_are_left_out_with_a_comment_and_a_note(bundled):
    exported, root = _export(bundled)
    comments = [c.text for c in root.iter(etree.Comment)]
    assert " 情景对话“day-eight-dress”没有导出：Moodle 没有分支对话的题型。 " in comments
    assert exported.notes[-1].startswith(
        "25 道情景对话没有导出：Moodle 没有分支对话的题型（day-eight-dress, no-pickup-refund, ")
    assert exported.notes[-2] == ("6 道多选题在课程里全对才得分；在 Moodle 里选错任何一个得 0 分，但只选对一部分"
                                 "会得部分分（Moodle 没有全对才得分的多选题）。")


def _quiz(questions):
    return Quiz.model_validate({"id": "edge", "title": "边界", "questions": questions})


def test_a_penalty_between_moodle_grades_takes_the_nearest_and_says_so(quizcourse):
    options = [{"id": f"o{i}", "text": f"选项{i}", "correct": i < 4} for i in range(6)]
    quiz = _quiz([{"id": "m", "type": "multiple", "scoring": "partial", "penalty": 1.5,
                   "prompt": "选出全部", "options": options}])
    exported, root = _export(quizcourse, [quiz])
    fractions = [a.get("fraction") for a in root.iter("answer")]
    assert fractions == ["25", "25", "25", "25", "-40", "-40"]  # −37.5% is no Moodle grade
    assert exported.notes == ["多选题“m”：错选扣分 -37.5% 不在 Moodle 的分值表里，取最接近的 -40%。"]


def test_a_question_whose_share_is_no_moodle_grade_is_left_out(quizcourse):
    options = [{"id": f"o{i}", "text": f"选项{i}", "correct": i < 11} for i in range(12)]
    quiz = _quiz([{"id": "many", "type": "multiple", "scoring": "partial", "prompt": "选出全部",
                   "options": options}])
    exported, root = _export(quizcourse, [quiz])
    assert exported.written == 0 and not _questions(root)
    assert exported.notes == ["多选题“many”有 11 个正确选项，Moodle 的分值表没有 1/11，这道题没有导出。"]


def test_the_grade_list_is_moodles():
    # question_bank::ensure_fraction_options_initialised(): p/q for q ≤ 6, p/10, 1/q for
    # q ≤ 10, and 1/20, to 7 decimals.
    wanted = {round(p / q, 7) for q in range(1, 7) for p in range(q + 1)}
    wanted |= {p / 10 for p in range(11)} | {round(1 / q, 7) for q in range(1, 11)} | {0.05}
    assert set(GRADES) == wanted
