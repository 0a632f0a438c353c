"""Author text as another system shows it: plain text for a spreadsheet cell, HTML for Moodle.

Both fill in policy values (without the site's date marker) and turn course links into their
text, since neither a spreadsheet nor Moodle has the course's pages to link to.
"""

from __future__ import annotations

import re

from ..markup import (
    POLICY_REF,
    WHOLE_COURSE_LINK,
    join_chinese_lines,
    outside_code,
    page_prose,
)

_OTHER_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]+)\)")
_STRONG = re.compile(r"(\*\*|__)(.+?)\1", re.S)
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)
# A backslash escape (`1\.`, `\#`, `\*`) shows as the character alone (CommonMark: any ASCII
# punctuation may be escaped).
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def policy_values(policies) -> dict[str, str]:
    """{name: value} of a PolicyFile's policies."""
    return {name: policy.value for name, policy in policies.policies.items()}


def _fill(part: str, values: dict[str, str]) -> str:
    # An unknown policy stays as written: `course check` reports it, and nothing is invented.
    return POLICY_REF.sub(lambda m: values.get(m.group(1), m.group(0)), part)


def plain_text(text: str | None, values: dict[str, str]) -> str:
    """Markdown → the text a cell shows: values filled in, emphasis and link targets dropped."""
    if not text:
        return ""

    def prose(part: str) -> str:
        # A line break inside a Chinese sentence is the author's wrapping, not a new line.
        part = join_chinese_lines(_fill(part, values))
        part = WHOLE_COURSE_LINK.sub(r"\1", part)
        part = _OTHER_LINK.sub(r"\1 (\2)", part)
        return _ESCAPED.sub(r"\1", _STRONG.sub(r"\2", part))

    shown = outside_code(text, prose)
    shown = _CODE_SPAN.sub(r"\2", shown)
    return shown.strip()


def html_text(text: str | None, values: dict[str, str]) -> str:
    """Markdown → HTML for Moodle, as the site would render it, minus course links."""
    if not text:
        return ""
    import markdown

    def prose(part: str) -> str:
        # Course links to their text first (one may be written `](<glossary:…>)`), then the
        # site's own prose step: `<` shown as typed, Chinese lines joined.
        return page_prose(WHOLE_COURSE_LINK.sub(r"\1", _fill(part, values)))

    return markdown.markdown(outside_code(text, prose), output_format="html")
