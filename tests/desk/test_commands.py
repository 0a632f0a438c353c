"""`course grade / report / certificates / verify`, run as a trainer runs them."""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import json
import os
import re
import shutil
import subprocess
import sys

import pytest

from answerkit import (
    CONFIG,
    COURSE_FIX,
    FIX,
    answer_document,
    fixture_quiz,
    perfect_answers,
    registry_text,
    write,
    wrong_answers,
)
from desktools import course
from generator.desk import commands
from generator.fingerprint import quiz_version

PRACTICE = fixture_quiz("practice")
FINAL = fixture_quiz("final")
EVIL = "<script>alert(1)</script>"


def good(name, quiz=FINAL, answers=None, **kwargs):
    return answer_document(quiz, answers if answers is not None else perfect_answers(quiz),
                           name=name, **kwargs)


def edited(change, quiz=PRACTICE):
    doc = good("改过的人", quiz)
    change(doc)
    return doc


def never_published(doc):
    doc["quiz_version"] = "0123456789abcdef"


# How the grader says to fix a file (generator/desk/answerfiles.py).
PAGE = "ask the learner for the file as the quiz page saved it"
NOT_ANSWERS = ('grade the files quiz pages save ("Download my answers"); `course answers '
               "template QUIZ` writes a valid one")

# Every kind of bad file, with the one line `course grade` prints for it.
BAD_FILES = {
    "not-json.json": (b"{not json",
                      "not JSON: key must be a string at line 1 column 2"),
    "empty.json": (b"", "file is empty"),
    "not-utf8.json": (json.dumps(good("张三"), ensure_ascii=False).encode().replace(
        "张三".encode(), b"\xff\xfe\xfd"),
        "not UTF-8: byte 0xff at offset 229 is not UTF-8 text; save the file as UTF-8"),
    "utf16.json": (json.dumps(good("张三")).encode("utf-16"),
                   "not UTF-8: the file is UTF-16 text; save it as UTF-8"),
    "wrong-types.json": (edited(lambda d: d["learner"].update(name=42)),
                         f"learner.name: expected text, got a number — {PAGE}"),
    "unknown-quiz.json": (edited(lambda d: d.update(quiz="nope")),
                          "unknown quiz 'nope' — this course has: practice, final" + COURSE_FIX),
    "unknown-question.json": (edited(lambda d: d["answers"].append(
        {"question": "ghost", "answer": "x"})),
        "answers[6]: unknown question 'ghost' in quiz 'practice'" + FIX),
    "out-of-range.json": (edited(lambda d: d["answers"][0].update(answer="maybe")),
                          "answers[0]: question 'pick-one': 'maybe' is not an option" + FIX),
    "answered-twice.json": (edited(lambda d: d["answers"].insert(1, dict(d["answers"][0]))),
                            "answers[1]: question 'pick-one' is answered twice (also "
                            "answers[0])" + FIX),
    "huge.json": (None, "file is 50.0 MB; an answer file is at most 1 MB"),
    "nested.json": (b"[" * 200_000 + b"]" * 200_000,
                    f"not an answer file: JSON nested too deeply — {NOT_ANSWERS}"),
    "list.json": (b"[]", f"not an answer file: expected a JSON object, got a list — "
                         f"{NOT_ANSWERS}"),
    "other.json": (b'{"name": "package"}',
                   f'not an answer file: no "format": "course-answers/2" in it — {NOT_ANSWERS}'),
    "old-format.json": (edited(lambda d: d.update(format="course-answers/0")),
                        'format: expected "course-answers/2" (or the older "course-answers/1"), '
                        f'got "course-answers/0" — {PAGE}'),
    "never-published.json": (edited(never_published),
                             "quiz version 0123456789abcdef was never published from this "
                             "course (published.jsonl has 1 version of quiz 'practice', the "
                             f"latest {quiz_version(PRACTICE)} of 2026-11-01 00:00 UTC) — if the "
                             "file's course was built in another folder, add the lines of that "
                             "folder's registry to this one; otherwise this course's quiz pages "
                             "did not make the file"),
    "twice.json": (json.dumps(good("张三")).replace('"quiz": "final"',
                                                   '"quiz": "final", "quiz": "final"'),
                   'key "quiz" appears twice; a field may appear only once (programs disagree '
                   'on which one counts)'),
}


