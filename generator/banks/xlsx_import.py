"""The cells of a question bank → the questions of one quiz, or every problem found.

Pure: takes what xlsx_read found in the workbook and returns questions as plain mappings (in
the order and shape of a quiz file) with the cell each value came from, or problems, each
pointing at its cell (`单选题!C12`) and saying how to fix it. A workbook may have one sheet per
question type or one sheet with a 题型 column; the header row may sit below a title.
"""

from __future__ import annotations

import re

from openpyxl.utils import get_column_letter

from ..plurals import english
from . import columns as col
from .cells import cell_text, is_identifier
from .columns import Column
from .imported import BankContext, CellProblem, ImportedQuestion, ImportResult, cell_name
from .rowread import TYPE_WORDS, RowReader
from .rows import SOURCE_SHEET
from .xlsx_read import SheetCells, WorkbookCells

HEADER_SEARCH_ROWS = 20  # a title or notes above the header row are common; look this far
# Columns whose merged cells mean "the same for every row": a 题型 or 知识点 over several rows.
_FILLABLE = frozenset({"type", "topic", "draw", "difficulty", "points", "scoring", "penalty",
                       "quiz"})


def import_bank(workbook: WorkbookCells, context: BankContext) -> ImportResult:
    result = ImportResult()
    sources = _sources(workbook)
    other_quizzes: dict[str, int] = {}
    for index, sheet in enumerate(workbook.sheets):
        if sheet.name == SOURCE_SHEET:
            continue
        if sheet.hidden:
            # A trainer hides what is retired or not ready (旧题, 草稿): importing it unseen would
            # put questions in the course that nobody looked at.
            result.notes.append(CellProblem(
                sheet.name, f"sheet '{sheet.name}' is hidden: skipped",
                "unhide it in the workbook to import it", (index, 0, 0)))
            continue
        _SheetReader(index, sheet, context, sources, result, other_quizzes).read()
    if workbook.pictures:
        result.notes.append(CellProblem(
            "", f"the workbook holds {workbook.pictures} picture"
                f"{'s, which are' if workbook.pictures != 1 else ', which is'} not imported",
            "add pictures to the lessons and refer to them in the text"))
    if not result.questions and not result.problems:
        if other_quizzes:
            named = ", ".join(sorted(other_quizzes))
            result.problems.append(CellProblem(
                "", f"no row belongs to quiz '{context.quiz_id}': the quiz column names {named}",
                "pass one of them to --quiz, or empty that column to import every row"))
        else:
            result.problems.append(CellProblem(
                "", "no questions found: no sheet has a header row with 题干 and 正确答案 "
                    "followed by rows of questions",
                "put the headers (题型, 题干, 选项A…, 正确答案, 解析, 分值) in the first row"))
    elif other_quizzes:
        skipped = sum(other_quizzes.values())
        result.notes.append(CellProblem(
            "", f"{english(skipped, 'row')} of other quizzes left out "
                f"({', '.join(sorted(other_quizzes))})", "import each with its own --quiz"))
    _drop_repeats(result)
    _assign_ids(result)
    _collect_draws(result)
    result.problems.sort(key=lambda p: p.order)
    return result


def _sources(workbook: WorkbookCells) -> dict[tuple[str, str, str], str]:
    """The hidden sheet of our own export: (quiz, question id, shown text) → the author's text."""
    for sheet in workbook.sheets:
        if sheet.name == SOURCE_SHEET:
            rows: dict[int, dict[int, object]] = {}
            for (row, column), value in sheet.cells.items():
                rows.setdefault(row, {})[column] = value
            return {(cell_text(v.get(1)), cell_text(v.get(2)), cell_text(v.get(3))):
                    str(v.get(4) or "") for r, v in rows.items() if r > 1 and v.get(4)}
    return {}


