"""A quiz as a page: readable HTML first, enhanced by `assets/quiz.js` when JavaScript runs.

Without JavaScript every question, option, step and conversation node is readable (the
conversation's choices link to the step they lead to). The widget reads JSON from the
quiz's `data-json` attribute. In practice mode the page holds the answer key, feedback and
explanations (the browser gives instant feedback, so the key is in the page by necessity). In
assessment mode the page holds
no correct flags, no feedback, no points, no explanations and no outcomes: only what is needed
to answer and to write the answer file.

Markup notes: author text must pass through MkDocs' Markdown so that its links are rewritten,
hence `markdown="block"` on every element that holds author text (md_in_html). A bare
`markdown` attribute on a nested element is not enough: its children are left raw.
"""

from __future__ import annotations

import html
import json
from dataclasses import replace

from .. import pagepaths
from ..catalogue import strings
from ..fingerprint import question_version, quiz_version
from ..loaded import LoadedCourse, QuizEntry
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
from ..quizgraph import best_points, start_node
from ..shuffle import display_order, shuffle_flags


def render_quiz(loaded: LoadedCourse, entry: QuizEntry, force_assessment: bool = False) -> str:
    quiz = entry.quiz
    language = loaded.course.language
    t, ui = strings(language)["site"], strings(language)["quiz_page"]
    assessment = is_assessment(quiz, force_assessment)
    text = TextRenderer(loaded, pagepaths.quiz(quiz.id))
    mode = "assessment" if assessment else "practice"
    meta = [t[mode], counted(t["questions_count"], language, len(quiz.questions)),
            t["pass_mark"].format(pct=round(quiz.pass_mark * 100))]
    out = [f"# {text.inline(quiz.title)}", "",
           f'<p class="course-quiz-meta">{" · ".join(html.escape(m) for m in meta)}</p>', ""]
    if quiz.description:
        out += [text.markdown(quiz.description).strip(), ""]
    if assessment:
        out += [f'<p class="course-assessment-note">{html.escape(ui["assessment_note"])}</p>', ""]
    # The widget's data rides in an attribute, not a <script type="application/json">: Material's
    # instant navigation re-creates every inline script of a new page without its type, and
    # would run the JSON as JavaScript.
    data = quiz_data(loaded, quiz, assessment)
    out += [f'<div class="course-quiz" id="quiz-{quiz.id}" data-quiz="{quiz.id}" '
            f'data-mode="{mode}" data-json="{json_attribute(data)}" markdown="block">', ""]
    for number, question in enumerate(quiz.questions, 1):
        out += _question(loaded, question, number, quiz, text, ui, language, assessment)
    out += ["</div>", ""]
    return "\n".join(out)


