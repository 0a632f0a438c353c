"""Order words as a reader of the course's language expects: Chinese by pinyin, as a dictionary
orders them (Unicode order would scatter 举证, 仅退款 and 售后期 at random), English ignoring
case."""

from __future__ import annotations

from typing import Callable


def sort_key(language: str) -> Callable[[str], tuple]:
    if language.split("-")[0].lower() == "zh":  # zh-CN, zh-Hant … too
        from pypinyin import Style, lazy_pinyin

        # Syllables with their tone number (ju3 < jun1 < shou4); the word itself breaks ties
        # between words that read the same.
        return lambda word: (tuple(lazy_pinyin(word, style=Style.TONE3)), word)
    return lambda word: (word.casefold(), word)
