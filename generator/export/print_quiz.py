"""Quizzes on paper: questions with empty boxes, and (for practice quizzes) an answer appendix.

Renders Markdown for the handbook, from the quiz models only (never from the site's pages), so
what a printed assessment shows is decided here: prompts, options, steps and conversation
nodes — no correct flags, feedback, points, explanations or outcomes. As on the site, an
assessment's conversation is linear (the best path's steps in order, no "go to" links, no
endings), its steps print in the order of their opaque ids (as the page without JavaScript lists
them: the practice order is a shuffle seeded by the question's authored id, which a reader could
guess), and nothing carries an authored id. Practice answers go to `answers()`, printed at the
end of the handbook. A quiz that draws each learner's paper prints its whole pool, with a line
saying how many questions each learner draws from each pool.
"""

from __future__ import annotations

import html
from string import ascii_uppercase

from .. import pagepaths
from ..catalogue import strings
from ..integrity.opaque import OpaqueIds
from ..loaded import LoadedCourse
from ..markup import TextRenderer, strong
from ..models.quiz import (
    ORDER_CARD_ROWS,
    MultipleChoice,
    Ordering,
    Question,
    Quiz,
    Scenario,
    SingleChoice,
    TrueFalse,
    is_assessment,
)
from ..plurals import counted
from ..quizgraph import best_path, linear_nodes, start_node
from ..render.quiz import listed_items, page_ids
from ..shuffle import display_order

APPENDIX = "appendix.md"  # the answers' page, for relative links



def words(language: str) -> dict[str, str]:
    """The printed quiz's words: its own, and those it shares with the quiz page and the site."""
    catalogue = strings(language)
    page, site = catalogue["quiz_page"], catalogue["site"]
    shared = {key: page[key] for key in ("number", "true", "false", "step", "goto", "ending",
                                         "buyer", "order_card", "tags", *ORDER_CARD_ROWS)}
    return {**catalogue["question_types"], **shared,
            "practice": site["practice"], "assessment": site["assessment"],
            "questions": site["questions_count"], "pass_mark": site["pass_mark"],
            "all_or_nothing": page["multiple_all"], "partial": page["multiple_partial"],
            "list_separator": catalogue["language"]["list_separator"], **catalogue["print"]}


def answers_anchor(quiz: Quiz) -> str:
    return f"answers-{quiz.id}"


def question_anchor(question: Question) -> str:
    return f"q-{question.id}"


def quiz_page(loaded: LoadedCourse, quiz: Quiz, force_assessment: bool,
              salt: str | None = None) -> str:
    """A quiz as printed questions (the page `quiz/<id>.md` of the handbook). An assessment
    needs `salt`, the registry's, as its page does."""
    w = words(loaded.course.language)
    text = TextRenderer(loaded, pagepaths.quiz(quiz.id))
    assessment = is_assessment(quiz, force_assessment)
    ids = page_ids(quiz, assessment, salt)
    meta = [w["assessment" if assessment else "practice"],
            counted(w["questions"], loaded.course.language, len(quiz.questions)),
            w["pass_mark"].format(pct=round(quiz.pass_mark * 100))]
    out = [f"# {text.inline(quiz.title)}", "",
           f'<p class="hb-quiz-meta">{html.escape(" · ".join(meta))}</p>', ""]
    if quiz.description:
        out += [text.markdown(quiz.description).strip(), ""]
    if assessment:
        out += [f'<p class="hb-note">{html.escape(w["no_answers"])}</p>', ""]
    else:
        link = text.link(APPENDIX, f"#{answers_anchor(quiz)}")
        out += [f'<p class="hb-note" markdown="span">{w["see_answers"].format(link=link)}</p>', ""]
    if quiz.draw:
        out += [_draw_line(quiz, w), ""]
    for number, question in enumerate(quiz.questions, 1):
        out += _question(question, number, text, w, ids)
    return "\n".join(out)


def _draw_line(quiz: Quiz, w: dict) -> str:
    """How each learner's paper is drawn: from which pool, how many of how many."""
    sizes = {d.pool: sum(q.pool == d.pool for q in quiz.questions) for d in quiz.draw}
    pools = w["list_separator"].join(w["draw_pool"].format(pool=d.pool, size=sizes[d.pool],
                                                           count=d.count) for d in quiz.draw)
    line = w["draw_intro"].format(total=len(quiz.questions), drawn=sum(d.count for d in quiz.draw),
                                  pools=pools)
    return f'<p class="hb-note hb-draw">{html.escape(line)}</p>'


