"""generator.checks.site: the course's language has interface strings, and mkdocs.yml agrees with
the course about the site's language and name (project.site_settings reads what it says)."""

from __future__ import annotations

from coursefolder import COURSE_YML, MKDOCS_YML, load_checked, make_course, problems
from generator.project import Setting, SiteSettings, site_settings

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


def test_a_language_without_interface_strings_is_refused(here):
    make_course(here, course=COURSE_YML.replace("language: zh", "language: fr"))
    assert problems(here) == [
        "content/course.yml:2:11: no interface strings for language 'fr' — use one of: en, zh, "
        "or add generator/locales/fr.yml (en.yml translated)"]


def test_a_language_is_a_language_tag(here):
    make_course(here, course=COURSE_YML.replace("language: zh", "language: Chinese"))
    assert problems(here) == [
        "content/course.yml:2:11: 'language' must be a language code, got the text 'Chinese' "
        "— use one of: en, zh"]
