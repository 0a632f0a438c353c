"""Write an output file whole or not at all.

A CSV, a report or a certificate replaces the previous one only once the new one is complete on
disk: a failure (text that cannot be encoded, a full disk, Ctrl-C) leaves the old file as it was,
never a truncated one. Encoding happens before anything is opened.

An output named through a link (`results.csv -> shared/results.csv`, kept so by the trainer) is
written to the file the link names, at the end of a chain of links; the link stays a link. A
link to a file not there yet creates it, if its folder is there. Replacing the link itself with
a file of its own would leave the file the trainer reads unchanged, silently.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from .escape import terminal


def final_target(path: Path) -> Path:
    """The file writing `path` changes: the path itself, or where its links lead. An OSError
    with a message (its `strerror`) for a link that leads nowhere a file can be written."""
    resolved = Path(os.path.realpath(path))
    if resolved.is_symlink():  # realpath stops inside a loop of links
        raise OSError(errno.ELOOP, "a loop of links, which never reaches a file; replace the "
                                   "link with a file or a link to a file")
    if os.path.islink(path) and not resolved.parent.is_dir():
        raise OSError(errno.ENOENT, f"a link to {terminal(str(resolved))}, in a folder that "
                                    "does not exist; create the folder or change the link")
    return resolved


def write_atomically(path: Path, data: bytes) -> None:
    path = final_target(Path(path))
    fd, scratch = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
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
