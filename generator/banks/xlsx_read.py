"""Workbook bytes → the cells of each sheet, or one clear sentence saying why not.

What trainers send as "the Excel file" is not always one: a CSV or an HTML table renamed to
.xlsx, an old .xls, a password-protected workbook (an encrypted OOXML file is an OLE compound
file, not a zip), a damaged download. Each is recognised from its bytes and named, before
openpyxl sees it; anything openpyxl still cannot read becomes one line too, never a traceback.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from .cells import visible
from .numformat import NotShown, shown

MAX_BYTES = 10 * 1024 * 1024  # a bank of thousands of questions is well under 1 MB
MAX_UNPACKED = 200 * 1024 * 1024  # what the zip may expand to: no zip bombs
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")  # directory entry of encrypted OOXML


_DISPIMG = re.compile(r"^\s*=?\s*(?:_xlfn\.)?DISPIMG\s*\(", re.IGNORECASE)


class BankFileError(ValueError):
    """The file is not a workbook we can read; the message says what it is and what to do."""


@dataclass
class SheetCells:
    name: str
    cells: dict[tuple[int, int], object] = field(default_factory=dict)  # (row, column) → value
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2
    formulas_without_value: set[tuple[int, int]] = field(default_factory=set)
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # cell → "#REF!"
    refused: dict[tuple[int, int], str] = field(default_factory=dict)  # cell → why (numformat)
    # WPS's in-cell pictures: `=DISPIMG("ID_…",1)`, as a formula or as the text it caches
    pictures: set[tuple[int, int]] = field(default_factory=set)
    hidden: bool = False  # hidden or very hidden (Excel: 取消隐藏; very hidden only by VBA)


@dataclass
class WorkbookCells:
    sheets: list[SheetCells]
    pictures: int = 0


def read_workbook(data: bytes) -> WorkbookCells:
    """The cells of every sheet; raises BankFileError for anything that is not a usable .xlsx."""
    if len(data) > MAX_BYTES:
        raise BankFileError(too_large_message(len(data)))
    if not data:
        raise BankFileError("the file is empty — export the bank again from Excel or WPS as .xlsx")
    if data.startswith(_OLE):
        if _ENCRYPTED_STREAM in data:
            raise BankFileError("the workbook is password-protected (encrypted) — open it, "
                                "remove the password (Excel: 文件 ▸ 信息 ▸ 保护工作簿 ▸ "
                                "用密码进行加密), save, and import again")
        raise BankFileError("this is an old-format Excel 97–2003 (.xls) or WPS workbook — open "
                            "it and save it as Excel 工作簿 (.xlsx)")
    if not data.startswith(b"PK"):
        raise BankFileError(f"this is not an Excel workbook: it looks like {_looks_like(data)} "
                            "— open it in Excel or WPS and save it as Excel 工作簿 (.xlsx)")
    archive = _open_zip(data)
    pictures = sum(1 for name in archive.namelist() if name.startswith("xl/media/"))
    return WorkbookCells(_sheets(data, archive), pictures)


def too_large_message(size: int) -> str:
    return (f"the file is {size / 1024 / 1024:.1f} MB, over the {MAX_BYTES // 1024 // 1024} MB "
            "limit for a question bank (a bank of thousands of questions is well under 1 MB) — "
            "remove pictures and other sheets, or split the bank into several files")


def _looks_like(data: bytes) -> str:
    head = data[:4096]
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError:
            continue
        lowered = text.lower()
        if "<html" in lowered or "<table" in lowered:
            return "a web page (HTML) saved with a spreadsheet name"
        if "," in text or "\t" in text or "，" in text:
            return "a text file (CSV)"
        return "a text file"
    return "some other kind of file"


def _open_zip(data: bytes) -> zipfile.ZipFile:
    damaged = ("the workbook is damaged (its zip structure is broken; perhaps the download "
               "was cut short) — get the file again, or open it in Excel and save a copy")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError):
        raise BankFileError(damaged) from None
    names = {info.filename for info in infos}
    if "xl/workbook.xml" not in names:
        if "mimetype" in names and b"opendocument.spreadsheet" in archive.read("mimetype"):
            raise BankFileError("this is an OpenDocument spreadsheet (.ods) — save it as Excel "
                                "工作簿 (.xlsx)")
        if "word/document.xml" in names:
            raise BankFileError("this is a Word document, not a workbook — put the questions in "
                                "an Excel sheet (.xlsx)")
        raise BankFileError("this is a zip file but not an Excel workbook — export the bank as "
                            "Excel 工作簿 (.xlsx)")
    if any(info.flag_bits & 0x1 for info in infos):
        raise BankFileError("the workbook's parts are encrypted — save it without a password")
    if sum(info.file_size for info in infos) > MAX_UNPACKED:
        raise BankFileError(f"the workbook unpacks to more than {MAX_UNPACKED // 1024 // 1024} "
                            "MB, far more than a question bank needs — remove pictures and "
                            "other sheets, or split it")
    return archive


def _sheets(data: bytes, archive: zipfile.ZipFile) -> list[SheetCells]:
    from openpyxl import load_workbook

    try:
        # Only look for formulas when a sheet has one: the second load doubles the reading time.
        has_formulas = any(_has_formula(archive.read(name)) for name in archive.namelist()
                           if name.startswith("xl/worksheets/") and name.endswith(".xml"))
        values = load_workbook(io.BytesIO(data), data_only=True)
        formulas = load_workbook(io.BytesIO(data), data_only=False) if has_formulas else None
    except Exception as error:  # zlib and openpyxl raise many kinds for damaged parts
        reason = str(error).splitlines()[0][:120] if str(error) else type(error).__name__
        raise BankFileError(f"the workbook could not be read ({reason}) — open it in Excel or "
                            "WPS and save it again as .xlsx") from None
    sheets = []
    for worksheet in values.worksheets:
        sheet = SheetCells(worksheet.title, hidden=worksheet.sheet_state != "visible")
        # The sheet's own cell store, not iter_rows(): a stray value at XFD1048576 would make
        # iter_rows visit (and create) every cell of the rectangle up to it.
        for (row, column), cell in worksheet._cells.items():
            if cell.data_type == "e":
                sheet.errors[(row, column)] = str(cell.value)
            elif isinstance(cell.value, str) and _DISPIMG.match(cell.value):
                sheet.pictures.add((row, column))
            elif isinstance(cell.value, str):
                sheet.cells[(row, column)] = visible(cell.value)
            elif cell.value is not None:
                try:
                    sheet.cells[(row, column)] = shown(cell.value, cell.number_format)
                except NotShown as refusal:
                    sheet.refused[(row, column)] = str(refusal)
        sheet.merged = [(r.min_row, r.min_col, r.max_row, r.max_col)
                        for r in worksheet.merged_cells.ranges]
        if formulas is not None:
            for (row, column), cell in formulas[worksheet.title]._cells.items():
                if cell.data_type == "f" and _DISPIMG.match(str(cell.value)):
                    sheet.cells.pop((row, column), None)
                    sheet.pictures.add((row, column))
                elif cell.data_type == "f" and (row, column) not in sheet.cells \
                        and (row, column) not in sheet.errors \
                        and (row, column) not in sheet.refused:
                    sheet.formulas_without_value.add((row, column))
        sheets.append(sheet)
    return sheets


def _has_formula(sheet_xml: bytes) -> bool:
    return b"<f>" in sheet_xml or b"<f " in sheet_xml
