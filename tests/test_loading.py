"""generator.loading: a whole course folder read, every problem of every file in one run
(with the checks' own, as `checks.checked` reports them)."""

import os

from coursefolder import lesson, make_course, problems
from coursefolder import load_checked as load
from generator.loading import LoadCache, label_for, load_course


def test_valid_course_loads_in_order(here):
    make_course(here, lessons={
        "communication/talk": lesson("talk", "沟通", 1),
        "rules/b-second": lesson("b-second", "第二课", 2),
        "rules/refund-rules": lesson(),
    })
    loaded = load(here)
    assert [e.lesson.id for e in loaded.lessons] == ["refund-rules", "b-second", "talk"]
    assert [e.quiz.id for e in loaded.quizzes] == ["rules-practice"]
    assert loaded.warnings == []


def test_missing_course_file(here):
    (here / "content").mkdir()
    assert problems(here) == [
        "content/course.yml: course file is missing — run `course new course` or create it "
        "with title, audience and sections"]


def test_every_problem_of_every_file_in_one_run(here):
    make_course(here, lessons={
        "rules/refund-rules": lesson().replace("objectives:", "obectives:"),
        "rules/other": lesson("other").replace("title: 退款规则", "title: a\ntitle: b"),
    }, quizzes={"rules-practice": "id: rules-practice\ntitle: [x]\n"})
    assert problems(here) == [
        "content/rules/other.yml:3:1: duplicate key 'title' (first used on line 2) — "
        "remove one of them; YAML would silently keep the last",
        "content/rules/refund-rules.yml:4:1: unknown key 'obectives' — did you mean "
        "'objectives'?",
        "quizzes/rules-practice.yml:1:1: missing required key 'questions' — add `questions:` here",
        "quizzes/rules-practice.yml:2:8: 'title' must be text, got a list — "
        "write one text, not a list",
    ]


def test_lesson_outside_a_section_folder(here):
    make_course(here, extra={"content/stray.yml": lesson("stray")})
    assert problems(here) == [
        "content/stray.yml: lesson file is not inside a section folder — "
        "move it to content/<section id>/stray.yml"]


def test_folder_that_is_not_a_section(here):
    make_course(here, lessons={"rules/refund-rules": lesson(), "ruels/x": lesson("x")})
    assert problems(here) == [
        "content/ruels/x.yml: folder 'ruels' is not a section of the course — add it to "
        "sections in course.yml, or move the file to one of: rules, communication"]


def test_label_for_is_relative_inside_the_working_folder_and_full_outside(tmp_path, monkeypatch):
    inside = tmp_path / "course" / "content" / "a.yml"
    inside.parent.mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "course")
    assert label_for(inside) == os.path.join("content", "a.yml")
    assert label_for(tmp_path / "answers" / "b.json") == str(tmp_path / "answers" / "b.json")


def test_loading_loads_and_leaves_what_spans_files_to_the_checks(here):
    broken_link = lesson(extra="description: 见[规则](lesson:no-such-lesson)\n")
    make_course(here, lessons={"rules/refund-rules": broken_link})
    loaded = load_course(here / "content", here / "quizzes")
    assert loaded.problems == [] and loaded.lesson("refund-rules") is not None
    assert problems(here) == [
        "content/rules/refund-rules.yml:16:14: unknown lesson 'no-such-lesson' — use one of: "
        "refund-rules"]


def test_a_file_that_does_not_validate_is_kept_as_a_problem_for_the_run(here):
    make_course(here, lessons={"rules/refund-rules": lesson(), "rules/bad": "id: bad\n"})
    loaded = load_course(here / "content", here / "quizzes")
    assert {p.path for p in loaded.problems} == {"content/rules/bad.yml"}  # its missing keys


def test_with_a_cache_only_changed_files_are_read_again(here):
    make_course(here, lessons={"rules/refund-rules": lesson(), "rules/other": lesson("other")})
    cache = LoadCache()
    first = load_course(here / "content", here / "quizzes", cache)
    again = load_course(here / "content", here / "quizzes", cache)
    # Nothing changed: the very same models (no file read, parsed or validated again).
    assert again.lesson("other").lesson is first.lesson("other").lesson
    assert again.course is first.course and again.quizzes[0].quiz is first.quizzes[0].quiz
    edited = here / "content/rules/refund-rules.yml"
    edited.write_text(lesson(title="新标题"), encoding="utf-8")
    after = load_course(here / "content", here / "quizzes", cache)
    assert after.lesson("refund-rules").lesson.title == "新标题"
    assert after.lesson("other").lesson is first.lesson("other").lesson
    # Saved again as it was (a new modification time): read again, the same content.
    os.utime(edited, ns=(1, 1))
    touched = load_course(here / "content", here / "quizzes", cache)
    assert touched.lesson("refund-rules").lesson is not after.lesson("refund-rules").lesson
    assert touched.lesson("refund-rules").lesson == after.lesson("refund-rules").lesson


def test_a_cached_file_with_problems_reports_them_every_time_until_fixed(here):
    make_course(here, lessons={"rules/refund-rules": lesson(), "rules/bad": "id: bad\n"})
    cache = LoadCache()
    first = load_course(here / "content", here / "quizzes", cache)
    again = load_course(here / "content", here / "quizzes", cache)
    assert again.problems == first.problems and again.problems
    assert again.unloaded_lessons == {"bad"}
    (here / "content/rules/bad.yml").write_text(lesson("bad"), encoding="utf-8")
    fixed = load_course(here / "content", here / "quizzes", cache)
    assert fixed.problems == [] and fixed.lesson("bad") is not None


def test_a_cache_forgets_deleted_files(here):
    make_course(here, lessons={"rules/refund-rules": lesson(), "rules/other": lesson("other")})
    cache = LoadCache()
    load_course(here / "content", here / "quizzes", cache)
    assert len(cache) == 4  # course.yml, two lessons, one quiz
    (here / "content/rules/other.yml").unlink()
    after = load_course(here / "content", here / "quizzes", cache)
    assert after.lesson("other") is None and after.problems == [] and len(cache) == 3
    assert load_course(here / "content", here / "quizzes").lessons == after.lessons
