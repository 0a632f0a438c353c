"""A course's quizzes as Moodle XML: one question category per quiz, and for a quiz that draws
each paper from pools, one subcategory per pool (a Moodle quiz draws random questions from a
category, so it can draw as the course does).

The format is Moodle's own import/export format (qformat_xml). Mappings:
- single → multichoice with <single>true</single>: the right option 100%, the others 0%;
- multiple → multichoice with <single>false</single>. Moodle adds the grades of the options
  picked and keeps the sum between 0 and 100%. Partial scoring is exactly that: each right
  option 100%/k, each wrong one −penalty × 100%/k. All-or-nothing has no Moodle equivalent: it
  is exported as right options 100%/k and wrong ones −100%, so any wrong pick scores 0, but
  picking only some right options earns part marks (said in a comment on the question).
  Moodle accepts only grades from its list (100%, 90%, 83.33333%, …, 5%): a share with no
  grade of its own leaves the question out; a penalty between grades takes the nearest one.
- true_false → truefalse, feedback for each answer;
- ordering → the `ordering` question type, answers in the right order; our scoring rules map
  to its grading types one to one;
- scenarios have no Moodle type and are left out, each with a comment.
Explanations become the general feedback; texts are HTML rendered from the course's Markdown.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..catalogue import strings
from ..loaded import LoadedCourse
from ..models.quiz import MultipleChoice, Ordering, Quiz, Scenario, SingleChoice, TrueFalse
from ..plurals import counted
from .plaintext import html_text, policy_values

# Moodle's grade list, question_bank::fraction_options_full(): these and their negatives.
GRADES = (1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25,
          0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0.0)
ALL_GRADES = tuple(sorted({*GRADES, *(-g for g in GRADES)}))
MATCH = 0.00001  # how close Moodle's importer wants a grade to one of its list
GRADING = {"all_or_nothing": "ALL_OR_NOTHING", "position": "ABSOLUTE_POSITION",
           "adjacent_pairs": "RELATIVE_NEXT_EXCLUDE_LAST"}
MOODLE_PENALTY = "0.3333333"  # Moodle's default "penalty for each incorrect try"


@dataclass
class MoodleExport:
    data: bytes
    written: int  # questions in the file
    notes: list[str]  # what could not be carried over exactly


def moodle_xml(loaded: LoadedCourse, quizzes: list[Quiz]) -> MoodleExport:
    return _Writer(loaded).write(quizzes)


def moodle_grade(fraction: float) -> float | None:
    """The grade of Moodle's list that `fraction` is, or None."""
    return next((g for g in ALL_GRADES if abs(g - fraction) < MATCH), None)


def nearest_grade(fraction: float) -> float:
    return min(ALL_GRADES, key=lambda g: (abs(g - fraction), g))


