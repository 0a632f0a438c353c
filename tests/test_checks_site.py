"""generator.checks.site: the course's language has interface strings, and mkdocs.yml agrees with
the course about the site's language and name (project.site_settings reads what it says)."""

from __future__ import annotations

import pytest

from coursefolder import COURSE_YML, MKDOCS_YML, load_checked, make_course, problems
from generator.catalogue import REFERENCE_FILE, catalogue_file, reference, strings, use_course
from generator.project import Setting, SiteSettings, site_settings
from helpers import ROOT

SILENT_MKDOCS_YML = MKDOCS_YML.replace("  language: zh\n", "").replace(
    "  - search:\n      lang: zh\n", "  - search\n")
ENGLISH_COURSE = COURSE_YML.replace("title: 测试课程\nlanguage: zh\n",
                                    "title: Returns basics\nlanguage: en\n")


def settings(here) -> SiteSettings:
    return site_settings(here / "mkdocs.yml")


def test_mkdocs_yml_settings_are_read_with_their_places(here):
    make_course(here)
    assert settings(here) == SiteSettings(
        "mkdocs.yml", site_name=Setting("测试课程", 1, 12), theme_language=Setting("zh", 6, 13),
        search_listed=True, search_lang=Setting("zh", 10, 13))


def test_silent_mkdocs_yml_leaves_every_setting_to_the_course(here):
    config = make_course(here)
    config.write_text("site_name: x\ntheme: material\nplugins:\n  search: {}\n  course: {}\n",
                      encoding="utf-8")
    assert settings(here) == SiteSettings("mkdocs.yml", site_name=Setting("x", 1, 12),
                                          search_listed=True)
    config.write_text("site_name: x\nplugins:\n  - material/search:\n      enabled: false\n"
                      "  - course\n", encoding="utf-8")
    assert settings(here).search_listed is False


def test_settings_inherited_from_another_file_have_no_place(here):
    config = make_course(here)
    (here / "base.yml").write_text("site_name: 测试课程\ntheme:\n  name: material\n"
                                   "  language: zh\n", encoding="utf-8")
    config.write_text("INHERIT: base.yml\nplugins:\n  - course\n", encoding="utf-8")
    assert settings(here) == SiteSettings("mkdocs.yml", site_name=Setting("测试课程"),
                                          theme_language=Setting("zh"))


def test_a_site_in_another_language_than_the_course_is_refused_with_the_fix(here):
    make_course(here, course=ENGLISH_COURSE)
    assert problems(here, site=settings(here)) == [
        "mkdocs.yml:1:12: warning: site_name is '测试课程' but the course is titled 'Returns "
        "basics' (content/course.yml:1:8) — set site_name: Returns basics, unless the site is "
        "meant to have a name of its own",
        "mkdocs.yml:6:13: theme.language is 'zh' but the course is written in 'en' "
        "(content/course.yml:2:11) — set theme.language: en, or remove it and the course's "
        "language decides",
        "mkdocs.yml:10:13: plugins.search.lang is 'zh' but the course is written in 'en' "
        "(content/course.yml:2:11) — set lang: en, or remove it and the course's language "
        "decides"]


def test_a_search_in_several_languages_needs_the_courses_among_them(here):
    config = make_course(here)
    config.write_text(MKDOCS_YML.replace("      lang: zh", "      lang: [ja, en]"),
                      encoding="utf-8")
    assert problems(here, site=settings(here)) == [
        "mkdocs.yml:10:13: plugins.search.lang is [ja, en] but the course is written in 'zh' "
        "(content/course.yml:2:11) — set lang: zh, or remove it and the course's language "
        "decides"]
    config.write_text(MKDOCS_YML.replace("      lang: zh", "      lang: [en, zh]"),
                      encoding="utf-8")
    assert load_checked(here, site=settings(here)).warnings == []


def test_a_course_without_a_language_is_chinese_and_the_message_says_so(here):
    config = make_course(here, course=COURSE_YML.replace("language: zh\n", ""))
    config.write_text(MKDOCS_YML.replace("  language: zh", "  language: en"), encoding="utf-8")
    assert problems(here, site=settings(here)) == [
        "mkdocs.yml:6:13: theme.language is 'en' but the course is written in 'zh' (the "
        "default: content/course.yml sets no language) — set theme.language: zh, or remove it "
        "and the course's language decides"]


def test_a_regional_form_of_the_courses_language_is_the_authors_choice(here):
    config = make_course(here)
    config.write_text(MKDOCS_YML.replace("  language: zh", "  language: zh-TW"), encoding="utf-8")
    assert load_checked(here, site=settings(here)).warnings == []