def json_attribute(data) -> str:
    """JSON for an HTML attribute value (double-quoted)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return html.escape(text, quote=True)


def quiz_data(loaded: LoadedCourse, quiz: Quiz, assessment: bool) -> dict:
    """What the widget needs. In assessment mode: nothing that tells right from wrong.

    Lists keep the YAML order (questions, options, nodes, choices): the widget's shuffle and its
    score sum both walk them in that order, exactly as `shuffle.py` and `scoring.py` do.
    """
    shuffle_questions, shuffle_options = shuffle_flags(quiz)
    data = {
        "quiz": quiz.id,
        "title": quiz.title,
        "course": loaded.course.title,
        "language": loaded.course.language,
        "version": quiz_version(quiz),
        "mode": "assessment" if assessment else "practice",
        "passMark": quiz.pass_mark,
        "shuffle": {"questions": shuffle_questions, "options": shuffle_options},
        "questions": [question_data(q, assessment) for q in quiz.questions],
        "ui": strings(loaded.course.language)["widget"],
    }
    return data


def question_data(question: Question, assessment: bool) -> dict:
    item: dict = {"id": question.id, "type": question.type, "version": question_version(question)}
    if not assessment:
        item["points"] = question.points
    if isinstance(question, (SingleChoice, MultipleChoice)):
        item["options"] = [o.id for o in question.options]
        if not assessment:
            item["correct"] = [o.id for o in question.options if o.correct]
            if isinstance(question, MultipleChoice):
                item["scoring"] = question.scoring
                item["penalty"] = question.penalty
    elif isinstance(question, TrueFalse):
        if not assessment:
            item["answer"] = question.answer
    elif isinstance(question, Ordering):
        item["items"] = [i.id for i in display_order(question)]
        if not assessment:
            item["solution"] = [i.id for i in question.items]
            item["scoring"] = question.scoring
    elif isinstance(question, Scenario):
        item["start"] = start_node(question)
        nodes = []
        for node in question.nodes:
            choices = []
            for choice in node.choices:
                c = {"id": choice.id, "next": choice.next}
                if not assessment:
                    c["points"] = choice.points
                choices.append(c)
            nodes.append({"id": node.id, "choices": choices})
        item["nodes"] = nodes
        if not assessment:
            item["best"] = best_points(question)
    return item


def pickable(text: TextRenderer) -> TextRenderer:
    """The renderer for what a learner picks: policy values without their date marker."""
    return replace(text, dated=False)


def _question(loaded, question: Question, number: int, quiz: Quiz, text: TextRenderer, ui: dict,
              language: str, assessment: bool) -> list[str]:
    labels = strings(language)["question_types"]
    qid = question.id
    dom_id = f"{quiz.id}-{qid}"
    kind = labels[question.type]
    if isinstance(question, MultipleChoice):
        every = question.scoring == "all_or_nothing"
        rule = ui["multiple_all"] if every else ui["multiple_partial"]
        kind += ui["rule"].format(rule=rule)
    # The number sits in its own span: the widget renumbers questions after shuffling them.
    legend = (f'<legend><span class="course-q-number">{html.escape(ui["number"].format(n=number))}'
              f"</span> · {html.escape(kind)}</legend>")
    out = [f'<fieldset class="course-q course-q--{question.type}" id="q-{dom_id}" '
           f'data-question="{qid}" data-type="{question.type}" '
           f'aria-describedby="q-{dom_id}-prompt" markdown="block">',
           legend,
           f'<div class="course-q-prompt" id="q-{dom_id}-prompt" markdown="block">', "",
           text.markdown(question.prompt).strip(), "", "</div>"]
    name = f"{quiz.id}--{qid}"
    picked = pickable(text)
    if isinstance(question, (SingleChoice, MultipleChoice)):
        kind = "radio" if isinstance(question, SingleChoice) else "checkbox"
        out.append('<ul class="course-options" markdown="block">')
        for option in question.options:
            out += _option(option.id, picked.inline(option.text), kind, name,
                           None if assessment else option.feedback, text)
        out.append("</ul>")
    elif isinstance(question, TrueFalse):
        out.append('<ul class="course-options course-options--tf" markdown="block">')
        for value in ("true", "false"):
            feedback = None
            if not assessment and question.feedback:
                feedback = getattr(question.feedback, value)
            out += _option(value, html.escape(ui[value]), "radio", name, feedback, text)
        out.append("</ul>")
    elif isinstance(question, Ordering):
        out += [f'<p class="course-ordering-hint">{html.escape(ui["ordering_hint"])}</p>',
                '<ol class="course-steps" markdown="block">']
        for item in display_order(question):
            out.append(f'<li class="course-step" data-step="{item.id}" markdown="span">'
                       f'<span class="course-step-text">{picked.inline(item.text)}</span></li>')
        out.append("</ol>")
    elif isinstance(question, Scenario):
        out += _scenario(question, name, text, ui, assessment)
    if not assessment and (question.explanation or question.lesson):
        out += ['<div class="course-explanation" hidden markdown="block">', ""]
        if question.explanation:
            explanation = text.markdown(question.explanation).strip()
            out += [strong(ui["explanation"]) + explanation, ""]
        if question.lesson:
            out += [_lesson_link(question.lesson, text, ui), ""]
        out.append("</div>")
    out += ["</fieldset>", ""]
    return out


def _option(value: str, label_html: str, kind: str, name: str, feedback: str | None,
            text: TextRenderer) -> list[str]:
    out = [f'<li class="course-option" data-option="{value}" markdown="block">',
           f'<label><input type="{kind}" name="{name}" value="{value}"> '
           f'<span class="course-option-text">{label_html}</span></label>']
    if feedback:
        out += [f'<div class="course-feedback" data-feedback="{value}" hidden markdown="block">',
                "", text.markdown(feedback).strip(), "", "</div>"]
    out.append("</li>")
    return out


def _scenario(question: Scenario, name: str, text: TextRenderer, ui: dict,
              assessment: bool) -> list[str]:
    out = []
    picked = pickable(text)
    step_of = {node.id: n for n, node in enumerate(question.nodes, 1)}
    for node in question.nodes:
        ending = not node.choices
        classes = "course-node course-node--end" if ending else "course-node"
        out += [f'<div class="{classes}" data-node="{node.id}" id="{name}--{node.id}" '
                f'tabindex="-1" markdown="block">',
                f'<p class="course-node-step">'
                f'{html.escape(ui["step"].format(n=step_of[node.id]))}</p>']
        if node.order:
            out += _order_card(node.order, text, ui)
        if node.customer:
            out += ['<div class="course-turn course-turn--buyer" markdown="block">',
                    f'<p class="course-speaker">{html.escape(ui["buyer"])}</p>', "",
                    text.markdown(node.customer).strip(), "", "</div>"]
        if node.situation:
            out += ['<div class="course-situation" markdown="block">', "",
                    text.markdown(node.situation).strip(), "", "</div>"]
        if node.choices:
            out.append('<ul class="course-options course-choices" markdown="block">')
            for choice in node.choices:
                out += [f'<li class="course-option" data-option="{choice.id}" '
                        f'data-next="{choice.next}" markdown="block">',
                        f'<label><input type="radio" name="{name}--{node.id}" value="{choice.id}"> '
                        f'<span class="course-option-text">{picked.inline(choice.text)}</span>'
                        '</label> '
                        f'<a class="course-goto" href="#{name}--{choice.next}">'
                        f'{html.escape(ui["goto"].format(n=step_of.get(choice.next, "?")))}</a>']
                if not assessment and choice.feedback:
                    out += [f'<div class="course-feedback" data-feedback="{choice.id}" hidden '
                            f'markdown="block">', "", text.markdown(choice.feedback).strip(), "",
                            "</div>"]
                out.append("</li>")
            out.append("</ul>")
        else:
            out.append(f'<p class="course-ending-label">{html.escape(ui["ending"])}</p>')
            if not assessment and node.outcome:
                out += ['<div class="course-outcome" hidden markdown="block">', "",
                        strong(ui["outcome"]) + text.markdown(node.outcome).strip(), "",
                        "</div>"]
        out += ["</div>", ""]
    return out


def _order_card(order, text: TextRenderer, ui: dict) -> list[str]:
    rows = []
    for field in ORDER_CARD_ROWS:
        value = getattr(order, field)
        if value:
            rows.append(f"<dt>{html.escape(ui[field])}</dt><dd>{text.plain(value)}</dd>")
    if order.tags:
        tags = "".join(f'<span class="course-tag">{text.plain(tag)}</span>' for tag in order.tags)
        rows.append(f"<dt>{html.escape(ui['tags'])}</dt><dd>{tags}</dd>")
    return [f'<div class="course-order" role="group" aria-label="{html.escape(ui["order_card"])}">'
            f'<p class="course-order-title">{html.escape(ui["order_card"])}</p>'
            f'<dl>{"".join(rows)}</dl></div>']


def _lesson_link(ref: str, text: TextRenderer, ui: dict) -> str:
    found = text.lesson_ref(ref)
    if found is None:
        return ""
    title, target = found
    return f"[{ui['review'].format(title=title)}]({target})"
