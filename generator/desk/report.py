"""The cohort report: one self-contained HTML file. Pure: statistics in, HTML text out.

Self-contained means it opens offline from an e-mail attachment: CSS inline, charts as inline
SVG drawn by `charts`, fonts from the reader's own machine, no script, no link to any other
host. Every piece of learner or author text passes through `html.escape`.
"""

from __future__ import annotations

import datetime
import html
import re
from dataclasses import dataclass, field

from ..grader import percent
from . import charts
from .analysis import MIN_FOR_DISCRIMINATION, MIN_FOR_FLAGS, LOW_FACILITY, QuizStats
from .gradebook import StoredAttempt
from .reliability import MIN_LEARNERS
from .strings import strings, type_label

FONTS_SANS = ('system-ui, "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", '
              '"Microsoft YaHei", sans-serif')


@dataclass(frozen=True)
class LearnerRow:
    name: str
    learner_id: str | None
    results: dict[str, tuple[int, bool]]  # quiz id → (percent, passed)


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


def learner_rows(chosen: list[StoredAttempt]) -> list[LearnerRow]:
    """One row per learner, named as in their latest attempt, sorted by name."""
    names: dict[str, StoredAttempt] = {}
    results: dict[str, dict[str, tuple[int, bool]]] = {}
    for attempt in chosen:
        latest = names.get(attempt.learner_key)
        if latest is None or (attempt.submitted_at, attempt.id) > (latest.submitted_at, latest.id):
            names[attempt.learner_key] = attempt
        results.setdefault(attempt.learner_key, {})[attempt.quiz] = (percent(attempt.score),
                                                                     attempt.passed)
    rows = [LearnerRow(a.learner_name, a.learner_id, results[key]) for key, a in names.items()]
    return sorted(rows, key=lambda row: (row.name.casefold(), row.learner_id or ""))


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def render_report(data: ReportInput) -> str:
    t = strings(data.language)
    title = t["report_title"].format(course=data.course_title)
    basis = t["basis_best"] if data.use == "best" else t["basis_latest"]
    nav = [f'<a href="#overview">{_e(t["overview"])}</a>']
    nav += [f'<a href="#quiz-{_e(q.id)}">{_e(q.title)}</a>' for q in data.quizzes]
    nav += [f'<a href="#learners">{_e(t["learner_table"])}</a>',
            f'<a href="#method">{_e(t["method"])}</a>']
    parts = [
        f'<header><h1>{_e(title)}</h1>',
        f'<p class="meta">{_e(t["generated"].format(date=data.generated_on.isoformat(), attempts=data.attempts, learners=len(data.learners)))} '
        f'{_e(basis)}</p>',
        f'<nav>{" ".join(nav)}</nav></header>',
        _overview(data, t),
        *(_quiz_section(quiz, data, t) for quiz in data.quizzes),
        _learner_table(data, t),
        f'<section id="method"><h2>{_e(t["method"])}</h2>'
        f'{t["method_text"].format(min_d=MIN_FOR_DISCRIMINATION, min_f=MIN_FOR_FLAGS, min_r=MIN_LEARNERS)}'
        '</section>',
    ]
    lang = "zh-CN" if data.language == "zh" else "en"
    return (f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_e(title)}</title><style>{CSS}</style></head>"
            f'<body><main>{"".join(parts)}</main></body></html>\n')


def _overview(data: ReportInput, t: dict) -> str:
    rows = []
    cards = []
    for quiz in data.quizzes:
        rate = "—" if quiz.pass_rate is None else f"{percent(quiz.pass_rate)}%"
        mean = "—" if quiz.mean_score is None else f"{percent(quiz.mean_score)}%"
        required = f' <span class="tag">{_e(t["required"])}</span>' if quiz.required else ""
        rows.append(f'<tr><th scope="row"><a href="#quiz-{_e(quiz.id)}">{_e(quiz.title)}</a>'
                    f"{required}</th><td>{quiz.learners}</td><td>{rate}</td><td>{mean}</td>"
                    f'<td>{percent(quiz.pass_mark)}%</td></tr>')
        if quiz.learners:
            chart = charts.histogram(
                quiz.histogram, quiz.pass_mark, t["distribution"].format(quiz=quiz.title),
                t["pass_mark"].format(pct=percent(quiz.pass_mark)), t["score_axis"],
                t["distribution_desc"])
        else:
            chart = f'<p class="empty">{_e(t["no_attempts"])}</p>'
        cards.append(f'<figure class="card"><figcaption>{_e(t["distribution"].format(quiz=quiz.title))}'
                     f'<span class="figures">{_e(t["pass_rate"])} {rate} · {_e(t["mean_score"])} '
                     f"{mean}</span></figcaption>{chart}</figure>")
    head = (f'<tr><th scope="col">{_e(t["quiz"])}</th><th scope="col">{_e(t["learners"])}</th>'
            f'<th scope="col">{_e(t["pass_rate"])}</th><th scope="col">{_e(t["mean_score"])}</th>'
            f'<th scope="col">{_e(t["pass_mark_head"])}</th></tr>')
    return (f'<section id="overview"><h2>{_e(t["overview"])}</h2>'
            f'<div class="scroll"><table class="summary">{head}{"".join(rows)}</table></div>'
            f'<div class="cards">{"".join(cards)}</div></section>')


