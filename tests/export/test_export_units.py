"""The export's pure parts: slug, dates, zips, PDF dates, SCORM manifest, handbook HTML."""

from __future__ import annotations

import datetime
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser

import pytest

from exporthelpers import ASSESSMENT_SECRETS, CONFIG, FIXTURE
from generator.checks import checked
from generator.export import handbook, print_quiz, scorm
from generator.export.mkdocs_site import site_settings
from generator.export.naming import SlugError, course_slug, to_slug
from generator.export.pdf import pin_dates
from generator.export.reproducible import ExportDateError, export_time, zip_bytes
from generator.export.trim import trim
from generator.integrity.opaque import OpaqueIds
from generator.loading import load_course
from generator.quizgraph import best_path
from generator.shuffle import display_order
from quizhelpers import make_quiz, ordering, registry_salt, scenario, single, true_false

UTC = datetime.timezone.utc


# --- naming ------------------------------------------------------------------------------

def test_slug_prefers_the_option_then_site_url_then_ascii_site_name_then_folder():
    assert course_slug("My Course!", "https://x.org/a/", "课程", "dir") == "my-course"
    assert course_slug(None, "https://example.org/refund-course/", "退款课程", "dir") == "refund-course"
    assert course_slug(None, "https://example.org/", "Refund Basics 2", "dir") == "refund-basics-2"
    assert course_slug(None, None, "抖音电商退款与售后实务", "My Folder") == "my-folder"
    assert course_slug(None, None, "退款", "课程") == "course"
    assert to_slug("Café déjà") == "cafe-deja"


def test_a_slug_option_without_ascii_is_refused_with_a_fix():
    with pytest.raises(SlugError, match=r"--slug '退款' has no ASCII letters or digits — use e.g. "
                                         r"--slug refund-course"):
        course_slug("退款", None, None, None)


# --- dates and zips ----------------------------------------------------------------------

def test_export_time_is_source_date_epoch_else_the_content_date_never_the_clock():
    day = datetime.date(2026, 11, 2)
    assert export_time(day, {}) == datetime.datetime(2026, 11, 2, tzinfo=UTC)
    assert export_time(day, {"SOURCE_DATE_EPOCH": "1767225600"}) == \
        datetime.datetime(2026, 1, 1, tzinfo=UTC)
    with pytest.raises(ExportDateError, match="SOURCE_DATE_EPOCH='soon' is not a whole number"):
        export_time(day, {"SOURCE_DATE_EPOCH": "soon"})


def test_zip_bytes_depend_only_on_the_entries_and_the_date():
    when = datetime.datetime(2026, 11, 2, 13, 45, 51, tzinfo=UTC)
    entries = {"b/z.txt": b"z" * 1000, "a.txt": "退款".encode(), "imsmanifest.xml": b"<m/>"}
    first = zip_bytes(entries, when, first=["imsmanifest.xml"])
    again = zip_bytes(dict(reversed(list(entries.items()))), when, first=["imsmanifest.xml"])
    assert first == again
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        infos = archive.infolist()
        assert [i.filename for i in infos] == ["imsmanifest.xml", "a.txt", "b/z.txt"]
        assert {i.date_time for i in infos} == {(2026, 11, 2, 13, 45, 50)}
        assert {i.external_attr >> 16 for i in infos} == {0o100644}
        assert archive.read("a.txt").decode() == "退款"
    old = zip_bytes({"a": b""}, datetime.datetime(1970, 1, 1, tzinfo=UTC))
    assert zipfile.ZipFile(io.BytesIO(old)).infolist()[0].date_time == (1980, 1, 1, 0, 0, 0)


def test_pdf_dates_are_pinned_without_moving_any_byte():
    pdf = (b"%PDF-1.4\n1 0 obj\n<</Producer (Skia/PDF m156)\n"
           b"/CreationDate (D:20261126193913+00'00')\n/ModDate (D:20261126193913+00'00')>>\nendobj\nxref\n")
    pinned = pin_dates(pdf, datetime.datetime(2026, 11, 2, tzinfo=UTC))
    assert len(pinned) == len(pdf)
    assert pinned.count(b"(D:20261102000000+00'00')") == 2
    assert pin_dates(pinned, datetime.datetime(2026, 11, 2, tzinfo=UTC)) == pinned


# --- SCORM -------------------------------------------------------------------------------

NS = {"cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
      "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2"}


