"""The course's language, given to Material where mkdocs.yml says nothing about it.

- `theme.language`: Material's own interface strings (下一页 / Next, search, the skip link …)
  and `<html lang>`; set when Material has strings for the language;
- the search plugin's `lang`: the language lunr stems and splits words in (`zh`: Chinese, which
  Material's jieba step has already cut into words); English when lunr has no support for it.

It must run before Material's search plugin configures itself: that plugin takes its separator
and stemming pipeline from the theme's language in its own `on_config` (plugin.py gives this step
a higher priority). Where mkdocs.yml does say something, nothing is changed here, and
checks/site.py refuses a setting that disagrees with the course.
"""

from __future__ import annotations

import os

from ..project import SEARCH_PLUGINS, SiteSettings


def apply(config, language: str, site: SiteSettings) -> None:
    if site.theme_language is None and _theme_file(config, "partials", "languages",
                                                   f"{language}.html"):
        config.theme["language"] = language
    search = next((config.plugins[name] for name in SEARCH_PLUGINS if name in config.plugins),
                  None)
    if search is not None and site.search_lang is None:
        search.config.lang = [search_language(config, language)]


def search_language(config, language: str) -> str:
    """The course's language if Material's search (lunr) has support for it, else English."""
    primary = language.split("-")[0]
    lunr = ("assets", "javascripts", "lunr", "min", f"lunr.{primary}.min.js")
    return primary if primary == "en" or _theme_file(config, *lunr) else "en"


def _theme_file(config, *parts: str) -> bool:
    return any(os.path.isfile(os.path.join(folder, *parts)) for folder in config.theme.dirs)
