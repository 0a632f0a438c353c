"""Bad workbooks: each is named in one line that says what to do, never a traceback."""

import io
import time
import zipfile

import pytest

from bankbooks import FIXTURES, SINGLE_HEADERS, with_cached_values, xlsx
from generator.banks import xlsx_read
from generator.banks.xlsx_read import BankFileError, read_workbook

SAVE_AS = "open it in Excel or WPS and save it as Excel 工作簿 (.xlsx)"


def _good() -> bytes:
    return xlsx({"单选题": [SINGLE_HEADERS, ["单选题", "签收第 3 天能退吗？", "能", "不能", None, None, "A",
                                          None, None, None, None]]})


def _refused(data: bytes) -> str:
    with pytest.raises(BankFileError) as caught:
        read_workbook(data)
    return str(caught.value)


def test_a_good_workbook_is_read():
    sheets = read_workbook(_good()).sheets
    assert [s.name for s in sheets] == ["单选题"]
    assert sheets[0].cells[(2, 2)] == "签收第 3 天能退吗？"


def test_a_csv_renamed_to_xlsx():
    assert _refused("题型,题干,选项A\n单选题,能退吗,能\n".encode()) == (
        f"this is not an Excel workbook: it looks like a text file (CSV) — {SAVE_AS}")
    assert _refused("题型,题干\n".encode("gbk")) == (
        f"this is not an Excel workbook: it looks like a text file (CSV) — {SAVE_AS}")


def test_an_html_table_saved_as_xls():
    assert _refused(b"<html><body><table><tr><td>x</td></tr></table></body></html>") == (
        "this is not an Excel workbook: it looks like a web page (HTML) saved with a spreadsheet "
        f"name — {SAVE_AS}")


def test_random_bytes():
    assert _refused(bytes(range(256)) * 40) == (
        f"this is not an Excel workbook: it looks like some other kind of file — {SAVE_AS}")


def test_an_empty_file():
    assert _refused(b"") == ("the file is empty — export the bank again from Excel or WPS as "
                             ".xlsx")


def test_an_old_xls_workbook():
    assert _refused((FIXTURES / "excel-97-2003.xls").read_bytes()) == (
        "this is an old-format Excel 97–2003 (.xls) or WPS workbook — open it and save it as "
        "Excel 工作簿 (.xlsx)")


def test_a_password_protected_workbook():
    assert _refused((FIXTURES / "password-protected.xlsx").read_bytes()) == (
        "the workbook is password-protected (encrypted) — open it, remove the password (Excel: "
        "文件 ▸ 信息 ▸ 保护工作簿 ▸ 用密码进行加密), save, and import again")


DAMAGED_ZIP = ("the workbook is damaged (its zip structure is broken; perhaps the download was "
               "cut short) — get the file again, or open it in Excel and save a copy")


def test_a_download_cut_short():
    data = _good()
    assert _refused(data[: len(data) // 2]) == DAMAGED_ZIP
    assert _refused(data[:100]) == DAMAGED_ZIP


def test_a_damaged_part_inside_a_sound_zip():
    source = zipfile.ZipFile(io.BytesIO(_good()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = content[: len(content) // 2]  # XML cut in the middle
            archive.writestr(info, content)
    message = _refused(out.getvalue())
    assert message.startswith("the workbook could not be read (")
    assert message.endswith(") — open it in Excel or WPS and save it again as .xlsx")


def test_a_bad_checksum_inside_the_zip():
    data = bytearray(_good())
    at = data.index(b"xl/worksheets/sheet1.xml") + 40  # inside the sheet's compressed bytes
    data[at] ^= 0xFF
    message = _refused(bytes(data))
    assert message == DAMAGED_ZIP or message.startswith("the workbook could not be read (")


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return out.getvalue()


def test_other_zip_files():
    ods = _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
                "content.xml": b"<x/>"})
    assert _refused(ods) == "this is an OpenDocument spreadsheet (.ods) — save it as Excel 工作簿 (.xlsx)"
    docx = _zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<x/>"})
    assert _refused(docx) == ("this is a Word document, not a workbook — put the questions in "
                              "an Excel sheet (.xlsx)")
    assert _refused(_zip({"readme.txt": b"hi"})) == (
        "this is a zip file but not an Excel workbook — export the bank as Excel 工作簿 (.xlsx)")


def test_a_zip_bomb_is_refused_before_unpacking(monkeypatch):
    monkeypatch.setattr(xlsx_read, "MAX_UNPACKED", 1_000_000)
    entries = {name: zipfile.ZipFile(io.BytesIO(_good())).read(name)
               for name in zipfile.ZipFile(io.BytesIO(_good())).namelist()}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
        archive.writestr("xl/media/zeros.bin", b"\0" * 2_000_000)  # 2 MB packed into 2 KB
    assert len(out.getvalue()) < 20_000
    assert _refused(out.getvalue()) == (
        "the workbook unpacks to more than 0 MB, far more than a question bank needs — remove "
        "pictures and other sheets, or split it")


def test_a_file_over_the_size_limit():
    assert _refused(b"PK" + b"\0" * (10 * 1024 * 1024)) == (
        "the file is 10.0 MB, over the 10 MB limit for a question bank (a bank of thousands of "
        "questions is well under 1 MB) — remove pictures and other sheets, or split the bank "
        "into several files")


def test_formulas_give_their_saved_value_and_unsaved_ones_are_marked():
    data = xlsx({"单选题": [SINGLE_HEADERS,
                           ["单选题", '=CONCAT("签收","第 3 天")', "能", "不能", None, None, "=1+1",
                            "=1/0", None, None, None]]})
    data = with_cached_values(data, "xl/worksheets/sheet1.xml",
                              {"B2": ("str", "签收第 3 天"), "H2": ("e", "#DIV/0!")})
    sheet = read_workbook(data).sheets[0]
    assert sheet.cells[(2, 2)] == "签收第 3 天"  # the value Excel saved
    assert sheet.formulas_without_value == {(2, 7)}
    assert sheet.errors == {(2, 8): "#DIV/0!"}


def test_merged_cells_are_reported_as_ranges():
    data = xlsx({"单选题": [["题库"], SINGLE_HEADERS, ["单选题"], [None]]},
                merged={"单选题": ["A1:K1", "A3:A4"]})
    assert sorted(read_workbook(data).sheets[0].merged) == [(1, 1, 1, 11), (3, 1, 4, 1)]


def test_a_stray_cell_far_away_does_not_make_reading_slow():
    from openpyxl import Workbook

    book = Workbook()
    book.active["A1"] = "题干"
    book.active["XFD1048576"] = "x"
    buffer = io.BytesIO()
    book.save(buffer)
    started = time.perf_counter()
    cells = read_workbook(buffer.getvalue()).sheets[0].cells
    assert time.perf_counter() - started < 2
    assert cells == {(1, 1): "题干", (1048576, 16384): "x"}


def test_pictures_are_counted():
    source = zipfile.ZipFile(io.BytesIO(_good()))
    entries = {name: source.read(name) for name in source.namelist()}
    entries["xl/media/image1.png"] = b"\x89PNG"
    assert read_workbook(_zip(entries)).pictures == 1