def percent(fraction: float) -> str:
    """A fraction as Moodle writes grades: percent, up to 5 decimals, no trailing zeros."""
    text = f"{fraction * 100:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class _Writer:
    def __init__(self, loaded: LoadedCourse):
        from lxml import etree

        self.etree = etree
        self.loaded = loaded
        self.language = loaded.course.language
        self.t = strings(self.language)["banks"]
        self.separator = strings(self.language)["language"]["list_separator"]
        self.values = policy_values(loaded.policies)
        self.notes: list[str] = []
        self.all_or_nothing = 0
        self.scenarios: list[str] = []
        self.written = 0

    def write(self, quizzes: list[Quiz]) -> MoodleExport:
        etree = self.etree
        root = etree.Element("quiz")
        self._comment(root, self.t["moodle_generated"].format(course=self.loaded.course.title))
        if any(isinstance(q, Ordering) for quiz in quizzes for q in quiz.questions):
            self._comment(root, self.t["moodle_ordering"])
        for quiz in quizzes:
            start = len(root)
            self._category(root, quiz)
            if not quiz.draw:
                self._questions(root, quiz, quiz.questions)
                continue
            # A drawn quiz: one subcategory per pool, so that a Moodle quiz can draw from each
            # ("random question from category") as the course does.
            written = []
            for part in quiz.draw:
                self._category(root, quiz, part.pool)
                before = self.written
                self._questions(root, quiz, [q for q in quiz.questions if q.pool == part.pool])
                written.append((part, self.written - before))
            pools = self.separator.join(
                self.t["guide_pool_draw"].format(pool=part.pool, count=part.count, size=size)
                for part, size in written)
            # Said before the quiz's categories; the sizes are known once they are written.
            self._note(root, "moodle_draw", at=start, quiz=quiz.title, pools=pools)
        if self.all_or_nothing:
            self.notes.append(counted(self.t["moodle_all_or_nothing_count"], self.language,
                                      self.all_or_nothing))
        if self.scenarios:
            self.notes.append(counted(self.t["moodle_scenarios_count"], self.language,
                                      len(self.scenarios), ids=", ".join(self.scenarios)))
        etree.indent(root, space="  ")
        data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
        return MoodleExport(data, self.written, self.notes)

    def _questions(self, root, quiz: Quiz, questions: list) -> None:
        for question in questions:
            writer = {SingleChoice: self._single, MultipleChoice: self._multiple,
                      TrueFalse: self._true_false, Ordering: self._ordering,
                      Scenario: self._scenario}[type(question)]
            writer(root, quiz, question)

    def _comment(self, root, text: str, at: int | None = None) -> None:
        # XML comments may not hold "--"; course titles might.
        comment = self.etree.Comment(" " + text.replace("--", "—") + " ")
        root.insert(len(root) if at is None else at, comment)

    def _note(self, root, key: str, at: int | None = None, **values) -> None:
        text = self.t[key].format(**values)
        self._comment(root, text, at)
        self.notes.append(text)

    def _category(self, root, quiz: Quiz, pool: str | None = None) -> None:
        """The quiz's category, or with `pool` that pool's subcategory of it."""
        question = self._sub(root, "question", type="category")
        names = ("$course$", "top", self.loaded.course.title, quiz.title, *([pool] if pool else []))
        # Moodle splits the path at "/"; a "/" inside a name is written "//".
        path = "/".join(name.replace("/", "//") for name in names)
        self._text(question, "category", path, html=False)
        self._text(question, "info", "" if pool else html_text(quiz.description, self.values))
        self._sub(question, "idnumber").text = f"{quiz.id}/{pool}" if pool else quiz.id

    def _sub(self, parent, tag: str, **attributes):
        return self.etree.SubElement(parent, tag, **attributes)

    def _text(self, parent, tag: str, text: str, html: bool = True, **attributes):
        """<tag format="html"><text>…</text></tag>; HTML goes in CDATA, as Moodle writes it."""
        element = self._sub(parent, tag, **({"format": "html"} if html else {}), **attributes)
        inner = self._sub(element, "text")
        inner.text = self.etree.CDATA(text) if html and text else text
        return element

    def _head(self, root, question, kind: str, penalty: str = MOODLE_PENALTY):
        self.written += 1
        element = self._sub(root, "question", type=kind)
        self._text(element, "name", question.id, html=False)
        self._text(element, "questiontext", html_text(question.prompt, self.values))
        self._text(element, "generalfeedback", html_text(question.explanation, self.values))
        self._sub(element, "defaultgrade").text = _number(question.points)
        self._sub(element, "penalty").text = penalty
        self._sub(element, "hidden").text = "0"
        self._sub(element, "idnumber").text = question.id
        return element

    def _combined_feedback(self, element) -> None:
        for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
            self._text(element, tag, "")

    def _choices(self, element, quiz: Quiz, question, single: bool) -> None:
        self._sub(element, "single").text = "true" if single else "false"
        self._sub(element, "shuffleanswers").text = "true" if _shuffles(quiz) else "false"
        self._sub(element, "answernumbering").text = "ABCD"
        self._sub(element, "showstandardinstruction").text = "0"
        self._combined_feedback(element)
        if not single:
            self._sub(element, "shownumcorrect")

    def _answer(self, element, text: str, fraction: float, feedback: str | None) -> None:
        answer = self._text(element, "answer", html_text(text, self.values),
                            fraction=percent(fraction))
        self._text(answer, "feedback", html_text(feedback, self.values))

    def _single(self, root, quiz: Quiz, question: SingleChoice) -> None:
        element = self._head(root, question, "multichoice")
        self._choices(element, quiz, question, single=True)
        for option in question.options:
            self._answer(element, option.text, 1.0 if option.correct else 0.0, option.feedback)

    def _multiple(self, root, quiz: Quiz, question: MultipleChoice) -> None:
        right = sum(1 for option in question.options if option.correct)
        share = moodle_grade(1 / right)
        if share is None:
            self._note(root, "moodle_too_many", id=question.id, n=right)
            return
        if question.scoring == "partial":
            exact = max(-question.penalty / right, -1.0)
            wrong = moodle_grade(exact)
            if wrong is None:
                wrong = nearest_grade(exact)
                self._note(root, "moodle_rounded", id=question.id, exact=percent(exact),
                           used=percent(wrong))
        else:
            wrong = -1.0
            self._comment(root, self.t["moodle_all_or_nothing"])
            self.all_or_nothing += 1
        element = self._head(root, question, "multichoice")
        self._choices(element, quiz, question, single=False)
        for option in question.options:
            self._answer(element, option.text, share if option.correct else wrong,
                         option.feedback)

    def _true_false(self, root, quiz: Quiz, question: TrueFalse) -> None:
        element = self._head(root, question, "truefalse", penalty="1")
        feedback = question.feedback
        for value in (True, False):
            said = (feedback.true if value else feedback.false) if feedback else None
            answer = self._sub(element, "answer", fraction="100" if question.answer == value
                               else "0", format="moodle_auto_format")
            self._sub(answer, "text").text = "true" if value else "false"
            self._text(answer, "feedback", html_text(said, self.values))

    def _ordering(self, root, quiz: Quiz, question: Ordering) -> None:
        element = self._head(root, question, "ordering")
        self._sub(element, "layouttype").text = "VERTICAL"
        self._sub(element, "selecttype").text = "ALL"
        self._sub(element, "selectcount").text = str(len(question.items))
        self._sub(element, "gradingtype").text = GRADING[question.scoring]
        self._sub(element, "showgrading").text = "SHOW"
        self._sub(element, "numberingstyle").text = "none"
        self._combined_feedback(element)
        self._sub(element, "shownumcorrect")
        # The right order is the order of the answers; `fraction` numbers them, as the
        # ordering type's own export does.
        for position, item in enumerate(question.items, start=1):
            self._text(element, "answer", html_text(item.text, self.values),
                       fraction=str(position))

    def _scenario(self, root, quiz: Quiz, question: Scenario) -> None:
        self._comment(root, self.t["moodle_scenario"].format(id=question.id))
        self.scenarios.append(question.id)


def _shuffles(quiz: Quiz) -> bool:
    shuffle = quiz.shuffle
    return shuffle if isinstance(shuffle, bool) else shuffle.options


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
