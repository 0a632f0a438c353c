"""`course export`: the course as files to take anywhere.

- `<slug>-offline.zip`: the site, working from `file://` with no other host (offline.py, site.py);
- `<slug>-handbook.html` / `.pdf`: the whole course on one printable page (handbook.py, pdf.py);
- `<slug>-scorm12.zip`: the offline site as a SCORM 1.2 package for an LMS (scorm.py).

Every file is reproducible: the same course gives the same bytes (reproducible.py).
"""