def _question(question: Question, number: int, text: TextRenderer, w: dict,
              ids: OpaqueIds | None = None) -> list[str]:
    assessment = ids is not None
    kind = w[question.type]
    if isinstance(question, MultipleChoice):
        kind += w["paren"].format(text=w[question.scoring])
    if question.pool:
        kind += " · " + w["pool_tag"].format(pool=question.pool)
    # Only practice answers link back to their question; an assessment's carries no id at all.
    anchor = "" if assessment else f' id="{question_anchor(question)}"'
    out = [f'<div class="hb-q"{anchor} markdown="block">', "",
           f'<p class="hb-q-kind">{html.escape(w["number"].format(n=number))} · '
           f'{html.escape(kind)}</p>', "",
           text.markdown(question.prompt).strip(), ""]
    if isinstance(question, (SingleChoice, MultipleChoice)):
        shape = "single" if isinstance(question, SingleChoice) else "multiple"
        out += _boxes(shape, [text.inline(o.text) for o in question.options])
    elif isinstance(question, TrueFalse):
        out += _boxes("single", [w["true"], w["false"]])
    elif isinstance(question, Ordering):
        out += [f'<p class="hb-hint">{html.escape(w["ordering_hint"])}</p>', "",
                '<div class="hb-steps" markdown="block">', ""]
        steps = ([item for _, item in listed_items(question, question.items, ids)] if assessment
                 else display_order(question))
        out += [f"- **{letter}.** {text.inline(item.text)}"
                for letter, item in zip(ascii_uppercase, steps)]
        out += ["", "</div>", ""]
    elif isinstance(question, Scenario):
        out += _linear_scenario(question, text, w) if assessment else _scenario(question, text, w)
    out += ["</div>", ""]
    return out


def _boxes(shape: str, labels: list[str]) -> list[str]:
    out = [f'<div class="hb-options hb-options--{shape}" markdown="block">', ""]
    out += [f"- **{letter}.** {label}" for letter, label in zip(ascii_uppercase, labels)]
    return out + ["", "</div>", ""]


def _scenario(question: Scenario, text: TextRenderer, w: dict) -> list[str]:
    steps = _step_numbers(question)
    start = steps[start_node(question)]
    out = [f'<p class="hb-hint">{html.escape(w["scenario_hint"].format(n=start))}</p>', ""]
    for node in question.nodes:
        out += [f'<div class="hb-node" id="{_node_anchor(question, node.id)}" markdown="block">',
                "", f'<p class="hb-step">{html.escape(w["step"].format(n=steps[node.id]))}</p>', ""]
        out += _turns(node, text, w)
        if node.choices:
            out += ['<div class="hb-options hb-options--single" markdown="block">', ""]
            for letter, choice in zip(ascii_uppercase, node.choices):
                goto = w["goto"].format(n=steps.get(choice.next, "?"))
                out.append(f"- **{letter}.** {text.inline(choice.text)} "
                           f"[{goto}](#{_node_anchor(question, choice.next)}){{.hb-goto}}")
            out += ["", "</div>", ""]
        else:
            out += [f'<p class="hb-ending">{html.escape(w["ending"])}</p>', ""]
        out += ["</div>", ""]
    return out


def _linear_scenario(question: Scenario, text: TextRenderer, w: dict) -> list[str]:
    """An assessment's conversation on paper: the best path's steps in order, every reply
    leading on to the next step (as on the site), so no link or ending tells replies apart."""
    out = [f'<p class="hb-hint">{html.escape(w["linear_hint"])}</p>', ""]
    nodes = linear_nodes(question)
    for number, node in enumerate(nodes, 1):
        out += ['<div class="hb-node" markdown="block">', "",
                f'<p class="hb-step">{html.escape(w["step"].format(n=number))}</p>', ""]
        out += _turns(node, text, w)
        out += ['<div class="hb-options hb-options--single" markdown="block">', ""]
        out += [f"- **{letter}.** {text.inline(choice.text)}"
                for letter, choice in zip(ascii_uppercase, node.choices)]
        out += ["", "</div>", "", "</div>", ""]
    out += [f'<p class="hb-ending">{html.escape(w["ending"])}</p>', ""]
    return out


def _turns(node, text: TextRenderer, w: dict) -> list[str]:
    out = []
    if node.order:
        out += [_order_card(node.order, text, w), ""]
    if node.customer:
        out += ['<div class="course-turn course-turn--buyer" markdown="block">', "",
                f'<span class="course-speaker">{html.escape(w["buyer"])}</span>', "",
                text.markdown(node.customer).strip(), "", "</div>", ""]
    if node.situation:
        out += ['<div class="course-situation" markdown="block">', "",
                text.markdown(node.situation).strip(), "", "</div>", ""]
    return out


