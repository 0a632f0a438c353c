"""Assessment builds: no answer key anywhere in the built site.

Every file of the site (pages, search index in .json and .js, sitemaps, assets) is searched for
every piece of the key: the JSON fields that mark right answers, the elements that hold feedback,
and the text of every feedback, explanation and outcome. A positive control runs the same search
on the practice build, where the key must be found: so a search that finds nothing proves
something.
"""

from __future__ import annotations

import gzip
import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.catalogue import languages, strings
from generator.markup import POLICY_REF
from generator.minify import shipped
from generator.models.quiz import MultipleChoice, Quiz, Scenario, SingleChoice, TrueFalse
from quizhelpers import ROOT, build_fixture_course, bundled_course, fixture_course

# What only a page with the answer key contains: JSON fields and feedback elements.
KEY_MARKERS = ['"correct":', '"answer":', '"solution":', '"best":', '"points":', '"scoring":',
               '"penalty":', "course-feedback", "course-explanation", "course-outcome",
               "data-feedback", "data-correct"]
ALLOWED_KEYS = {
    "quiz": {"course", "language", "mode", "passMark", "questions", "quiz", "shuffle", "title",
             "ui", "version"},
    "quiz_optional": {"identity", "draw", "exam"},
    "question": {"id", "type", "version", "options", "items", "start", "nodes", "pool"},
    "node": {"id", "choices"},
    "choice": {"id", "next"},
}
MIN_FRAGMENT = 4  # shorter pieces of text ("对。") prove nothing either way
_MARKUP = re.compile(r"[*_`#>|\[\]()\n]+|\s{2,}|\]\([^)]*\)")
_LINK = re.compile(r"\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")
_UNICODE_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


@dataclass
class KeyText:
    quiz: str
    where: str
    fragments: list[str]


def key_texts(loaded, quiz: Quiz) -> list[KeyText]:
    """Every feedback, explanation and outcome of a quiz, as searchable fragments."""
    def fragments(text: str) -> list[str]:
        # A policy value comes out with its date link after it: split the text there.
        text = POLICY_REF.sub("\n", text)
        text = _LINK.sub("]", text)
        return [f.strip() for f in _MARKUP.split(text) if len(f.strip()) >= MIN_FRAGMENT]

    out = []
    for q in quiz.questions:
        texts = {f"{q.id}.explanation": q.explanation}
        if isinstance(q, (SingleChoice, MultipleChoice)):
            texts |= {f"{q.id}.{o.id}.feedback": o.feedback for o in q.options}
        elif isinstance(q, TrueFalse) and q.feedback:
            texts |= {f"{q.id}.feedback.true": q.feedback.true,
                      f"{q.id}.feedback.false": q.feedback.false}
        elif isinstance(q, Scenario):
            for node in q.nodes:
                texts[f"{q.id}.{node.id}.outcome"] = node.outcome
                texts |= {f"{q.id}.{c.id}.feedback": c.feedback for c in node.choices}
        out += [KeyText(quiz.id, where, fragments(text)) for where, text in texts.items() if text]
    return out


def visible_text(loaded) -> str:
    """Everything the learner may see in any build: a key text that also appears here (an
    explanation quoting the lesson, say) proves nothing when found."""
    parts = [loaded.course.model_dump_json()]
    parts += [e.lesson.model_dump_json() for e in loaded.lessons]
    parts += [loaded.policies.model_dump_json(), loaded.glossary.model_dump_json()]
    for entry in loaded.quizzes:
        quiz = entry.quiz
        parts += [quiz.title, quiz.description or ""]
        for q in quiz.questions:
            parts.append(q.prompt)
            parts += [o.text for o in getattr(q, "options", [])]
            parts += [i.text for i in getattr(q, "items", [])]
            for node in getattr(q, "nodes", []):
                parts += [node.customer or "", node.situation or ""]
                parts += [node.order.model_dump_json() if node.order else ""]
                parts += [c.text for c in node.choices]
    for language in languages():
        parts += [json.dumps(strings(language), ensure_ascii=False)]
    return "\n".join(parts)


SHIPPED = {shipped(p.name, p.read_bytes())
           for p in (ROOT / "generator" / "assets").iterdir() if p.is_file()}


class Site:
    """Every file of a built site, with its text in every form a search could miss it in.

    Left out: the package's own assets (quiz.js, quiz.css, ...), byte for byte the same in every
    build, so they cannot hold any course's key (they do name the feedback elements' classes)."""

    def __init__(self, root: Path):
        self.root = root
        self.files: dict[str, str] = {}
        self.skipped: list[str] = []
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            data = path.read_bytes()
            if data in SHIPPED:
                self.skipped.append(str(path.relative_to(root)))
                continue
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            raw = data.decode("utf-8", errors="ignore")
            decoded = _UNICODE_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), raw)
            unescaped = html.unescape(decoded)  # attributes, entities
            forms = [raw, unescaped, html.unescape(_TAG.sub("", unescaped))]
            self.files[str(path.relative_to(root))] = "\n".join(forms)

    def find(self, needle: str, only: str | None = None) -> list[str]:
        """Names of the files holding `needle` (only the file `only`, when given)."""
        return [name for name, text in self.files.items()
                if (only is None or name == only) and needle in text]


