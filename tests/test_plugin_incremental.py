"""A preview's rebuild writes what a clean full build writes, page for page.

A course is previewed (plugin/preview.py's rebuild, without the HTTP server: test_serve.py has
that) and edited file by file: a lesson, a quiz, policies.yml, glossary.yml, course.yml, a
lesson's title, a section's title, a new lesson. After each rebuild every file of the preview's
site is compared with a clean full build of the same files: byte for byte, pages rebuilt or
not, the search index, the sitemap and the 404 page included. The one thing normalised is
what a rebuild leaves for later on purpose: in pages it did not rebuild, the navigation (and
previous/next links) still show a title the edit changed; there the new title is put back to
the old one in the full build's page before comparing, and nothing else.
"""

from __future__ import annotations

import pytest

from coursefolder import LESSON_YML
from generator.plugin import engine, preview
from generator.project import find_project
from previewkit import SERVE_URL, edit, full_build, preview_course, site_files


@pytest.fixture
def previewed(here):
    config_file = preview_course(here / "course")
    previewer = preview.Previewer(find_project(config_file), {}, str(here / "preview"))
    previewer.serve_url = SERVE_URL
    config = previewer.config()
    config.plugins.on_startup(command="serve", dirty=False)
    assert previewer.build(config)
    assert previewer.pages.full
    return here, config_file, previewer


class Compared:
    """The preview rebuilt and held against a full build of the same files, step by step. Which
    title changes each page has not caught up with is tracked: a page catches up when it is
    rebuilt."""

    def __init__(self, here, config_file, previewer):
        self.here, self.config_file, self.previewer = here, config_file, previewer
        self.behind: dict[str, dict[str, str]] = {}  # page -> {new title: the title it shows}

    def rebuild(self, step: str, renamed: dict[str, str] | None = None) -> list[str]:
        """Rebuild, build in full, compare; the pages rebuilt. `renamed`: old -> new titles."""
        previewer = self.previewer
        assert previewer.build(), previewer.problems
        reference = self.here / f"full-{step}"
        full_build(self.config_file, reference)
        ours, theirs = site_files(self.here / "preview"), site_files(reference)
        assert sorted(ours) == sorted(theirs), step
        rebuilt = {page[:-len(".md")] + ".html" for page in previewer.pages.rebuilt}
        for name, content in theirs.items():
            if not name.endswith(".html") or name == "404.html":  # written by every build
                assert ours[name] == content, (step, name)
                continue
            if name in rebuilt:
                self.behind.pop(name, None)
            else:
                for old, new in (renamed or {}).items():
                    self.behind.setdefault(name, {})[new] = old
                text = content.decode("utf-8")
                for new, old in self.behind.get(name, {}).items():
                    text = text.replace(new, old)
                content = text.encode("utf-8")
            assert ours[name] == content, (step, name)
        return sorted(previewer.pages.rebuilt)


def test_each_kind_of_edit_rebuilds_the_pages_it_changes_and_they_equal_a_full_build(previewed):
    here, config_file, previewer = previewed
    course = here / "course"
    compared = Compared(here, config_file, previewer)

    edit(course / "content/communication/talking.yml", "先看订单，", "先看订单和聊天记录，")
    assert compared.rebuild("lesson body") == ["communication/talking.md"]
    assert not previewer.pages.full

    edit(course / "quizzes/rules-practice.yml", "怎么办？", "应该怎么办？")
    assert compared.rebuild("quiz") == ["quiz/rules-practice.md"]

    edit(course / "content/policies.yml", "value: 7 天内", "value: 7 日内")
    assert compared.rebuild("policy") == [
        "communication/talking.md", "policies.md", "quiz/final-check.md", "rules/partial.md"]

    edit(course / "content/glossary.yml", "只要求退钱。", "只要求商家退钱。")
    assert compared.rebuild("glossary") == ["glossary.md"]

    edit(course / "content/course.yml", "一门测试课程。", "一门小小的测试课程。")
    assert compared.rebuild("course") == ["index.md"]

    # A title: the pages that show it are rebuilt (the practice quiz links to the lesson by its
    # title; the assessment shows no lesson links); the others' navigation catches up later.
    edit(course / "content/rules/refund-rules.yml", "title: 退款规则", "title: 退款的规则")
    assert compared.rebuild("title", renamed={"退款规则": "退款的规则"}) == [
        "index.md", "progress.md", "quiz/rules-practice.md", "rules/index.md",
        "rules/refund-rules.md"]

    edit(course / "content/course.yml", "title: 沟通", "title: 与买家沟通")
    assert compared.rebuild("section title", renamed={"沟通": "与买家沟通"}) == [
        "communication/index.md", "communication/talking.md", "index.md", "progress.md"]

    # A new lesson changes every page's navigation: every page is built again.
    (course / "content/rules/new-one.yml").write_text(
        LESSON_YML.format(id="new-one", title="新的一课", order=3), encoding="utf-8")
    rebuilt = compared.rebuild("new lesson")
    pages = [p for p in (here / "preview").rglob("*.html") if p.name != "404.html"]
    assert previewer.pages.full and "rules/new-one.md" in rebuilt
    assert len(rebuilt) == len(pages) == 12


