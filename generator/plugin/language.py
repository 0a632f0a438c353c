"""The course's language, given to Material where mkdocs.yml says nothing about it.

- `theme.language`: Material's own interface strings (下一页 / Next, search, the skip link …);
  the closest language Material has a template for (`zh` for `zh-CN`, `zh-Hant` for `zh-HK`);
  none when it has none (its interface then stays English). `<html lang>` is the course's own
  tag all the same (`html_lang`, which the plugin writes into every page);
- the search plugin's `lang`: the language lunr stems and splits words in (`zh`: Chinese, which
  Material's jieba step has already cut into words); English when lunr has no support for it.

It must run before Material's search plugin configures itself: that plugin takes its separator
and stemming pipeline from the theme's language in its own `on_config` (plugin.py gives this step
a higher priority). Where mkdocs.yml does say something, nothing is changed here, and
checks/site.py refuses a setting that disagrees with the course.
"""

from __future__ import annotations

import os

from ..languagetags import canonical
from ..project import SEARCH_PLUGINS, SiteSettings
from ..themelanguages import best, languages_in


def apply(config, language: str, site: SiteSettings) -> None:
    theme = best(language, languages_in(config.theme.dirs))
    if site.theme_language is None and theme is not None:
        config.theme["language"] = theme
    search = next((config.plugins[name] for name in SEARCH_PLUGINS if name in config.plugins),
                  None)
    if search is not None and site.search_lang is None:
        search.config.lang = [search_language(config, language)]


def html_lang(page: str, language: str) -> str:
    """The page with `<html lang>` the course's tag (`zh-CN`) where Material wrote its own
    language's (`zh`); unchanged when they are the same."""
    tag = canonical(language)
    start = page.find("<html lang=\"")
    if start < 0:
        return page
    end = page.find("\"", start + 12)
    if page[start + 12:end] == tag:
        return page
    return page[:start + 12] + tag + page[end:]


def search_language(config, language: str) -> str:
    """The course's language if Material's search (lunr) has support for it, else English."""
    primary = canonical(language).split("-")[0]
    lunr = ("assets", "javascripts", "lunr", "min", f"lunr.{primary}.min.js")
    return primary if primary == "en" or _theme_file(config, *lunr) else "en"


def _theme_file(config, *parts: str) -> bool:
    return any(os.path.isfile(os.path.join(folder, *parts)) for folder in config.theme.dirs)
