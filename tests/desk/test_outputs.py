"""generator.desk.outputs: CSV for Excel, JSON for machines, tables for the terminal."""

from __future__ import annotations

import csv
import datetime
import io
import json
from dataclasses import replace

import pytest

from generator.desk.outputs import (
    Graded,
    Skipped,
    csv_text,
    excel_safe,
    json_text,
    summary_table,
    table,
    width,
)


def graded(name="张三", status="new", score=0.755, left_out=(), quiz="final", passed=True,
           source="in/张三.json", **more):
    return Graded(source, status, name, None, quiz, score, score * 2, 2.0, passed, left_out,
                  datetime.datetime(2026, 11, 20, 8, 10), **more)


@pytest.mark.parametrize("value, expected", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1", "'+1"), ("-2", "'-2"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("张三", "张三"), ("a=b", "a=b"), (42, 42),
])
def test_excel_safe(value, expected):
    assert excel_safe(value) == expected


def test_csv_rows_in_chinese_with_formula_names_defused():
    text = csv_text([graded(), graded(name="=cmd|' /C calc'!A0", status="known", left_out=(
        ("pick-one", "changed"), ("steps", "changed")), passed=False, score=0.3, attempt=2,
        identity_verified=True, flags=("late",))],
        [Skipped("坏.json", "file is empty"), Skipped("in/notes.txt", "not graded", note=True)],
        "zh")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["文件", "学员", "学员编号", "测验", "得分（%）", "得分", "满分",
                       "是否通过", "未计分的题目（题目已修改）", "提交时间（UTC）", "状态",
                       "第几次作答", "身份", "超时", "备注"]
    assert rows[1] == ["in/张三.json", "张三", "", "final", "76", "1.51", "2.0", "是", "",
                       "2026-11-20 08:10:00", "新记录", "", "未核实", "否", ""]
    assert rows[2][1] == "'=cmd|' /C calc'!A0"
    assert rows[2][7:] == ["否", "pick-one steps", "2026-11-20 08:10:00", "已在成绩册中", "2",
                           "已核实", "是",
                           "已在成绩册中；超过限时；题目已修改，不计入：pick-one, steps"]
    assert rows[3] == ["坏.json", "", "", "", "", "", "", "", "", "", "file is empty", "", "", "",
                       ""]
    assert len(rows) == 4  # notes (a text file in the folder) are not rows
    assert text.endswith("\r\n") and "\r\n" in text  # Excel's line ends


def test_csv_cells_show_bidi_and_control_characters_as_escapes():
    # Before: U+202E and the other bidi controls reached the spreadsheet raw, so a name or a
    # file name could read as something else there (terminal and HTML showed them escaped).
    bidi = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
    text = csv_text([replace(graded(name=f"张{bidi}三", source="in/evil\u202enosj.exe"),
                             learner_id="cs\x1b[31m-001\n"),
                     graded(name="\u202e=HYPERLINK(\"x\")"), graded(name="=1+1\u2066")],
                    [Skipped("bad\u2067.json", "first\u202e problem\nsecond\u2068 problem")],
                    "en")
    assert not any(c in text for c in bidi + "\x1b")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][:3] == ["in/evil\\u202enosj.exe",
                           "张\\u202a\\u202b\\u202c\\u202d\\u202e\\u2066\\u2067\\u2068"
                           "\\u2069\\u200e\\u200f\\u061c三", "cs\\x1b[31m-001\\n"]
    assert rows[2][1] == "\\u202e=HYPERLINK(\"x\")"  # starts with a backslash: not a formula
    assert rows[3][1] == "'=1+1\\u2066"  # a formula still gets its apostrophe
    assert rows[4][0] == "bad\\u2067.json"
    assert rows[4][10] == "first\\u202e problem\nsecond\\u2068 problem"  # a line each


def test_csv_in_english():
    header = csv_text([], [], "en").splitlines()[0]
    assert header == ("file,learner,learner id,quiz,score %,points,max points,passed,"
                      "questions not scored (changed since),submitted (UTC),status,attempt,"
                      "identity,late,notes")


def test_json_for_machines():
    document = json.loads(json_text([graded(left_out=(("q1", "changed"),), changed=("q2",))],
                                    [Skipped("x.json", "bad")], "课程"))
    assert document["summary"] == {"files": 2, "new": 1, "already_recorded": 0, "skipped": 1}
    assert document["graded"][0] == {
        "file": "in/张三.json", "status": "new", "learner": {"name": "张三", "id": None},
        "quiz": "final", "score": 0.755, "percent": 76, "points": 1.51, "max_points": 2.0,
        "passed": True, "left_out": [{"question": "q1", "why": "changed"}],
        "changed_counted_zero": ["q2"], "attempt": None, "identity_verified": False,
        "late": False, "answer_times_outside_attempt": False,
        "submitted_at": "2026-11-20T08:10:00Z"}
    assert document["skipped"] == [{"file": "x.json", "error": "bad", "problems": ["bad"]}]


def test_terminal_columns_line_up_with_chinese():
    text = table(["学员", "score"], [["张三丰", "1"], ["Bob", "22"]])
    lines = text.splitlines()
    assert lines == ["学员    score", "------  -----", "张三丰  1", "Bob     22"]
    assert width("张三a") == 5


def test_the_terminal_never_gets_control_characters():
    assert "\x1b" not in table(["x"], [["\x1b[2Jevil\nname"]])
    text = table(["x"], [["\x1b[2Jevil\nname\u202e"]])
    assert "\\x1b[2Jevil\\nname\\u202e" in text and "\u202e" not in text


def test_few_files_are_listed_one_by_one():
    text = summary_table([graded(), graded(status="known", left_out=(("q2", "changed"),))], {},
                         "en")
    assert "already in gradebook; left out, changed since: q2" in text
    assert text.splitlines()[0].split() == ["file", "learner", "quiz", "score", "result", "note"]


def test_many_files_are_summarised_per_quiz():
    rows = [graded(name=f"学员{i}", passed=i % 2 == 0) for i in range(60)]
    text = summary_table(rows, {"final": "结业考核"}, "en")
    assert text.splitlines() == [
        "quiz      files  learners  passed  pass rate  mean score",
        "--------  -----  --------  ------  ---------  ----------",
        "结业考核  60     60        30      50%        76%"]


def test_a_chinese_course_gets_the_table_in_chinese_lined_up():
    text = summary_table([graded(), graded(status="known", left_out=(("q2", "changed"),))], {},
                         "zh")
    lines = text.splitlines()
    assert lines[0].split() == ["文件", "学员", "测验", "得分", "结果", "备注"]
    assert "已在成绩册中；题目已修改，不计入：q2" in lines[3]
    name_at = lines[2].index("张三", len("in/张三.json"))  # the learner column, after the file's
    assert width(lines[0][:lines[0].index("学员")]) == width(lines[2][:name_at])
    rows = [graded(name=f"学员{i}", passed=i % 2 == 0) for i in range(60)]
    assert summary_table(rows, {"final": "结业考核"}, "zh").splitlines()[0].split() == [
        "测验", "文件数", "学员数", "通过", "通过率", "平均分"]
