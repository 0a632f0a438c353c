"""checks/items.py: the item checks through `course check` and `course build` — file:line:column,
warnings and --strict errors, silencing with a reason, thresholds from mkdocs.yml.

The checks themselves, each with its thresholds, are tested in test_item_checks.py.
"""

import subprocess
import sys

from coursefolder import MKDOCS_YML, make_course, problems
from generator.fingerprint import question_version, quiz_version
from generator.items.thresholds import ItemCheckRun
from helpers import run_course
from quizhelpers import make_quiz, single

FLAWED = """\
id: rules-practice
title: 练习
section: rules
{head}questions:
  - id: q1
    type: single
    prompt: 买家签收第 3 天申请无理由退货，商品完好，怎么办？
    lesson: refund-rules#完好的标准
    options:
      - id: approve
        text: 核对签收时间和订单标签后同意
        correct: true
      - id: refuse
        text: 拒绝
      - id: wait
        text: 等买家再问一次再说
"""
SHORT = ("short-distractor: wrong option 'refuse' is 2 characters against the correct option's "
         "14 (less than 33% of it) — write it as a full answer an agent might really give, as "
         "detailed as the correct one")


def check(root, *args):
    return run_course("check", "--today", "2026-11-26", *args, cwd=root)


def test_a_finding_names_the_option_and_is_a_warning(here):
    make_course(here, quizzes={"rules-practice": FLAWED.format(head="")})
    result = check(here)
    assert result.returncode == 0
    assert result.stderr.splitlines() == [f"quizzes/rules-practice.yml:13:9: warning: {SHORT}"]
    assert "1 warning," in result.stdout


def test_strict_makes_findings_in_an_assessment_errors(here):
    make_course(here, quizzes={"rules-practice": FLAWED.format(head="mode: assessment\n")})
    assert check(here).returncode == 0
    result = check(here, "--strict")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"quizzes/rules-practice.yml:14:9: {SHORT}",
                                          "course check: 1 error in 1 file"]


def test_strict_makes_findings_in_a_required_practice_quiz_errors(here):
    make_course(here, quizzes={"rules-practice": FLAWED.format(head="required: true\n")})
    assert check(here, "--strict").returncode == 1


def test_strict_leaves_findings_in_an_ungraded_practice_quiz_warnings(here):
    make_course(here, quizzes={"rules-practice": FLAWED.format(head="")})
    result = check(here, "--strict")
    assert result.returncode == 0
    assert result.stderr.splitlines() == [f"quizzes/rules-practice.yml:13:9: warning: {SHORT}"]


def test_strict_in_a_course_built_as_assessments_judges_every_quiz(here):
    make_course(here, quizzes={"rules-practice": FLAWED.format(head="")})
    run = ItemCheckRun(strict=True, every_quiz_assessed=True)
    assert problems(here, items=run) == [f"quizzes/rules-practice.yml:13:9: {SHORT}"]


def test_a_silence_names_its_reason(here):
    allowed = FLAWED.format(head="quality:\n  allow: [short-distractor]\n")
    make_course(here, quizzes={"rules-practice": allowed})
    result = check(here)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "quizzes/rules-practice.yml:5:3: missing required key 'reason' — add `reason:` here",
        "course check: 1 error in 1 file"]
    with_reason = FLAWED.format(head="quality:\n  allow: [short-distractor]\n"
                                     "  reason: 拒绝就是要考的错误做法\n")
    make_course(here, quizzes={"rules-practice": with_reason})
    result = check(here, "--strict")
    assert (result.returncode, result.stderr) == (0, "")


def test_an_unknown_check_name_lists_the_known_ones(here):
    allowed = FLAWED.format(head="quality:\n  allow: [longest-option]\n  reason: 原因\n")
    make_course(here, quizzes={"rules-practice": allowed})
    assert check(here).stderr.splitlines()[0] == (
        "quizzes/rules-practice.yml:5:11: 'allow' is the text 'longest-option' — use one of: "
        "longest-key, key-position, true-false-balance, absolute-words, all-of-the-above, "
        "short-distractor, scenario-longest, no-lesson")


def test_a_whole_quiz_check_allowed_on_a_question_is_an_error_with_its_place(here):
    quiz = FLAWED.format(head="") + "    quality:\n      allow: [longest-key]\n      reason: 原因\n"
    make_course(here, quizzes={"rules-practice": quiz})
    assert check(here).stderr.splitlines() == [
        "quizzes/rules-practice.yml:13:9: warning: " + SHORT,
        "quizzes/rules-practice.yml:18:15: 'longest-key' is judged over the whole quiz, so one "
        "question cannot allow it — move it to the quiz's `quality: allow:`",
        "course check: 1 error in 1 file"]


def test_thresholds_come_from_mkdocs_yml(here):
    make_course(here, quizzes={"rules-practice": FLAWED.format(head="")})
    (here / "mkdocs.yml").write_text(MKDOCS_YML.replace(
        "      quiz_dir: quizzes\n", "      quiz_dir: quizzes\n      item_checks:\n"
        "        short_distractor_ratio: 0.1\n"), encoding="utf-8")
    assert check(here).stderr == ""
    (here / "mkdocs.yml").write_text(MKDOCS_YML.replace(
        "      quiz_dir: quizzes\n", "      quiz_dir: quizzes\n      item_checks:\n"
        "        enabled: false\n"), encoding="utf-8")
    assert check(here).stderr == ""


