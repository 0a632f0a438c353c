"""The languages Material for MkDocs has interface strings for, and which of them suits a course.

Material writes its own interface ("Next", the search box, `<html lang>`) from one template per
language, `partials/languages/<tag>.html`; a `theme.language` without one makes MkDocs fail deep
inside Jinja (TemplateNotFound). The list is read from the installed package each time it is
asked for (never written down here: Material adds languages), and from the theme's `custom_dir`,
which may bring its own. Finding Material's folder does not import Material or MkDocs.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable
from pathlib import Path

from .languagetags import closest, script_name

LANGUAGES = ("partials", "languages")


def material_templates() -> Path | None:
    """The installed Material's templates folder."""
    spec = importlib.util.find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "templates"
    return folder if folder.is_dir() else None


def languages_in(folders: Iterable[Path | str | None]) -> list[str]:
    """The languages the theme folders have a template for (file names are case-sensitive:
    `zh-TW`, never `zh-tw`)."""
    found = set()
    for folder in folders:
        if folder is not None:
            found |= {path.stem for path in Path(folder, *LANGUAGES).glob("*.html")}
    return sorted(found)


def material_languages(custom_dir: Path | None = None) -> list[str]:
    """Material's interface languages (and those the theme's custom_dir adds)."""
    return languages_in([custom_dir, material_templates()])


def search_language(tag: str) -> str | None:
    """The language Material's search (lunr) has support for that a course in `tag` searches
    in: its base language (`zh` for `zh-CN`), English itself; None when lunr has none."""
    from .languagetags import base

    language = base(tag)
    templates = material_templates()
    lunr = ("assets", "javascripts", "lunr", "min", f"lunr.{language}.min.js")
    if language == "en" or templates is not None and Path(templates, *lunr).is_file():
        return language
    return None


def best(tag: str, available: Iterable[str]) -> str | None:
    """The theme language for a course written in `tag`: the closest one available."""
    found = closest(tag, available)
    return found[0] if found else None


def suggestion(tag: str, available: Iterable[str]) -> str:
    """The closest available languages, as a hint names them: `zh (Simplified), or zh-Hant /
    zh-TW (Traditional)`; `en`; '' when none is in the same language."""
    found = closest(tag, available)
    groups: list[tuple[str | None, list[str]]] = []
    for candidate in found:
        script = script_name(candidate)
        if groups and groups[-1][0] == script:
            groups[-1][1].append(candidate)
        else:
            groups.append((script, [candidate]))
    if len(groups) == 1:
        return " / ".join(groups[0][1])
    return ", or ".join(" / ".join(tags) + (f" ({script})" if script else "")
                        for script, tags in groups)
