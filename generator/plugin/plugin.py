"""The MkDocs plugin: glue between the course generator and MkDocs. No course logic here."""

from __future__ import annotations

import json
import logging
import os
import secrets
from html import escape
from importlib import resources
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files

from ..anchors import slug
from ..catalogue import strings
from ..checks import checked
from ..checks.site import unknown_theme_language
from ..errors import AuthorError
from ..integrity import registry as published
from ..items.thresholds import ItemCheckRun
from ..loading import (
    YAML_SUFFIXES,
    course_language,
    cycle_collection_paused,
    label_for,
    load_course,
)
from ..minify import shipped
from ..pagepaths import ASSET_DIR, page_sources
from ..project import Project, SiteSettings, resolve, site_settings, validated
from ..render.site import MARKDOWN_EXTENSIONS, plan_site
from ..siteswap import StagedFolder
from . import language as language_setup
from . import sources
from .config import CourseConfig

log = logging.getLogger("mkdocs.plugins.course")

CSS = ("course.css", "quiz.css")
JS = ("quiz.js",)
# The widget's assessment part: served beside quiz.js, which loads it (and it its sheet) only
# for a quiz that asks for id and code or has exam settings; no page lists it.
ON_DEMAND = ("quiz-exam.js", "quiz-exam.css")
COLLECT_JS = "collect.js"


