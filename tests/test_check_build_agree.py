"""Check and build agree: whatever `course check` accepts, `course build --strict` builds.

Over links of every kind (lesson, lesson#anchor, quiz, section, glossary by spelling, alias, link
name and in angle brackets, policy, web addresses, relative files, images, anchors into the
glossary and the rule values page), as a corpus with the exact message for each one check
refuses, and as a property: random links, checked one by one, and every accepted one built
together in a strict build. The refused ones, built anyway (the check bypassed), do make MkDocs
warn, and its warnings name the YAML file and line of the link, not a generated page.
"""

from __future__ import annotations

import datetime
import logging
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import generator.plugin.plugin as plugin_module
from generator.checks import checked
from generator.errors import AuthorError
from generator.loading import load_course
from generator.plugin import engine

ENGLISH = Path(__file__).parent / "fixtures" / "english-course"
TODAY = datetime.date(2026, 11, 26)

# (link as an author writes it in a lesson of section `basics`, what `course check` says or None)
CORPUS = [
    ("[a](lesson:first-reply)", None),
    ("[a](lesson:first-reply#answer-the-question)", None),
    ("[a](<lesson:first-reply#answer-the-question>)", None),
    ("[a](quiz:basics-practice)", None),
    ("[a](section:service)", None),
    ("[a](glossary:refund)", None),
    ("[a](glossary:RMA)", None),
    ("[a](glossary:return-number)", None),
    ("[a](<glossary:return number>)", None),
    ("[a](glossary:after-sales-request)", None),
    ("[a](policy:no_reason_days)", None),
    ("{{policy.no_reason_days}}", None),
    ("[a](https://example.org/a?b=c#d)", None),
    ("[a](mailto:help@example.org)", None),
    ("![a](data:image/png;base64,iVBORw0KGgo=)", None),  # in the page itself: nothing loaded
    ("![a](http://evil.example/x.png)",
     "image 'http://evil.example/x.png' would be loaded from another host, which the course's "
     "pages never do (they work offline) — save the picture in content/ (copied into the site) "
     "and link it by its path from this page"),
    ("Look: ![a](//cdn.example/x.png)",
     "image '//cdn.example/x.png' would be loaded from another host, which the course's pages "
     "never do (they work offline) — save the picture in content/ (copied into the site) and "
     "link it by its path from this page"),
    ("[a](pic.png)", None),
    ("![a](pic.png)", None),
    ('![a](pic.png "A picture")', None),
    ("[a](../files/guide.pdf)", None),
    ("[a](../files/my%20guide.pdf)", None),
    ("[a](every-block.md)", None),
    ("[a](every-block.md#reading-a-request)", None),
    ("[a](#learning-objectives)", None),
    ("[a](../glossary.md#term-return-number)", None),
    ("[a](../policies.md#policy-no-reason-days)", None),
    ("[a](../index.md)", None),
    ("[a](../service/first-reply.md)", None),
    ("[a][guide] and ![b][picture]\n\n[guide]: ../files/guide.pdf\n[picture]: pic.png", None),
    ("[a](lesson:first-replies)",
     "unknown lesson 'first-replies' — did you mean 'first-reply'?"),
    ("[a](lesson:first-reply#answer)",
     "lesson 'first-reply' has no heading '#answer' — use one of: answer-the-question, "
     "learning-objectives, sources-and-review-date, summary, the-first-reply"),
    ("[a](quiz:basics)", "link to unknown quiz 'basics' — use one of: basics-practice, "
                         "final-assessment"),
    ("[a](section:rules)", "link to unknown section 'rules' — use one of: basics, service"),
    ("[a](glossary:return number)",
     "link target 'glossary:return number' has a space, so the link would show as raw text — "
     "write the term's link name, [text](glossary:return-number), or the target in angle "
     "brackets: [text](<glossary:return number>)"),
    ("[a](glossary:refunds)", "link to unknown glossary term 'refunds' — did you mean 'refund'?"),
    ("[a](glossary:warranty)", "link to unknown glossary term 'warranty' — use one of: "
                               "return number, RMA, after-sales request, refund"),
    ("[a](<glossary:return numbers>)",
     "link to unknown glossary term 'return numbers' — did you mean 'return number'?"),
    ("[a](lesson:first-reply#two words)",
     "link target 'lesson:first-reply#two words' has a space, so the link would show as raw "
     "text — anchors join words with '-': [text](lesson:first-reply#two-words)"),
    ("[a](policy:days)", "link to unknown policy 'days' — define it in policies.yml (known: "
                         "no_reason_days)"),
    ("[a](glossry:refund)", "link kind 'glossry:' is not one of the course's — did you mean "
                            "'glossary:'?"),
    ("[a](missing.png)", "link 'missing.png' points to 'basics/missing.png', which is neither a "
                         "page of the site nor a file of the content folder — put the file at "
                         "content/basics/missing.png (the content folder is copied into the "
                         "site)"),
    ("![a](pics.png)", "link 'pics.png' points to 'basics/pics.png', which is neither a page of "
                       "the site nor a file of the content folder — did you mean 'pic.png'?"),
    ("[a](/pic.png)", "link '/pic.png' starts at the site's root, which breaks when the site is "
                      "opened from disk or moved — link from this page instead: (../pic.png)"),
    ("[a](#nowhere)", "lesson 'links' has no heading '#nowhere' — use one of: "
                      "learning-objectives, links, sources-and-review-date, summary"),
    ("[a](../glossary.md#term-refunds)",
     "the glossary has no entry '#term-refunds' — did you mean '#term-refund'?"),
    ("[a](../index.md#who-it-is-for)",
     "link '../index.md#who-it-is-for' points into a page whose anchors are made by the "
     "generator — link the page without #…, or a lesson's heading"),
    ("[a](every-block.yml)", "link 'every-block.yml' points to a course file, which is not part "
                             "of the site — link the lesson: [text](lesson:every-block)"),
    ("[a](<../files/my guide.pdf>)",
     "link target '<../files/my guide.pdf>' is in angle brackets, which only course links may "
     "use — write the address without them, with %20 for a space in a file name"),
    ("[a](../../outside.png)", "link '../../outside.png' points outside the site — put the file "
                               "in content/ and link it from there"),
    ("[a][guide]\n\n[guide]: guide.pdf", "link 'guide.pdf' points to 'basics/guide.pdf', which "
                                        "is neither a page of the site nor a file of the content "
                                        "folder — put the file at content/basics/guide.pdf (the "
                                        "content folder is copied into the site)"),
    ("[a](lesson:first-reply", "link '(lesson:first-reply' is not closed, so it would show as "
                               "raw text — write it as [text](kind:id) with ASCII brackets and "
                               "no spaces inside the ( )"),
]