def _quiz_section(quiz: QuizStats, data: ReportInput, t: dict) -> str:
    parts = [f'<section id="quiz-{_e(quiz.id)}"><h2>{_e(t["items"].format(quiz=quiz.title))}</h2>']
    if not quiz.learners:
        parts.append(f'<p class="empty">{_e(t["no_attempts"])}</p></section>')
        return "".join(parts)
    parts.append(_measures(quiz, t))
    points = [charts.Point(str(q.number), q.facility, q.discrimination, bool(q.flags))
              for q in quiz.questions if q.facility is not None and q.discrimination is not None]
    if points:
        parts.append(f'<figure class="card wide"><figcaption>'
                     f'{_e(t["quality_map"].format(quiz=quiz.title))}</figcaption>'
                     + charts.quality_map(points, t["quality_map"].format(quiz=quiz.title),
                                          t["quality_desc"], t["facility"], t["discrimination"],
                                          t["check_zone"], LOW_FACILITY)
                     + f'<p class="note">{_e(t["quality_desc"])}</p></figure>')
    flagged = [q for q in quiz.questions if q.flags]
    if flagged:
        items = "".join(f'<li><a href="#q-{_e(quiz.id)}-{_e(q.id)}">'
                        f'{_e(t["question"].format(n=q.number))}</a>{t["colon"]}'
                        f'{_e(" ".join(t[f] for f in q.flags))}{_lesson(q.lesson, data, t)}</li>'
                        for q in flagged)
        parts.append(f'<div class="flagged" role="note"><h3>⚠ {_e(t["flagged"])}</h3>'
                     f"<ul>{items}</ul></div>")
    else:
        parts.append(f'<p class="ok">✓ {_e(t["none_flagged"])}</p>')
    parts.extend(_question(quiz, q, data, t) for q in quiz.questions)
    parts.append("</section>")
    return "".join(parts)


def _measures(quiz: QuizStats, t: dict) -> str:
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
    minimums = {"min_f": MIN_FOR_FLAGS, "min_d": MIN_FOR_DISCRIMINATION, "min_r": MIN_LEARNERS}
    explained = [t[f"explain_{name}"].format(**minimums)
                 for name in ("facility", "discrimination", "reliability", "sem")]
    if found.drawn:
        explained.append(_e(t["explain_drawn"].format(paper=f"{found.paper:g}")))
    return (f'<div class="measures"><dl class="metrics">'
            f'<div><dt>{_e(t["reliability"].format(kind=kind))}</dt><dd>{_e(value)}</dd></div>'
            f'<div><dt>{_e(t["sem"])}</dt><dd>{_e(sem)}</dd></div></dl>'
            f'<p class="measures-head">{_e(t["measures"])}</p><ul>'
            + "".join(f"<li>{sentence}</li>" for sentence in explained)
            + "</ul></div>")


def _lesson(lesson: str | None, data: ReportInput, t: dict) -> str:
    if not lesson:
        return ""
    title = data.lesson_titles.get(lesson, lesson)
    return f' <span class="lesson">{_e(t["lesson"].format(title=title))}</span>'


