"""generator.loading + generator.checks: a whole course folder, every problem in one run."""

import datetime
import os

import pytest

from coursefolder import LESSON_YML, make_course
from generator.errors import AuthorError
from generator.loading import label_for, load_course

TODAY = datetime.date(2026, 11, 26)


def load(root, **kwargs):
    return load_course(root / "content", root / "quizzes", today=TODAY, **kwargs)


def problems(root, **kwargs) -> list[str]:
    with pytest.raises(AuthorError) as caught:
        load(root, **kwargs)
    return [str(p) for p in caught.value.problems]


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # messages name files relative to where the author works
    return tmp_path


def lesson(ident="refund-rules", title="退款规则", order=1, extra=""):
    return LESSON_YML.format(id=ident, title=title, order=order) + extra


def test_valid_course_loads_in_order(here):
    make_course(here, lessons={
        "communication/talk": lesson("talk", "沟通", 1),
        "rules/b-second": lesson("b-second", "第二课", 2),
        "rules/refund-rules": lesson(),
    })
    loaded = load(here)
    assert [e.lesson.id for e in loaded.lessons] == ["refund-rules", "b-second", "talk"]
    assert [e.quiz.id for e in loaded.quizzes] == ["rules-practice"]
    assert loaded.warnings == []


def test_missing_course_file(here):
    (here / "content").mkdir()
    assert problems(here) == [
        "content/course.yml: course file is missing — run `course new course` or create it "
        "with title, audience and sections"]


def test_every_problem_of_every_file_in_one_run(here):
    make_course(here, lessons={
        "rules/refund-rules": lesson().replace("objectives:", "obectives:"),
        "rules/other": lesson("other").replace("title: 退款规则", "title: a\ntitle: b"),
    }, quizzes={"rules-practice": "id: rules-practice\ntitle: [x]\n"})
    assert problems(here) == [
        "content/rules/other.yml:3:1: duplicate key 'title' (first used on line 2) — "
        "remove one of them; YAML would silently keep the last",
        "content/rules/refund-rules.yml:4:1: unknown key 'obectives' — did you mean "
        "'objectives'?",
        "quizzes/rules-practice.yml:1:1: missing required key 'questions' — add `questions:` here",
        "quizzes/rules-practice.yml:2:8: 'title' must be text, got a list — "
        "write one text, not a list",
    ]


def test_lesson_outside_a_section_folder(here):
    make_course(here, extra={"content/stray.yml": lesson("stray")})
    assert problems(here) == [
        "content/stray.yml: lesson file is not inside a section folder — "
        "move it to content/<section id>/stray.yml"]


def test_folder_that_is_not_a_section(here):
    make_course(here, lessons={"rules/refund-rules": lesson(), "ruels/x": lesson("x")})
    assert problems(here) == [
        "content/ruels/x.yml: folder 'ruels' is not a section of the course — add it to "
        "sections in course.yml, or move the file to one of: rules, communication"]


def test_id_must_match_file_name(here):
    make_course(here, lessons={"rules/refund-rules": lesson(), "rules/other": lesson("another")})
    assert problems(here) == [
        "content/rules/other.yml:1:5: id 'another' does not match the file name 'other.yml' — "
        "rename the file to another.yml or change the id to other"]


def test_id_mismatch_suggests_only_a_valid_id(here):
    make_course(here, lessons={"rules/refund-rules": lesson(), "rules/Other Notes": lesson("other")})
    assert problems(here) == [
        "content/rules/Other Notes.yml:1:5: id 'other' does not match the file name "
        "'Other Notes.yml' — rename the file to other.yml"]


def test_duplicate_lesson_ids_across_sections(here):
    make_course(here, lessons={"rules/refund-rules": lesson(),
                               "communication/refund-rules": lesson()})
    assert problems(here) == [
        "content/communication/refund-rules.yml:1:5: lesson id 'refund-rules' is also used by "
        "content/rules/refund-rules.yml — give each lesson its own id"]


def test_duplicate_section_ids(here):
    course = "title: t\naudience: a\nsections:\n  - id: rules\n    title: A\n  - id: rules\n    title: B\n"
    make_course(here, course=course)
    assert problems(here) == [
        "content/course.yml:6:9: duplicate section id 'rules' (first used on line 4) — "
        "ids must be unique; rename one of them"]


