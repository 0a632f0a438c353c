"""A course's questions as the sheets of a question bank: plain rows, no spreadsheet library.

One sheet per question type with the columns Chinese learning platforms import
(题型, 题干, 选项A…, 正确答案, 解析, 分值, 难度, 知识点), then the columns this course needs to take
the questions back without loss (how many a drawn quiz takes from the pool, scoring, feedback per
option, quiz, question id, lesson link). For a quiz that draws each learner's paper, 知识点 is
the question's pool: platforms draw random papers by 知识点.
Scenarios have no one-row form: they are listed for reference, one row per step of the best
path.

Cells show the text as learners see it; where that differs from what the author wrote
(policy values, emphasis), the hidden source sheet keeps the original for `course import`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..catalogue import question_type, strings
from ..loaded import LoadedCourse
from ..models.quiz import MultipleChoice, Ordering, Quiz, Scenario, SingleChoice
from ..plurals import counted
from ..quizgraph import best_path, nodes_by_id
from ..shuffle import display_order
from . import columns as col
from .columns import LETTERS, Column, header
from .plaintext import plain_text, policy_values

SOURCE_SHEET = "course-source"  # machine data, the same name in every language
MIN_OPTION_COLUMNS = 4  # the familiar A–D, so a sheet reads like the templates trainers know
GUIDE, SOURCE = "guide", "source"


@dataclass
class SheetData:
    name: str
    kind: str  # guide, single, multiple, true_false, ordering, scenario or source
    headers: list[str] = field(default_factory=list)
    rows: list[list[object]] = field(default_factory=list)


def bank_sheets(loaded: LoadedCourse, quizzes: list[Quiz]) -> list[SheetData]:
    """Every sheet of the workbook, in order: guide, the four types, scenarios, sources."""
    return _BankBuilder(loaded).build(quizzes)


class _BankBuilder:
    def __init__(self, loaded: LoadedCourse):
        self.loaded = loaded
        self.language = loaded.course.language
        self.t = strings(self.language)["banks"]
        self.separator = strings(self.language)["language"]["list_separator"]
        self.values = policy_values(loaded.policies)
        self.sources: list[list[object]] = []
        self.sections = {s.id: s.title for s in loaded.course.sections}
        self.drawn: list[Quiz] = []  # quizzes that draw each learner's paper from pools
        self.quality = False  # whether a question keeps an item-check finding (`quality:`)

    def build(self, quizzes: list[Quiz]) -> list[SheetData]:
        t = self.t
        self.drawn = [quiz for quiz in quizzes if quiz.draw]
        self.quality = any(q.quality for quiz in quizzes for q in quiz.questions
                           if not isinstance(q, Scenario))
        by_kind: dict[str, list[tuple[Quiz, object]]] = {k: [] for k in (*col.IMPORTABLE,
                                                                          col.SCENARIO)}
        for quiz in quizzes:
            for question in quiz.questions:
                by_kind[question.type].append((quiz, question))
        sheets = [self._choice_sheet(col.SINGLE, by_kind[col.SINGLE]),
                  self._choice_sheet(col.MULTIPLE, by_kind[col.MULTIPLE]),
                  self._true_false_sheet(by_kind[col.TRUE_FALSE]),
                  self._choice_sheet(col.ORDERING, by_kind[col.ORDERING])]
        if by_kind[col.SCENARIO]:
            sheets.append(self._scenario_sheet(by_kind[col.SCENARIO]))
        source = SheetData(SOURCE_SHEET, SOURCE, [t["col_quiz"], t["col_id"], t["col_shown"],
                                                  t["col_source"]], self.sources)
        counts = {kind: len(items) for kind, items in by_kind.items()}
        return [self._guide(counts), *sheets, source]

    # Text as shown; the author's source is kept when it differs.
    def _text(self, quiz: Quiz, question, source: str | None) -> str:
        shown = plain_text(source, self.values)
        if source and shown != source:
            self.sources.append([quiz.id, question.id, shown, source])
        return shown

    def _common(self, quiz: Quiz, question) -> dict[Column, object]:
        lesson_id = (question.lesson or "").partition("#")[0]
        entry = self.loaded.lesson(lesson_id) if lesson_id else None
        topic = entry.lesson.title if entry else self.sections.get(quiz.section, "")
        counts = {part.pool: part.count for part in quiz.draw}
        return {
            col.TYPE: question_type(self.language, question.type),
            col.PROMPT: self._text(quiz, question, question.prompt),
            col.EXPLANATION: self._text(quiz, question, question.explanation),
            col.POINTS: _number(question.points),
            col.DIFFICULTY: "",
            # A platform draws papers by 知识点: for a drawn quiz the pool is the topic.
            col.TOPIC: question.pool or topic,
            col.DRAW: counts.get(question.pool, ""),
            col.QUIZ: quiz.id,
            col.ID: question.id,
            col.LESSON: question.lesson or "",
            col.QUALITY_ALLOW: ", ".join(question.quality.allow) if question.quality else "",
            col.QUALITY_REASON: question.quality.reason if question.quality else "",
        }

    def _choice_sheet(self, kind: str, items: list) -> SheetData:
        width = max([MIN_OPTION_COLUMNS, *(len(_choices(q)) for _, q in items)])
        letters = LETTERS[:width]
        layout = [col.TYPE, col.PROMPT, *map(col.option, letters), col.ANSWER, col.EXPLANATION,
                  col.POINTS, col.DIFFICULTY, col.TOPIC, *self._draw_column()]
        if kind in (col.MULTIPLE, col.ORDERING):
            layout.append(col.SCORING)
        if kind == col.MULTIPLE:
            layout.append(col.PENALTY)
        if kind != col.ORDERING:  # steps have no feedback of their own
            layout += map(col.feedback, letters)
        layout += [col.QUIZ, col.ID, col.LESSON, *self._quality_columns()]
        rows = []
        for quiz, question in items:
            cells = self._common(quiz, question)
            if isinstance(question, Ordering):
                cells.update(self._ordering_cells(quiz, question))
            else:
                cells.update(self._option_cells(quiz, question))
            rows.append([cells.get(column, "") for column in layout])
        return SheetData(question_type(self.language, kind), kind,
                         [header(c, self.t) for c in layout], rows)

    def _option_cells(self, quiz: Quiz, question: SingleChoice | MultipleChoice) -> dict:
        cells: dict[Column, object] = {}
        right = []
        for letter, option in zip(LETTERS, question.options):
            cells[col.option(letter)] = self._text(quiz, question, option.text)
            cells[col.feedback(letter)] = self._text(quiz, question, option.feedback)
            if option.correct:
                right.append(letter)
        cells[col.ANSWER] = ",".join(right)
        if isinstance(question, MultipleChoice):
            cells[col.SCORING] = self.t[f"scoring_{question.scoring}"]
            cells[col.PENALTY] = _number(question.penalty) if question.scoring == "partial" else ""
        return cells

    def _ordering_cells(self, quiz: Quiz, question: Ordering) -> dict:
        shown = display_order(question)  # as the site and the handbook list them
        letter_of = {item.id: LETTERS[index] for index, item in enumerate(shown)}
        cells: dict[Column, object] = {
            col.option(LETTERS[index]): self._text(quiz, question, item.text)
            for index, item in enumerate(shown)}
        cells[col.ANSWER] = ",".join(letter_of[item.id] for item in question.items)
        cells[col.SCORING] = self.t[f"scoring_{question.scoring}"]
        return cells

    def _draw_column(self) -> list[Column]:
        """抽题数 right after 知识点, only when a quiz of the bank draws its papers."""
        return [col.DRAW] if self.drawn else []

    def _quality_columns(self) -> list[Column]:
        """检查豁免 and 豁免理由 last, only when a question of the bank keeps a finding."""
        return [col.QUALITY_ALLOW, col.QUALITY_REASON] if self.quality else []

    def _true_false_sheet(self, items: list) -> SheetData:
        layout = [col.TYPE, col.PROMPT, col.ANSWER, col.EXPLANATION, col.POINTS,
                  col.DIFFICULTY, col.TOPIC, *self._draw_column(), col.FEEDBACK_TRUE,
                  col.FEEDBACK_FALSE, col.QUIZ, col.ID, col.LESSON, *self._quality_columns()]
        rows = []
        for quiz, question in items:
            cells = self._common(quiz, question)
            cells[col.ANSWER] = self.t["answer_true" if question.answer else "answer_false"]
            if question.feedback:
                cells[col.FEEDBACK_TRUE] = self._text(quiz, question, question.feedback.true)
                cells[col.FEEDBACK_FALSE] = self._text(quiz, question, question.feedback.false)
            rows.append([cells.get(column, "") for column in layout])
        return SheetData(question_type(self.language, col.TRUE_FALSE), col.TRUE_FALSE,
                         [header(c, self.t) for c in layout], rows)

    def _scenario_sheet(self, items: list) -> SheetData:
        t = self.t
        headers = [t[k] for k in ("col_quiz", "col_id", "col_prompt", "col_step",
                                  "col_situation", "col_best", "col_choice_points",
                                  "col_step_feedback", "col_outcome", "col_points",
                                  "col_explanation", "col_topic")]
        rows = []
        for quiz, question in items:
            common = self._common(quiz, question)
            steps = best_path_steps(question)
            for number, (node, choice, ending) in enumerate(steps, start=1):
                first = number == 1
                situation = [f"{t['situation']}{plain_text(node.situation, self.values)}"
                             if node.situation else "",
                             f"{t['buyer_says']}{plain_text(node.customer, self.values)}"
                             if node.customer else ""]
                rows.append([
                    quiz.id, question.id, common[col.PROMPT] if first else "", number,
                    "\n".join(s for s in situation if s),
                    plain_text(choice.text, self.values), choice.points,
                    plain_text(choice.feedback, self.values),
                    plain_text(ending.outcome, self.values) if ending else "",
                    common[col.POINTS] if first else "",
                    common[col.EXPLANATION] if first else "",
                    common[col.TOPIC] if first else ""])
        return SheetData(question_type(self.language, col.SCENARIO), col.SCENARIO, headers, rows)

    def _guide(self, counts: dict[str, int]) -> SheetData:
        t = self.t
        total = sum(counts.values())
        listed = self.separator.join(
            t["guide_count_item"].format(name=question_type(self.language, kind), n=n)
            for kind, n in counts.items() if n)
        described = [
            (col.TYPE, "guide_type"), (col.PROMPT, "guide_prompt"),
            (col.option("A"), "guide_option"), (col.ANSWER, "guide_answer"),
            (col.EXPLANATION, "guide_explanation"), (col.POINTS, "guide_points"),
            (col.DIFFICULTY, "guide_difficulty"), (col.TOPIC, "guide_topic"),
            *([(col.DRAW, "guide_draw")] if self.drawn else []),
            (col.SCORING, "guide_scoring"), (col.PENALTY, "guide_penalty"),
            (col.feedback("A"), "guide_feedback"), (col.QUIZ, "guide_quiz"),
            (col.ID, "guide_id"), (col.LESSON, "guide_lesson"),
            *([(col.QUALITY_ALLOW, "guide_quality_allow"),
               (col.QUALITY_REASON, "guide_quality_reason")] if self.quality else [])]
        rows: list[list[object]] = [
            [t["guide_title"].format(course=self.loaded.course.title)],
            [counted(t["guide_counts"], self.language, total, counts=listed or "0")],
            [t["guide_keys"]],
            *([self._draw_sentence(quiz)] for quiz in self.drawn),
            [],
            [t["guide_column_head"], t["guide_meaning_head"]],
            *([header(column, t), self._meaning(column, key)] for column, key in described),
            [],
            [t["guide_extra"]],
            [t["guide_scenarios"].format(sheet=question_type(self.language, col.SCENARIO))
             if counts[col.SCENARIO] else t["guide_no_scenarios"]],
            [t["guide_text"]],
            [t["guide_import"]],
        ]
        return SheetData(t["sheet_guide"], GUIDE, [], rows)

    def _meaning(self, column: Column, key: str) -> str:
        """What a column holds, as the guide explains it."""
        if column == col.TOPIC and self.drawn:
            return self.t[key] + self.t["guide_topic_pool"]
        return self.t[key]

    def _draw_sentence(self, quiz: Quiz) -> str:
        """How a drawn quiz makes each paper: N from each pool (知识点)."""
        t = self.t
        counts = {part.count for part in quiz.draw}
        pools = self.separator.join(
            t["guide_pool_size" if len(counts) == 1 else "guide_pool_draw"].format(
                pool=part.pool, count=part.count, size=_pool_size(quiz, part.pool))
            for part in quiz.draw)
        drawn = sum(part.count for part in quiz.draw)
        if len(counts) == 1:
            sentence = counted(t["guide_draw_even"], self.language, counts.pop(),
                               quiz=quiz.title, drawn=drawn, pools=pools)
        else:
            sentence = t["guide_draw_mixed"].format(quiz=quiz.title, drawn=drawn, pools=pools)
        if any(isinstance(question, Scenario) for question in quiz.questions):
            sentence += t["guide_draw_scenarios"].format(
                sheet=question_type(self.language, col.SCENARIO))
        return sentence


def _pool_size(quiz: Quiz, pool: str) -> int:
    return sum(1 for question in quiz.questions if question.pool == pool)


def _choices(question) -> list:
    return question.items if isinstance(question, Ordering) else question.options


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def best_path_steps(question: Scenario) -> list[tuple]:
    """(node, choice taken, the ending it leads to or None) along quizgraph's best path."""
    nodes = nodes_by_id(question)
    steps = []
    for node_id, choice_id in best_path(question):
        node = nodes[node_id]
        choice = next(c for c in node.choices if c.id == choice_id)
        following = nodes[choice.next]
        steps.append((node, choice, None if following.choices else following))
    return steps
