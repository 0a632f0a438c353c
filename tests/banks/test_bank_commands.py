"""`course export --questions` and `course import`, run as a trainer runs them."""

import os
import shutil
import time
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from bankbooks import FIXTURES, SINGLE_HEADERS, xlsx
from coursefolder import make_course
from helpers import ROOT, run_course


def _course_copy(tmp_path: Path) -> Path:
    for name in ("content", "quizzes"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def test_xlsx_export_is_byte_identical_and_honours_source_date_epoch(tmp_path):
    first = run_course("export", "--questions", "xlsx", "--out", str(tmp_path / "a"), cwd=ROOT)
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines()[-1] == (
        "course export: 165 questions from 7 quizzes → refund-course-questions.xlsx")
    assert first.stderr == ("course export: note: 25 scenarios listed for reference only (sheet "
                            "情景对话): they have no one-row form\n")
    time.sleep(1.1)
    run_course("export", "--questions", "xlsx", "--out", str(tmp_path / "b"), cwd=ROOT)
    name = "refund-course-questions.xlsx"
    assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    epoch = run_course("export", "--questions", "xlsx", "--out", str(tmp_path / "c"), cwd=ROOT,
                 env={"SOURCE_DATE_EPOCH": "1767225600"})
    assert epoch.returncode == 0
    dated = zipfile.ZipFile(tmp_path / "c" / name)
    assert {info.date_time for info in dated.infolist()} == {(2026, 1, 1, 0, 0, 0)}
    assert b"2026-01-01T00:00:00Z" in dated.read("docProps/core.xml")


def test_one_quiz_and_moodle(tmp_path):
    one = run_course("export", "--questions", "xlsx", "--quiz", "rules-practice", "--out",
               str(tmp_path), cwd=ROOT)
    assert one.returncode == 0, one.stderr
    assert (tmp_path / "refund-course-rules-practice-questions.xlsx").is_file()
    moodle = run_course("export", "--questions", "moodle", "--out", str(tmp_path), cwd=ROOT)
    assert moodle.returncode == 0, moodle.stderr
    assert moodle.stdout.splitlines()[-1] == (
        "course export: 140 of 165 questions from 7 quizzes → refund-course-moodle.xml")
    assert "course export: note: 25 道情景对话没有导出" in moodle.stderr
    assert "course export: note: “结业考核”每份试卷从每个抽题组随机抽题：rules 11 道里抽 6 道" in moodle.stderr
    root = etree.parse(str(tmp_path / "refund-course-moodle.xml")).getroot()
    assert root.tag == "quiz" and len(root.findall("question")) == 140 + 7 + 6


def test_export_options_that_do_not_go_together(tmp_path):
    for args, message in [
        (["--quiz", "rules-practice"], "course: --quiz needs --questions xlsx or --questions "
                                       "moodle"),
        (["--questions", "xlsx", "--assessment"], "course: --assessment does not apply to "
         "--questions: a question bank always holds the answer keys (keep it away from "
         "learners)"),
        (["--questions", "xlsx", "--quiz", "nope"], "course: there is no quiz 'nope'; use one "
         "of: rules-practice, communication-practice, inspection-practice, "
         "refund-methods-practice, reviews-practice, training-practice, final-assessment"),
    ]:
        result = run_course("export", *args, "--out", str(tmp_path), cwd=ROOT)
        assert (result.returncode, result.stderr.strip()) == (2, message)
    assert not any(tmp_path.iterdir())


def test_the_bundled_course_comes_back_through_the_command_and_course_check_passes(tmp_path):
    course = _course_copy(tmp_path / "course")
    bank = tmp_path / "bank.xlsx"
    run_course("export", "--questions", "xlsx", "--out", str(tmp_path), cwd=course)
    (tmp_path / "refund-course-questions.xlsx").rename(bank)
    for quiz, section, expected in [("rules-practice", "rules", "13 questions (6 single, 2 "
                                     "multiple, 4 true/false, 1 ordering)"),
                                    ("final-assessment", None, "66 questions (29 single, 12 "
                                     "multiple, 19 true/false, 6 ordering)")]:
        refused = run_course("import", str(bank), "--quiz", quiz, cwd=course)
        assert refused.returncode == 2
        assert refused.stderr.strip() == (f"course: quizzes/{quiz}.yml already exists; pass "
                                          "--force to replace it, or choose another --quiz")
        args = ["import", str(bank), "--quiz", quiz, "--force"] + (
            ["--section", section] if section else [])
        result = run_course(*args, cwd=course)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == (f"course import: {expected} from {bank} → "
                                         f"quizzes/{quiz}.yml — run `course check`")
        text = (course / "quizzes" / f"{quiz}.yml").read_text()
        assert text.startswith("# yaml-language-server: $schema=")
        assert "# 来自 单选题 第 " in text
    final = (course / "quizzes" / "final-assessment.yml").read_text()
    pools = ["rules", "communication", "inspection", "refund-methods", "reviews", "training"]
    # the replaced file's draw: is kept (its settings are; see keep.py)
    assert "draw:\n" + "".join(
        f"  - pool: {pool}\n    count: 6\n" for pool in pools) + "exam:\n" in final
    assert final.count("\n    pool: ") == 66 + 12  # and the 12 kept scenarios
    check = run_course("check", cwd=course)
    assert check.returncode == 0, check.stderr
    # The conversations of the two quizzes (2 and 12), which a workbook cannot carry, are kept
    # from the files that --force replaced
    assert "7 quizzes (165 questions)" in check.stdout


def test_force_over_an_assessment_keeps_its_settings_and_scenarios(tmp_path):
    """Export, fix a typo, import back: still an assessment with its exam, draw and
    conversations; only the non-scenario questions come from the workbook."""
    import yaml

    course = _course_copy(tmp_path / "course")
    run_course("export", "--questions", "xlsx", "--quiz", "final-assessment", "--out",
               str(tmp_path), cwd=course)
    bank = tmp_path / "refund-course-final-assessment-questions.xlsx"
    from openpyxl import load_workbook

    workbook = load_workbook(bank)
    sheet = workbook["单选题"]
    prompt_column = [c.value for c in sheet[1]].index("题干") + 1
    sheet.cell(2, prompt_column).value = "改过的题干：" + sheet.cell(2, prompt_column).value
    workbook.save(bank)
    old = yaml.safe_load((course / "quizzes" / "final-assessment.yml").read_text())
    result = run_course("import", str(bank), "--quiz", "final-assessment", "--force",
                        cwd=course)
    assert result.returncode == 0, result.stderr
    assert ("quizzes/final-assessment.yml: note: kept this file's quiz settings (title, "
            "description, lessons, mode, required, pass_mark, shuffle, draw, exam) and its 12 "
            "scenario questions (a workbook cannot carry them), and its order of questions; "
            "the other questions are the workbook's") in result.stderr.splitlines()
    new = yaml.safe_load((course / "quizzes" / "final-assessment.yml").read_text())
    assert {k: v for k, v in new.items() if k != "questions"} == \
        {k: v for k, v in old.items() if k != "questions"}
    assert new["mode"] == "assessment" and new["exam"]["attempts"] == 3
    assert [q["id"] for q in new["questions"]] == [q["id"] for q in old["questions"]]
    assert [q for q in new["questions"] if q["type"] == "scenario"] == \
        [q for q in old["questions"] if q["type"] == "scenario"]
    edited = [q for q in new["questions"] if q["prompt"].startswith("改过的题干：")]
    assert len(edited) == 1 and edited[0]["type"] == "single"
    assert run_course("check", cwd=course).returncode == 0


def _small_course(tmp_path: Path) -> Path:
    make_course(tmp_path)
    return tmp_path


def test_problems_are_listed_and_nothing_is_written(tmp_path):
    course = _small_course(tmp_path / "c")
    bank = tmp_path / "门店题库.xlsx"
    bank.write_bytes(xlsx({"单选题": [SINGLE_HEADERS,
                                   ["单选题", "能退吗？", "能", "不能", None, None, "E", None, None,
                                    None, None],
                                   ["单选题", "真的吗？", "是", "否", None, None, "A", None, "两分",
                                    None, None]]}))
    result = run_course("import", str(bank), "--quiz", "store-bank", cwd=course)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{bank}:单选题!G2: the answer names option E, which the row does not have (options: "
        "A–B) — fix the answer or add the option",
        f"{bank}:单选题!I3: the points '两分' are not a number above 0 and at most 1000 — write "
        "e.g. 2, or leave it empty for 1",
        f"course import: 2 problems in {bank}; nothing was written"]
    assert not (course / "quizzes" / "store-bank.yml").exists()


def test_what_only_the_course_knows_is_reported_at_the_cell_too(tmp_path):
    course = _small_course(tmp_path / "c")
    bank = tmp_path / "bank.xlsx"
    bank.write_bytes(xlsx({"单选题": [["题干", "选项A", "选项B", "正确答案", "课文"],
                                   ["期限是 {{policy.days}}？", "是", "否", "A", None],
                                   ["完好吗？", "是", "否", "A", "refund-rules#没有这个小标题"]]}))
    result = run_course("import", str(bank), "--quiz", "store-bank", cwd=course)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{bank}:单选题!A2: unknown policy 'days' — define it in policies.yml (known: none "
        "defined)",
        f"{bank}:单选题!E3: lesson 'refund-rules' has no heading '#没有这个小标题' — use one of: 依据与核对日期, "
        "学习目标, 完好的标准, 小结, 退款规则",
        f"course import: 2 problems in {bank}; nothing was written"]


def test_a_draw_larger_than_its_pool_is_reported_at_the_number_drawn(tmp_path):
    course = _small_course(tmp_path / "c")
    bank = tmp_path / "bank.xlsx"
    bank.write_bytes(xlsx({"单选题": [["题干", "选项A", "选项B", "正确答案", "知识点", "抽题数"],
                                   ["完好吗？", "是", "否", "A", "basics", 3],
                                   ["拆了吗？", "是", "否", "B", "basics", 3]]}))
    result = run_course("import", str(bank), "--quiz", "store-bank", cwd=course)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{bank}:单选题!F2: draw of 3 from pool 'basics', which has only 2 questions — draw at "
        "most 2, or add questions to the pool",
        f"course import: 1 problem in {bank}; nothing was written"]
    bank.write_bytes(xlsx({"单选题": [["题干", "选项A", "选项B", "正确答案", "知识点", "抽题数"],
                                   ["完好吗？", "是", "否", "A", "basics", 1],
                                   ["拆了吗？", "是", "否", "B", "basics", 1]]}))
    result = run_course("import", str(bank), "--quiz", "store-bank", cwd=course)
    assert result.returncode == 0, result.stderr
    assert "draw:" in (course / "quizzes" / "store-bank.yml").read_text()
    assert run_course("check", cwd=course).returncode == 0


