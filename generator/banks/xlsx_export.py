"""The question bank as .xlsx bytes, the same bytes on every run.

openpyxl writes the workbook; two things in its output would change from run to run: the
creation and modification times in docProps/core.xml and the time stamps of the zip entries.
Both are set to the export's date (SOURCE_DATE_EPOCH, else the content's newest date).
"""

from __future__ import annotations

import datetime
import io
import math
import unicodedata
import zipfile

from ..export.reproducible import zip_bytes
from .columns import column_for
from .rows import GUIDE, SOURCE, SheetData

MAX_CELL_CHARS = 32_767  # Excel's limit for one cell
CORE_PROPERTIES = "docProps/core.xml"

# Column widths in characters, by the kind of column (what a reader needs to see at a glance).
_WIDTHS = {"type": 9, "prompt": 48, "option": 22, "answer": 10, "explanation": 40, "points": 6,
           "difficulty": 6, "topic": 22, "draw": 8, "scoring": 12, "penalty": 8, "feedback": 28,
           "feedback_true": 32, "feedback_false": 32, "quiz": 20, "id": 20, "lesson": 26,
           "quality_allow": 18, "quality_reason": 32}
_SCENARIO_WIDTHS = [20, 20, 36, 6, 40, 40, 8, 36, 36, 6, 40, 22]
_SOURCE_WIDTHS = [20, 20, 60, 60]
_GUIDE_WIDTHS = [16, 100]
LINE_HEIGHT = 16  # points per line of wrapped text: spreadsheets do not all fit rows themselves
MAX_ROW_HEIGHT = 409  # Excel's limit


class BankExportError(ValueError):
    """A text cannot go into a spreadsheet cell (too long, or a character Excel refuses)."""


def workbook_bytes(sheets: list[SheetData], when: datetime.datetime, title: str) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in sheets:
        _write_sheet(workbook.create_sheet(sheet.name), sheet)
    workbook.active = 0
    stamp = when.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    workbook.properties.creator = "course export"
    workbook.properties.title = title
    workbook.properties.created = stamp
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _reproducible(buffer.getvalue(), workbook, stamp, when)


def _write_sheet(worksheet, sheet: SheetData) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    top = Alignment(vertical="top", wrap_text=True)
    bold = Font(bold=True)
    if sheet.kind == GUIDE:
        for row in sheet.rows:
            worksheet.append([_checked(value, sheet, worksheet.max_row + 1) for value in row])
            number = worksheet.max_row
            if len(row) == 1:  # a paragraph: across both columns
                worksheet.merge_cells(start_row=number, start_column=1, end_row=number,
                                      end_column=2)
                _fit(worksheet, number, [row[0]], [sum(_GUIDE_WIDTHS)])
            elif len(row) == 2:  # a column and what it holds
                worksheet.cell(number, 1).font = bold
                _fit(worksheet, number, row, _GUIDE_WIDTHS)
        for row in worksheet.iter_rows():
            for cell in row:
                cell.alignment = top
        worksheet["A1"].font = Font(bold=True, size=14)
        worksheet.row_dimensions[1].height = 22
        for index, width in enumerate(_GUIDE_WIDTHS, start=1):
            worksheet.column_dimensions[_letter(index)].width = width
        _page_setup(worksheet, landscape=False)
        return
    worksheet.append(sheet.headers)
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    for cell in worksheet[1]:
        cell.font = bold
        cell.fill = head_fill
        cell.alignment = top
    widths = _widths(sheet)
    for row in sheet.rows:
        worksheet.append([_checked(value, sheet, worksheet.max_row + 1) for value in row])
        _fit(worksheet, worksheet.max_row, row, widths)
    for row in worksheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = top
            # A text such as "=1+1" is text here, never a formula.
            if isinstance(cell.value, str) and cell.data_type == "f":
                cell.data_type = "s"
    worksheet.freeze_panes = "C2" if sheet.kind not in (SOURCE,) else "A2"
    for index, width in enumerate(widths, start=1):
        worksheet.column_dimensions[_letter(index)].width = width
    _page_setup(worksheet, landscape=True)
    worksheet.print_title_rows = "1:1"
    if sheet.kind == SOURCE:
        worksheet.sheet_state = "hidden"


def _fit(worksheet, number: int, values: list, widths: list[int]) -> None:
    """Give a row the height its wrapped text needs (Chinese characters are two columns wide)."""
    lines = 1
    for value, width in zip(values, widths):
        if isinstance(value, str):
            lines = max(lines, sum(max(1, math.ceil(_display_width(line) / max(width - 1, 1)))
                                   for line in value.split("\n")))
    if lines > 1:
        worksheet.row_dimensions[number].height = min(lines * LINE_HEIGHT, MAX_ROW_HEIGHT)


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _page_setup(worksheet, landscape: bool) -> None:
    """Printed on A4, as wide as one page, as many pages long as it takes."""
    worksheet.page_setup.paperSize = worksheet.PAPERSIZE_A4
    worksheet.page_setup.orientation = "landscape" if landscape else "portrait"
    worksheet.sheet_properties.pageSetUpPr.fitToPage = True
    worksheet.page_setup.fitToWidth = 1
    worksheet.page_setup.fitToHeight = 0


def _widths(sheet: SheetData) -> list[int]:
    if sheet.kind == SOURCE:
        return _SOURCE_WIDTHS
    if sheet.kind == "scenario":
        return _SCENARIO_WIDTHS
    return [_WIDTHS.get(getattr(column_for(h), "kind", ""), 16) for h in sheet.headers]


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def _checked(value, sheet: SheetData, row: int):
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str):
        if len(value) > MAX_CELL_CHARS:
            raise BankExportError(f"sheet {sheet.name}, row {row}: a text of {len(value):,} "
                                  f"characters is longer than an Excel cell holds "
                                  f"({MAX_CELL_CHARS:,}) — shorten it in the course")
        bad = ILLEGAL_CHARACTERS_RE.search(value)
        if bad:
            raise BankExportError(f"sheet {sheet.name}, row {row}: the text holds the control "
                                  f"character U+{ord(bad.group()):04X}, which Excel refuses — "
                                  "remove it from the course file")
    return value


def _reproducible(data: bytes, workbook, stamp: datetime.datetime,
                  when: datetime.datetime) -> bytes:
    """openpyxl's zip with fixed entry times and core properties dated `stamp`."""
    from openpyxl.xml.functions import tostring

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        entries = {name: archive.read(name) for name in names}
    workbook.properties.modified = stamp  # openpyxl stamps the clock while saving
    entries[CORE_PROPERTIES] = tostring(workbook.properties.to_tree())
    return zip_bytes(entries, when, first=names)
