"""The MkDocs plugin: glue between the course generator and MkDocs. No course logic here."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from importlib import resources
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from ..anchors import slug
from ..errors import AuthorError
from ..i18n import strings
from ..items.thresholds import ItemCheckRun
from ..loading import YAML_SUFFIXES, cycle_collection_paused, load_course
from ..minify import shipped
from ..project import item_checks_from
from ..render.site import plan_site
from .config import CourseConfig

log = logging.getLogger("mkdocs.plugins.course")

ASSET_DIR = "assets/course"
CSS = ("course.css", "quiz.css")
JS = ("quiz.js",)
REQUIRED_EXTENSIONS = {
    "attr_list": {},
    "md_in_html": {},
    "admonition": {},
    "pymdownx.tasklist": {"custom_checkbox": True},
}


class CoursePlugin(BasePlugin[CourseConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self.command: str | None = None
        self.bundle = None
        self.published_dir: str | None = None
        self.staging_dir: str | None = None
        self.plan = None
        self.build_failed = False
        # `course build --strict` sets this: item-quality findings in graded quizzes are then
        # errors, as in `course check --strict`. MkDocs' own --strict counts MkDocs warnings
        # only (the course's review notes are logged as info), so plain `mkdocs build --strict`
        # does not judge item quality.
        self.strict_items = False

    def on_startup(self, *, command, dirty):
        self.command = command

    # Load and check the course; set the navigation and what its pages need from Markdown
    def on_config(self, config: MkDocsConfig):
        if not self.config.enabled:
            return config
        quiz_dir = self._quiz_dir(config)
        # `course serve --assessment` sets this: serve has no way to pass plugin options.
        assessment = self.config.assessment or os.environ.get("COURSE_ASSESSMENT") == "1"
        with cycle_collection_paused():  # planning too: it would rescan the whole course once
            try:
                items = ItemCheckRun(item_checks_from(self.config.item_checks,
                                                      config.config_file_path or "mkdocs.yml"),
                                     strict=self.strict_items, every_quiz_assessed=assessment)
                self.bundle = load_course(Path(self.config.content_dir), quiz_dir,
                                          stale_after_days=self.config.stale_after_days,
                                          items=items)
            except AuthorError as error:
                raise PluginError("the course has problems:\n" + str(error)) from None
            for warning in self.bundle.warnings:
                # Info, not warning: an old review date must not fail a --strict build by itself.
                log.info(str(warning))
            self.plan = plan_site(self.bundle, assessment)
        if not config.nav:  # an explicit nav in mkdocs.yml wins
            config.nav = self.plan.nav
        for name, options in REQUIRED_EXTENSIONS.items():
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)
                config.mdx_configs[name] = options
        ui = strings(self.bundle.course.language)
        toc = config.mdx_configs.setdefault("toc", {})
        toc.setdefault("slugify", slug)
        toc.setdefault("permalink_title", ui["permalink"])  # MkDocs' default is English
        # Material's "Made with Material for MkDocs" is English on a Chinese page; mkdocs.yml's
        # `extra: generator: true` brings it back.
        if "generator" not in config.extra:
            config.extra["generator"] = False
        if "toc" not in config.markdown_extensions:
            config.markdown_extensions.append("toc")
        for name in CSS:
            config.extra_css.append(f"{ASSET_DIR}/{name}")
        for name in JS:
            config.extra_javascript.append(f"{ASSET_DIR}/{name}")
        if quiz_dir is not None:
            config.watch.append(str(quiz_dir))
        if os.path.abspath(self.config.content_dir) != os.path.abspath(config.docs_dir):
            config.watch.append(self.config.content_dir)
        self._teach_search_the_terms()
        if self.command == "build":
            self._stage_site_dir(config)
        # The pages are planned. The models and where each value came from (hundreds of MB for a
        # thousand lessons) are not needed while MkDocs builds: let it reuse that memory.
        self.bundle = None
        return config

    # Add the generated pages and assets; drop the YAML sources from the site
    def on_files(self, files: Files, *, config: MkDocsConfig):
        if not self.config.enabled:
            return files
        content = os.path.abspath(self.config.content_dir)
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
        self._publish()

    def _quiz_dir(self, config: MkDocsConfig) -> Path | None:
        folder = Path(config.config_file_path or ".").parent / (self.config.quiz_dir or "quizzes")
        return folder if folder.is_dir() else None

    def _teach_search_the_terms(self) -> None:
        # Material's search splits Chinese with jieba; glossary terms should stay whole words.
        try:
            import jieba
        except ImportError:  # pragma: no cover - jieba is a dependency
            return
        jieba.setLogLevel(logging.WARNING)  # its "Loading model…" notes say nothing to an author
        for term in self.bundle.glossary.terms:
            for word in (term.term, *term.aliases):
                jieba.add_word(word)

    # A failed build must not leave a half-written site: build next to it, swap at the end.
    def _stage_site_dir(self, config: MkDocsConfig) -> None:
        target = os.path.abspath(config.site_dir)
        parent = os.path.dirname(target)
        os.makedirs(parent, exist_ok=True)
        self.published_dir = target
        self.build_failed = True  # until on_post_build says otherwise
        self.staging_dir = tempfile.mkdtemp(prefix=os.path.basename(target) + ".building-",
                                            dir=parent)
        os.chmod(self.staging_dir, 0o755)  # mkdtemp makes it private; a site is for reading
        config.site_dir = self.staging_dir

    def _publish(self) -> None:
        if self.published_dir is None:
            return
        staging, target = self.staging_dir, self.published_dir
        self.published_dir = None
        if self.build_failed:
            shutil.rmtree(staging, ignore_errors=True)
            return
        old = None
        if os.path.exists(target):
            old = tempfile.mkdtemp(prefix=os.path.basename(target) + ".old-",
                                   dir=os.path.dirname(target))
            os.rename(target, os.path.join(old, "site"))
        os.rename(staging, target)
        if old:
            shutil.rmtree(old, ignore_errors=True)
