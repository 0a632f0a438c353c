"""generator.checks.references: policy values, course links, and the lessons and headings
quizzes link to."""

from coursefolder import TODAY, lesson, make_course, problems
from coursefolder import load_checked as load
from generator.checks import check_course
from generator.checks.memo import CheckMemo
from generator.loading import LoadCache, load_course


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
    other = lesson("other",
                   extra="description: 见[术语](glossary:仅退款）和[规则](lesson:refund-rules\n")
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
    other = lesson("other",
                   extra="description: 写法 `[文字](lesson:课的id)` 和 `{{policy.名称}}`\n")
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
    make_course(here, lessons={
        "rules/refund-rules": lesson(extra="description: 期限 {{policy.days}}\n")},
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


def test_with_a_memo_each_run_finds_what_a_fresh_run_finds(here):
    """`course serve` keeps what the checks worked out from unchanged files (CheckMemo):
    an edit elsewhere that breaks or mends their links is still found, run after run."""
    linking = lesson("other", extra="description: 见 [完好](lesson:refund-rules#完好的标准) 和 "
                                    "[目标](lesson:refund-rules#学习目标)\n")
    make_course(here, lessons={"rules/refund-rules": lesson(), "rules/other": linking})
    cache, memo = LoadCache(), CheckMemo()

    def both() -> tuple[list[str], list[str]]:
        loaded = load_course(here / "content", here / "quizzes", cache)
        found = check_course(loaded, TODAY, memo=memo)
        return sorted(map(str, found)), sorted(map(str, check_course(
            load_course(here / "content", here / "quizzes"), TODAY)))

    assert both() == ([], [])
    target = here / "content/rules/refund-rules.yml"
    # The linked heading renamed: the unchanged lesson's link is now broken.
    target.write_text(lesson().replace("## 完好的标准", "## 完好"), encoding="utf-8")
    with_memo, fresh = both()
    assert with_memo == fresh == [
        "content/rules/other.yml:16:14: lesson 'refund-rules' has no heading '#完好的标准' — "
        "use one of: 完好",
        "quizzes/rules-practice.yml:8:13: lesson 'refund-rules' has no heading '#完好的标准' — "
        "use one of: 完好"]
    target.write_text(lesson(), encoding="utf-8")
    assert both() == ([], [])
    # The course's language names the lesson's own headings: no lesson file changed.
    course = here / "content/course.yml"
    course.write_text(course.read_text("utf-8").replace("language: zh", "language: en"), "utf-8")
    with_memo, fresh = both()
    assert with_memo == fresh and len(fresh) == 1
    assert fresh[0].startswith("content/rules/other.yml:16:14: lesson 'refund-rules' has no "
                               "heading '#学习目标'")
