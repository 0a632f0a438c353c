"""Plain Markdown links and images in author text, checked as MkDocs checks them in the built
site, so that what `course check` accepts, `course build --strict` builds.

A link is read from the page its text is shown on (a lesson's text from the lesson's page, a
glossary entry from the glossary page, a section's description from the section's page):
- a web address (`https:`, `mailto:` …) is left alone; a `kind:` close to a course link's
  (`glossry:`) is a typo, which MkDocs would pass on as an address; but an image (`![…](…)`)
  from a web address is refused: a page would load it from another host, which the course
  never does (pages work offline and tell no other site who reads them);
- a path from the site's root (`/x.png`) breaks when the site is opened from disk or moved;
- a relative path must name a page of the site or a file of the content folder (MkDocs copies
  the folder into the site; a course's YAML files are left out);
- an `#anchor` must be on its page: lessons (their headings), the glossary (its entries) and the
  rule values page (its values). Other generated pages take no anchor from author text.
A relative link in a title is refused: titles are shown on several pages (and in the navigation).
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Callable
from urllib.parse import unquote, urlsplit

from .. import pagepaths
from ..loaded import LoadedCourse
from ..loading import YAML_SUFFIXES
from ..markup import LINK_KINDS
from ..yamlsource import Locator
from .findings import Findings

# A link's or an image's target, after its `](`: in angle brackets, or up to a space or `)`;
# and the target of a reference definition, `[name]: target`, that `[text][name]` links use.
DESTINATION = re.compile(r"\]\(\s*(<[^>\n]*>|[^\s)]+)")
DEFINITION = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*(<[^>\n]*>|\S+)", re.M)
# An image, `![alt](target …)`: its target (alt text without brackets, as authors write it).
IMAGE = re.compile(r"!\[[^\[\]\n]*\]\(\s*<?([^\s)>]+)")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


class SiteLinks:
    def __init__(self, loaded: LoadedCourse, found: Findings,
                 lesson_anchors: Callable[[str], set[str]]):
        self.loaded = loaded
        self.found = found
        self.lesson_anchors = lesson_anchors
        self.pages = set(pagepaths.site_pages(loaded))
        self.lesson_pages = {pagepaths.lesson(e.section.id, e.lesson.id): e.lesson.id
                             for e in loaded.lessons}
        # Where the content folder is, as messages name it (course.yml is in it).
        self.folder = posixpath.dirname(loaded.course_locator.label.replace("\\", "/"))

    def in_string(self, value: str, path: tuple, locator: Locator, page: str) -> None:
        """Every plain link in `value` (code already blanked out), shown on `page`."""
        for image in IMAGE.finditer(value):
            target = image.group(1)
            if _SCHEME.match(target) and not target.lower().startswith("data:") \
                    or target.startswith("//"):
                self._error(locator, path, (value, image.start(1)),
                            f"image '{target}' would be loaded from another host, which the "
                            "course's pages never do (they work offline)",
                            f"save the picture in {self.folder}/ (copied into the site) and "
                            "link it by its path from this page")
        matches = list(DESTINATION.finditer(value))
        if "]:" in value:
            matches += DEFINITION.finditer(value)
        for match in matches:
            target = match.group(1)
            if target.startswith("<"):
                kind = target[1:].partition(":")[0]
                if kind in LINK_KINDS:
                    continue  # a course link: checks/references.py
                self._error(locator, path, (value, match.start(1)),
                            f"link target '{target}' is in angle brackets, which only course "
                            "links may use", "write the address without them, with %20 for a "
                            "space in a file name")
                continue
            if target.partition(":")[0] in LINK_KINDS:
                continue
            self.target(target, path, locator, page, (value, match.start(1)))

    def target(self, target: str, path: tuple, locator: Locator, page: str,
               inside: tuple[str, int] | None = None) -> None:
        """One link target (also a source's `url:`), as MkDocs resolves it from `page`."""
        parts = urlsplit(target)
        if _SCHEME.match(target) or parts.netloc:
            scheme = target.partition(":")[0].lower()
            close = difflib.get_close_matches(scheme, LINK_KINDS, n=1, cutoff=0.75)
            if close and not parts.netloc:
                self._error(locator, path, inside, f"link kind '{scheme}:' is not one of the "
                            f"course's", f"did you mean '{close[0]}:'?")
            return
        if target.startswith(("/", "\\")):
            shown = posixpath.relpath(target.lstrip("/\\") or ".", posixpath.dirname(page) or ".")
            self._error(locator, path, inside, f"link '{target}' starts at the site's root, "
                        "which breaks when the site is opened from disk or moved",
                        f"link from this page instead: ({shown})")
            return
        if not parts.path:
            if parts.fragment:
                self._anchor(page, parts.fragment, target, path, locator, inside)
            return
        if path == ("title",) or path[:1] == ("sections",) and path[-1:] == ("title",):
            self._error(locator, path, inside, f"a title cannot hold the link '{target}'",
                        "titles are shown on several pages and in the navigation; link from the "
                        "text instead")
            return
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page),
                                                     unquote(parts.path)))
        if resolved in self.pages:
            if parts.fragment:
                self._anchor(resolved, parts.fragment, target, path, locator, inside)
            return
        if resolved in self.loaded.files:
            if resolved.endswith(YAML_SUFFIXES):
                stem = posixpath.basename(resolved).rsplit(".", 1)[0]
                hint = (f"link the lesson: [text](lesson:{stem})" if self.loaded.lesson(stem)
                        else "link a page of the site instead")
                self._error(locator, path, inside, f"link '{target}' points to a course file, "
                            "which is not part of the site", hint)
            return
        if resolved.startswith("../") or resolved == "..":
            self._error(locator, path, inside, f"link '{target}' points outside the site",
                        f"put the file in {self.folder}/ and link it from there")
            return
        known = sorted(self.pages | {f for f in self.loaded.files
                                     if not f.endswith(YAML_SUFFIXES)})
        close = difflib.get_close_matches(resolved, known, n=1, cutoff=0.8)
        hint = (f"did you mean '{posixpath.relpath(close[0], posixpath.dirname(page) or '.')}'?"
                if close else f"put the file at {self.folder}/{resolved} (the content folder "
                              "is copied into the site)")
        self._error(locator, path, inside, f"link '{target}' points to '{resolved}', which is "
                    "neither a page of the site nor a file of the content folder", hint)

    def _anchor(self, page: str, anchor: str, target: str, path: tuple, locator: Locator,
                inside) -> None:
        if page in self.lesson_pages:
            lesson_id = self.lesson_pages[page]
            known = sorted(self.lesson_anchors(lesson_id))
            if anchor not in known:
                close = difflib.get_close_matches(anchor, known, n=3, cutoff=0.5)
                self._error(locator, path, inside, f"lesson '{lesson_id}' has no heading "
                            f"'#{anchor}'", "use one of: " + ", ".join(close or known[:8]))
            return
        if page == pagepaths.GLOSSARY:
            known = sorted(pagepaths.term_anchor(term.term) for term in self.loaded.glossary.terms)
            noun = "the glossary has no entry"
        elif page == pagepaths.POLICIES:
            known = sorted(pagepaths.policy_anchor(name) for name in self.loaded.policies.policies)
            noun = "the rule values page has no value"
        else:
            self._error(locator, path, inside, f"link '{target}' points into a page whose "
                        "anchors are made by the generator", "link the page without #…, or a "
                        "lesson's heading")
            return
        if anchor not in known:
            close = difflib.get_close_matches(anchor, known, n=1)
            self._error(locator, path, inside, f"{noun} '#{anchor}'",
                        f"did you mean '#{close[0]}'?" if close else
                        "use one of: " + ", ".join(known[:8]))

    def _error(self, locator: Locator, path: tuple, inside, message: str, hint: str) -> None:
        self.found.error(locator, path, message, hint, inside=inside)
