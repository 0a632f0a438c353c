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
    out = tmp_path_factory.mktemp("english") / "site"
    run_course("build", "--strict", "-f", str(ENGLISH / "mkdocs.yml"), "-d", str(out),
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


def test_a_third_language_is_one_strings_file(tmp_path):
    """A copy of the generator with generator/locales/de.yml added, and nothing else changed,
    builds a German course: our strings from the file, Material's and search's from the
    language."""
    package = tmp_path / "package"
    shutil.copytree(ROOT / "generator", package / "generator",
                    ignore=shutil.ignore_patterns("__pycache__"))
    german = yaml.safe_load((ROOT / "generator/locales/en.yml").read_text("utf-8"))
    german["language"]["html_lang"] = "de"
    german["site"]["objectives"] = "Lernziele"
    german["site"]["situation"] = "Situation"
    german["site"]["questions_count"] = {"one": "{n} Frage", "other": "{n} Fragen"}
    german["quiz_page"]["number"] = "Frage {n}"
    (package / "generator/locales/de.yml").write_text(
        yaml.safe_dump(german, allow_unicode=True, sort_keys=False), encoding="utf-8")
    course = tmp_path / "course"
    shutil.copytree(ENGLISH, course)
    course_yml = course / "content/course.yml"
    course_yml.write_text(course_yml.read_text("utf-8").replace("language: en", "language: de"),
                          encoding="utf-8")
    # The copy comes first on the path; the course folder is the working folder.
    built = run_course("build", "--strict", "-f", "mkdocs.yml", cwd=course,
                       env={"PYTHONPATH": str(package)})
    assert built.returncode == 0, built.stderr
    lesson = (course / "site/basics/every-block.html").read_text("utf-8")
    assert '<html lang="de"' in lesson and 'placeholder="Suche"' in lesson
    assert "Lernziele" in lesson and "<strong>Situation:</strong> The buyer" in lesson
    quiz = (course / "site/quiz/basics-practice.html").read_text("utf-8")
    assert "5 Fragen" in quiz and "Frage 1" in quiz
    assert search_config(course / "site")["lang"] == ["de"]
    # The same course is refused by the generator as shipped, which has no German strings.
    refused = run_course("check", "-f", str(course / "mkdocs.yml"), cwd=tmp_path)
    assert refused.returncode == 1
    assert refused.stderr.splitlines()[0] == (
        f"{course_yml.relative_to(tmp_path)}:2:11: no interface strings for language 'de' — use "
        "one of: en, zh, or add generator/locales/de.yml (en.yml translated)")
