"""`course export`: the course as files to take anywhere.

- `<slug>-offline.zip`: the site, working from `file://` with no other host (mkdocs_site.py
  builds it with Material's offline plugin, trim.py leaves out what no browser loads);
- `<slug>-handbook.html` / `.pdf`: the whole course on one printable page (handbook.py and
  print_quiz.py write it, pdf.py prints it with Chromium);
- `<slug>-scorm12.zip`: the offline site as a SCORM 1.2 package for an LMS (scorm.py).

exporter.py runs the whole export, commands.py is its command line, naming.py chooses the
files' names. Every file is reproducible: the same course gives the same bytes (reproducible.py).
"""