def test_a_site_name_that_yaml_would_misread_is_quoted_in_the_fix(here):
    make_course(here, course=COURSE_YML.replace("title: 测试课程", 'title: "退货: 基础"'))
    assert [str(p) for p in load_checked(here, site=settings(here)).warnings] == [
        "mkdocs.yml:1:12: warning: site_name is '测试课程' but the course is titled '退货: 基础' "
        "(content/course.yml:1:8) — set site_name: \"退货: 基础\", unless the site is meant to "
        "have a name of its own"]


def test_a_missing_site_name_is_an_error_as_mkdocs_would_refuse_to_build(here):
    config = make_course(here)
    config.write_text(MKDOCS_YML.replace("site_name: 测试课程\n", ""), encoding="utf-8")
    assert problems(here, site=settings(here)) == [
        "mkdocs.yml: site_name is missing — MkDocs needs one: add site_name: 测试课程"]


def test_a_language_without_interface_strings_is_refused_saying_where_they_go(here):
    make_course(here, course=COURSE_YML.replace("language: zh", "language: fr-CA"))
    assert problems(here) == [
        "content/course.yml:2:11: no interface strings for language 'fr-CA' — add "
        f"locales/fr.yml, a copy of {REFERENCE_FILE} translated (`course new locale fr` writes "
        "the copy), or use one of: en, zh"]


def test_a_language_is_a_language_tag(here):
    make_course(here, course=COURSE_YML.replace("language: zh", "language: Chinese"))
    assert problems(here) == [
        "content/course.yml:2:11: 'language' must be a language code, got the text 'Chinese' "
        "— use one of: en, zh"]


@pytest.mark.parametrize("written, fix", [
    ("zh-CN", "use zh (Simplified), or zh-Hant / zh-TW (Traditional)"),
    ("zh-Hans", "use zh (Simplified), or zh-Hant / zh-TW (Traditional)"),
    ("zh-HK", "use zh-Hant / zh-TW (Traditional), or zh (Simplified)"),
    ("en-US", "use en"),
    ("EN", "use en"),
    ("tlh", "remove it: Material's interface then stays in English")])
def test_a_theme_language_material_has_no_template_for_is_refused_naming_the_closest(
        here, written, fix):
    """MkDocs would fail with TemplateNotFound: 'partials/languages/zh-CN.html'."""
    config = make_course(here)
    config.write_text(MKDOCS_YML.replace("  language: zh", f"  language: {written}"),
                      encoding="utf-8")
    assert problems(here, site=settings(here)) == [
        f"mkdocs.yml:6:13: theme.language '{written}' is not a language Material has interface "
        f"strings for (it ships no partials/languages/{written}.html) — {fix}"]


def test_a_theme_language_from_the_themes_own_folder_is_accepted(here):
    config = make_course(here)
    (here / "overrides/partials/languages").mkdir(parents=True)
    (here / "overrides/partials/languages/zh-CN.html").write_text("", encoding="utf-8")
    config.write_text(MKDOCS_YML.replace("  language: zh", "  language: zh-CN\n"
                                         "  custom_dir: overrides"), encoding="utf-8")
    assert load_checked(here, site=settings(here)).warnings == []


def test_the_fix_for_a_disagreeing_theme_language_is_one_material_has(here):
    config = make_course(here, course=COURSE_YML.replace("language: zh", "language: zh_cn"))
    config.write_text(MKDOCS_YML.replace("  language: zh", "  language: en"), encoding="utf-8")
    assert problems(here, site=settings(here)) == [
        "mkdocs.yml:6:13: theme.language is 'en' but the course is written in 'zh-CN' "
        "(content/course.yml:2:11) — set theme.language: zh, or remove it and the course's "
        "language decides"]


@pytest.mark.parametrize("written, kept", [("en-US", "en-US"), ("en_us", "en-US"),
                                           ("EN", "en"), ("zh-hant", "zh-Hant")])
def test_a_regional_or_capitalised_course_language_takes_its_base_languages_strings(
        here, written, kept):
    config = make_course(here, course=ENGLISH_COURSE.replace("language: en",
                                                             f"language: {written}"))
    config.write_text(SILENT_MKDOCS_YML, encoding="utf-8")
    loaded = load_checked(here, site=settings(here))
    assert loaded.course.language == kept
    assert catalogue_file(kept) == ROOT / "generator/locales" / f"{kept[:2].lower()}.yml"


# A course's own catalogue, checked against en.yml: every mistake at its line.
def own_catalogue(here, language: str, change) -> None:
    """The course folder's locales/<language>.yml: en.yml's text with `change` applied."""
    (here / "locales").mkdir(exist_ok=True)
    (here / "locales" / f"{language}.yml").write_text(change(REFERENCE_FILE.read_text("utf-8")),
                                                      encoding="utf-8")


