"""generator.desk.answerfiles: one file's bytes → validated data, or one line on what is wrong."""

from __future__ import annotations

import datetime
import json
import os

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from answerkit import answer_document, fixture_quiz, page_answer_file, perfect_answers
from generator.desk import answerdata, answerfiles
from generator.desk.answerdata import AnswerItem, Learner, LearnerV1
from generator.desk.answerfiles import MAX_FILE_BYTES, BadAnswerFile, one_line, parse, read_bytes
from generator.integrity.canonical import attempt_hash
from generator.models import answers as definition
from generator.models.answers import AnswerFile, AnswerFile1, AnswerFile2

GOOD = answer_document(fixture_quiz("practice"), perfect_answers(fixture_quiz("practice")))
GOOD2 = page_answer_file(fixture_quiz("final"), perfect_answers(fixture_quiz("final")),
                         code="7KQ2-M9XD-F", page_score=0.5)


def encoded(document) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def changed(base=None, **changes) -> bytes:
    """GOOD (or `base`) with `a__b__0__c=value` set (or deleted, for KeyError); paths that no
    longer lead anywhere (a parent replaced by a number) are ignored."""
    document = json.loads(json.dumps(GOOD if base is None else base))
    for path, value in changes.items():
        target = document
        *parents, last = [int(p) if p.isdigit() else p for p in path.split("__")]
        for part in parents:
            try:
                target = target[part]
            except (KeyError, IndexError, TypeError):
                target = None
                break
        if not isinstance(target, (dict, list)):
            continue
        if value is KeyError:
            if isinstance(target, dict):
                target.pop(last, None)
        elif isinstance(target, dict) or (isinstance(last, int) and last < len(target)):
            target[last] = json.loads(json.dumps(value))  # a copy: no shared objects
    return encoded(document)


def message(data: bytes) -> str:
    with pytest.raises(BadAnswerFile) as caught:
        parse(data)
    return caught.value.message


def test_a_good_file_parses_to_its_data():
    data = parse(encoded(GOOD)).data
    assert data.quiz == "practice"
    assert data.learner == LearnerV1(name="张三")
    assert data.answers[0] == AnswerItem("pick-one", "approve", data.answers[0].answered_at)
    assert data.submitted_at.isoformat() == "2026-11-20T08:10:00+00:00"


def test_a_format_2_file_parses_with_its_document_and_identity():
    read = parse(encoded(GOOD2))
    assert read.format == 2 and read.data.attempt == 1
    assert read.data.learner == Learner(id="cs-017")
    assert read.document == GOOD2  # as written: dates as text, for the signature
    assert read.attempt_hash == attempt_hash(GOOD2)


def test_a_byte_order_mark_is_accepted():
    assert parse(b"\xef\xbb\xbf" + encoded(GOOD)).data.quiz == "practice"


def test_a_time_only_the_definition_reads_is_taken_from_the_definition():
    """`08:10Z` without seconds: msgspec refuses it, AnswerFile reads it; the definition wins."""
    read = parse(changed(GOOD2, submitted_at="2026-11-20T08:10Z"))
    assert read.data.submitted_at == datetime.datetime(2026, 11, 20, 8, 10,
                                                        tzinfo=datetime.timezone.utc)
    assert read.document["submitted_at"] == "2026-11-20T08:10Z"  # signed as written


def test_the_same_answers_saved_differently_are_the_same_attempt():
    compact = encoded(GOOD2)
    resaved = [b"\xef\xbb\xbf" + compact,
               json.dumps(GOOD2, ensure_ascii=False, indent=2).replace("\n", "\r\n").encode(),
               json.dumps(dict(reversed(list(GOOD2.items()))), ensure_ascii=True).encode()]
    assert {parse(data).attempt_hash for data in resaved} == {parse(compact).attempt_hash}
    other = dict(GOOD2, seed=GOOD2["seed"] + 1)
    assert parse(encoded(other)).attempt_hash != parse(compact).attempt_hash


