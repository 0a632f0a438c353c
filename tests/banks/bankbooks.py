"""Workbooks for the question-bank tests, made with openpyxl as a trainer's Excel would save
them. The tests' fixtures are in conftest.py beside this module."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"


# The headers of a typical Chinese platform's single-choice template.
SINGLE_HEADERS = ["题型", "题干", "选项A", "选项B", "选项C", "选项D", "正确答案", "解析", "分值",
                  "难度", "知识点"]


def xlsx(sheets: dict[str, list[list]], merged: dict[str, list[str]] | None = None) -> bytes:
    """A workbook with one sheet per entry, rows as given (None for an empty cell)."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
        for cells in (merged or {}).get(name, []):
            sheet.merge_cells(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def with_cached_values(data: bytes, sheet_file: str, values: dict[str, tuple[str, str]]) -> bytes:
    """Give formula cells the value Excel would have saved: {cell: (type, value)}, where type
    is "str", "n" or "e" (an error such as #REF!)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == sheet_file:
                text = content.decode()
                for cell, (kind, value) in values.items():
                    kind_attribute = "" if kind == "n" else f' t="{kind}"'
                    text, count = re.subn(
                        rf'<c r="{cell}"(?: [^>]*)?><f>(.*?)</f><v\s*/?>(?:</v>)?</c>',
                        rf'<c r="{cell}"{kind_attribute}><f>\1</f><v>{value}</v></c>', text)
                    assert count == 1, f"no formula cell {cell} in {sheet_file}"
                content = text.encode()
            archive.writestr(info, content)
    return out.getvalue()