def line_of(here, language: str, text: str) -> int:
    lines = (here / "locales" / f"{language}.yml").read_text("utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.startswith(text))


def test_a_courses_own_catalogue_is_checked_key_by_key_against_en_yml(here):
    make_course(here, course=COURSE_YML.replace("language: zh", "language: ja"))

    def partial(text: str) -> str:
        return (text.replace('  summary: "Summary"\n', "")
                .replace('  number: "Question {n}"\n  "true"', '  number: "Question {count}"\n'
                         '  "true"')
                .replace('  check: "Check answer"\n', "")
                .replace('  minutes: "about {n} min"\n', '  minutes: "about {n} min"\n'
                         '  minute: "x"\n'))

    own_catalogue(here, "ja", partial)
    site, page, widget = (line_of(here, "ja", name) for name in ("site:", "quiz_page:",
                                                                 "widget:"))
    number = line_of(here, "ja", '  number: "Question {count}"')
    minute = line_of(here, "ja", '  minute: "x"')
    assert (page, widget) > (site, page)
    assert problems(here) == [
        f"locales/ja.yml:{site}:1: missing key 'site.summary' — add it under site:, translated "
        'from en.yml: summary: "Summary"',
        f"locales/ja.yml:{minute}:3: unknown key 'site.minute' — did you mean 'minutes'?",
        f"locales/ja.yml:{number}:11: 'quiz_page.number' has the placeholders {{count}} where "
        "en.yml has {n} — use exactly {n}: the course fills in those names only",
        f"locales/ja.yml:{widget}:1: missing key 'widget.check' — add it under widget:, "
        'translated from en.yml: check: "Check answer"']


def test_a_catalogue_needs_the_plural_forms_its_language_counts_with(here):
    make_course(here, course=COURSE_YML.replace("language: zh", "language: ru"))
    own_catalogue(here, "ru", lambda text: text.replace(
        '  lesson_count:\n    one: "{n} lesson"\n    other: "{n} lessons"\n',
        '  lesson_count: "{n} lessons"\n').replace(
        '  questions_count:\n    one: "{n} question"\n',
        '  questions_count:\n    one: "{n} question"\n    few: "{n} questions"\n'))
    lesson = line_of(here, "ru", "  lesson_count:")
    questions = line_of(here, "ru", "  questions_count:")
    found = problems(here)
    assert found[0] == (
        f"locales/ru.yml:{lesson}:17: 'site.lesson_count' needs plural forms: ru counts with "
        "few, many, one, other — write it as a mapping of few, many, one, other, each with {n}, "
        "as en.yml does")
    assert (f"locales/ru.yml:{questions + 1}:5: 'site.questions_count' has no plural form "
            "'many' (ru counts with few, many, one, other) — add many: \"…{n}…\"") in found
    # Every other counted string lacks few and many: one line each, none hidden.
    counted = sum(isinstance(entry, dict) for table in reference().values()
                  for entry in table.values())
    assert counted > 10 and len(found) == 1 + 1 + 2 * (counted - 2)


def test_a_catalogue_that_is_not_yaml_or_not_text_is_reported_not_a_traceback(here):
    make_course(here, course=COURSE_YML.replace("language: zh", "language: ja"))
    own_catalogue(here, "ja", lambda text: text.replace('  objectives: "Learning objectives"',
                                                        "  objectives: 12"))
    line = line_of(here, "ja", "  objectives: 12")
    assert problems(here) == [
        f"locales/ja.yml:{line}:15: 'site.objectives' must be text in quotes or a mapping of "
        "plural forms, not a number — write it as objectives: \"…\""]
    own_catalogue(here, "ja", lambda text: text.replace('site:\n', 'site: [\n'))
    assert problems(here)[0].startswith("locales/ja.yml:")


def test_a_courses_own_catalogue_comes_before_the_packages(here):
    """An author adjusts wording, or adds a language, without touching the installed package."""
    make_course(here, course=ENGLISH_COURSE)
    own_catalogue(here, "en", lambda text: text.replace('"Learning objectives"', '"Goals"'))
    load_checked(here)
    assert catalogue_file("en-GB") == here / "locales/en.yml"
    assert strings("en")["site"]["objectives"] == "Goals"
    use_course(None)
    assert strings("en")["site"]["objectives"] == "Learning objectives"


def test_a_language_neither_material_nor_search_has_asks_only_what_can_be_done(here):
    """Klingon (tlh): our strings from the course's own file; Material has no template and lunr
    no support, so search in English is accepted and theme.language can only be removed."""
    config = make_course(here, course=COURSE_YML.replace("language: zh", "language: tlh"))
    own_catalogue(here, "tlh", lambda text: text)
    config.write_text(MKDOCS_YML.replace("      lang: zh", "      lang: en"), encoding="utf-8")
    assert problems(here, site=settings(here)) == [
        "mkdocs.yml:6:13: theme.language is 'zh' but the course is written in 'tlh' "
        "(content/course.yml:2:11) — remove it: Material has no interface strings for 'tlh', "
        "so it stays in English"]
