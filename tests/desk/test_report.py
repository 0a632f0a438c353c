"""generator.desk.report and charts: one self-contained, escaped HTML report."""

from __future__ import annotations

import datetime
import html
import re
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser

import pytest

from answerkit import fixture_course, fixture_quiz
from desktools import stored
from generator.desk import charts
from generator.desk.analysis import analyse_quiz
from generator.desk.report import ReportInput, learner_rows, render_report
from test_analysis import cohort

EVIL = "<script>alert(1)</script>"


def report_data(language="zh", extra=()):
    attempts = cohort() + list(extra)
    loaded = fixture_course()
    return ReportInput(
        course_title="退款<实务>测试课", language=language,
        generated_on=datetime.date(2026, 11, 26), use="best", attempts=len(attempts),
        quizzes=[analyse_quiz(entry.quiz, attempts) for entry in loaded.quizzes],
        learners=learner_rows(attempts),
        lesson_titles={entry.lesson.id: entry.lesson.title for entry in loaded.lessons})


@pytest.fixture(scope="module")
def page():
    evil = stored(99, "evil", "final", [("final-one", 1, 1, ["next-day"], None),
                                        ("final-two", 1, 1, ["false"], None)], name=EVIL)
    return render_report(report_data(extra=[evil]))


def test_the_report_has_its_sections(page):
    for section in ("overview", "quiz-practice", "quiz-final", "learners", "method"):
        assert f'id="{section}"' in page
    assert f"<h1>{html.escape('退款<实务>测试课')} · 成绩与题目分析</h1>" in page
    assert "生成于 2026-11-26。共 11 份答卷，11 名学员。" in page
    assert page.count('<svg class="chart histogram"') == 2
    assert page.count('<svg class="chart quality"') == 1  # the final quiz has too few attempts


def test_nothing_is_loaded_from_anywhere(page):
    assert "http://" not in page and "https://" not in page and "//" not in re.sub(
        r"<style>.*?</style>", "", page, flags=re.S).replace("<!doctype", "")
    assert not re.search(r"<(script|link|img|iframe|object|embed)\b", page, re.I)
    assert "@import" not in page and "url(" not in page and "@font-face" not in page
    for target in re.findall(r'(?:href|src)="([^"]*)"', page):
        assert target.startswith("#"), target


def test_a_learner_name_is_escaped(page):
    assert EVIL not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_broken_questions_are_flagged_with_their_lesson(page):
    flagged = re.search(r'<div class="flagged" role="note">(.*?)</div>', page, re.S).group(1)
    assert '<a href="#q-practice-pick-one">第 1 题</a>：区分度为负' in flagged
    assert '<a href="#q-practice-all-tags">第 3 题</a>：答对率很低' in flagged
    assert "对应课程：七天无理由退货" in flagged
    assert 'class="question flagged-q" id="q-practice-pick-one"' in page


def test_options_endings_and_metrics_are_shown(page):
    article = re.search(r'<article[^>]*id="q-practice-pick-one".*?</article>', page, re.S).group(0)
    assert "✓ 同意退货" in article and "✗ 拒绝" in article
    assert "5 人 · 50%" in article and "3 人 · 30%" in article
    assert "<dd>0.50" in article and "<dd>−1.00</dd>" in article
    # How many attempts the question counted in, unanswered ones included (not "answered").
    assert "计入 10 份作答" in article
    scenario = re.search(r'<article[^>]*id="q-practice-chat-flow".*?</article>', page,
                         re.S).group(0)
    assert "买家满意地退了货。" in scenario and "（没有走完对话）" in scenario
    assert "4 人 · 40% · 平均得分 100%" in scenario


def test_the_learner_table_shows_each_quiz(page):
    table = re.search(r'<table class="learners">.*?</table>', page, re.S).group(0)
    assert table.count("<tr>") == 12
    assert '<td class="none">—</td>' in table and "未通过" in table


def test_the_html_is_well_formed(page):
    class Balance(HTMLParser):
        void = {"meta", "br"}  # (SVG shapes are written self-closing)

        def __init__(self):
            super().__init__()
            self.stack = []

        def handle_starttag(self, tag, attrs):
            if tag not in self.void:
                self.stack.append(tag)

        def handle_startendtag(self, tag, attrs):
            pass

        def handle_endtag(self, tag):
            assert self.stack and self.stack[-1] == tag, (tag, self.stack[-5:])
            self.stack.pop()

    parser = Balance()
    parser.feed(page)
    assert parser.stack == []


def test_every_chart_is_valid_svg_with_a_title(page):
    svgs = re.findall(r"<svg .*?</svg>", page, re.S)
    assert len(svgs) >= 5
    for svg in svgs:
        root = ElementTree.fromstring(svg)
        assert root.get("role") == "img" and root.get("viewBox").startswith("0 0 360 ")
        assert root.find("title").text and root.find("desc").text