def test_a_good_bank_becomes_a_quiz_that_course_check_accepts(tmp_path):
    course = _small_course(tmp_path / "c")
    bank = tmp_path / "门店题库.xlsx"
    bank.write_bytes(xlsx({"Sheet1": [
        ["题型", "题干", "选项A", "选项B", "正确答案", "知识点", "难度"],
        ["单选题", "签收第 3 天，商品完好，怎么办？", "A、同意", "B、拒绝", "A", "退款规则", "易"],
        ["判断题", "拆开包装就不能退。", None, None, "×", None, None]]}))
    result = run_course("import", str(bank), "--quiz", "store-bank", "--section", "rules",
                        cwd=course)
    assert result.returncode == 0, result.stderr
    quiz = (course / "quizzes" / "store-bank.yml").read_text()
    assert "title: 门店题库  # 测验标题：显示在网站上\nsection: rules\n" in quiz
    assert "    lesson: refund-rules\n" in quiz and "  # 难度：易（课程不使用难度，仅作记录）\n" in quiz
    assert run_course("check", cwd=course).returncode == 0


@pytest.mark.parametrize("args, message", [
    (["--quiz", "Store Bank"], "course: 'Store Bank' is not a valid quiz id: use lowercase "
                               "letters, digits and hyphens, e.g. store-bank"),
    (["--quiz", "bank", "--section", "nope"], "course: 'nope' is not a section of the course; "
                                              "use one of: rules, communication"),
    (["--quiz", "bank", "--out", "quizzes/other.yml"], "course: --out quizzes/other.yml: a quiz "
                                                       "file is named after its id: bank.yml"),
    (["--quiz", "rules-practice", "--out", "elsewhere/rules-practice.yml"],
     "course: quiz id 'rules-practice' is already used by quizzes/rules-practice.yml; choose "
     "another --quiz"),
])
def test_import_options_are_checked_before_anything_is_read(tmp_path, args, message):
    course = _small_course(tmp_path / "c")
    bank = tmp_path / "bank.xlsx"
    bank.write_bytes(b"not read")
    result = run_course("import", str(bank), *args, cwd=course)
    assert (result.returncode, result.stderr.strip()) == (2, message)