def lesson_with(text: str) -> str:
    """A lesson `links` of section basics whose body holds `text`."""
    body = "\n".join(f"  {line}" for line in text.splitlines())
    return ("id: links\ntitle: Links\nobjectives:\n  - Follow links\nbody: |\n"
            f"{body}\nsummary: Done.\nsources:\n  - title: Guide\nreviewed_on: 2026-11-20\n")


@pytest.fixture
def course(tmp_path, monkeypatch) -> Path:
    """The English fixture course with a picture and two files to link to; the working folder."""
    folder = tmp_path / "course"
    shutil.copytree(ENGLISH, folder)
    (folder / "content/basics/pic.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (folder / "content/files").mkdir()
    for name in ("guide.pdf", "my guide.pdf"):
        (folder / "content/files" / name).write_bytes(b"%PDF-1.4\n")
    monkeypatch.chdir(folder)
    return folder


def problems_of(course: Path, text: str) -> list[str]:
    """What `course check` says of a lesson holding `text` (messages without their place)."""
    (course / "content/basics/links.yml").write_text(lesson_with(text), encoding="utf-8")
    try:
        checked(load_course(course / "content", course / "quizzes"), today=TODAY)
    except AuthorError as error:
        return [p.message + (f" — {p.hint}" if p.hint else "") for p in error.problems]
    return []


class _Warnings(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def build_warnings(course: Path, *, strict: bool = True) -> list[str]:
    """MkDocs' warnings in a build of the course (in this process): none when it built."""
    handler = _Warnings()
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(handler)
    try:
        config = engine.load_config(course / "mkdocs.yml", strict=strict,
                                    site_dir=str(course / "site"))
        try:
            engine.build(config, published_by="course build")
        except engine.BuildFailed as error:
            handler.messages.append(f"build failed: {error}")
    finally:
        mkdocs_log.removeHandler(handler)
    return handler.messages


def test_the_corpus_says_exactly_what_check_refuses(course):
    for text, expected in CORPUS:
        assert problems_of(course, text) == ([expected] if expected else []), text


def test_every_link_check_accepts_builds_strictly(course):
    accepted = [text for text, expected in CORPUS if expected is None]
    assert problems_of(course, "\n\n".join(accepted)) == []
    assert build_warnings(course) == []
    page = (course / "site/basics/links.html").read_text("utf-8")
    assert 'href="../glossary.html#term-return-number"' in page
    assert '<img alt="a" src="pic.png"' in page


def test_what_check_refuses_makes_mkdocs_warn_about_the_yaml_line(course, monkeypatch):
    """The refused links that MkDocs itself can see, built with the check bypassed: each makes
    a warning, and each warning names the YAML file, line and column of its link, unescaped."""
    seen_by_mkdocs = ["[a](missing.png)", "![a](pics.png)", "[a](/pic.png)", "[a](#nowhere)",
                      "[a](../glossary.md#term-refunds)", "[a](every-block.yml)",
                      "[a](<../files/my guide.pdf>)", "[a](<glossary:return numbers>)",
                      "[a][g]\n\n[g]: guide.pdf"]
    (course / "content/basics/links.yml").write_text(lesson_with("\n\n".join(seen_by_mkdocs)),
                                                     encoding="utf-8")
    monkeypatch.setattr(plugin_module, "checked", lambda loaded, **settings: loaded)
    warnings = sorted(build_warnings(course, strict=False),
                      key=lambda w: int(w.split(":")[1]))
    assert warnings == [
        "content/basics/links.yml:6:7: a link 'missing.png', but the target 'basics/missing.png' "
        "is not found among documentation files.",
        "content/basics/links.yml:8:8: a link 'pics.png', but the target 'basics/pics.png' is not "
        "found among documentation files.",
        "content/basics/links.yml:10:7: an absolute link '/pic.png', it was left as is.",
        "content/basics/links.yml:12:7: a link '#nowhere', but there is no such anchor on this "
        "page.",
        "content/basics/links.yml:14:7: a link '../glossary.md#term-refunds', but the doc "
        "'content/glossary.yml' does not contain an anchor '#term-refunds'.",
        "content/basics/links.yml:16:7: a link 'every-block.yml', but the target "
        "'basics/every-block.yml' is not found among documentation files.",
        "content/basics/links.yml:18:6: a link '<../files/my guide.pdf>', but the target "
        "'basics/<../files/my guide.pdf>' is not found among documentation files.",
        "content/basics/links.yml:20:6: an unrecognized relative link "
        "'<glossary:return numbers>', it was left as is.",
        "content/basics/links.yml:24:8: a link 'guide.pdf', but the target 'basics/guide.pdf' is "
        "not found among documentation files."]


# A link as hypothesis makes one: a kind, a target near the course's own (known, misspelt,
# with spaces, cased, with anchors) and a form (plain, angle brackets, image).
TARGETS = {
    "lesson": ["every-block", "first-reply", "first-reply#answer-the-question",
               "every-block#reading-a-request", "first-reply#Answer", "every-blok",
               "links#summary"],
    "quiz": ["basics-practice", "final-assessment", "basics-practise"],
    "section": ["basics", "service", "Basics"],
    "glossary": ["refund", "RMA", "return-number", "return number", "after-sales request",
                 "after-sales-request", "Refund", "rma"],
    "policy": ["no_reason_days", "no-reason-days"],
    "": ["pic.png", "pic.PNG", "../files/guide.pdf", "../files/my%20guide.pdf", "#summary",
         "../glossary.md#term-refund", "../policies.md#policy-no-reason-days", "every-block.md",
         "https://example.org", "../basics/pic.png", "./pic.png", "pic.png#x", "../quiz/x.md",
         "../progress.md", "../index.md", "files/guide.pdf", "mailto:a@b.org"],
}


@st.composite
def links(draw):
    kind = draw(st.sampled_from(sorted(TARGETS)))
    target = draw(st.sampled_from(TARGETS[kind]))
    form = draw(st.sampled_from(["plain", "plain", "angled", "image"]))
    written = f"{kind}:{target}" if kind else target
    if form == "angled":
        written = f"<{written}>"
    return f"{'!' if form == 'image' else ''}[x]({written})"


@settings(max_examples=12, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(links(), min_size=10, max_size=40))
def test_any_links_check_accepts_build_strictly(course, drawn):
    accepted = [text for text in drawn if problems_of(course, text) == []]
    if problems_of(course, "\n\n".join(accepted) or "No links.") != []:
        pytest.fail(f"accepted one by one but not together: {accepted}")
    assert build_warnings(course) == [], accepted