@pytest.mark.parametrize("data, expected", [
    (encoded(GOOD2).replace(b'"quiz": "final"', b'"quiz": "final", "quiz": "practice"'),
     "key \"quiz\" appears twice; a field may appear only once (programs disagree on which "
     "one counts)"),
    (encoded(GOOD2).replace(b'"id":"cs-017"', b'"id":"cs-017","id":"cs-018"')
     .replace(b'"id": "cs-017"', b'"id": "cs-017", "id": "cs-018"'),
     "learner: key \"id\" appears twice; a field may appear only once (programs disagree on "
     "which one counts)"),
], ids=["top", "nested"])
def test_a_key_given_twice_is_refused(data, expected):
    assert message(data) == expected


_TWICE = ("key \"{key}\" appears twice; a field may appear only once (programs disagree on "
          "which one counts)")


@pytest.mark.parametrize("old, new, where, key", [
    # White space before the colon, where a count of `":` would miss the key.
    (b'"quiz": "final"', b'"quiz" \r\n\t: "practice", "quiz": "final"', "", "quiz"),
    # A key spelled with an escape: the same key once decoded.
    (b'"quiz": "final"', b'"qu\\u0069z": "practice", "quiz": "final"', "", "quiz"),
    # In an answer, and in an object given as an answer (which the grader would refuse anyway).
    (b'"answer": ', b'"answer": null, "answer": ', "answers[0]", "answer"),
    (b'"@@"', b'{"a": 1, "a": 2}', "answers[0].answer", "a"),
    # An escaped quote and a colon in some text (one `":` too many) beside a real duplicate.
    (b'"course": "', b'"seed": 1, "course": "\\":\\": ', "", "seed"),
], ids=["space-before-colon", "escaped-key", "in-an-answer", "in-an-answer-value",
        "quote-colon-in-text"])
def test_a_key_given_twice_is_refused_however_it_is_written(old, new, where, key):
    base = json.loads(json.dumps(GOOD2))
    base["answers"][0]["answer"] = "@@"  # where an object goes, for one case
    data = encoded(base).replace(old, new, 1)
    assert data != encoded(base)
    shown = f"{where}: " if where else ""
    assert message(data) == shown + _TWICE.format(key=key)


def test_a_quote_and_colon_in_text_alone_is_no_duplicate():
    document = dict(GOOD2, course='书名"：": 退款"\\":')
    assert parse(encoded(document)).document == document


@pytest.mark.parametrize("change, expected", [
    ({"learner__name": "张\u0000三"}, "learner.name: contains a NUL character (\\u0000), which "
                                      "is not text"),
    ({"course": "a\ud800b"}, "not JSON: half of a surrogate pair (\\ud800-\\udfff) at line 1 "
                             "column 50, which is not text"),
], ids=["nul", "surrogate"])
def test_text_a_gradebook_cannot_store_is_refused(change, expected):
    document = json.loads(json.dumps(GOOD))
    for path, value in change.items():
        *parents, last = path.split("__")
        target = document
        for part in parents:
            target = target[part]
        target[last] = value
    data = json.dumps(document, ensure_ascii=True).encode()  # escaped, as JSON carries them
    assert message(data) == expected


@pytest.mark.parametrize("data, expected", [
    (b"", "file is empty"),
    (b"  \n", "file is empty"),
    (b"{not json", "not JSON: key must be a string at line 1 column 2"),
    (encoded(GOOD)[:60], "not JSON: EOF while parsing a string at line 1 column 60"),
    (encoded(GOOD).replace("张三".encode(), b"\xff\xfe\xfd"),
     "not UTF-8: byte 0xff at offset 357 is not UTF-8 text; save the file as UTF-8"),
    (json.dumps(GOOD, ensure_ascii=False).encode("gbk"),
     "not UTF-8: byte 0xcd at offset 42 is not UTF-8 text; save the file as UTF-8"),
    (json.dumps(GOOD).encode("utf-16"), "not UTF-8: the file is UTF-16 text; save it as UTF-8"),
    (b"[" * 100_000, "not an answer file: JSON nested too deeply"),
    (b'{"format":' + b"[" * 5000 + b"]" * 5000 + b"}",
     "not an answer file: JSON nested too deeply"),
    (b"[]", "not an answer file: expected a JSON object, got a list"),
    (b'"answers"', "not an answer file: expected a JSON object, got text"),
    (b'{"name": "x"}', 'not an answer file: no "format": "course-answers/2" in it'),
], ids=["empty", "blank", "not-json", "truncated", "not-utf8", "gbk", "utf16", "deep-list",
        "deep-field", "list", "text", "other-json"])