@pytest.fixture
def batch(tmp_path):
    """A folder of answer files: three good ones (one by a learner named <script>), one
    submitted late, a text file, and every kind of bad file."""
    folder = tmp_path / "answers"
    write(folder, "ann.json", good("Ann"))
    write(folder, "bob.json", good("Bob", answers=wrong_answers(FINAL)))
    write(folder, "evil.json", good(EVIL))
    write(folder, "clock.json", edited(lambda d: d["answers"][0].update(
        answered_at="2026-11-21T00:00:00Z")))
    write(folder, "readme.txt", "notes")
    for name, (content, _) in BAD_FILES.items():
        if content is None:
            with (folder / name).open("wb") as stream:
                stream.truncate(50 * 1024 * 1024)
        else:
            write(folder, name, content)
    return tmp_path


def grade(cwd, *args):
    return course("grade", *args, "-f", str(CONFIG), cwd=cwd)


def test_bad_files_are_reported_one_line_each_and_the_rest_graded(batch):
    result = grade(batch, "answers", "--db", "g.sqlite")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    expected = {f"answers/{name}: {line}" for name, (_, line) in BAD_FILES.items()}
    assert expected <= set(lines)
    assert "answers/clock.json: warning: answer times outside the attempt" in lines
    assert "answers/readme.txt: not graded: not an answer file (*.json)" in lines
    assert len(lines) == len(BAD_FILES) + 2
    assert result.stdout.splitlines()[-2].startswith(
        f"course grade: {len(BAD_FILES) + 4} files: 4 graded (4 new, 0 already in the "
        f"gradebook), {len(BAD_FILES)} skipped; gradebook g.sqlite; ")
    assert result.stdout.splitlines()[-1] == (
        "course grade: identities not verified: no roster, so names and ids are as the "
        "learners typed them (`course roster import`)")
    table = result.stdout
    assert "answers/ann.json" in table and "<script>alert(1…" in table  # clipped to 16 columns
    # The course is in Chinese, so is its table; standard error speaks English, as every
    # message of the command does.
    assert "作答时间不在本次作答的起止时间内" in table  # answer times outside the attempt
    assert "\r" not in result.stderr  # no progress bar when nobody watches


def test_grading_again_adds_nothing_and_says_so(batch):
    grade(batch, "answers/ann.json", "--db", "g.sqlite")
    again = grade(batch, "answers/ann.json", "answers/ann.json", "--db", "g.sqlite")
    assert again.returncode == 0, again.stderr
    assert "1 graded (0 new, 1 already in the gradebook), 0 skipped" in again.stdout
    assert "已在成绩册中" in again.stdout  # already in the gradebook


def test_without_a_registry_nothing_is_graded(batch, tmp_path):
    course_copy = tmp_path / "course"
    shutil.copytree(CONFIG.parent, course_copy)
    (course_copy / "published.jsonl").unlink()
    result = course("grade", "answers", "--db", "g.sqlite", "-f",
                    str(course_copy / "mkdocs.yml"), cwd=batch)
    assert result.returncode == 2 and result.stdout == ""
    label = os.path.relpath(course_copy / "published.jsonl", batch)
    assert result.stderr == (f"course grade: {label}: no registry of published quiz versions; "
                             "build the course once (`course build`), which records what it "
                             f"publishes, and keep {label} in version control\n")


