"""The printable sheet of access-code slips: A4 pages of cut-out slips, one per learner. Pure:
roster entries in, one self-contained HTML page out (templates/codesheet.html: no script, no font
or file from elsewhere).

Each slip carries the learner's name, staff id and access code, the course's address and one
line of instructions; ten slips to a page (two columns of five), dashed lines to cut along, and a
page break that never splits a slip.
"""

from __future__ import annotations

from ..catalogue import strings
from ..templates import ONE_LINE, render
from .roster import RosterEntry

SLIPS_PER_PAGE = 10


def render_sheet(entries: list[RosterEntry], *, course_title: str, site_url: str | None,
                 language: str) -> str:
    t = strings(language)["roster"]
    pages = [entries[start:start + SLIPS_PER_PAGE]
             for start in range(0, len(entries), SLIPS_PER_PAGE)]
    return render("codesheet.html", language=language, layout=ONE_LINE, t=t,
                  title=t["sheet_title"].format(course=course_title), course_title=course_title,
                  site_url=site_url, pages=pages)
