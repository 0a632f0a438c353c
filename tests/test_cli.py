"""The `course` command, run as a user runs it: in a subprocess, from some folder."""

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from coursefolder import LESSON_YML, make_course
from generator.project import site_settings
from helpers import run_course

ROOT = Path(__file__).resolve().parent.parent


def test_python_m_generator_and_the_console_script_are_the_same_tool(tmp_path):
    config = make_course(tmp_path / "c")
    script = Path(sys.executable).parent / "course"
    assert script.exists(), "pip install -e . provides the `course` command"
    by_script = subprocess.run([str(script), "check", "-f", str(config)], capture_output=True,
                               text=True, cwd=tmp_path)
    by_module = run_course("check", "-f", str(config), cwd=tmp_path)
    assert by_script.returncode == by_module.returncode == 0
    assert by_script.stdout.split(", in ")[0] == by_module.stdout.split(", in ")[0] == (
        "course check: OK — 2 sections, 1 lesson, 1 quiz (1 question), 0 warnings")


def test_help_lists_the_commands():
    result = run_course("--help")
    assert result.returncode == 0
    for name in ("check", "build", "serve", "new"):
        assert name in result.stdout
    assert "-f FILE, --config-file FILE" in run_course("check", "--help").stdout


def test_check_reports_every_problem_with_its_place_and_exit_1(tmp_path):
    broken = LESSON_YML.format(id="refund-rules", title="退款规则", order=1)
    broken = broken.replace("objectives:", "obectives:").replace("summary: 小结。",
                                                                 "summary: a\nsummary: b")
    make_course(tmp_path, lessons={"rules/refund-rules": broken})
    result = run_course("check", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "content/rules/refund-rules.yml:13:1: duplicate key 'summary' (first used on line 12) — "
        "remove one of them; YAML would silently keep the last",
        "course check: 1 error in 1 file",
    ]
    assert "Traceback" not in result.stderr
    fixed_yaml = broken.replace("summary: a\nsummary: b", "summary: a")
    (tmp_path / "content/rules/refund-rules.yml").write_text(fixed_yaml, encoding="utf-8")
    result = run_course("check", cwd=tmp_path)
    assert result.stderr.splitlines() == [
        "content/rules/refund-rules.yml:4:1: unknown key 'obectives' — did you mean "
        "'objectives'?",
        "course check: 1 error in 1 file",
    ]


def test_missing_config_file_is_a_clear_message(tmp_path):
    result = run_course("check", "-f", "nowhere/mkdocs.yml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "nowhere/mkdocs.yml: config file not found — run from the course folder or pass "
        "-f path/to/mkdocs.yml")


def test_wrong_plugin_options_in_mkdocs_yml_are_clear_messages(tmp_path):
    config = make_course(tmp_path)
    text = config.read_text(encoding="utf-8")
    assert "      quiz_dir: quizzes\n" in text
    config.write_text(text.replace("      quiz_dir: quizzes\n", "      quiz_dir: quizzes\n"
                                   "      stale_after_days: abc\n      assessment: \"false\"\n"
                                   "      contnet_dir: x\n"), encoding="utf-8")
    result = run_course("check", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "mkdocs.yml:14:25: course plugin option 'stale_after_days' must be a whole number, not "
        "the text 'abc' — write it without quotes, for example: stale_after_days: 180",
        "mkdocs.yml:15:19: course plugin option 'assessment' must be true or false, not the "
        "text 'false' — write it without quotes, for example: assessment: false",
        "mkdocs.yml:16:20: unknown course plugin option 'contnet_dir' — use one of: enabled, "
        "content_dir, quiz_dir, assessment, stale_after_days, item_checks, registry, "
        "collect_url, collect_origins",
        "course check: 3 errors in 1 file"]