def test_link_to_unknown_lesson_and_anchor(here):
    other = lesson("other", extra="description: 见 [规则](lesson:refund-rulez) 和 "
                                  "[完好](lesson:refund-rules#完好标准)\n")
    make_course(here, lessons={"rules/refund-rules": lesson(), "rules/other": other})
    assert problems(here) == [
        "content/rules/other.yml:16:14: lesson 'refund-rules' has no heading '#完好标准' — "
        "use one of: 完好的标准",
        "content/rules/other.yml:16:14: unknown lesson 'refund-rulez' — did you mean "
        "'refund-rules'?"]


def test_links_that_would_show_as_raw_text(here):
    other = lesson("other", extra="description: 见[术语](glossary:仅退款）和[规则](lesson:refund-rules\n")
    make_course(here, lessons={"rules/refund-rules": lesson(), "rules/other": other})
    assert problems(here) == [
        "content/rules/other.yml:16:14: link '(glossary:仅退款）和[规则](lesson:refund-rules' is "
        "not closed, so it would show as raw text — write it as [text](kind:id) with ASCII "
        "brackets and no spaces inside the ( )",
        "content/rules/other.yml:16:14: link '(lesson:refund-rules' is not closed, so it would "
        "show as raw text — write it as [text](kind:id) with ASCII brackets and no spaces "
        "inside the ( )"]


def test_link_target_ending_in_a_full_width_bracket(here):
    other = lesson("other", extra="description: 见[术语](glossary:仅退款）再看(这里)\n")
    make_course(here, lessons={"rules/refund-rules": lesson(), "rules/other": other})
    assert problems(here) == [
        "content/rules/other.yml:16:14: link target 'glossary:仅退款）再看(这里' contains a "
        "full-width '）' — end the link with an ASCII ')': [text](glossary:仅退款)"]


def test_links_and_policy_names_inside_code_are_not_checked(here):
    other = lesson("other", extra="description: 写法 `[文字](lesson:课的id)` 和 `{{policy.名称}}`\n")
    make_course(here, lessons={"rules/refund-rules": lesson(), "rules/other": other})
    loaded = load(here)
    assert loaded.lesson("other") is not None


def test_problems_inside_a_text_block_point_at_their_own_line_and_column(here):
    other = lesson("other").replace(
        "  打开包装检查不影响完好。\n",
        "  打开包装检查不影响完好。\n  先看[规则](lesson:refund-rulez)，\n"
        "  再看 `[示例](lesson:nowhere)` 和期限 {{policy.dayz}}。\n")
    make_course(here, lessons={"rules/refund-rules": lesson(), "rules/other": other})
    assert problems(here) == [
        "content/rules/other.yml:12:10: unknown lesson 'refund-rulez' — did you mean "
        "'refund-rules'?",
        "content/rules/other.yml:13:33: unknown policy 'dayz' — define it in policies.yml "
        "(known: none defined)"]


def test_question_links_to_missing_anchor(here):
    make_course(here, quizzes={"rules-practice": (
        "id: rules-practice\ntitle: 练习\nsection: rules\nquestions:\n  - id: q1\n"
        "    type: true_false\n    prompt: 对吗\n    answer: true\n"
        "    lesson: refund-rules#不存在\n")})
    assert problems(here) == [
        "quizzes/rules-practice.yml:9:13: lesson 'refund-rules' has no heading '#不存在' — "
        "use one of: 依据与核对日期, 学习目标, 完好的标准, 小结, 退款规则"]


def test_unknown_policy_name(here):
    make_course(here, lessons={"rules/refund-rules": lesson(extra="description: 期限 {{policy.days}}\n")},
                extra={"content/policies.yml": (
                    "policies:\n  no_reason_days:\n    label: 期限\n    value: 7 天\n"
                    "    as_of: 2026-11-20\n    source:\n      title: 消保法\n")})
    assert problems(here) == [
        "content/rules/refund-rules.yml:16:14: unknown policy 'days' — define it in "
        "policies.yml (known: no_reason_days)"]


def test_misspelt_policy_name_gets_a_suggestion(here):
    make_course(here, lessons={"rules/refund-rules": lesson(
        extra="description: 期限 {{policy.no_reason_dayz}}\n")},
                extra={"content/policies.yml": (
                    "policies:\n  no_reason_days:\n    label: 期限\n    value: 7 天\n"
                    "    as_of: 2026-11-20\n    source:\n      title: 消保法\n")})
    assert problems(here) == [
        "content/rules/refund-rules.yml:16:14: unknown policy 'no_reason_dayz' — did you mean "
        "'no_reason_days'?"]


