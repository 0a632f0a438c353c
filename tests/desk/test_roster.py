"""generator.desk.roster: a trainer's CSV in, learners or every problem out."""

from __future__ import annotations

import codecs

import pytest

from generator.desk.roster import RosterEntry, RosterError, parse_roster


def problems(data: bytes) -> list[str]:
    with pytest.raises(RosterError) as caught:
        parse_roster(data, "staff.csv")
    return caught.value.problems


def test_a_plain_roster():
    parsed = parse_roster("id,name,group\ncs-017,王小明,售后一组\nCS-018,李四,\n".encode(),
                          "staff.csv")
    assert parsed.entries == [RosterEntry("cs-017", "王小明", "售后一组"),
                              RosterEntry("CS-018", "李四", None)]
    assert parsed.encoding == "UTF-8" and parsed.ignored_columns == ()


def test_excel_csv_utf8_with_bom_crlf_chinese_headers_and_extra_columns():
    text = "工号,姓名,部门,电话\r\n cs-017 , 王小明 ,售后,138\r\n\r\n\"cs-020\",\"张, 三\",,\r\n"
    parsed = parse_roster(codecs.BOM_UTF8 + text.encode("utf-8"), "staff.csv")
    assert parsed.entries == [RosterEntry("cs-017", "王小明", "售后"),
                              RosterEntry("cs-020", "张, 三", None)]
    assert parsed.ignored_columns == ("电话",)


def test_excel_plain_csv_on_chinese_windows_is_gbk_and_read_as_such():
    parsed = parse_roster("工号,姓名\ncs-017,王小明\n".encode("gbk"), "staff.csv")
    assert parsed.encoding == "GBK" and parsed.entries == [RosterEntry("cs-017", "王小明")]


@pytest.mark.parametrize("data, expected", [
    ("id,name\r\ncs-1,A\r\n".encode("utf-16"),
     ['staff.csv: UTF-16 text (Excel\'s "Unicode text") — save it from Excel as '
      '"CSV UTF-8 (逗号分隔)"']),
    ("id,name\ncs-1,José\n".encode("latin-1"),
     ['staff.csv:2: not UTF-8 text (byte 0xe9) — save it from Excel as "CSV UTF-8 (逗号分隔)"']),
    (b"", ["staff.csv:1: the file is empty — put a header row (id,name,group) and one row per "
           "learner"]),
    (b"id,name\n", ["staff.csv:1: no learners below the header row — add one row per learner"]),
    ("姓名,部门\n王小明,A\n".encode(),
     ["staff.csv:1: no id column (the header row names: 姓名, 部门) — name the columns id, name "
      "and optionally group (or 工号, 姓名, 分组)"]),
], ids=["utf-16", "latin-1", "empty", "header-only", "no-id-column"])
def test_files_that_cannot_be_a_roster(data, expected):
    assert problems(data) == expected


def test_every_problem_is_reported_at_once_and_nothing_is_returned():
    text = ("id,name,group\n"
            "cs-1,王小明,A\n"
            ",无工号,A\n"
            "cs-2,,A\n"
            "CS-1,重复,A\n"
            f"cs-3,{'长' * 101},A\n"
            "cs-4,坏\u202e名,A\n"
            "cs-5,多,A,额外\n"
            "cs-6,好,A\n")
    assert problems(text.encode()) == [
        "staff.csv:3: no id — every learner needs the staff id they type on quiz pages",
        "staff.csv:4: no name for 'cs-2' — the name is printed on certificates; fill it in",
        "staff.csv:5: id 'CS-1' is already on line 2 (ids are compared ignoring case) — give "
        "each learner their own id",
        "staff.csv:6: the name is longer than 100 characters — shorten it",
        "staff.csv:7: the name '坏\\u202e名' contains a control character — remove it (copying "
        "from another program can bring one along)",
        "staff.csv:8: 4 cells but the header has 3 columns — a name or group with a comma must "
        "be in double quotes"]
