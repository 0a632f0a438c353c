"""The safe site swap: the new site appears whole, or the old one stays."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from generator.siteswap import StagedFolder
from helpers import ROOT


def write_site(folder, marker: str) -> None:
    os.makedirs(os.path.join(folder, "deep"), exist_ok=True)
    for name in ("index.html", "deep/page.html"):
        with open(os.path.join(folder, name), "w", encoding="utf-8") as stream:
            stream.write(marker)


def read_site(folder) -> dict[str, str]:
    found = {}
    for base, _, files in os.walk(folder):
        for name in files:
            path = os.path.join(base, name)
            with open(path, encoding="utf-8") as stream:
                found[os.path.relpath(path, folder)] = stream.read()
    return found


def beside(tmp_path) -> list[str]:
    return sorted(os.listdir(tmp_path))


def test_a_published_build_replaces_the_old_site_whole(tmp_path):
    site = tmp_path / "site"
    write_site(site, "old")
    (site / "stale.html").write_text("gone after the swap")
    staged = StagedFolder(site)
    assert staged.path != str(site) and os.path.dirname(staged.path) == str(tmp_path)
    write_site(staged.path, "new")
    assert read_site(site)["index.html"] == "old"  # untouched while building
    staged.publish()
    assert read_site(site) == {"index.html": "new", os.path.join("deep", "page.html"): "new"}
    assert beside(tmp_path) == ["site"]  # no staging or old folder left behind
    assert oct(os.stat(site).st_mode & 0o777) == "0o755"


def test_a_failed_build_leaves_the_old_site_as_it_was(tmp_path):
    site = tmp_path / "site"
    write_site(site, "old")
    staged = StagedFolder(site)
    write_site(staged.path, "half")
    staged.discard()
    assert read_site(site)["index.html"] == "old" and beside(tmp_path) == ["site"]


def test_the_swap_works_when_there_is_no_site_yet(tmp_path):
    site = tmp_path / "not" / "there" / "site"
    staged = StagedFolder(site)
    write_site(staged.path, "first")
    staged.publish()
    assert read_site(site)["index.html"] == "first"
    assert os.listdir(site.parent) == ["site"]


def test_a_crash_midway_leaves_no_half_site(tmp_path):
    """The process dies while writing the new site: the old one is whole where it was."""
    site = tmp_path / "site"
    write_site(site, "old")
    script = ("import os, sys; from generator.siteswap import StagedFolder; "
              f"s = StagedFolder({str(site)!r}); "
              "open(os.path.join(s.path, 'index.html'), 'w').write('half'); os._exit(9)")
    died = subprocess.run([sys.executable, "-c", script], cwd=ROOT)
    assert died.returncode == 9
    assert read_site(site) == {"index.html": "old", os.path.join("deep", "page.html"): "old"}
    leftovers = [name for name in beside(tmp_path) if name != "site"]
    assert len(leftovers) == 1 and leftovers[0].startswith("site.building-")


def test_a_swap_that_fails_puts_the_old_site_back(tmp_path, monkeypatch):
    site = tmp_path / "site"
    write_site(site, "old")
    staged = StagedFolder(site)
    write_site(staged.path, "new")
    real_rename = os.rename
    calls = []

    def rename(source, target):
        calls.append(source)
        if source == staged.path:  # moving the new site in fails (a full disk, a lock)
            raise OSError("cannot move")
        real_rename(source, target)

    monkeypatch.setattr(os, "rename", rename)
    with pytest.raises(OSError):
        staged.publish()
    monkeypatch.undo()
    assert read_site(site)["index.html"] == "old"
    assert len(calls) == 3  # old aside, new in (failed), old back
