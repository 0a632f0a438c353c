"""What a test-wise learner reads in an option without knowing the answer: its length, its
absolute words and hedges, and "all / none of the above".

Lengths are counted on the text as the learner sees it: `{{policy.x}}` replaced by its value,
Markdown marks and link targets dropped, spaces not counted. Spaces in Chinese text sit around
digits and Latin words (签收第 3 天, 补 10 元): typography the reader does not see as length, and
counting them made a key with two numbers in it "longer" than a wordier wrong option; in English
text, leaving them out shortens every option alike. Every other character counts one,
Chinese and Latin alike: the checks compare options of one question with each other, which are
written in one language, so the unit cancels out; and a reader judges "the long one" by how
much there is to read, which a count of characters tracks in both scripts (a width-weighted
count would make a Chinese option look twice as long as an English one of the same content,
which only matters when the two are mixed in one question, and then the reader sees the
difference in words, not in pixels). Punctuation counts too: it is on the screen.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..markup import POLICY_REF

_IMAGE_OR_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_ATTRIBUTES = re.compile(r"\{[.#:][^}]*\}")  # attr_list: {.class}
_LINE_MARKS = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d+[.)][ \t]+)", re.M)
_PAIRED_MARKS = re.compile(r"(\*\*|__|~~)(.+?)\1", re.S)
_EMPHASIS = re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])", re.S)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!~|>])")
_PRIVATE = 0xE000  # escaped marks wait here (private-use code points) while marks are removed
_UNESCAPE = re.compile("[\uE000-\uE07F]")
_SPACES = re.compile(r"\s+")
_LINE_MARK_STARTS = frozenset("#>-*+0123456789")


def visible_text(markdown: str, policies: Mapping[str, str]) -> str:
    """The text a learner reads: policy values filled in, Markdown marks removed."""
    text = markdown
    if "{{" in text:
        text = POLICY_REF.sub(lambda m: policies.get(m.group(1), m.group(0)), text)
    escaped = "\\" in text
    if escaped:  # `\*` is a star the reader sees, not a mark
        text = _ESCAPE.sub(lambda m: chr(_PRIVATE + ord(m.group(1))), text)
    if "[" in text:
        text = _IMAGE_OR_LINK.sub(r"\1", text)
    if "{" in text:
        text = _ATTRIBUTES.sub("", text)
    if "\n" in text or text.lstrip()[:1] in _LINE_MARK_STARTS:
        text = _LINE_MARKS.sub("", text)
    if "`" in text:
        text = text.replace("`", "")
    if "*" in text or "_" in text or "~" in text:
        text = _PAIRED_MARKS.sub(r"\2", text)
        text = _EMPHASIS.sub(r"\2", text)
    if escaped:
        text = _UNESCAPE.sub(lambda m: chr(ord(m.group(0)) - _PRIVATE), text)
    if "  " in text or "\n" in text or "\t" in text or "\r" in text:
        text = _SPACES.sub(" ", text)
    return text.strip()


def visible_length(markdown: str, policies: Mapping[str, str]) -> int:
    """Characters a learner sees, spaces not counted."""
    return visible_characters(visible_text(markdown, policies))


def visible_characters(text: str) -> int:
    """The length of visible text (see `visible_text`): its characters less its spaces."""
    return len(text) - text.count(" ")


# Absolute words mark a wrong option to the test-wise, hedges a right one (Haladyna, Downing &
# Rodriguez 2002, rule 28; the NBME manual's "absolute terms"). Chinese words are matched as
# written; English ones as whole words, in any case. A hedge that contains an absolute word
# (不一定 holds 一定, "not always" holds "always") is matched first and counts as a hedge.
ABSOLUTE_WORDS_ZH = ("只要", "只有", "一定", "肯定", "必须", "必定", "从不", "从来不", "从来没有",
                     "绝对", "绝不", "决不", "永远", "总是", "所有", "全部", "任何", "一律", "一概",
                     "完全", "无论如何", "反正", "根本不", "不可能", "百分之百", "保证")
ABSOLUTE_WORDS_EN = ("always", "never", "all", "none", "every", "everything", "nothing",
                     "no one", "must", "only", "completely", "entirely", "absolutely",
                     "definitely", "certainly", "guaranteed", "impossible")
HEDGES_ZH = ("一般", "通常", "可能", "大多", "大多数", "多数", "往往", "有时", "有的", "也许",
             "或许", "基本上", "原则上", "视情况", "看情况", "不一定", "不是所有", "并非所有",
             "不一概", "尽量", "适当")
HEDGES_EN = ("usually", "often", "generally", "typically", "sometimes", "may", "might",
             "probably", "possibly", "likely", "mostly", "in most cases", "not always",
             "not all", "not necessarily", "depends")


# Two patterns: Chinese words as written, English words whole and in any case, looked for only
# in text with Latin letters (one pattern for both is ten times slower: with IGNORECASE and word
# boundaries the regex engine cannot skip ahead to the few characters that can start a word).
# Longest first, so that a longer word wins where two start at the same place.
_KIND = {**{w: "absolute" for w in (*ABSOLUTE_WORDS_ZH, *ABSOLUTE_WORDS_EN)},
         **{w: "hedge" for w in (*HEDGES_ZH, *HEDGES_EN)}}
_CHINESE_WORD = re.compile("|".join(
    re.escape(w) for w in sorted((*ABSOLUTE_WORDS_ZH, *HEDGES_ZH), key=len, reverse=True)))
_ENGLISH_WORD = re.compile(r"\b(?:" + "|".join(
    re.escape(w) for w in sorted((*ABSOLUTE_WORDS_EN, *HEDGES_EN), key=len, reverse=True))
    + r")\b", re.I)
_LATIN = re.compile("[A-Za-z]")


def cue_words(text: str) -> tuple[list[str], list[str]]:
    """(absolute words, hedges) found in visible text, in order, each once."""
    # Most texts hold none of the words: one search says so, cheaper than collecting matches.
    found = ([(m.start(), m.group(0)) for m in _CHINESE_WORD.finditer(text)]
             if _CHINESE_WORD.search(text) else [])
    if _LATIN.search(text):
        found += [(m.start(), m.group(0).lower()) for m in _ENGLISH_WORD.finditer(text)]
        found.sort()
    if not found:
        return [], []
    absolute: list[str] = []
    hedges: list[str] = []
    for _, word in found:
        into = hedges if _KIND[word] == "hedge" else absolute
        if word not in into:
            into.append(word)
    return absolute, hedges


# "All of the above", "none of the above" and their Chinese forms (以上都对, 以上都不是, 以上皆非,
# 以上选项均正确, 上述都对 …).
_ABOVE = re.compile(
    r"(?:以上|上述|上面)(?:的)?(?:选项|说法|做法|答案|几项|各项|三项|四项|几种|情况)?"
    r"(?:都|皆|均|全|全部|全都)(?:不)?(?:对|是|非|错|正确|不对|不是|可以|不正确|适用|符合)"
    r"|\b(?:all|none|both|neither)\s+(?:of\s+)?the\s+(?:above|previous|options\s+above)\b",
    re.I)


_ABOVE_WORDS = ("以上", "上述", "上面", "above", "Above", "ABOVE", "previous", "Previous")


def all_or_none_of_the_above(text: str) -> str | None:
    """The phrase, when the text offers "all / none of the above"."""
    if not any(word in text for word in _ABOVE_WORDS):  # the cheap test first: most options
        return None
    match = _ABOVE.search(text)
    return match.group(0) if match else None