def test_a_file_with_several_problems_gets_a_line_for_each(tmp_path):
    doc = edited(lambda d: d.update(seed="7", attempt=1))
    del doc["quiz_version"]
    write(tmp_path / "answers", "many.json", doc)
    result = grade(tmp_path, "answers", "--db", "g.sqlite")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"answers/many.json: quiz_version: missing — {PAGE}",
        f"answers/many.json: seed: expected a whole number, got text — {PAGE}",
        "answers/many.json: attempt: unknown field — remove it (README, \"Answer files\", "
        "lists the fields), or ask the learner for the file as the quiz page saved it"]


def test_a_file_of_a_superseded_version_is_graded_with_when_it_changed(tmp_path):
    from generator.models.quiz import Quiz

    data = PRACTICE.model_dump(mode="json", exclude_none=True)
    data["questions"][0]["prompt"] += "（旧）"
    old = Quiz.model_validate(data)
    course_copy = tmp_path / "course"
    shutil.copytree(CONFIG.parent, course_copy)
    older = registry_text([old], published=datetime.datetime(2026, 10, 1))
    with (course_copy / "published.jsonl").open("a", encoding="utf-8") as stream:
        stream.write(older.split("\n", 1)[1])  # its quiz line, recorded after today's lines
    write(tmp_path / "answers", "old.json", answer_document(old, perfect_answers(PRACTICE)))
    result = course("grade", "answers", "--db", "g.sqlite", "-f",
                    str(course_copy / "mkdocs.yml"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"answers/old.json: warning: counted 0, changed since: pick-one — quiz 'practice' "
        f"changed since this file's version {quiz_version(old)} was published on 2026-10-01 "
        "00:00 UTC, replaced on 2026-11-01 00:00 UTC; --changed exclude leaves changed "
        "questions out instead"]


def test_a_damaged_registry_is_named_line_by_line_and_nothing_graded(batch, tmp_path):
    course_copy = tmp_path / "course"
    shutil.copytree(CONFIG.parent, course_copy)
    with (course_copy / "published.jsonl").open("a", encoding="utf-8") as stream:
        stream.write('{"kind": "quiz", "quiz": "final", "vers\n<<<<<<< HEAD\n')
    result = course("grade", "answers", "--db", "g.sqlite", "-f",
                    str(course_copy / "mkdocs.yml"), cwd=course_copy)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "published.jsonl:4:1: not a JSON line (Unterminated string starting at column 35): "
        "the line is damaged — restore the file from version control (git checkout -- "
        "published.jsonl)",
        "published.jsonl:5:1: a merge conflict marker (<<<<<<<) — keep the lines of both "
        "sides and delete the marker lines",
        "course grade: published.jsonl is damaged; nothing was graded"]


def test_json_output_is_only_json_on_stdout(batch):
    result = grade(batch, "answers/ann.json", "answers/empty.json", "--db", "g.sqlite", "--json")
    document = json.loads(result.stdout)
    assert document["summary"] == {"files": 2, "new": 1, "already_recorded": 0, "skipped": 1}
    assert document["graded"][0]["learner"]["name"] == "Ann"
    assert document["skipped"] == [{"file": "answers/empty.json", "error": "file is empty",
                                    "problems": ["file is empty"]}]
    assert "course grade: 2 files" in result.stderr


def test_csv_opens_in_excel_with_chinese_and_no_formulas(batch):
    write(batch / "answers", "formula.json", good("=HYPERLINK(\"x\",\"点我\")"))
    write(batch / "answers", "chinese.json", good("王小明"))
    write(batch / "answers", "bidi\u202e.json", good("李\u202e四"))
    result = grade(batch, "answers/formula.json", "answers/chinese.json", "answers/bidi\u202e.json",
                   "--db", "g.sqlite", "--csv", "results.csv")
    assert result.returncode == 0, result.stderr
    data = (batch / "results.csv").read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:2] == ["文件", "学员"]
    assert [row[:2] for row in rows[1:]] == [  # in the order given
        ["answers/formula.json", "'=HYPERLINK(\"x\",\"点我\")"],
        ["answers/chinese.json", "王小明"], ["answers/bidi\\u202e.json", "李\\u202e四"]]
    assert "\u202e" not in data.decode("utf-8-sig")