def test_files_that_are_not_answer_files(data, expected):
    assert message(data) == expected


@pytest.mark.parametrize("change, expected", [
    ({"format": "course-answers/3"}, 'format: expected "course-answers/2" (or the older '
                                     '"course-answers/1"), got "course-answers/3"'),
    ({"learner__name": 42}, "learner.name: expected text, got a number"),
    ({"learner__name": ""}, "learner.name: must not be empty"),
    ({"learner__name": "x" * 101}, "learner.name: longer than 100 characters"),
    ({"learner__nickname": "x"}, "learner.nickname: unknown field"),
    ({"seed": "7"}, "seed: expected a whole number, got text"),
    ({"seed": -1}, "seed: must be at least 0, got -1"),
    ({"seed": 2**32}, "seed: must be at most 4294967295, got 4294967296"),
    ({"started_at": "yesterday"},
     'started_at: expected a date and time such as 2025-03-01T09:30:00Z, got "yesterday"'),
    ({"quiz": KeyError}, "quiz: missing"),
    ({"quiz": KeyError, "seed": KeyError}, "quiz: missing (and 1 more problem)"),
    ({"answers": {}}, "answers: expected a list, got an object"),
    ({"answers__0__question": 5}, "answers[0].question: expected text, got a number"),
    ({"answers__0__answer": {"x": 1}},
     "answers[0].answer: expected true/false, an id or a list of ids, got an object"),
    ({"page_score": 2}, "page_score: must be at most 1.0, got 2"),
    ({"extra": 1}, "extra: unknown field"),
], ids=lambda value: "-".join(value) if isinstance(value, dict) else None)
def test_wrong_fields_are_named_with_what_was_expected(change, expected):
    data = changed(**change)
    if "answers__0__answer" in change:
        # The grader checks answer values against their question; AnswerFile's message is this:
        with pytest.raises(ValidationError) as caught:
            AnswerFile.model_validate_json(data)
        assert answerfiles.describe(caught.value, data) == expected
        return
    assert message(data) == expected


def test_read_bytes_refuses_a_large_file_by_size_without_reading_it(tmp_path, monkeypatch):
    huge = tmp_path / "video.json"
    with huge.open("wb") as stream:
        stream.truncate(50 * 1024 * 1024)  # sparse: 50 MB long, nothing written
    monkeypatch.setattr(answerfiles.os, "read", lambda *a: pytest.fail("the file was read"))
    with pytest.raises(BadAnswerFile) as caught:
        read_bytes(huge)
    assert caught.value.message == "file is 50.0 MB; an answer file is at most 1 MB"


def test_read_bytes_reads_a_file_up_to_the_limit(tmp_path):
    path = tmp_path / "a.json"
    path.write_bytes(b"x" * MAX_FILE_BYTES)
    assert len(read_bytes(path)) == MAX_FILE_BYTES
    path.write_bytes(b"x" * (MAX_FILE_BYTES + 1))
    with pytest.raises(BadAnswerFile, match="^file is 1.0 MB; an answer file is at most 1 MB$"):
        read_bytes(path)


def test_read_bytes_names_missing_files_and_folders(tmp_path):
    with pytest.raises(BadAnswerFile, match="^no such file$"):
        read_bytes(tmp_path / "nope.json")
    with pytest.raises(BadAnswerFile, match="^is a folder, not a file$"):
        read_bytes(tmp_path)


