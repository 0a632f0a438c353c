"""generator.validation: model mismatches become one clear line each, at the right key."""

import pytest

from generator.errors import AuthorError
from generator.models.course import Lesson
from generator.models.quiz import Quiz
from generator.validation import validate
from generator.yamlsource import parse

LESSON = """\
id: refund-rules
title: 退款规则
objectives: [说出规则]
body: 正文
summary: 小结
reviewed_on: 2026-11-20
"""


def problems(model, text: str) -> list[str]:
    with pytest.raises(AuthorError) as caught:
        validate(model, parse(text, "f.yml"))
    return [str(p) for p in caught.value.problems]


def test_valid_lesson():
    lesson = validate(Lesson, parse(LESSON, "f.yml"))
    assert lesson.id == "refund-rules" and lesson.reviewed_on.isoformat() == "2026-11-20"


def test_typo_key_is_one_error_with_a_suggestion():
    assert problems(Lesson, LESSON.replace("objectives:", "obectives:")) == [
        "f.yml:3:1: unknown key 'obectives' — did you mean 'objectives'?",
    ]


def test_unknown_key_without_a_close_match_lists_the_allowed_keys():
    text = LESSON + "sources:\n  - title: 法\n    pages: 3\n"
    assert problems(Lesson, text) == [
        "f.yml:9:5: unknown key 'pages' — allowed keys here: title, url, date, note"]


def test_wrong_type():
    assert problems(Lesson, LESSON.replace("title: 退款规则", "title: [a, b]")) == [
        "f.yml:2:8: 'title' must be text, got a list — write one text, not a list"]


def test_numbers_are_accepted_as_text_as_written():
    lesson = validate(Lesson, parse(LESSON.replace("body: 正文", "body: 1.50"), "f.yml"))
    assert lesson.body == "1.50"


def test_bad_id():
    assert problems(Lesson, LESSON.replace("id: refund-rules", "id: Refund Rules")) == [
        "f.yml:1:5: 'id' must be an id of lowercase letters, digits and hyphens, got the text "
        "'Refund Rules' — write it like refund-rules"]


def test_bad_date():
    assert problems(Lesson, LESSON.replace("2026-11-20", "2026-13-01")) == [
        "f.yml:6:14: 'reviewed_on' must be a date like 2026-11-20, got the text '2026-13-01' — "
        "write the date as YYYY-MM-DD"]


def test_dialogue_line_with_two_speakers():
    text = LESSON + "dialogues:\n  - title: t\n    lines:\n      - buyer: 你好\n        agent: 您好\n      - agent: 在\n"
    assert problems(Lesson, text) == [
        "f.yml:10:9: a dialogue line must have exactly one key, buyer, agent or note, but has "
        "buyer, agent — write it as `- buyer: 你好`"]


def test_empty_list_where_items_are_needed():
    assert problems(Lesson, LESSON.replace("[说出规则]", "[]")) == [
        "f.yml:3:13: 'objectives' needs at least 1 item, has 0 — add the missing items"]


QUIZ = """\
id: q
title: 练习
questions:
  - id: a
    type: single
    prompt: 问题
    options:
      - id: x
        text: 是
        correct: true
      - id: y
        text: 否
"""


def test_unknown_question_type():
    assert problems(Quiz, QUIZ.replace("type: single", "type: singel")) == [
        "f.yml:5:11: unknown question type 'singel' — use one of: single, multiple, "
        "true_false, ordering, scenario"]


def test_question_without_type():
    assert problems(Quiz, QUIZ.replace("    type: single\n", "")) == [
        "f.yml:4:5: question has no 'type' — add `type:` with single, multiple, true_false, "
        "ordering or scenario"]


def test_typo_inside_a_question_suggests_the_key_of_that_question_type():
    assert problems(Quiz, QUIZ.replace("        correct: true", "        corect: true")) == [
        "f.yml:10:9: unknown key 'corect' — did you mean 'correct'?"]


def test_yes_is_not_a_boolean():
    assert problems(Quiz, QUIZ.replace("correct: true", "correct: yes")) == [
        "f.yml:10:18: 'correct' must be true or false, got the text 'yes' — write true or false"]


def test_pass_mark_outside_0_1():
    assert problems(Quiz, QUIZ.replace("title: 练习", "title: 练习\npass_mark: 80")) == [
        "f.yml:3:12: pass_mark must be between 0 and 1, got 80 — "
        "write a share of the points, e.g. 0.8 for 80%"]