def test_english_courses_get_english_words():
    page = render_report(report_data(language="en"))
    assert '<html lang="en">' in page
    assert "results and item analysis" in page and "Negative discrimination" in page
    assert "成绩" not in page
    assert "attempts counted: 10" in page and " answered</" not in page


def test_learner_rows_use_the_latest_name_and_sort_by_name():
    a = stored(1, "x", "practice", [("pick-one", 1, 1, (), None)], name="Zed")
    b = stored(2, "x", "final", [("final-one", 0, 1, (), None)], name="Zed Li")
    c = stored(3, "y", "practice", [("pick-one", 0, 1, (), None)], name="amy")
    rows = learner_rows([a, b, c])
    assert [(r.name, r.results) for r in rows] == [
        ("amy", {"practice": (0, False)}),
        ("Zed Li", {"practice": (100, True), "final": (0, False)})]


def test_histogram_marks_the_pass_line_and_counts():
    svg = charts.histogram((0, 2, 0, 0, 0, 0, 5, 0, 0, 1), 0.6, "T", "及格线 60%", "得分", "D")
    assert 'class="bar pass"' in svg and 'class="bar fail"' in svg
    assert ">5</text>" in svg and ">及格线 60%</text>" in svg
    ElementTree.fromstring(svg)


def test_bars_shorten_long_labels_and_keep_the_full_text_in_a_title():
    svg = charts.bars([charts.Bar("很长" * 30, 0.5, "1 人", False)], "T", "D")
    assert "很长" * 14 + "很…" in svg and f"<title>{'很长' * 30}</title>" in svg


def test_quality_map_draws_flagged_questions_as_diamonds():
    svg = charts.quality_map([charts.Point("1", 0.2, -0.5, True), charts.Point("2", 0.8, 0.4,
                                                                             False)],
                             "T", "D", "答对率", "区分度", "需要检查", 0.3)
    assert svg.count('class="dot flagged"') == 1 and svg.count("<circle") == 1
    ElementTree.fromstring(svg)


def test_the_fixture_quiz_is_analysed_in_quiz_order():
    stats = analyse_quiz(fixture_quiz("practice"), cohort())
    assert [q.number for q in stats.questions] == [1, 2, 3, 4, 5, 6]


def test_quality_map_labels_of_clustered_questions_do_not_overlap():
    points = [charts.Point(str(n), 0.6 + n * 0.005, 0.4, False) for n in range(1, 7)]
    svg = charts.quality_map(points, "T", "D", "x", "y", "z", 0.3)
    spots = [(float(x), float(y)) for x, y in re.findall(
        r'<text class="dot-label" x="([\d.-]+)" y="([\d.-]+)"', svg)]
    assert len(spots) == 6
    for i, (x1, y1) in enumerate(spots):
        for x2, y2 in spots[i + 1:]:
            assert abs(y1 - y2) >= 12 or abs(x1 - x2) >= 9


def test_prompts_are_shown_as_plain_text():
    from generator.desk.report import _shorten

    assert _shorten("**最晚**哪天？见 [本课](lesson:x#y)，`代码`\n下一行", 100) == (
        "最晚哪天？见 本课，代码 下一行")
    assert _shorten("一二三四五", 4) == "一二三…"


def test_the_report_says_how_far_its_numbers_can_be_trusted():
    from dataclasses import replace

    from generator.desk.report import Integrity

    attempts = [stored(1, "ann", "final", [("final-one", 1, 1, (), None)], flags=("late",)),
                replace(stored(2, "bob", "final", [("final-one", 0, 1, (), None)]),
                        left_out=(("final-two", "changed"),)),
                replace(stored(3, "cat", "final", [("final-one", 1, 1, (), None)], verified=True),
                        changed=("final-two",))]
    facts = Integrity.of(attempts, roster=False)
    assert facts == Integrity(False, 2, True, True, 1)
    data = replace(report_data(), integrity=facts, learners=learner_rows(attempts))
    page = render_report(data)
    for line in ("身份未核实：没有导入学员名单，姓名和工号都是学员自己填写的。",
                 "培训负责人的决定：修改过的题目不计入得分（--changed exclude）。",
                 "修改过的题目计 0 分，满分不变（默认）。",
                 "超时提交的答卷：1 份（已计分并标出）。"):
        assert f'<p class="meta">{line}</p>' in page
    assert '100% <span class="word">通过</span> <span class="tag">超时</span>' in page
    with_roster = render_report(replace(data, integrity=Integrity.of(attempts, roster=True)))
    assert "没有导入学员名单" not in with_roster
    assert "部分答卷的身份未核实（2 份）" in with_roster
    quiet = render_report(replace(data, integrity=Integrity.of(attempts[2:3], roster=True)))
    assert "身份未核实" not in quiet and "不计入得分" not in quiet
