"""Standalone HTML pages from Jinja2 templates (generator/templates/): the cohort report, each
certificate and their index, the handbook and the SCORM launch page. One base layout
(`base.html`): one font stack, the page's language from the catalogue, escaping done by the
environment for every value a template writes (`{{ … }}`), so no template or module escapes by
hand. Author and learner text is escaped; HTML we made ourselves is passed as `Markup`. Text a
learner or trainer typed (names, ids, codes, file names) is written `{{ name | visible }}`: its
control and bidi characters (a newline, ESC, U+202E) are shown as escapes, never obeyed
(`desk.escape.terminal`), and then escaped as everything else.

Escaping writes the standard library's entities (`&quot;`, `&#x27;`), as these pages always
did, rather than markupsafe's (`&#34;`, `&#39;`): the same text, byte for byte as before.

Two ways of writing the layout, each the one the pages had before the templates: the desk's
pages on one line (`ONE_LINE`), the export's one element per line (`LINES`). A template whose
first line is `{#- One line … -#}` is written for reading, one element per line; the loader
joins its lines (indents dropped), so its output is one line.
"""

from __future__ import annotations

import functools
import html
import re

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from jinja2.ext import Extension
from markupsafe import Markup

from .desk.escape import terminal
from .languagetags import canonical

# The font stacks of every page we write ourselves (the site's are the theme's); CSS, not text.
FONTS = {
    "sans": '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", '
            'sans-serif',
    "serif": '"Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "SimSun", "Noto Serif", '
             'serif',
    "mono": '"Noto Sans Mono CJK SC", "DejaVu Sans Mono", monospace',
}
_FONTS_CSS = {family: Markup(stack) for family, stack in FONTS.items()}
ONE_LINE = {"sep": "", "viewport": "width=device-width, initial-scale=1"}
LINES = {"sep": "\n", "viewport": "width=device-width,initial-scale=1"}
_ONE_LINE_MARK = "{#- One line"
_LINE_BREAK = re.compile(r"\n[ \t]*")


class _JoinLines(Extension):
    """Joins the lines of a template marked `{#- One line … -#}` before it is parsed."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        return _LINE_BREAK.sub("", source) if source.startswith(_ONE_LINE_MARK) else source


def _escape(value):
    """Every value a template writes, escaped as html.escape does; our own HTML (Markup) as is."""
    if isinstance(value, Markup):
        return value
    return Markup(html.escape(str(value), quote=True))


@functools.lru_cache(maxsize=None)
def environment() -> Environment:
    env = Environment(loader=PackageLoader("generator", "templates"),
                      autoescape=select_autoescape(["html", "svg"]), finalize=_escape,
                      keep_trailing_newline=True, undefined=StrictUndefined,
                      extensions=[_JoinLines])
    env.filters["visible"] = lambda text: terminal(str(text))
    return env


def render(template: str, *, language: str, layout: dict[str, str], **context) -> str:
    """A page: `template` filled with `context`, in the layout and language given."""
    return environment().get_template(template).render(
        html_lang=canonical(language), fonts=_FONTS_CSS, **layout,
        **context)