def test_multiple_choice_without_scoring_rule():
    assert problems(Quiz, QUIZ.replace("type: single", "type: multiple")) == [
        "f.yml:4:5: missing required key 'scoring' — add `scoring:` here with one of: all_or_nothing, partial"]


def test_literal_values_are_listed():
    text = QUIZ.replace("type: single", "type: multiple\n    scoring: some")
    assert problems(Quiz, text) == [
        "f.yml:6:14: 'scoring' is the text 'some' — use one of: all_or_nothing, partial"]


BRACED_QUIZ = """\
id: p
title: t
section: communication
mode: practice
questions:
  - id: q1
    type: single
    prompt: What first?
    options:
      - {id: let-finish, text: Let them finish speaking, then repeat what you heard, correct: true}
      - {OTHER}
    lesson: LESSON
"""


def quiz(other: str = "id: interrupt, text: Interrupt", lesson: str = "angry-buyers") -> str:
    return BRACED_QUIZ.replace("{OTHER}", "{" + other + "}").replace("LESSON", lesson)


def test_a_comma_that_ends_unquoted_text_in_braces_is_explained():
    assert problems(Quiz, quiz()) == [
        "f.yml:10:58: unknown key 'then repeat what you heard' — a comma ended the text of "
        "'text' here; put the whole text in quotes: "
        'text: "Let them finish speaking, then repeat what you heard"']


@pytest.mark.parametrize("other, message", [
    # Chinese text has no spaces: what follows a text key is text all the same.
    ("id: b, text: 先听完, 再复述", "f.yml:11:28: unknown key '再复述' — a comma ended the text "
     "of 'text' here; put the whole text in quotes: text: \"先听完, 再复述\""),
    # Several commas are one mistake, and the quoted form keeps quotes in the text.
    ('id: b, text: Wait, feedback: Good, but "later", much later', "f.yml:11:45: unknown key 'but "
     "\"later\"' — a comma ended the text of 'feedback' here; put the whole text in quotes: "
     'feedback: "Good, but \\"later\\", much later"'),
    # A near miss of a real key is a typo, and a word after an id is no text.
    ("id: b, text: Interrupt, feedbak", "f.yml:11:34: unknown key 'feedbak' — did you mean "
     "'feedback'?"),
    ("id: b, something, text: Interrupt", "f.yml:11:17: unknown key 'something' — allowed keys "
     "here: id, text, correct, feedback"),
])
def test_comma_cut_text_only_where_it_is_text(other, message):
    assert problems(Quiz, quiz(other=other).replace(", then repeat what you heard", "")) == [
        message]


def test_lesson_link_example_comes_from_what_was_written():
    assert problems(Quiz, quiz(lesson="Angry-Buyers#listen-first").replace(
        ", then repeat what you heard", "")) == [
        "f.yml:12:13: 'lesson' must be a lesson id with an optional #anchor, got the text "
        "'Angry-Buyers#listen-first' — write it like angry-buyers#listen-first"]
    assert problems(Quiz, quiz(lesson="退款规则").replace(", then repeat what you heard", "")) == [
        "f.yml:12:13: 'lesson' must be a lesson id with an optional #anchor, got the text "
        "'退款规则' — write it like lesson-id or lesson-id#heading"]
    assert problems(Quiz, quiz(lesson="Angry Buyers#listen first").replace(
        ", then repeat what you heard", "")) == [
        "f.yml:12:13: 'lesson' must be a lesson id with an optional #anchor, got the text "
        "'Angry Buyers#listen first' — write it like angry-buyers#listen-first"]


def test_a_key_indented_with_an_ideographic_space_is_named_once():
    # Valid YAML: the line becomes a top-level key '\u3000\u3000title'; no "missing 'title'" too.
    assert problems(Lesson, LESSON.replace("title:", "\u3000\u3000title:")) == [
        "f.yml:2:1: the line is indented with an ideographic space (U+3000) — "
        "indent with ordinary spaces"]


def test_a_key_with_a_full_width_colon_in_braces_is_named_at_the_colon():
    assert problems(Lesson, LESSON + "sources:\n  - {title：法}\n") == [
        "f.yml:8:11: full-width colon '：' after 'title' — type an ASCII ':' followed by a space"]


def test_a_list_item_typed_with_a_full_width_colon_is_explained():
    text = quiz(lesson="x").replace(", then repeat what you heard", "").replace(
        "      - {id: interrupt, text: Interrupt}", "      - text：先核对")
    assert problems(Quiz, text) == [
        "f.yml:11:9: 'options' must be a mapping (key: value lines), got the text 'text：先核对' — "
        "the full-width colon '：' after 'text'; type an ASCII ':' followed by a space"]
