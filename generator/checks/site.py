"""The course and its site agree: `language:` in course.yml is the one switch.

The course's language must be one the interface has strings for, by its exact tag or its base
language (`en-US` takes en.yml): the course's own `locales/<language>.yml` or the package's; the
file it takes is checked against the reference (catalogue_check.py). `theme.language` must be one
Material has a template for (else MkDocs fails deep in Jinja). Where mkdocs.yml says nothing about
the site's language, the plugin gives the course's to the theme and to search (plugin/language.py);
where it says something else, that is a mistake: an error here, so that `course check` and the
build (which runs the same check) refuse the same files. The site's name is mkdocs.yml's (MkDocs
requires one); a name other than the course's title is a warning only, since a site may have a name
of its own.
"""

from __future__ import annotations

from ..catalogue import FOLDER, REFERENCE_FILE, catalogue_file, languages
from ..catalogue_check import catalogue_problems
from ..errors import Problem
from ..languagetags import base
from ..loaded import LoadedCourse
from ..project import Setting, SiteSettings
from ..themelanguages import best, material_languages, search_language, suggestion
from ..yamlsource import scalar
from .findings import Findings


def check_language(loaded: LoadedCourse, found: Findings) -> None:
    language = loaded.course.language
    path = catalogue_file(language)
    if path is None:
        found.error(loaded.course_locator, ("language",),
                    f"no interface strings for language '{language}'", missing_strings_hint(
                        language, languages()))
    elif path.parent != FOLDER:  # the package's own are checked by its tests, not each run
        found.problems.extend(catalogue_problems(path))


def missing_strings_hint(language: str, known: list[str]) -> str:
    """How to add a language: the file to write, in the course folder, and what to copy."""
    from ..catalogue import course_locales
    from ..loading import label_for

    name = base(language)
    where = label_for(course_locales() / f"{name}.yml") if course_locales() else \
        f"locales/{name}.yml beside mkdocs.yml"
    return (f"add {where}, a copy of {REFERENCE_FILE} translated (`course new locale {name}` "
            f"writes the copy), or use one of: {', '.join(known)}")


def check_site(loaded: LoadedCourse, site: SiteSettings, found: Findings) -> None:
    course = loaded.course
    language = course.language
    stated = _course_language_stated(loaded)
    theme = site.theme_language
    material = material_languages(site.custom_dir)
    unknown = unknown_theme_language(site)
    if unknown is not None:
        found.problems.append(unknown)
    elif theme is not None and not _same_language(str(theme.value), language):
        closest = best(language, material)
        found.problems.append(_at(site, theme, f"theme.language is '{theme.value}' but the "
                                  f"course is written in '{language}' ({stated})",
                                  f"set theme.language: {closest}, or remove it and the "
                                  "course's language decides" if closest else
                                  f"remove it: Material has no interface strings for "
                                  f"'{language}', so it stays in English"))
    search = site.search_lang
    searched = search_language(language)  # None: lunr has no support, any lang will do
    if site.search_listed and search is not None and searched is not None:
        given = search.value if isinstance(search.value, list) else [search.value]
        if not any(_same_language(str(lang), language) for lang in given):
            shown = (f"[{', '.join(map(str, given))}]" if isinstance(search.value, list)
                     else f"'{search.value}'")
            found.problems.append(_at(site, search, f"plugins.search.lang is {shown} but the "
                                      f"course is written in '{language}' ({stated})",
                                      f"set lang: {searched}, or remove it and the course's "
                                      "language decides"))
    name = site.site_name
    title_at = _where(loaded, ("title",))
    if name is None:
        found.problems.append(Problem(site.label, 0, 0, "site_name is missing",
                                      f"MkDocs needs one: add site_name: {scalar(course.title)}"))
    elif str(name.value) != course.title:
        found.problems.append(_at(site, name, f"site_name is '{name.value}' but the course is "
                                  f"titled '{course.title}' ({title_at})",
                                  f"set site_name: {scalar(course.title)}, unless the site is "
                                  "meant to have a name of its own", severity="warning"))


def unknown_theme_language(site: SiteSettings) -> Problem | None:
    """theme.language when Material has no template for it (MkDocs would stop with Jinja's
    TemplateNotFound: the plugin asks this before Material's search reads the template)."""
    theme = site.theme_language
    material = material_languages(site.custom_dir)
    if theme is None or str(theme.value) in material:
        return None
    offered = suggestion(str(theme.value), material)
    return _at(site, theme, f"theme.language '{theme.value}' is not a language Material has "
               f"interface strings for (it ships no partials/languages/{theme.value}.html)",
               f"use {offered}" if offered else "remove it: Material's interface then stays "
               "in English")


def _same_language(tag: str, language: str) -> bool:
    """`zh-TW` is Chinese too: a regional form of the course's language is the author's choice."""
    return tag.split("-")[0].lower() == language.split("-")[0].lower()


def _course_language_stated(loaded: LoadedCourse) -> str:
    if "language" in loaded.course.model_fields_set:
        return _where(loaded, ("language",))
    return f"the default: {loaded.course_locator.label} sets no language"


def _where(loaded: LoadedCourse, path: tuple) -> str:
    line, column = loaded.course_locator.position(path)
    return f"{loaded.course_locator.label}:{line}:{column}"


def _at(site: SiteSettings, setting: Setting, message: str, hint: str,
        severity: str = "error") -> Problem:
    return Problem(site.label, setting.line, setting.column, message, hint, severity=severity)