def _question(quiz: QuizStats, q, data: ReportInput, t: dict) -> str:
    flag_class = " flagged-q" if q.flags else ""
    facility = "—" if q.facility is None else f"{q.facility:.2f}"
    if q.discrimination is None:
        discrimination = t["too_few"].format(n=MIN_FOR_DISCRIMINATION)
    else:
        discrimination = f"{q.discrimination:+.2f}".replace("-", "−")
    flags = "".join(f'<p class="flag">⚠ {_e(t[f])}</p>' for f in q.flags)
    meter = ""
    if q.facility is not None:
        meter = (f'<span class="meter" aria-hidden="true">'
                 f'<span style="width:{q.facility * 100:.0f}%"></span></span>')
    statuses = " · ".join(f"{_e(t[s])} {n}" for s, n in q.statuses.items())
    body = [f'<article class="question{flag_class}" id="q-{_e(quiz.id)}-{_e(q.id)}">',
            f'<h3>{_e(t["question"].format(n=q.number))} <span class="type">'
            f'{_e(type_label(data.language, q.type))}</span> <code>{_e(q.id)}</code></h3>',
            f'<p class="prompt">{_e(_shorten(q.prompt, 160))}</p>', flags,
            f'<dl class="metrics"><div><dt>{_e(t["facility"])}</dt><dd>{facility}{meter}</dd></div>'
            f'<div><dt>{_e(t["discrimination"])}</dt><dd>{_e(discrimination)}</dd></div>'
            f'<div><dt>{_e(t["scored"].format(n=q.scored))}</dt><dd>{statuses}</dd></div></dl>',
            _lesson(q.lesson, data, t) and f'<p>{_lesson(q.lesson, data, t)}</p>']
    if q.choices:
        rows = [charts.Bar(
            (t["mark_right"] if c.correct else t["mark_wrong"])
            + (t[c.text] if q.type == "true_false" else _shorten(c.text, 60)),
            c.share, t["count_note"].format(n=c.count, pct=percent(c.share)), c.correct)
            for c in q.choices]
        body.append(f'<figure><figcaption>{_e(t["choices"])}</figcaption>'
                    + charts.bars(rows, t["choices"], t["choices_desc"]) + "</figure>")
    if q.endings:
        rows = [charts.Bar(_shorten(e.outcome, 60) if e.node else t["unfinished"], e.share,
                           t["ending_note"].format(n=e.count, pct=percent(e.share),
                                                   score=percent(e.mean_fraction)),
                           None if not e.count else e.mean_fraction == 1)
                for e in q.endings]
        body.append(f'<figure><figcaption>{_e(t["endings"])}</figcaption>'
                    + charts.bars(rows, t["endings"], t["endings_desc"]) + "</figure>")
    body.append("</article>")
    return "".join(body)


def _learner_table(data: ReportInput, t: dict) -> str:
    head = "".join(f'<th scope="col">{_e(q.title)}</th>' for q in data.quizzes)
    rows = []
    for learner in data.learners:
        cells = []
        for quiz in data.quizzes:
            result = learner.results.get(quiz.id)
            if result is None:
                cells.append(f'<td class="none">{_e(t["not_taken"])}</td>')
            else:
                pct, passed = result
                word = t["passed"] if passed else t["failed"]
                cells.append(f'<td class="{"pass" if passed else "fail"}">{pct}% '
                             f'<span class="word">{_e(word)}</span></td>')
        name = _e(learner.name)
        if learner.learner_id:
            name += f' <span class="id">{_e(learner.learner_id)}</span>'
        rows.append(f'<tr><th scope="row">{name}</th>{"".join(cells)}</tr>')
    return (f'<section id="learners"><h2>{_e(t["learner_table"])}</h2><div class="scroll">'
            f'<table class="learners"><tr><th scope="col">{_e(t["learners"])}</th>{head}</tr>'
            f'{"".join(rows)}</table></div></section>')


_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKDOWN_MARKS = re.compile(r"\*\*|__|`")


def _shorten(text: str, limit: int) -> str:
    """Author Markdown as plain text on one line: links keep their words, marks go."""
    text = _MARKDOWN_MARKS.sub("", _MARKDOWN_LINK.sub(r"\1", text))
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