class CoursePlugin(BasePlugin[CourseConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self.command: str | None = None
        self.project: Project | None = None
        self.loaded = None
        self.plan = None
        self.staged: StagedFolder | None = None
        self.build_failed = False
        # Set by `course serve` (plugin/preview.py): what its rebuilds keep, so that a save reads
        # and renders again only what it changed. Builds start from nothing.
        self.preview = None
        # What a build records in the registry of published versions (published.jsonl); who
        # built is said by the caller (engine.build: `course build`, `course export`).
        self.published_by = "mkdocs build"
        self.registry_salt: str | None = None
        self.made_up_salt: str | None = None  # course serve without a registry
        self.to_publish: list = []
        self.site: SiteSettings | None = None
        self.language = "en"  # the course's, once loaded

    def on_startup(self, *, command, dirty):
        self.command = command

    # The course's language for the theme and search, where mkdocs.yml gives none. First:
    # Material's search plugin derives its own settings from the theme's language.
    @event_priority(100)
    def _on_config_language(self, config: MkDocsConfig):
        if not self.config.enabled:
            return config
        config_file = Path(config.config_file_path or "mkdocs.yml").resolve()
        self.site = site_settings(config_file)
        # Before Material's search reads the theme language's template (it would fail inside
        # Jinja); `course check` reports the same line.
        unknown = unknown_theme_language(self.site)
        if unknown is not None:
            raise PluginError(f"the course has problems:\n{unknown}")
        language = course_language(config_file.parent / self.config.content_dir)
        if language is not None:  # else loading the course (next) says what is wrong
            language_setup.apply(config, language, self.site)
        return config

    # Load and check the course; set the navigation and what its pages need from Markdown
    def _on_config(self, config: MkDocsConfig):
        if not self.config.enabled:
            return config
        config_file = Path(label_for(Path(config.config_file_path or "mkdocs.yml")))
        try:
            self.project = resolve(config_file.resolve(), validated(dict(self.config),
                                                                    config_file))
        except AuthorError as error:
            raise PluginError(str(error)) from None
        project = self.project
        # MkDocs' --strict (`course build --strict` passes it on) makes item-quality findings
        # in graded quizzes errors, as `course check --strict` does.
        items = ItemCheckRun(project.item_checks, strict=bool(config.strict),
                             every_quiz_assessed=project.assessment)
        with cycle_collection_paused():  # planning too: it would rescan the whole course once
            preview = self.preview  # None but in `course serve`
            files, memo = (preview.files, preview.checks) if preview else (None, None)
            try:
                self.loaded = checked(load_course(project.content_dir, project.quiz_dir, files),
                                      stale_after_days=project.stale_after_days, items=items,
                                      site=self.site, memo=memo)
            except AuthorError as error:
                raise PluginError("the course has problems:\n" + str(error)) from None
            for warning in self.loaded.warnings:
                # Info, not warning: an old review date must not fail a --strict build by itself.
                log.info(str(warning))
            self._open_registry()  # serve reads it (its salt) and records nothing
            plan = preview.replanner.plan if preview else plan_site
            self.plan = plan(self.loaded, project.assessment, salt=self.registry_salt)
        # MkDocs' warnings about a generated page name the YAML file it comes from.
        sources.install(page_sources(self.loaded))
        if not config.nav:  # an explicit nav in mkdocs.yml wins
            config.nav = self.plan.nav
        for name, options in MARKDOWN_EXTENSIONS.items():
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)
                config.mdx_configs[name] = dict(options)
        self.language = self.loaded.course.language
        ui = strings(self.language)["site"]
        toc = config.mdx_configs.setdefault("toc", {})
        toc.setdefault("slugify", slug)
        toc.setdefault("permalink_title", ui["permalink"])  # MkDocs' default is English
        # Material's "Made with Material for MkDocs" is English on a Chinese page; mkdocs.yml's
        # `extra: generator: true` brings it back.
        if "generator" not in config.extra:
            config.extra["generator"] = False
        for name in CSS:
            config.extra_css.append(f"{ASSET_DIR}/{name}")
        for name in self._scripts():
            config.extra_javascript.append(f"{ASSET_DIR}/{name}")
        if project.quiz_dir is not None:
            config.watch.append(str(project.quiz_dir))
        if os.path.abspath(project.content_dir) != os.path.abspath(config.docs_dir):
            config.watch.append(str(project.content_dir))
        self._quiet_jieba()
        if self.loaded.course.language.split("-")[0] == "zh":
            self._teach_search_the_terms()
        if self.command == "build":
            # A failed build must not leave a half-written site: build beside it, swap at the end.
            self.build_failed = True  # until on_post_build says otherwise
            self.staged = StagedFolder(config.site_dir)
            config.site_dir = self.staged.path
        # The pages are planned. The models and where each value came from (hundreds of MB for a
        # thousand lessons) are not needed while MkDocs builds: let it reuse that memory.
        self.loaded = None
        return config

    on_config = CombinedEvent(_on_config_language, _on_config)

    # Add the generated pages and assets; drop the YAML sources from the site
    def on_files(self, files: Files, *, config: MkDocsConfig):
        if not self.config.enabled:
            return files
        content = os.path.abspath(self.project.content_dir)
        for file in list(files):
            if file.abs_src_path and file.src_path.endswith(YAML_SUFFIXES) and \
                    os.path.abspath(file.abs_src_path).startswith(content + os.sep):
                files.remove(file)
        for path, markdown in self.plan.pages.items():
            existing = files.get_file_from_path(path)
            if existing is not None:  # a hand-written page of the same name wins
                continue
            files.append(File.generated(config, path, content=markdown))
        assets = resources.files("generator") / "assets"
        for name in CSS + self._scripts() + ON_DEMAND:
            files.append(File.generated(config, f"{ASSET_DIR}/{name}",
                                        content=shipped(name, (assets / name).read_bytes())))
        return files

    def _scripts(self) -> tuple[str, ...]:
        # collect.js only where the pages submit to `course collect` (never in SCORM: the
        # export clears collect_url for the package).
        return JS + (COLLECT_JS,) if self.project and self.project.collect_url else JS

    # The page's language tag; where pages submit online, the service's address and the Submit
    # button's words
    def on_post_page(self, output: str, *, page, config: MkDocsConfig):
        if not self.config.enabled:
            return output
        # <html lang> is the course's tag (zh-CN), though Material's words are those of the
        # closest language it has (zh).
        output = language_setup.html_lang(output, self.language)
        if not (self.project and self.project.collect_url):
            return output
        ui = strings(self.language)["collect"]
        meta = (f'<meta name="course-collect" content="{escape(self.project.collect_url)}" '
                f'data-strings="{escape(json.dumps(ui, ensure_ascii=False))}">')
        return output.replace("</head>", meta + "\n</head>", 1)

    # Sitemap dates from the content, not the clock: two builds give the same bytes.
    def on_pre_page(self, page, *, config: MkDocsConfig, files: Files):
        if self.plan is not None and page.file.src_uri in self.plan.dates:
            page.update_date = self.plan.dates[page.file.src_uri].isoformat()
        return page

    def on_post_build(self, *, config: MkDocsConfig):
        self.build_failed = False
        self._record_published()

    def on_build_error(self, *, error):
        self.build_failed = True

    def on_shutdown(self):
        sources.remove()
        staged, self.staged = self.staged, None
        if staged is None:
            return
        if self.build_failed:
            staged.discard()
        else:
            staged.publish()

    # The registry's salt names the ids of assessment pages; a build records what it publishes.
    def _open_registry(self) -> None:
        path = self.project.registry
        try:
            if self.command == "build":
                registry = published.open_or_create(path, label_for(path))
            else:  # serve publishes nothing and writes nothing
                registry = published.read(path, label_for(path))
        except AuthorError as error:
            raise PluginError("the registry of published quiz versions has problems:\n"
                              + str(error)) from None
        except OSError as error:
            raise PluginError(f"{label_for(path)}: cannot create the registry of published "
                              f"quiz versions: {error.strerror or error}") from None
        # Serving a course that has no registry yet: assessment pages still need opaque ids,
        # and ids nobody can map back are right for pages nothing is graded from. One made-up
        # salt per serve: a new one on every rebuild would make the preview render every page.
        if registry is None and self.made_up_salt is None:
            self.made_up_salt = secrets.token_hex(16)
        self.registry_salt = registry.salt if registry else self.made_up_salt
        mode = "assessment" if self.project.assessment else None
        self.to_publish = [(entry.quiz, mode or entry.quiz.mode)
                           for entry in self.loaded.quizzes] if self.command == "build" else []

    def _record_published(self) -> None:
        if not self.to_publish:
            return
        path, quizzes, self.to_publish = self.project.registry, self.to_publish, []
        try:
            added = published.record(path, quizzes, self.published_by, label_for(path))
        except AuthorError as error:
            raise PluginError("the registry of published quiz versions has problems:\n"
                              + str(error)) from None
        except OSError as error:
            raise PluginError(f"{label_for(path)}: cannot record the published quiz versions: "
                              f"{error.strerror or error}") from None
        for publication in added:
            log.info(f"{label_for(path)}: recorded quiz '{publication.quiz}' version "
                     f"{publication.version} as published")

    @staticmethod
    def _quiet_jieba() -> None:
        # Material's search cuts every run of Han characters with jieba whenever jieba is
        # installed, whatever the language (no option turns it off; README says so): in a
        # Japanese course its kanji too. Its "Building prefix dict… Loading model cost 1.6
        # seconds" notes say nothing to an author.
        try:
            import jieba
        except ImportError:  # pragma: no cover - jieba is a dependency
            return
        jieba.setLogLevel(logging.WARNING)

    def _teach_search_the_terms(self) -> None:
        # Material's search splits Chinese with jieba; glossary terms should stay whole words.
        import jieba

        for term in self.loaded.glossary.terms:
            for word in (term.term, *term.aliases):
                jieba.add_word(word)