class _SheetReader:
    def __init__(self, index, sheet: SheetCells, context: BankContext, sources,
                 result: ImportResult, other_quizzes: dict[str, int]):
        self.index = index
        self.sheet = sheet
        self.context = context
        self.sources = sources
        self.result = result
        self.other_quizzes = other_quizzes
        self.rows: dict[int, dict[int, object]] = {}
        for (row, column), value in sheet.cells.items():
            self.rows.setdefault(row, {})[column] = value
        self.columns: dict[Column, int] = {}
        self.header_row = 0
        self.covered: set[int] = set()  # rows under the first of a wrongly merged range

    # Problems and notes
    def problem(self, row: int, column: int | None, message: str, hint: str = "") -> None:
        where = cell_name(self.sheet.name, row, column) if column else self.sheet.name
        self.result.problems.append(CellProblem(where, message, hint,
                                                (self.index, row, column or 0)))

    def note(self, message: str, hint: str = "", row: int = 0, column: int = 0) -> None:
        where = cell_name(self.sheet.name, row, column) if column else self.sheet.name
        self.result.notes.append(CellProblem(where, message, hint, (self.index, row, column)))

    def read(self) -> None:
        sheet_type = col.question_type(self.sheet.name)
        if sheet_type == col.SCENARIO:
            self.note("sheet skipped: scenarios are listed for reference only and cannot be "
                      "imported", "write scenarios in YAML (see AUTHORING.md)")
            return
        header_row = self._header_row()
        if header_row is None:
            if self.rows:
                self.note("sheet skipped: no header row with 题干 and 正确答案")
            return
        if col.TYPE not in self.columns and sheet_type is None:
            self.problem(header_row, None, f"sheet '{self.sheet.name}' does not say which type "
                         "its questions are", f"name the sheet {TYPE_WORDS}, or add a 题型 "
                         "column")
            return
        filled = self._merged(header_row)
        for row in sorted(r for r in self.rows if r > header_row and r not in self.covered):
            values = {column: self.rows[row][index] for column, index in self.columns.items()
                      if index in self.rows[row]}
            values.update(filled.get(row, {}))
            if self._bad_cells(row) or not any(cell_text(v) for v in values.values()):
                continue  # reported, or an empty row
            RowReader(self, row, values, sheet_type).read()

    def _header_row(self) -> int | None:
        for row in sorted(self.rows)[:HEADER_SEARCH_ROWS]:
            found: dict[Column, int] = {}
            for index in sorted(self.rows[row]):
                column = col.column_for(self.rows[row][index])
                if column is not None and column not in found:
                    found[column] = index
            if col.PROMPT in found and col.ANSWER in found:
                self._check_headers(row, found)
                self.columns = found
                self.header_row = row
                return row
        return None

    def _check_headers(self, row: int, found: dict[Column, int]) -> None:
        for index in sorted(self.rows[row]):
            text = cell_text(self.rows[row][index])
            column = col.column_for(text)
            if column is not None and found.get(column) != index:
                self.problem(row, index, f"a second {text} column (the first is "
                             f"{get_column_letter(found[column])}{row})",
                             "keep one of them")
            elif column is None and text and any(index in self.rows[r] for r in self.rows
                                                  if r > row):
                self.note(f"column '{text}' is not read (not a column of a question bank)",
                          "rename it if it should be, e.g. 解析 or 知识点", row, index)

    def _merged(self, header_row: int) -> dict[int, dict[Column, object]]:
        """Values of merged cells that mean "the same for these rows"; the rest are problems."""
        by_index = {index: column for column, index in self.columns.items()}
        filled: dict[int, dict[Column, object]] = {}
        for r1, c1, r2, c2 in self.sheet.merged:
            if r2 <= header_row:
                continue  # a title or a header spanning columns
            named = [by_index[c] for c in range(c1, c2 + 1) if c in by_index]
            span = f"{cell_name(self.sheet.name, r1, c1)}:{get_column_letter(c2)}{r2}"
            if c1 == c2 and r1 > header_row and named and named[0].kind in _FILLABLE:
                value = self.rows.get(r1, {}).get(c1)
                for row in range(r1, r2 + 1):
                    filled.setdefault(row, {})[named[0]] = value
                    self.rows.setdefault(row, {})
            elif named:
                # The first row holds the value; the rows below would only echo this problem.
                self.covered.update(range(max(r1, header_row) + 1, r2 + 1))
                self.problem(r1, c1, f"cells {span.split('!')[1]} are merged",
                             "unmerge them so that each question has its own row and each "
                             "value its own cell (Excel/WPS: 合并后居中 ▸ 取消单元格合并)")
        return filled

    def _bad_cells(self, row: int) -> bool:
        """Formulas without a saved value and error values in the columns we read."""
        bad = False
        for index in self.columns.values():
            if (row, index) in self.sheet.formulas_without_value:
                self.problem(row, index, "the cell holds a formula whose value was never "
                             "calculated and saved", "open the file in Excel or WPS and save "
                             "it, or replace the formula by its value")
                bad = True
            elif (row, index) in self.sheet.pictures:
                self.problem(row, index, "the cell holds a picture (WPS 嵌入单元格图片, "
                             "DISPIMG); pictures are not imported", "write the text instead, "
                             "and put the picture in a lesson")
                bad = True
            elif (row, index) in self.sheet.refused:
                message, _, hint = self.sheet.refused[(row, index)].partition(" — ")
                self.problem(row, index, message, hint)
                bad = True
            elif (row, index) in self.sheet.errors:
                self.problem(row, index, f"the cell shows the error "
                             f"{self.sheet.errors[(row, index)]}",
                             "fix the formula, or type the value")
                bad = True
        return bad


