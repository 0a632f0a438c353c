"""Write an output file whole or not at all.

A CSV, a report or a certificate replaces the previous one only once the new one is complete on
disk: a failure (text that cannot be encoded, a full disk, Ctrl-C) leaves the old file as it was,
never a truncated one. Encoding happens before anything is opened.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    fd, scratch = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=folder)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(scratch, 0o644)
        os.replace(scratch, path)
    except BaseException:
        try:
            os.unlink(scratch)
        except OSError:
            pass
        raise


def write_text_atomically(path: Path, text: str, encoding: str = "utf-8") -> None:
    write_atomically(path, text.encode(encoding))
