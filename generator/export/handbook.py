"""The whole course on one page, to read on screen or print: the handbook.

Built from the engine-independent page renderers (`render.site.plan_site`) and Python-Markdown
with the course's own Markdown extensions, not through MkDocs, so it outlives a move to another
site engine. Differences from the website:
- quizzes are printed questions (print_quiz.py); practice answers go to an appendix at the end,
  assessment answers nowhere; the progress page is left out (it only makes sense in a browser);
- every id is prefixed with its page (`rules.seven-day-return--小结`), so two lessons' 小结 don't
  collide, and links between pages become links within the handbook;
- one self-contained HTML file: CSS inline, images (if any) as data: URIs, no script, nothing
  loaded from anywhere.
Pure: a loaded course and settings in, an HTML string out.
"""

from __future__ import annotations

import datetime
import html
import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from .. import pagepaths
from ..anchors import slug
from ..catalogue import strings
from ..loaded import LoadedCourse
from ..markup import TextRenderer
from ..models.quiz import is_assessment
from ..render.site import MARKDOWN_EXTENSIONS, plan_site
from ..templates import LINES, render
from . import print_quiz


@dataclass(frozen=True)
class MarkdownSettings:
    """The course's Markdown extensions, as mkdocs.yml lists them (names → options)."""

    extensions: tuple = ()
    configs: Mapping[str, dict] = field(default_factory=dict)


@dataclass
class _Page:
    path: str  # the page's path in the site, e.g. rules/seven-day-return.md
    markdown: str
    level: int  # 1: a top entry of the contents; 2: under the section before it
    html: str = ""
    title: str = ""
    anchor: str = ""  # its id in the handbook (page_anchor)
    contents_title: str = ""  # how the table of contents names it


def page_anchor(page: str) -> str:
    """rules/seven-day-return.md → rules.seven-day-return; a section's index.md → its id."""
    if page == pagepaths.HOME:
        return "home"
    stem = page.removesuffix(".md").removesuffix("/index")
    return stem.replace("/", ".")


def render_handbook(loaded: LoadedCourse, settings: MarkdownSettings, *, css: str,
                    edition: datetime.date, force_assessment: bool = False,
                    salt: str | None = None,
                    embed: Callable[[str], str | None] = lambda path: None) -> str:
    """The handbook's HTML. `salt`: the registry's, for assessments (their steps print in the
    order of their opaque ids, as on the site). `embed` turns a site path of an image into a
    data: URI (or None)."""
    language = loaded.course.language
    w = {**strings(language)["handbook"], "final": strings(language)["site"]["final"]}
    pages = _pages(loaded, force_assessment, salt)
    converter = _Converter(settings, {page.path: page_anchor(page.path) for page in pages}, embed)
    for page in pages:
        page.html, page.title = converter.convert(page.path, page.markdown)
    title = loaded.course.title
    description = loaded.course.description
    if description:  # author Markdown, like every other text of the course
        description = converter.convert(pagepaths.HOME, TextRenderer(loaded, pagepaths.HOME)
                                        .markdown(description))[0]
    for page in pages:
        page.anchor = page_anchor(page.path)
        page.contents_title = w["intro"] if page.path == pagepaths.HOME else page.title
        page.html = Markup(page.html)  # made from the course's Markdown, escaped there
    return render("handbook.html", language=language, layout=LINES, title=title, w=w,
                  description=Markup(description) if description else None, edition=edition,
                  contents=_contents(pages), pages=pages, page_css=Markup(_page_css(title)),
                  css=Markup(css))


_UNUSED_SALT = "0" * 32


def _pages(loaded: LoadedCourse, force_assessment: bool, salt: str | None) -> list[_Page]:
    # Quizzes are printed by print_quiz, never taken from the plan's quiz pages, so the salt
    # that names an assessment page's ids is never seen here: any will do.
    plan = plan_site(loaded, force_assessment, salt=_UNUSED_SALT)
    pages = [_Page(pagepaths.HOME, plan.pages[pagepaths.HOME], 1)]
    practice = []

    def add_quiz(entry, level):
        quiz = entry.quiz
        pages.append(_Page(pagepaths.quiz(quiz.id),
                           print_quiz.quiz_page(loaded, quiz, force_assessment, salt), level))
        if not is_assessment(quiz, force_assessment):
            practice.append(quiz)

    for section in loaded.course.sections:
        section_page = pagepaths.section(section.id)
        pages.append(_Page(section_page, plan.pages[section_page], 1))
        for entry in loaded.lessons_in(section.id):
            page = pagepaths.lesson(section.id, entry.lesson.id)
            pages.append(_Page(page, plan.pages[page], 2))
        for entry in loaded.quizzes_in(section.id):
            add_quiz(entry, 2)
    for entry in loaded.quizzes_in(None):
        add_quiz(entry, 1)
    for page in (pagepaths.GLOSSARY, pagepaths.POLICIES):  # the progress page stays in the browser
        if page in plan.pages:
            pages.append(_Page(page, plan.pages[page], 1))
    if practice:
        pages.append(_Page(print_quiz.APPENDIX, print_quiz.answers(loaded, practice), 1))
    return pages


