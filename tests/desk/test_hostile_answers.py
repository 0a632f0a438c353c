"""Hostile answer files: a learner who wants a certificate without learning, a colleague who
wants to submit under someone else's id, a file edited after it was saved. Each is graded by
`course grade` as a trainer runs it, against a course whose final exam draws each learner's paper
from pools, allows 2 attempts of 30 minutes (late files refused) and has a roster with access
codes; each attack gets its exact line, or is shown to be graded correctly.
"""

from __future__ import annotations

import codecs
import datetime
import json
import shutil

import pytest

from answerkit import CONFIG, answer_document, page_answer_file, registry_text, resign, write
from desktools import course
from generator.desk.gradebook import Gradebook
from generator.desk.roster import RosterEntry
from generator.fingerprint import quiz_version
from generator.integrity import registry, seeds
from generator.integrity.opaque import OpaqueIds
from generator.loading import load_course
from generator.shuffle import presentation

EXAM = """\
id: final
title: 结业考核
mode: assessment
required: true
pass_mark: 0.75
draw:
  - pool: rules
    count: 2
  - pool: care
    count: 2
exam:
  time_limit: 30
  grace: 2
  late: refuse
  attempts: 2
questions:
""" + "".join(f"""\
  - id: rule-{n}
    pool: rules
    type: single
    prompt: 规则题 {n}
    options:
      - id: right
        text: 对的做法
        correct: true
      - id: wrong
        text: 错的做法
""" for n in range(1, 5)) + "".join(f"""\
  - id: care-{n}
    pool: care
    type: true_false
    prompt: 判断题 {n}
    answer: true
""" for n in range(1, 4)) + """\
  - id: care-order
    pool: care
    type: ordering
    scoring: all_or_nothing
    prompt: 排好顺序
    items:
      - id: first
        text: 先
      - id: second
        text: 再
      - id: third
        text: 然后
      - id: last
        text: 最后
"""

CODES = {"cs-001": "7KQ2-M9XD-F", "cs-002": "3DG7-8HJK-0"}
RIGHT = {**{f"rule-{n}": "right" for n in range(1, 5)},
         **{f"care-{n}": True for n in range(1, 4)},
         "care-order": ["first", "second", "third", "last"]}
WRONG = {**{f"rule-{n}": "wrong" for n in range(1, 5)},
         **{f"care-{n}": False for n in range(1, 4)},
         "care-order": ["last", "third", "second", "first"]}


@pytest.fixture(scope="module")
def exam_course(tmp_path_factory):
    """The desk fixture course with the drawing exam, its registry and a roster with codes."""
    root = tmp_path_factory.mktemp("hostile") / "course"
    shutil.copytree(CONFIG.parent, root)
    (root / "quizzes" / "final.yml").write_text(EXAM, encoding="utf-8")
    loaded = load_course(root / "content", root / "quizzes")
    quizzes = [entry.quiz for entry in loaded.quizzes]
    (root / "published.jsonl").write_text(registry_text(quizzes), encoding="utf-8")
    book_path = root.parent / "g.sqlite"
    with Gradebook.open(str(book_path)) as book:
        book.import_roster([RosterEntry("cs-001", "王小明"), RosterEntry("cs-002", "李四")])
        book.set_codes(CODES)
    exam = next(q for q in quizzes if q.id == "final")
    return root, exam, registry.read(root / "published.jsonl"), book_path


OWN = "the learner's own code"


def signed(exam, reg, learner="cs-001", code=OWN, answers=RIGHT, **kwargs) -> dict:
    """The page's file for this learner, signed with `code` (their own; None: not signed)."""
    return page_answer_file(exam, answers, reg=reg, learner_id=learner,
                            code=CODES[learner] if code == OWN else code, **kwargs)


