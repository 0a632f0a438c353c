"""generator.items.cues: the text a learner sees, its length, absolute words, hedges and
"all / none of the above"."""

import pytest

from generator.items.cues import all_or_none_of_the_above, cue_words, visible_length, visible_text

POLICIES = {"no_reason_days": "7 天", "refund_hours": "48 小时"}


def test_policy_references_count_as_their_values():
    assert visible_text("签收后{{policy.no_reason_days}}内", POLICIES) == "签收后7 天内"
    assert visible_length("签收后{{ policy.no_reason_days }}内", POLICIES) == 6  # 签收后7天内


def test_an_unknown_policy_stays_as_written():
    assert visible_text("{{policy.nope}}", POLICIES) == "{{policy.nope}}"


@pytest.mark.parametrize("markdown, seen", [
    ("看[这一课](lesson:refund-rules#完好的标准)的说明", "看这一课的说明"),
    ("**一定**要核对", "一定要核对"),
    ("先 *看* 再 _说_", "先 看 再 说"),
    ("写 `{{policy.x}}` 引用", "写 {{policy.x}} 引用"),
    ("~~删掉~~的字", "删掉的字"),
    ("- 第一条\n- 第二条", "第一条 第二条"),
    ("1. 先核对\n2. 再回复", "先核对 再回复"),
    ("> 买家说：能退吗", "买家说：能退吗"),
    ("价格 \\*9 折\\*", "价格 *9 折*"),
    ("snake_case_name 不是强调", "snake_case_name 不是强调"),
    ("  多个   空格\n\n换行  ", "多个 空格 换行"),
])
def test_markdown_marks_are_not_counted(markdown, seen):
    assert visible_text(markdown, POLICIES) == seen


def test_chinese_and_latin_characters_count_one_each_spaces_none():
    assert visible_length("同意退款", {}) == 4
    assert visible_length("Agree", {}) == 5
    assert visible_length("同意 refund！", {}) == 9  # the full-width mark counts, the space not
    # A key with a number in it is not longer for the spaces around the number.
    spaced, unspaced = "补 10 元，告诉他金额", "补10元，告诉他金额"
    assert visible_length(spaced, {}) == visible_length(unspaced, {}) == 10


def test_absolute_words_and_hedges_are_found_once_each_in_order():
    assert cue_words("所有订单一定要核对，所有都要") == (["所有", "一定"], [])
    assert cue_words("一般可以退，通常三天内") == ([], ["一般", "通常"])


@pytest.mark.parametrize("text, absolute, hedges", [
    ("不一定能退", [], ["不一定"]),  # a hedge that holds an absolute word is a hedge
    ("这不可能", ["不可能"], []),  # and an absolute word that holds a hedge is absolute
    ("并非所有订单", [], ["并非所有"]),
    ("You must ALWAYS check", ["must", "always"], []),
    ("It is not always allowed", [], ["not always"]),
    ("a tall wall, a small mall", [], []),  # whole English words only
    ("Usually yes, it may", [], ["usually", "may"]),
    ("核对签收时间", [], []),
])
def test_cue_words(text, absolute, hedges):
    assert cue_words(text) == (absolute, hedges)


@pytest.mark.parametrize("text", ["以上都对", "以上都不对", "以上都是", "以上皆是",
                                  "以上都不是", "以上皆非", "以上选项均正确", "上述做法都可以",
                                  "All of the above", "none of the above", "Both of the above"])
def test_all_or_none_of_the_above_is_found(text):
    assert all_or_none_of_the_above(text) == text


@pytest.mark.parametrize("text", ["以上是我的意见", "看上面的订单", "All the items", "above all"])
def test_other_texts_are_not_all_of_the_above(text):
    assert all_or_none_of_the_above(text) is None
