"""The workbook: the same bytes on every run, readable by spreadsheet software, text kept as text."""

import datetime
import io
import time
import zipfile

import pytest
from openpyxl import load_workbook

from generator.banks.rows import SOURCE_SHEET, SheetData, bank_sheets
from generator.banks.xlsx_export import BankExportError, workbook_bytes

WHEN = datetime.datetime(2026, 11, 20, tzinfo=datetime.timezone.utc)


def _bank(loaded, when=WHEN):
    return workbook_bytes(bank_sheets(loaded, [e.quiz for e in loaded.quizzes]), when,
                          loaded.course.title)


def test_two_runs_give_the_same_bytes(bundled):
    first = _bank(bundled)
    time.sleep(1.1)  # openpyxl stamps the clock to the second; a second later it differs
    assert _bank(bundled) == first


def test_every_date_in_the_file_is_the_export_date(bundled):
    when = datetime.datetime(2025, 3, 4, 5, 6, 8, tzinfo=datetime.timezone.utc)
    archive = zipfile.ZipFile(io.BytesIO(_bank(bundled, when)))
    assert {info.date_time for info in archive.infolist()} == {(2025, 3, 4, 5, 6, 8)}
    core = archive.read("docProps/core.xml").decode()
    assert core.count("2025-03-04T05:06:08Z") == 2  # created and modified
    assert "<dc:creator" in core and "course export" in core
    assert archive.namelist()[-1] == "[Content_Types].xml"  # openpyxl's order, kept


def test_spreadsheet_software_reads_back_what_was_written(bundled):
    book = load_workbook(io.BytesIO(_bank(bundled)))
    assert book.sheetnames == ["说明", "单选题", "多选题", "判断题", "排序题", "情景对话", SOURCE_SHEET]
    assert book.active.title == "说明"
    assert book[SOURCE_SHEET].sheet_state == "hidden"
    assert all(book[name].sheet_state == "visible" for name in book.sheetnames[:-1])
    single = book["单选题"]
    assert single["A1"].value == "题型" and single["A1"].font.bold
    assert single.freeze_panes == "C2"
    assert [c.value for c in single[2]][:7] == [
        "单选题", "买家 11 月 3 日 14:00 签收了一件卫衣，订单标签只有“7天无理由”。他想无理由退货，最晚哪一天提交申请"
        "还算在期限内？", "11 月 9 日（签收当天算第 1 天）", "11 月 10 日（签收次日算第 1 天）",
        "11 月 7 日（从 10 月 31 日发货那天算）", "11 月 11 日（4 日加上 7 天）", "B"]
    assert single["I2"].value == 1 and single["I2"].data_type == "n"
    assert single.column_dimensions["B"].width == 48
    # Rows tall enough for their wrapped text (not every spreadsheet fits them itself), printed
    # one page wide with the header row on every page.
    assert single.row_dimensions[2].height == 48  # 题干 and 选项A反馈 wrap to three lines
    assert single.page_setup.fitToWidth == 1 and single.page_setup.orientation == "landscape"
    assert single.print_title_rows == "$1:$1"
    guide = book["说明"]
    assert "A2:B2" in {str(r) for r in guide.merged_cells.ranges}  # paragraphs span the page


def test_a_text_that_looks_like_a_formula_stays_text():
    sheet = SheetData("单选题", "single", ["题型", "题干"], [["单选题", "=SUM(A1:A9)"]])
    book = load_workbook(io.BytesIO(workbook_bytes([sheet], WHEN, "t")))
    cell = book["单选题"]["B2"]
    assert (cell.value, cell.data_type) == ("=SUM(A1:A9)", "s")


def test_texts_a_cell_cannot_hold_are_refused_with_the_place():
    long = SheetData("单选题", "single", ["题干"], [["长" * 32_768]])
    with pytest.raises(BankExportError, match=r"^sheet 单选题, row 2: a text of 32,768 characters "
                                              r"is longer than an Excel cell holds \(32,767\)"):
        workbook_bytes([long], WHEN, "t")
    control = SheetData("单选题", "single", ["题干"], [["a\x07b"]])
    with pytest.raises(BankExportError, match=r"control character U\+0007"):
        workbook_bytes([control], WHEN, "t")
