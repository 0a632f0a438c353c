"""`course export` as a user runs it: the four files, their contents, and byte-for-byte repeats."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile

import pytest

from exporthelpers import (
    ASSESSMENT_SECRETS,
    CONFIG,
    FIXTURE,
    KINDS,
    SLUG,
    export,
    exported_once,
    need_chromium,
    sha256,
)
from generator.integrity.opaque import OpaqueIds
from helpers import missing_tool, run_course
from quizhelpers import load_quizzes, registry_salt


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    return exported_once(tmp_path_factory)


def test_the_command_prints_each_file_and_its_size(exported):
    lines = exported["stdout"].splitlines()
    for kind in KINDS:
        path = exported[kind]
        size = path.stat().st_size
        line = next(line for line in lines if f"{SLUG}-{kind}" in line)
        assert f"({size:,} bytes)" in line


def test_exporting_twice_gives_identical_bytes(exported, tmp_path):
    again = export(tmp_path / "again")  # another folder, another moment: the same bytes
    hashes = {kind: sha256(exported[kind]) for kind in KINDS}
    assert {kind: sha256(again[kind]) for kind in KINDS} == hashes
    print("\n" + "\n".join(f"{hashes[kind]}  {SLUG}-{kind}" for kind in KINDS))


def test_source_date_epoch_dates_every_file(tmp_path):
    files = export(tmp_path, env={"SOURCE_DATE_EPOCH": "1767225600"})  # 2026-01-01 00:00 UTC
    for kind in ("offline.zip", "scorm12.zip"):
        with zipfile.ZipFile(files[kind]) as archive:
            assert {i.date_time for i in archive.infolist()} == {(2026, 1, 1, 0, 0, 0)}
            sitemap = next(n for n in archive.namelist() if n.endswith("sitemap.xml"))
            assert "<lastmod>" in archive.read(sitemap).decode()
    pdf = files["handbook.pdf"].read_bytes()
    assert pdf.count(b"(D:20260101000000+00'00')") == 2  # CreationDate and ModDate


def test_without_source_date_epoch_the_newest_review_date_is_used(exported):
    with zipfile.ZipFile(exported["offline.zip"]) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2026, 11, 2, 0, 0, 0)}
    assert exported["handbook.pdf"].read_bytes().count(b"(D:20261102000000+00'00')") == 2


def test_the_offline_zip_holds_the_site_in_one_folder_with_a_local_search_shim(exported):
    with zipfile.ZipFile(exported["offline.zip"]) as archive:
        names = archive.namelist()
        assert all(name.startswith(f"{SLUG}/") for name in names)
        assert {f"{SLUG}/index.html", f"{SLUG}/search/search_index.js",
                f"{SLUG}/assets/course/iframe-worker-shim.js", f"{SLUG}/progress.html",
                f"{SLUG}/quiz/final.html", f"{SLUG}/assets/course/quiz-exam.js",
                f"{SLUG}/assets/course/quiz-exam.css"} <= set(names)
        assert f"{SLUG}/assets/course/scorm.js" not in names
        assert {i.external_attr >> 16 for i in archive.infolist()} == {0o100644}
        index = archive.read(f"{SLUG}/index.html").decode()
    assert 'src="assets/course/iframe-worker-shim.js"' in index
    assert "unpkg.com" not in index and "fonts.googleapis" not in index
    # Nothing to load from another host (rel="canonical" names the site's address; never loaded).
    remote = re.findall(
        r'<(?:script|link|img|iframe)\b[^>]*?(?:src|href)="(?:https?:)?//[^"]*"[^>]*>', index)
    assert [tag for tag in remote if 'rel="canonical"' not in tag] == []


def test_the_scorm_package_lists_every_file_in_its_manifest(exported):
    with zipfile.ZipFile(exported["scorm12.zip"]) as archive:
        names = archive.namelist()
        assert names[0] == "imsmanifest.xml"
        manifest = ET.fromstring(archive.read("imsmanifest.xml"))
        page = archive.read("quiz/rules-practice.html").decode()
    ns = {"cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2"}
    listed = {f.get("href") for f in manifest.iterfind(".//cp:file", ns)}
    assert listed == set(names) - {"imsmanifest.xml"}
    assert {"launch.html", "index.html", "assets/course/scorm.js",  # quiz-exam.*: quiz.js fetches
            "assets/course/quiz-exam.js", "assets/course/quiz-exam.css"} <= listed
    assert 'src="../assets/course/scorm.js"' in page


def test_the_handbook_pdf_is_a4_chinese_text_with_page_numbers(exported):
    pdftotext = shutil.which("pdftotext")
    if not pdftotext:
        missing_tool("pdftotext (Debian poppler-utils) is needed to read the PDF")
    info = subprocess.run(["pdfinfo", str(exported["handbook.pdf"])], capture_output=True,
                          text=True, check=True).stdout
    assert re.search(r"Page size:\s+594\.\d+ x 841\.\d+ pts \(A4\)", info)
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages >= 8
    text = subprocess.run([pdftotext, "-layout", str(exported["handbook.pdf"]), "-"],
                          capture_output=True, text=True, check=True).stdout
    for words in ("导出测试课程", "目录", "退款期限怎么算", "期限对照表", "小结",
                  "附录：练习答案与解析", "练习反馈甲", f"2 / {pages}"):
        assert words in text, words
    for secret in ASSESSMENT_SECRETS:
        assert secret not in text


def test_an_assessment_export_has_no_answer_key_in_any_file(tmp_path):
    files = export(tmp_path, "--assessment")
    practice_key = ("练习反馈甲", "练习解析甲", "先回应情绪。", "买家满意。")
    for kind in ("offline.zip", "scorm12.zip"):
        with zipfile.ZipFile(files[kind]) as archive:
            for name in archive.namelist():
                data = archive.read(name).decode("utf-8", "replace")
                for text in ASSESSMENT_SECRETS + practice_key:
                    assert text not in data, f"{kind}:{name} holds {text}"
    page = files["handbook.html"].read_text("utf-8")
    for text in ASSESSMENT_SECRETS + practice_key:
        assert text not in page


def test_offline_and_scorm_assessment_pages_name_everything_by_opaque_ids(exported):
    # The same pages as the site: ids from the course's registry salt, none authored.
    quiz = load_quizzes(FIXTURE / "content", FIXTURE / "quizzes")[1]
    final = next(q for q in quiz if q.id == "final")
    ids = OpaqueIds(final, registry_salt(FIXTURE))
    expected = {ids.question(q.id) for q in final.questions}
    for kind in ("offline.zip", "scorm12.zip"):
        with zipfile.ZipFile(exported[kind]) as archive:
            name = next(n for n in archive.namelist() if n.endswith("quiz/final.html"))
            page = archive.read(name).decode("utf-8")
        assert set(re.findall(r'data-question="([^"]+)"', page)) == expected, kind
        assert ids.item("last-day", "d17") in page and 'value="d17"' not in page, kind
        assert "course-goto" not in page and 'data-node="end"' not in page, kind


def test_a_missing_chromium_is_a_clear_error_not_a_traceback(tmp_path):
    result = run_course("export", "-f", str(CONFIG), "--out", str(tmp_path),
                        env={"CHROMIUM": str(tmp_path / "no-such-chrome")})
    assert result.returncode == 1
    assert f"course export: CHROMIUM={tmp_path / 'no-such-chrome'}: no such program — point it " \
           "at a Chromium or Chrome executable, or unset it" in result.stderr
    assert "Traceback" not in result.stderr
    assert not list(tmp_path.iterdir())


def test_a_missing_config_file_says_how_to_fix_it(tmp_path):
    result = run_course("export", "-f", str(tmp_path / "mkdocs.yml"), "--out", str(tmp_path))
    assert result.returncode == 1
    assert "config file not found — run from the course folder or pass -f" in result.stderr


def test_by_default_the_files_go_to_dist_beside_mkdocs_yml(tmp_path):
    need_chromium()
    course = tmp_path / "course"
    shutil.copytree(CONFIG.parent, course)
    result = run_course("export", "-f", str(course / "mkdocs.yml"), "--slug", "Mein Kurs",
                        cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (course / "dist").iterdir()) == sorted(
        f"mein-kurs-{kind}" for kind in KINDS)


def test_a_failed_print_writes_none_of_the_files(tmp_path):
    out = tmp_path / "dist"
    out.mkdir()
    (out / f"{SLUG}-offline.zip").write_bytes(b"the previous export")
    result = run_course("export", "-f", str(CONFIG), "--out", str(out),
                        env={"CHROMIUM": shutil.which("false") or "/bin/false"})
    assert result.returncode == 1
    assert "could not print the handbook (exit 1)" in result.stderr
    assert "Traceback" not in result.stderr
    assert [p.name for p in out.iterdir()] == [f"{SLUG}-offline.zip"]
    assert (out / f"{SLUG}-offline.zip").read_bytes() == b"the previous export"
