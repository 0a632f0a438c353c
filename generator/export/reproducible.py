"""Byte-identical exports: one date for everything, and zip files written the same way each time.

The date is `SOURCE_DATE_EPOCH` when set (the reproducible-builds convention), otherwise the
newest review date in the course's content — never the clock, so exporting the same content
twice, on any day, gives the same bytes.
"""

from __future__ import annotations

import datetime
import os
import stat
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path

# Zip stores local times from 1980 on; an earlier date would not fit.
ZIP_EPOCH = datetime.datetime(1980, 1, 1, tzinfo=datetime.timezone.utc)
FILE_MODE = 0o644
UNIX = 3  # "made by" system in the zip header: Unix, so unzip honours FILE_MODE


class ExportDateError(ValueError):
    """SOURCE_DATE_EPOCH is set but is not a whole number of seconds."""


def export_time(content_date: datetime.date,
                environ: Mapping[str, str] = os.environ) -> datetime.datetime:
    """When the export says it was made: SOURCE_DATE_EPOCH, else the content's date at 00:00 UTC."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            seconds = int(epoch)
        except ValueError:
            raise ExportDateError(f"SOURCE_DATE_EPOCH={epoch!r} is not a whole number of "
                                  "seconds since 1970 — unset it or give e.g. 1767225600") from None
        return datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc)
    return datetime.datetime.combine(content_date, datetime.time(), datetime.timezone.utc)


def files_under(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` as {archive name: bytes}, names with '/' whatever the system."""
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in folder.rglob("*") if path.is_file()}


def zip_bytes(entries: Mapping[str, bytes], when: datetime.datetime,
              first: Iterable[str] = ()) -> bytes:
    """A zip of `entries` that depends on nothing but its arguments.

    Names in `first` come first (SCORM wants imsmanifest.xml easy to find), the rest sorted;
    one timestamp, one file mode, one compression level, no extra fields, no comment.
    """
    import io

    stamp = max(when, ZIP_EPOCH).astimezone(datetime.timezone.utc)
    date_time = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute,
                 stamp.second - stamp.second % 2)  # zip keeps seconds in steps of two
    leading = [name for name in first if name in entries]
    order = leading + sorted(set(entries) - set(leading))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.create_system = UNIX
            info.external_attr = (stat.S_IFREG | FILE_MODE) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, entries[name], compresslevel=9)
    return buffer.getvalue()


def write_atomically(path: Path, data: bytes) -> None:
    """Write the whole file or nothing: a failed export never leaves half a file behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(data)
    os.chmod(partial, FILE_MODE)
    os.replace(partial, path)
