"""MkDocs' warnings about a generated page, said about the YAML file (and line) it came from.

MkDocs checks the links of every page it builds and names the page: "Doc file 'rules/x.md'
contains a link 'y.png', but …". Our pages are generated, so that names a file the author has
never seen. `course check` refuses such links first (checks/sitelinks.py); should one still reach
MkDocs, this filter rewrites the warning to name the YAML file, and the line and column of the
link when its text is found there, before any handler prints it or `--strict` counts it.
"""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path

PAGES_LOG = "mkdocs.structure.pages"  # where MkDocs logs what it finds in a page's links
_DOC_FILE = re.compile(r"^Doc file '(?P<page>[^']+)' contains (?P<rest>.*)$", re.S)
_LINK = re.compile(r"link '(?P<link>[^']*)'")


class SourceMessages(logging.Filter):
    """Rewrites warnings about the pages in `sources` (page path → its YAML file's label)."""

    def __init__(self, sources: dict[str, str]):
        super().__init__()
        self.sources = sources

    def filter(self, record: logging.LogRecord) -> bool:
        found = _DOC_FILE.match(record.getMessage())
        if found and found["page"] in self.sources:
            record.msg, record.args = self.rewrite(found["page"], found["rest"]), ()
        return True

    def rewrite(self, page: str, rest: str) -> str:
        source = self.sources[page]
        rest = html.unescape(rest)
        for other, label in self.sources.items():  # "the doc 'rules/x.md' does not contain …"
            rest = rest.replace(f"'{other}'", f"'{label}'")
        link = _LINK.search(rest)
        where = _position(source, link["link"]) if link else None
        place = f"{source}:{where[0]}:{where[1]}" if where else source
        return f"{place}: {rest}"


def install(sources: dict[str, str]) -> SourceMessages:
    """The filter for this build, in place of an earlier build's (serve builds again and
    again in one process)."""
    logger = logging.getLogger(PAGES_LOG)
    remove()
    messages = SourceMessages(sources)
    logger.addFilter(messages)
    return messages


def remove() -> None:
    logger = logging.getLogger(PAGES_LOG)
    for old in [f for f in logger.filters if isinstance(f, SourceMessages)]:
        logger.removeFilter(old)


def _position(source: str, link: str) -> tuple[int, int] | None:
    """Line and column of the link's target in the YAML file, as the author wrote it."""
    try:
        text = Path(source).read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    # As a link's target, in angle brackets, as a reference definition's; else anywhere.
    for written in (f"]({link}", f"](<{link}>", f"]: {link}", link):
        at = text.find(written)
        if at >= 0 and link:
            at += len(written) - len(link) - (1 if written.endswith(">") else 0)
            before = text[:at]
            return before.count("\n") + 1, at - (before.rfind("\n") + 1) + 1
    return None
