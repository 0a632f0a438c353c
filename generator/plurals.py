"""Counted words in the form each language's grammar asks for: "1 lesson", "2 lessons", "3 课".

A catalogue entry that holds a count `{n}` is either one string (a language whose nouns do not
change with the count, such as Chinese) or a mapping from CLDR plural categories to strings:
`one` and `other` in English; `few` and `many` too in the languages that have them. The category
of a count comes from the CLDR rules in Babel (which Material already installs), the same rules
the browser's `Intl.PluralRules` applies in the widget: a new language file brings its own forms
and needs no code.

`english` is the small helper for the command line's own messages, which are in English.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping

OTHER = "other"  # the one category every language has


def form(entry: str | Mapping[str, str], language: str, n: int) -> str:
    """The form of `entry` for the count `n` (the entry itself when it has one form)."""
    if isinstance(entry, str):
        return entry
    return entry.get(_rule(language)(n)) or entry[OTHER]


def counted(entry: str | Mapping[str, str], language: str, n: int, **values) -> str:
    """`entry` in the form for `n`, with its {n} and other placeholders filled in."""
    return form(entry, language, n).format(n=n, **values)


def english(n: int, singular: str, plural: str | None = None) -> str:
    """`1 lesson`, `2 lessons`, `0 quizzes` (give the plural when it is not singular + s)."""
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


@functools.lru_cache(maxsize=None)
def _rule(language: str) -> Callable[[int], str]:
    from babel.core import Locale, UnknownLocaleError

    try:
        return Locale.parse(language.replace("-", "_")).plural_form
    except (UnknownLocaleError, ValueError):
        # A language CLDR does not know: the English rule, the most common one.
        return lambda n: "one" if n == 1 else OTHER
