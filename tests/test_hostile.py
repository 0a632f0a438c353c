"""The hostile corpus: broken course files, each with its one clear message, fast, no traceback,
and the last good site left in place. Authored text that looks like HTML never breaks a page.

Each file in tests/hostile/ is named NN-what.KIND.yml; KIND says whether it replaces the lesson
(content/rules/refund-rules.yml) or the quiz (quizzes/rules-practice.yml) of a valid course.
A 10 MB file is made at run time rather than stored in git.
"""

import datetime
import html
import json
import re
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from coursefolder import make_course
from generator.checks import checked
from generator.errors import AuthorError
from generator.loading import load_course
from helpers import run_course

CORPUS = Path(__file__).parent / "hostile"
TARGETS = {"lesson": "content/rules/refund-rules.yml", "quiz": "quizzes/rules-practice.yml"}
TODAY = datetime.date(2026, 11, 26)

EXPECTED = {
    '01-syntax-unclosed-bracket': [
        "content/rules/refund-rules.yml:5:5: YAML syntax error: did not find expected ',' or ']' — check the indentation and punctuation on this line and the one above",
    ],
    '02-tab-indentation': [
        'content/rules/refund-rules.yml:5:1: YAML syntax error: a tab character is used for indentation — indent with spaces only (YAML does not allow tabs)',
    ],
    '03-colon-in-text': [
        'content/rules/refund-rules.yml:2:12: YAML syntax error: a colon followed by a space starts a new key here — put the whole text in quotes, e.g. title: "问题: 怎么办"',
    ],
    '04-unclosed-quote': [
        'content/rules/refund-rules.yml:2:8: YAML syntax error: this quoted text is never closed — close the quote that was opened',
    ],
    '05-duplicate-key': [
        "content/rules/refund-rules.yml:13:1: duplicate key 'summary' (first used on line 12) — remove one of them; YAML would silently keep the last",
    ],
    '06-duplicate-nested-key': [
        "quizzes/rules-practice.yml:12:9: duplicate key 'text' (first used on line 11) — remove one of them; YAML would silently keep the last",
    ],
    '07-python-tag': [
        'content/rules/refund-rules.yml:2:8: the tag !!python/object/apply:os.system is not allowed — remove it; course files hold only text, numbers, lists and mappings',
    ],
    '08-python-name-tag': [
        'quizzes/rules-practice.yml:2:8: the tag !!python/name:os.system is not allowed — remove it; course files hold only text, numbers, lists and mappings',
    ],
    '09-custom-include-tag': [
        'content/rules/refund-rules.yml:6:7: the tag !include is not allowed — remove it; course files hold only text, numbers, lists and mappings',
    ],
    '10-binary-tag': [
        'content/rules/refund-rules.yml:12:10: the tag !!binary is not allowed — remove it; course files hold only text, numbers, lists and mappings',
    ],
    '11-alias-bomb': [
        'content/rules/refund-rules.yml:2:8: aliases (*a) are not allowed — write the value out in full instead of reusing an anchor',
    ],
    '12-simple-alias': [
        'content/rules/refund-rules.yml:13:14: aliases (*s) are not allowed — write the value out in full instead of reusing an anchor',
    ],
    '13-merge-key': [
        'content/rules/refund-rules.yml:17:3: merge keys (<<) are not allowed — write the keys out in full',
    ],
    '14-complex-key': [
        'content/rules/refund-rules.yml:1:3: a key must be plain text, not a list or mapping — write the key as a single word',
    ],
    '15-empty-file': [
        'content/rules/refund-rules.yml:1:1: file is empty — start from `course new` to get a valid skeleton',
    ],
    '16-only-comments': [
        'content/rules/refund-rules.yml:1:1: file is empty — start from `course new` to get a valid skeleton',
    ],
    '17-top-level-list': [
        'content/rules/refund-rules.yml:1:1: the file must be a mapping of keys (key: value lines), got a list — start from `course new`: a lesson file begins with keys such as id: and title:',
    ],
    '18-plain-text-document': [
        "content/rules/refund-rules.yml:1:1: the file must be a mapping of keys (key: value lines), got the text '这是一段文字,不是 YAML 的键值' — start from `course new`: a lesson file begins with keys such as id: and title:",
    ],
    '19-typo-key-obectives': [
        "content/rules/refund-rules.yml:4:1: unknown key 'obectives' — did you mean 'objectives'?",
    ],
    '20-unknown-top-key': [
        "content/rules/refund-rules.yml:16:1: unknown key 'author' — allowed keys here: id, title, order, description, minutes, objectives, body, key_points, checklists, do_dont, dialogues, mistakes, summary, sources, reviewed_on",
    ],
    '21-title-is-a-list': [
        "content/rules/refund-rules.yml:3:3: 'title' must be text, got a list — write one text, not a list",
    ],
    '22-objectives-is-text': [
        "content/rules/refund-rules.yml:4:13: 'objectives' must be a list, got the text '说出退款规则' — start each item on its own line with '- '",
    ],
    '23-id-uppercase': [
        "content/rules/refund-rules.yml:1:5: 'id' must be an id of lowercase letters, digits and hyphens, got the text 'Refund_Rules' — write it like refund-rules",
    ],
    '24-id-not-file-name': [
        "content/rules/refund-rules.yml:1:5: id 'refund-rule' does not match the file name 'refund-rules.yml' — rename the file to refund-rule.yml or change the id to refund-rules",
        "quizzes/rules-practice.yml:8:13: unknown lesson 'refund-rules' — did you mean 'refund-rule'?",
    ],
    '25-bad-date': [
        "content/rules/refund-rules.yml:15:14: 'reviewed_on' must be a date like 2026-11-20, got the text '2026-02-30' — write the date as YYYY-MM-DD",
    ],
    '26-date-in-the-future': [
        'content/rules/refund-rules.yml:15:14: lesson date 2099-01-01 is in the future — write the date the check was done',
    ],
    '27-missing-required-keys': [
        "content/rules/refund-rules.yml:1:1: missing required key 'body' — add `body:` here",
        "content/rules/refund-rules.yml:1:1: missing required key 'objectives' — add `objectives:` here",
        "content/rules/refund-rules.yml:1:1: missing required key 'reviewed_on' — add `reviewed_on:` here",
        "content/rules/refund-rules.yml:1:1: missing required key 'summary' — add `summary:` here",
    ],
    '28-dialogue-two-speakers': [
        'content/rules/refund-rules.yml:19:9: a dialogue line must have exactly one key, buyer, agent or note, but has buyer, agent — write it as `- buyer: 你好`',
    ],
    '29-dialogue-unknown-speaker': [
        'content/rules/refund-rules.yml:19:9: a dialogue line must have exactly one key, buyer, agent or note, but has customer — write it as `- buyer: 你好`',
    ],
    '30-link-to-unknown-lesson': [
        "content/rules/refund-rules.yml:7:10: unknown lesson 'refund-rulez' — did you mean 'refund-rules'?",
    ],
    '31-link-to-unknown-anchor': [
        "content/rules/refund-rules.yml:7:10: lesson 'refund-rules' has no heading '#不存在的标题' — use one of: 依据与核对日期, 学习目标, 完好的标准, 小结, 退款规则",
    ],
    '32-unknown-policy': [
        "content/rules/refund-rules.yml:7:7: unknown policy 'no_such_value' — define it in policies.yml (known: none defined)",
    ],
    '33-yes-as-boolean': [
        "quizzes/rules-practice.yml:12:18: 'correct' must be true or false, got the text 'yes' — write true or false",
    ],
    '34-unknown-question-type': [
        "quizzes/rules-practice.yml:6:11: unknown question type 'choice' — use one of: single, multiple, true_false, ordering, scenario",
    ],
    '35-single-two-correct': [
        "quizzes/rules-practice.yml:10:7: single-choice question 'q1' has 2 correct options — mark exactly one option `correct: true`, or make it `type: multiple`",
    ],
    '36-single-no-correct': [
        "quizzes/rules-practice.yml:10:7: single-choice question 'q1' has 0 correct options — mark exactly one option `correct: true`, or make it `type: multiple`",
    ],
    '37-multiple-without-scoring': [
        "quizzes/rules-practice.yml:5:5: missing required key 'scoring' — add `scoring:` here with one of: all_or_nothing, partial",
    ],
    '38-pass-mark-80': [
        'quizzes/rules-practice.yml:4:12: pass_mark must be between 0 and 1, got 80 — write a share of the points, e.g. 0.8 for 80%',
    ],
    '39-duplicate-question-ids': [
        "quizzes/rules-practice.yml:15:9: duplicate question id 'q1' (first used on line 5) — ids must be unique; rename one of them",
    ],
    '40-duplicate-option-ids': [
        "quizzes/rules-practice.yml:13:13: duplicate option id 'approve' (first used on line 10) — ids must be unique; rename one of them",
    ],
    '41-scenario-unreachable-node': [
        "quizzes/rules-practice.yml:23:13: node 'orphan' cannot be reached from the start — lead a choice to it, or remove it",
    ],
    '42-scenario-missing-node': [
        "quizzes/rules-practice.yml:18:19: choice 'no-refund' leads to missing node 'worse' — use one of: start, thanked, complained",
    ],
    '43-scenario-cycle': [
        "quizzes/rules-practice.yml:25:19: choice 'again' leads back to 'start', making a loop — conversations must move forward; lead it to a new node",
    ],
    '44-scenario-path-without-ending': [
        "quizzes/rules-practice.yml:21:9: node 'complained' has no choices and no outcome, so the conversation stops without an ending — add `choices:` or an `outcome:` for this ending",
    ],
    '45-scenario-no-points': [
        "quizzes/rules-practice.yml:5:5: scenario 'chat' gives no points on any path — give the good choices `points:`",
    ],
    '46-quiz-unknown-section': [
        "quizzes/rules-practice.yml:3:10: unknown section 'rulez' — use one of: communication, rules",
    ],
    '47-question-links-unknown-lesson': [
        "quizzes/rules-practice.yml:8:13: unknown lesson 'refund-rulez' — did you mean 'refund-rules'?",
    ],
    '48-control-character': [
        'content/rules/refund-rules.yml:12:12: the file contains a control character (U+0000) — remove it; it is invisible in most editors',
    ],
    '49-deep-nesting': [
        'content/rules/refund-rules.yml:1:1004: YAML syntax error: lists or mappings are nested too deeply — course files need only a few levels; flatten the structure',
    ],
    '50-gbk-encoding': [
        'content/rules/refund-rules.yml:2:8: file is not valid UTF-8 (byte 0xcd) — it looks like GBK (Chinese Windows): save it as UTF-8',
    ],
    '51-utf16-encoding': [
        'content/rules/refund-rules.yml:1:1: file is UTF-16 encoded — save it as UTF-8 (without BOM)',
    ],
    '52-bom-and-typo': [
        "content/rules/refund-rules.yml:12:1: unknown key 'sumary' — did you mean 'summary'?",
    ],
}
EXPECTED["54-title-with-html"] = [
    "content/rules/refund-rules.yml:2:8: a title cannot contain < or > (pages would read it as "
    "HTML) — write \uff1c \uff1e or \u300a \u300b instead"]
