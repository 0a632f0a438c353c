"""A quiz as a page: readable HTML first, enhanced by `assets/quiz.js` when JavaScript runs.

The page carries a JSON block the widget reads. In practice mode it holds the answer key (the
browser gives instant feedback, so the key is in the page by necessity). In assessment mode the
page holds no correct flags, no feedback, no points and no explanations: only what is needed to
answer and to write the answer file.
"""

from __future__ import annotations

import html
import json
import random

from ..bundle import CourseBundle, QuizEntry
from ..fingerprint import question_version, quiz_version
from ..grader import best_path_points
from ..i18n import strings
from ..models.quiz import (MultipleChoice, Ordering, Question, Quiz, Scenario, SingleChoice,
                           TrueFalse)
from . import paths
from .text import TextRenderer

TYPE_LABELS = {
    "zh": {"single": "单选题", "multiple": "多选题", "true_false": "判断题",
           "ordering": "排序题", "scenario": "情景对话"},
    "en": {"single": "Single choice", "multiple": "Multiple choice", "true_false": "True or false",
           "ordering": "Put in order", "scenario": "Conversation"},
}
UI = {
    "zh": {"number": "第 {n} 题", "true": "对", "false": "错", "explanation": "解析",
           "review": "复习：{title}", "step": "第 {n} 步", "goto": "→ 转到第 {n} 步",
           "ending": "对话结束", "multiple_all": "全部选对才得分",
           "multiple_partial": "按选对比例得分，选错扣分", "ordering_hint": "把步骤排成正确的顺序",
           "order_card": "订单信息", "buyer": "买家", "item": "商品", "amount": "实付", "ordered": "下单",
           "shipped": "发货", "signed": "签收", "status": "售后状态", "countdown": "处理倒计时",
           "tags": "订单标签", "outcome": "结果", "assessment_note":
           "这是考核：页面不显示对错。答完后请下载答案文件，交给培训负责人评分。"},
    "en": {"number": "Question {n}", "true": "True", "false": "False", "explanation": "Why",
           "review": "Review: {title}", "step": "Step {n}", "goto": "→ go to step {n}",
           "ending": "End of conversation", "multiple_all": "all correct options needed",
           "multiple_partial": "partial credit, wrong picks cost points",
           "ordering_hint": "Put the steps in the right order", "order_card": "Order", "buyer": "Buyer",
           "item": "Item", "amount": "Paid", "ordered": "Ordered", "shipped": "Shipped",
           "signed": "Signed for", "status": "After-sales status", "countdown": "Countdown",
           "tags": "Tags", "outcome": "Outcome", "assessment_note":
           "This is an assessment: answers are not shown. When you finish, download your answer "
           "file and hand it to your trainer."},
}


def is_assessment(quiz: Quiz, force_assessment: bool = False) -> bool:
    return force_assessment or quiz.mode == "assessment"


def render_quiz(bundle: CourseBundle, entry: QuizEntry, force_assessment: bool = False) -> str:
    quiz = entry.quiz
    language = bundle.course.language
    t, ui = strings(language), UI.get(language, UI["en"])
    assessment = is_assessment(quiz, force_assessment)
    text = TextRenderer(bundle, paths.quiz(quiz.id))
    mode = "assessment" if assessment else "practice"
    meta = [t[mode], t["questions_count"].format(n=len(quiz.questions)),
            t["pass_mark"].format(pct=round(quiz.pass_mark * 100))]
    out = [f"# {text.inline(quiz.title)}", "",
           f'<p class="course-quiz-meta">{" · ".join(html.escape(m) for m in meta)}</p>', ""]
    if quiz.description:
        out += [text.markdown(quiz.description).strip(), ""]
    if assessment:
        out += [f'<p class="course-assessment-note">{html.escape(ui["assessment_note"])}</p>', ""]
    out += [f'<div class="course-quiz" id="quiz-{quiz.id}" data-quiz="{quiz.id}" '
            f'data-mode="{mode}" markdown>', ""]
    for number, question in enumerate(quiz.questions, 1):
        out += _question(bundle, question, number, quiz, text, ui, language, assessment)
    out += ["</div>", ""]
    data = quiz_data(bundle, quiz, assessment)
    out += [f'<script type="application/json" class="course-quiz-data" data-for="{quiz.id}">'
            f"{json_for_script(data)}</script>", ""]
    return "\n".join(out)


