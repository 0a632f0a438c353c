"""`course serve`: a live preview that keeps up with the author.

MkDocs' own `serve` reloads mkdocs.yml and builds the whole site on every save (about 100 s for
a course of 1,000 lessons), and after a failed build its server waits for a good one before it
answers any request. This module runs MkDocs' live-reload server with its own rebuild:
- the course plugin keeps what it read and planned between rebuilds (`Preview`): a save reads
  again only the files it changed and renders again only the pages they affect
  (loading.LoadCache, render/replan.py);
- MkDocs' dirty build, told by `RebuildChanged` which pages changed, writes only those
  (plugin/incremental.py); a full build when there is no other way (see there);
- a mistake in a course file or in mkdocs.yml stops nothing: the problems are printed in the
  terminal, one line each, and every page is served as last built with the problems shown
  above it, until a save fixes them.
"""

from __future__ import annotations

import copy
import html
import logging
import shutil
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..catalogue import strings
from ..checks.memo import CheckMemo
from ..errors import AuthorError
from ..loading import LoadCache
from ..project import Project
from ..render.replan import Replanner
from . import engine
from .incremental import COURSE, FullBuildNeeded, RebuildChanged

PREVIEW = "course-preview"  # the name RebuildChanged is added under


@dataclass
class Preview:
    """What the course plugin keeps between a preview's rebuilds (its `preview` attribute)."""

    files: LoadCache = field(default_factory=LoadCache)
    checks: CheckMemo = field(default_factory=CheckMemo)
    replanner: Replanner = field(default_factory=Replanner)


