"""What an import makes: questions with the cells they came from, and problems at cells."""

from __future__ import annotations

from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter


def cell_name(sheet: str, row: int, column: int) -> str:
    """`单选题!C12`: how a spreadsheet names a cell."""
    return f"{sheet}!{get_column_letter(column)}{row}"


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
    drawn: int = 0  # with data["pool"]: how many of the pool each paper draws (抽题数)
    draw_cell: str = ""  # where 抽题数 is, or would be (`单选题!L5`)
    order: tuple = ()  # (sheet index, row): where problems about the whole question sort
    answer_text: str = ""  # the 正确答案 cell as shown, to name it in messages
    kept: bool = False  # a scenario kept from the quiz file that --force replaces (keep.py)


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
    # The quiz's draw, in the order the pools first appear: (pool, count, the 抽题数 cell).
    draws: list[tuple[str, int, str]] = field(default_factory=list)
