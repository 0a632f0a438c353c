"""generator.desk.batch: many files into the gradebook; idempotent and safe to interrupt."""

from __future__ import annotations

import json
import os
import random

import pytest

from answerkit import (
    answer_document,
    fixture_quiz,
    grading_course,
    page_answer_file,
    perfect_answers,
    random_answers,
    write,
)
from generator.desk import batch
from generator.desk.batch import collect, grade_files
from generator.desk.gradebook import Gradebook
from generator.models.quiz import Exam

COURSE = grading_course()
PRACTICE = fixture_quiz("practice")
FINAL = fixture_quiz("final")


def cohort(folder, count, seed=1):
    rng = random.Random(seed)
    return [write(folder, f"learner-{n:03d}.json",
                  answer_document(PRACTICE, random_answers(PRACTICE, rng), name=f"学员{n}"))
            for n in range(count)]


def test_collect_finds_json_files_in_folders_once_each(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "in" / "b", "2.json", "{}")
    write(tmp_path / "in", "1.json", "{}")
    write(tmp_path / "in", "notes.txt", "x")
    write(tmp_path / "in" / ".hidden", "3.json", "{}")
    (tmp_path / "empty").mkdir()
    files, problems = collect(["in", "in/1.json", "missing.json", "empty", "in/notes.txt"])
    assert [label for _, label in files] == ["in/1.json", "in/b/2.json", "in/notes.txt"]
    assert [(str(p), p.note) for p in problems] == [
        ("in/.hidden: hidden (the name starts with '.'): not searched", True),
        ("in/notes.txt: not graded: not an answer file (*.json)", True),
        ("missing.json: no such file or folder", False),
        ("empty: no answer files (*.json) in this folder", False)]


def test_a_folder_scan_names_every_entry_it_does_not_grade(tmp_path, monkeypatch):
    # Before: FIFOs, devices, folders named x.json and *.JSON were skipped without a word, and
    # links were followed out of the folder.
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "in"
    write(folder, "a.json", "{}")
    write(folder, "B.JSON", "{}")  # graded: Windows does not tell .json from .JSON
    os.mkfifo(folder / "pipe.json")
    (folder / "x.json").mkdir()
    write(folder / "x.json", "inside.json", "{}")
    write(tmp_path / "outside", "secret.json", "{}")
    os.symlink(tmp_path / "outside" / "secret.json", folder / "link-out.json")
    os.symlink(folder / "a.json", folder / "link-in.json")
    os.symlink(folder / "gone.json", folder / "broken.json")
    os.symlink("/dev/null", folder / "null.json")
    files, problems = collect(["in"])
    assert [label for _, label in files] == ["in/B.JSON", "in/a.json", "in/x.json/inside.json"]
    outside = os.path.realpath(tmp_path / "outside" / "secret.json")
    assert [str(p) for p in problems] == [
        "in/broken.json: a link to nothing",
        "in/link-in.json: a link to in/a.json, graded under its own name: not graded twice",
        f"in/link-out.json: a link to {outside}, outside the folder: refused, not followed",
        "in/null.json: a link to /dev/null, outside the folder: refused, not followed",
        "in/pipe.json: is a named pipe (FIFO), not a file; answer files are regular files",
        "in/x.json: is a folder, not a file (the files in it are searched)"]


