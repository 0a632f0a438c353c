"""Building sites: the pages MkDocs writes, strict link checks, and never losing the last site."""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT, run_course

FIXTURE = Path(__file__).parent / "fixtures" / "golden-course"


def mkdocs(*args, cwd):
    return subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=600)


@pytest.fixture(scope="module")
def golden_site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("golden") / "course"
    shutil.copytree(FIXTURE, folder)
    result = mkdocs("build", "--strict", cwd=folder)
    assert result.returncode == 0, result.stderr
    return folder / "site"


def read(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def test_plain_mkdocs_strict_build_of_the_bundled_course(tmp_path):
    result = mkdocs("build", "--strict", "-d", str(tmp_path / "site"), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "index.html").is_file()


def test_every_page_is_generated_and_sources_are_not_copied(golden_site):
    pages = sorted(str(p.relative_to(golden_site)) for p in golden_site.rglob("*.html"))
    assert pages == ["404.html", "empty/index.html", "glossary.html", "index.html",
                     "policies.html", "progress.html", "rules/every-block.html",
                     "rules/index.html"]
    assert not list(golden_site.rglob("*.yml"))
    assert (golden_site / "assets/course/course.css").is_file()
    assert (golden_site / "assets/course/quiz.js").is_file()


def test_lesson_blocks_render_as_their_kind(golden_site):
    page = read(golden_site, "rules/every-block.html")
    assert '<h2 id="小标题带标点">' in page  # readable Chinese anchor
    assert '<div class="course-checklist">\n<ul>\n<li>第一项</li>' in page  # boxes drawn by CSS
    assert '<input type="checkbox"' not in page  # not form controls without a name
    assert '<div class="course-do">' in page and '<div class="course-dont">' in page
    assert page.count('role="listitem"') == 3  # dialogue turns
    assert '<div class="course-turn course-turn--agent" role="listitem">' in page
    assert "作者写的 &lt;script&gt;alert(1)&lt;/script&gt; 和 &lt;!-- 注释 --&gt; 原样显示" in page
    assert "<code>&lt;code&gt;</code>" in page
    sources = page.index('id="依据与核对日期"')
    assert page.index("本课内容核对于 2026-11-20") > sources  # review date at the foot
    assert '<a href="../glossary.html#term-仅退款">仅退款</a>' in page


def test_navigation_follows_section_order_with_prev_next(golden_site):
    home = read(golden_site, "index.html")
    nav = re.findall(r'href="([^"]+)" class="md-nav__link', home)
    assert nav.index("rules/index.html") < nav.index("empty/index.html")
    lesson = read(golden_site, "rules/every-block.html")
    assert '<a href="index.html" class="md-footer__link md-footer__link--prev"' in lesson
    assert '<a href="../empty/index.html" class="md-footer__link md-footer__link--next"' in lesson


def test_ui_is_chinese(golden_site):
    assert '<html lang="zh"' in read(golden_site, "index.html")


def test_no_english_chrome_on_chinese_pages(built_site):
    page = read(built_site, "rules/seven-day-return.html")
    assert "Made with" not in page  # Material's footer credit is English only
    assert "Permanent link" not in page
    assert 'class="headerlink" href="#学习目标" title="本节链接"' in page


def test_search_index_splits_chinese_into_words(golden_site):
    index = json.loads(read(golden_site, "search/search_index.json"))
    assert index["config"]["lang"] == ["zh"]
    text = " ".join(doc["text"] for doc in index["docs"])
    # jieba separates words with zero-width spaces, so 退款 is found inside 仅退款 sentences.
    assert "\u200b" in text
    assert "退货\u200b退款" in text or "退货退款" in text.split("\u200b")


def test_failed_yaml_keeps_the_previous_site(tmp_path):
    folder = tmp_path / "course"
    shutil.copytree(FIXTURE, folder)
    first = run_course("build", "-f", str(folder / "mkdocs.yml"), cwd=folder)
    assert first.returncode == 0, first.stderr
    before = read(folder / "site", "rules/every-block.html")
    lesson = folder / "content/rules/every-block.yml"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("title: 每种内容块",
                                                                  "title: [broken"), "utf-8")
    second = run_course("build", "-f", str(folder / "mkdocs.yml"), cwd=folder)
    assert second.returncode == 1
    assert "content/rules/every-block.yml:3:6: YAML syntax error: did not find expected ',' " \
           "or ']'" in second.stderr
    assert "the previous site was left as it was" in second.stderr
    assert "Traceback" not in second.stderr
    assert read(folder / "site", "rules/every-block.html") == before
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith("site")) == ["site"]


def test_failure_after_pages_were_written_keeps_the_previous_site(tmp_path):
    folder = tmp_path / "course"
    shutil.copytree(FIXTURE, folder)
    assert mkdocs("build", cwd=folder).returncode == 0
    before = read(folder / "site", "index.html")
    # A hand-written page's link to a missing page (`course check` sees the course's own
    # links, not those of Markdown pages beside them) is only found while MkDocs writes pages:
    # --strict then aborts.
    (folder / "content/notes.md").write_text("# Notes\n\nSee [elsewhere](missing.md).\n",
                                             encoding="utf-8")
    result = mkdocs("build", "--strict", cwd=folder)
    assert result.returncode == 1
    assert "Aborted with 1 warnings in strict mode" in result.stdout
    assert "Doc file 'notes.md' contains a link 'missing.md'" in result.stderr
    assert read(folder / "site", "index.html") == before
    assert not (folder / "site/notes.html").exists()
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith("site")) == ["site"]


def test_successful_build_replaces_the_site(tmp_path):
    folder = tmp_path / "course"
    shutil.copytree(FIXTURE, folder)
    assert mkdocs("build", cwd=folder).returncode == 0
    (folder / "site" / "stale.html").write_text("old", encoding="utf-8")
    assert mkdocs("build", cwd=folder).returncode == 0
    assert not (folder / "site" / "stale.html").exists()
    assert oct((folder / "site").stat().st_mode)[-3:] == "755"