def test_a_broken_policy_file_is_one_error_not_one_per_reference(here):
    make_course(here, lessons={"rules/refund-rules": lesson(
        extra="description: 期限 {{policy.no_reason_days}}，见[期限](policy:no_reason_days)\n")},
                extra={"content/policies.yml": (
                    "policies:\n  no_reason_days:\n    label: 期限\n    value: 7 天\n"
                    "    as_of: soon\n    source:\n      title: 消保法\n")})
    assert problems(here) == [
        "content/policies.yml:5:12: 'as_of' must be a date like 2026-11-20, got the text 'soon' "
        "— write the date as YYYY-MM-DD"]


def test_a_broken_glossary_is_one_error_not_one_per_link(here):
    make_course(here, lessons={"rules/refund-rules": lesson(
        extra="description: 先看[仅退款](glossary:仅退款)\n")},
                extra={"content/glossary.yml": (
                    "terms:\n  - trm: 仅退款\n    definition: 不退货只退钱\n")})
    assert problems(here) == ["content/glossary.yml:2:5: unknown key 'trm' — did you mean 'term'?"]


def test_a_broken_quiz_file_does_not_make_links_to_it_broken(here):
    make_course(here, lessons={"rules/refund-rules": lesson(
        extra="description: 做[练习](quiz:rules-practice)\n")},
                quizzes={"rules-practice": "id: rules-practice\ntitle: 练习\npass_mark: 80\n"
                                           "questions: []\n"})
    found = problems(here)
    assert found and all(line.startswith("quizzes/rules-practice.yml") for line in found), found


def test_quiz_refers_to_unknown_section_and_lesson(here):
    make_course(here, quizzes={"rules-practice": (
        "id: rules-practice\ntitle: 练习\nsection: rulez\nlessons: [refund-rulez]\n"
        "questions:\n  - id: q1\n    type: true_false\n    prompt: 对吗\n    answer: true\n")})
    assert problems(here) == [
        "quizzes/rules-practice.yml:3:10: unknown section 'rulez' — use one of: "
        "communication, rules",
        "quizzes/rules-practice.yml:4:11: unknown lesson 'refund-rulez' — did you mean "
        "'refund-rules'?"]


def test_stale_review_dates_are_warnings(here):
    make_course(here, lessons={"rules/refund-rules": lesson().replace("2026-11-20", "2026-01-02")},
                extra={"content/policies.yml": (
                    "policies:\n  no_reason_days:\n    label: 期限\n    value: 7 天\n"
                    "    as_of: 2025-01-01\n    source:\n      title: 消保法\n")})
    loaded = load(here)
    assert [str(w) for w in loaded.warnings] == [
        "content/policies.yml:5:12: warning: policy 'no_reason_days' was last checked on "
        "2025-01-01, more than 180 days ago — re-read the current rules and update the date",
        "content/rules/refund-rules.yml:15:14: warning: lesson was last checked on 2026-01-02, "
        "more than 180 days ago — re-read the current rules and update the date",
    ]
    assert load(here, stale_after_days=400).warnings[1:] == []


def test_review_date_in_the_future_is_an_error(here):
    make_course(here, lessons={"rules/refund-rules": lesson().replace("2026-11-20", "2027-01-01")})
    assert problems(here) == [
        "content/rules/refund-rules.yml:15:14: lesson date 2027-01-01 is in the future — "
        "write the date the check was done"]


def test_lesson_without_sources_is_a_warning(here):
    text = lesson().replace("sources:\n  - title: 《消费者权益保护法》第二十五条\n", "")
    make_course(here, lessons={"rules/refund-rules": text})
    assert [str(w) for w in load(here).warnings] == [
        "content/rules/refund-rules.yml:1:1: warning: lesson has no sources — add `sources:` "
        "naming the rules or laws it is based on"]


def test_label_for_is_relative_inside_the_working_folder_and_full_outside(tmp_path, monkeypatch):
    inside = tmp_path / "course" / "content" / "a.yml"
    inside.parent.mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "course")
    assert label_for(inside) == os.path.join("content", "a.yml")
    assert label_for(tmp_path / "answers" / "b.json") == str(tmp_path / "answers" / "b.json")