def one_right(exam, reg) -> dict:
    """What the hostile run sent: one right answer, the rest wrong."""
    doc = signed(exam, reg, answers=WRONG)
    ids = OpaqueIds(exam, reg.salt)
    first = next(i for i, item in enumerate(doc["answers"])
                 if isinstance(item["answer"], str))
    question = next(q for q in RIGHT if ids.question(q) == doc["answers"][first]["question"])
    doc["answers"][first]["answer"] = ids.item(question, "right")
    return resign(doc, CODES["cs-001"])


def attacks(exam, reg) -> dict[str, tuple[object, str | None]]:
    """name → (file content, the line `course grade` must print; None: graded, see below)."""
    version = quiz_version(exam)
    ids = OpaqueIds(exam, reg.salt)
    base = signed(exam, reg)
    drawn = {item["question"] for item in base["answers"]}
    undrawn = next(q for q in RIGHT if ids.question(q) not in drawn)
    forged_version = dict(one_right(exam, reg), quiz_version="ffffffffffffffff")
    v1 = answer_document(exam, RIGHT, learner_id="cs-001")
    v1.update(quiz_version="0000000000000000",
              question_versions={q: "forged" for q in RIGHT})
    future = signed(exam, reg, started="2099-01-01T08:00:00Z", submitted="2099-01-01T08:10:00Z")
    early = signed(exam, reg, started="2026-10-01T08:00:00Z", submitted="2026-10-01T08:10:00Z")
    late = signed(exam, reg, submitted="2026-11-20T08:40:00Z")
    undrawn_doc = dict(base, answers=base["answers"] + [
        {"question": ids.question(undrawn), "answer": None}])
    return {
        "forged-quiz-version": (
            forged_version, "quiz version ffffffffffffffff was never published from this "
                            "course; if it was built elsewhere, add that folder's "
                            "published.jsonl lines"),
        "forged-question-versions-format-1": (
            v1, "quiz version 0000000000000000 was never published from this course; if it was "
                "built elsewhere, add that folder's published.jsonl lines"),
        "question-versions-in-format-2": (
            dict(base, question_versions={q: "x" for q in RIGHT}),
            "question_versions: unknown field"),
        "colleague-s-id-without-the-code": (
            signed(exam, reg, learner="cs-002", code=None),
            "not signed: this quiz asks for an access code, and the file carries no signature"),
        "colleague-s-id-with-a-guessed-code": (
            signed(exam, reg, learner="cs-002", code="0000-0000-0"),
            "the signature does not match the access code of learner 'cs-002': the file was "
            "changed after it was saved, or made with someone else's code"),
        "colleague-s-id-signed-with-own-code": (
            signed(exam, reg, learner="cs-002", code=CODES["cs-001"]),
            "the signature does not match the access code of learner 'cs-002': the file was "
            "changed after it was saved, or made with someone else's code"),
        "unknown-id": (
            signed(exam, reg, learner="cs-001", code=CODES["cs-001"]) | {
                "learner": {"id": "cs-999"}},
            "learner.id 'cs-999' is not on the roster; check the id, or add the learner with "
            "`course roster import`"),
        "answer-edited-after-signing": (
            _edited(one_right(exam, reg)),
            "the signature does not match the access code of learner 'cs-001': the file was "
            "changed after it was saved, or made with someone else's code"),
        "wrong-seed-for-the-attempt": (
            resign(dict(base, seed=(base["seed"] + 1) % 2**32), CODES["cs-001"]),
            f"seed {(base['seed'] + 1) % 2**32} is not the seed of learner 'cs-001', attempt 1 "
            "at this quiz version: the paper cannot be replayed"),
        "attempt-2-with-attempt-1-s-paper": (
            resign(dict(base, attempt=2), CODES["cs-001"]),
            f"seed {base['seed']} is not the seed of learner 'cs-001', attempt 2 at this quiz "
            "version: the paper cannot be replayed"),
        "answer-to-an-undrawn-question": (
            resign(undrawn_doc, CODES["cs-001"]),
            f"answers[4]: question '{ids.question(undrawn)}' was not on this learner's paper"),
        "attempt-beyond-the-limit": (
            signed(exam, reg, attempt=3),
            "attempt 3 is beyond this quiz's limit of 2 attempts"),
        "started-before-publication": (
            early, "started_at 2026-10-01T08:00:00Z is before this quiz version was first "
                   "published (2026-11-01T00:00:00Z)"),
        "far-future": (future, None),  # the message names the grader's clock: checked apart
        "late": (late, "submitted 40 minutes after starting; this quiz allows 30 minutes and 2 "
                       "minutes' grace (late files are refused)"),
        "authored-ids-guessed": (
            resign(_authored_option(base, exam, reg), CODES["cs-001"]),
            None),  # checked apart: the line names the position
        "duplicate-keys": (
            json.dumps(base, ensure_ascii=False).replace(
                '"attempt": 1', '"attempt": 1, "attempt": 2'),
            'key "attempt" appears twice; a field may appear only once (programs disagree on '
            'which one counts)'),
        "signature-stripped": (
            {k: v for k, v in base.items() if k != "signature"},
            "not signed: this quiz asks for an access code, and the file carries no signature"),
        "seed-of-another-version": (
            resign(dict(base, seed=seeds.derived_seed("cs-001", "0" * 16, 1)), CODES["cs-001"]),
            f"seed {seeds.derived_seed('cs-001', '0' * 16, 1)} is not the seed of learner "
            f"'cs-001', attempt 1 at this quiz version: the paper cannot be replayed"),
    } | {"_version": (version, None)}


