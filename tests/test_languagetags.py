"""generator.languagetags and generator.themelanguages: tags as people write them, and the
closest of what Material ships (listed from the installed package)."""

from __future__ import annotations

import pytest

from generator.languagetags import base, canonical, closest
from generator.themelanguages import best, material_languages, suggestion


@pytest.mark.parametrize("written, kept", [
    ("zh", "zh"), ("EN", "en"), ("en_us", "en-US"), ("zh-hant", "zh-Hant"),
    ("ZH-hant-tw", "zh-Hant-TW"), ("es-419", "es-419"), ("pt_BR", "pt-BR")])
def test_a_tag_is_kept_in_bcp_47s_usual_case(written, kept):
    assert canonical(written) == kept
    assert base(written) == kept.split("-")[0]


def test_materials_languages_are_read_from_the_installed_package():
    languages = material_languages()
    assert {"zh", "zh-Hant", "zh-TW", "en", "ja", "pt-BR"} <= set(languages)
    assert "zh-CN" not in languages and "en-US" not in languages


@pytest.mark.parametrize("tag, theme", [
    ("zh", "zh"), ("zh-CN", "zh"), ("zh-Hans", "zh"), ("zh-SG", "zh"), ("zh-TW", "zh-TW"),
    ("zh-HK", "zh-Hant"), ("zh-Hant", "zh-Hant"), ("en-US", "en"), ("EN", "en"),
    ("pt-br", "pt-BR"), ("pt-PT", "pt"), ("tlh", None)])
def test_a_course_gets_the_closest_language_material_has(tag, theme):
    assert best(tag, material_languages()) == theme


def test_the_closest_are_named_by_script_where_the_language_has_several():
    assert closest("zh-CN", ["zh-TW", "zh", "zh-Hant", "en"]) == ["zh", "zh-Hant", "zh-TW"]
    assert suggestion("zh-CN", material_languages()) == (
        "zh (Simplified), or zh-Hant / zh-TW (Traditional)")
    assert suggestion("en-GB", material_languages()) == "en"
    assert suggestion("tlh", material_languages()) == ""