def test_the_manifest_has_one_organization_one_item_one_sco_listing_every_file():
    files = scorm.package_files({"index.html": b"", "quiz/final.html": b"",
                                 "assets/course/scorm.js": b""},
                                slug="2shop", title="退款 & 售后 <课程>", language="zh")
    assert set(files) == {"index.html", "quiz/final.html", "assets/course/scorm.js",
                          scorm.LAUNCH, scorm.MANIFEST}
    root = ET.fromstring(files[scorm.MANIFEST])
    assert root.get("identifier") == "course-2shop"  # an XML ID may not start with a digit
    assert root.find("cp:metadata/cp:schemaversion", NS).text == "1.2"
    organizations = root.findall("cp:organizations/cp:organization", NS)
    assert len(organizations) == 1
    assert organizations[0].find("cp:title", NS).text == "退款 & 售后 <课程>"
    items = organizations[0].findall("cp:item", NS)
    assert len(items) == 1 and items[0].get("identifierref") == "sco"
    resources = root.findall("cp:resources/cp:resource", NS)
    assert len(resources) == 1
    sco = resources[0]
    assert sco.get("type") == "webcontent"
    assert sco.get(f"{{{NS['adlcp']}}}scormtype") == "sco"
    assert sco.get("href") == scorm.LAUNCH
    assert [f.get("href") for f in sco.findall("cp:file", NS)] == \
        ["assets/course/scorm.js", "index.html", scorm.LAUNCH, "quiz/final.html"]
    launch = files[scorm.LAUNCH].decode()
    assert 'data-scorm-launch' in launch and 'src="assets/course/scorm.js"' in launch
    assert '<iframe src="index.html"' in launch and "&lt;课程&gt;" in launch


# --- handbook ----------------------------------------------------------------------------