EXPECTED["53-ten-megabytes"] = [
    "content/rules/refund-rules.yml:1:1: file is 10.0 MB, larger than the 1 MB limit for one "
    "course file — split it into several lessons or quizzes"]


def corpus_cases():
    for path in sorted(CORPUS.glob("*.yml")):
        name, kind, _ = path.name.split(".")
        yield pytest.param(name, kind, path.read_bytes(), id=name)
    big = ("id: refund-rules\nbody: |\n" + "  退款规则说明文字。\n" * 400_000).encode("utf-8")
    yield pytest.param("53-ten-megabytes", "lesson", big[:10_000_000], id="53-ten-megabytes")


CASES = list(corpus_cases())


def test_the_corpus_is_large_and_every_case_has_its_message():
    assert len(CASES) >= 40
    assert sorted(case.values[0] for case in CASES) == sorted(EXPECTED)


@pytest.fixture(scope="module")
def good_site(tmp_path_factory):
    """A course folder with a built site, to break case after case."""
    folder = tmp_path_factory.mktemp("hostile") / "course"
    make_course(folder)
    result = run_course("build", cwd=folder)
    assert result.returncode == 0, result.stderr
    return folder


@pytest.mark.parametrize("name, kind, raw", CASES)
def test_each_broken_file_gives_its_message_fast(name, kind, raw, tmp_path, monkeypatch):
    make_course(tmp_path)
    (tmp_path / TARGETS[kind]).write_bytes(raw)
    monkeypatch.chdir(tmp_path)
    started = time.perf_counter()
    with pytest.raises(AuthorError) as caught:
        checked(load_course(Path("content"), Path("quizzes")), today=TODAY)
    elapsed = time.perf_counter() - started
    assert [str(p) for p in caught.value.problems] == EXPECTED[name]
    assert elapsed < 1.0


