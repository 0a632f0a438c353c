"""Chinese typography: full-width punctuation between Chinese characters.

`python -m generator.typography FILE...` rewrites course files in place. Only punctuation that
touches a Chinese character changes, so YAML keys, URLs, code and English text stay as written;
inline code, link targets (`](lesson:…#七天无理由)`), web addresses and YAML flow lists
(`tags: [七天无理由, 运费险]`) are left alone, because there the ASCII mark is syntax.
"""

from __future__ import annotations

import re
import sys

_CJK = "[\u3400-\u9fff\u3000-\u303f\uff00-\uffef\u201c\u201d]"
_FULL = {",": "\uff0c", ":": "\uff1a", ";": "\uff1b", "?": "\uff1f", "!": "\uff01",
         "(": "\uff08", ")": "\uff09"}
_AFTER_CJK = re.compile(f"(?<={_CJK})[,;?!)]|(?<={_CJK}):(?!//)")
_BEFORE_CJK = re.compile(f"[,;?!(](?={_CJK})")
_QUOTED = re.compile(f'(?<={_CJK})"([^"\\n]*?{_CJK}[^"\\n]*?)"')
# Spans where ASCII punctuation is syntax, not prose.
_SYNTAX = re.compile(
    r"`[^`\n]*`"                                   # inline code
    r"|\]\([^)\n]*\)"                              # a Markdown link's target
    r"|https?://[^\s)）]+"                          # a web address
    r"|(?m:^[ \t]*(?:- +)?(?:[\w-]+: +)?\[[^\]\n]*\][ \t]*$)"  # a YAML flow list
)


def fullwidth(text: str) -> str:
    out, done = [], 0
    for span in _SYNTAX.finditer(text):
        out += [_prose(text[done:span.start()]), span.group(0)]
        done = span.end()
    out.append(_prose(text[done:]))
    return "".join(out)


def _prose(text: str) -> str:
    text = _QUOTED.sub("\u201c\\1\u201d", text)
    text = _AFTER_CJK.sub(lambda m: _FULL[m.group(0)], text)
    return _BEFORE_CJK.sub(lambda m: _FULL[m.group(0)], text)


def main(paths: list[str]) -> int:
    for path in paths:
        with open(path, encoding="utf-8") as stream:
            text = stream.read()
        fixed = fullwidth(text)
        if fixed != text:
            with open(path, "w", encoding="utf-8") as stream:
                stream.write(fixed)
            print(f"fixed {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
