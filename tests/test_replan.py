"""render/replan.py: the site plan after an edit equals a plan from scratch, and only the pages
an edit can change are rendered again."""

from __future__ import annotations

import shutil

import pytest

from generator.checks import checked
from generator.loading import LoadCache, load_course
from generator.render.lesson import render_lesson
from generator.render.quiz import render_quiz
from generator.render.replan import Replanner
from generator.render.site import plan_site
from helpers import ROOT

SALT = "0123456789abcdef0123456789abcdef"  # assessment pages name everything by opaque id


@pytest.fixture(scope="module")
def bundled():
    return checked(load_course(ROOT / "content", ROOT / "quizzes"))


def _rotated(entries, attribute: str, keep: set[str]) -> list:
    """Each entry's model with every field but `keep` taken from the next entry's model."""
    models = [getattr(entry, attribute) for entry in entries]
    out = []
    for index, entry in enumerate(entries):
        donor = models[(index + 1) % len(models)]
        update = {name: getattr(donor, name) for name in type(donor).model_fields
                  if name not in keep}
        out.append(type(entry)(**{**vars(entry), attribute: models[index].model_copy(
            update=update)}))
    return out


def test_a_page_reads_nothing_from_other_files_but_what_replan_compares(bundled):
    """The rule replan.py relies on, held to the renderers: give every other lesson and quiz
    other content (everything but the id, the title and, for lessons, the section they sit in)
    and each lesson and quiz page comes out the same."""
    from generator.loaded import LoadedCourse

    lessons = _rotated(bundled.lessons, "lesson", {"id", "title"})
    quizzes = _rotated(bundled.quizzes, "quiz", {"id"})
    for index, entry in enumerate(bundled.lessons):
        others = LoadedCourse(bundled.course, bundled.course_locator,
                              [*lessons[:index], entry, *lessons[index + 1:]], quizzes,
                              bundled.policies, bundled.policies_locator, bundled.glossary,
                              bundled.glossary_locator)
        assert render_lesson(others, entry) == render_lesson(bundled, entry), entry.lesson.id
    for index, entry in enumerate(bundled.quizzes):
        others = LoadedCourse(bundled.course, bundled.course_locator, lessons,
                              [*quizzes[:index], entry, *quizzes[index + 1:]],
                              bundled.policies, bundled.policies_locator, bundled.glossary,
                              bundled.glossary_locator)
        for assessment in (False, True):
            assert render_quiz(others, entry, assessment, SALT) == render_quiz(
                bundled, entry, assessment, SALT)


def _edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def edits(root) -> list[tuple]:
    """(what, file, old text, new text): an edit of each kind of file an author saves."""
    lesson = sorted((root / "content").glob("*/*.yml"))[0]
    quiz = sorted((root / "quizzes").glob("*.yml"))[0]
    return [
        ("a lesson's body", lesson, "\nbody: |\n", "\nbody: |\n  新加的第一段。\n\n"),
        ("a lesson's title", lesson, "\ntitle: ", "\ntitle: 改过的"),
        ("a quiz", quiz, "\ntitle: ", "\ntitle: 新"),
        ("a policy value", root / "content/policies.yml", "    value: ", "    value: 约 "),
        ("the glossary", root / "content/glossary.yml", "    definition: |\n",
         "    definition: |\n      新的第一句。\n"),
        ("course.yml", root / "content/course.yml", "\ndescription: |\n",
         "\ndescription: |\n  新的介绍。\n"),
    ]


def test_replanning_after_each_edit_equals_planning_from_scratch(tmp_path):
    for folder in ("content", "quizzes"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    cache, replanner = LoadCache(), Replanner()

    def load():
        return checked(load_course(tmp_path / "content", tmp_path / "quizzes", cache))

    loaded = load()
    first = replanner.plan(loaded, salt=SALT)
    pages, every = len(first.pages), len(loaded.lessons) + len(loaded.quizzes)
    assert replanner.rendered == every  # every lesson and quiz page, the first time
    assert replanner.plan(load(), salt=SALT).pages == first.pages and replanner.rendered == 0
    rendered = {}
    for what, path, old, new in edits(tmp_path):
        _edit(path, old, new)
        loaded = load()
        again, fresh = replanner.plan(loaded, salt=SALT), plan_site(loaded, salt=SALT)
        assert (again.pages, again.nav, again.dates) == (fresh.pages, fresh.nav, fresh.dates), what
        assert len(again.pages) == pages
        rendered[what] = replanner.rendered
    # A lesson's body or a quiz: its own page. Its title, policies, glossary or course.yml:
    # every lesson and quiz page (they may show any of it).
    assert rendered == {"a lesson's body": 1, "a lesson's title": every, "a quiz": 1,
                        "a policy value": every, "the glossary": every, "course.yml": every}


def test_an_assessment_plan_is_never_reused_for_practice(bundled):
    replanner = Replanner()
    practice = replanner.plan(bundled, False, salt=SALT)
    assessment = replanner.plan(bundled, True, salt=SALT)
    assert assessment.pages == plan_site(bundled, True, SALT).pages
    assert assessment.pages != practice.pages


def test_every_other_setting_is_passed_to_plan_site_and_a_change_renders_every_page(
        bundled, monkeypatch):
    """The plugin gives plan_site its settings (the registry's salt, which names the ids on
    assessment pages): the replanner passes them on, and a page rendered with one value is never
    kept for another."""
    from generator.render import replan

    given = []

    def plan_with_a_salt(loaded, force_assessment=False, *, salt, reuse=None):
        given.append(salt)
        return plan_site(loaded, force_assessment, salt, reuse)

    monkeypatch.setattr(replan, "plan_site", plan_with_a_salt)
    replanner, every = Replanner(), len(bundled.lessons) + len(bundled.quizzes)
    replanner.plan(bundled, salt="salt-1")
    replanner.plan(bundled, salt="salt-1")
    assert replanner.rendered == 0
    replanner.plan(bundled, salt="salt-2")
    assert replanner.rendered == every
    replanner.plan(bundled, salt="salt-1")
    assert replanner.rendered == every
    assert given == ["salt-1", "salt-1", "salt-2", "salt-1"]
