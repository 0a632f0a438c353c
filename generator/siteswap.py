"""Build a folder beside the one it replaces, and swap it in only when it is complete.

`course build` writes the site this way: a failed or interrupted build leaves the previous site
as it was, and readers of `site/` never see half a site. The new site is built in
`<site>.building-…` next to `<site>` (the same file system, so the swap is two renames); the
old one moves to `<site>.old-…` and is removed after the swap. A crash mid-build leaves only a
`.building-…` folder beside the site (`site.*/` is ignored by git).
"""

from __future__ import annotations

import os
import shutil
import tempfile


class StagedFolder:
    """A folder to build in place of `target`: `path` to write into, then `publish` or `discard`."""

    def __init__(self, target: str | os.PathLike):
        self.target = os.path.abspath(target)
        parent, name = os.path.split(self.target)
        os.makedirs(parent, exist_ok=True)
        self.path = tempfile.mkdtemp(prefix=name + ".building-", dir=parent)
        os.chmod(self.path, 0o755)  # mkdtemp makes it private; a site is for reading

    def publish(self) -> None:
        """Put the built folder where the target was; the old one is removed."""
        parent, name = os.path.split(self.target)
        old = None
        if os.path.exists(self.target):
            old = tempfile.mkdtemp(prefix=name + ".old-", dir=parent)
            os.rename(self.target, os.path.join(old, name))
        try:
            os.rename(self.path, self.target)
        except OSError:
            if old:  # put the old site back: never leave no site where there was one
                os.rename(os.path.join(old, name), self.target)
                shutil.rmtree(old, ignore_errors=True)
            raise
        if old:
            shutil.rmtree(old, ignore_errors=True)

    def discard(self) -> None:
        """Forget the build: the target stays as it was."""
        shutil.rmtree(self.path, ignore_errors=True)
