"""Page weight: bytes a browser downloads, raw and gzip-compressed (level 6, as web servers use)."""

from __future__ import annotations

import gzip
import posixpath
import re
import subprocess
from importlib import resources
from pathlib import Path

RUNTIME = ("quiz.js", "quiz.css")  # the quiz widget: what "quiz runtime under 10 KB" is about
LESSON_CSS = "course.css"  # styles the lesson pages, not quizzes: reported on its own

_STYLESHEET = re.compile(r'<link[^>]+rel="stylesheet"[^>]*href="([^"]+)"|'
                         r'<link[^>]+href="([^"]+)"[^>]*rel="stylesheet"')
_SCRIPT = re.compile(r'<script[^>]+src="([^"]+)"')


def sizes(data: bytes) -> dict[str, int]:
    return {"raw": len(data), "gzip": len(gzip.compress(data, compresslevel=6, mtime=0))}


def _committed(name: str) -> bytes | None:
    """The asset as committed at HEAD (what ships), or None outside a git checkout."""
    root = Path(__file__).resolve().parent.parent
    try:
        return subprocess.run(["git", "show", f"HEAD:generator/assets/{name}"], cwd=root,
                              capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None


def runtime() -> dict[str, dict[str, int]]:
    """The quiz runtime as committed (else as installed) and shipped: each asset, the total."""
    found = {name: _asset(name) for name in RUNTIME}
    found["total"] = {kind: sum(found[name][kind] for name in RUNTIME) for kind in ("raw", "gzip")}
    return found


def lesson_css() -> dict[str, int]:
    """The lessons' stylesheet, as committed (else as installed)."""
    return _asset(LESSON_CSS)


def _asset(name: str) -> dict[str, int]:
    """As a browser receives it: the committed source, minified as the build ships it."""
    from generator.minify import shipped

    data = _committed(name)
    if data is None:
        data = (resources.files("generator") / "assets" / name).read_bytes()
    return sizes(shipped(name, data))


def page(site: Path, page_path: str) -> dict:
    """One page view: the HTML and every stylesheet and script it loads (each counted once).

    The search index is listed apart: Material's search worker fetches it once per site visit.
    """
    html = (site / page_path).read_bytes()
    text = html.decode("utf-8")
    base = posixpath.dirname(page_path)
    assets: dict[str, dict[str, int]] = {}
    hrefs = [m.group(1) or m.group(2) for m in _STYLESHEET.finditer(text)]
    hrefs += [m.group(1) for m in _SCRIPT.finditer(text)]
    for href in hrefs:
        if href.startswith(("http:", "https:", "//")):
            continue
        target = posixpath.normpath(posixpath.join(base, href.split("?")[0]))
        if target not in assets and (site / target).is_file():
            assets[target] = sizes((site / target).read_bytes())
    ours = [v for k, v in assets.items() if k.startswith("assets/course/")]
    theme = [v for k, v in assets.items() if not k.startswith("assets/course/")]
    html_sizes = sizes(html)
    index = site / "search" / "search_index.json"

    def total(*groups):
        return {kind: sum(item[kind] for group in groups for item in group)
                for kind in ("raw", "gzip")}

    return {
        "page": page_path,
        "html": html_sizes,
        "theme_assets": total(theme),
        "course_assets": total(ours),
        "total": total([html_sizes], theme, ours),
        "search_index": sizes(index.read_bytes()) if index.is_file() else {"raw": 0, "gzip": 0},
    }
