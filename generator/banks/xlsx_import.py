"""The cells of a question bank → the questions of one quiz, or every problem found.

Pure: takes what xlsx_read found in the workbook and returns questions as plain mappings (in
the order and shape of a quiz file) with the cell each value came from, or problems, each
pointing at its cell (`单选题!C12`) and saying how to fix it. A workbook may have one sheet per
question type or one sheet with a 题型 column; the header row may sit below a title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter

from . import columns as col
from .cells import cell_text, letters_in, number, true_or_false, without_prefix
from .columns import Column
from .plaintext import plain_text
from .rows import SOURCE_SHEET
from .xlsx_read import SheetCells, WorkbookCells

HEADER_SEARCH_ROWS = 20  # a title or notes above the header row are common; look this far
MAX_STEPS = 12  # the course's limit for ordering questions
_IDENTIFIER = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Columns whose merged cells mean "the same for every row": a 题型 or 知识点 over several rows.
_FILLABLE = frozenset({"type", "topic", "difficulty", "points", "scoring", "penalty", "quiz"})
_TYPE_WORDS = "单选题, 多选题, 判断题 or 排序题"


@dataclass(frozen=True)
class CellProblem:
    """One problem, at a cell (`单选题!C12`), a sheet, or the whole file."""

    where: str  # "单选题!C12", "单选题" or ""
    message: str
    hint: str = ""
    order: tuple = ()

    def render(self, label: str) -> str:
        place = f"{label}:{self.where}" if self.where else label
        return f"{place}: {self.message}" + (f" — {self.hint}" if self.hint else "")


@dataclass
class ImportedQuestion:
    data: dict  # the question as a quiz file holds it, keys in the order they are written
    sheet: str
    row: int
    cells: dict[tuple, str] = field(default_factory=dict)  # key path → "单选题!C5"
    notes: list[tuple[str, str]] = field(default_factory=list)  # (string key, value) comments
    given_id: str = ""  # the 题目ID cell, if any
    order: tuple = ()  # (sheet index, row): where problems about the whole question sort


@dataclass
class BankContext:
    quiz_id: str
    lessons: dict[str, str] = field(default_factory=dict)  # lesson id → title
    policies: dict[str, str] = field(default_factory=dict)  # policy name → value


@dataclass
class ImportResult:
    questions: list[ImportedQuestion] = field(default_factory=list)
    problems: list[CellProblem] = field(default_factory=list)
    notes: list[CellProblem] = field(default_factory=list)


def import_bank(workbook: WorkbookCells, context: BankContext) -> ImportResult:
    result = ImportResult()
    sources = _sources(workbook)
    other_quizzes: dict[str, int] = {}
    for index, sheet in enumerate(workbook.sheets):
        if sheet.name == SOURCE_SHEET:
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
            "", f"{skipped} row{'s' if skipped != 1 else ''} of other quizzes left out "
                f"({', '.join(sorted(other_quizzes))})", "import each with its own --quiz"))
    _assign_ids(result)
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


def cell_name(sheet: str, row: int, column: int) -> str:
    return f"{sheet}!{get_column_letter(column)}{row}"


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
                         "its questions are", f"name the sheet {_TYPE_WORDS}, or add a 题型 "
                         "column")
            return
        filled = self._merged(header_row)
        for row in sorted(r for r in self.rows if r > header_row and r not in self.covered):
            values = {column: self.rows[row][index] for column, index in self.columns.items()
                      if index in self.rows[row]}
            values.update(filled.get(row, {}))
            if self._bad_cells(row) or not any(cell_text(v) for v in values.values()):
                continue  # reported, or an empty row
            _RowReader(self, row, values, sheet_type).read()

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
            elif (row, index) in self.sheet.errors:
                self.problem(row, index, f"the cell shows the error "
                             f"{self.sheet.errors[(row, index)]}",
                             "fix the formula, or type the value")
                bad = True
        return bad


class _RowReader:
    """One row → one question (appended to the result), or problems."""

    def __init__(self, sheet: _SheetReader, row: int, values: dict[Column, object],
                 sheet_type: str | None):
        self.sheet = sheet
        self.row = row
        self.values = values
        self.sheet_type = sheet_type
        self.failed = False
        self.quiz = cell_text(values.get(col.QUIZ))
        self.id_text = cell_text(values.get(col.ID))
        self.question = ImportedQuestion({}, sheet.sheet.name, row, given_id=self.id_text,
                                         order=(sheet.index, row))

    def where(self, column: Column) -> str:
        index = self.sheet.columns.get(column)
        return cell_name(self.sheet.sheet.name, self.row, index) if index else \
            cell_name(self.sheet.sheet.name, self.row, self.sheet.columns[col.PROMPT])

    def problem(self, column: Column, message: str, hint: str = "") -> None:
        self.failed = True
        self.sheet.problem(self.row, self.sheet.columns.get(column,
                                                           self.sheet.columns[col.PROMPT]),
                           message, hint)

    def header(self, column: Column) -> str:
        """The column's header as the workbook spells it."""
        index = self.sheet.columns.get(column)
        return cell_text(self.sheet.rows[self.sheet.header_row][index]) if index else ""

    def text(self, column: Column) -> str:
        """A text cell, as the author wrote it when it came from our own export unchanged.

        The source is taken only when it still shows as the cell does: a hidden sheet cannot
        slip in text the trainer never saw, and a policy value changed since the export makes
        the cell's own text win.
        """
        shown = cell_text(self.values.get(column))
        source = self.sheet.sources.get((self.quiz, self.id_text, shown))
        if source is not None and plain_text(source, self.sheet.context.policies) == shown:
            return source
        return shown

    def read(self) -> None:
        if self.quiz and self.quiz != self.sheet.context.quiz_id:
            counts = self.sheet.other_quizzes
            counts[self.quiz] = counts.get(self.quiz, 0) + 1
            return
        kind = self._kind()
        if kind is None:
            return
        data = self.question.data
        data["id"] = ""
        data["type"] = kind
        prompt = self.text(col.PROMPT)
        if not prompt:
            self.problem(col.PROMPT, f"the question ({self.header(col.PROMPT)}) is empty",
                         "write the question, or delete the row")
        {col.SINGLE: self._choice, col.MULTIPLE: self._choice, col.TRUE_FALSE: self._true_false,
         col.ORDERING: self._ordering}[kind](kind, prompt)
        self._common()
        if not self.failed:
            self.sheet.result.questions.append(self.question)

    def _kind(self) -> str | None:
        given = cell_text(self.values.get(col.TYPE))
        if not given:
            if self.sheet_type is None:
                self.problem(col.TYPE, f"the question type ({self.header(col.TYPE)}) is empty",
                             f"write {_TYPE_WORDS}")
                return None
            return self.sheet_type
        kind = col.question_type(given)
        if kind == col.SCENARIO:
            self.problem(col.TYPE, "a 情景题 (scenario) cannot be imported from a workbook",
                         "write it in YAML (see AUTHORING.md), or delete the row")
            return None
        if kind is None:
            if col.is_other_type(given):
                self.problem(col.TYPE, f"'{given}' questions cannot be imported: the course "
                             f"has {_TYPE_WORDS} questions", "delete the row, or rewrite the "
                             "question as one of those types")
            else:
                self.problem(col.TYPE, f"'{given}' is not a question type",
                             f"write {_TYPE_WORDS}")
            return None
        return kind

    # Options: letters in column order, prefixes such as `A、` removed, no gaps.
    def _options(self) -> list[tuple[str, str]]:
        letters = sorted(c.letter for c in self.sheet.columns if c.kind == "option")
        found = [(letter, without_prefix(self.text(col.option(letter)), letter))
                 for letter in letters]
        while found and not found[-1][1]:
            found.pop()
        for index, (letter, text) in enumerate(found):
            if not text:
                following = next(other for other, t in found[index + 1:] if t)
                self.problem(col.option(letter), f"{self.header(col.option(letter))} is empty "
                             f"but {self.header(col.option(following))} is not",
                             "fill the options from A on without gaps")
        seen: dict[str, str] = {}
        for letter, text in found:
            if text and text in seen:
                self.problem(col.option(letter), f"option {letter} repeats option {seen[text]}",
                             "make every option different")
            seen.setdefault(text, letter)
        return found

    def _answer_letters(self, options: list[tuple[str, str]], many: bool) -> list[str] | None:
        given = cell_text(self.values.get(col.ANSWER))
        known = [letter for letter, _ in options]
        by_text = {text: letter for letter, text in options}
        if not given:
            example = "A,C" if many else "B"
            self.problem(col.ANSWER, f"the answer ({self.header(col.ANSWER)}) is empty",
                         f"write the letter{'s' if many else ''} of the right option"
                         f"{'s' if many else ''}, e.g. {example}")
            return None
        if given in by_text:
            return [by_text[given]]
        letters = letters_in(given)
        if letters is None and many:
            parts = [p.strip() for p in re.split(r"[\n,，、;；|]", given) if p.strip()]
            if parts and all(p in by_text for p in parts):
                letters = [by_text[p] for p in parts]
        if letters is None:
            self.problem(col.ANSWER, f"the answer '{given}' is neither option letters nor the "
                         "text of an option", "write letters such as " +
                         ("A,C" if many else "B"))
            return None
        unknown = [letter for letter in letters if letter not in known]
        if unknown:
            span = f"{known[0]}–{known[-1]}" if len(known) > 1 else (known[0] if known else "none")
            self.problem(col.ANSWER, f"the answer names option {', '.join(unknown)}, which the "
                         f"row does not have (options: {span})",
                         "fix the answer or add the option")
            return None
        return letters

    def _choice(self, kind: str, prompt: str) -> None:
        # Every check runs, so that a row's problems are all reported at once.
        data = self.question.data
        if kind == col.MULTIPLE:
            self._scoring(kind)
        data["prompt"] = prompt
        options = self._options()
        letters = None
        if len(options) < 2:
            self.problem(col.option("A"), f"{self.sheet_word(kind)} needs at least two "
                         f"options; this row has {len(options)}", "fill 选项A and 选项B at least")
        else:
            letters = self._answer_letters(options, many=kind == col.MULTIPLE)
        if letters and kind == col.SINGLE and len(set(letters)) != 1:
            self.problem(col.ANSWER, f"a single-choice question has one answer, but "
                         f"{cell_text(self.values.get(col.ANSWER))!r} names {len(set(letters))}",
                         "keep one letter, or make it a 多选题")
        data["options"] = []
        for index, (letter, text) in enumerate(options):
            option = {"id": letter.lower(), "text": text}
            if letters and letter in letters:
                option["correct"] = True
            self.question.cells[("options", index, "text")] = self.where(col.option(letter))
            feedback = self.text(col.feedback(letter))
            if feedback:
                option["feedback"] = feedback
                self.question.cells[("options", index, "feedback")] = \
                    self.where(col.feedback(letter))
            data["options"].append(option)
        self.question.cells[("options",)] = self.where(col.ANSWER)
        for letter in sorted(c.letter for c in self.sheet.columns if c.kind == "feedback"):
            if letter not in dict(options) and self.text(col.feedback(letter)):
                self.problem(col.feedback(letter), f"there is feedback for option {letter} but "
                             f"no option {letter}", "clear the feedback or add the option")

    def _scoring(self, kind: str) -> None:
        data = self.question.data
        given = cell_text(self.values.get(col.SCORING))
        rule = col.scoring_rule(kind, given) if given else "all_or_nothing"
        if rule is None:
            allowed = ("全对才得分 or 部分得分" if kind == col.MULTIPLE
                       else "全对才得分, 按位置 or 按相邻顺序")
            self.problem(col.SCORING, f"'{given}' is not a scoring rule for "
                         f"{self.sheet_word(kind)}", f"write {allowed}")
        elif not given:
            self.question.notes.append(("yaml_default_scoring", ""))
        data["scoring"] = rule
        self.question.cells[("scoring",)] = self.where(col.SCORING)
        penalty_text = cell_text(self.values.get(col.PENALTY))
        if not penalty_text:
            return
        penalty = number(self.values.get(col.PENALTY))
        if penalty is None or not 0 <= penalty <= 10:
            self.problem(col.PENALTY, f"the penalty '{penalty_text}' is not a number from 0 to "
                         "10", "write how many shares a wrong pick costs, e.g. 1")
        elif rule != "partial" and rule is not None:
            self.problem(col.PENALTY, "a wrong-pick penalty applies only to multiple-choice "
                         "questions with partial scoring",
                         "clear it, or set 评分方式 to 部分得分" if kind == col.MULTIPLE
                         else "clear it")
        elif rule == "partial" and penalty != 1:
            data["penalty"] = _plain_number(penalty)
            self.question.cells[("penalty",)] = self.where(col.PENALTY)

    def _true_false(self, kind: str, prompt: str) -> None:
        data = self.question.data
        data["prompt"] = prompt
        given = self.values.get(col.ANSWER)
        truth = true_or_false(given)
        # Templates that list 选项A 正确 / 选项B 错误 give the answer as a letter.
        options = {c.letter: true_or_false(self.text(c)) for c in self.sheet.columns
                   if c.kind == "option" and self.text(c)}
        letters = letters_in(cell_text(given)) if truth is None else None
        if truth is None and letters and len(letters) == 1 and options.get(letters[0]) is not None:
            truth = options[letters[0]]
        if truth is None:
            shown = cell_text(given)
            self.problem(col.ANSWER, f"the answer ({self.header(col.ANSWER)}) is empty"
                         if not shown else
                         f"the answer '{shown}' is not true or false",
                         "write 正确 or 错误 (对/错, √/×, T/F, true/false and 是/否 work too)")
            return
        data["answer"] = truth
        self.question.cells[("answer",)] = self.where(col.ANSWER)
        feedback = {True: self.text(col.FEEDBACK_TRUE), False: self.text(col.FEEDBACK_FALSE)}
        cells = {True: self.where(col.FEEDBACK_TRUE), False: self.where(col.FEEDBACK_FALSE)}
        for letter, value in options.items():
            text = self.text(col.feedback(letter))
            if value is not None and text and not feedback[value]:
                feedback[value], cells[value] = text, self.where(col.feedback(letter))
        if feedback[True] or feedback[False]:
            data["feedback"] = {}
            for value, key in ((True, "true"), (False, "false")):
                if feedback[value]:
                    data["feedback"][key] = feedback[value]
                    self.question.cells[("feedback", key)] = cells[value]

    def _ordering(self, kind: str, prompt: str) -> None:
        self._scoring(kind)
        data = self.question.data
        data["prompt"] = prompt
        for letter in sorted(c.letter for c in self.sheet.columns if c.kind == "feedback"):
            if self.text(col.feedback(letter)):
                self.problem(col.feedback(letter), "steps of an ordering question have no "
                             "feedback of their own", "move the text to 解析, or clear it")
        options = self._options()
        if not 2 <= len(options) <= MAX_STEPS:
            self.problem(col.option("A"), f"an ordering question needs 2 to {MAX_STEPS} steps; "
                         f"this row has {len(options)}", "list the steps in 选项A, 选项B, …")
            return
        letters = self._answer_letters(options, many=True)
        if letters is None:
            return
        known = [letter for letter, _ in options]
        if sorted(letters) != sorted(known):
            missing = [letter for letter in known if letter not in letters]
            twice = sorted({letter for letter in letters if letters.count(letter) > 1})
            detail = "; ".join(part for part in (
                f"misses {', '.join(missing)}" if missing else "",
                f"names {', '.join(twice)} twice" if twice else "") if part)
            self.problem(col.ANSWER, f"the order '{cell_text(self.values.get(col.ANSWER))}' "
                         f"{detail}", f"give every step's letter once, in the right order, "
                                      f"e.g. {','.join(reversed(known))}")
            return
        text_of = dict(options)
        data["items"] = [{"id": letter.lower(), "text": text_of[letter]} for letter in letters]
        for index, letter in enumerate(letters):
            self.question.cells[("items", index, "text")] = self.where(col.option(letter))
        self.question.cells[("items",)] = self.where(col.ANSWER)

    def _common(self) -> None:
        question, data, context = self.question, self.question.data, self.sheet.context
        explanation = self.text(col.EXPLANATION)
        if explanation:
            data["explanation"] = explanation
            question.cells[("explanation",)] = self.where(col.EXPLANATION)
        points_text = cell_text(self.values.get(col.POINTS))
        if points_text:
            points = number(self.values.get(col.POINTS))
            if points is None or not 0 < points <= 1000:
                self.problem(col.POINTS, f"the points '{points_text}' are not a number above 0 "
                             "and at most 1000", "write e.g. 2, or leave it empty for 1")
            elif points != 1:
                data["points"] = _plain_number(points)
                question.cells[("points",)] = self.where(col.POINTS)
        lesson = cell_text(self.values.get(col.LESSON))
        topic = cell_text(self.values.get(col.TOPIC))
        if lesson:
            lesson_id = lesson.partition("#")[0]
            if lesson_id not in context.lessons:
                self.problem(col.LESSON, f"there is no lesson '{lesson_id}' in the course",
                             "use a lesson id (with #heading if you like), or clear the cell")
            else:
                data["lesson"] = lesson
                question.cells[("lesson",)] = self.where(col.LESSON)
        elif topic:
            titles = {title: ident for ident, title in context.lessons.items()}
            found = topic if topic in context.lessons else titles.get(topic)
            if found:
                data["lesson"] = found
                question.cells[("lesson",)] = self.where(col.TOPIC)
            else:
                question.notes.append(("yaml_topic", topic))
        difficulty = cell_text(self.values.get(col.DIFFICULTY))
        if difficulty:
            question.notes.append(("yaml_difficulty", difficulty))
        if self.id_text:
            question.cells[("id",)] = self.where(col.ID)
        question.cells[()] = self.where(col.PROMPT)
        question.cells[("prompt",)] = self.where(col.PROMPT)

    def sheet_word(self, kind: str) -> str:
        return {col.SINGLE: "a single-choice question", col.MULTIPLE: "a multiple-choice question",
                col.ORDERING: "an ordering question"}.get(kind, "a question")


def _plain_number(value: float) -> int | float:
    return int(value) if value.is_integer() else value


def _assign_ids(result: ImportResult) -> None:
    """Ids from the 题目ID column where it gives one (made valid if need be: `DY-001` → `dy-001`);
    `<type>-<row>` for the rest, e.g. `single-12`."""
    taken: dict[str, str] = {}
    explicit = set()
    for question in result.questions:
        given = question.given_id.lower()
        if not given:
            continue
        if not _IDENTIFIER.match(given) or len(given) > 64:
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
