"""Quiz pages and the progress page: golden Markdown, the widget's JSON, and the built HTML."""

import html
import json
import re
import shutil
from pathlib import Path

import pytest

from generator.catalogue import strings as catalogue
from generator.fingerprint import question_version as version
from generator.integrity.opaque import OpaqueIds
from generator.render.pages import render_progress
from generator.render.quiz import (
    json_attribute,
    question_data,
    quiz_data,
    render_quiz,
)
from generator.shuffle import display_order
from helpers import assert_golden
from quizhelpers import (
    QUIZ_COURSE,
    build_fixture_course,
    fixture_course,
    load_quizzes,
    make_quiz,
    multiple,
    ordering,
    registry_salt,
    scenario,
    single,
    true_false,
)

GOLDEN = Path(__file__).parent / "golden"
SALT = "0123456789abcdef0123456789abcdef"
DATA = re.compile(r'<div class="course-quiz" [^>]*data-json="([^"]*)"')


@pytest.fixture(scope="module")
def course():
    loaded, _ = fixture_course()
    return loaded


def page_data(page: str) -> dict:
    return json.loads(html.unescape(DATA.search(page).group(1)))


@pytest.mark.parametrize("quiz_id, golden", [
    ("basics-practice", "quiz-practice.md"),
    ("service-scenario", "quiz-scenario.md"),
    ("final-exam", "quiz-assessment.md"),
])
def test_quiz_pages_golden(course, quiz_id, golden):
    assert_golden(golden, render_quiz(course, course.quiz(quiz_id),
                                      salt=registry_salt(QUIZ_COURSE)))


def test_progress_page_golden(course):
    assert_golden("progress.md", render_progress(course))


def test_practice_data_carries_the_key_the_widget_needs():
    q = make_quiz(single(points=2), multiple(penalty=0.5), true_false(answer=False),
                  ordering(items=("a", "b", "c")), scenario(start="start"))
    assert [question_data(x, assessment=False) for x in q.questions] == [
        {"id": "s", "type": "single", "version": version(q.questions[0]),
         "points": 2.0, "options": ["a", "b", "c"], "correct": ["b"]},
        {"id": "m", "type": "multiple", "version": version(q.questions[1]),
         "points": 1, "options": ["a", "b", "c", "d"], "correct": ["a", "b"],
         "scoring": "partial", "penalty": 0.5},
        {"id": "t", "type": "true_false", "version": version(q.questions[2]),
         "points": 1, "answer": False},
        {"id": "o", "type": "ordering", "version": version(q.questions[3]),
         "points": 1, "items": [i.id for i in display_order(q.questions[3])],
         "solution": ["a", "b", "c"], "scoring": "position"},
        {"id": "c", "type": "scenario", "version": version(q.questions[4]),
         "points": 1, "start": "start", "best": 5, "nodes": [
             {"id": "start", "choices": [{"id": "good", "next": "mid", "points": 2},
                                         {"id": "bad", "next": "end-bad", "points": 0}]},
             {"id": "mid", "choices": [{"id": "fine", "next": "end-good", "points": 1},
                                       {"id": "best", "next": "end-good", "points": 3}]},
             {"id": "end-good", "choices": []}, {"id": "end-bad", "choices": []}]},
    ]


def test_assessment_data_holds_nothing_that_tells_right_from_wrong():
    q = make_quiz(single(), multiple(), true_false(), ordering(items=("a", "b", "c")), scenario())
    ids = OpaqueIds(q, SALT)
    data = [question_data(x, True, ids) for x in q.questions]
    assert [sorted(d) for d in data] == [
        ["id", "options", "type", "version"], ["id", "options", "type", "version"],
        ["id", "type", "version"], ["id", "items", "type", "version"],
        ["id", "nodes", "start", "type", "version"]]
    assert [d["id"] for d in data] == [ids.question(x) for x in "smtoc"]
    assert data[0]["options"] == sorted(ids.item("s", o) for o in "abc")
    assert data[3]["items"] == sorted(ids.item("o", s) for s in "abc")


