"""Language tags as people write them (BCP 47: `zh`, `zh-CN`, `zh-Hant`, `en-US`, `pt_BR`, `EN`),
and the closest of a set of tags some other piece has files for (the interface catalogues,
Material's templates). Pure functions.

A tag's parts: a language (`zh`), then optionally a script (four letters: `Hans`, `Hant`) and a
region (two letters or three digits: `CN`, `TW`, `419`). Where a tag names no script, the one
it most likely means comes from CLDR's likely subtags (in Babel, which Material already
installs): `zh-CN` is Simplified, `zh-HK` and `zh-TW` Traditional.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

# What course.yml accepts as `language`: letters, then parts of letters and digits, joined by
# `-` or `_`, in any case.
TAG_PATTERN = r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$"


def canonical(tag: str) -> str:
    """The tag in BCP 47's usual case, parts joined by hyphens: `zh_cn` → `zh-CN`,
    `ZH-hant` → `zh-Hant`, `EN` → `en`."""
    first, *rest = re.split(r"[-_]", tag)
    parts = [first.lower()]
    for part in rest:
        if len(part) == 4 and part.isalpha():
            parts.append(part.title())
        elif len(part) == 2 and part.isalpha() or len(part) == 3 and part.isdigit():
            parts.append(part.upper())
        else:
            parts.append(part.lower())
    return "-".join(parts)


def base(tag: str) -> str:
    """The language alone: `zh-CN` → `zh`."""
    return canonical(tag).split("-")[0]


def _parts(tag: str) -> tuple[str, str | None, str | None]:
    language, *rest = canonical(tag).split("-")
    script = next((part for part in rest if len(part) == 4 and part.isalpha()), None)
    region = next((part for part in rest if len(part) in (2, 3) and part.isupper()
                   or part.isdigit()), None)
    return language, script, region


@functools.lru_cache(maxsize=None)
def likely(tag: str) -> tuple[str, str | None, str | None]:
    """(language, script, region) with the script and region CLDR takes the tag to mean where
    it leaves them out: `zh-CN` → (zh, Hans, CN), `zh-Hant` → (zh, Hant, TW)."""
    from babel.core import get_global

    language, script, region = _parts(tag)
    table = get_global("likely_subtags")
    for key in ([f"{language}_{script}"] if script else []) + \
               ([f"{language}_{region}"] if region else []) + [language]:
        found = table.get(key)
        if found:
            _, found_script, found_region = (found.split("_") + [None, None])[:3]
            return language, script or found_script, region or found_region
    return language, script, region


def closest(tag: str, available: Iterable[str]) -> list[str]:
    """The tags of `available` in the same language as `tag`, closest first: the same tag (in
    any case); then those in the same script; among those, one that names no other region
    before one that does (`zh-Hant` before `zh-TW` for `zh-HK`), then the same likely region.
    Among equals, the shorter tag first."""
    language, script, region = likely(tag)
    wanted = canonical(tag)

    def distance(candidate: str) -> tuple:
        _, other_script, other_region = likely(candidate)
        written_region = _parts(candidate)[2]
        return (canonical(candidate) != wanted, other_script != script,
                written_region is not None and written_region != region,
                other_region != region, len(candidate), candidate)

    same = [candidate for candidate in available if base(candidate) == language]
    return sorted(same, key=distance)


def script_name(tag: str) -> str | None:
    """The script a tag most likely means, in English (Simplified, Traditional, Latin …)."""
    from babel.core import Locale

    script = likely(tag)[1]
    return Locale("en").scripts.get(script, script) if script else None
