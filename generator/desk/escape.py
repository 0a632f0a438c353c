"""Learner-made text (names, ids, field names, file names) made safe to show.

Anything from an answer file or a file name reaches a terminal, a CSV and HTML pages. Left raw, a
newline breaks "one line per file" and can forge a line; an ESC sequence recolours or rewrites
the terminal; a bidi control such as U+202E (right-to-left override) makes `evil‮nosj.exe` read
as something else, in a terminal and in a browser alike. So these characters are shown as what
they are, `\\n`, `\\x1b`, `\\u202e`, never obeyed (in HTML pages through the templates' `visible`
filter, in CSV cells through `outputs.csv_cell`). A file name that is not UTF-8 (a GBK name from
a zip made on Windows) reaches Python with its bytes escaped; they are shown as `\\xd5\\xc5`.
"""

from __future__ import annotations

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Bidi embeddings, overrides, isolates and marks; line and paragraph separators; the BOM.
_INVISIBLE = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                       "\u2066\u2067\u2068\u2069\u2028\u2029\ufeff")


def _shown(c: str) -> str:
    code = ord(c)
    if c in _NAMED:
        return _NAMED[c]
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def _unsafe(c: str) -> bool:
    code = ord(c)
    return code < 0x20 or 0x7F <= code < 0xA0 or c in _INVISIBLE or 0xD800 <= code <= 0xDFFF


def terminal(text: str) -> str:
    """One line of plain text, every control character visible as an escape."""
    if text.isprintable() and not any(c in _INVISIBLE for c in text):
        return text  # the common case, checked in C
    return "".join(_shown(c) if _unsafe(c) else c for c in text)
