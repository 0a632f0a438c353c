"""A SCORM 1.2 package around the offline site: one organization, one item, one SCO.

The SCO starts at `launch.html`, which holds the LMS session and shows the course in a frame
(why: see assets/scorm.js). The manifest lists every file of the package, as SCORM 1.2's
content packaging asks. Pure functions: files in, files out.
"""

from __future__ import annotations

from urllib.parse import quote
from xml.sax.saxutils import escape, quoteattr

from ..pagepaths import ASSET_DIR
from ..templates import LINES, render

MANIFEST = "imsmanifest.xml"
LAUNCH = "launch.html"
SCORM_JS = f"{ASSET_DIR}/scorm.js"
FAVICON = "assets/images/favicon.png"  # Material's; without an icon the browser asks the LMS


def package_files(site: dict[str, bytes], *, slug: str, title: str,
                  language: str) -> dict[str, bytes]:
    """The site's files plus the launch page and the manifest, all at the package's root."""
    files = dict(site)
    favicon = FAVICON if FAVICON in files else None
    files[LAUNCH] = launch_page(title, language, favicon).encode("utf-8")
    files[MANIFEST] = manifest(slug, title, sorted(files)).encode("utf-8")
    return files


def manifest(slug: str, title: str, files: list[str]) -> str:
    # Identifiers are XML IDs: they may not start with a digit, hence the prefixes.
    identifier = f"course-{slug}"
    file_lines = "\n".join(f'      <file href={quoteattr(quote(name))}/>'
                           for name in files if name != MANIFEST)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier={quoteattr(identifier)} version="1.0"
    xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd
                        http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="organization">
    <organization identifier="organization">
      <title>{escape(title)}</title>
      <item identifier="item" identifierref="sco" isvisible="true">
        <title>{escape(title)}</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="sco" type="webcontent" adlcp:scormtype="sco" href="{LAUNCH}">
{file_lines}
    </resource>
  </resources>
</manifest>
"""


def launch_page(title: str, language: str, favicon: str | None = None) -> str:
    """The SCO's entry point: the LMS session lives here, the course in a full-window frame."""
    return render("scorm-launch.html", language=language, layout=LINES, title=title,
                  favicon=favicon, script=SCORM_JS)