def _order_card(order, text: TextRenderer, w: dict) -> str:
    rows = [f"<tr><th>{html.escape(w[name])}</th><td>{text.plain(getattr(order, name))}</td></tr>"
            for name in ORDER_CARD_ROWS if getattr(order, name)]
    if order.tags:
        tags = " ".join(f'<span class="hb-tag">{text.plain(tag)}</span>' for tag in order.tags)
        rows.append(f"<tr><th>{html.escape(w['tags'])}</th><td>{tags}</td></tr>")
    return (f'<table class="hb-order"><caption>{html.escape(w["order_card"])}</caption>'
            f'{"".join(rows)}</table>')


def answers(loaded: LoadedCourse, quizzes: list[Quiz]) -> str:
    """The appendix page: every practice quiz's answers, feedback and explanations."""
    w = words(loaded.course.language)
    text = TextRenderer(loaded, APPENDIX)
    out = [f"# {w['appendix']}", ""]
    for quiz in quizzes:
        link = text.link(pagepaths.quiz(quiz.id))
        out += [f"## [{text.inline(quiz.title)}]({link}) {{#{answers_anchor(quiz)}}}", ""]
        for number, question in enumerate(quiz.questions, 1):
            out += _answer(loaded, quiz, question, number, text, w)
    return "\n".join(out)


def _answer(loaded, quiz: Quiz, question: Question, number: int, text: TextRenderer,
            w: dict) -> list[str]:
    link = text.link(pagepaths.quiz(quiz.id), f"#{question_anchor(question)}")
    out = ['<div class="hb-answer" markdown="block">', ""]
    heading = f"[{w['number'].format(n=number)}]({link})"
    if isinstance(question, (SingleChoice, MultipleChoice)):
        letters = [letter for letter, option in zip(ascii_uppercase, question.options)
                   if option.correct]
        listed = w["list_separator"].join(letters) or "—"
        out += [f"**{heading} · {w['answer']}{w['colon']}{listed}**", ""]
        notes = [f"- **{letter}.** {text.inline(option.text)}"
                 + (f"{w['colon']}{text.inline(option.feedback)}" if option.feedback else "")
                 for letter, option in zip(ascii_uppercase, question.options)]
        out += notes + [""]
    elif isinstance(question, TrueFalse):
        out += [f"**{heading} · {w['answer']}{w['colon']}"
                f"{w['true'] if question.answer else w['false']}**", ""]
        if question.feedback:
            for value in ("true", "false"):
                note = getattr(question.feedback, value)
                if note:
                    out.append(f"- **{w[value]}**{w['colon']}{text.inline(note)}")
            out.append("")
    elif isinstance(question, Ordering):
        letter_of = {item.id: letter
                     for letter, item in zip(ascii_uppercase, display_order(question))}
        sequence = w["arrow"].join(letter_of[item.id] for item in question.items)
        out += [f"**{heading} · {w['answer']}{w['colon']}{sequence}**", ""]
        out += [f"1. {text.inline(item.text)}" for item in question.items] + [""]
    elif isinstance(question, Scenario):
        out += _scenario_answer(question, heading, text, w)
    if question.explanation:
        out += [strong(w["explanation"] + w["colon"])
                + text.markdown(question.explanation).strip(), ""]
    if question.lesson:
        out += [_lesson_link(question.lesson, text, w), ""]
    out += ["</div>", ""]
    return out


def _scenario_answer(question: Scenario, heading: str, text: TextRenderer, w: dict) -> list[str]:
    steps = _step_numbers(question)
    letters = {(node.id, choice.id): letter for node in question.nodes
               for letter, choice in zip(ascii_uppercase, node.choices)}
    path = [w["choose"].format(step=w["step"].format(n=steps[node]), letter=letters[(node, choice)])
            for node, choice in best_path(question)]
    out = [f"**{heading} · {w['best_path']}{w['colon']}{w['arrow'].join(path)}**", ""]
    for node in question.nodes:
        if node.choices:
            out.append(f"- {w['step'].format(n=steps[node.id])}")
            for letter, choice in zip(ascii_uppercase, node.choices):
                note = f"{w['colon']}{text.inline(choice.feedback)}" if choice.feedback else ""
                out.append(f"    - **{letter}.** {w['points'].format(n=choice.points)}{note}")
        elif node.outcome:
            out.append(f"- {w['step'].format(n=steps[node.id])} · {w['outcome']}{w['colon']}"
                       f"{text.inline(node.outcome)}")
    return out + [""]


def _step_numbers(question: Scenario) -> dict[str, int]:
    # The same numbering as the site's readable quiz page: nodes as the author listed them.
    return {node.id: number for number, node in enumerate(question.nodes, 1)}


def _node_anchor(question: Scenario, node_id: str) -> str:
    return f"{question.id}-{node_id}"


def _lesson_link(ref: str, text: TextRenderer, w: dict) -> str:
    found = text.lesson_ref(ref)
    if found is None:
        return ""
    title, target = found
    return f"{w['review']}[{title}]({target})"
