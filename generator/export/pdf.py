"""Print the handbook to PDF with headless Chromium, reproducibly.

Chromium's own print path (`--print-to-pdf`) honours the page's @page rules (A4, the running
title, page numbers), writes a tagged PDF with an outline from the headings, and uses the
system's fonts (Debian's fonts-noto-cjk for Chinese). No Python browser driver is needed.

Chromium stamps /CreationDate and /ModDate with the clock; everything else it writes depends on
the input only. `pin_dates` rewrites both dates to the export's date with the same number of
bytes, so the cross-reference offsets stay valid and two exports give identical files.
"""

from __future__ import annotations

import datetime
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:(\d{14})([^)]*)\)")
TIMEOUT_SECONDS = 300


class PdfError(Exception):
    """Chromium is missing or could not print; the message says what to do."""


def find_chromium(environ=os.environ) -> str:
    explicit = environ.get("CHROMIUM")
    if explicit:
        if shutil.which(explicit) or Path(explicit).is_file():
            return explicit
        raise PdfError(f"CHROMIUM={explicit}: no such program — point it at a Chromium or "
                       "Chrome executable, or unset it")
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    raise PdfError("chromium: not found — the handbook PDF is printed by headless Chromium: "
                   "install it (Debian: apt-get install chromium fonts-noto-cjk) or set "
                   "CHROMIUM=/path/to/chrome")


def print_pdf(html_file: Path, chromium: str, when: datetime.datetime) -> bytes:
    """The PDF of a self-contained HTML file, with its dates set to `when`."""
    with tempfile.TemporaryDirectory(prefix="course-pdf-") as scratch:
        target = Path(scratch) / "out.pdf"
        command = [
            chromium, "--headless", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-extensions", f"--user-data-dir={Path(scratch) / 'profile'}",
            # The handbook loads nothing; make sure nothing could reach the network anyway.
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--no-pdf-header-footer", "--generate-pdf-document-outline",
            f"--print-to-pdf={target}", html_file.resolve().as_uri(),
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.insert(1, "--no-sandbox")  # Chromium refuses to start as root otherwise
        try:
            result = subprocess.run(command, capture_output=True, text=True,
                                    timeout=TIMEOUT_SECONDS, env={**os.environ, "TZ": "UTC"})
        except subprocess.TimeoutExpired:
            raise PdfError(f"{chromium}: printing the handbook took over {TIMEOUT_SECONDS} s — "
                           "try again, or check that Chromium runs headless here") from None
        if result.returncode != 0 or not target.is_file():
            detail = (result.stderr or "").strip().splitlines()[-3:]
            raise PdfError(f"{chromium}: could not print the handbook (exit "
                           f"{result.returncode}): {' / '.join(detail) or 'no output'}")
        return pin_dates(target.read_bytes(), when)


def pin_dates(pdf: bytes, when: datetime.datetime) -> bytes:
    """Set /CreationDate and /ModDate to `when` (UTC), keeping every byte offset in place."""
    stamp = when.astimezone(datetime.timezone.utc).strftime("%Y%m%d%H%M%S").encode()

    # The same length as what Chromium wrote (it runs with TZ=UTC): "+00'00'", "Z" or nothing.
    utc = {7: b"+00'00'", 1: b"Z", 0: b""}

    def replace(match: re.Match) -> bytes:
        zone = match.group(3)
        return b"/" + match.group(1) + b" (D:" + stamp + utc.get(len(zone), zone) + b")"

    return _PDF_DATE.sub(replace, pdf)
