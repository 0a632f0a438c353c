"""Leave out of the bundles what no browser ever loads from them.

- Source maps (`*.map`): only a developer's browser tools fetch them; a quarter of the zip.
- Search language files for languages the course does not search in. Material ships lunr
  support for 30-odd languages (wordcut.js alone is 660 KB); its search worker loads only
  `min/lunr.stemmer.support.min.js`, `min/lunr.<lang>.min.js` for each language but English,
  `min/lunr.multi.min.js` when there are several, `tinyseg.js` for Japanese and `wordcut.js`
  for Hindi and Thai (assets/javascripts/workers/search.*.js). The languages are read from the
  built search index itself, so what is kept always matches what the worker will ask for.
Pure: {path: bytes} in, {path: bytes} out.
"""

from __future__ import annotations

import json

LUNR = "assets/javascripts/lunr/"
SEARCH_INDEX = "search/search_index.json"


def trim(files: dict[str, bytes]) -> dict[str, bytes]:
    keep_lunr = _lunr_files_needed(files)
    return {path: data for path, data in files.items()
            if not path.endswith(".map")
            and (not path.startswith(LUNR) or keep_lunr is None or path in keep_lunr)}


def _lunr_files_needed(files: dict[str, bytes]) -> set[str] | None:
    """The lunr files the search worker will load; None (keep all) if that cannot be told."""
    try:
        languages = json.loads(files[SEARCH_INDEX])["config"]["lang"]
    except (KeyError, ValueError, TypeError):
        return None
    if not isinstance(languages, list):
        return None
    needed = {f"{LUNR}min/lunr.stemmer.support.min.js"}
    for language in languages:
        if language == "ja":
            needed.add(f"{LUNR}tinyseg.js")
        if language in ("hi", "th"):
            needed.add(f"{LUNR}wordcut.js")
        if language != "en":
            needed.add(f"{LUNR}min/lunr.{language}.min.js")
    if len(languages) > 1:
        needed.add(f"{LUNR}min/lunr.multi.min.js")
    return needed
