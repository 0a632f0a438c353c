"""The course's file-name slug: `<slug>-offline.zip`, `<slug>-handbook.pdf`, ...

File names stay plain ASCII (`[a-z0-9-]`) so that every file system, zip tool and LMS upload
form takes them. The slug is, in this order:
1. `course export --slug NAME`;
2. the last folder of `site_url` in mkdocs.yml (https://example.org/refund-course/ → refund-course):
   the author already chose it as the course's address;
3. `site_name`, when it has ASCII letters or digits ("Refund Basics" → refund-basics);
4. the name of the folder holding mkdocs.yml;
5. `course`.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


class SlugError(ValueError):
    """--slug was given but leaves nothing usable in a file name."""


def to_slug(text: str | None) -> str:
    """ASCII letters and digits joined by hyphens; '' when nothing of the text is ASCII."""
    ascii_text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")[:60].strip("-")


def course_slug(explicit: str | None, site_url: str | None, site_name: str | None,
                folder_name: str | None) -> str:
    if explicit is not None:
        slug = to_slug(explicit)
        if not slug:
            raise SlugError(f"--slug {explicit!r} has no ASCII letters or digits — use e.g. "
                             "--slug refund-course")
        return slug
    url_path = urlsplit(site_url or "").path.rstrip("/")
    for candidate in (url_path.rsplit("/", 1)[-1], site_name, folder_name):
        slug = to_slug(candidate)
        if slug:
            return slug
    return "course"