CSS = f"""
:root {{ --ink: #1f2328; --muted: #57606a; --line: #d0d7de; --good: #1a7f37; --bad: #cf222e;
  --accent: #0969da; --soft: #f6f8fa; --warn: #fff4e5; }}
* {{ box-sizing: border-box; }}
body {{ margin: 0; color: var(--ink); background: #fff; font: 16px/1.6 {FONTS_SANS}; }}
main {{ max-width: 980px; margin: 0 auto; padding: 16px; }}
h1 {{ font-size: 1.6rem; line-height: 1.3; margin: .5rem 0; }}
h2 {{ font-size: 1.3rem; margin-top: 2.2rem; border-bottom: 2px solid var(--line); }}
h3 {{ font-size: 1.05rem; margin: 0 0 .3rem; }}
.meta, .note, .empty {{ color: var(--muted); }}
nav {{ display: flex; flex-wrap: wrap; gap: .4rem .9rem; }}
nav a, a {{ color: var(--accent); }}
.scroll {{ overflow-x: auto; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ text-align: left; padding: .35rem .6rem; border-bottom: 1px solid var(--line);
  white-space: nowrap; }}
td.pass {{ color: var(--good); }} td.fail {{ color: var(--bad); }} td.none {{ color: var(--muted); }}
.id, .type, code {{ color: var(--muted); font-size: .85em; font-weight: normal; }}
.tag {{ font-size: .75rem; border: 1px solid var(--accent); color: var(--accent);
  border-radius: 3px; padding: 0 .3rem; margin-left: .3rem; }}
.cards {{ display: grid; grid-template-columns: repeat(auto-fit, minmax(340px, 1fr)); gap: 1rem;
  margin-top: 1rem; }}
figure {{ margin: .8rem 0; }}
.card {{ border: 1px solid var(--line); border-radius: 8px; padding: .8rem; background: #fff; }}
figcaption {{ font-weight: 600; margin-bottom: .4rem; }}
.figures {{ display: block; font-weight: normal; color: var(--muted); }}
svg.chart {{ width: 100%; height: auto; display: block; overflow: visible; }}
svg.quality {{ max-width: 560px; }}
svg.bars {{ max-width: 560px; }}
svg text {{ font-family: {FONTS_SANS}; font-size: 12px; fill: var(--ink); }}
svg .tick, svg .zone-label {{ fill: var(--muted); font-size: 11px; }}
svg .axis, svg .frame {{ stroke: var(--muted); fill: none; }}
svg .mark {{ stroke: var(--ink); stroke-width: 2; stroke-dasharray: 5 3; }}
svg .mark-label {{ font-weight: 600; }}
svg .bar.pass, svg .bar.good {{ fill: var(--good); }}
svg .bar.fail {{ fill: #8c959f; }}
svg .bar.bad {{ fill: var(--bad); }}
svg .bar.neutral {{ fill: var(--accent); }}
svg .track {{ fill: var(--soft); }}
svg .zone {{ fill: var(--warn); }}
svg .dot {{ fill: var(--accent); }}
svg .dot.flagged {{ fill: var(--bad); }}
svg .dot-label {{ font-weight: 600; }}
.question {{ border: 1px solid var(--line); border-radius: 8px; padding: .8rem; margin: 1rem 0; }}
.flagged-q {{ border-color: var(--bad); border-width: 2px; }}
.flag {{ background: var(--warn); border-left: 4px solid var(--bad); padding: .3rem .6rem;
  margin: .4rem 0; }}
.flagged {{ background: var(--warn); border-radius: 8px; padding: .6rem 1rem; }}
.ok {{ color: var(--good); }}
.lesson {{ color: var(--muted); }}
.prompt {{ margin: .2rem 0 .5rem; }}
.metrics {{ display: flex; flex-wrap: wrap; gap: .3rem 1.5rem; margin: .3rem 0; }}
.metrics dt {{ color: var(--muted); font-size: .85rem; }}
.metrics dd {{ margin: 0; font-weight: 600; }}
.meter {{ display: inline-block; width: 80px; height: 8px; background: var(--soft);
  border: 1px solid var(--line); margin-left: .5rem; vertical-align: middle; }}
.meter span {{ display: block; height: 100%; background: var(--accent); }}
.measures {{ margin: .6rem 0 1rem; }}
.measures ul {{ margin: .3rem 0; padding-left: 1.2rem; color: var(--muted); }}
.measures-head {{ margin: .3rem 0 0; font-weight: 600; }}
@media (max-width: 480px) {{ main {{ padding: 10px; }} h1 {{ font-size: 1.3rem; }}
  body {{ font-size: 15px; }} }}
@media print {{ nav {{ display: none; }} .question, .card {{ break-inside: avoid; }} }}
"""