def _edited(doc: dict) -> dict:
    doc = json.loads(json.dumps(doc))
    for item in doc["answers"]:
        if item["answer"] is False:
            item["answer"] = True  # "fix" a wrong true/false after saving
            break
    return doc


def _authored_option(doc: dict, exam, reg) -> dict:
    doc = json.loads(json.dumps(doc))
    for item in doc["answers"]:
        if isinstance(item["answer"], str):
            item["answer"] = "right"  # the authored id, guessed from the YAML's habits
            break
    return doc


def test_every_attack_gets_its_line(exam_course, tmp_path):
    root, exam, reg, book_path = exam_course
    shutil.copy(book_path, tmp_path / "g.sqlite")
    cases = attacks(exam, reg)
    cases.pop("_version")
    for name, (content, _) in cases.items():
        write(tmp_path / "attacks", f"{name}.json", content)
    result = course("grade", "attacks", "--db", "g.sqlite", "-f", str(root / "mkdocs.yml"),
                    cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = dict(line.split(": ", 1) for line in result.stderr.splitlines())
    assert set(lines) == {f"attacks/{name}.json" for name in cases}  # every one refused
    for name, (_, expected) in cases.items():
        if expected is not None:
            assert lines[f"attacks/{name}.json"] == expected, name
    assert lines["attacks/far-future.json"].startswith(
        "submitted_at 2099-01-01T08:10:00Z is in the future (the grader's clock says ")
    assert lines["attacks/authored-ids-guessed.json"].endswith(": 'right' is none of its ids on "
                                                                "the page")
    assert "0 graded (0 new, 0 already in the gradebook)" in result.stdout


def test_one_right_answer_grades_as_one_right_answer(exam_course, tmp_path):
    # The hostile run's file: 1 right answer, the rest wrong, signed by its owner. It used to
    # pass at 100% with a forged version; with its real version it is graded on its own paper.
    root, exam, reg, book_path = exam_course
    shutil.copy(book_path, tmp_path / "g.sqlite")
    write(tmp_path, "one-right.json", one_right(exam, reg))
    result = course("grade", "one-right.json", "--db", "g.sqlite", "--json", "-f",
                    str(root / "mkdocs.yml"), cwd=tmp_path)
    [graded] = json.loads(result.stdout)["graded"]
    assert (graded["points"], graded["max_points"], graded["passed"]) == (1.0, 4.0, False)
    assert graded["identity_verified"] and graded["learner"]["name"] == "王小明"


def test_the_same_file_with_bom_crlf_and_reordered_keys_is_one_attempt(exam_course, tmp_path):
    root, exam, reg, book_path = exam_course
    shutil.copy(book_path, tmp_path / "g.sqlite")
    doc = signed(exam, reg)
    write(tmp_path / "a", "original.json", doc)
    reordered = dict(sorted(doc.items(), reverse=True))
    write(tmp_path / "b", "resaved.json", codecs.BOM_UTF8 + json.dumps(
        reordered, ensure_ascii=False, indent=2).replace("\n", "\r\n").encode("utf-8"))
    first = course("grade", "a", "--db", "g.sqlite", "-f", str(root / "mkdocs.yml"),
                   cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    again = course("grade", "b", "--db", "g.sqlite", "-f", str(root / "mkdocs.yml"),
                   cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "1 graded (0 new, 1 already in the gradebook)" in again.stdout


def test_attempts_are_counted_by_the_grader(exam_course, tmp_path):
    # Attempt 2 first (it uses 2), then attempt 1 (recorded: still 2), then attempt 1 again,
    # edited and re-signed: a third attempt, refused.
    root, exam, reg, book_path = exam_course
    shutil.copy(book_path, tmp_path / "g.sqlite")
    write(tmp_path / "a", "second.json", signed(exam, reg, attempt=2, answers=WRONG))
    write(tmp_path / "b", "first.json", signed(exam, reg, attempt=1, answers=WRONG))
    write(tmp_path / "c", "first-again.json", signed(exam, reg, attempt=1))
    runs = [course("grade", folder, "--db", "g.sqlite", "-f", str(root / "mkdocs.yml"),
                   cwd=tmp_path) for folder in "abc"]
    assert [r.returncode for r in runs] == [0, 0, 1]
    assert runs[2].stderr == ("c/first-again.json: learner 'cs-001' has already used 2 of 2 "
                              "attempts at quiz 'final'; this one is refused\n")


def test_no_starting_order_is_the_key_for_the_learners_who_keep_it(exam_course):
    # On the exam's page the ordering question starts in each learner's own order; the grader
    # leaves it out of the rare attempt whose start was the key or its reverse.
    _, exam, reg, _ = exam_course
    ids = OpaqueIds(exam, reg.salt)
    key = RIGHT["care-order"]
    starts = [presentation(exam, seeds.derived_seed(f"cs-{n:03d}", quiz_version(exam), 1),
                           assessment=True, page_order=ids).steps.get("care-order")
              for n in range(300)]
    shown = [s for s in starts if s is not None]
    assert shown and all(sorted(s) == sorted(key) for s in shown)
    assert sum(s in (key, key[::-1]) for s in shown) < len(shown) * 0.2
    assert len({tuple(s) for s in shown}) > 12


def test_the_page_score_is_informational(exam_course, tmp_path):
    root, exam, reg, book_path = exam_course
    shutil.copy(book_path, tmp_path / "g.sqlite")
    doc = dict(signed(exam, reg, answers=WRONG), page_score=1.0)  # not signed, not believed
    write(tmp_path, "boast.json", doc)
    result = course("grade", "boast.json", "--db", "g.sqlite", "--json", "-f",
                    str(root / "mkdocs.yml"), cwd=tmp_path)
    [graded] = json.loads(result.stdout)["graded"]
    assert graded["score"] == 0.0 and not graded["passed"]


def test_the_exam_s_files_are_what_the_kit_makes(exam_course):
    # The kit's files carry the derived seed and opaque ids, as the page will (a sanity check
    # of the tests above).
    _, exam, reg, _ = exam_course
    doc = signed(exam, reg)
    assert doc["seed"] == seeds.derived_seed("cs-001", quiz_version(exam), 1)
    assert len(doc["answers"]) == 4 and all(a["question"].startswith("x") for a in doc["answers"])
    assert datetime.datetime.fromisoformat(doc["submitted_at"].replace("Z", "+00:00"))