def _contents(pages: list[_Page]) -> list[tuple[_Page, list[_Page]]]:
    """The table of contents: each top entry with the pages under it."""
    groups: list[tuple[_Page, list[_Page]]] = []
    for page in pages:
        if page.level == 2 and groups:
            groups[-1][1].append(page)
        else:
            groups.append((page, []))
    return groups


def _page_css(title: str) -> str:
    """The printed page: A4, the course title at the top, page numbers at the foot."""
    quoted = title.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return (f'@page {{ size: A4; margin: 18mm 16mm 20mm;'
            f' @top-right {{ content: "{quoted}"; }}'
            f' @bottom-center {{ content: counter(page) " / " counter(pages); }} }}\n'
            "@page :first { @top-right { content: none; } @bottom-center { content: none; } }")


class _Converter:
    """Python-Markdown set up once with the course's extensions and the handbook's relinking."""

    def __init__(self, settings: MarkdownSettings, anchors: dict[str, str],
                 embed: Callable[[str], str | None]):
        names = [e for e in settings.extensions if isinstance(e, str)]
        objects = [e for e in settings.extensions if not isinstance(e, str)]
        configs = {name: dict(options) for name, options in settings.configs.items()}
        for name, options in MARKDOWN_EXTENSIONS.items():
            if name not in names:
                names.append(name)
                configs[name] = dict(options)
        toc = configs.setdefault("toc", {})
        toc.setdefault("slugify", slug)  # the same anchors as the site, so links keep working
        toc["permalink"] = False  # no ¶ marks on paper
        self.relink = _RelinkExtension(anchors, embed)
        self.md = markdown.Markdown(extensions=[*names, *objects, self.relink],
                                    extension_configs=configs)

    def convert(self, page: str, text: str) -> tuple[str, str]:
        """(HTML, title) of one page."""
        self.md.reset()
        self.relink.page = page
        body = self.md.convert(text)
        tokens = getattr(self.md, "toc_tokens", [])
        title = tokens[0]["name"] if tokens else page
        return body, html.unescape(title)


class _RelinkExtension(Extension):
    def __init__(self, anchors: dict[str, str], embed: Callable[[str], str | None]):
        super().__init__()
        self.anchors = anchors
        self.embed = embed
        self.page = pagepaths.HOME

    def extendMarkdown(self, md):
        # After toc (priority 5) has given the headings their ids.
        md.treeprocessors.register(_Relink(md, self), "handbook-relink", 4)


class _Relink(Treeprocessor):
    def __init__(self, md, extension: _RelinkExtension):
        super().__init__(md)
        self.ext = extension

    def run(self, root):
        page = self.ext.page
        prefix = page_anchor(page)
        for element in root.iter():
            if "id" in element.attrib:
                element.set("id", f"{prefix}--{element.get('id')}")
            if element.tag == "a" and "href" in element.attrib:
                self._link(element, page, prefix)
            elif element.tag == "img" and "src" in element.attrib:
                self._image(element, page)

    def _link(self, element, page: str, prefix: str) -> None:
        href = element.get("href")
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith("/"):
            return  # another site: a link on screen, loaded only if the reader clicks it
        fragment = unquote(parts.fragment)
        if not parts.path:
            element.set("href", f"#{prefix}--{fragment}" if fragment else f"#{prefix}")
            return
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
        anchor = self.ext.anchors.get(target)
        if anchor is None:  # a page the handbook leaves out (progress): keep the words only
            element.tag = "span"
            element.attrib.pop("href")
            return
        element.set("href", f"#{anchor}--{fragment}" if fragment else f"#{anchor}")

    def _image(self, element, page: str) -> None:
        src = element.get("src")
        parts = urlsplit(src)
        if parts.scheme == "data":
            return
        if parts.scheme or parts.netloc:  # never load from another host: link to it instead
            alt = element.get("alt") or src
            element.attrib.clear()
            element.tag, element.text = "a", alt
            element.set("href", src)
            return
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
        data = self.ext.embed(target)
        if data:
            element.set("src", data)