def _drop_repeats(result: ImportResult) -> None:
    """A question that appears twice: once when the rows are the same, an error when not.

    The same question is the same type, prompt and options: "下列说法正确的是" heads many
    different questions, told apart by their options. Rows that are the same in everything are
    what merging two banks or pasting a sheet twice makes; keeping one loses nothing, so a note
    says so and the import goes on (an error would make the trainer delete rows for nothing,
    and a paper holding one question twice is what nobody wants). Rows that differ, in the key
    above all, need the trainer to say which is right: an error.
    """
    first: dict[tuple, ImportedQuestion] = {}
    kept = []
    for question in result.questions:
        data = question.data
        options = tuple(sorted(o["text"] for o in data.get("options", data.get("items", []))))
        same = first.setdefault((data["type"], data["prompt"].strip(), options), question)
        if same is question:
            kept.append(question)
            continue
        there = f"row {same.row}" if same.sheet == question.sheet else \
            same.cells[("prompt",)]
        where = question.cells[("prompt",)]
        here_data, there_data = _without_id(data), _without_id(same.data)
        key = ("options", "items", "answer")
        if any(_key(here_data, k) != _key(there_data, k) for k in key):
            result.problems.append(CellProblem(
                where, f"the same question as {there} with a different answer "
                       f"({question.answer_text} here, {same.answer_text} there)",
                "keep one", question.order))
        elif here_data != there_data:
            differ = [k for k in dict.fromkeys([*here_data, *there_data])
                      if here_data.get(k) != there_data.get(k)]
            result.problems.append(CellProblem(
                where, f"the same question as {there} with a different {', '.join(differ)}",
                "keep one", question.order))
        else:
            result.notes.append(CellProblem(
                where, f"row {question.row} repeats {there}: imported once", "",
                question.order))
    result.questions = kept


def _without_id(data: dict) -> dict:
    return {key: value for key, value in data.items() if key != "id"}


def _key(data: dict, name: str):
    """What makes the answer: which options are correct (feedback aside), the order, the truth."""
    value = data.get(name)
    if name == "options" and value:
        return sorted(o["text"] for o in value if o.get("correct"))
    if name == "items" and value:
        return [item["text"] for item in value]
    return value


def _collect_draws(result: ImportResult) -> None:
    """The quiz's draw from the rows' pools (知识点) and 抽题数: one count per pool, and every
    question in a pool once any is (a drawn quiz leaves no question out of its pools)."""
    first: dict[str, ImportedQuestion] = {}
    for question in result.questions:
        pool = question.data.get("pool")
        if pool is None:
            continue
        if pool not in first:
            first[pool] = question
            result.draws.append((pool, question.drawn, question.draw_cell))
        elif question.drawn != first[pool].drawn:
            here, there = (english(q.drawn, "question") for q in (question, first[pool]))
            result.problems.append(CellProblem(
                question.draw_cell, f"pool '{pool}' draws {here} here but {there} at "
                f"{first[pool].draw_cell}",
                "give every question of a pool the same 抽题数", question.order))
    if not first:
        return
    example = next(iter(first.values()))
    for question in result.questions:
        if "pool" not in question.data:
            result.problems.append(CellProblem(
                question.draw_cell, f"this quiz draws its papers from pools (抽题数 at "
                f"{example.draw_cell}), but this question has no 抽题数, so no paper would hold it",
                "write its pool in 知识点 and the pool's 抽题数, or clear 抽题数 on every row",
                question.order))


def _assign_ids(result: ImportResult) -> None:
    """Ids from the 题目ID column where it gives one (made valid if need be: `DY-001` → `dy-001`);
    `<type>-<row>` for the rest, e.g. `single-12`."""
    taken: dict[str, str] = {}
    explicit = set()
    for question in result.questions:
        given = question.given_id.lower()
        if not given:
            continue
        if not is_identifier(given):
            given = re.sub(r"[^a-z0-9]+", "-", given).strip("-")[:64].strip("-")
            if not given:
                continue
        where = question.cells[("id",)]
        if given in taken:
            result.problems.append(CellProblem(
                where, f"question id '{given}' is also used at {taken[given]}",
                "give every question its own id, or leave the cell empty to have one made",
                question.order))
            continue
        taken[given] = where
        question.data["id"] = given
        explicit.add(id(question))
    for question in result.questions:
        if id(question) in explicit:
            continue
        base = f"{question.data['type'].replace('_', '-')}-{question.row}"
        ident, suffix = base, 2
        while ident in taken:
            ident, suffix = f"{base}-{suffix}", suffix + 1
        taken[ident] = question.sheet
        question.data["id"] = ident
