"""generator.collation: words in the order a reader of the course's language looks them up."""

from generator.collation import sort_key


def test_chinese_words_are_ordered_by_pinyin_as_in_a_dictionary():
    words = ["售后期", "举证", "仅退款", "飞鸽", "售后平均审核时长", "7天无理由退货", "换货"]
    assert sorted(words, key=sort_key("zh")) == [
        "7天无理由退货", "飞鸽", "换货", "仅退款", "举证", "售后平均审核时长", "售后期"]


def test_english_words_are_ordered_ignoring_case():
    assert sorted(["refund", "Deadline", "appeal"], key=sort_key("en")) == [
        "appeal", "Deadline", "refund"]


def test_a_regional_form_of_chinese_is_ordered_by_pinyin_too():
    words = ["退货", "换货", "仅退款"]
    assert sorted(words, key=sort_key("zh-CN")) == sorted(words, key=sort_key("zh"))
    assert sorted(words, key=sort_key("zh-CN")) == ["换货", "仅退款", "退货"]
