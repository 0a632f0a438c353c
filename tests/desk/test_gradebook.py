"""generator.desk.gradebook, against SQLite and a real PostgreSQL server (the same tests)."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
import textwrap

import pytest
from sqlalchemy import create_engine, text

from answerkit import answer_document, fixture_quiz, grading_course, perfect_answers, wrong_answers
from desktools import ROOT, stored
from generator.desk.answerfiles import parse
from generator.desk.attempts import grade_file
from generator.desk.gradebook import (
    CertificateRecord,
    Gradebook,
    GradebookError,
    database_url,
    select_attempts,
)
from generator.desk.roster import RosterEntry

COURSE = grading_course()
PRACTICE = fixture_quiz("practice")


def attempt(name="张三", answers=None, submitted="2026-11-20T08:10:00Z", quiz=PRACTICE,
            learner_id=None):
    doc = answer_document(quiz, answers if answers is not None else perfect_answers(quiz),
                          name=name, submitted=submitted, learner_id=learner_id)
    data = json.dumps(doc, ensure_ascii=False).encode()
    return grade_file(parse(data), COURSE, source=f"{name}-{submitted}.json")


def test_recording_twice_is_one_attempt(db_url):
    first = attempt()
    with Gradebook.open(db_url) as book:
        assert book.record([first]) == {first.content_hash}
        assert book.record([first]) == set()
        assert book.record([first, first]) == set()
        assert book.counts() == (1, len(PRACTICE.questions))


def test_attempts_come_back_as_they_were_graded(db_url):
    graded = attempt(answers=wrong_answers(PRACTICE), name="<b>李四</b>", learner_id="S-9")
    with Gradebook.open(db_url) as book:
        book.record([graded])
        [back] = book.attempts()
    assert (back.learner_name, back.learner_id, back.learner_key, back.quiz) == (
        "<b>李四</b>", "S-9", "id:s-9", "practice")
    assert (back.score, back.points, back.max_points, back.passed) == (
        graded.result.score, graded.result.points, graded.result.max_points, False)
    assert back.questions == graded.result.questions  # statuses, picks, endings, in quiz order
    assert back.submitted_at == datetime.datetime(2026, 11, 20, 8, 10)
    assert back.source == graded.source and back.content_hash == graded.content_hash


def test_every_attempt_is_kept_and_known_finds_them(db_url):
    attempts = [attempt(submitted=f"2026-11-2{day}T08:00:00Z") for day in range(3)]
    with Gradebook.open(db_url) as book:
        book.record(attempts[:2])
        book.record(attempts)
        assert book.counts()[0] == 3
        known = book.known([a.content_hash for a in attempts] + ["no-such-hash"])
    assert set(known) == {a.content_hash for a in attempts}
    assert known[attempts[2].content_hash].questions == ()  # summaries only


def test_a_failed_batch_leaves_nothing_behind(db_url, monkeypatch):
    good, other = attempt(), attempt(name="王五")
    with Gradebook.open(db_url) as book:
        book.record([good])

        def crash(*args):
            raise RuntimeError("disk full")

        monkeypatch.setattr(Gradebook, "_insert_answers", crash)  # after the attempts' rows
        with pytest.raises(RuntimeError):
            book.record([other])
        assert book.counts() == (1, len(PRACTICE.questions))  # no attempt without answers


def test_reopening_keeps_everything(db_url):
    with Gradebook.open(db_url) as book:
        book.record([attempt()])
    with Gradebook.open(db_url, create=False) as book:
        assert book.counts()[0] == 1


def test_select_best_latest_or_first_per_learner_and_quiz():
    a = stored(1, "a", "q", [("x", 1, 1, (), None)], submitted=datetime.datetime(2026, 1, 1))
    b = stored(2, "a", "q", [("x", 0, 1, (), None)], submitted=datetime.datetime(2026, 1, 2))
    c = stored(3, "a", "q", [("x", 1, 1, (), None)], submitted=datetime.datetime(2026, 1, 3))
    d = stored(4, "b", "q", [("x", 0, 1, (), None)])
    e = stored(5, "a", "other", [("x", 0, 1, (), None)])
    assert [s.id for s in select_attempts([a, b, c, d, e], "best")] == [3, 4, 5]
    assert [s.id for s in select_attempts([a, b, d, e], "latest")] == [2, 4, 5]
    assert [s.id for s in select_attempts([a, b, d, e], "best")] == [1, 4, 5]
    assert [s.id for s in select_attempts([a, b, c, d, e], "first")] == [1, 4, 5]
    with pytest.raises(ValueError, match="use must be one of best, latest, first, not 'worst'"):
        select_attempts([a], "worst")


def test_latest_and_first_follow_attempt_numbers_never_the_learner_s_clock():
    from dataclasses import replace

    # Attempt 2 claims to be submitted in 2020; attempt 1 in 2030: the clock is the learner's.
    one = replace(stored(1, "a", "q", [("x", 1, 1, (), None)],
                         submitted=datetime.datetime(2030, 1, 1)), attempt=1)
    two = replace(stored(2, "a", "q", [("x", 0, 1, (), None)],
                         submitted=datetime.datetime(2020, 1, 1)), attempt=2)
    assert [s.id for s in select_attempts([two, one], "latest")] == [2]
    assert [s.id for s in select_attempts([two, one], "first")] == [1]


def certificate(code="ABCD-EFGH-JKMN", learner="name:张三"):
    return CertificateRecord(code, learner, "张三", "退款实务测试课", datetime.date(2026, 11, 20),
                             ({"quiz": "final", "title": "结业考核", "percent": 100},),
                             datetime.datetime(2026, 11, 26, 9, 0))


def test_certificates_are_stored_once_per_learner(db_url):
    with Gradebook.open(db_url) as book:
        first = book.add_certificate(certificate())
        again = book.add_certificate(certificate(code="ZZZZ-ZZZZ-ZZZZ"))
        assert again == first
        assert book.find_certificate("ABCD-EFGH-JKMN") == first
        assert book.find_certificate("ZZZZ-ZZZZ-ZZZZ") is None
        assert book.certificate_for("name:张三") == first
        assert book.certificate_for("name:nobody") is None


def test_a_revoked_certificate_is_kept_and_a_new_one_may_follow(db_url):
    when = datetime.datetime(2026, 11, 28, 10, 0)
    with Gradebook.open(db_url) as book:
        book.add_certificate(certificate())
        revoked = book.revoke_certificate("ABCD-EFGH-JKMN", "took it for a colleague", when)
        assert (revoked.revoked_at, revoked.revoke_reason) == (when, "took it for a colleague")
        assert book.certificate_for("name:张三") is None
        assert book.revoke_certificate("ABCD-EFGH-JKMN", "again", when).revoke_reason == \
            "took it for a colleague"  # the first revocation stands
        new = book.add_certificate(certificate(code="ZZZZ-ZZZZ-ZZZZ"))
        assert book.certificate_for("name:张三") == new
        assert book.find_certificate("ABCD-EFGH-JKMN").revoked_at == when
        assert set(book.revoked_certificates()) == {"name:张三"}


def test_the_roster_is_imported_updated_and_keeps_codes(db_url):
    with Gradebook.open(db_url) as book:
        assert book.roster() == {}
        assert book.import_roster([RosterEntry("CS-017", "王小明", "A"),
                                   RosterEntry("cs-018", "李四")]) == (2, 0, 0)
        book.set_codes({"cs-017": "7KQ2-M9XD-F"})
        assert book.import_roster([RosterEntry("CS-017", "王晓明", "A"),
                                   RosterEntry("cs-018", "李四"),
                                   RosterEntry("cs-019", "赵六", "B")]) == (1, 1, 1)
        roster = book.roster()
    assert roster == {"cs-017": RosterEntry("CS-017", "王晓明", "A", "7KQ2-M9XD-F"),
                      "cs-018": RosterEntry("cs-018", "李四", None, None),
                      "cs-019": RosterEntry("cs-019", "赵六", "B", None)}


def test_a_value_longer_than_any_old_column_is_stored(db_url):
    # Case folding makes 100 "ﬃ" 300 characters: over the old 220-character learner_key on
    # PostgreSQL, which failed the whole batch.
    long = attempt(learner_id="ﬃ" * 100)
    with Gradebook.open(db_url) as book:
        assert book.record([long]) == {long.content_hash}
        [back] = book.attempts()
    assert back.learner_key == "id:" + "ffi" * 100


# Opening ---------------------------------------------------------------------------------------

def test_database_urls():
    assert database_url("grades/book.sqlite").render_as_string() == "sqlite:///grades/book.sqlite"
    assert database_url("postgresql://u:p@h/db").drivername == "postgresql+psycopg"
    assert database_url("postgres://u:p@h/db").drivername == "postgresql+psycopg"
    with pytest.raises(GradebookError, match="^unsupported database 'mysql'; use a file name "
                                             r"\(SQLite\) or postgresql://user:password@host/"
                                             "database$"):
        database_url("mysql://u:p@h/db")


def test_opening_a_missing_gradebook_for_reading_says_so(tmp_path):
    path = tmp_path / "none.sqlite"
    with pytest.raises(GradebookError) as caught:
        Gradebook.open(str(path), create=False)
    assert str(caught.value) == (f"{path}: no gradebook there; grade answer files first with "
                                 f"`course grade --db {path} FILES`")
    assert not path.exists()


def test_opening_in_a_missing_folder_says_so(tmp_path):
    with pytest.raises(GradebookError, match="folder .*nowhere does not exist$"):
        Gradebook.open(str(tmp_path / "nowhere" / "g.sqlite"))


def test_a_file_that_is_not_a_database(tmp_path):
    path = tmp_path / "report.html"
    path.write_text("<html>" * 1000)
    with pytest.raises(GradebookError) as caught:
        Gradebook.open(str(path))
    assert str(caught.value) == f"cannot open gradebook {path}: file is not a database"


def test_an_unreachable_server_is_one_line_without_the_password():
    with pytest.raises(GradebookError) as caught:
        Gradebook.open("postgresql://trainer:secret@127.0.0.1:1/grades")
    message = str(caught.value)
    assert message.startswith("cannot open gradebook postgresql+psycopg://trainer:***@127.0.0.1"
                              ":1/grades: ")
    assert "secret" not in message and "\n" not in message


def test_a_gradebook_of_another_format_is_refused(db_url):
    with Gradebook.open(db_url) as book:
        with book.engine.begin() as conn:
            conn.execute(text("update gradebook_meta set value = '99' where key = 'schema'"))
    with pytest.raises(GradebookError, match="gradebook format 99 is not the format 2 this "
                                             "version of `course` uses$"):
        Gradebook.open(db_url)


def test_a_format_1_gradebook_says_what_to_do(db_url):
    with Gradebook.open(db_url) as book:
        with book.engine.begin() as conn:
            conn.execute(text("update gradebook_meta set value = '1' where key = 'schema'"))
    with pytest.raises(GradebookError) as caught:
        Gradebook.open(db_url)
    assert str(caught.value).endswith(
        ": gradebook format 1 was written by an older `course`; grade the answer files again "
        "into a new gradebook (format 2 knows attempts by their content and checks identities "
        "and published versions)")


# Creating the schema: one transaction, under a lock ------------------------------------------

def _child(db_url: str, code: str) -> subprocess.Popen:
    script = textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(ROOT)!r})
        from generator.desk import gradebook
        real = gradebook.metadata.create_all
        {textwrap.indent(textwrap.dedent(code), "        ").strip()}
        book = gradebook.Gradebook.open({db_url!r})
        book.close()
        print("opened")
    """)
    return subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_two_processes_creating_one_gradebook_both_succeed(db_url):
    # Each creator is slowed down between its check and its CREATE TABLEs: without the lock,
    # both found no gradebook and the second failed on the first's tables.
    slow = """
        def slowly(*args, **kwargs):
            time.sleep(1.0)
            return real(*args, **kwargs)
        gradebook.metadata.create_all = slowly
    """
    children = [_child(db_url, slow) for _ in range(2)]
    results = [child.communicate(timeout=120) for child in children]
    assert [child.returncode for child in children] == [0, 0], results
    assert [out for out, _ in results] == ["opened\n", "opened\n"]
    with Gradebook.open(db_url, create=False) as book:
        assert book.counts() == (0, 0)