def test_new_lesson_and_quiz_are_valid_starting_points(tmp_path):
    config = make_course(tmp_path)
    created = run_course("new", "lesson", "communication", "first-talk", "-f", str(config),
                         cwd=tmp_path)
    assert created.returncode == 0, created.stderr
    assert created.stdout == ("created content/communication/first-talk.yml — edit it, then run "
                              "`course check`\n")
    assert run_course("new", "quiz", "talk-practice", "communication", cwd=tmp_path).returncode == 0
    lesson = (tmp_path / "content/communication/first-talk.yml").read_text(encoding="utf-8")
    assert lesson.startswith("# yaml-language-server: $schema=")
    assert "id: first-talk" in lesson
    check = run_course("check", cwd=tmp_path)
    assert check.returncode == 0, check.stderr
    assert "3 lessons" not in check.stdout and "2 lessons, 2 quizzes" in check.stdout


def test_new_refuses_bad_ids_unknown_sections_and_existing_files(tmp_path):
    make_course(tmp_path)
    bad_id = run_course("new", "lesson", "rules", "Bad_Id", cwd=tmp_path)
    assert (bad_id.returncode, bad_id.stderr) == (2, (
        "course: 'Bad_Id' is not a valid id: use lowercase letters, digits and hyphens, "
        "e.g. refund-rules\n"))
    bad_section = run_course("new", "lesson", "rulez", "x", cwd=tmp_path)
    assert bad_section.stderr == ("course: 'rulez' is not a section of the course; use one of: "
                                  "rules, communication\n")
    exists = run_course("new", "lesson", "rules", "refund-rules", cwd=tmp_path)
    assert exists.stderr == ("course: content/rules/refund-rules.yml already exists; "
                             "choose another id\n")


NEW_COURSE_FILES = ["content/basics/first-lesson.yml", "content/course.yml",
                    "content/glossary.yml", "content/policies.yml", "mkdocs.yml",
                    "quizzes/basics-practice.yml", "quizzes/final-assessment.yml"]


@pytest.mark.parametrize("language, title, words", [
    ("en", "Returns Basics", ["# A lesson. AUTHORING.en.md explains every key", "Lesson title",
                              "Learning objectives"]),
    ("zh", "退货: 基础", ["# 一课。每个字段的说明见 AUTHORING.md", "新课程标题", "学习目标"])])
