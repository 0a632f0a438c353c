"""Reading one cell of a question bank: text, option prefixes, answers, true/false, numbers.

Pure functions. Each parser returns None for a value it cannot read; the caller names the cell
and says how to write it.
"""

from __future__ import annotations

import datetime
import math
import re
import unicodedata

from .columns import squash

# Characters that show as nothing: a zero-width space pasted from a web page or chat, a BOM at
# the start of a cell pasted from a text file. Left in, `B\u200b` is not the answer B, a header
# `\ufeff题干` is not 题干, and `甲\u200b` passes for a different option than `甲`. A zero-width
# joiner inside an emoji sequence (👨‍👩‍👧) is part of the picture and stays.
_INVISIBLE = re.compile("[\u200b\u200c\u2060\ufeff]|(?<![\u2600-\u27bf\ufe0f\U0001f000-\U0001faff])"
                        "\u200d|\u200d(?![\u2600-\u27bf\U0001f000-\U0001faff])")


def visible(text: str) -> str:
    """The text without characters that show as nothing (zero-width spaces, BOMs)."""
    return _INVISIBLE.sub("", text)


def cell_text(value: object) -> str:
    """A cell's value as the text Excel shows for it (stripped; '' when empty)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time():
            return value.date().isoformat()
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()[:5] if isinstance(value, datetime.time) else value.isoformat()
    text = visible(str(value)).replace("\r\n", "\n").replace("\r", "\n")
    return text.strip()


def without_prefix(text: str, letter: str) -> str:
    """`A、同意`, `A. 同意`, `A．同意`, `(A)同意`, `（A）同意`, `A：同意` → `同意`, for the column's
    own letter only, so that an option that merely starts with a letter keeps it."""
    pattern = (rf"^\s*(?:[(（【\[]\s*{letter}\s*[)）】\]]|{letter}\s*[、.．:：)）])\s*")
    rest = re.sub(pattern, "", text, count=1, flags=re.IGNORECASE)
    return rest if rest else text


_SEPARATORS = re.compile(r"[\s,，、;；/|+>→\-—~和与及.。]")


def letters_in(text: str) -> list[str] | None:
    """`AB`, `A,B`, `A，B`, `A、B`, `a b`, `C→A→B` → ['A', 'B', …]; None if not only letters."""
    folded = _SEPARATORS.sub("", unicodedata.normalize("NFKC", text)).upper()
    if not folded or not folded.isascii() or not folded.isalpha():
        return None
    return list(folded)


_TRUE = frozenset("正确 对 对的 正确的 是 √ ✓ ✔ t true yes y 1".split())
_FALSE = frozenset("错误 错 错的 错误的 不正确 否 × ✗ ✘ x f false no n 0".split())


def true_or_false(value: object) -> bool | None:
    """正确/错误, 对/错, √/×, T/F, true/false, 是/否, Excel's TRUE/FALSE, 1/0."""
    if isinstance(value, bool):
        return value
    word = squash(cell_text(value))
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    return None


_UNIT = re.compile(r"(分|points?|pts?|marks?)$")


def number(value: object) -> float | None:
    """A number from a number cell or from text such as `2`, `２`, `1.5`, `2分`."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else None
    text = _UNIT.sub("", re.sub(r"\s", "", unicodedata.normalize("NFKC", cell_text(value)).lower()))
    try:
        result = float(text)
    except ValueError:
        return None
    return result if math.isfinite(result) else None


_IDENTIFIER = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def is_identifier(text: str) -> bool:
    """An id as the course writes them (quiz, question, pool): lowercase letters, digits and
    single hyphens, at most 64 characters."""
    return len(text) <= 64 and _IDENTIFIER.match(text) is not None


_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")  # `1. ` `2) `: an ordered list
_BLOCK_MARK = re.compile(r"^(?:#{1,6}(?=\s|$)|[-+*](?=\s|$)|>|([-*_])(?:\s*\1){2,}\s*$)")


def as_typed(text: str) -> str:
    """A cell's text for the course's Markdown, so that it shows as typed: a text that starts
    like a list (`1. 下列说法正确的是`, `- 甲`), a heading (`# 注意`), a quote or a rule would be
    renumbered or restyled by Markdown, so its first character is escaped (`1\\. …`, `\\# …`).
    plaintext.plain_text drops the backslash again, so exported cells show the text as typed."""
    ordered = _ORDERED.match(text)
    if ordered:
        return f"{ordered[1]}\\{ordered[2]}{text[ordered.end():]}"
    if _BLOCK_MARK.match(text):
        return "\\" + text
    return text