class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.hrefs, self.srcs, self.tags = [], [], [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.add(tag)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "a" and "href" in attrs:
            self.hrefs.append(attrs["href"])
        for name in ("src", "srcset"):
            if name in attrs:
                self.srcs.append(attrs[name])


@pytest.fixture(scope="module")
def loaded():
    return checked(load_course(FIXTURE / "content", FIXTURE / "quizzes"))


def _handbook(loaded, **options) -> str:
    _, _, extensions, configs = site_settings(CONFIG)
    return handbook.render_handbook(loaded, handbook.MarkdownSettings(extensions, configs),
                                    css="body{}", edition=datetime.date(2026, 11, 2),
                                    salt=registry_salt(FIXTURE), **options)


def test_page_anchors_name_the_page():
    assert handbook.page_anchor("index.md") == "home"
    assert handbook.page_anchor("rules/index.md") == "rules"
    assert handbook.page_anchor("rules/refund-window.md") == "rules.refund-window"
    assert handbook.page_anchor("quiz/final.md") == "quiz.final"


def test_the_handbook_has_unique_readable_anchors_and_every_link_lands(loaded):
    page = _handbook(loaded)
    found = _Collect()
    found.feed(page)
    assert len(found.ids) == len(set(found.ids)), "duplicate ids"
    # Two lessons' 小结 (summary) headings no longer collide: each carries its page.
    assert {"rules.refund-window--小结", "communication.calm-reply--小结"} <= set(found.ids)
    assert "rules.refund-window--期限对照表" in found.ids
    internal = [h for h in found.hrefs if h.startswith("#")]
    assert internal and not [h for h in internal if h[1:] not in found.ids]
    # A course link to another lesson's section, and a glossary link, point inside the handbook.
    assert "#communication.calm-reply--先回应情绪" in found.hrefs
    assert "#glossary--term-仅退款" in found.hrefs
    # Nothing is loaded from anywhere: no scripts, stylesheets, images or frames.
    assert not found.srcs and not ({"script", "link", "iframe", "img"} & found.tags)
    assert [h for h in found.hrefs if not h.startswith("#")] == ["https://example.org/law"]
    # The progress page stays in the browser.
    assert "data-course-progress" not in page and 'id="progress"' not in page


def test_practice_answers_are_in_the_appendix_and_assessment_answers_nowhere(loaded):
    page = _handbook(loaded)
    appendix = page.index('id="appendix"')
    for text in ("练习反馈甲", "练习解析甲", "先回应情绪。", "买家满意。"):
        assert text in page[appendix:] and text not in page[:appendix], text
    for secret in ASSESSMENT_SECRETS:
        assert secret not in page, secret
    # The printed questions are there, the options as boxes.
    assert "买家 10 号签收，最后一天是哪天？" in page
    assert re.search(r'class="hb-options hb-options--single"', page)
    assert "考核：本手册不含答案" in page


def test_an_assessment_export_prints_no_answers_at_all(loaded):
    page = _handbook(loaded, force_assessment=True)
    assert 'id="appendix"' not in page
    for text in ("练习反馈甲", "练习解析甲", "先回应情绪。", "买家满意。", *ASSESSMENT_SECRETS):
        assert text not in page, text
    # Nor where a conversation leads, nor any question's authored id.
    assert "hb-goto" not in page and "hb-node\" id=" not in page
    found = _Collect()
    found.feed(page)
    questions = [q.id for entry in loaded.quizzes for q in entry.quiz.questions]
    assert [i for i in found.ids if any(i.endswith(f"q-{q}") for q in questions)] == []


SALT = "0123456789abcdef0123456789abcdef"


def test_a_drawn_quiz_prints_its_pool_and_how_many_each_learner_draws(loaded):
    quiz = make_quiz(single("a1", pool="rules"), single("a2", pool="rules"),
                     single("a3", pool="rules"), true_false("b1", pool="talk"),
                     true_false("b2", pool="talk"), mode="assessment",
                     draw=[{"pool": "rules", "count": 2}, {"pool": "talk", "count": 1}])
    page = print_quiz.quiz_page(loaded, quiz, False, SALT)
    assert ('<p class="hb-note hb-draw">每位学员的试卷从下面 5 道题里抽 3 道：rules 组 3 道抽 2 道、'
            "talk 组 2 道抽 1 道。</p>") in page
    assert page.count('<div class="hb-q" markdown="block">') == 5  # the whole pool, no ids
    assert "<p class=\"hb-q-kind\">第 4 题 · 判断题 · talk 组</p>" in page


def test_an_assessment_conversation_prints_the_best_path_without_links_or_endings(loaded):
    quiz = make_quiz(scenario(), mode="assessment")
    page = print_quiz.quiz_page(loaded, quiz, False, SALT)
    assert "hb-goto" not in page and "](#" not in page and "id=" not in page
    assert [line for line in page.splitlines() if line.startswith(("- **", '<p class="hb-'))] == [
        '<p class="hb-quiz-meta">考核 · 1 题 · 及格线 80%</p>',
        '<p class="hb-note">这是考核：本手册不含答案。答题后按培训负责人的要求交卷。</p>',
        '<p class="hb-q-kind">第 1 题 · 情景对话</p>',
        '<p class="hb-hint">按顺序读每一步，每一步选一个回应；不管选哪个，对话都接着下一步。</p>',
        '<p class="hb-step">第 1 步</p>', "- **A.** 好", "- **B.** 差",
        '<p class="hb-step">第 2 步</p>', "- **A.** 还行", "- **B.** 最好",
        '<p class="hb-ending">对话结束</p>']
    assert "投诉" not in page and "满意" not in page  # the endings' outcomes never


def test_an_assessments_steps_print_in_opaque_id_order_not_a_shuffle_of_a_guessable_id(loaded):
    quiz = make_quiz(ordering("refund-steps", items=("a", "b", "c", "d", "e")),
                     mode="assessment")
    ids = OpaqueIds(quiz, SALT)
    page = print_quiz.quiz_page(loaded, quiz, False, SALT)
    printed = [line[len("- **A.** "):] for line in page.splitlines() if line.startswith("- **")]
    assert printed == sorted("abcde", key=lambda step: ids.item("refund-steps", step))
    practice = print_quiz.quiz_page(loaded, quiz.model_copy(update={"mode": "practice"}), False)
    assert [line[len("- **A.** "):] for line in practice.splitlines()
            if line.startswith("- **")] == [s.id for s in display_order(quiz.questions[0])]


def test_an_assessment_cannot_be_printed_without_the_salt(loaded):
    with pytest.raises(ValueError, match="needs the registry's salt"):
        print_quiz.quiz_page(loaded, make_quiz(single(), mode="assessment"), False)


def test_the_best_path_of_a_scenario_takes_the_most_points(loaded):
    quiz = loaded.quiz("rules-practice").quiz
    late = next(q for q in quiz.questions if q.id == "late")
    assert best_path(late) == [("open", "soothe")]


# --- trimming ----------------------------------------------------------------------------

def test_trim_drops_source_maps_and_search_languages_the_worker_will_not_load():
    lunr = "assets/javascripts/lunr/"
    files = {"index.html": b"", "assets/javascripts/bundle.js": b"",
             "assets/javascripts/bundle.js.map": b"",
             f"{lunr}min/lunr.stemmer.support.min.js": b"", f"{lunr}min/lunr.zh.min.js": b"",
             f"{lunr}min/lunr.de.min.js": b"", f"{lunr}min/lunr.multi.min.js": b"",
             f"{lunr}wordcut.js": b"", f"{lunr}tinyseg.js": b"", f"{lunr}min/lunr.ja.min.js": b"",
             "search/search_index.json": b'{"config": {"lang": ["zh"]}, "docs": []}'}
    assert set(trim(files)) == {"index.html", "assets/javascripts/bundle.js",
                                f"{lunr}min/lunr.stemmer.support.min.js",
                                f"{lunr}min/lunr.zh.min.js", "search/search_index.json"}
    files["search/search_index.json"] = b'{"config": {"lang": ["en", "ja"]}}'
    assert {p for p in trim(files) if p.startswith(lunr)} == {
        f"{lunr}min/lunr.stemmer.support.min.js", f"{lunr}tinyseg.js",
        f"{lunr}min/lunr.ja.min.js", f"{lunr}min/lunr.multi.min.js"}
    del files["search/search_index.json"]  # no search: keep every language file, to be safe
    assert len([p for p in trim(files) if p.startswith(lunr)]) == 7