def test_a_creator_killed_midway_leaves_a_gradebook_the_next_one_creates(db_url):
    # Killed (kill -9) after the first tables were created: before, SQLite had committed them
    # and every later command refused the gradebook ("format None").
    killed = """
        import os, signal
        def then_killed(conn, *args, **kwargs):
            gradebook.gradebook_meta.create(conn)
            gradebook.attempts.create(conn)
            os.kill(os.getpid(), signal.SIGKILL)
        gradebook.metadata.create_all = then_killed
    """
    child = _child(db_url, killed)
    child.communicate(timeout=120)
    assert child.returncode == -9
    with Gradebook.open(db_url) as book:
        book.record([attempt()])
        assert book.counts() == (1, len(PRACTICE.questions))


def test_a_gradebook_left_half_made_by_an_older_course_is_finished(db_url):
    engine = create_engine(database_url(db_url))
    with engine.begin() as conn:  # what the old code left: tables, and no format record
        conn.execute(text("create table gradebook_meta (key varchar(40) primary key, "
                          "value varchar(200) not null)"))
    engine.dispose()
    with Gradebook.open(db_url) as book:
        book.record([attempt()])
        assert book.counts()[0] == 1


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_postgres_tables_live_in_the_test_schema(db_url):
    with Gradebook.open(db_url) as book:
        book.record([attempt()])
    engine = create_engine(database_url(db_url))
    with engine.connect() as conn:
        assert conn.execute(text("select count(*) from attempts")).scalar() == 1
        assert conn.execute(text("select current_schema()")).scalar().startswith("desk_test_")
    engine.dispose()
