"""A trainer's day with the roster, access codes, certificates and revocation, run as a trainer
runs it (`course ...` in a subprocess), on SQLite and PostgreSQL; and the desk defects of the
hostile run (issue 12.6), each reproduced first."""

from __future__ import annotations

import datetime
import json
import os
import re

import pytest

from answerkit import (
    CONFIG,
    answer_document,
    fixture_quiz,
    page_answer_file,
    perfect_answers,
    write,
)
from desktools import course
from generator.desk import atomic
from generator.desk.gradebook import Gradebook

PRACTICE = fixture_quiz("practice")
FINAL = fixture_quiz("final")
STAFF = "工号,姓名,分组\ncs-001,王小明,售后一组\ncs-002,李四,售后一组\ncs-003,赵六,售后二组\n"


def run(cwd, *args, env=None):
    return course(*args, "-f", str(CONFIG), cwd=cwd, env=env)


def codes(cwd, db) -> dict[str, str]:
    with Gradebook.open(db if "://" in db else str(cwd / db), create=False) as book:
        return {key: entry.code for key, entry in book.roster().items()}


def test_roster_codes_grading_certificates_verify_and_revoke(tmp_path, db_url):
    (tmp_path / "staff.csv").write_text(STAFF, encoding="utf-8-sig")
    imported = run(tmp_path, "roster", "import", "staff.csv", "--db", db_url)
    assert imported.returncode == 0, imported.stderr
    lines = imported.stdout.splitlines()
    assert lines[0].startswith("course roster import: staff.csv: 3 learners: 3 added, 0 updated,"
                               " 0 unchanged; gradebook ")
    assert lines[1] == ("course roster import: 3 learners without an access code; give codes "
                        "with `course roster codes --out codes.html`")

    sheet = run(tmp_path, "roster", "codes", "--out", "codes.html", "--db", db_url)
    assert sheet.returncode == 0, sheet.stderr
    assert sheet.stdout == ("course roster codes: 3 new codes; 3 slips in codes.html (print it, "
                            "cut along the dashed lines, give each learner their own slip)\n")
    given = codes(tmp_path, db_url)
    page = (tmp_path / "codes.html").read_text(encoding="utf-8")
    for key, code in given.items():
        assert code in page and key in page
    assert "王小明" in page and "http" not in page  # the fixture course has no site_url
    again = run(tmp_path, "roster", "codes", "--out", "codes2.html", "--db", db_url)
    assert again.stdout.startswith("course roster codes: 0 new codes, 3 kept; 3 slips")
    assert codes(tmp_path, db_url) == given

    listing = run(tmp_path, "roster", "list", "--db", db_url)
    assert listing.stdout.splitlines()[0].split() == ["id", "name", "group", "has", "a", "code"]
    assert listing.stdout.splitlines()[-1] == ("course roster list: 3 learners, 3 with an access "
                                               "code")
    assert all(code not in listing.stdout for code in given.values())

    answers = tmp_path / "answers"
    write(answers, "wang.json", page_answer_file(FINAL, perfect_answers(FINAL),
                                                 learner_id="cs-001", name="Wang",
                                                 code=given["cs-001"]))
    write(answers, "li-with-wang-s-code.json", page_answer_file(
        FINAL, perfect_answers(FINAL), learner_id="cs-002", code=given["cs-001"]))
    write(answers, "zhao-unsigned.json", page_answer_file(FINAL, perfect_answers(FINAL),
                                                          learner_id="cs-003"))
    write(answers, "practice.json", page_answer_file(PRACTICE, perfect_answers(PRACTICE),
                                                     learner_id="cs-002", name="li"))
    graded = run(tmp_path, "grade", "answers", "--db", db_url, "--csv", "results.csv")
    assert graded.returncode == 1
    assert graded.stderr.splitlines() == [
        "answers/li-with-wang-s-code.json: the signature does not match the access code of "
        "learner 'cs-002': the file was changed after it was saved, or made with someone else's "
        "code",
        "answers/zhao-unsigned.json: not signed: this quiz asks for an access code, and the "
        "file carries no signature"]
    assert graded.stdout.splitlines()[-1] == (
        "course grade: identities not verified for 1 file (quizzes that ask for no access code)")
    csv_text = (tmp_path / "results.csv").read_text(encoding="utf-8-sig")
    assert "answers/wang.json,王小明,cs-001,final" in csv_text and ",1,已核实," in csv_text

    certs = run(tmp_path, "certificates", "--db", db_url, "--out", "certs")
    assert certs.stdout == ("course certificates: 1 certificate in certs/ (open index.html to "
                            "print them)\n")
    [page] = [p for p in (tmp_path / "certs").iterdir() if p.name != "index.html"]
    text = page.read_text(encoding="utf-8")
    assert "王小明" in text and "Wang" not in text and "身份未核实" not in text
    code = re.search(r'<span class="code">([^<]+)</span>', text).group(1)

    ok = course("verify", code, "--db", db_url, cwd=tmp_path)
    assert ok.returncode == 0
    assert ok.stdout.splitlines()[1:2] + ok.stdout.splitlines()[-2:] == [
        "  learner:   王小明", "  identity:  verified (roster and access code)",
        "  attempts:  1 passing attempt, still in the gradebook"]

    revoked = run(tmp_path, "certificates", "revoke", code, "--reason", "考试时由他人代答",
                  "--db", db_url)
    assert revoked.returncode == 0, revoked.stderr
    assert revoked.stdout == (f"course certificates revoke: {code}: revoked (王小明); "
                              "`course verify` now rejects it, and `course certificates` issues "
                              "a new one only from passes recorded after today\n")
    today = datetime.date.today().isoformat()
    rejected = course("verify", code, "--db", db_url, cwd=tmp_path)
    assert rejected.returncode == 1
    assert rejected.stderr == (f"course verify: {code}: revoked on {today} (考试时由他人代答): "
                               "rejected\n")
    not_again = run(tmp_path, "certificates", "--db", db_url, "--out", "certs2")
    assert not_again.stdout.splitlines() == [
        f"course certificates: 王小明: certificate {code} was revoked on {today}; no pass "
        "recorded since, so no new certificate",
        "course certificates: 0 certificates in certs2/ (open index.html to print them)"]

    write(answers, "wang-retake.json", page_answer_file(
        FINAL, perfect_answers(FINAL), learner_id="cs-001", attempt=2, code=given["cs-001"]))
    assert run(tmp_path, "grade", "answers/wang-retake.json", "--db", db_url).returncode == 0
    retaken = run(tmp_path, "certificates", "--db", db_url, "--out", "certs3")
    first = retaken.stdout.splitlines()[0]
    assert re.fullmatch(rf"course certificates: 王小明: certificate {code} was revoked on "
                        rf"{today}; new certificate [0-9A-Z-]{{14}} from passes recorded since",
                        first)
    new_code = first.split("new certificate ")[1].split()[0]
    assert course("verify", new_code, "--db", db_url, cwd=tmp_path).returncode == 0

    with Gradebook.open(db_url, create=False) as book:  # someone deletes the attempt behind it
        with book.engine.begin() as conn:
            from sqlalchemy import text as sql

            conn.execute(sql("delete from attempts where attempt = 2"))
    gone = course("verify", new_code, "--db", db_url, cwd=tmp_path)
    assert gone.returncode == 1
    assert gone.stderr.startswith(f"course verify: {new_code}: the passing attempts behind this "
                                  "certificate are no longer in gradebook ")
    assert gone.stderr.endswith(" (1 missing): rejected\n")