def json_for_script(data) -> str:
    """JSON that cannot end its <script> element or open an HTML comment, whatever the text."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def quiz_data(bundle: CourseBundle, quiz: Quiz, assessment: bool) -> dict:
    """What the widget needs. In assessment mode: nothing that tells right from wrong."""
    shuffle = quiz.shuffle
    if isinstance(shuffle, bool):
        shuffle_questions = shuffle_options = shuffle
    else:
        shuffle_questions, shuffle_options = shuffle.questions, shuffle.options
    data = {
        "quiz": quiz.id,
        "title": quiz.title,
        "course": bundle.course.title,
        "language": bundle.course.language,
        "version": quiz_version(quiz),
        "mode": "assessment" if assessment else "practice",
        "passMark": quiz.pass_mark,
        "shuffle": {"questions": shuffle_questions, "options": shuffle_options},
        "questions": [],
    }
    for question in quiz.questions:
        item: dict = {"id": question.id, "type": question.type,
                      "version": question_version(question)}
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
            item["start"] = question.start or question.nodes[0].id
            nodes = {}
            for node in question.nodes:
                choices = []
                for choice in node.choices:
                    c = {"id": choice.id, "next": choice.next}
                    if not assessment:
                        c["points"] = choice.points
                    choices.append(c)
                nodes[node.id] = {"choices": choices}
            item["nodes"] = nodes
            if not assessment:
                item["best"] = best_path_points(question)
        data["questions"].append(item)
    return data


def display_order(question: Ordering):
    """The order steps are listed in before anyone shuffles them: never the answer itself."""
    items = list(question.items)
    random.Random(question.id).shuffle(items)
    if items == list(question.items):
        items = items[1:] + items[:1]
    return items


def _question(bundle, question: Question, number: int, quiz: Quiz, text: TextRenderer, ui: dict,
              language: str, assessment: bool) -> list[str]:
    labels = TYPE_LABELS.get(language, TYPE_LABELS["en"])
    qid = question.id
    dom_id = f"{quiz.id}-{qid}"
    legend = f"{ui['number'].format(n=number)} · {labels[question.type]}"
    if isinstance(question, MultipleChoice):
        legend += f"({ui['multiple_all'] if question.scoring == 'all_or_nothing' else ui['multiple_partial']})"
    out = [f'<fieldset class="course-q course-q--{question.type}" id="q-{dom_id}" '
           f'data-question="{qid}" data-type="{question.type}" '
           f'aria-describedby="q-{dom_id}-prompt" markdown>',
           f"<legend>{html.escape(legend)}</legend>",
           f'<div class="course-q-prompt" id="q-{dom_id}-prompt" markdown>', "",
           text.markdown(question.prompt).strip(), "", "</div>"]
    name = f"{quiz.id}--{qid}"
    if isinstance(question, (SingleChoice, MultipleChoice)):
        kind = "radio" if isinstance(question, SingleChoice) else "checkbox"
        out.append('<ul class="course-options" markdown>')
        for option in question.options:
            out += _option(option.id, text.inline(option.text), kind, name,
                           None if assessment else option.feedback, text)
        out.append("</ul>")
    elif isinstance(question, TrueFalse):
        out.append('<ul class="course-options course-options--tf" markdown>')
        for value in ("true", "false"):
            feedback = None
            if not assessment and question.feedback:
                feedback = getattr(question.feedback, value)
            out += _option(value, html.escape(ui[value]), "radio", name, feedback, text)
        out.append("</ul>")
    elif isinstance(question, Ordering):
        out += [f'<p class="course-ordering-hint">{html.escape(ui["ordering_hint"])}</p>',
                '<ol class="course-steps" markdown>']
        for item in display_order(question):
            out.append(f'<li class="course-step" data-step="{item.id}" markdown="span">'
                       f"{text.inline(item.text)}</li>")
        out.append("</ol>")
    elif isinstance(question, Scenario):
        out += _scenario(question, name, text, ui, assessment)
    if not assessment and (question.explanation or question.lesson):
        out += ['<div class="course-explanation" hidden markdown>', ""]
        if question.explanation:
            out += [f"**{ui['explanation']}:** {text.markdown(question.explanation).strip()}", ""]
        if question.lesson:
            out += [_lesson_link(bundle, question.lesson, text, ui), ""]
        out.append("</div>")
    out += ["</fieldset>", ""]
    return out


def _option(value: str, label_html: str, kind: str, name: str, feedback: str | None,
            text: TextRenderer) -> list[str]:
    out = [f'<li class="course-option" data-option="{value}" markdown>'
           f'<label><input type="{kind}" name="{name}" value="{value}"> '
           f'<span class="course-option-text" markdown="span">{label_html}</span></label>']
    if feedback:
        out += [f'<div class="course-feedback" data-feedback="{value}" hidden markdown>', "",
                text.markdown(feedback).strip(), "", "</div>"]
    out.append("</li>")
    return out


def _scenario(question: Scenario, name: str, text: TextRenderer, ui: dict,
              assessment: bool) -> list[str]:
    out = []
    step_of = {node.id: n for n, node in enumerate(question.nodes, 1)}
    for node in question.nodes:
        ending = not node.choices
        classes = "course-node course-node--end" if ending else "course-node"
        out += [f'<div class="{classes}" data-node="{node.id}" id="{name}--{node.id}" markdown>',
                f'<p class="course-node-step">{html.escape(ui["step"].format(n=step_of[node.id]))}</p>']
        if node.order:
            out += _order_card(node.order, text, ui)
        if node.customer:
            out += ['<div class="course-turn course-turn--buyer" markdown>',
                    f'<span class="course-speaker">{html.escape(ui["buyer"])}</span>', "",
                    text.markdown(node.customer).strip(), "", "</div>"]
        if node.situation:
            out += ['<div class="course-situation" markdown>', "",
                    text.markdown(node.situation).strip(), "", "</div>"]
        if node.choices:
            out.append('<ul class="course-options course-choices" markdown>')
            for choice in node.choices:
                out += [f'<li class="course-option" data-option="{choice.id}" '
                        f'data-next="{choice.next}" markdown>'
                        f'<label><input type="radio" name="{name}--{node.id}" value="{choice.id}"> '
                        f'<span class="course-option-text" markdown="span">{text.inline(choice.text)}'
                        f"</span></label> "
                        f'<a class="course-goto" href="#{name}--{choice.next}">'
                        f'{html.escape(ui["goto"].format(n=step_of.get(choice.next, "?")))}</a>']
                if not assessment and choice.feedback:
                    out += [f'<div class="course-feedback" data-feedback="{choice.id}" hidden '
                            f"markdown>", "", text.markdown(choice.feedback).strip(), "", "</div>"]
                out.append("</li>")
            out.append("</ul>")
        else:
            out.append(f'<p class="course-ending-label">{html.escape(ui["ending"])}</p>')
            if not assessment and node.outcome:
                out += ['<div class="course-outcome" hidden markdown>', "",
                        f"**{ui['outcome']}:** {text.markdown(node.outcome).strip()}", "", "</div>"]
        out += ["</div>", ""]
    return out


def _order_card(order, text: TextRenderer, ui: dict) -> list[str]:
    rows = []
    for field in ("item", "amount", "ordered", "shipped", "signed", "status", "countdown"):
        value = getattr(order, field)
        if value:
            rows.append(f"<dt>{html.escape(ui[field])}</dt><dd>{text.plain(value)}</dd>")
    if order.tags:
        tags = "".join(f'<span class="course-tag">{text.plain(tag)}</span>' for tag in order.tags)
        rows.append(f"<dt>{html.escape(ui['tags'])}</dt><dd>{tags}</dd>")
    return [f'<div class="course-order" role="group" aria-label="{html.escape(ui["order_card"])}">'
            f'<p class="course-order-title">{html.escape(ui["order_card"])}</p>'
            f'<dl>{"".join(rows)}</dl></div>']


def _lesson_link(bundle: CourseBundle, ref: str, text: TextRenderer, ui: dict) -> str:
    lesson_id, _, anchor = ref.partition("#")
    entry = bundle.lesson(lesson_id)
    if entry is None:  # `course check` reports it
        return ""
    target = text.link(paths.lesson(entry.section.id, lesson_id), f"#{anchor}" if anchor else "")
    return f"[{ui['review'].format(title=text.inline(entry.lesson.title))}]({target})"
