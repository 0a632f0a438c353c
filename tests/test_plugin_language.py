"""generator.plugin.language, in builds: course.yml's `language:` is the one switch. Where
mkdocs.yml says nothing, the course's language reaches Material's interface, <html lang> and
search; where it disagrees, the build refuses it as `course check` does; and a new language is one
strings file."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from coursefolder import COURSE_YML, MKDOCS_YML, make_course
from generator.project import site_settings
from helpers import ROOT, run_course

ENGLISH = Path(__file__).parent / "fixtures" / "english-course"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
SILENT_MKDOCS_YML = MKDOCS_YML.replace("  language: zh\n", "").replace(
    "  - search:\n      lang: zh\n", "  - search\n")


@pytest.fixture(scope="module")
def english_site(tmp_path_factory) -> Path:
    # A copy: a build records its quiz versions in the course's published.jsonl.
    course = tmp_path_factory.mktemp("english") / "course"
    shutil.copytree(ENGLISH, course)
    out = course / "site"
    run_course("build", "--strict", "-f", str(course / "mkdocs.yml"), "-d", str(out),
               check=True)
    return out


def search_config(site: Path) -> dict:
    return json.loads((site / "search/search_index.json").read_text("utf-8"))["config"]


def test_an_english_course_gets_an_english_site_from_course_yml_alone(english_site):
    said = site_settings(ENGLISH / "mkdocs.yml")
    assert said.theme_language is None and said.search_lang is None and said.search_listed
    for page in ("index.html", "basics/every-block.html", "quiz/basics-practice.html",
                 "glossary.html", "progress.html"):
        html = (english_site / page).read_text("utf-8")
        assert '<html lang="en"' in html, page
        assert not CJK.findall(html), (page, CJK.findall(html)[:5])  # no Chinese chrome left
    lesson = (english_site / "basics/every-block.html").read_text("utf-8")
    assert 'placeholder="Search"' in lesson and "Learning objectives" in lesson
    assert "<strong>Situation:</strong> The buyer" in lesson
    assert search_config(english_site)["lang"] == ["en"]
    assert search_config(english_site)["separator"] == r"[\s\-]+"


def test_a_chinese_course_gets_a_chinese_site_from_course_yml_alone(tmp_path):
    config = make_course(tmp_path)
    config.write_text(SILENT_MKDOCS_YML, encoding="utf-8")
    built = run_course("build", "--strict", "-f", str(config), cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    html = (tmp_path / "site/rules/refund-rules.html").read_text("utf-8")
    assert '<html lang="zh"' in html and 'placeholder="搜索"' in html and "学习目标" in html
    # Material's Chinese separator (it splits at 、。， too), and lunr's Chinese support.
    assert search_config(tmp_path / "site")["lang"] == ["zh"]
    assert "\u3001\u3002" in search_config(tmp_path / "site")["separator"]


def test_a_site_that_disagrees_with_the_course_fails_to_build_as_check_says(tmp_path):
    config = make_course(tmp_path, course=COURSE_YML.replace("language: zh", "language: en"))
    expected = [
        "mkdocs.yml:6:13: theme.language is 'zh' but the course is written in 'en' "
        "(content/course.yml:2:11) — set theme.language: en, or remove it and the course's "
        "language decides",
        "mkdocs.yml:10:13: plugins.search.lang is 'zh' but the course is written in 'en' "
        "(content/course.yml:2:11) — set lang: en, or remove it and the course's language "
        "decides"]
    checked = run_course("check", "-f", str(config), cwd=tmp_path)
    assert checked.returncode == 1 and checked.stderr.splitlines()[:2] == expected
    built = run_course("build", "-f", str(config), cwd=tmp_path)
    assert built.returncode == 1
    assert all(line in built.stderr.splitlines() for line in expected), built.stderr
    assert not (tmp_path / "site").exists()


def test_a_third_language_is_one_strings_file_in_the_course_folder(tmp_path):
    """The installed command, and a course folder with locales/de.yml added (as `course new
    locale de` starts it): a German course, our strings from the file, Material's and search's
    from the language."""
    course = tmp_path / "course"
    shutil.copytree(ENGLISH, course)
    course_yml = course / "content/course.yml"
    course_yml.write_text(course_yml.read_text("utf-8").replace("language: en", "language: de"),
                          encoding="utf-8")
    refused = run_course("check", "-f", str(course / "mkdocs.yml"), cwd=tmp_path)
    assert refused.returncode == 1
    assert refused.stderr.splitlines()[0] == (
        f"{course_yml.relative_to(tmp_path)}:2:11: no interface strings for language 'de' — add "
        f"course/locales/de.yml, a copy of {ROOT / 'generator/locales/en.yml'} translated "
        "(`course new locale de` writes the copy), or use one of: en, zh")
    made = run_course("new", "locale", "de", cwd=course)
    assert made.stdout == ("created locales/de.yml (English) — translate it, set `language: de` "
                           "in content/course.yml, then run `course check`\n")
    german = yaml.safe_load((course / "locales/de.yml").read_text("utf-8"))
    german["site"]["objectives"] = "Lernziele"
    german["site"]["questions_count"] = {"one": "{n} Frage", "other": "{n} Fragen"}
    german["quiz_page"]["number"] = "Frage {n}"
    (course / "locales/de.yml").write_text(
        yaml.safe_dump(german, allow_unicode=True, sort_keys=False), encoding="utf-8")
    built = run_course("build", "--strict", "-f", "mkdocs.yml", cwd=course)
    assert built.returncode == 0, built.stderr
    lesson = (course / "site/basics/every-block.html").read_text("utf-8")
    assert '<html lang="de"' in lesson and 'placeholder="Suche"' in lesson
    assert "Lernziele" in lesson and "<strong>Situation:</strong> The buyer" in lesson
    quiz = (course / "site/quiz/basics-practice.html").read_text("utf-8")
    assert "5 Fragen" in quiz and "Frage 1" in quiz
    assert search_config(course / "site")["lang"] == ["de"]


def test_a_regional_course_language_gets_materials_closest_and_keeps_its_tag(tmp_path):
    """zh-CN: Material's zh interface (it ships no zh-CN), <html lang="zh-CN">, Chinese
    search, our Chinese strings; no TemplateNotFound."""
    course = tmp_path / "course"
    config = make_course(course, course=COURSE_YML.replace("language: zh", "language: zh-CN"))
    config.write_text(SILENT_MKDOCS_YML, encoding="utf-8")
    built = run_course("build", "--strict", "-f", str(config), cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    page = (course / "site/index.html").read_text("utf-8")
    assert page.count('<html lang="zh-CN"') == 1 and 'placeholder="搜索"' in page
    assert search_config(course / "site")["lang"] == ["zh"]


def test_a_theme_language_material_lacks_fails_the_build_with_one_line_not_a_traceback(
        tmp_path):
    course = tmp_path / "course"
    config = make_course(course)
    config.write_text(MKDOCS_YML.replace("  language: zh", "  language: zh-CN"),
                      encoding="utf-8")
    built = run_course("build", "-f", str(config), cwd=tmp_path)
    assert built.returncode == 1 and "Traceback" not in built.stderr
    assert ("course/mkdocs.yml:6:13: theme.language 'zh-CN' is not a language Material has "
            "interface strings for (it ships no partials/languages/zh-CN.html) — use zh "
            "(Simplified), or zh-Hant / zh-TW (Traditional)") in built.stderr.splitlines()
    assert not (course / "site").exists()
