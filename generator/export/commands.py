"""`course export`: the command line of the export package."""

from __future__ import annotations

import sys
import time
from pathlib import Path

EXIT_OK, EXIT_PROBLEMS = 0, 1


def register(commands, command) -> None:
    """Add `export` to the `course` command (called from cli._parser)."""
    export = command("export", _export,
                     "Write the offline bundle, the printable handbook (HTML and PDF) and a "
                     "SCORM 1.2 package into dist/.")
    export.add_argument("--out", metavar="DIR",
                        help="where to write the files (default: dist/ beside mkdocs.yml, as "
                             "site/ is for `course build`)")
    export.add_argument("--assessment", action="store_true",
                        help="export every quiz as an assessment: no answer key anywhere")
    export.add_argument("--slug", metavar="NAME",
                        help="the files' name prefix (default: the last folder of site_url, "
                             "else site_name in ASCII, else the course folder's name)")


def _export(args) -> int:
    from ..loading import label_for
    from ..plugin import engine
    from .exporter import ExportRequest, export_course
    from .mkdocs_site import SiteBuildError
    from .naming import SlugError
    from .pdf import PdfError
    from .reproducible import ExportDateError

    engine.show_messages(course_notes=False)
    started = time.perf_counter()
    out = Path(args.out) if args.out else Path(args.config_file).parent / "dist"
    request = ExportRequest(Path(args.config_file), out, args.assessment, args.slug)
    try:
        written = export_course(request, progress=lambda step: print(f"course export: {step} …",
                                                                    file=sys.stderr))
    except (SiteBuildError, PdfError, ExportDateError, SlugError) as error:
        print(f"course export: {error}", file=sys.stderr)
        print("course export: failed; files already in the output folder were left as they "
              "were", file=sys.stderr)
        return EXIT_PROBLEMS
    names = [label_for(path.resolve()) for path in written]
    width = max(map(len, names))
    for name, path in zip(names, written):
        size = path.stat().st_size
        print(f"{name:<{width}}  {_human(size):>9}  ({size:,} bytes)")
    print(f"course export: {len(written)} files in {time.perf_counter() - started:.1f} s")
    return EXIT_OK


def _human(size: int) -> str:
    for unit in ("B", "KB", "MB"):
        if size < 1024 or unit == "MB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return ""  # pragma: no cover