def test_a_roster_with_problems_imports_nothing(tmp_path):
    (tmp_path / "staff.csv").write_text("id,name\ncs-1,A\n,B\ncs-1,C\n", encoding="utf-8")
    result = run(tmp_path, "roster", "import", "staff.csv", "--db", "g.sqlite")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "staff.csv:3: no id — every learner needs the staff id they type on quiz pages",
        "staff.csv:4: id 'cs-1' is already on line 2 (ids are compared ignoring case) — give "
        "each learner their own id",
        "course roster import: 2 problems in staff.csv; nothing was imported"]
    assert not (tmp_path / "g.sqlite").exists()


def test_a_gbk_roster_is_read_and_said_so(tmp_path):
    (tmp_path / "staff.csv").write_bytes("工号,姓名\ncs-1,王小明\n".encode("gbk"))
    result = run(tmp_path, "roster", "import", "staff.csv", "--db", "g.sqlite")
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == (
        "course roster import: staff.csv is not UTF-8; read as GBK (what Excel's plain \"CSV\" "
        "writes on Chinese Windows) — check the names with `course roster list`")
    assert "王小明" in run(tmp_path, "roster", "list", "--db", "g.sqlite").stdout


def test_replacing_one_learner_s_code(tmp_path):
    (tmp_path / "staff.csv").write_text(STAFF, encoding="utf-8")
    run(tmp_path, "roster", "import", "staff.csv", "--db", "g.sqlite")
    run(tmp_path, "roster", "codes", "--out", "all.html", "--db", "g.sqlite")
    before = codes(tmp_path, "g.sqlite")
    result = run(tmp_path, "roster", "codes", "--new", "--learner", "CS-002", "--out", "one.html",
                 "--db", "g.sqlite")
    assert result.stdout.splitlines() == [
        "course roster codes: 1 new code; 1 slip in one.html (print it, cut along the dashed "
        "lines, give each learner their own slip)",
        "course roster codes: the replaced codes no longer sign answer files; files already "
        "graded stay graded"]
    after = codes(tmp_path, "g.sqlite")
    assert after["cs-001"] == before["cs-001"] and after["cs-002"] != before["cs-002"]
    unknown = run(tmp_path, "roster", "codes", "--learner", "cs-999", "--out", "x.html", "--db",
                  "g.sqlite")
    assert (unknown.returncode, unknown.stderr) == (
        1, "course roster codes: not on the roster: cs-999\n")


