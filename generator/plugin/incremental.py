"""A preview's rebuild inside MkDocs: only the pages whose Markdown changed are built again.

`course serve` (plugin/preview.py) adds `RebuildChanged` to every config it builds and runs
MkDocs' dirty build, in which MkDocs reads and writes only pages whose file says it changed. The
plugin says which: the course's pages whose Markdown differs from what the last build wrote.
Everything else MkDocs would have learnt from the pages it now skips comes from the last build
that read them, so that a rebuilt page, the sitemap and the search index are what a full build
of the same files writes:
- titles (the navigation names most pages; a section page takes its title from its heading)
  and metadata, shown in the navigation and the previous/next links of rebuilt pages;
- sitemap dates, set by the course plugin as for a page read;
- search entries: Material indexes a page as it is built, so the index of a dirty build would
  hold the rebuilt pages only. Each page's entries are kept and the index is put together again
  in page order before Material writes it.
What a dirty build cannot do, it leaves to a full build, which MkDocs then runs instead: the
first build, after a build that failed while writing, when mkdocs.yml changed (preview.py sees
to those), and when what every page is built with changes: the site's shape (pages added,
removed, moved or reordered: every page lists the whole navigation) or the settings a plugin
derives from the course (site name, language, …); and when the search index is not Material's.
This plugin finds those and reports them as `FullBuildNeeded`.
Pages that are not rebuilt keep the navigation titles they were built with: a lesson's new title
shows in its own page, the pages that list it and the pages rebuilt later, and everywhere after
the next full build.
"""

from __future__ import annotations

import jinja2
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

COURSE = "course"
SEARCH = "material/search"


class FullBuildNeeded(Exception):
    """Pages were added, removed, moved or reordered (or the search index cannot be completed):
    every page must be built again."""


class _CoursePage(File):
    """A page the course generated, with MkDocs' dirty build told whether it changed."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed


class _CompiledTemplates(jinja2.BytecodeCache):
    """Templates compiled once per preview, not in every new environment. Jinja checks each
    template's source against the one compiled, so an edited override is compiled again."""

    def __init__(self):
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


class ThemeWork:
    """What MkDocs does again on every build for a theme that does not change while the preview
    runs: compiling its templates in a new Jinja environment (Material's take ~0.3 s), and
    listing its files to copy the static ones (Material ships ~14,500 files, mostly icons,
    which MkDocs walks and matches against its patterns: ~0.25 s). Kept for the preview."""

    def __init__(self):
        self.compiled = _CompiledTemplates()
        self._listed: dict[tuple, list[str]] = {}

    def reuse_for(self, theme) -> None:
        """Make the environments `theme` gives (this config's theme only) reuse that work."""
        make_env = theme.get_env

        def get_env() -> jinja2.Environment:
            env = make_env()
            env.bytecode_cache = self.compiled
            list_templates = env.list_templates

            # MkDocs' own listing (Files.add_files_from_theme) is the only caller; its filter
            # depends on nothing but the theme's static templates, part of the key.
            def listed_once(extensions=None, filter_func=None) -> list[str]:
                key = (tuple(theme.dirs), tuple(theme.static_templates),
                       tuple(extensions or ()), getattr(filter_func, "__code__", filter_func))
                if key not in self._listed:
                    self._listed[key] = list_templates(extensions, filter_func)
                return list(self._listed[key])

            env.list_templates = listed_once
            return env

        theme.get_env = get_env


def _foreign_search(config) -> bool:
    """A search plugin other than Material's, whose index this plugin cannot complete."""
    return any(name != SEARCH and name.split(" #")[0].endswith("search")
               for name in config.plugins)


def _settings(config) -> str:
    """What every page is built with besides its content and the navigation's titles, as set
    once the plugins have seen the config: site name, theme and its language, extra values,
    Markdown extensions, each plugin's options, the navigation's shape."""
    values = {name: value for name, value in config.items()
              if name not in ("nav", "plugins", "theme", "watch", "extra")}
    values["nav"] = _shape(config.nav)
    values["theme"] = (config.theme.name, config.theme.dirs, dict(config.theme))
    values["extra"] = dict(config.extra)
    values["plugins"] = {name: dict(plugin.config) for name, plugin in config.plugins.items()
                         if not isinstance(plugin, RebuildChanged)}
    return repr(values)


