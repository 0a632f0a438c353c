"""Number and date cells → the text Excel shows, or a sentence saying why not."""

import datetime

import pytest

from generator.banks.numformat import NotShown, shown


@pytest.mark.parametrize("value, number_format, text", [
    (0.1, "0%", "10%"),
    (0.125, "0.0%", "12.5%"),
    (2.5, "0.00", "2.50"),
    (2.675, "0.00", "2.68"),  # Excel rounds the decimal it shows, half away from zero
    (1200, "#,##0.00", "1,200.00"),
    (1200.5, "#,##0", "1,201"),
    (12, "0000", "0012"),
    (-3, "#,##0.00;[Red]-#,##0.00", "-3.00"),
    (-3, "0.00", "-3.00"),
    (0.1, "General", 0.1),  # left to cell_text, as before
    (3, "@", 3),
    ("0012", "@", "0012"),
    (True, "General", True),
])
def test_formats_shown_exactly(value, number_format, text):
    assert shown(value, number_format) == text


@pytest.mark.parametrize("value, number_format, message", [
    (datetime.datetime(2026, 3, 1), 'm"月"d"日"', "Excel stored this cell as a date (shown as "
     "3月1日) — if it is text, format the column as Text (文本) and type it again"),
    (datetime.datetime(2026, 1, 2), "m/d", "Excel stored this cell as a date (shown as 1/2) — "
     "if it is text, format the column as Text (文本) and type it again"),
    (datetime.datetime(2026, 1, 2), "d-mmm", "Excel stored this cell as a date (shown as "
     "2026-01-02) — if it is text, format the column as Text (文本) and type it again"),
    (datetime.time(10, 30), "h:mm", "Excel stored this cell as a time (shown as 10:30) — if it "
     "is text, format the column as Text (文本) and type it again"),
    (123456789012345678, "0", "Excel stored this long number as a number and keeps only its "
     "first 15 digits (123456789012346000) — if it is a code or id, format the column as Text "
     "(文本) and type it again"),
    (1.5, "0.0E+00", "Excel shows this number with the format '0.0E+00', which the import "
     "cannot reproduce exactly (the value is 1.5) — format the column as Text (文本) and type "
     "it again, or use the General format"),
    (5, '"¥"#,##0.00', "Excel shows this number with the format '\"¥\"#,##0.00', which the "
     "import cannot reproduce exactly (the value is 5) — format the column as Text (文本) and "
     "type it again, or use the General format"),
])
def test_what_cannot_be_shown_exactly_is_refused_with_the_reason(value, number_format, message):
    with pytest.raises(NotShown) as refused:
        shown(value, number_format)
    assert str(refused.value) == message
