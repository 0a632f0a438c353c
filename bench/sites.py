"""The baselines the course build is compared with, written out as ordinary MkDocs projects.

- plain: the very Markdown the generator emits (`plan_site(...).pages`) as files in a docs
  folder, with the same theme, search, Markdown extensions and heading slugs as the course
  build, and the generator's CSS/JS as ordinary extra files. `mkdocs build` of it is MkDocs' own
  cost; `course build` minus that is the generator's overhead.
- peer: the same site with the quiz pages written for the mkdocs-quiz plugin instead (only single
  and multiple choice, the types it supports), built in a separate virtualenv with that plugin.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import venv
from importlib import resources
from pathlib import Path

import yaml

from generator import pagepaths
from generator.checks import checked
from generator.loading import load_course
from generator.markup import TextRenderer
from generator.models.quiz import MultipleChoice, SingleChoice
from generator.pagepaths import ASSET_DIR
from generator.plugin.plugin import CSS, JS
from generator.project import find_project
from generator.render.site import MARKDOWN_EXTENSIONS, plan_site

# The same heading ids as the course plugin's `toc` slugify (generator.anchors.slug).
_SLUGIFY = "!!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}"

PEER_PACKAGE = "mkdocs-quiz==1.7.1"


def _load(config_file: Path):
    project = find_project(config_file)
    loaded = checked(load_course(project.content_dir, project.quiz_dir))
    return loaded, plan_site(loaded)


def _config(course_yml: Path, nav: list, extra_css: list[str], extra_js: list[str],
            plugins: list) -> str:
    """mkdocs.yml of the course minus the course plugin, with what the plugin adds written out."""
    config = yaml.safe_load(course_yml.read_text(encoding="utf-8").replace("!!python", "x"))
    config["docs_dir"] = "docs"
    config["plugins"] = plugins
    config["nav"] = nav
    extensions = []
    for item in config.get("markdown_extensions", []):
        name = item if isinstance(item, str) else next(iter(item))
        if name != "toc":
            extensions.append(item)
    extensions.insert(0, {"toc": {"permalink": True, "slugify": "__SLUGIFY__"}})
    for name, options in MARKDOWN_EXTENSIONS.items():
        if name not in [e if isinstance(e, str) else next(iter(e)) for e in extensions]:
            extensions.append({name: options} if options else name)
    config["markdown_extensions"] = extensions
    config["extra_css"] = extra_css
    config["extra_javascript"] = extra_js
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
    return text.replace("__SLUGIFY__", _SLUGIFY)


def _write_assets(docs: Path, names) -> list[str]:
    assets = resources.files("generator") / "assets"
    written = []
    for name in names:
        target = docs / ASSET_DIR / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((assets / name).read_bytes())
        written.append(f"{ASSET_DIR}/{name}")
    return written


def _write_pages(docs: Path, pages: dict[str, str]) -> None:
    for path, markdown in pages.items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")


def write_plain(course_yml: Path, target: Path) -> Path:
    """The generator's Markdown as a plain MkDocs project; returns its mkdocs.yml."""
    loaded, plan = _load(course_yml)
    docs = target / "docs"
    _write_pages(docs, plan.pages)
    css = _write_assets(docs, CSS)
    js = _write_assets(docs, JS)
    config = _config(course_yml, plan.nav, css, js, [{"search": {"lang": "zh"}}])
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    # The same with Material's navigation.prune, so that each page carries only the navigation
    # it shows. navigation.sections shows every section's pages on every page, which leaves
    # nothing to prune, so it goes.
    lines = [line for line in config.split("\n") if line.strip() != "- navigation.sections"]
    pruned = "\n".join(lines)
    if "navigation.prune" not in pruned:
        pruned = pruned.replace("  features:\n", "  features:\n  - navigation.prune\n", 1)
    (target / "mkdocs-prune.yml").write_text(pruned, encoding="utf-8")
    return target / "mkdocs.yml"


# mkdocs-quiz syntax: <quiz> prompt, `- [x]`/`- [ ]` answers each followed by `> feedback`
# lines, then free Markdown shown after answering. Multiple correct answers make checkboxes,
# scored all or nothing.
def peer_quiz_page(loaded, entry) -> str:
    quiz = entry.quiz
    text = TextRenderer(loaded, pagepaths.quiz(quiz.id))
    out = [f"# {text.inline(quiz.title)}", "", "<!-- mkdocs-quiz intro -->", ""]
    for question in quiz.questions:
        if not isinstance(question, (SingleChoice, MultipleChoice)):
            continue
        out += ["<quiz>", text.markdown(question.prompt).strip()]
        for option in question.options:
            out.append(f"- [{'x' if option.correct else ' '}] {text.inline(option.text)}")
            if option.feedback:
                out.append(f"> {text.inline(option.feedback)}")
        out.append("")
        if question.explanation:
            out += [text.markdown(question.explanation).strip(), ""]
        if question.lesson:
            lesson_id, _, anchor = question.lesson.partition("#")
            found = loaded.lesson(lesson_id)
            link = text.link(pagepaths.lesson(found.section.id, lesson_id),
                             f"#{anchor}" if anchor else "")
            out += [f"[复习：{text.inline(found.lesson.title)}]({link})", ""]
        out += ["</quiz>", ""]
    out += ["<!-- mkdocs-quiz results -->", ""]
    return "\n".join(out)


def write_peer(course_yml: Path, target: Path) -> Path:
    """The same site with its quizzes written for mkdocs-quiz; returns its mkdocs.yml."""
    loaded, plan = _load(course_yml)
    pages = dict(plan.pages)
    for entry in loaded.quizzes:
        pages[pagepaths.quiz(entry.quiz.id)] = peer_quiz_page(loaded, entry)
    docs = target / "docs"
    _write_pages(docs, pages)
    css = _write_assets(docs, ["course.css"])  # lesson styling; the quiz styling is the peer's
    config = _config(course_yml, plan.nav, css, [], [{"search": {"lang": "zh"}}, "mkdocs_quiz"])
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    return target / "mkdocs.yml"


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)


def peer_python(folder: Path) -> Path:
    """A virtualenv with mkdocs-quiz and the project's own MkDocs, Material and jieba versions,
    kept apart from the project's environment; created on first use."""
    python = folder / "bin" / "python"
    marker = folder / "installed.txt"
    wanted = [f"mkdocs=={_version('mkdocs')}", f"mkdocs-material=={_version('mkdocs-material')}",
              f"jieba=={_version('jieba')}",
              f"pymdown-extensions=={_version('pymdown-extensions')}",
              PEER_PACKAGE]
    if marker.is_file() and marker.read_text().split() == wanted and python.exists():
        return python
    if folder.exists():
        shutil.rmtree(folder)
    venv.create(folder, with_pip=True)
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    *wanted], check=True, stdout=sys.stderr)
    marker.write_text("\n".join(wanted))
    return python


def peer_versions(python: Path) -> dict[str, str]:
    script = ("import importlib.metadata as m, json; print(json.dumps({p: m.version(p) for p in "
              "('mkdocs', 'mkdocs-material', 'mkdocs-quiz', 'jieba')}))")
    import json

    return json.loads(subprocess.run([str(python), "-c", script], check=True,
                                     capture_output=True, text=True).stdout)


def strip_tags(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)