def _shape(nav) -> object:
    """The navigation without its titles: which pages, in which order and grouping."""
    if isinstance(nav, dict):
        return tuple(_shape(value) for value in nav.values())
    if isinstance(nav, list):
        return tuple(_shape(item) for item in nav)
    return nav


class RebuildChanged(BasePlugin):
    """Kept by the preview across its rebuilds; see the module's note."""

    def __init__(self):
        self.needs_full = True  # the next build must be a full one (preview.py sees to it)
        self.full = False  # this build is (or the last build was) a full one
        self.built: dict[str, str] = {}  # course page -> its Markdown as last written
        self.shape: tuple | None = None
        self.titles: dict[str, str | None] = {}  # page -> title, as last read
        self.meta: dict[str, dict] = {}
        self.entries: dict[str, list[dict]] = {}  # page URL -> its search entries
        self.rebuilt: list[str] = []  # pages this build reads and writes
        self._rebuilt: set[str] = set()
        self.writing = False  # the build has begun writing the site
        self.theme = ThemeWork()
        self._files: Files | None = None

    def begin(self, *, full: bool) -> None:
        """Before each build: a full one (MkDocs cleans the site first) or a dirty one."""
        self.full = full
        self.writing = False
        self.rebuilt = []

    def failed(self) -> None:
        """After a failed build: if it had begun writing, pages may be half written."""
        if self.writing:
            self.needs_full = True

    # After the course plugin has added its pages: mark those unchanged since the last build
    @event_priority(-100)
    def on_files(self, files: Files, *, config):
        course = config.plugins[COURSE]
        pages = course.plan.pages
        shape = (tuple(f.src_uri for f in files.documentation_pages()), _settings(config))
        if not self.full and (shape != self.shape or _foreign_search(config)):
            raise FullBuildNeeded()
        self.shape = shape
        marked = []
        for file in files:
            markdown = pages.get(file.src_uri)
            if markdown is not None and file.generated_by == COURSE:
                page = _CoursePage.generated(config, file.src_uri, content=markdown,
                                             inclusion=file.inclusion)
                page.generated_by = COURSE
                before = self.built.get(file.src_uri)
                page.changed = self.full or not (before is markdown or before == markdown)
                file = page
            marked.append(file)
        files = Files(marked)
        self._files = files
        self.rebuilt = [f.src_uri for f in files.documentation_pages()
                        if self.full or f.is_modified()]
        self._rebuilt = set(self.rebuilt)
        return files

    # What pages that are not read this time gave MkDocs when they last were
    def on_nav(self, nav, *, config, files: Files):
        course = config.plugins[COURSE]
        for page in nav.pages:
            uri = page.file.src_uri
            if uri in self._rebuilt:
                continue
            if page.title is None:
                page.title = self.titles.get(uri)
            page.meta = self.meta.get(uri, {})
            course.on_pre_page(page, config=config, files=files)
        return nav

    def on_pre_build(self, *, config):
        if self.full:  # MkDocs empties the site folder now
            self.writing = True

    def on_env(self, env: jinja2.Environment, *, config, files: Files):
        self.writing = True
        return env

    # Before Material writes the search index (its own on_post_build, priority 0)
    @event_priority(50)
    def on_post_build(self, *, config):
        pages = [f.page for f in self._files.documentation_pages() if f.page is not None]
        for page in pages:
            if page.file.src_uri in self._rebuilt:
                self.titles[page.file.src_uri] = page.title
                self.meta[page.file.src_uri] = page.meta
        course = config.plugins[COURSE]
        self.built = dict(course.plan.pages)
        search = config.plugins.get(SEARCH)
        if search is not None and search.config.enabled:
            self._complete_the_index(search, pages)
        self.needs_full = False

    def _complete_the_index(self, search, pages) -> None:
        fresh: dict[str, list[dict]] = {}
        for entry in search.search_index.entries:
            fresh.setdefault(entry["location"].split("#", 1)[0], []).append(entry)
        if self.full:
            self.entries = {}
        for page in pages:
            if page.file.src_uri in self._rebuilt:
                self.entries[page.url] = fresh.get(page.url, [])
        urls = {page.url for page in pages}
        self.entries = {url: kept for url, kept in self.entries.items() if url in urls}
        search.search_index.entries = [entry for page in pages
                                       for entry in self.entries.get(page.url, [])]