@pytest.mark.parametrize("make, message", [
    (lambda p: p.write_bytes("题型,题干\n".encode()), "this is not an Excel workbook: it looks "
     "like a text file (CSV) — open it in Excel or WPS and save it as Excel 工作簿 (.xlsx)"),
    (lambda p: shutil.copy(FIXTURES / "password-protected.xlsx", p), "the workbook is "
     "password-protected (encrypted)"),
    (lambda p: shutil.copy(FIXTURES / "excel-97-2003.xls", p), "this is an old-format Excel"),
    (lambda p: p.write_bytes(os.urandom(4096)), "this is not an Excel workbook"),
    (lambda p: p.write_bytes(xlsx({"单选题": [SINGLE_HEADERS]})[:300]), "the workbook is damaged"),
])
def test_a_bad_file_is_one_line_and_never_a_traceback(tmp_path, make, message):
    course = _small_course(tmp_path / "c")
    bank = tmp_path / "bank.xlsx"
    make(bank)
    result = run_course("import", str(bank), "--quiz", "bank", cwd=course)
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"{bank}: {message}")
    assert "Traceback" not in result.stderr


def test_a_20_mb_file_is_refused_before_it_is_read(tmp_path):
    course = _small_course(tmp_path / "c")
    bank = tmp_path / "huge.xlsx"
    with bank.open("wb") as handle:  # sparse: 20 MB on paper, nothing on disk
        handle.truncate(20 * 1024 * 1024)
    result = run_course("import", str(bank), "--quiz", "bank", cwd=course)
    assert (result.returncode, result.stderr.strip()) == (1, (
        f"{bank}: the file is 20.0 MB, over the 10 MB limit for a question bank (a bank of "
        "thousands of questions is well under 1 MB) — remove pictures and other sheets, or "
        "split the bank into several files"))