# Issue 12.6: the desk defects of the hostile run --------------------------------------------

def good(name="张三", **kwargs):
    return answer_document(FINAL, perfect_answers(FINAL), name=name, **kwargs)


def test_dates_at_the_limits_lose_neither_the_batch_nor_later_files(tmp_path, db_url):
    # Before: OverflowError, the batch in flight and every later file lost, on every rerun.
    folder = tmp_path / "answers"
    write(folder, "a.json", good("甲"))
    write(folder, "b-year-1.json", dict(good("乙"), started_at="0001-01-01T00:00:00+01:00"))
    write(folder, "c-year-9999.json", dict(good("丙"), submitted_at="9999-12-31T23:59:59-01:00"))
    write(folder, "d.json", good("丁"))
    for _ in range(2):
        result = run(tmp_path, "grade", "answers", "--db", db_url)
        assert "Traceback" not in result.stderr
        assert result.stderr.splitlines() == [
            "answers/b-year-1.json: started_at: 0001-01-01T00:00:00+01:00 is outside the dates "
            "a gradebook can hold",
            "answers/c-year-9999.json: submitted_at: 9999-12-31T23:59:59-01:00 is outside the "
            "dates a gradebook can hold"]
    with Gradebook.open(db_url, create=False) as book:
        assert sorted(a.learner_name for a in book.attempts()) == ["丁", "甲"]


def test_a_file_from_year_9999_cannot_break_certificates_in_shanghai(tmp_path, db_url):
    # Before: graded cleanly, then `course certificates` crashed for everyone under
    # TZ=Asia/Shanghai (the date of the learner's file, +8 hours, overflowed).
    write(tmp_path / "answers", "future.json", good("未来", submitted="9999-12-31T23:59:59Z"))
    write(tmp_path / "answers", "now.json", good("现在"))
    result = run(tmp_path, "grade", "answers", "--db", db_url)
    assert result.stderr.startswith("answers/future.json: submitted_at 9999-12-31T23:59:59Z is in "
                                    "the future (the grader's clock says ")
    shanghai = run(tmp_path, "certificates", "--db", db_url, "--out", "certs",
                   env={"TZ": "Asia/Shanghai"})
    assert shanghai.returncode == 0, shanghai.stderr
    assert shanghai.stdout.startswith("course certificates: 1 certificate in certs/")


