"""A quiz as a page: readable HTML first, enhanced by `assets/quiz.js` when JavaScript runs.

Without JavaScript every question, option, step and conversation node is readable (on a
practice page the conversation's choices link to the step they lead to). The widget reads JSON
from the quiz's `data-json` attribute. In practice mode the page holds the answer key, feedback
and explanations (the browser gives instant feedback, so the key is in the page by necessity).
In assessment mode the page holds no correct flags, no feedback, no points, no explanations and
no outcomes: only what is needed to answer and to write the answer file. And nothing a program
could read the key from either:
- every question, option, step, node and choice is named by its opaque id (`integrity.opaque`,
  keyed by the registry's salt), never by a word an author wrote, and listed in opaque-id order,
  never in YAML order (the steps' YAML order is the key);
- a conversation is linear: the best path's decision nodes in order and one neutral end node,
  every choice of a node leading to the next (`quizgraph.linear_nodes`), so no count of links,
  endings or depths tells a good choice from a bad one; no links between nodes at all.

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
from ..integrity.opaque import OpaqueIds
from ..integrity.seeds import asks_for_identity
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
from ..quizgraph import best_points, linear_nodes, start_node
from ..shuffle import display_order, shuffle_flags


def render_quiz(loaded: LoadedCourse, entry: QuizEntry, force_assessment: bool = False,
                salt: str | None = None) -> str:
    """The quiz page. An assessment page needs `salt`, the registry's, for its opaque ids."""
    quiz = entry.quiz
    language = loaded.course.language
    t, ui = strings(language)["site"], strings(language)["quiz_page"]
    assessment = is_assessment(quiz, force_assessment)
    ids = page_ids(quiz, assessment, salt)
    text = TextRenderer(loaded, pagepaths.quiz(quiz.id))
    mode = "assessment" if assessment else "practice"
    # A drawn quiz: each learner answers the paper, not the pool.
    paper = sum(d.count for d in quiz.draw)
    count = (counted(t["drawn_count"], language, paper, m=len(quiz.questions)) if quiz.draw
             else counted(t["questions_count"], language, len(quiz.questions)))
    meta = [t[mode], count, t["pass_mark"].format(pct=round(quiz.pass_mark * 100))]
    out = [f"# {text.inline(quiz.title)}", "",
           f'<p class="course-quiz-meta">{" · ".join(html.escape(m) for m in meta)}</p>', ""]
    if quiz.description:
        out += [text.markdown(quiz.description).strip(), ""]
    if assessment:
        out += [f'<p class="course-assessment-note">{html.escape(ui["assessment_note"])}</p>', ""]
    # The widget's data rides in an attribute, not a <script type="application/json">: Material's
    # instant navigation re-creates every inline script of a new page without its type, and
    # would run the JSON as JavaScript.
    data = quiz_data(loaded, quiz, assessment, ids)
    out += [f'<div class="course-quiz" id="quiz-{quiz.id}" data-quiz="{quiz.id}" '
            f'data-mode="{mode}" data-json="{json_attribute(data)}" markdown="block">', ""]
    for number, question in enumerate(listed_questions(quiz, ids), 1):
        out += _question(loaded, question, number, quiz, text, ui, language, ids)
    out += ["</div>", ""]
    return "\n".join(out)


def page_ids(quiz: Quiz, assessment: bool, salt: str | None) -> OpaqueIds | None:
    """The opaque ids of an assessment page; None on a practice page (authored ids)."""
    if not assessment:
        return None
    if not salt:
        raise ValueError(f"quiz '{quiz.id}' is shown as an assessment: its page needs the "
                         "registry's salt for its opaque ids")
    return OpaqueIds(quiz, salt)


def listed_questions(quiz: Quiz, ids: OpaqueIds | None) -> list[Question]:
    """The questions in the page's order: YAML order, or by opaque id on an assessment page."""
    if ids is None:
        return list(quiz.questions)
    return sorted(quiz.questions, key=lambda q: ids.question(q.id))


