"""Heading anchors, computed the same way at check time and at build time.

The plugin hands `slug` to the `toc` extension, so an anchor `course check` accepts is exactly
the id MkDocs writes. pymdownx's slugify keeps Chinese characters (MkDocs' default drops them).
"""

from __future__ import annotations

import re

from markdown.extensions.toc import unique
from pymdownx.slugs import slugify

slug = slugify(case="lower")

_FENCE = re.compile(r"^(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$")
_ATTR_ID = re.compile(r"\{[^}]*#([^\s}]+)[^}]*\}\s*$")
_INLINE_MARKUP = re.compile(r"[*_`~]|\[([^\]]*)\]\([^)]*\)")


def heading_text_to_id(text: str, taken: set[str]) -> str:
    explicit = _ATTR_ID.search(text)
    if explicit:
        anchor = explicit.group(1)
    else:
        plain = _INLINE_MARKUP.sub(lambda m: m.group(1) or "", text)
        anchor = slug(plain, "-")
    anchor = unique(anchor, taken)
    taken.add(anchor)
    return anchor


def anchors_in(markdown: str) -> list[str]:
    """Ids of the ATX headings of a Markdown page, in order (outside fenced code)."""
    taken: set[str] = set()
    anchors: list[str] = []
    in_fence = False
    for line in markdown.splitlines():
        # Only a line that starts with #, a fence character or white space can matter.
        first = line[:1]
        if first != "#" and first not in "`~" and not first.isspace():
            continue
        if _FENCE.match(line.lstrip()):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        match = _HEADING.match(line)
        if match:
            anchors.append(heading_text_to_id(match.group(2), taken))
    return anchors
