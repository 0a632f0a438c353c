"""Right-to-left text in lessons and quizzes (course.css): a paragraph, list item or option label
in Arabic or Hebrew runs and aligns right to left, as dir="auto" would, while Chinese and English
keep left to right. Measured in Chromium on a 390 px wide page with the shipped stylesheet."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CSS = (Path(__file__).resolve().parents[2] / "generator" / "assets" / "course.css").read_text(
    encoding="utf-8")
PAGE = """<!doctype html><html lang="en"><head><style>{css}</style></head>
<body style="margin:0;width:390px"><article class="md-typeset">
<p id="arabic">وصل الكوب مكسوراً، أريد استرداد المال.</p>
<p id="chinese">买家说：杯子漏水，我要退货。</p>
<ul><li id="hebrew">האם מותר לבקש החזר?</li><li id="english">Ask for a photo first.</li></ul>
<ul><li><label id="option" style="display:flex"><input type="radio">
<span>لا يمكن الإرجاع.</span></label></li></ul>
</article></body></html>"""


def _text_edges(page, element_id: str) -> tuple[float, float, float, float]:
    """(box left, box right, text left, text right) of an element."""
    return tuple(page.evaluate("""id => {
        const e = document.getElementById(id), r = document.createRange();
        r.selectNodeContents(e);
        const lines = [...r.getClientRects()], box = e.getBoundingClientRect();
        return [box.left, box.right, Math.min(...lines.map(x => x.left)),
                Math.max(...lines.map(x => x.right))];
    }""", element_id))


def test_right_to_left_lines_align_right_and_the_rest_left(page):
    page.set_viewport_size({"width": 390, "height": 400})
    page.set_content(PAGE.format(css=CSS))
    for rtl in ("arabic", "hebrew"):
        left, right, text_left, text_right = _text_edges(page, rtl)
        assert page.evaluate("id => getComputedStyle(document.getElementById(id)).unicodeBidi",
                             rtl) == "plaintext"
        assert right - text_right < 1 and text_left - left > 20, rtl  # flush right
    for ltr in ("chinese", "english"):
        left, right, text_left, text_right = _text_edges(page, ltr)
        assert text_left - left < 1 and right - text_right > 20, ltr  # flush left


def test_a_right_to_left_option_reads_right_to_left_inside_its_row(page):
    """An option row is a flex line (radio, then text): the text itself runs right to left, its
    full stop at its left end, not beside its first letter."""
    page.set_content(PAGE.format(css=CSS))
    first, stop = page.evaluate("""() => {
        const text = document.querySelector('#option span').firstChild;
        const r = document.createRange();
        const at = i => {
            r.setStart(text, i); r.setEnd(text, i + 1); return r.getBoundingClientRect().left;
        };
        return [at(0), at(text.length - 1)];
    }""")
    assert stop < first