def test_an_assessment_conversation_is_the_best_path_then_one_neutral_end():
    q = make_quiz(scenario())
    ids = OpaqueIds(q, SALT)
    start, mid, end = ids.node("c", "start"), ids.node("c", "mid"), ids.end_node("c")
    data = question_data(q.questions[0], True, ids)
    assert data["start"] == start
    assert data["nodes"] == [
        {"id": start, "choices": [{"id": c, "next": mid}
                                  for c in sorted([ids.item("c", "good"), ids.item("c", "bad")])]},
        {"id": mid, "choices": [{"id": c, "next": end}
                                for c in sorted([ids.item("c", "fine"), ids.item("c", "best")])]},
        {"id": end, "choices": []}]


def test_an_assessment_page_without_the_salt_is_refused():
    q = make_quiz(single(), mode="assessment")
    with pytest.raises(ValueError, match="pass ids"):
        question_data(q.questions[0], True)
    with pytest.raises(ValueError, match="pass ids"):
        quiz_data(_Bundle(), q, True)


def test_assessment_data_numbers_the_pools_and_carries_exam_and_identity():
    q = make_quiz(single("a1", pool="rules"), single("a2", pool="rules"),
                  true_false("b1", pool="talk"), mode="assessment", required=True,
                  draw=[{"pool": "talk", "count": 1}, {"pool": "rules", "count": 1}],
                  exam={"time_limit": 30, "attempts": 2, "after_submit": "count"})
    ids = OpaqueIds(q, SALT)
    data = quiz_data(_Bundle(), q, True, ids)
    assert data["identity"] is True
    assert data["draw"] == [[0, 1], [1, 1]]
    assert data["exam"] == {"time_limit": 30, "attempts": 2, "after_submit": "count",
                            "grace": 2, "late": "flag"}
    pools = {question["id"]: question["pool"] for question in data["questions"]}
    assert pools == {ids.question("a1"): 1, ids.question("a2"): 1, ids.question("b1"): 0}
    assert [question["id"] for question in data["questions"]] == sorted(pools)
    assert "rules" not in json_attribute(data) and "talk" not in json_attribute(data)


def test_a_practice_page_without_draw_or_identity_has_no_such_keys(course):
    data = quiz_data(course, course.quiz("basics-practice").quiz, assessment=False)
    assert not {"identity", "draw", "exam"} & set(data)


def test_steps_never_start_in_the_right_order():
    for n in range(2, 9):
        for name in ("a", "b", "steps", "x-y"):
            q = make_quiz(ordering(qid=name, items=[f"s{i}" for i in range(n)])).questions[0]
            assert [i.id for i in display_order(q)] != [f"s{i}" for i in range(n)]


def test_quiz_data_top_level(course):
    quiz = course.quiz("basics-practice").quiz
    data = quiz_data(course, quiz, assessment=False)
    assert {k: v for k, v in data.items() if k != "questions"} == {
        "quiz": "basics-practice", "title": "基础练习", "course": "测验组件测试课程",
        "language": "zh", "version": data["version"], "mode": "practice", "passMark": 0.75,
        "shuffle": {"questions": True, "options": True}, "ui": catalogue("zh")["widget"]}
    assert [q["id"] for q in data["questions"]] == [q.id for q in quiz.questions]  # YAML order


def test_shuffle_true_means_both():
    assert quiz_data(_Bundle(), make_quiz(single(), shuffle=True),
                     False)["shuffle"] == {"questions": True, "options": True}
    assert quiz_data(_Bundle(), make_quiz(single()), False)["shuffle"] == {
        "questions": False, "options": False}
    assert quiz_data(_Bundle(), make_quiz(single(), shuffle={"questions": True}), False)[
        "shuffle"] == {"questions": True, "options": True}  # options default to true


class _Bundle:
    class course:
        title = "课程"
        language = "en"


def test_json_in_an_attribute_cannot_end_it():
    value = {"title": "\"'><script>&amp; \u2028"}
    text = json_attribute(value)
    assert not set(text) & set("\"'<>")
    assert json.loads(html.unescape(text)) == value


