"""The MkDocs plugin: glue between the course generator and MkDocs. No course logic here."""

from __future__ import annotations

import logging
import os
from importlib import resources
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from ..anchors import slug
from ..catalogue import strings
from ..checks import checked
from ..errors import AuthorError
from ..loading import YAML_SUFFIXES, cycle_collection_paused, load_course
from ..minify import shipped
from ..pagepaths import ASSET_DIR
from ..project import CourseOptions, Project, resolve
from ..render.site import MARKDOWN_EXTENSIONS, plan_site
from ..siteswap import StagedFolder
from .config import CourseConfig

log = logging.getLogger("mkdocs.plugins.course")

CSS = ("course.css", "quiz.css")
JS = ("quiz.js",)


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

    def on_startup(self, *, command, dirty):
        self.command = command

    # Load and check the course; set the navigation and what its pages need from Markdown
    def on_config(self, config: MkDocsConfig):
        if not self.config.enabled:
            return config
        try:
            self.project = resolve(Path(config.config_file_path or "mkdocs.yml").resolve(),
                                   CourseOptions.model_validate(dict(self.config)))
        except AuthorError as error:
            raise PluginError(str(error)) from None
        project = self.project
        with cycle_collection_paused():  # planning too: it would rescan the whole course once
            preview = self.preview  # None but in `course serve`
            files, memo = (preview.files, preview.checks) if preview else (None, None)
            try:
                self.loaded = checked(load_course(project.content_dir, project.quiz_dir, files),
                                      stale_after_days=project.stale_after_days, memo=memo)
            except AuthorError as error:
                raise PluginError("the course has problems:\n" + str(error)) from None
            for warning in self.loaded.warnings:
                # Info, not warning: an old review date must not fail a --strict build by itself.
                log.info(str(warning))
            plan = preview.replanner.plan if preview else plan_site
            self.plan = plan(self.loaded, project.assessment)
        if not config.nav:  # an explicit nav in mkdocs.yml wins
            config.nav = self.plan.nav
        for name, options in MARKDOWN_EXTENSIONS.items():
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)
                config.mdx_configs[name] = dict(options)
        ui = strings(self.loaded.course.language)["site"]
        toc = config.mdx_configs.setdefault("toc", {})
        toc.setdefault("slugify", slug)
        toc.setdefault("permalink_title", ui["permalink"])  # MkDocs' default is English
        # Material's "Made with Material for MkDocs" is English on a Chinese page; mkdocs.yml's
        # `extra: generator: true` brings it back.
        if "generator" not in config.extra:
            config.extra["generator"] = False
        for name in CSS:
            config.extra_css.append(f"{ASSET_DIR}/{name}")
        for name in JS:
            config.extra_javascript.append(f"{ASSET_DIR}/{name}")
        if project.quiz_dir is not None:
            config.watch.append(str(project.quiz_dir))
        if os.path.abspath(project.content_dir) != os.path.abspath(config.docs_dir):
            config.watch.append(str(project.content_dir))
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
        for name in CSS + JS:
            files.append(File.generated(config, f"{ASSET_DIR}/{name}",
                                        content=shipped(name, (assets / name).read_bytes())))
        return files

    # Sitemap dates from the content, not the clock: two builds give the same bytes.
    def on_pre_page(self, page, *, config: MkDocsConfig, files: Files):
        if self.plan is not None and page.file.src_uri in self.plan.dates:
            page.update_date = self.plan.dates[page.file.src_uri].isoformat()
        return page

    def on_post_build(self, *, config: MkDocsConfig):
        self.build_failed = False

    def on_build_error(self, *, error):
        self.build_failed = True

    def on_shutdown(self):
        staged, self.staged = self.staged, None
        if staged is None:
            return
        if self.build_failed:
            staged.discard()
        else:
            staged.publish()

    def _teach_search_the_terms(self) -> None:
        # Material's search splits Chinese with jieba; glossary terms should stay whole words.
        try:
            import jieba
        except ImportError:  # pragma: no cover - jieba is a dependency
            return
        jieba.setLogLevel(logging.WARNING)  # its "Loading model…" notes say nothing to an author
        for term in self.loaded.glossary.terms:
            for word in (term.term, *term.aliases):
                jieba.add_word(word)
