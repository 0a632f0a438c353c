"""The cohort report: one self-contained HTML file. Pure: statistics in, HTML text out.

Self-contained means it opens offline from an e-mail attachment: CSS inline, charts as inline
SVG drawn by `charts`, fonts from the reader's own machine, no script, no link to any other
host. The page is templates/report.html, which escapes every piece of learner or author text
(and shows control and bidi characters in learners' names and ids as escapes, never obeyed).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from markupsafe import Markup

from ..catalogue import question_type, strings
from ..plurals import counted
from ..scoring import percent
from ..templates import ONE_LINE, render
from . import charts
from .analysis import LOW_FACILITY, MIN_FOR_DISCRIMINATION, MIN_FOR_FLAGS, QuizStats
from .gradebook import StoredAttempt
from .reliability import MIN_LEARNERS

# The fewest learners from which each measure is given (the method and the sentences say so).
_MINIMUMS = {"min_f": MIN_FOR_FLAGS, "min_d": MIN_FOR_DISCRIMINATION, "min_r": MIN_LEARNERS}


@dataclass(frozen=True)
class LearnerRow:
    name: str
    learner_id: str | None
    results: dict[str, tuple[int, bool]]  # quiz id → (percent, passed)
    late: frozenset[str] = frozenset()  # quizzes whose chosen attempt was submitted late


@dataclass(frozen=True)
class Integrity:
    """What the report must say about how far its numbers can be trusted."""

    roster: bool = False  # a roster was imported
    unverified: int = 0  # chosen attempts whose identity was not verified
    excluded: bool = False  # some attempts left changed questions out (--changed exclude)
    zeroed: bool = False  # some attempts counted changed questions 0
    late: int = 0  # chosen attempts submitted late

    @classmethod
    def of(cls, chosen: list[StoredAttempt], roster: bool) -> Integrity:
        return cls(roster, sum(1 for a in chosen if not a.identity_verified),
                   any(why == "changed" for a in chosen for _, why in a.left_out),
                   any(a.changed for a in chosen), sum(1 for a in chosen if "late" in a.flags))


@dataclass(frozen=True)
class ReportInput:
    course_title: str
    language: str
    generated_on: datetime.date
    use: str  # "best" or "latest"
    attempts: int  # answer files in the gradebook
    quizzes: list[QuizStats]
    learners: list[LearnerRow]
    lesson_titles: dict[str, str] = field(default_factory=dict)
    integrity: Integrity = field(default_factory=Integrity)


def learner_rows(chosen: list[StoredAttempt]) -> list[LearnerRow]:
    """One row per learner, named as in their most recently recorded attempt, sorted by name."""
    names: dict[str, StoredAttempt] = {}
    results: dict[str, dict[str, tuple[int, bool]]] = {}
    late: dict[str, set[str]] = {}
    for attempt in chosen:
        latest = names.get(attempt.learner_key)
        if latest is None or attempt.id > latest.id:
            names[attempt.learner_key] = attempt
        results.setdefault(attempt.learner_key, {})[attempt.quiz] = (percent(attempt.score),
                                                                     attempt.passed)
        if "late" in attempt.flags:
            late.setdefault(attempt.learner_key, set()).add(attempt.quiz)
    rows = [LearnerRow(a.learner_name, a.learner_id, results[key],
                       frozenset(late.get(key, ()))) for key, a in names.items()]
    return sorted(rows, key=lambda row: (row.name.casefold(), row.learner_id or ""))


def render_report(data: ReportInput) -> str:
    t = strings(data.language)["report"]
    title = t["report_title"].format(course=data.course_title)
    return render("report.html", language=data.language, layout=ONE_LINE, t=t, title=title,
                  generated=t["generated"].format(
                      date=data.generated_on.isoformat(),
                      files=counted(t["answer_files"], data.language, data.attempts),
                      people=counted(t["people"], data.language, len(data.learners))),
                  basis=t["basis_best"] if data.use == "best" else t["basis_latest"],
                  trust=_trust(data.integrity, t),
                  quizzes=[_quiz(quiz, data, t) for quiz in data.quizzes],
                  learners=data.learners,
                  # Our own HTML, with the numbers the statistics use.
                  method=Markup(t["method_text"].format(**_MINIMUMS)))


def _trust(facts: Integrity, t: dict) -> list[str]:
    """How far the numbers can be trusted: identities, the trainer's decisions, late files."""
    lines = []
    if facts.unverified:
        lines.append(t["some_not_verified"].format(n=facts.unverified) if facts.roster
                     else t["identities_not_verified"])
    if facts.excluded:
        lines.append(t["decision_excluded"])
    if facts.zeroed:
        lines.append(t["decision_zero"])
    if facts.late:
        lines.append(t["late_files"].format(n=facts.late))
    return lines


