"""generator.desk.batch: many files into the gradebook; idempotent and safe to interrupt."""

from __future__ import annotations

import random

import pytest

from answerkit import answer_document, fixture_course, fixture_quiz, random_answers, write
from generator.desk import batch
from generator.desk.attempts import GradingCourse
from generator.desk.batch import collect, grade_files
from generator.desk.gradebook import Gradebook

COURSE = GradingCourse([entry.quiz for entry in fixture_course().quizzes])
PRACTICE = fixture_quiz("practice")


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
    assert [str(p) for p in problems] == ["missing.json: no such file or folder",
                                          "empty: no answer files (*.json) in this folder"]


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
