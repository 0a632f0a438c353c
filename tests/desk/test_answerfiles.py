"""generator.desk.answerfiles: one file's bytes → validated data, or one line on what is wrong."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from answerkit import answer_document, fixture_quiz, perfect_answers
from generator.desk import answerfiles
from generator.desk.answerfiles import (
    MAX_FILE_BYTES,
    BadAnswerFile,
    content_hash,
    one_line,
    parse,
    read_bytes,
)
from generator.models.answers import AnswerFile

GOOD = answer_document(fixture_quiz("practice"), perfect_answers(fixture_quiz("practice")))


def encoded(document) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def changed(**changes) -> bytes:
    """GOOD with `a__b__0__c=value` set (or deleted, for KeyError); paths that no longer lead
    anywhere (a parent replaced by a number) are ignored."""
    document = json.loads(json.dumps(GOOD))
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


def test_a_good_file_parses_to_plain_data():
    data = parse(encoded(GOOD))
    assert data["quiz"] == "practice"
    assert data["learner"] == {"name": "张三"}
    assert data["answers"][0] == {"question": "pick-one", "answer": "approve",
                                  "answered_at": data["answers"][0]["answered_at"]}
    assert data["submitted_at"].isoformat() == "2026-11-20T08:10:00+00:00"


def test_a_byte_order_mark_is_accepted():
    assert parse(b"\xef\xbb\xbf" + encoded(GOOD))["quiz"] == "practice"


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
    (b'{"name": "x"}', 'not an answer file: no "format": "course-answers/1" in it'),
], ids=["empty", "blank", "not-json", "truncated", "not-utf8", "gbk", "utf16", "deep-list",
        "deep-field", "list", "text", "other-json"])
def test_files_that_are_not_answer_files(data, expected):
    assert message(data) == expected


@pytest.mark.parametrize("change, expected", [
    ({"format": "course-answers/2"}, 'format: expected "course-answers/1", got "course-answers/2"'),
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
        # AnswerData leaves answer values to the grader; AnswerFile's own message is this:
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


def test_content_hash_is_the_sha256_of_the_bytes():
    assert content_hash(b"abc") == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")


def test_one_line_keeps_messages_on_one_line():
    assert one_line("a\nb\x1b[31mc\u2028d\x85") == "a?b?[31mc?d?"


# AnswerData must accept exactly what AnswerFile accepts, apart from answer values (which the
# grader checks): the same schema twice, kept equal by these two tests.

def _normalised(schema):
    """A JSON Schema without titles, descriptions and defaults (a NotRequired key has none)."""
    if isinstance(schema, dict):
        return {key: _normalised(value) for key, value in schema.items()
                if key not in ("title", "description", "default")}
    if isinstance(schema, list):
        return [_normalised(value) for value in schema]
    return schema


def test_answer_data_has_the_schema_of_answer_file():
    from pydantic import TypeAdapter

    fast = _normalised(TypeAdapter(answerfiles.AnswerData).json_schema())
    model = _normalised(AnswerFile.model_json_schema())
    fast_defs, model_defs = fast.pop("$defs"), model.pop("$defs")
    model_answer = model_defs["Answer"]
    assert model_answer["properties"].pop("answer")  # a union of answer types: the grader's
    assert fast_defs["AnswerItem"]["properties"].pop("answer") == {}  # any JSON value
    assert fast_defs["AnswerItem"] == model_answer
    assert fast_defs["LearnerData"] == model_defs["Learner"]
    for schema in (fast, model):
        schema["properties"]["answers"]["items"] = "ref"
        schema["properties"]["learner"] = "ref"
    assert fast == model


_values = st.one_of(st.none(), st.booleans(), st.integers(-3, 2**33), st.floats(allow_nan=False),
                    st.text(max_size=3), st.lists(st.text(max_size=2), max_size=2),
                    st.builds(dict), st.just("2026-11-20T08:10:00Z"))
_fields = st.sampled_from(["format", "course", "quiz", "quiz_version", "question_versions",
                           "learner", "learner__name", "learner__id", "seed", "started_at",
                           "submitted_at", "answers", "answers__0__question",
                           "answers__0__answered_at", "page_score", "surplus",
                           "learner__surplus", "answers__0__surplus"])


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_fields, st.one_of(_values, st.just(KeyError)), max_size=3))
def test_answer_data_accepts_what_answer_file_accepts(change):
    data = changed(**change)
    try:
        AnswerFile.model_validate_json(data)
        model_ok = True
    except ValidationError:
        model_ok = False
    try:
        answerfiles._FAST.validate_json(data)
        fast_ok = True
    except ValidationError:
        fast_ok = False
    assert fast_ok == model_ok, change