def test_every_link_inside_the_folder_gets_exactly_one_line(tmp_path, monkeypatch):
    # Before: a link to a file graded under its own name was dropped without a word (or, named
    # earlier in the folder, graded in its place), a link to a folder inside got no line, and a
    # loop of links was "a link to nothing".
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "messy"
    write(folder, "a.json", "{}")
    write(folder / "sub", "b.json", "{}")
    write(folder / ".old", "c.json", "{}")
    write(folder, "notes.txt", "x")
    os.symlink("a.json", folder / "link-in.json")
    os.symlink("a.json", folder / "0-first-link.json")  # sorts before a.json
    os.symlink("sub/b.json", folder / "b-link.txt")
    os.symlink(".", folder / "sub" / "self")
    os.symlink("..", folder / "sub" / "up")
    os.symlink(".old", folder / "old-link")
    os.symlink(".old/c.json", folder / "c1.json")  # reaches a hidden file: graded as c1.json
    os.symlink(".old/c.json", folder / "c2.json")
    os.symlink("notes.txt", folder / "notes-link.txt")
    os.symlink("loop2.json", folder / "loop1.json")
    os.symlink("loop1.json", folder / "loop2.json")
    files, problems = collect(["messy"])
    assert [label for _, label in files] == ["messy/a.json", "messy/c1.json", "messy/sub/b.json"]
    assert [(str(p), p.note) for p in problems] == [
        ("messy/.old: hidden (the name starts with '.'): not searched", True),
        ("messy/0-first-link.json: a link to messy/a.json, graded under its own name: not "
         "graded twice", True),
        ("messy/b-link.txt: a link to messy/sub/b.json, graded under its own name: not graded "
         "twice", True),
        ("messy/c2.json: the same file as messy/c1.json: graded once, under that name", True),
        ("messy/link-in.json: a link to messy/a.json, graded under its own name: not graded "
         "twice", True),
        ("messy/loop1.json: a loop of links, which never reaches a file: put the answer file "
         "itself in its place", False),
        ("messy/loop2.json: a loop of links, which never reaches a file: put the answer file "
         "itself in its place", False),
        ("messy/notes-link.txt: not graded: not an answer file (*.json)", True),
        ("messy/notes.txt: not graded: not an answer file (*.json)", True),
        ("messy/old-link: a link to the folder messy/.old, which is hidden: not searched",
         True),
        ("messy/sub/self: a link to the folder messy/sub, searched where it is: not followed",
         True),
        ("messy/sub/up: a link to the folder messy, searched where it is: not followed", True)]
    entries = {str(p.relative_to(tmp_path)) for p in folder.rglob("*")
               if not any(part.startswith(".") for part in p.relative_to(folder).parts[:-1])}
    told = {label for _, label in files} | {p.source for p in problems}
    assert told == entries - {"messy/sub"}  # the folder itself is searched, not told


def test_a_folder_named_inside_another_named_folder_is_said_once(tmp_path, monkeypatch):
    # Before: `messy/sub` was "no answer files" (its file was already collected) and its
    # entries got their lines twice.
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "messy" / "sub", "b.json", "{}")
    write(tmp_path / "messy" / "sub", "notes.txt", "x")
    files, problems = collect(["messy", "messy/sub", "messy"])
    assert [label for _, label in files] == ["messy/sub/b.json"]
    assert [str(p) for p in problems] == [
        "messy/sub/notes.txt: not graded: not an answer file (*.json)"]


def test_a_loop_of_links_named_on_the_command_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    os.symlink("loop2.json", tmp_path / "loop1.json")
    os.symlink("loop1.json", tmp_path / "loop2.json")
    assert [str(p) for p in collect(["loop1.json"])[1]] == [
        "loop1.json: a loop of links, which never reaches a file: put the answer file itself in "
        "its place"]