def _rows(count: int) -> bytes:
    return xlsx({"单选题": [SINGLE_HEADERS] + [
        ["单选题", f"第 {i} 题：买家签收后第 3 天申请无理由退货，商品完好，怎么办？", "A、同意", "B、拒绝",
         "C、让买家找平台", "D、不理", "A", "七天无理由退货期内，商品完好应当同意。", 1, "易", "七天无理由"]
        for i in range(count)]})


def test_10000_rows_are_read_and_refused_with_the_course_file_limit(tmp_path):
    course = _small_course(tmp_path / "c")
    bank = tmp_path / "big.xlsx"
    bank.write_bytes(_rows(10_000))
    started = time.perf_counter()
    result = run_course("import", str(bank), "--quiz", "bank", cwd=course)
    elapsed = time.perf_counter() - started
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{bank}: the 10,000 questions make a quiz file of 5.8 MB, over the 1 MB limit for one "
        "course file — split the bank into workbooks of at most about 1,716 such questions and "
        "import each as its own quiz",
        f"course import: 1 problem in {bank}; nothing was written"]
    assert elapsed < 30  # about 4 s on the project's machine


def test_1500_rows_are_imported(tmp_path):
    course = _small_course(tmp_path / "c")
    bank = tmp_path / "bank.xlsx"
    bank.write_bytes(_rows(1_500))
    result = run_course("import", str(bank), "--quiz", "bank", cwd=course)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("course import: 1500 questions (1500 single) from ")
    assert run_course("check", cwd=course).returncode == 0


def test_a_title_the_site_cannot_show_is_named_with_where_it_came_from(tmp_path):
    course = _small_course(tmp_path / "c")
    bank = tmp_path / "题库<1>.xlsx"
    bank.write_bytes(xlsx({"单选题": [["题干", "选项A", "选项B", "正确答案"], ["q", "a", "b", "A"]]}))
    result = run_course("import", str(bank), "--quiz", "bank", cwd=course)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"{bank}: the quiz title '题库<1>' (--title, else the file's name): a title cannot contain "
        "< or > (pages would read it as HTML) — write ＜ ＞ or 《 》 instead")
