"""Author text → page Markdown: the course syntax in author text (`{{policy.x}}` and
`[text](kind:id#anchor)` links), code that keeps it as written, and safe HTML.

The one definition of that syntax: `course check` finds references with the same patterns the
pages are written with. Authors write Markdown without raw HTML. We escape `<` outside code so
that text such as `</script>` or `<!--` shows as typed instead of breaking the page; our own
wrappers are the only HTML on a page.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
from dataclasses import dataclass

from . import pagepaths
from .catalogue import strings
from .loaded import LoadedCourse

POLICY_REF = re.compile(r"\{\{\s*policy\.([A-Za-z0-9_]+)\s*\}\}")
LINK_KINDS = ("lesson", "quiz", "section", "glossary", "policy")
_KIND = "|".join(LINK_KINDS)
# `[text](kind:id#anchor)`, or in angle brackets, where the id may hold spaces (a glossary term
# of several words): `[text](<glossary:return number>)`.
COURSE_LINK = re.compile(rf"\]\((?:<(?P<angled_kind>{_KIND}):(?P<angled_id>[^>#\n]*)"
                         rf"(?P<angled_anchor>#[^>\s]*)?>|(?P<kind>{_KIND}):(?P<id>[^)\s#]*)"
                         rf"(?P<anchor>#[^)\s]*)?)\)")
# Where a course link begins; one that COURSE_LINK does not match would show as raw text.
LINK_START = re.compile(rf"\]\(<?({_KIND}):")
# A whole course link, `[text](kind:id#anchor)` or `[text](<kind:id>)`, its text as group 1:
# where the course's pages are not (a spreadsheet, another learning system) only the text is
# kept.
WHOLE_COURSE_LINK = re.compile(rf"\[([^\]]*)\]\((?:<(?:{_KIND}):[^>\n]*>|(?:{_KIND}):[^)\s]*)\)")


def link_parts(match: re.Match) -> tuple[str, str, str]:
    """(kind, id, anchor without its #) of a COURSE_LINK match, in either of its forms."""
    if match.group("angled_kind"):
        kind, ident, anchor = match.group("angled_kind", "angled_id", "angled_anchor")
    else:
        kind, ident, anchor = match.group("kind", "id", "anchor")
    return kind, ident, (anchor or "")[1:]


_FENCE = re.compile(r"^[ \t]*(```|~~~)")
# A line break inside a Chinese paragraph shows as a space in the browser; join such lines.
_CJK = "[\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u201c\u201d]"
_CJK_SOFT_BREAK = re.compile(f"(?<={_CJK})\n[ ]{{0,3}}(?={_CJK})")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)


def outside_code(text: str, change) -> str:
    """Apply `change` to the parts of Markdown text that are not code (fences or spans)."""
    out: list[str] = []
    in_fence = False
    chunk: list[str] = []

    def flush():
        if chunk:
            # split() yields text, ticks, code, text, ticks, code, ...: leave the code alone
            pieces = _CODE_SPAN.split("".join(chunk))
            for index, piece in enumerate(pieces):
                kind = index % 3
                if kind == 0:
                    out.append(change(piece))
                elif kind == 2:
                    out.append(pieces[index - 1] + piece + pieces[index - 1])
            chunk.clear()

    for line in text.splitlines(keepends=True):
        if _FENCE.match(line):
            if not in_fence:
                flush()
            in_fence = not in_fence
            out.append(line)
        elif in_fence:
            out.append(line)
        else:
            chunk.append(line)
    flush()
    return "".join(out)


# posixpath.relpath asks the OS for the working directory on every call, and a site plan makes
# tens of thousands of links between a few thousand pages: remember the answers.
_relpath = functools.lru_cache(maxsize=65536)(posixpath.relpath)


_RUNS = re.compile(r"\0+|[^\0]+")
_NOT_NEWLINE = re.compile(r"[^\n]")


def may_hold_code(text: str) -> bool:
    """False when `text` surely has no code span or fence (the cheap test before the split)."""
    return "`" in text or "~~~" in text


def without_code(text: str) -> str:
    """The text with code (spans and fences) blanked out, for checks that skip what code shows
    as written. Blanked, not removed: every other character keeps its offset (and so its line
    and column in the file)."""
    if not may_hold_code(text):
        return text
    # Prose becomes NULs (YAML text cannot hold them), code stays: then keep the prose and blank
    # the code, newlines excepted.
    marked = outside_code(text, lambda part: "\0" * len(part))
    return "".join(text[run.start():run.end()] if run.group()[0] == "\0"
                   else _NOT_NEWLINE.sub(" ", run.group())
                   for run in _RUNS.finditer(marked))


