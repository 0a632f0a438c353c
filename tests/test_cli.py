"""The `course` command, run as a user runs it: in a subprocess, from some folder."""

import subprocess
import sys
from pathlib import Path

from coursefolder import LESSON_YML, make_course
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
        "content_dir, quiz_dir, assessment, stale_after_days",
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


def test_new_course_then_build_it_from_another_folder(tmp_path):
    folder = tmp_path / "shop-course"
    folder.mkdir()
    config = folder / "mkdocs.yml"
    created = run_course("new", "course", "-f", str(config), cwd=tmp_path)
    assert created.stdout == ("created shop-course/mkdocs.yml, shop-course/content/course.yml and "
                              "shop-course/schemas/ (for your editor) — add lessons with "
                              "`course new lesson SECTION ID`\n")
    assert run_course("new", "lesson", "basics", "hello", "-f", str(config),
                      cwd=tmp_path).returncode == 0
    # Schema references stay inside the course folder, so they hold wherever it is moved.
    first_line = {path: (folder / path).read_text(encoding="utf-8").splitlines()[0]
                  for path in ("content/course.yml", "content/basics/hello.yml")}
    assert first_line == {
        "content/course.yml": "# yaml-language-server: $schema=../schemas/course.schema.json",
        "content/basics/hello.yml": "# yaml-language-server: $schema=../../schemas/"
                                    "lesson.schema.json"}
    assert sorted(p.name for p in (folder / "schemas").iterdir()) == sorted(
        p.name for p in (ROOT / "generator/schemas").iterdir())
    built = run_course("build", "-f", str(config), cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert built.stdout.splitlines()[0].startswith("course build: 5 pages written to "
                                                   "shop-course/site/ in ")
    assert built.stderr == ""  # nothing to report: no chatter (jieba's model notes, MkDocs' info)
    assert "Open file://" in built.stdout
    assert (folder / "site/basics/hello.html").is_file()


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
