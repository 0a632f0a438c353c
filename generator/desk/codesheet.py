"""The printable sheet of access-code slips: A4 pages of cut-out slips, one per learner. Pure:
roster entries in, one self-contained HTML page out (no script, no font or file from elsewhere).

Each slip carries the learner's name, staff id and access code, the course's address and one
line of instructions; ten slips to a page (two columns of five), dashed lines to cut along, and a
page break that never splits a slip.
"""

from __future__ import annotations

from .certificates import FONTS_SANS
from .escape import html_text as _e
from .roster import RosterEntry
from .strings_integrity import desk_strings

SLIPS_PER_PAGE = 10
MONO = '"Noto Sans Mono CJK SC", "DejaVu Sans Mono", "Consolas", monospace'


def render_sheet(entries: list[RosterEntry], *, course_title: str, site_url: str | None,
                 language: str) -> str:
    d = desk_strings(language)
    title = d["sheet_title"].format(course=course_title)
    pages = []
    for start in range(0, len(entries), SLIPS_PER_PAGE):
        slips = "".join(_slip(entry, course_title, site_url, d)
                        for entry in entries[start:start + SLIPS_PER_PAGE])
        pages.append(f'<section class="page">{slips}</section>')
    lang = "zh-CN" if language == "zh" else "en"
    return (f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_e(title)}</title><style>{CSS}</style></head><body>"
            f'<header class="intro"><h1>{_e(title)}</h1><p>{_e(d["sheet_intro"])}</p></header>'
            f'{"".join(pages)}</body></html>\n')


def _slip(entry: RosterEntry, course_title: str, site_url: str | None, d: dict) -> str:
    site = (f'<p class="site"><span class="label">{_e(d["slip_site"])}</span>'
            f'{_e(site_url)}</p>') if site_url else ""
    return (f'<div class="slip"><p class="course">{_e(course_title)}</p>'
            f'<p class="who"><span class="name">{_e(entry.name)}</span>'
            f'<span class="staff"><span class="label">{_e(d["slip_id"])}</span>'
            f'<span class="id">{_e(entry.learner_id)}</span></span></p>'
            f'<p class="code"><span class="label">{_e(d["slip_code"])}</span>'
            f'<span class="value">{_e(entry.code or "")}</span></p>'
            f'{site}<p class="how">{_e(d["slip_instruction"])}</p></div>')


CSS = f"""
@page {{ size: A4; margin: 10mm; }}
* {{ box-sizing: border-box; }}
body {{ margin: 0; font-family: {FONTS_SANS}; color: #1f2328; background: #fff; }}
.intro {{ max-width: 190mm; margin: 6mm auto 4mm; }}
.intro h1 {{ font-size: 15pt; margin: 0 0 1mm; }}
.intro p {{ margin: 0; font-size: 10pt; color: #57606a; }}
.page {{ width: 190mm; margin: 0 auto; display: grid; grid-template-columns: 1fr 1fr;
  grid-auto-rows: 54mm; page-break-after: always; break-after: page; }}
.page:last-child {{ page-break-after: auto; break-after: auto; }}
.slip {{ border: 1px dashed #8c959f; padding: 4mm 5mm; display: flex; flex-direction: column;
  gap: 1.2mm; overflow: hidden; break-inside: avoid; }}
.slip p {{ margin: 0; }}
.course {{ font-size: 8.5pt; color: #57606a; }}
.who {{ display: flex; align-items: baseline; gap: 2mm; flex-wrap: wrap; }}
.name {{ font-size: 14pt; font-weight: 700; margin-right: 2mm; overflow-wrap: anywhere; }}
.label {{ font-size: 8.5pt; color: #57606a; margin-right: 1.5mm; }}
.staff {{ white-space: nowrap; }}
.id {{ font-family: {MONO}; font-size: 11pt; }}
.code .value {{ font-family: {MONO}; font-size: 19pt; font-weight: 700; letter-spacing: .12em; }}
.site {{ font-size: 9pt; overflow-wrap: anywhere; }}
.how {{ font-size: 8.5pt; line-height: 1.35; margin-top: auto; }}
@media print {{ .intro {{ display: none; }} .page {{ margin: 0; }} }}
@media screen and (max-width: 760px) {{
  .page {{ width: auto; grid-template-columns: 1fr; grid-auto-rows: auto; padding: 0 3mm; }}
  .intro {{ padding: 0 3mm; }} }}
"""