def test_new_course_is_complete_and_valid_in_its_language(tmp_path, language, title, words):
    folder = tmp_path / "shop-course"
    config = folder / "mkdocs.yml"
    created = run_course("new", "course", "--title", title, "--language", language,
                         "-f", "shop-course/mkdocs.yml", cwd=tmp_path)
    assert created.returncode == 0, created.stderr
    assert created.stdout.splitlines() == [
        "created mkdocs.yml, content/course.yml, content/policies.yml, content/glossary.yml, "
        "content/basics/first-lesson.yml, quizzes/basics-practice.yml, "
        "quizzes/final-assessment.yml and schemas/ (for your editor) in shop-course/",
        "next: `course check -f shop-course/mkdocs.yml`, then `course serve -f "
        "shop-course/mkdocs.yml` to preview; add lessons with `course new lesson SECTION ID -f "
        "shop-course/mkdocs.yml`"]
    files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.yml"))
    assert files == NEW_COURSE_FILES
    assert sorted(p.name for p in (folder / "schemas").iterdir()) == sorted(
        p.name for p in (ROOT / "generator/schemas").iterdir())
    # Schema references stay inside the course folder, so they hold wherever it is moved.
    assert (folder / "content/basics/first-lesson.yml").read_text("utf-8").splitlines()[0] == (
        "# yaml-language-server: $schema=../../schemas/lesson.schema.json")
    said = site_settings(config)
    assert (said.site_name.value, said.theme_language.value, said.search_lang.value) == (
        title, language, language)
    lesson = (folder / "content/basics/first-lesson.yml").read_text("utf-8")
    assert words[0] in lesson and words[1] in lesson
    practice = yaml.safe_load((folder / "quizzes/basics-practice.yml").read_text("utf-8"))
    assert [q["type"] for q in practice["questions"]] == [
        "single", "multiple", "true_false", "ordering", "scenario"]
    assert (practice["mode"], practice["section"], practice["lessons"]) == (
        "practice", "basics", ["first-lesson"])
    final_text = (folder / "quizzes/final-assessment.yml").read_text("utf-8")
    final = yaml.safe_load(final_text)
    assert (final["mode"], final["required"], "section" in final) == ("assessment", True, False)
    assert "# exam:" in final_text and "#   time_limit: 45" in final_text
    check = run_course("check", "-f", str(config), cwd=tmp_path)
    assert check.returncode == 0, check.stderr
    assert check.stderr == ""  # not even a warning
    assert check.stdout.startswith("course check: OK — 1 section, 1 lesson, 2 quizzes "
                                   "(7 questions), 0 warnings")
    built = run_course("build", "--strict", "-f", "shop-course/mkdocs.yml", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    # The first build records the starting quizzes as published (published.jsonl, to commit);
    # nothing else to report: no chatter (jieba's model notes, MkDocs' info).
    assert [line.split(" version ")[0] for line in built.stderr.splitlines()] == [
        "shop-course/published.jsonl: recorded quiz 'basics-practice'",
        "shop-course/published.jsonl: recorded quiz 'final-assessment'"]
    assert all(line.endswith(" as published") for line in built.stderr.splitlines())
    again = run_course("build", "--strict", "-f", "shop-course/mkdocs.yml", cwd=tmp_path)
    assert (again.returncode, again.stderr) == (0, "")  # nothing new published
    assert built.stdout.splitlines()[0].startswith("course build: 9 pages written to "
                                                   "shop-course/site/ in ")
    assert built.stdout.splitlines()[1].endswith(
        " in a browser, or run `course serve -f shop-course/mkdocs.yml` to preview.")
    page = (folder / "site/basics/first-lesson.html").read_text("utf-8")
    assert f'<html lang="{language}"' in page and words[2] in page


def test_new_course_in_the_working_folder_needs_no_f_in_its_hints(tmp_path):
    created = run_course("new", "course", "--title", "Returns", "--language", "en", cwd=tmp_path)
    assert created.stdout.splitlines()[1] == (
        "next: `course check`, then `course serve` to preview; add lessons with `course new "
        "lesson SECTION ID`")
    again = run_course("new", "course", "--title", "Returns", "--language", "en", cwd=tmp_path)
    assert (again.returncode, again.stderr) == (2, "course: mkdocs.yml already exists; choose "
                                                   "another folder\n")


def test_new_course_asks_for_a_title_and_a_language_it_has_strings_for(tmp_path):
    missing = run_course("new", "course", "-f", "c/mkdocs.yml", cwd=tmp_path)
    assert (missing.returncode, missing.stderr) == (2, (
        'course: course new course needs --title and --language, e.g. course new course --title '
        '"Returns basics" --language en -f c/mkdocs.yml\n'))
    unknown = run_course("new", "course", "--title", "T", "--language", "fr", cwd=tmp_path)
    assert unknown.stderr == (
        "course: no interface strings for language 'fr'; add locales/fr.yml, a copy of "
        f"{ROOT / 'generator/locales/en.yml'} translated (`course new locale fr` writes the "
        "copy), or use one of: en, zh\n")
    assert not (tmp_path / "c").exists() and not (tmp_path / "mkdocs.yml").exists()


def test_new_lessons_and_quizzes_speak_their_courses_language(tmp_path):
    config = tmp_path / "c" / "mkdocs.yml"
    run_course("new", "course", "--title", "Returns", "--language", "en", "-f", str(config),
               cwd=tmp_path, check=True)
    lesson = run_course("new", "lesson", "basics", "second", "-f", "c/mkdocs.yml", cwd=tmp_path)
    assert lesson.stdout == ("created c/content/basics/second.yml — edit it, then run "
                             "`course check -f c/mkdocs.yml`\n")
    run_course("new", "quiz", "more-practice", "basics", "-f", str(config), cwd=tmp_path,
               check=True)
    run_course("new", "quiz", "exam", "-f", str(config), cwd=tmp_path, check=True)
    assert "Lesson title" in (tmp_path / "c/content/basics/second.yml").read_text("utf-8")
    practice = yaml.safe_load((tmp_path / "c/quizzes/more-practice.yml").read_text("utf-8"))
    assert practice["lessons"] == ["first-lesson", "second"]
    assert yaml.safe_load((tmp_path / "c/quizzes/exam.yml").read_text("utf-8"))["mode"] == (
        "assessment")
    check = run_course("check", "-f", str(config), cwd=tmp_path)
    assert check.returncode == 0 and check.stderr == "", check.stderr
    wrong = run_course("new", "lesson", "basics", "third", "--language", "zh", cwd=tmp_path)
    assert wrong.stderr == ("course: --title and --language are for `course new course`; a lesson "
                            "or quiz takes its course's language\n")


def test_build_into_a_folder_outside_the_working_folder_names_it_in_full(tmp_path):
    folder = tmp_path / "course"
    folder.mkdir()
    make_course(folder)
    elsewhere = tmp_path / "work"
    elsewhere.mkdir()
    built = run_course("build", "-f", str(folder / "mkdocs.yml"), "-d", str(tmp_path / "out"),
                       cwd=elsewhere)
    assert built.returncode == 0, built.stderr
    assert built.stdout.splitlines()[0].startswith(
        f"course build: 7 pages written to {(tmp_path / 'out').resolve()}/ in ")


def test_build_with_assessment_flag_overrides_every_quiz(tmp_path):
    make_course(tmp_path)
    assert run_course("build", "--assessment", cwd=tmp_path).returncode == 0
    page = (tmp_path / "site/quiz/rules-practice.html").read_text(encoding="utf-8")
    assert 'data-mode="assessment"' in page
    assert '"correct"' not in page


def test_new_locale_lets_an_author_with_only_the_command_add_a_language(tmp_path):
    made = run_course("new", "locale", "ja", "-f", "c/mkdocs.yml", cwd=tmp_path)
    assert made.stdout == ("created c/locales/ja.yml (English) — translate it, set `language: "
                           "ja` in content/course.yml, then run `course check -f c/mkdocs.yml`\n")
    copy = (tmp_path / "c/locales/ja.yml").read_text("utf-8")
    assert copy.endswith((ROOT / "generator/locales/en.yml").read_text("utf-8"))
    assert f"# Copied from {ROOT / 'generator/locales/en.yml'}\n" in copy
    new = run_course("new", "course", "--title", "T", "--language", "JA", "-f", "c/mkdocs.yml",
                     cwd=tmp_path)
    assert new.returncode == 0, new.stderr
    assert "language: ja " in (tmp_path / "c/content/course.yml").read_text("utf-8")
    mkdocs_yml = (tmp_path / "c/mkdocs.yml").read_text("utf-8")
    assert "  language: ja " in mkdocs_yml and "      lang: ja " in mkdocs_yml
    checked = run_course("check", "-f", "c/mkdocs.yml", cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    again = run_course("new", "locale", "ja", "-f", "c/mkdocs.yml", cwd=tmp_path)
    assert (again.returncode, again.stderr) == (
        2, "course: c/locales/ja.yml already exists; edit it, or delete it to start over\n")
    bad = run_course("new", "locale", "Japanese!", cwd=tmp_path)
    assert (bad.returncode, bad.stderr) == (
        2, "course: 'Japanese!' is not a language tag; write it like ja, fr or pt-BR\n")


def test_new_course_in_a_regional_language_writes_settings_material_has(tmp_path):
    new = run_course("new", "course", "--title", "T", "--language", "zh_cn", cwd=tmp_path)
    assert new.returncode == 0, new.stderr
    assert "language: zh-CN " in (tmp_path / "content/course.yml").read_text("utf-8")
    mkdocs_yml = (tmp_path / "mkdocs.yml").read_text("utf-8")
    assert "  language: zh " in mkdocs_yml and "      lang: zh " in mkdocs_yml
    assert run_course("check", cwd=tmp_path).returncode == 0
