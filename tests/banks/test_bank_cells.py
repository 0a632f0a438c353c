"""Reading one cell: prefixes, answer letters, true/false words, numbers."""

import datetime

import pytest

from generator.banks.cells import (
    as_typed,
    cell_text,
    letters_in,
    number,
    true_or_false,
    without_prefix,
)
from generator.banks.plaintext import plain_text


@pytest.mark.parametrize("text, letter, expected", [
    ("A、同意", "A", "同意"), ("A.同意", "A", "同意"), ("A. 同意", "A", "同意"), ("A．同意", "A", "同意"),
    ("(A)同意", "A", "同意"), ("（A）同意", "A", "同意"), ("A：同意", "A", "同意"), ("a、同意", "A", "同意"),
    ("A)同意", "A", "同意"), ("【B】拒绝", "B", "拒绝"),
    # Only the column's own letter, and only with a separator: the text keeps its own letters.
    ("A股和港股", "A", "A股和港股"), ("A lot", "A", "A lot"), ("B、拒绝", "A", "B、拒绝"), ("A、", "A", "A、"),
])
def test_option_prefixes(text, letter, expected):
    assert without_prefix(text, letter) == expected


@pytest.mark.parametrize("text, letters", [
    ("AB", ["A", "B"]), ("A,B", ["A", "B"]), ("A，B", ["A", "B"]), ("A、B", ["A", "B"]),
    ("a b", ["A", "B"]), ("A；C", ["A", "C"]), ("C→A→B", ["C", "A", "B"]), ("Ａ，Ｂ", ["A", "B"]),
    ("B", ["B"]), ("同意", None), ("A1", None), ("", None),
])
def test_answer_letters(text, letters):
    assert letters_in(text) == letters


@pytest.mark.parametrize("value, truth", [
    ("正确", True), ("错误", False), ("对", True), ("错", False), ("√", True), ("×", False),
    ("✓", True), ("✗", False), ("T", True), ("F", False), ("true", True), ("FALSE", False),
    ("是", True), ("否", False), (True, True), (False, False), (1, True), (0, False),
    ("不知道", None), ("", None), (None, None),
])
def test_true_or_false(value, truth):
    assert true_or_false(value) is truth


@pytest.mark.parametrize("value, expected", [
    (2, 2.0), (1.5, 1.5), ("2", 2.0), ("２", 2.0), ("2分", 2.0), ("1.5 points", 1.5), ("-1", -1.0),
    ("两分", None), ("", None), (True, None), (float("nan"), None),
])
def test_numbers(value, expected):
    assert number(value) == expected


@pytest.mark.parametrize("value, text", [
    (None, ""), ("  同意 \r\n", "同意"), (3, "3"), (3.0, "3"), (0.1, "0.1"), (True, "TRUE"),
    (datetime.datetime(2024, 1, 3), "2024-01-03"), (datetime.datetime(2024, 1, 3, 9, 30),
                                                    "2024-01-03 09:30"),
    (datetime.time(9, 30), "09:30"), ("a\r\nb", "a\nb"),
])
def test_cell_text_is_what_excel_shows(value, text):
    assert cell_text(value) == text


@pytest.mark.parametrize("typed, markdown", [
    ("1. 下列说法正确的是", "1\\. 下列说法正确的是"),
    ("12) 第十二步", "12\\) 第十二步"),
    ("# 注意", "\\# 注意"),
    ("- 甲", "\\- 甲"),
    ("* 乙", "\\* 乙"),
    ("> 引用", "\\> 引用"),
    ("***", "\\***"),
    ("3.5 天", "3.5 天"),
    ("#号", "#号"),
    ("-1", "-1"),
])
def test_a_cell_is_escaped_for_markdown_and_its_export_shows_it_as_typed(typed, markdown):
    assert as_typed(typed) == markdown
    assert plain_text(markdown, {}) == typed  # the exported cell: the round trip holds