def checked_fragments(loaded, quizzes, others=()) -> list[tuple[KeyText, str]]:
    """Fragments worth searching for: not visible anywhere legitimately, and not part of the
    key of a practice quiz built beside them (`others`)."""
    allowed = visible_text(loaded) + "\n".join(
        f for quiz in others for kt in key_texts(loaded, quiz) for f in kt.fragments)
    return [(kt, f) for quiz in quizzes for kt in key_texts(loaded, quiz) for f in kt.fragments
            if f not in allowed]


def assert_no_key(site: Site, loaded, quizzes, others=()) -> int:
    """No key text anywhere and no key marker on these quizzes' pages (anywhere at all when no
    practice quiz was built beside them); returns how many fragments were searched."""
    hits = []
    for quiz in quizzes:
        page = f"quiz/{quiz.id}.html"
        assert page in site.files, f"{page} was not built"
        for marker in KEY_MARKERS:
            hits += [(quiz.id, marker, name)
                     for name in site.find(marker, page if others else None)]
    fragments = checked_fragments(loaded, quizzes, others)
    for kt, fragment in fragments:
        hits += [(kt.where, fragment, name) for name in site.find(fragment)]
    assert hits == []
    return len(fragments)


def assert_key_present(site: Site, loaded, quizzes) -> None:
    """The positive control: in a practice build, every fragment the test relies on is found,
    and so are the markers."""
    missing = [(kt.where, f) for kt, f in checked_fragments(loaded, quizzes) if not site.find(f)]
    assert missing == []
    for quiz in quizzes:
        page = f"quiz/{quiz.id}.html"
        assert site.find('"points":', page) and site.find('"best":', page) or not any(
            isinstance(q, Scenario) for q in quiz.questions)
        assert site.find('"correct":', page) or not any(
            isinstance(q, (SingleChoice, MultipleChoice)) for q in quiz.questions)


@pytest.fixture(scope="module")
def fixture_loaded():
    return fixture_course()


def test_fixture_course_assessment_build_has_no_key(tmp_path_factory, fixture_loaded):
    loaded, quizzes = fixture_loaded
    site = Site(build_fixture_course(tmp_path_factory, assessment=True))
    assert assert_no_key(site, loaded, quizzes) >= 40  # fragments searched: not vacuous


def test_fixture_course_practice_build_hides_the_assessment_quiz_key(tmp_path_factory,
                                                                     fixture_loaded):
    loaded, quizzes = fixture_loaded
    site = Site(build_fixture_course(tmp_path_factory, assessment=False))
    assessment = [q for q in quizzes if q.mode == "assessment"]
    practice = [q for q in quizzes if q.mode == "practice"]
    assert [q.id for q in assessment] == ["final-exam"]
    assert assert_no_key(site, loaded, assessment, others=practice) >= 12
    assert_key_present(site, loaded, practice)  # the same search does find a practice key


def test_bundled_course_assessment_build_has_no_key(built_assessment_site, built_site):
    loaded, quizzes = bundled_course()
    # Fragments searched: the bundled course has 104 questions and gives 608 (not vacuous).
    assert assert_no_key(Site(built_assessment_site), loaded, quizzes) >= 500
    assert_key_present(Site(built_site), loaded, [q for q in quizzes if q.mode == "practice"])


def test_assessment_pages_carry_only_what_answering_needs(tmp_path_factory, built_assessment_site):
    sites = [build_fixture_course(tmp_path_factory, assessment=True), built_assessment_site]
    pages = [p for site in sites for p in (site / "quiz").glob("*.html")]
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        blocks = re.findall(r'<div class="course-quiz" [^>]*data-json="([^"]*)"', text)
        assert len(blocks) == 1, page
        data = json.loads(html.unescape(blocks[0]))
        assert ALLOWED_KEYS["quiz"] <= set(data) <= ALLOWED_KEYS["quiz"] | ALLOWED_KEYS[
            "quiz_optional"] and data["mode"] == "assessment"
        for question in data["questions"]:
            assert set(question) <= ALLOWED_KEYS["question"], (page, question)
            for node in question.get("nodes", []):
                assert set(node) == ALLOWED_KEYS["node"]
                assert all(set(c) == ALLOWED_KEYS["choice"] for c in node["choices"])
        assert 'data-mode="assessment"' in text and "data-points" not in text