def _quiz(quiz: QuizStats, data: ReportInput, t: dict) -> dict:
    """What the report shows of one quiz: its overview row, chart and questions."""
    rate = "—" if quiz.pass_rate is None else f"{percent(quiz.pass_rate)}%"
    mean = "—" if quiz.mean_score is None else f"{percent(quiz.mean_score)}%"
    distribution = t["distribution"].format(quiz=quiz.title)
    histogram = None
    if quiz.learners:
        histogram = charts.histogram(quiz.histogram, quiz.pass_mark, distribution,
                                     t["pass_mark"].format(pct=percent(quiz.pass_mark)),
                                     t["score_axis"], t["distribution_desc"])
    points = [charts.Point(str(q.number), q.facility, q.discrimination, bool(q.flags))
              for q in quiz.questions if q.facility is not None and q.discrimination is not None]
    quality_title = t["quality_map"].format(quiz=quiz.title)
    quality = None
    if points:
        quality = charts.quality_map(points, quality_title, t["quality_desc"], t["facility"],
                                     t["discrimination"], t["check_zone"], LOW_FACILITY)
    questions = [_question(q, data, t) for q in quiz.questions]
    return {"id": quiz.id, "title": quiz.title, "required": quiz.required,
            "learners": quiz.learners, "rate": rate, "mean": mean,
            "pass_mark": percent(quiz.pass_mark), "distribution": distribution,
            "histogram": histogram, "items_title": t["items"].format(quiz=quiz.title),
            "quality_map": quality, "quality_map_title": quality_title,
            "flagged": [q for q in questions if q["flags"]], "questions": questions,
            "measures": _measures(quiz, t) if quiz.learners else None}


def _measures(quiz: QuizStats, t: dict) -> dict:
    """The quiz's reliability and SEM, and one sentence on each number of the section."""
    found = quiz.reliability
    kind = "KR-20" if found.kind == "KR-20" else "Cronbach α"
    if found.learners < MIN_LEARNERS:
        value = sem = t["too_few"].format(n=MIN_LEARNERS)
    elif found.value is None:
        value = sem = t["not_computable"]
    else:
        value = f"{found.value:.2f}".replace("-", "−")
        sem = "—" if found.sem is None else t["sem_value"].format(points=f"{found.sem * 100:.1f}")
    # Our own HTML (a term in bold), filled with numbers only.
    explained = [Markup(t[f"explain_{name}"].format(**_MINIMUMS))
                 for name in ("facility", "discrimination", "reliability", "sem")]
    if found.drawn:
        explained.append(Markup(t["explain_drawn"].format(paper=f"{found.paper:g}")))
    return {"reliability_label": t["reliability"].format(kind=kind), "reliability": value,
            "sem": sem, "explained": explained}


def _question(q, data: ReportInput, t: dict) -> dict:
    if q.discrimination is None:
        discrimination = t["too_few"].format(n=MIN_FOR_DISCRIMINATION)
    else:
        discrimination = f"{q.discrimination:+.2f}".replace("-", "−")
    choices = endings = None
    if q.choices:
        rows = [charts.Bar(
            (t["mark_right"] if c.correct else t["mark_wrong"])
            + (t[c.text] if q.type == "true_false" else _shorten(c.text, 60)),
            c.share, t["count_note"].format(n=c.count, pct=percent(c.share)), c.correct)
            for c in q.choices]
        choices = charts.bars(rows, t["choices"], t["choices_desc"])
    if q.endings:
        rows = [charts.Bar(_shorten(e.outcome, 60) if e.node else t["unfinished"], e.share,
                           t["ending_note"].format(n=e.count, pct=percent(e.share),
                                                   score=percent(e.mean_fraction)),
                           None if not e.count else e.mean_fraction == 1)
                for e in q.endings]
        endings = charts.bars(rows, t["endings"], t["endings_desc"])
    lesson_title = data.lesson_titles.get(q.lesson, q.lesson) if q.lesson else None
    return {"id": q.id, "heading": t["question"].format(n=q.number), "flags": q.flags,
            "flag_words": " ".join(t[f] for f in q.flags), "lesson_title": lesson_title,
            "type_label": question_type(data.language, q.type),
            "prompt": _shorten(q.prompt, 160),
            "facility": "—" if q.facility is None else f"{q.facility:.2f}",
            "meter": None if q.facility is None else f"{q.facility * 100:.0f}",
            "discrimination": discrimination, "scored": t["scored"].format(n=q.scored),
            "statuses": " · ".join(f"{t[s]} {n}" for s, n in q.statuses.items()),
            "choices": choices, "endings": endings}


_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKDOWN_MARKS = re.compile(r"\*\*|__|`")


def _shorten(text: str, limit: int) -> str:
    """Author Markdown as plain text on one line: links keep their words, marks go."""
    text = _MARKDOWN_MARKS.sub("", _MARKDOWN_LINK.sub(r"\1", text))
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"
