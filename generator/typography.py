"""Chinese typography: full-width punctuation between Chinese characters.

`python -m generator.typography FILE...` rewrites course files in place. Only punctuation that
touches a Chinese character changes, so YAML keys, URLs, code and English text stay as written.
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


def fullwidth(text: str) -> str:
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