def test_wrong_thresholds_are_clear_messages(here):
    make_course(here)
    (here / "mkdocs.yml").write_text(MKDOCS_YML.replace(
        "      quiz_dir: quizzes\n", "      quiz_dir: quizzes\n      item_checks:\n"
        "        longest_key_share: 40\n        tf_true_share: [0.7, 0.3]\n"
        '        tf_min_questions: "6"\n        longest_share: 0.4\n'), encoding="utf-8")
    result = check(here)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "mkdocs.yml:15:28: course plugin option 'item_checks.longest_key_share' must be at most "
        "1, not 40 — for example: longest_key_share: 0.4",
        "mkdocs.yml:16:24: course plugin option 'item_checks.tf_true_share' must be two shares, "
        "lowest first, like [0.3, 0.7] — for example: tf_true_share: [0.3, 0.7]",
        "mkdocs.yml:17:27: course plugin option 'item_checks.tf_min_questions' must be a whole "
        "number, not the text '6' — write it without quotes, for example: tf_min_questions: 6",
        "mkdocs.yml:18:24: unknown 'longest_share' in course plugin option 'item_checks' — use "
        "one of: enabled, longest_key_share, key_position_share, single_min_questions, "
        "short_distractor_ratio, tf_true_share, tf_min_questions",
        "course check: 4 errors in 1 file"]


def test_wrong_thresholds_stop_plain_mkdocs_with_the_same_messages(here):
    # MkDocs checks only that item_checks is a mapping; the plugin checks what is inside with
    # the declaration course check uses, and says where.
    make_course(here)
    (here / "mkdocs.yml").write_text(MKDOCS_YML.replace(
        "      quiz_dir: quizzes\n", "      quiz_dir: quizzes\n      item_checks:\n"
        "        longest_key_share: 40\n        longest_share: 0.4\n"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=here,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 1
    assert ("mkdocs.yml:15:28: course plugin option 'item_checks.longest_key_share' must be at "
            "most 1, not 40 — for example: longest_key_share: 0.4\n"
            "mkdocs.yml:16:24: unknown 'longest_share' in course plugin option 'item_checks' — "
            "use one of: enabled, longest_key_share, key_position_share, single_min_questions, "
            "short_distractor_ratio, tf_true_share, tf_min_questions\n") in result.stderr
    assert not (here / "site").exists()


def test_course_build_strict_agrees_with_course_check_strict(here):
    make_course(here, quizzes={"rules-practice": FLAWED.format(head="mode: assessment\n")})
    (here / "site").mkdir()
    (here / "site" / "index.html").write_text("previous", encoding="utf-8")
    result = run_course("build", "--strict", cwd=here)
    assert result.returncode == 1
    assert f"quizzes/rules-practice.yml:14:9: {SHORT}" in result.stderr
    assert (here / "site" / "index.html").read_text(encoding="utf-8") == "previous"
    # Without --strict the finding is a note and the site is built.
    result = run_course("build", cwd=here)
    assert result.returncode == 0, result.stderr
    assert f"quizzes/rules-practice.yml:14:9: warning: {SHORT}" in result.stderr


def test_plain_mkdocs_build_strict_judges_item_quality_as_course_build_strict(here):
    # `course build --strict` hands MkDocs its own --strict, which the plugin reads: one switch,
    # so the two commands cannot disagree.
    make_course(here, quizzes={"rules-practice": FLAWED.format(head="mode: assessment\n")})
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=here,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 1
    assert f"quizzes/rules-practice.yml:14:9: {SHORT}" in result.stderr
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=here,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert f"quizzes/rules-practice.yml:14:9: warning: {SHORT}" in result.stderr


def test_silencing_does_not_change_what_answer_files_were_made_for():
    plain = make_quiz(single("q1"))
    silenced = make_quiz(single("q1") | {"quality": {"allow": ["no-lesson"], "reason": "r"}},
                         quality={"allow": ["longest-key"], "reason": "r"})
    assert question_version(plain.questions[0]) == question_version(silenced.questions[0])
    assert quiz_version(plain) == quiz_version(silenced)


def test_a_silence_and_its_reason_stay_out_of_the_site(here):
    reason = "正确答案最长是因为要写全条件"
    quiz = FLAWED.format(head=f"mode: assessment\nquality:\n  allow: [short-distractor]\n"
                              f"  reason: {reason}\n")
    make_course(here, quizzes={"rules-practice": quiz})
    result = run_course("build", "--strict", cwd=here)
    assert result.returncode == 0, result.stderr
    assert "short-distractor" not in result.stderr
    for page in (here / "site").rglob("*"):
        if page.is_file() and page.suffix in (".html", ".js", ".json", ".xml"):
            text = page.read_text(encoding="utf-8")
            assert reason not in text and "short-distractor" not in text, page