def json_attribute(data) -> str:
    """JSON for an HTML attribute value (double-quoted)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return html.escape(text, quote=True)


def quiz_data(loaded: LoadedCourse, quiz: Quiz, assessment: bool,
              ids: OpaqueIds | None = None) -> dict:
    """What the widget needs. In assessment mode (`ids` required): nothing that tells right
    from wrong, named by opaque ids.

    Lists keep the page's order (questions, options, nodes, choices): YAML order on a practice
    page, opaque-id order on an assessment page. The widget's draw and shuffle and its score
    sum walk them in that order, exactly as `shuffle.py` and `scoring.py` do.
    """
    if assessment and ids is None:
        raise ValueError("an assessment page names everything by opaque id: pass ids")
    ids = ids if assessment else None
    shuffle_questions, shuffle_options = shuffle_flags(quiz)
    pool_index = {d.pool: index for index, d in enumerate(quiz.draw)}
    data = {
        "quiz": quiz.id,
        "title": quiz.title,
        "course": loaded.course.title,
        "language": loaded.course.language,
        "version": quiz_version(quiz),
        "mode": "assessment" if assessment else "practice",
        "passMark": quiz.pass_mark,
        "shuffle": {"questions": shuffle_questions, "options": shuffle_options},
        "questions": [question_data(q, assessment, ids, pool_index.get(q.pool))
                      for q in listed_questions(quiz, ids)],
        "ui": strings(loaded.course.language)["widget"],
    }
    if asks_for_identity(quiz, assessment):
        data["identity"] = True
    if quiz.draw:  # pools by their place in `draw`: a pool's name may say what it holds
        data["draw"] = [[index, d.count] for index, d in enumerate(quiz.draw)]
    if quiz.exam is not None:
        exam = quiz.exam
        data["exam"] = {"time_limit": exam.time_limit, "attempts": exam.attempts,
                        "after_submit": exam.after_submit, "grace": exam.grace,
                        "late": exam.late}
    return data


def question_data(question: Question, assessment: bool, ids: OpaqueIds | None = None,
                  pool: int | None = None) -> dict:
    if assessment and ids is None:
        raise ValueError("an assessment page names everything by opaque id: pass ids")
    if assessment:
        return _assessment_question_data(question, ids, pool)
    item: dict = {"id": question.id, "type": question.type, "version": question_version(question)}
    if pool is not None:
        item["pool"] = pool
    item["points"] = question.points
    if isinstance(question, (SingleChoice, MultipleChoice)):
        item["options"] = [o.id for o in question.options]
        item["correct"] = [o.id for o in question.options if o.correct]
        if isinstance(question, MultipleChoice):
            item["scoring"] = question.scoring
            item["penalty"] = question.penalty
    elif isinstance(question, TrueFalse):
        item["answer"] = question.answer
    elif isinstance(question, Ordering):
        item["items"] = [i.id for i in display_order(question)]
        item["solution"] = [i.id for i in question.items]
        item["scoring"] = question.scoring
    elif isinstance(question, Scenario):
        item["start"] = start_node(question)
        item["nodes"] = [{"id": node.id, "choices": [
            {"id": c.id, "next": c.next, "points": c.points} for c in node.choices]}
            for node in question.nodes]
        item["best"] = best_points(question)
    return item


def _assessment_question_data(question: Question, ids: OpaqueIds, pool: int | None) -> dict:
    qid = question.id
    item: dict = {"id": ids.question(qid), "type": question.type,
                  "version": question_version(question)}
    if pool is not None:
        item["pool"] = pool
    if isinstance(question, (SingleChoice, MultipleChoice)):
        item["options"] = [name for name, _ in listed_items(question, question.options, ids)]
    elif isinstance(question, Ordering):
        item["items"] = [name for name, _ in listed_items(question, question.items, ids)]
    elif isinstance(question, Scenario):
        nodes = []
        for node, after in _linear(question, ids):
            nodes.append({"id": ids.node(qid, node.id), "choices": [
                {"id": name, "next": after}
                for name, _ in listed_items(question, node.choices, ids)]})
        end = ids.end_node(qid)
        nodes.append({"id": end, "choices": []})
        item["start"] = nodes[0]["id"]
        item["nodes"] = nodes
    return item


def listed_items(question: Question, items, ids: OpaqueIds | None) -> list[tuple[str, object]]:
    """(the page's id, the item) for options, steps or choices, in the page's order."""
    if ids is None:
        return [(i.id, i) for i in items]
    return sorted(((ids.item(question.id, i.id), i) for i in items), key=lambda pair: pair[0])


def _linear(question: Scenario, ids: OpaqueIds) -> list[tuple]:
    """(node, the opaque id every one of its choices leads to) along an assessment page's
    conversation: the best path's decision nodes, then the neutral end node."""
    nodes = linear_nodes(question)
    after = [ids.node(question.id, n.id) for n in nodes[1:]] + [ids.end_node(question.id)]
    return list(zip(nodes, after))


def pickable(text: TextRenderer) -> TextRenderer:
    """The renderer for what a learner picks: policy values without their date marker."""
    return replace(text, dated=False)


def _question(loaded, question: Question, number: int, quiz: Quiz, text: TextRenderer, ui: dict,
              language: str, ids: OpaqueIds | None) -> list[str]:
    assessment = ids is not None
    labels = strings(language)["question_types"]
    qid = ids.question(question.id) if assessment else question.id
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
        for value, option in listed_items(question, question.options, ids):
            out += _option(value, picked.inline(option.text), kind, name,
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
        steps = (listed_items(question, question.items, ids) if assessment
                 else [(i.id, i) for i in display_order(question)])
        for value, item in steps:
            out.append(f'<li class="course-step" data-step="{value}" markdown="span">'
                       f'<span class="course-step-text">{picked.inline(item.text)}</span></li>')
        out.append("</ol>")
    elif isinstance(question, Scenario):
        if assessment:
            out += _linear_scenario(question, name, text, ui, ids)
        else:
            out += _scenario(question, name, text, ui)
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


def _scenario(question: Scenario, name: str, text: TextRenderer, ui: dict) -> list[str]:
    """A practice page's conversation: every node, each choice linking to the step it leads to."""
    out = []
    picked = pickable(text)
    step_of = {node.id: n for n, node in enumerate(question.nodes, 1)}
    for node in question.nodes:
        ending = not node.choices
        classes = "course-node course-node--end" if ending else "course-node"
        out += _node_head(classes, node.id, f"{name}--{node.id}", step_of[node.id], ui)
        out += _node_turns(node, text, ui)
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
                if choice.feedback:
                    out += [f'<div class="course-feedback" data-feedback="{choice.id}" hidden '
                            f'markdown="block">', "", text.markdown(choice.feedback).strip(), "",
                            "</div>"]
                out.append("</li>")
            out.append("</ul>")
        else:
            out.append(f'<p class="course-ending-label">{html.escape(ui["ending"])}</p>')
            if node.outcome:
                out += ['<div class="course-outcome" hidden markdown="block">', "",
                        strong(ui["outcome"]) + text.markdown(node.outcome).strip(), "",
                        "</div>"]
        out += ["</div>", ""]
    return out


def _linear_scenario(question: Scenario, name: str, text: TextRenderer, ui: dict,
                     ids: OpaqueIds) -> list[str]:
    """An assessment page's conversation: the best path's decision nodes in order, their choices
    by opaque id, then one neutral end node. No links: every choice leads to the next node, and
    the widget walks them; the page without JavaScript reads from top to bottom."""
    out = []
    picked = pickable(text)
    linear = _linear(question, ids)
    for number, (node, _) in enumerate(linear, 1):
        node_id = ids.node(question.id, node.id)
        out += _node_head("course-node", node_id, f"{name}--{node_id}", number, ui)
        out += _node_turns(node, text, ui)
        out.append('<ul class="course-options course-choices" markdown="block">')
        for value, choice in listed_items(question, node.choices, ids):
            out += [f'<li class="course-option" data-option="{value}" markdown="block">',
                    f'<label><input type="radio" name="{name}--{node_id}" value="{value}"> '
                    f'<span class="course-option-text">{picked.inline(choice.text)}</span>'
                    '</label>', "</li>"]
        out += ["</ul>", "</div>", ""]
    end = ids.end_node(question.id)
    out += _node_head("course-node course-node--end", end, f"{name}--{end}", len(linear) + 1, ui)
    out += [f'<p class="course-ending-label">{html.escape(ui["ending"])}</p>', "</div>", ""]
    return out


def _node_head(classes: str, node_id: str, anchor: str, step: int, ui: dict) -> list[str]:
    return [f'<div class="{classes}" data-node="{node_id}" id="{anchor}" tabindex="-1" '
            'markdown="block">',
            f'<p class="course-node-step">{html.escape(ui["step"].format(n=step))}</p>']


def _node_turns(node, text: TextRenderer, ui: dict) -> list[str]:
    """What the learner reads at a node: the order card, the buyer's words, the situation."""
    out = []
    if node.order:
        out += _order_card(node.order, text, ui)
    if node.customer:
        out += ['<div class="course-turn course-turn--buyer" markdown="block">',
                f'<p class="course-speaker">{html.escape(ui["buyer"])}</p>', "",
                text.markdown(node.customer).strip(), "", "</div>"]
    if node.situation:
        out += ['<div class="course-situation" markdown="block">', "",
                text.markdown(node.situation).strip(), "", "</div>"]
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
