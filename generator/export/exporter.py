"""Run a whole export: load the course, build, package and print; write the three deliverables.

The I/O edge of the export package: everything it calls is a pure function or one build step.
The four files are written only once all of them are made, each atomically: a failed export
leaves the previous ones as they were.
"""

from __future__ import annotations

import base64
import mimetypes
import posixpath
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..checks import checked
from ..integrity import registry as published
from ..loading import label_for, load_course
from ..project import find_project
from ..render.site import content_date
from . import handbook, mkdocs_site, pdf, scorm
from .naming import course_slug
from .reproducible import export_time, files_under, write_atomically, zip_bytes
from .trim import trim


@dataclass(frozen=True)
class ExportRequest:
    config_file: Path
    out_dir: Path
    assessment: bool = False
    slug: str | None = None


def export_course(request: ExportRequest, progress=lambda message: None) -> list[Path]:
    """Write `<slug>-offline.zip`, `-handbook.html`, `-handbook.pdf`, `-scorm12.zip`."""
    project = find_project(request.config_file)
    chromium = pdf.find_chromium()  # before the slow part: fail fast when it is missing
    loaded = checked(load_course(project.content_dir, project.quiz_dir),
                     stale_after_days=project.stale_after_days)
    site_name, site_url, extensions, extension_configs = mkdocs_site.site_settings(
        project.config_file)
    slug = course_slug(request.slug, site_url, site_name, project.root.resolve().name)
    assessment = request.assessment or project.assessment
    edition = content_date(loaded)
    when = export_time(edition)
    files: dict[str, bytes] = {}  # written together at the end: all four, or none

    with tempfile.TemporaryDirectory(prefix="course-export-") as scratch:
        scratch = Path(scratch)

        progress("building the offline site")
        mkdocs_site.build_site(project, scratch / "offline", when=when,
                               assessment=assessment)
        # One top folder: unzipping never scatters files, and index.html is easy to find.
        site = trim(files_under(scratch / "offline"))
        files[f"{slug}-offline.zip"] = zip_bytes(
            {f"{slug}/{name}": data for name, data in site.items()}, when)

        progress("building the SCORM 1.2 package")
        mkdocs_site.build_site(project, scratch / "scorm", when=when,
                               assessment=assessment, scorm=True)
        package = scorm.package_files(trim(files_under(scratch / "scorm")), slug=slug,
                                      title=loaded.course.title,
                                      language=loaded.course.language)
        files[f"{slug}-scorm12.zip"] = zip_bytes(package, when, first=[scorm.MANIFEST])

        progress("writing the handbook")
        css = (resources.files("generator") / "assets" / "handbook.css").read_text("utf-8")
        # The builds above opened (or created) the registry: its salt orders what an assessment
        # prints, as it names what the site shows.
        salt = published.read(project.registry, label_for(project.registry)).salt
        page = handbook.render_handbook(
            loaded, handbook.MarkdownSettings(extensions, extension_configs), css=css,
            edition=edition, force_assessment=assessment, salt=salt,
            embed=lambda path: _data_uri(project.content_dir, path))
        files[f"{slug}-handbook.html"] = page.encode("utf-8")

        progress("printing the handbook to PDF")
        html_file = scratch / f"{slug}-handbook.html"
        html_file.write_bytes(files[f"{slug}-handbook.html"])
        files[f"{slug}-handbook.pdf"] = pdf.print_pdf(html_file, chromium, when)

    for name, data in files.items():
        write_atomically(request.out_dir / name, data)
    return [request.out_dir / name for name in files]


def _data_uri(content_dir: Path, site_path: str) -> str | None:
    """An image of the course's docs folder as a data: URI, so the handbook carries it."""
    if site_path.startswith("../") or posixpath.isabs(site_path):
        return None
    source = content_dir / site_path
    if not source.is_file():
        return None
    kind = mimetypes.guess_type(source.name)[0] or "application/octet-stream"
    return f"data:{kind};base64,{base64.b64encode(source.read_bytes()).decode('ascii')}"
