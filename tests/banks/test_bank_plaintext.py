"""Author text as a spreadsheet cell and as Moodle HTML: values filled in, course links as text."""

import pytest

from generator.banks.plaintext import html_text, plain_text

VALUES = {"days": "7 天"}


@pytest.mark.parametrize("source, shown", [
    ("期限是 {{policy.days}}，**从签收次日**算。", "期限是 7 天，从签收次日算。"),
    ("见[七天无理由](lesson:seven-day-return#从哪天开始算)。", "见七天无理由。"),
    ("见[退货单号](<glossary:return number>)。", "见退货单号。"),
    ("见[平台规则](https://example.com/rules)。", "见平台规则 (https://example.com/rules)。"),
    ("第一行写到这里\n接着写第二行", "第一行写到这里接着写第二行"),
    ("代码 `{{policy.days}}` 照原样", "代码 {{policy.days}} 照原样"),
    ("未知的 {{policy.nope}} 原样留着", "未知的 {{policy.nope}} 原样留着"),
    ("1\\. 下列说法正确的是，\\# 与 \\* 照原样", "1. 下列说法正确的是，# 与 * 照原样"),
    (None, ""),
])
def test_a_cell_shows_the_text_as_learners_read_it(source, shown):
    assert plain_text(source, VALUES) == shown


def test_moodle_html_keeps_the_words_of_both_link_forms_and_escapes_angle_brackets():
    html = html_text("见[七天无理由](lesson:seven-day-return)和[退货单号](<glossary:return number>)，"
                     "写 <b> 也照原样显示，期限 {{policy.days}}。", VALUES)
    assert html == ("<p>见七天无理由和退货单号，写 &lt;b&gt; 也照原样显示，期限 7 天。</p>")