def test_file_names_that_are_not_utf8_never_cost_the_batch_or_the_csv(tmp_path, db_url):
    # Before: a traceback at the insert (the batch lost), and --csv left results.csv empty.
    folder = tmp_path / "answers"
    folder.mkdir()
    with open(os.fsencode(folder) + b"/" + "王五".encode("gbk") + b".json", "wb") as stream:
        stream.write(json.dumps(good("王五")).encode())
    write(folder, "ok.json", good("好"))
    (tmp_path / "results.csv").write_text("previous results\n", encoding="utf-8")
    result = run(tmp_path, "grade", "answers", "--db", db_url, "--csv", "results.csv")
    assert result.returncode == 0, result.stderr
    assert "answers/\\xcd\\xf5" in result.stdout  # the table clips the name to its column
    csv_text = (tmp_path / "results.csv").read_text(encoding="utf-8-sig")
    assert "answers/\\xcd\\xf5\\xce\\xe5.json,王五" in csv_text and "answers/ok.json,好" in csv_text


def test_an_output_is_replaced_whole_or_not_at_all(tmp_path, monkeypatch):
    target = tmp_path / "results.csv"
    target.write_text("previous results\n", encoding="utf-8")

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", disk_full)
    with pytest.raises(OSError):
        atomic.write_text_atomically(target, "new results\n" * 1000)
    assert target.read_text(encoding="utf-8") == "previous results\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results.csv"]  # no partial file left
    with pytest.raises(UnicodeEncodeError):
        atomic.write_text_atomically(target, "bad \udcff name")
    assert target.read_text(encoding="utf-8") == "previous results\n"


def test_nul_characters_and_long_values_on_the_gradebook(tmp_path, db_url):
    # Before, on PostgreSQL: a NUL in a name, or an id longer than its column once normalised,
    # failed the whole batch on every rerun, and the file was not named.
    folder = tmp_path / "answers"
    write(folder, "nul.json", json.dumps(good("张\u0000三"), ensure_ascii=True))
    write(folder, "long-id.json", good("长", learner_id="ﬃ" * 100))
    write(folder, "plain.json", good("平"))
    result = run(tmp_path, "grade", "answers", "--db", db_url)
    assert result.stderr.splitlines() == [
        "answers/nul.json: learner.name: contains a NUL character (\\u0000), which is not text"]
    with Gradebook.open(db_url, create=False) as book:
        assert sorted(a.learner_name for a in book.attempts()) == ["平", "长"]


def test_names_ids_fields_and_file_names_cannot_forge_lines(tmp_path):
    folder = tmp_path / "answers"
    evil_name = "evil\n\x1b[31mforged.json: graded 100%\u202e.json"
    (folder).mkdir()
    (folder / evil_name).write_text("{broken", encoding="utf-8")
    doc = good("x")
    doc["learner"]["nick\nname"] = 1
    write(folder, "field.json", doc)
    write(folder, "id.json", dict(good("y"), quiz="final\r\nanswers/ok.json: fine"))
    result = run(tmp_path, "grade", "answers", "--db", "g.sqlite")
    assert result.stderr.splitlines() == [
        "answers/evil\\n\\x1b[31mforged.json: graded 100%\\u202e.json: not JSON: key must be a "
        "string at line 1 column 2",
        "answers/field.json: learner.nick\\nname: unknown field",
        "answers/id.json: unknown quiz 'final\\r\\nanswers/ok.json: fine'; this course has: "
        "practice, final"]
    assert "\x1b" not in result.stdout + result.stderr
    assert "\u202e" not in result.stdout + result.stderr


def test_resaving_a_file_with_a_bom_and_crlf_is_the_same_attempt(tmp_path):
    # Before: a new attempt (the attempt was known by the file's bytes).
    doc = page_answer_file(FINAL, perfect_answers(FINAL), learner_id="cs-001")
    write(tmp_path / "a", "original.json", doc)
    resaved = b"\xef\xbb\xbf" + json.dumps(doc, ensure_ascii=False, indent=4).replace(
        "\n", "\r\n").encode("utf-8")
    write(tmp_path / "b", "resaved.json", resaved)
    run(tmp_path, "grade", "a", "--db", "g.sqlite")
    again = run(tmp_path, "grade", "b", "--db", "g.sqlite")
    assert "1 graded (0 new, 1 already in the gradebook)" in again.stdout