def test_a_removed_lesson_leaves_no_page_behind(previewed):
    here, config_file, previewer = previewed
    course = here / "course"
    edit(course / "quizzes/final-check.yml", "    lesson: talking#怎么做\n", "")
    (course / "content/communication/talking.yml").unlink()
    Compared(here, config_file, previewer).rebuild("removed")
    assert not (here / "preview/communication/talking.html").exists()


def test_a_mistake_keeps_every_page_as_it_was_until_it_is_fixed(previewed):
    here, config_file, previewer = previewed
    course = here / "course"
    before = site_files(here / "preview")
    lesson = course / "content/rules/partial.yml"
    good = lesson.read_text(encoding="utf-8")
    lesson.write_text(good.replace("description: 讲", "description: 注意: 讲"), encoding="utf-8")
    assert not previewer.build()
    assert previewer.problems == [
        "course/content/rules/partial.yml:4:16: YAML syntax error: a colon followed by a space "
        'starts a new key here — put the whole text in quotes, e.g. title: "问题: 怎么办"']
    assert site_files(here / "preview") == before
    lesson.write_text(good.replace("部分退款", "部分退款和补偿", 1), encoding="utf-8")
    Compared(here, config_file, previewer).rebuild("fixed", renamed={"部分退款": "部分退款和补偿"})
    assert previewer.problems == []


def test_assessment_mode_holds_on_every_rebuild(here):
    config_file = preview_course(here / "course")
    project = find_project(config_file)
    previewer = preview.Previewer(project, engine.overrides(project, assessment=True),
                                  str(here / "preview"))
    previewer.serve_url = SERVE_URL
    config = previewer.config()
    config.plugins.on_startup(command="serve", dirty=False)
    assert previewer.build(config)
    quiz = here / "course/quizzes/rules-practice.yml"
    for number in range(2):
        edit(quiz, "    prompt: ", f"    prompt: 第{number}版")
        assert previewer.build(), previewer.problems
        page = (here / "preview/quiz/rules-practice.html").read_text(encoding="utf-8")
        assert f"第{number}版" in page and 'data-mode="assessment"' in page


def test_course_yml_alone_switches_the_language_and_the_whole_site_follows(here):
    """course.yml's language: decides the theme's and search's language on every rebuild (the
    plugin's first on_config step, where mkdocs.yml says nothing), and a change builds every
    page again; a disagreeing mkdocs.yml is shown as a problem while the pages stay."""
    config_file = preview_course(here / "course")
    config_file.write_text(config_file.read_text(encoding="utf-8").replace(
        "  language: zh\n", "").replace("  - search:\n      lang: zh\n", "  - search\n"),
        encoding="utf-8")
    previewer = preview.Previewer(find_project(config_file), {}, str(here / "preview"))
    previewer.serve_url = SERVE_URL
    config = previewer.config()
    config.plugins.on_startup(command="serve", dirty=False)
    assert previewer.build(config), previewer.problems
    assert '<html lang="zh"' in (here / "preview/index.html").read_text(encoding="utf-8")
    edit(here / "course/content/course.yml", "language: zh", "language: en")
    rebuilt = Compared(here, config_file, previewer).rebuild("language")
    assert previewer.pages.full and len(rebuilt) == 11
    page = (here / "preview/index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in page and "Skip to content" in page
    # mkdocs.yml now disagrees with course.yml: the check's message, the English pages kept.
    text = config_file.read_text(encoding="utf-8")
    config_file.write_text(text.replace("  font: false\n", "  language: zh\n  font: false\n"),
                           encoding="utf-8")
    assert not previewer.build()
    assert previewer.problems == [
        "course/mkdocs.yml:6:13: theme.language is 'zh' but the course is written in 'en' "
        "(course/content/course.yml:2:11) — set theme.language: en, or remove it and the "
        "course's language decides"]
    assert '<html lang="en"' in (here / "preview/index.html").read_text(encoding="utf-8")
