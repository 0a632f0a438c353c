"""Content review of the bundled course: what a careful editor checks before the course ships.

These tests read the real course in content/ and quizzes/ (not fixtures). They check what the
schema cannot: that every lesson cites its sources and carries a review date, every question
links to a heading that exists, no answer that the key rewards sends money or buyers off the
platform, each section has a practice quiz with branching conversations, the final assessment
covers the whole course, policy values are defined once and used, and the Chinese typography
is clean.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from generator.anchors import anchors_in
from generator.checks import checked
from generator.loading import load_course
from generator.markup import POLICY_REF
from generator.models.quiz import MultipleChoice, Ordering, Scenario, SingleChoice, TrueFalse
from generator.render.lesson import render_lesson
from generator.typography import fullwidth

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
QUIZZES = ROOT / "quizzes"
SECTIONS = ["rules", "communication", "inspection", "refund-methods", "reviews", "training"]
STALE_AFTER = datetime.timedelta(days=180)

# Words that name an off-platform payment or contact channel.
OFF_PLATFORM = re.compile(
    r"微信|支付宝|转账|转给|转你|私下|加微信|加好友|线下|银行卡|收款码|二维码|手机号|电话联系|红包")
# A clause that names such a channel is fine when it refuses or warns against it.
# (Not a bare 不: "微信转过去不就行了" recommends the transfer.)
NEGATION = re.compile(
    r"不要|不能|不可|不得|不会|不用|不应|不该|不私下|不加|不走|不转|不留|不发|不是|从不|绝不|"
    r"不回应|不答应|不接受|不理|不点|不扫|不给|不提供|"
    r"别|拒|婉拒|禁止|违规|避免|杜绝|无法|绝非|而非|风险|骗")
CLAUSE = re.compile(r"[，。；！？、：,.;!?:\n（）()]")


def recommends_off_platform(text: str) -> bool:
    """True when some clause of `text` names an off-platform channel without refusing it."""
    return any(OFF_PLATFORM.search(clause) and not NEGATION.search(clause)
               for clause in CLAUSE.split(text))


@pytest.fixture(scope="module")
def bundle():
    return checked(load_course(CONTENT, QUIZZES))


@pytest.fixture(scope="module")
def anchors(bundle):
    return {entry.lesson.id: set(anchors_in(render_lesson(bundle, entry)))
            for entry in bundle.lessons}


def all_questions(bundle):
    for entry in bundle.quizzes:
        for question in entry.quiz.questions:
            yield entry.quiz, question


def scenario_paths(question: Scenario):
    """Every path from the start to an ending, as (points, ending id)."""
    nodes = {node.id: node for node in question.nodes}
    found = []

    def walk(node_id, points):
        node = nodes[node_id]
        if not node.choices:
            found.append((points, node_id))
        for choice in node.choices:
            walk(choice.next, points + choice.points)

    walk(question.start or question.nodes[0].id, 0)
    return found


# --- Lessons -----------------------------------------------------------------------------------

def test_course_has_the_six_sections_in_order(bundle):
    assert [s.id for s in bundle.course.sections] == SECTIONS
    assert [s.title for s in bundle.course.sections] == [
        "平台规则", "沟通", "验货", "退款方式", "评价", "学习培训"]


def test_front_page_says_who_what_how_long_and_how_quizzes_work(bundle):
    course = bundle.course
    assert course.audience and course.description and course.intro
    for words in ("学习顺序", "多长时间", "练习", "结业考核", "下载"):
        assert words in course.intro, f"the front page intro does not mention {words}"


def test_at_least_fourteen_lessons_and_every_section_has_lessons(bundle):
    assert len(bundle.lessons) >= 14
    for section in SECTIONS:
        assert bundle.lessons_in(section), f"section {section} has no lesson"


def test_every_lesson_has_sources_and_a_review_date_kept_up_with_the_rest(bundle):
    # Against the course's newest review, not the clock: the suite must not turn red by itself
    # as time passes (`course check` warns about old reviews; that is the reminder).
    newest = max(entry.lesson.reviewed_on for entry in bundle.lessons)
    assert newest <= datetime.date.today(), "a review date is in the future"
    for entry in bundle.lessons:
        lesson = entry.lesson
        assert lesson.sources, f"{lesson.id}: no sources"
        assert all(source.title.strip() for source in lesson.sources)
        assert newest - lesson.reviewed_on <= STALE_AFTER, f"{lesson.id}: left behind by reviews"


@pytest.mark.parametrize("text, recommends", [
    ("微信转过去不就行了", True),
    ("加个微信，我私下退给您", True),
    ("不要加微信，退款只走平台", False),
    ("婉拒转账，说明会原路退回", False),
    ("在平台里原路退回", False),
])
def test_the_off_platform_detector_tells_advice_from_refusal(text, recommends):
    assert recommends_off_platform(text) is recommends


def test_every_lesson_has_the_teaching_blocks(bundle):
    for entry in bundle.lessons:
        lesson = entry.lesson
        where = lesson.id
        assert len(lesson.objectives) >= 2, f"{where}: objectives"
        assert lesson.body.count("\n## ") + lesson.body.startswith("## ") >= 3, \
            f"{where}: the body needs ## headings for quiz links"
        assert lesson.checklists or re.search(r"^\s*1\. ", lesson.body, re.M), \
            f"{where}: no checklist or numbered procedure"
        assert lesson.do_dont and lesson.do_dont.do and lesson.do_dont.dont, f"{where}: do/don't"
        assert lesson.mistakes and all(m.instead for m in lesson.mistakes), f"{where}: mistakes"
        assert lesson.summary.strip(), f"{where}: summary"
        assert lesson.minutes, f"{where}: minutes"
        speakers = {line.speaker for d in lesson.dialogues for line in d.lines}
        assert {"buyer", "agent"} <= speakers, f"{where}: needs a dialogue between 买家 and 客服"


def test_refund_methods_teach_the_original_route_and_call_transfers_a_violation(bundle):
    text = "\n".join(e.lesson.body + e.lesson.summary for e in bundle.lessons_in("refund-methods"))
    for words in ("原路退回", "售后流程", "诱导线下交易", "违规", "微信", "支付宝", "被骗"):
        assert words in text, f"the refund-methods lessons never say {words}"


# Text that is not a plain mention of a term: links, quoted phrases, rule titles, policy
# values and headings (headings become anchors; links do not belong in them).
NOT_A_MENTION = re.compile(r"\[[^\]]*\]\([^)]*\)|“[^”]*”|《[^》]*》|\{\{[^}]*\}\}|^[ \t]*#.*$", re.M)
GLOSSARY_LINK = re.compile(r"\[([^\]]+)\]\(glossary:([^)\s]+)\)")


def test_first_mention_of_a_glossary_term_in_a_lesson_is_linked(bundle):
    unlinked = []
    for entry in bundle.lessons:
        body = entry.lesson.body
        masked = [False] * len(body)
        for match in NOT_A_MENTION.finditer(body):
            masked[match.start():match.end()] = [True] * (match.end() - match.start())
        for term in bundle.glossary.terms:
            first_free = next((m.start() for m in re.finditer(re.escape(term.term), body)
                               if not masked[m.start()]), None)
            if first_free is None:
                continue
            linked_before = any(bundle.glossary.find(m.group(2)) is term and m.start() < first_free
                                for m in GLOSSARY_LINK.finditer(body))
            if not linked_before:
                unlinked.append(f"{entry.lesson.id}: {term.term}")
    assert not unlinked, "first mention not linked to the glossary: " + ", ".join(unlinked)


def test_lessons_link_the_platform_terms_to_the_glossary(bundle):
    required = ["仅退款", "退货退款", "换货", "极速退款", "运费险", "商家体验分", "平台介入", "举证",
                "逾期时间", "售后期", "完好", "原路退回", "消极服务", "平台求助率", "飞鸽"]
    for term in required:
        assert bundle.glossary.find(term), f"glossary lacks {term}"
    linked = set()
    for entry in bundle.lessons:
        linked |= set(re.findall(r"\]\(glossary:([^)\s]+)\)", entry.lesson.body))
    for term in required:
        found = bundle.glossary.find(term)
        names = {found.term, *found.aliases}
        assert names & linked, f"no lesson links {term} to the glossary"


# --- Quizzes -----------------------------------------------------------------------------------

def test_every_question_links_to_an_existing_lesson_heading(bundle, anchors):
    for quiz, question in all_questions(bundle):
        where = f"{quiz.id}/{question.id}"
        assert question.lesson, f"{where}: no lesson link"
        lesson_id, _, anchor = question.lesson.partition("#")
        assert lesson_id in anchors, f"{where}: unknown lesson {lesson_id}"
        assert anchor, f"{where}: link to a heading (lesson#anchor), not only the lesson"
        assert anchor in anchors[lesson_id], f"{where}: {lesson_id} has no heading #{anchor}"


def test_every_question_explains_and_every_option_gives_feedback(bundle):
    for quiz, question in all_questions(bundle):
        where = f"{quiz.id}/{question.id}"
        assert question.explanation, f"{where}: no explanation"
        if isinstance(question, (SingleChoice, MultipleChoice)):
            assert all(o.feedback for o in question.options), f"{where}: option without feedback"
        if isinstance(question, TrueFalse):
            assert question.feedback and question.feedback.true and question.feedback.false, where
        if isinstance(question, Scenario):
            for node in question.nodes:
                assert all(c.feedback for c in node.choices), f"{where}/{node.id}: no feedback"


def test_the_off_platform_detector_reads_whole_sentences():
    assert recommends_off_platform("加我微信，我直接转给你")
    assert recommends_off_platform("金额小，用支付宝转账退款更快")
    assert recommends_off_platform("私下补 10 元运费")
    assert not recommends_off_platform("婉拒微信转账，在平台里同意退款，钱原路退回")
    assert not recommends_off_platform("请买家在订单里提交退款申请，你马上同意")


def test_no_rewarded_answer_sends_money_or_buyers_off_the_platform(bundle):
    for quiz, question in all_questions(bundle):
        where = f"{quiz.id}/{question.id}"
        if isinstance(question, (SingleChoice, MultipleChoice)):
            for option in question.options:
                if option.correct:
                    assert not recommends_off_platform(option.text), f"{where}/{option.id}"
        elif isinstance(question, TrueFalse) and question.answer:
            assert not recommends_off_platform(question.prompt), where
        elif isinstance(question, Scenario):
            for node in question.nodes:
                for choice in node.choices:
                    if choice.points > 0:
                        assert not recommends_off_platform(choice.text), f"{where}/{choice.id}"


def test_each_section_has_a_practice_quiz_with_conversations(bundle):
    for section in SECTIONS:
        quizzes = [e.quiz for e in bundle.quizzes_in(section) if e.quiz.mode == "practice"]
        assert quizzes, f"section {section} has no practice quiz"
        for quiz in quizzes:
            assert quiz.required is False, f"{quiz.id}: practice quizzes are not required"
            assert len(quiz.questions) >= 8, f"{quiz.id}: fewer than 8 questions"
            scenarios = [q for q in quiz.questions if isinstance(q, Scenario)]
            assert len(scenarios) >= 2, f"{quiz.id}: fewer than 2 scenarios"
            lessons = {q.lesson.partition("#")[0] for q in quiz.questions}
            sections = {bundle.lesson(lesson_id).section.id for lesson_id in lessons}
            assert section in sections, f"{quiz.id}: tests none of its own section's lessons"


def test_final_assessment_covers_every_section(bundle):
    finals = [e.quiz for e in bundle.quizzes_in(None)]
    assert len(finals) == 1
    final = finals[0]
    assert final.mode == "assessment" and final.required is True and final.section is None
    assert len(final.questions) >= 30
    per_section = {section: 0 for section in SECTIONS}
    for question in final.questions:
        per_section[bundle.lesson(question.lesson.partition("#")[0]).section.id] += 1
    assert all(count >= 3 for count in per_section.values()), per_section
    assert any(isinstance(q, Scenario) for q in final.questions)


def test_question_types_and_their_scoring_rules(bundle):
    types = {question.type for _, question in all_questions(bundle)}
    assert types == {"single", "multiple", "true_false", "ordering", "scenario"}
    for quiz, question in all_questions(bundle):
        where = f"{quiz.id}/{question.id}"
        if isinstance(question, MultipleChoice):
            assert "scoring" in question.model_fields_set, f"{where}: declare scoring"
        if isinstance(question, Ordering):
            assert "scoring" in question.model_fields_set, f"{where}: declare scoring"
            assert len(question.items) <= 6, f"{where}: more than 6 steps"


def test_scenarios_have_order_cards_partial_credit_and_bad_endings(bundle):
    for quiz, question in all_questions(bundle):
        if not isinstance(question, Scenario):
            continue
        where = f"{quiz.id}/{question.id}"
        start = question.start or question.nodes[0].id
        first = next(n for n in question.nodes if n.id == start)
        assert first.order is not None, f"{where}: the first step shows no order card"
        assert first.customer, f"{where}: the first step has no buyer message"
        assert all(isinstance(c.points, int) for n in question.nodes for c in n.choices)
        scores = [points for points, _ in scenario_paths(question)]
        best = max(scores)
        assert best > 0
        assert any(0 < s < best for s in scores), f"{where}: no partial-credit path"
        assert 0 in scores, f"{where}: no bad ending"
        assert all(n.outcome for n in question.nodes if not n.choices), f"{where}: ending text"


# --- Policies, glossary and typography ---------------------------------------------------------

def course_files():
    return sorted(CONTENT.rglob("*.yml")) + sorted(QUIZZES.rglob("*.yml"))


def test_every_policy_referenced_exists_and_every_policy_is_used(bundle):
    defined = set(bundle.policies.policies)
    used = set()
    for path in course_files():
        if path.name == "policies.yml":
            continue
        text = path.read_text(encoding="utf-8")
        used |= set(POLICY_REF.findall(text))
        used |= set(re.findall(r"\]\(policy:([a-z0-9_]+)\)", text))
    assert used <= defined, f"unknown policies: {sorted(used - defined)}"
    assert defined <= used, f"policies never used: {sorted(defined - used)}"
    for name, policy in bundle.policies.policies.items():
        assert policy.source.title and policy.as_of, name


def test_glossary_cross_references_and_short_lists_are_well_formed(bundle):
    # A YAML flow list such as [七天无理由, 7天无理由] silently becomes ONE item once the
    # comma is made full-width; catch that for every list of short names.
    names = []
    for term in bundle.glossary.terms:
        names += term.aliases
        for other in term.see_also:
            assert bundle.glossary.find(other), f"{term.term}: see_also {other} is not a term"
        names += term.see_also
    for _, question in all_questions(bundle):
        if isinstance(question, Scenario):
            names += [tag for node in question.nodes if node.order for tag in node.order.tags]
    assert names
    for name in names:
        assert not re.search(r"[，、,]", name), f"list item {name!r} joins several items"


def test_no_ascii_punctuation_touches_chinese_text():
    link_target = re.compile(r"\]\([^)\s]*\)")
    for path in course_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            plain = link_target.sub("]()", line)
            assert fullwidth(plain) == plain, f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