@pytest.mark.parametrize("name, kind, raw", CASES)
def test_each_broken_file_fails_the_build_and_keeps_the_site(name, kind, raw, good_site):
    target = good_site / TARGETS[kind]
    original = target.read_bytes()
    site_before = {p: p.read_bytes() for p in (good_site / "site").rglob("*.html")}
    target.write_bytes(raw)
    try:
        result = run_course("build", cwd=good_site)
    finally:
        target.write_bytes(original)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert EXPECTED[name][0] in result.stderr
    assert "the previous site was left as it was" in result.stderr
    assert {p: p.read_bytes() for p in (good_site / "site").rglob("*.html")} == site_before
    assert [p.name for p in good_site.iterdir() if p.name.startswith("site")] == ["site"]


class PageStructure(HTMLParser):
    """What a browser would see: comments, script bodies, visible text, how the page ends."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.comments, self.scripts, self.closed = [], [], []
        self.text = ""
        self._in_script = False
        self.feed(html)

    def handle_comment(self, data):
        self.comments.append(data)

    def handle_starttag(self, tag, attrs):
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False
        if tag in ("article", "body", "html"):
            self.closed.append(tag)

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)
        else:
            self.text += data


HOSTILE_TEXT = 'a </script> b <!-- c --> "d" \\e \\u2028 </div> ]]> {{ x }} <script>alert(1)</script>'


def test_authored_text_that_looks_like_html_never_breaks_a_page(tmp_path):
    lesson = (
        "id: refund-rules\ntitle: " + json.dumps('标题 "引号" \\反斜杠 \'单引号\'') +
        "\norder: 1\nobjectives:\n"
        f"  - {json.dumps(HOSTILE_TEXT)}\nbody: |\n  {HOSTILE_TEXT}\n\n  ## 完好的标准\n\n  正文\n"
        f"summary: {json.dumps(HOSTILE_TEXT)}\ndialogues:\n  - title: 对话\n    lines:\n"
        f"      - buyer: {json.dumps(HOSTILE_TEXT)}\n      - agent: 好\n"
        "reviewed_on: 2026-11-20\n")
    quiz = (
        "id: rules-practice\ntitle: 练习\nsection: rules\nquestions:\n  - id: q1\n"
        f"    type: single\n    prompt: {json.dumps(HOSTILE_TEXT)}\n"
        f"    explanation: {json.dumps(HOSTILE_TEXT)}\n    options:\n"
        f"      - id: a\n        text: {json.dumps(HOSTILE_TEXT)}\n        correct: true\n"
        f"        feedback: {json.dumps(HOSTILE_TEXT)}\n      - id: b\n        text: 否\n")
    make_course(tmp_path, lessons={"rules/refund-rules": lesson}, quizzes={"rules-practice": quiz})
    result = run_course("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for page in ("rules/refund-rules.html", "quiz/rules-practice.html"):
        parsed = PageStructure((tmp_path / "site" / page).read_text(encoding="utf-8"))
        assert parsed.comments == []  # an authored <!-- would hide the rest of the page
        assert not any("alert" in script for script in parsed.scripts)  # shown, never run
        assert "<script>alert(1)</script>" in parsed.text  # shown as the author typed it
        assert parsed.closed == ["article", "body", "html"]  # the page ends where it should
    quiz_html = (tmp_path / "site/quiz/rules-practice.html").read_text(encoding="utf-8")
    # The widget's data is an attribute (instant navigation re-runs inline scripts as JS).
    blocks = re.findall(r'<div class="course-quiz" [^>]*data-json="([^"]*)"', quiz_html)
    assert len(blocks) == 1
    data = json.loads(html.unescape(blocks[0]))
    assert data["quiz"] == "rules-practice"


# Property-based tests for the loader and the grader: tests/test_properties.py.