def test_outputs_named_through_a_link_are_written_where_it_leads(batch):
    # Before: the link was replaced by a file of its own and real.csv still said "keep".
    (batch / "real.csv").write_text("keep\n", encoding="utf-8")
    os.symlink("real.csv", batch / "link.csv")
    result = grade(batch, "answers/ann.json", "--db", "g.sqlite", "--csv", "link.csv")
    assert result.returncode == 0, result.stderr
    assert os.readlink(batch / "link.csv") == "real.csv"
    rows = list(csv.reader(io.StringIO((batch / "real.csv").read_text(encoding="utf-8-sig"))))
    assert [row[:2] for row in rows[1:]] == [["answers/ann.json", "Ann"]]

    (batch / "shared").mkdir()
    os.symlink("shared/report.html", batch / "report.html")  # not there yet: created
    report = course("report", "--db", "g.sqlite", "--out", "report.html", "-f", str(CONFIG),
                    cwd=batch)
    assert report.returncode == 0, report.stderr
    assert os.path.islink(batch / "report.html")
    assert "<html" in (batch / "shared" / "report.html").read_text(encoding="utf-8")

    os.symlink("gone/results.csv", batch / "dangling.csv")
    again = grade(batch, "answers/ann.json", "--db", "g.sqlite", "--csv", "dangling.csv")
    assert again.returncode == 2
    gone = os.path.realpath(batch / "gone" / "results.csv")
    assert again.stderr == (f"course grade: cannot write dangling.csv: a link to {gone}, in a "
                            "folder that does not exist; create the folder or change the link; "
                            "nothing was changed there\n")
    assert os.readlink(batch / "dangling.csv") == "gone/results.csv"
    assert not (batch / "gone").exists()


def test_progress_bar_draws_on_a_terminal_only(monkeypatch):
    stream = io.StringIO()
    bar = commands._Progress(100, stream)
    bar.update(50)
    bar.update(100)
    bar.clear()
    assert "\rgrading [###############...............] 50/100" in stream.getvalue()
    assert "100/100" in stream.getvalue()
    monkeypatch.setattr("sys.stderr.isatty", lambda: True, raising=False)
    assert commands._show_progress(commands.PROGRESS_MIN_FILES)
    assert not commands._show_progress(commands.PROGRESS_MIN_FILES - 1)


def test_an_unreachable_gradebook_is_one_line(batch):
    result = grade(batch, "answers/ann.json", "--db", "postgresql://t:secret@127.0.0.1:1/x")
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("course grade: cannot open gradebook postgresql+psycopg://t:***@")
    assert "secret" not in line


def test_a_missing_config_is_the_usual_author_error(batch):
    result = course("grade", "answers", "-f", "nowhere/mkdocs.yml", cwd=batch)
    assert result.returncode == 1
    assert result.stderr.startswith("nowhere/mkdocs.yml: config file not found")


# Report, certificates and verification, on SQLite and PostgreSQL ------------------------------

