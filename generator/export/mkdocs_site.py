"""Build the course website for export with MkDocs: ready for `file://`, optionally with SCORM.

The only module of the export that knows MkDocs. It loads the course's mkdocs.yml and adjusts
the loaded configuration for this one build, so nothing changes in the author's files or in
`course build`:
- Material's `offline` plugin (links to `page.html`, the search index also written as a script);
- our own `iframe-worker` shim instead of the one Material would load from a CDN;
- no web fonts, no repository facts fetched from a code host, no analytics, no external scripts;
- for the SCORM package, `scorm.js` on every page.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import os
from importlib import resources
from pathlib import Path

from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File

from ..pagepaths import ASSET_DIR
from ..plugin import engine
from ..project import Project
from . import scorm as scorm_package

SHIM = f"{ASSET_DIR}/iframe-worker-shim.js"

log = logging.getLogger("mkdocs.plugins.course.export")


class SiteBuildError(Exception):
    """MkDocs could not build the site; MkDocs has already logged why."""


def asset(name: str) -> bytes:
    from ..minify import shipped

    return shipped(name, (resources.files("generator") / "assets" / name).read_bytes())


def build_site(project: Project, site_dir: Path, *, when: datetime.datetime,
               assessment: bool = False, scorm: bool = False) -> None:
    """Build the offline site into `site_dir` (which must not exist yet)."""
    from mkdocs.exceptions import ConfigurationError

    # MkDocs dates the sitemap (and its gzip header) from SOURCE_DATE_EPOCH, else the clock.
    with _environment(SOURCE_DATE_EPOCH=str(int(when.timestamp()))):
        settings = engine.overrides(project, assessment=assessment, site_dir=str(site_dir))
        try:
            config = engine.load_config(project.config_file, **settings)
        except ConfigurationError as error:
            raise SiteBuildError(f"{project.config_file}: {error}") from None
        extra_files = {SHIM: asset("iframe-worker-shim.js")}
        if scorm:
            extra_files[scorm_package.SCORM_JS] = asset("scorm.js")
            config.extra_javascript.append(scorm_package.SCORM_JS)
        _make_offline(config)
        _add_plugin(config, "course-export", _ExtraFiles(extra_files))
        try:
            engine.build(config, published_by="course export")
        except engine.BuildFailed as error:
            raise SiteBuildError(str(error)) from None


def _make_offline(config) -> None:
    config.theme["font"] = False  # Google Fonts otherwise
    # Material fetches stars and forks from the code host's API when repo_url is set.
    config.repo_url = None
    config.repo_name = None
    config.extra.pop("analytics", None)
    config.extra.pop("consent", None)
    polyfills = [p for p in config.extra.get("polyfills", []) if not _is_remote(str(p))]
    config.extra["polyfills"] = [SHIM] + [p for p in polyfills if "iframe-worker" not in str(p)]
    for option in ("extra_javascript", "extra_css"):
        kept = [item for item in getattr(config, option) if not _is_remote(str(item))]
        dropped = len(getattr(config, option)) - len(kept)
        if dropped:
            log.warning(f"export: left out {dropped} {option} from other hosts: the offline "
                        "bundle loads nothing from the network")
        setattr(config, option, kept)
    if not any(name.endswith("offline") for name in config.plugins):
        from material.plugins.offline.plugin import OfflinePlugin

        _add_plugin(config, "material/offline", OfflinePlugin())


def _is_remote(url: str) -> bool:
    return url.startswith(("http:", "https:", "//"))


def _add_plugin(config, name: str, plugin: BasePlugin) -> None:
    errors, _ = plugin.load_config({})
    if errors:  # pragma: no cover - our own plugins take no options
        raise SiteBuildError(f"{name}: {errors}")
    config.plugins[name] = plugin


class _ExtraFiles(BasePlugin):
    """Adds files that exist only in export builds (the search shim, scorm.js)."""

    def __init__(self, files: dict[str, bytes]):
        self.files = files

    def on_files(self, files, *, config):
        for path, content in self.files.items():
            files.append(File.generated(config, path, content=content))
        return files


@contextlib.contextmanager
def _environment(**values: str):
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def site_settings(config_file: Path):
    """(site_name, site_url, markdown extensions, their options) from mkdocs.yml."""
    from mkdocs.exceptions import ConfigurationError

    try:
        config = engine.load_config(config_file)
    except ConfigurationError as error:
        raise SiteBuildError(f"{config_file}: {error}") from None
    return (config.site_name, config.site_url, tuple(config.markdown_extensions),
            dict(config.mdx_configs))