def test_special_files_named_on_the_command_line_are_never_opened(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    os.mkfifo(tmp_path / "pipe.json")  # before: `course grade pipe.json` waited forever
    files, problems = collect(["pipe.json", "/dev/null"])
    assert files == []
    assert [str(p) for p in problems] == [
        "pipe.json: is a named pipe (FIFO), not a file; answer files are regular files",
        "/dev/null: is a device, not a file; answer files are regular files"]


def test_file_names_that_are_not_utf8_are_shown_escaped_and_graded(tmp_path, db_url,
                                                                   monkeypatch):
    # A zip made on Windows gives GBK names: 张三.json in GBK is not UTF-8. Before, the insert
    # failed with a traceback and the batch was lost.
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "in"
    folder.mkdir()
    name = os.fsencode(str(folder)) + b"/" + "张三".encode("gbk") + b".json"
    with open(name, "wb") as stream:
        stream.write(json.dumps(answer_document(PRACTICE, perfect_answers(PRACTICE))).encode())
    write(folder, "z.json", answer_document(PRACTICE, perfect_answers(PRACTICE), name="李四"))
    files, _ = collect(["in"])
    assert [label for _, label in files] == ["in/z.json", "in/\\xd5\\xc5\\xc8\\xfd.json"]
    with Gradebook.open(db_url) as book:
        graded, skipped = grade_files(files, COURSE, book)
        assert book.counts()[0] == 2 and not skipped
        assert sorted(a.source for a in book.attempts()) == ["in/\\xd5\\xc5\\xc8\\xfd.json",
                                                             "in/z.json"]


def test_a_batch_is_graded_in_order_with_bad_files_apart(tmp_path, db_url, monkeypatch):
    monkeypatch.chdir(tmp_path)
    paths = cohort(tmp_path / "in", 3)
    write(tmp_path / "in", "learner-001b.json", "{broken")
    files, _ = collect(["in"])
    with Gradebook.open(db_url) as book:
        graded, skipped = grade_files(files, COURSE, book, batch_size=2)
    assert [g.source for g in graded] == ["in/learner-000.json", "in/learner-001.json",
                                          "in/learner-002.json"]
    assert [g.status for g in graded] == ["new"] * 3
    assert [str(s) for s in skipped] == [
        "in/learner-001b.json: not JSON: key must be a string at line 1 column 2"]
    assert len(paths) == 3


def test_grading_again_records_nothing_new(tmp_path, db_url, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cohort(tmp_path / "in", 5)
    files, _ = collect(["in"])
    with Gradebook.open(db_url) as book:
        first, _ = grade_files(files, COURSE, book, batch_size=2)
        again, skipped = grade_files(files, COURSE, book, batch_size=2)
        assert book.counts() == (5, 5 * len(PRACTICE.questions))
    assert [g.status for g in again] == ["known"] * 5 and not skipped
    assert [(g.learner_name, g.score) for g in again] == [(g.learner_name, g.score)
                                                          for g in first]


def test_attempts_are_limited_per_learner_and_a_claimed_attempt_k_uses_k(tmp_path, db_url,
                                                                         monkeypatch):
    monkeypatch.chdir(tmp_path)
    quiz = FINAL.model_copy(update={"exam": Exam(attempts=2)})
    course = grading_course(quizzes=[PRACTICE, quiz])
    second = page_answer_file(quiz, perfect_answers(quiz), learner_id="cs-001", attempt=2)
    write(tmp_path / "a", "second.json", second)
    first = page_answer_file(quiz, perfect_answers(quiz), learner_id="cs-001", attempt=1)
    write(tmp_path / "b", "first.json", first)
    again = dict(first, submitted_at="2026-11-20T08:11:00Z")  # attempt 1 again, another file
    write(tmp_path / "c", "again.json", again)
    other = page_answer_file(quiz, perfect_answers(quiz), learner_id="cs-002", attempt=2)
    write(tmp_path / "c", "other.json", other)
    with Gradebook.open(db_url) as book:
        for folder in ("a", "b", "c"):
            files, _ = collect([folder])
            graded, skipped = grade_files(files, course, book)
            if folder == "c":
                assert [str(s) for s in skipped] == [
                    "c/again.json: learner 'cs-001' has already used 2 of 2 attempts at quiz "
                    "'final'; this one is refused"]
                assert [g.source for g in graded] == ["c/other.json"]
            else:  # attempt 2 used 2; attempt 1 after it is the second recorded: still 2
                assert not skipped


def test_a_file_the_database_refuses_is_named_and_the_rest_recorded(tmp_path, db_url,
                                                                    monkeypatch):
    # Defence in depth behind the parser's checks: whatever value the database refuses (on
    # PostgreSQL a NUL in text, on both a string that is not Unicode), only that file is lost.
    monkeypatch.chdir(tmp_path)
    cohort(tmp_path / "in", 3)
    files, _ = collect(["in"])
    real = batch.grade_file

    def poisoned(parsed, course, *, source, strict):
        attempt = real(parsed, course, source=source, strict=strict)
        if source.endswith("001.json"):
            from dataclasses import replace

            attempt = replace(attempt, learner_name="坏\x00\udcff名")
        return attempt

    monkeypatch.setattr(batch, "grade_file", poisoned)
    with Gradebook.open(db_url) as book:
        graded, skipped = grade_files(files, COURSE, book)
        assert book.counts()[0] == 2
    assert [g.source for g in graded] == ["in/learner-000.json", "in/learner-002.json"]
    [refused] = skipped
    assert refused.source == "in/learner-001.json"
    assert refused.error.startswith("the gradebook refused")


def test_copies_of_one_file_are_one_attempt(tmp_path, db_url, monkeypatch):
    monkeypatch.chdir(tmp_path)
    [original] = cohort(tmp_path / "in", 1)
    write(tmp_path / "in", "copy.json", original.read_bytes())
    write(tmp_path / "later", "copy2.json", original.read_bytes())
    files, _ = collect(["in", "later"])
    with Gradebook.open(db_url) as book:
        graded, _ = grade_files(files, COURSE, book, batch_size=2)
        assert book.counts()[0] == 1
    assert [(g.source, g.status) for g in graded] == [
        ("in/copy.json", "new"), ("in/learner-000.json", "known"), ("later/copy2.json", "known")]


def test_a_crash_mid_batch_loses_only_that_batch_and_a_rerun_completes(tmp_path, db_url,
                                                                      monkeypatch):
    monkeypatch.chdir(tmp_path)
    cohort(tmp_path / "in", 10)
    files, _ = collect(["in"])
    real_grade_file = batch.grade_file
    calls = {"n": 0}

    def crash_at_the_seventh_file(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 7:
            raise KeyboardInterrupt  # the trainer pressed Ctrl-C, or the power went
        return real_grade_file(*args, **kwargs)

    monkeypatch.setattr(batch, "grade_file", crash_at_the_seventh_file)
    with Gradebook.open(db_url) as book:
        with pytest.raises(KeyboardInterrupt):
            grade_files(files, COURSE, book, batch_size=3)
        # batches 1-2 (six files) committed; the third batch, in flight, left no trace
        assert book.counts() == (6, 6 * len(PRACTICE.questions))

    monkeypatch.setattr(batch, "grade_file", real_grade_file)
    with Gradebook.open(db_url) as book:
        graded, skipped = grade_files(files, COURSE, book, batch_size=3)
        assert book.counts() == (10, 10 * len(PRACTICE.questions))
        assert all(len(a.questions) == len(PRACTICE.questions) for a in book.attempts())
    assert [g.status for g in graded] == ["known"] * 6 + ["new"] * 4 and not skipped


def test_a_crash_while_writing_leaves_no_half_written_attempt(tmp_path, db_url, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cohort(tmp_path / "in", 6)
    files, _ = collect(["in"])
    real_insert = Gradebook._insert_answers
    calls = {"n": 0}

    def crash_on_the_second_write(self, conn, new, ids):
        calls["n"] += 1
        if calls["n"] == 2:
            real_insert(self, conn, new[:1], ids[:1])  # some answers written, then the crash
            raise OSError("disk full")
        return real_insert(self, conn, new, ids)

    monkeypatch.setattr(Gradebook, "_insert_answers", crash_on_the_second_write)
    with Gradebook.open(db_url) as book:
        with pytest.raises(OSError):
            grade_files(files, COURSE, book, batch_size=3)
        assert book.counts() == (3, 3 * len(PRACTICE.questions))
    monkeypatch.setattr(Gradebook, "_insert_answers", real_insert)
    with Gradebook.open(db_url) as book:
        grade_files(files, COURSE, book, batch_size=3)
        assert book.counts() == (6, 6 * len(PRACTICE.questions))