def test_english_course_gets_english_interface(tmp_path):
    folder = tmp_path / "course"
    shutil.copytree(QUIZ_COURSE, folder)
    course_file = folder / "content" / "course.yml"
    course_file.write_text(course_file.read_text(encoding="utf-8").replace("language: zh",
                                                                           "language: en"),
                           encoding="utf-8")
    loaded, _ = load_quizzes(folder / "content", folder / "quizzes")
    page = render_quiz(loaded, loaded.quiz("basics-practice"))
    assert '<legend><span class="course-q-number">Question 1</span> · Single choice</legend>' in page
    assert "**Why:**" in page and "Review: " in page
    assert page_data(page)["ui"] == catalogue("en")["widget"]
    assert "Progress" in render_progress(loaded).splitlines()[0]


# The built pages: what MkDocs made of the Markdown above.

@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_fixture_course(tmp_path_factory, assessment=False)


def test_built_quiz_page_renders_author_markdown_and_rewrites_links(site):
    page = (site / "quiz" / "basics-practice.html").read_text(encoding="utf-8")
    assert "markdown=" not in page  # every md_in_html marker was consumed
    assert "<strong>第一天</strong>" in page  # Markdown in a prompt
    assert ('<div class="course-feedback" data-feedback="day-4" hidden="hidden">\n'
            "<p>没错，从签收的第二天开始算起。</p>\n</div>") in page
    assert '<a href="../basics/return-window.html#从签收次日起算">复习：七天从哪天算</a>' in page
    assert ('<label><input type="radio" name="basics-practice--start-day" value="day-4"> '
            '<span class="course-option-text">4 号</span></label>') in page
    assert page_data(page)["quiz"] == "basics-practice"


def test_built_progress_page_links_to_built_pages(site):
    page = (site / "progress.html").read_text(encoding="utf-8")
    assert ('<li data-progress-lesson="return-window"><a href="basics/return-window.html">'
            '七天从哪天算</a> <span class="course-progress-state"></span></li>') in page
    assert ('<li data-progress-quiz="final-exam"><a href="quiz/final-exam.html">结业考核</a> '
            '<span class="course-progress-state"></span></li>') in page
    assert ".md\"" not in page
    strings = re.search(r'data-strings="([^"]*)"', page).group(1)
    zh = catalogue("zh")
    assert json.loads(html.unescape(strings)) == {**zh["progress"],
                                                  "no_storage": zh["widget"]["no_storage"]}


def test_built_scenario_keeps_every_node_readable_without_javascript(site):
    page = (site / "quiz" / "service-scenario.html").read_text(encoding="utf-8")
    for node in ("open", "checked", "angry", "happy-end", "saved-end", "complaint-end"):
        assert f'data-node="{node}" id="service-scenario--late-parcel--{node}"' in page
    assert ('<a class="course-goto" href="#service-scenario--late-parcel--checked">→ 转到第 2 步'
            "</a>") in page
    assert '<span class="course-tag">7天无理由</span><span class="course-tag">极速退款</span>' in page


def test_what_a_learner_picks_carries_no_policy_date_marker():
    # A date marker on the one option that cites a rule value would point at the answer.
    from generator.checks import checked
    from generator.loading import load_course

    root = Path(__file__).resolve().parent.parent
    loaded = checked(load_course(root / "content", root / "quizzes"))
    pickable = re.compile(r'<span class="course-(?:option|step)-text">(.*?)</span>')
    citing = [option.text for entry in loaded.quizzes for q in entry.quiz.questions
              for option in getattr(q, "options", None) or getattr(q, "items", None) or []
              if "{{" in option.text]
    assert citing, "the course should have options that cite a policy value"
    salt = registry_salt(root)
    for entry in loaded.quizzes:
        page = render_quiz(loaded, entry, salt=salt)
        texts = pickable.findall(page)
        assert texts
        assert [text for text in texts if "course-policy-date" in text or "{{" in text] == []
        # Prompts and explanations still show where a value comes from.
    pages = "".join(render_quiz(loaded, entry, salt=salt) for entry in loaded.quizzes)
    assert "{.course-policy-date" in pages
