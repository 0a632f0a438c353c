"""A number cell as the text Excel shows for it, for the formats that can be shown exactly.

openpyxl gives a cell's stored value and its number format, not what Excel displays: options
0.1 and 0.2 formatted `0%` read 10% and 20% in Excel but 0.1 and 0.2 in Python, `2.50` reads
2.5, `0012` reads 12. Excel's format language is large (sections, colours, conditions, locales,
fractions, scientific, dates); no library here renders it (babel formats numbers by locale, not
by Excel format codes), so this module renders the formats whose output it can state exactly —
General and Text, fixed decimals (`0.00`), zero padding (`0000`), thousands (`#,##0`,
`#,##0.00`) and percent (`0%`, `0.0%`), with colour codes ignored — and refuses the rest with
a sentence saying what Excel did, so that a value is never changed silently.
"""

from __future__ import annotations

import datetime
import re
from decimal import ROUND_HALF_UP, Decimal

MAX_EXACT_INTEGER = 2 ** 53  # beyond it a double (all Excel stores) skips integers
TYPE_AGAIN = "format the column as Text (文本) and type it again"


class NotShown(ValueError):
    """Excel shows this cell in a way that cannot be reproduced; the message says how to fix."""


def shown(value: object, number_format: str) -> object:
    """The text Excel shows for a number or date cell; other values are returned unchanged."""
    if isinstance(value, bool) or not isinstance(value, (int, float, datetime.date,
                                                         datetime.time, datetime.timedelta)):
        return value
    if isinstance(value, (datetime.date, datetime.time, datetime.timedelta)):
        what = "a time" if isinstance(value, (datetime.time, datetime.timedelta)) else "a date"
        raise NotShown(f"Excel stored this cell as {what} (shown as "
                       f"{_date_text(value, number_format)}) — if it is text, {TYPE_AGAIN}")
    if isinstance(value, int) and abs(value) > MAX_EXACT_INTEGER or \
            isinstance(value, float) and value.is_integer() and abs(value) > MAX_EXACT_INTEGER:
        kept = format(Decimal(f"{float(value):.14e}"), "f")  # Excel's 15 significant digits
        raise NotShown(f"Excel stored this long number as a number and keeps only its first 15 "
                       f"digits ({kept}) — if it is a code or id, {TYPE_AGAIN}")
    section = _section(number_format or "General", value)
    if section.lower() in ("general", "@", ""):
        return value  # cell_text shows it as Excel's General does
    rendered = _render(value, section)
    if rendered is None:
        raise NotShown(f"Excel shows this number with the format {number_format!r}, which the "
                       f"import cannot reproduce exactly (the value is {value!r}) — "
                       f"{TYPE_AGAIN}, or use the General format")
    return rendered


def _section(number_format: str, value: float) -> str:
    """The part of `pos;neg;zero;text` that applies, colours such as [Red] removed."""
    sections = re.split(r';(?=(?:[^"]*"[^"]*")*[^"]*$)', number_format)
    pick = sections[0]
    if value < 0 and len(sections) > 1:
        pick = sections[1]
    elif value == 0 and len(sections) > 2:
        pick = sections[2]
    pick = re.sub(r"\[(?:black|blue|cyan|green|magenta|red|white|yellow|color\s*\d+)\]", "",
                  pick, flags=re.IGNORECASE)
    return re.sub(r"_.", "", pick).strip()  # `_)`: room for a character, shown as nothing


_SIMPLE = re.compile(r"^(?P<sign>-?)(?P<whole>#,##0|0+)(?:\.(?P<decimals>0+))?(?P<percent>%?)$")


def _render(value: float, section: str) -> str | None:
    match = _SIMPLE.match(section)
    if match is None:
        return None
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if match["percent"]:
        number *= 100
    places = len(match["decimals"] or "")
    number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    negative = number < 0 and not match["sign"]  # a section of its own shows its own sign
    whole, _, fraction = f"{abs(number):f}".partition(".")
    if match["whole"] == "#,##0":
        whole = f"{int(whole):,}"
    else:
        whole = whole.zfill(len(match["whole"]))
    text = whole + (f".{fraction}" if places else "") + match["percent"]
    return ("-" if negative or match["sign"] else "") + text


_DATE_TOKEN = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|yyyy|yy|mmmm|mmm|mm|m|dd|d|hh|h|ss|s|.',
                         re.IGNORECASE)


def _date_text(value, number_format: str) -> str:
    """How Excel shows a date or time, for the common codes; ISO when unsure (a message only)."""
    if isinstance(value, datetime.timedelta):
        return str(value)
    tokens = _DATE_TOKEN.findall(number_format or "")
    out, previous = [], ""
    for index, token in enumerate(tokens):
        low = token.lower()
        following = next((t.lower() for t in tokens[index + 1:] if t.strip(":. ")), "")
        if token.startswith('"'):
            out.append(token[1:-1])
        elif token.startswith("\\"):
            out.append(token[1:])
        elif token.startswith("["):
            continue
        elif low in ("yyyy", "yy") and hasattr(value, "year"):
            out.append(str(value.year) if low == "yyyy" else f"{value.year % 100:02d}")
        elif low in ("m", "mm") and (previous in ("h", "hh") or following.startswith("s")):
            out.append(f"{value.minute:0{len(low)}d}" if hasattr(value, "minute") else "")
        elif low in ("m", "mm") and hasattr(value, "month"):
            out.append(f"{value.month:0{len(low)}d}")
        elif low in ("d", "dd") and hasattr(value, "day"):
            out.append(f"{value.day:0{len(low)}d}")
        elif low in ("h", "hh") and hasattr(value, "hour"):
            out.append(f"{value.hour:0{len(low)}d}")
        elif low in ("s", "ss") and hasattr(value, "second"):
            out.append(f"{value.second:0{len(low)}d}")
        elif token.isalpha() and token.isascii():
            return _iso(value)
        else:
            out.append(token)
        if token.isalpha():
            previous = low
    return "".join(out).strip() or _iso(value)


def _iso(value) -> str:
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    return value.isoformat()[:16].replace("T", " ")
