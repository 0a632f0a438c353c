"""One row of a question bank → one question, or every problem of the row at its cell.

The row's cells arrive keyed by column kind (see columns.py); the sheet reader (xlsx_import.py)
has found the header row, applied merged cells and left out rows of other quizzes.
"""

from __future__ import annotations

import re
import typing
import unicodedata

from ..models.quiz import ItemCheck
from . import columns as col
from .cells import (
    as_typed,
    cell_text,
    is_identifier,
    letters_in,
    number,
    true_or_false,
    without_prefix,
)
from .columns import Column
from .imported import ImportedQuestion, cell_name
from .plaintext import plain_text

_RANGE = re.compile(r"^\s*[A-Za-zＡ-Ｚａ-ｚ]\s*[-－~～—–至到]\s*[A-Za-zＡ-Ｚａ-ｚ]\s*$")
MAX_STEPS = 12  # the course's limit for ordering questions
MAX_DRAW = 1000  # the course's limit for a draw's count
ITEM_CHECKS = typing.get_args(ItemCheck)  # the names `quality: allow:` takes
TYPE_WORDS = "单选题, 多选题, 判断题 or 排序题"


class RowReader:
    """One row → one question (appended to the sheet's result), or problems.

    `sheet` is the sheet reader of xlsx_import: its columns (kind → index), header row,
    context, sources and result, and its `problem` method.
    """

    def __init__(self, sheet, row: int, values: dict[Column, object], sheet_type: str | None):
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
        return as_typed(shown)

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
        self.question.answer_text = cell_text(self.values.get(col.ANSWER))
        if not self.failed:
            self.sheet.result.questions.append(self.question)

    def _kind(self) -> str | None:
        given = cell_text(self.values.get(col.TYPE))
        if not given:
            if self.sheet_type is None:
                self.problem(col.TYPE, f"the question type ({self.header(col.TYPE)}) is empty",
                             f"write {TYPE_WORDS}")
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
                             f"has {TYPE_WORDS} questions", "delete the row, or rewrite the "
                             "question as one of those types")
            else:
                self.problem(col.TYPE, f"'{given}' is not a question type",
                             f"write {TYPE_WORDS}")
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

    def _answer_letters(self, options: list[tuple[str, str]], many: bool,
                        choice: bool = True) -> list[str] | None:
        """The answer's letters; `choice`: a single or multiple choice, where a letter names an
        option (not a step of an ordering, whose repeats are reported with the order)."""
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
        if choice and _RANGE.match(given) and abs(ord(letters[0]) - ord(letters[1])) > 1:
            # `A-C`: A to C, or A and C? Guessing would mark the wrong options correct.
            low, high = sorted(letters)
            every = ",".join(chr(c) for c in range(ord(low), ord(high) + 1))
            self.problem(col.ANSWER, f"the answer '{given}' could mean {low} to {high} or "
                         f"{low} and {high}", f"write the letters, e.g. {every} or {low},{high}")
            return None
        twice = sorted({letter for letter in letters if letters.count(letter) > 1})
        if choice and twice:
            once = ",".join(dict.fromkeys(letters))
            self.problem(col.ANSWER, f"the answer '{given}' names {', '.join(twice)} more than "
                         "once", f"write each letter once, e.g. {once}")
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
        letters = self._answer_letters(options, many=True, choice=False)
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
        question.draw_cell = self.where(col.DRAW)
        if cell_text(self.values.get(col.DRAW)):
            self._pool(topic)
            topic = ""  # the pool, not a lesson's title
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
        self._quality()
        difficulty = cell_text(self.values.get(col.DIFFICULTY))
        if difficulty:
            question.notes.append(("yaml_difficulty", difficulty))
        if self.id_text:
            question.cells[("id",)] = self.where(col.ID)
        question.cells[()] = self.where(col.PROMPT)
        question.cells[("prompt",)] = self.where(col.PROMPT)

    def _pool(self, topic: str) -> None:
        """知识点 is the question's pool when 抽题数 says how many of it each paper draws."""
        given = cell_text(self.values.get(col.DRAW))
        count = number(self.values.get(col.DRAW))
        if count is None or not count.is_integer() or not 1 <= count <= MAX_DRAW:
            self.problem(col.DRAW, f"the number drawn '{given}' is not a whole number from 1 to "
                         f"{MAX_DRAW}", "write how many questions of the pool (知识点) each paper "
                         "gets, e.g. 6, or clear the cell if the quiz does not draw")
            count = None
        pool = unicodedata.normalize("NFKC", topic).strip().lower()
        if not topic and col.TOPIC not in self.sheet.columns:
            self.problem(col.DRAW, f"{self.header(col.DRAW)} is filled but the sheet has no 知识点 "
                         "column to name the pool", "add a 知识点 column with the pool's name, or "
                         "clear 抽题数")
        elif not topic:
            self.problem(col.TOPIC, f"{self.header(col.DRAW)} is filled but "
                         f"{self.header(col.TOPIC)} (the pool) is empty",
                         "write the pool's name in 知识点, or clear 抽题数")
        elif not is_identifier(pool):
            self.problem(col.TOPIC, f"'{topic}' cannot name a pool: a pool name is lowercase "
                         "letters, digits and hyphens", "e.g. refund-rules (or clear 抽题数 if "
                         "the quiz does not draw)")
        elif count is not None:
            data = self.question.data
            rest = {key: data.pop(key) for key in list(data) if key not in ("id", "type")}
            data.update(pool=pool, **rest)  # right after the type, where an author writes it
            self.question.cells[("pool",)] = self.where(col.TOPIC)
            self.question.drawn = int(count)

    def _quality(self) -> None:
        """检查豁免 and 豁免理由 → the question's `quality:`: the item checks it keeps, and why."""
        given = cell_text(self.values.get(col.QUALITY_ALLOW))
        reason = cell_text(self.values.get(col.QUALITY_REASON))
        if not given and not reason:
            return
        names = [name for name in re.split(r"[\s,，、;；]+",
                                           unicodedata.normalize("NFKC", given).lower()) if name]
        unknown = [name for name in names if name not in ITEM_CHECKS]
        if unknown:
            verb = "is not an item check" if len(unknown) == 1 else "are not item checks"
            self.problem(col.QUALITY_ALLOW, f"{', '.join(map(repr, unknown))} {verb}",
                         f"use {', '.join(ITEM_CHECKS)}")
        if names and not reason:
            self.problem(col.QUALITY_REASON, "checks are allowed without a reason (豁免理由)",
                         "say why the question keeps them; reviewers read it")
        if reason and not names:
            self.problem(col.QUALITY_ALLOW, "there is a reason (豁免理由) but no check allowed "
                         "(检查豁免)", "name the checks the question keeps, or clear the reason")
        if names and reason and not unknown:
            self.question.data["quality"] = {"allow": names, "reason": reason}
            for key, column in (((), col.QUALITY_ALLOW), (("allow",), col.QUALITY_ALLOW),
                                (("reason",), col.QUALITY_REASON)):
                self.question.cells[("quality", *key)] = self.where(column)

    def sheet_word(self, kind: str) -> str:
        return {col.SINGLE: "a single-choice question", col.MULTIPLE: "a multiple-choice question",
                col.ORDERING: "an ordering question"}.get(kind, "a question")


def _plain_number(value: float) -> int | float:
    return int(value) if value.is_integer() else value