def strong(label: str) -> str:
    """Our own label in bold, before author text: `**Why:** ` in English, `**解析：**` in Chinese.

    A catalogue's colon carries the space its language puts after it (": " in English, none
    after "："). That space goes outside the markers: Markdown does not close emphasis after a
    space, and `**Why: **` would show its asterisks.
    """
    core = label.strip()
    if not core:
        return label
    start = label.index(core)
    return f"{label[:start]}**{core}**{label[start + len(core):]}"


def escape_html_outside_code(text: str) -> str:
    return outside_code(text, lambda part: part.replace("<", "&lt;"))


def join_chinese_lines(text: str) -> str:
    """Lines broken inside a Chinese sentence joined: the break is the author's wrapping, and a
    browser would show it as a space."""
    return _CJK_SOFT_BREAK.sub("", text)


def page_prose(part: str) -> str:
    """Prose (not code) as a page holds it: `<` shown as typed, Chinese lines joined."""
    return join_chinese_lines(part.replace("<", "&lt;"))


@dataclass
class TextRenderer:
    """Renders author text for one page (links are relative to that page)."""

    loaded: LoadedCourse
    page: str
    # Policy values with their date marker. Off for what a learner picks (options, steps,
    # choices): a marker on one option but not the others would point at the answer.
    dated: bool = True

    def link(self, target: str, anchor: str = "") -> str:
        return _relpath(target, posixpath.dirname(self.page) or ".") + anchor

    def markdown(self, text: str | None) -> str:
        if not text:
            return ""
        # Each step changes nothing in most texts; the cheap tests skip it (same result).
        if "{{" in text or "](" in text:
            # Code shows course syntax as written: how-to text quotes `{{policy.x}}` itself.
            # Before `<` is escaped: a link may be written `](<glossary:…>)`.
            text = (outside_code(text, self._references) if may_hold_code(text)
                    else self._references(text))
        if "<" in text or _CJK_SOFT_BREAK.search(text):
            text = outside_code(text, page_prose)
        return text

    def _references(self, part: str) -> str:
        part = POLICY_REF.sub(self._policy, part)
        return COURSE_LINK.sub(self._course_link, part)

    def inline(self, text: str | None) -> str:
        """One-line Markdown (list items, table cells): newlines become spaces."""
        return " ".join(self.markdown(text).split("\n"))

    def plain(self, text: str | None) -> str:
        """Text for an HTML attribute or element that is not Markdown-processed."""
        text = POLICY_REF.sub(lambda m: self._policy_value(m.group(1)), text or "")
        return html.escape(text, quote=True)

    def _policy_value(self, name: str) -> str:
        policy = self.loaded.policies.policies.get(name)
        return policy.value if policy else f"{{{{policy.{name}}}}}"

    def _policy(self, match: re.Match) -> str:
        name = match.group(1)
        policy = self.loaded.policies.policies.get(name)
        if policy is None:  # `course check` reports it; keep the text visible meanwhile
            return match.group(0)
        if not self.dated:
            return policy.value
        date = policy.as_of.isoformat()
        title = strings(self.loaded.course.language)["site"]["policy_checked"].format(date=date)
        target = self.link(pagepaths.POLICIES, f"#{pagepaths.policy_anchor(name)}")
        # A small raised date after the value, like a citation: it must not read as part of
        # the sentence (a "截至 …" in mid-sentence read like a deadline).
        return f'{policy.value}[{date}]({target}){{.course-policy-date title="{title}"}}'

    def lesson_ref(self, ref: str) -> tuple[str, str] | None:
        """A question's `lesson: id#anchor`: the lesson's title (inline Markdown) and the link
        to it from this page; None for an unknown lesson (`course check` reports it)."""
        lesson_id, _, anchor = ref.partition("#")
        entry = self.loaded.lesson(lesson_id)
        if entry is None:
            return None
        target = self.link(pagepaths.lesson(entry.section.id, lesson_id),
                           f"#{anchor}" if anchor else "")
        return self.inline(entry.lesson.title), target

    def _course_link(self, match: re.Match) -> str:
        kind, ident, anchor = link_parts(match)
        anchor = f"#{anchor}" if anchor else ""
        target = pagepaths.target(self.loaded, kind, ident)
        if target is None:  # unknown id: `course check` reports it
            return match.group(0)
        if kind == "glossary":  # an alias or a link name links to the entry of its term
            anchor = "#" + pagepaths.term_anchor(self.loaded.term(ident).term)
        if kind == "policy":
            anchor = "#" + pagepaths.policy_anchor(ident)
        return "](" + self.link(target, anchor) + ")"
