"""Two builds of the same course give byte-identical sites: no date comes from the clock."""

import gzip
import hashlib
import os
import shutil
import time
from pathlib import Path

from helpers import run_course

FIXTURE = Path(__file__).parent / "fixtures" / "golden-course"


def tree_digest(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_building_twice_gives_identical_sites(tmp_path):
    folder = tmp_path / "course"
    shutil.copytree(FIXTURE, folder)
    config = str(folder / "mkdocs.yml")
    assert run_course("build", "-f", config, "-d", str(tmp_path / "one")).returncode == 0
    time.sleep(1.1)  # a clock-based timestamp would now differ
    assert run_course("build", "-f", config, "-d", str(tmp_path / "two")).returncode == 0
    one, two = tree_digest(tmp_path / "one"), tree_digest(tmp_path / "two")
    assert len(one) > 20
    assert [name for name in one if one[name] != two.get(name)] == []
    assert one == two


def test_sitemap_dates_come_from_the_content(tmp_path):
    folder = tmp_path / "course"
    shutil.copytree(FIXTURE, folder)
    assert run_course("build", "-f", str(folder / "mkdocs.yml")).returncode == 0
    sitemap = (folder / "site/sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<lastmod>2026-11-20</lastmod>") == sitemap.count("<lastmod>") == 7
    with gzip.open(folder / "site/sitemap.xml.gz") as stream:
        stream.read()
        assert stream.mtime == 1795132800  # 2026-11-20T00:00:00Z, the newest review date


def test_the_bundled_course_builds_identically_whatever_the_clock_and_file_times(tmp_path):
    root = Path(__file__).resolve().parent.parent
    folder = tmp_path / "course"
    for part in ("content", "quizzes", "mkdocs.yml"):
        source = root / part
        if source.is_dir():
            shutil.copytree(source, folder / part)
        else:
            shutil.copy(source, folder / part)
    config = str(folder / "mkdocs.yml")
    assert run_course("build", "-f", config, "-d", str(tmp_path / "one")).returncode == 0
    # New modification times on every source file and a later clock: neither may show in the site.
    later = time.time() + 86_400
    for path in folder.rglob("*"):
        os.utime(path, (later, later))
    time.sleep(1.1)
    assert run_course("build", "-f", config, "-d", str(tmp_path / "two")).returncode == 0
    one, two = tree_digest(tmp_path / "one"), tree_digest(tmp_path / "two")
    assert len(one) > 60
    assert [name for name in one if one[name] != two.get(name)] == []
    assert sorted(one) == sorted(two)