@pytest.mark.parametrize("change, expected", [
    ({"learner": {}}, "learner: give the learner's id or name"),
    ({"attempt": 0}, "attempt: must be at least 1, got 0"),
    ({"attempt": KeyError}, "attempt: missing"),
    ({"signature": "ABC"}, "signature: expected 64 hex digits (0-9, a-f)"),
    ({"question_versions": {}}, "question_versions: unknown field"),
], ids=["no-learner", "attempt-0", "no-attempt", "bad-signature", "v1-field"])
def test_format_2_fields(change, expected):
    assert message(changed(GOOD2, **change)) == expected


def test_read_bytes_never_waits_on_a_named_pipe(tmp_path):
    pipe = tmp_path / "a.json"
    os.mkfifo(pipe)
    with pytest.raises(BadAnswerFile) as caught:
        read_bytes(pipe)  # before the fix: blocked here until someone wrote to the pipe
    assert caught.value.message == ("is a named pipe (FIFO), not a file; answer files are "
                                    "regular files")


def test_one_line_keeps_messages_on_one_line_and_shows_what_was_there():
    assert one_line("a\nb\x1b[31mc\u2028d\x85") == "a\\nb\\x1b[31mc\\u2028d\\x85"
    assert one_line("evil\u202enosj.exe") == "evil\\u202enosj.exe"


# answerdata's Structs must accept exactly what AnswerFile accepts, apart from answer values
# (which the grader checks against their questions): the same formats twice, kept equal by these
# tests (where the definition reads a time msgspec does not, the file is read by the definition:
# slower, never refused).

@pytest.mark.parametrize("fast_type, model_type", [
    (answerdata.AnswerData2, AnswerFile2), (answerdata.AnswerData1, AnswerFile1),
    (answerdata.Learner, definition.Learner), (answerdata.LearnerV1, definition.LearnerV1),
    (answerdata.AnswerItem, definition.Answer),
], ids=["format-2", "format-1", "learner", "learner-v1", "answer"])
def test_the_structs_have_the_fields_of_answer_file(fast_type, model_type):
    fields = {f.encode_name: f.required for f in msgspec.structs.fields(fast_type)}
    if fast_type.__struct_config__.tag_field:
        fields = {"format": True, **fields}
    assert fields == {name: field.is_required() for name, field in model_type.model_fields.items()}


_values = st.one_of(st.none(), st.booleans(), st.integers(-3, 2**33), st.floats(allow_nan=False),
                    st.text(max_size=3), st.lists(st.text(max_size=2), max_size=2),
                    st.lists(st.integers(), max_size=2), st.builds(dict),
                    st.sampled_from(["2026-11-20T08:10:00Z", "2026-11-20T08:10Z",
                                     "2026-11-20 08:10:00+08:00", "2026-11-20T08:10:00",
                                     "2026-11-20T08:10:00,5Z", "2026-11-20", "1234567890",
                                     "0001-01-01T00:00:00+01:00", "a" * 64, "f" * 64, "x" * 101,
                                     "course-answers/1", "course-answers/2"]))
_fields = st.sampled_from(["format", "course", "quiz", "quiz_version", "question_versions",
                           "learner", "learner__name", "learner__id", "seed", "started_at",
                           "attempt", "signature",
                           "submitted_at", "answers", "answers__0__question",
                           "answers__0__answered_at", "page_score", "surplus",
                           "learner__surplus", "answers__0__surplus"])


@settings(max_examples=400, deadline=None)
@given(st.booleans(),
       st.dictionaries(_fields, st.one_of(_values, st.just(KeyError)), max_size=3))
def test_the_structs_accept_what_answer_file_accepts(format_2, change):
    data = changed(GOOD2 if format_2 else GOOD, **change)
    try:
        AnswerFile.model_validate_json(data)
        model_ok = True
    except ValidationError:
        model_ok = False
    try:
        answerdata.decode(data)
        fast_ok = True
    except answerdata.NOT_TAKEN:
        fast_ok = False
    assert not fast_ok or model_ok, change  # never more lenient than the definition
    try:
        parse(data)
        parsed = True
    except BadAnswerFile:
        parsed = False
    assert parsed == model_ok, change