class _Problems(logging.Handler):
    """MkDocs' warnings and errors during one build: what a failed build has to say."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def _not_the_dirty_build_warning(record: logging.LogRecord) -> bool:
    # MkDocs warns that a dirty build leaves navigation and links inaccurate; this one does not
    # (see incremental.py), and the warning would print on every save.
    return not record.getMessage().startswith("A 'dirty' build is being performed")


class Previewer:
    """The rebuild the live-reload server calls on every change, and what it shows meanwhile."""

    def __init__(self, project: Project, settings: dict, site_dir: str):
        self.project = project
        self.settings = settings
        self.site_dir = site_dir
        self.preview = Preview()
        self.pages = RebuildChanged()
        self.serve_url: str | None = None
        self.problems: list[str] = []  # shown over every page while not empty
        self.language = "en"
        self.built = False  # a build has succeeded: there are pages to show
        self._config_stamp: tuple | None = None

    def config(self):
        """mkdocs.yml loaded afresh (as MkDocs' serve does), with the preview's parts added."""
        # A copy each time: MkDocs empties the plugin entries of a `plugins` override as it
        # reads them (assessment mode), so the second rebuild would find none.
        config = engine.load_config(self.project.config_file, site_dir=self.site_dir,
                                    **copy.deepcopy(self.settings))
        if self.serve_url is not None:
            config.site_url = self.serve_url
        course = config.plugins.get(COURSE)
        if course is not None and course.config.enabled:
            # MkDocs keeps one instance of the course plugin per process, across configs: it
            # holds the preview's state only while the preview builds (see `build`).
            course.preview = self.preview
            config.plugins[PREVIEW] = self.pages
            self.pages.theme.reuse_for(config.theme)
        return config

    def build(self, config=None) -> bool:
        """Build the site: only what changed when it can. On a problem, say so and keep the
        pages as they were. True when the site was built."""
        from mkdocs.commands.build import build

        started = time.perf_counter()
        caught = _Problems()
        mkdocs_log = logging.getLogger("mkdocs")
        mkdocs_log.addHandler(caught)
        build_log = logging.getLogger("mkdocs.commands.build")
        build_log.addFilter(_not_the_dirty_build_warning)
        try:
            stamp = _stamp(self.project.config_file)
            full = self.pages.needs_full or stamp != self._config_stamp
            if config is None:
                config = self.config()
            self.pages.begin(full=full)
            try:
                build(config, serve_url=self.serve_url, dirty=not full)
            except FullBuildNeeded:
                config = self.config()
                self.pages.begin(full=True)
                build(config, serve_url=self.serve_url, dirty=False)
            self._config_stamp = stamp
            self.language = _language(config)
            self.built = True
        except Exception as error:  # every failure is shown; none stops the preview
            self._failed(error, caught.lines)
            return False
        except SystemExit as error:  # MkDocs' Abort is a SystemExit
            self._failed(error, caught.lines)
            return False
        finally:
            mkdocs_log.removeHandler(caught)
            build_log.removeFilter(_not_the_dirty_build_warning)
            if config is not None and config.plugins.get(COURSE) is not None:
                config.plugins[COURSE].preview = None
        fixed = bool(self.problems)
        self.problems = []
        count = len(self.pages.rebuilt)
        print(f"course serve: {'problems fixed; ' if fixed else ''}"
              f"{'built' if self.pages.full else 'updated'} {count} "
              f"page{'s' if count != 1 else ''} in {time.perf_counter() - started:.2f} s",
              file=sys.stderr, flush=True)
        return True

    def _failed(self, error: BaseException, logged: list[str]) -> None:
        self.pages.failed()
        author = _author_error(error)
        if author is not None:  # the course's own problems, one line each
            problems = [str(problem) for problem in author.problems]
        else:
            problems = [line for message in [*logged, str(error)]
                        for line in message.splitlines() if line.strip()]
            if not _expected(error):
                traceback.print_exception(error)
        self.problems = list(dict.fromkeys(problems)) or [repr(error)]
        # MkDocs has logged most of it already (shown as `ERROR - …`): the rest, then what the
        # preview does about it.
        shown = {line for message in logged for line in message.splitlines()}
        for line in self.problems:
            if line not in shown:
                print(line, file=sys.stderr)
        print("course serve: the preview shows the pages as last built until the problems are "
              "fixed" if self.built else "course serve: fix the problems, then start it again",
              file=sys.stderr, flush=True)

    def overlay(self, problems: list[str]) -> bytes:
        """The problems as the top of every served page shows them."""
        words = strings(self.language)["preview"]
        lines = "\n".join(html.escape(line) for line in problems)
        return (f'<div id="course-preview-problems" role="alert" style="{_OVERLAY_STYLE}">'
                f'<p style="margin:0 0 .4em;font-weight:bold">{html.escape(words["problems"])}</p>'
                f'<p style="margin:0 0 .6em">{html.escape(words["last_built"])}</p>'
                f'<pre style="{_PRE_STYLE}">{lines}</pre></div>').encode("utf-8")


_OVERLAY_STYLE = ("position:relative;z-index:10;margin:0;padding:.8em 1em;background:#fff4f2;"
                  "color:#1a1a1a;border-bottom:3px solid #c62828;font:15px/1.5 system-ui,"
                  "sans-serif;max-height:50vh;overflow:auto")
_PRE_STYLE = ("margin:0;white-space:pre-wrap;overflow-wrap:anywhere;font:13px/1.5 ui-monospace,"
              "monospace;background:none;color:inherit")


def _author_error(error: BaseException | None) -> AuthorError | None:
    """The course's problems behind an error MkDocs raised (the plugin's PluginError, which
    MkDocs turns into an Abort)."""
    for _ in range(8):
        if error is None or isinstance(error, AuthorError):
            return error
        error = error.__cause__ or error.__context__
    return None


def _expected(error: BaseException) -> bool:
    """A problem MkDocs or the course reports in words, as opposed to a bug (traceback)."""
    import yaml
    from mkdocs.exceptions import MkDocsException

    return isinstance(error, (MkDocsException, yaml.YAMLError, OSError))


def _stamp(path: Path) -> tuple | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino


def _language(config) -> str:
    return str(config.theme.get("language") or "en")


def with_overlay(app, previewer: Previewer):
    """The server's WSGI application, with the problems (when there are any) placed first in
    the body of every HTML page it serves."""

    def serve(environ, start_response):
        answer: dict = {}

        def keep(status, headers, exc_info=None):
            answer["status"], answer["headers"] = status, headers

        # The server answers once a rebuild under way has finished: look at the problems then.
        body = app(environ, keep)
        problems = list(previewer.problems)
        headers = answer["headers"]
        if not problems or not any(name.lower() == "content-type" and value.startswith(
                "text/html") for name, value in headers):
            start_response(answer["status"], headers)
            return body
        try:
            content = _after_body_tag(b"".join(body), previewer.overlay(problems))
        finally:
            getattr(body, "close", lambda: None)()
        headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
        start_response(answer["status"], [*headers, ("Content-Length", str(len(content)))])
        return [content]

    return serve


def _after_body_tag(page: bytes, insert: bytes) -> bytes:
    start = page.find(b"<body")
    end = page.find(b">", start) if start >= 0 else -1
    if end < 0:
        return insert + page
    return page[:end + 1] + insert + page[end + 1:]


def serve(project: Project, *, assessment: bool = False, dev_addr: str | None = None) -> int:
    """Build the course, serve it, rebuild on every change until Ctrl+C. The exit status."""
    from mkdocs.livereload import LiveReloadServer

    engine.show_messages(course_notes=False)
    settings = engine.overrides(project, assessment=assessment, dev_addr=dev_addr)
    site_dir = tempfile.mkdtemp(prefix="course-preview-")
    previewer = Previewer(project, settings, site_dir)
    config = None
    try:
        config = previewer.config()
        config.plugins.on_startup(command="serve", dirty=False)
        host, port = config.dev_addr
        mount = "/" + urlsplit(config.site_url or "/").path.strip("/")
        previewer.serve_url = f"http://{host}:{port}{mount.rstrip('/')}/"
        config.site_url = previewer.serve_url
        print("course serve: building the preview …", file=sys.stderr, flush=True)
        if not previewer.build(config):
            return 1
        server = LiveReloadServer(builder=previewer.build, host=host, port=port, root=site_dir,
                                  mount_path=mount)
        server.set_app(with_overlay(server.serve_request, previewer))
        server.error_handler = _error_page(site_dir)
        server.watch(config.docs_dir)
        server.watch(str(project.config_file))
        server = config.plugins.on_serve(server, config=config, builder=previewer.build)
        for path in config.watch:
            server.watch(path)
        print(f"course serve: serving {previewer.serve_url} — saved changes show there "
              "(Ctrl+C stops)", file=sys.stderr, flush=True)
        try:
            server.serve()
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
        return 0
    finally:
        if config is not None:
            config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)


def _error_page(site_dir: str):
    def page(code: int) -> bytes | None:
        found = Path(site_dir) / f"{code}.html"
        return found.read_bytes() if code in (404, 500) and found.is_file() else None

    return page