def test_report_certificates_and_verify(batch, db_url):
    assert grade(batch, "answers", "--db", db_url).returncode == 1  # the bad files
    report = course("report", "--db", db_url, "--out", "out/report.html", "-f", str(CONFIG),
                    cwd=batch)
    assert report.returncode == 0, report.stderr
    assert report.stdout == ("course report: wrote out/report.html — 4 learners, 2 quizzes, "
                             "0 questions flagged\n")
    page = (batch / "out" / "report.html").read_text(encoding="utf-8")
    assert EVIL not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert not re.search(r'(?:src|href)="(?!#)', page) and "http" not in page

    certificates = course("certificates", "--db", db_url, "--out", "certs", "-f", str(CONFIG),
                          cwd=batch)
    assert certificates.returncode == 0, certificates.stderr
    assert certificates.stdout == (  # Ann and <script>; Bob failed
        "course certificates: 2 certificates in certs/ (open index.html to print them)\n"
        "course certificates: identities not verified: no roster, so the names are as the "
        "learners typed them; each certificate says so\n")
    files = sorted(p.name for p in (batch / "certs").iterdir())
    assert len(files) == 3 and "index.html" in files
    pages = [(batch / "certs" / f).read_text(encoding="utf-8") for f in files
             if f != "index.html"]
    assert all(EVIL not in p for p in pages)
    assert any("&lt;script&gt;" in p for p in pages)
    codes = sorted(re.search(r'<span class="code">([^<]+)</span>', p).group(1) for p in pages)

    again = course("certificates", "--db", db_url, "--out", "certs2", "-f", str(CONFIG),
                   cwd=batch)
    assert again.returncode == 0
    assert sorted(p.name for p in (batch / "certs2").iterdir()) == files  # the same codes

    ok = course("verify", codes[0].lower().replace("-", " "), "--db", db_url, cwd=batch)
    assert ok.returncode == 0, ok.stderr
    lines = ok.stdout.splitlines()
    assert lines[0] == f"course verify: {codes[0]}: valid certificate"
    # Completed when the grader recorded the pass (today), never the file's date.
    assert lines[2:] == ["  course:    退款实务测试课",
                         f"  completed: {datetime.date.today().isoformat()}",
                         "  scores:    结业考核 100%",
                         "  identity:  not verified (no roster when issued)",
                         "  attempts:  1 passing attempt, still in the gradebook"]
    assert lines[1] in ("  learner:   Ann", f"  learner:   {EVIL}")

    forged = course("verify", "ZZZZ-ZZZZ-ZZZZ", "--db", db_url, cwd=batch)
    assert forged.returncode == 1 and forged.stdout == ""
    assert forged.stderr.startswith("course verify: ZZZZ-ZZZZ-ZZZZ: no certificate with this "
                                    "code in gradebook ")
    assert forged.stderr.rstrip().endswith(": rejected")

    nonsense = course("verify", "hello", "--db", db_url, cwd=batch)
    assert nonsense.returncode == 1
    assert nonsense.stderr == ("course verify: 'hello' is not a verification code (12 letters "
                               "and digits, like 7KQ2-M9XD-4TFA): rejected\n")


def test_report_on_a_missing_gradebook(batch):
    result = course("report", "--db", "none.sqlite", "-f", str(CONFIG), cwd=batch)
    assert result.returncode == 2
    assert result.stderr == ("course report: none.sqlite: no gradebook there; grade answer "
                             "files first with `course grade --db none.sqlite FILES`\n")
    assert not (batch / "none.sqlite").exists()


def test_latest_instead_of_best(batch):
    write(batch / "two", "first.json", good("Ann", submitted="2026-11-20T08:00:00Z"))
    write(batch / "two", "second.json", good("Ann", answers=wrong_answers(FINAL),
                                            submitted="2026-11-21T08:00:00Z"))
    grade(batch, "two", "--db", "g.sqlite")
    for use, expected in (("best", "100% <span"), ("latest", "0% <span")):
        course("report", "--db", "g.sqlite", "--use", use, "--out", f"{use}.html", "-f",
               str(CONFIG), cwd=batch)
        table = re.search(r'<table class="learners">.*?</table>',
                          (batch / f"{use}.html").read_text(encoding="utf-8"), re.S).group(0)
        assert expected in table


def test_the_course_command_starts_without_sqlalchemy():
    # Every `course` command builds the whole parser; only the desk's handlers need SQLAlchemy.
    code = ("import sys; from generator.cli import _parser; _parser(); print(sorted(m for m in "
            "sys.modules if m.startswith(('sqlalchemy', 'generator.desk.'))))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == ("['generator.desk.answers_commands', "
                                     "'generator.desk.commands', "
                                     "'generator.desk.roster_commands']")
