"""Assets as shipped: the widget's script and stylesheets without comments and indentation.

The sources in generator/assets/ keep their comments (they say why); learners on phones should
not download them. rjsmin and rcssmin only remove what carries no meaning (comments, spaces,
line breaks), so the shipped code is the source's code.
"""

from __future__ import annotations


def shipped(name: str, source: bytes) -> bytes:
    if name.endswith(".js"):
        from rjsmin import jsmin

        return jsmin(source)
    if name.endswith(".css"):
        from rcssmin import cssmin

        return cssmin(source)
    return source
