"""generator.desk.written: the answer file as written, and its canonical bytes, equal to the
definition's (integrity/canonical.py over the parsed JSON) for every file the grader takes."""

from __future__ import annotations

import json

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from answerkit import fixture_quiz, page_answer_file, perfect_answers
from generator.desk import written
from generator.desk.answerfiles import BadAnswerFile, parse
from generator.integrity.canonical import attempt_hash, canonical_bytes
from generator.integrity.signing import sign

GOOD2 = page_answer_file(fixture_quiz("final"), perfect_answers(fixture_quiz("final")),
                         code="7KQ2-M9XD-T", page_score=0.5)


@pytest.mark.parametrize("struct", [written.Written, written.WrittenLearner,
                                    written.WrittenItem])
def test_fields_are_declared_in_sorted_order(struct):
    # msgspec writes a Struct's fields in declared order: the canonical order only if sorted.
    fields = struct.__struct_fields__
    assert list(fields) == sorted(fields)


def test_every_field_of_both_formats_is_there():
    from generator.desk.answerdata import AnswerData1, AnswerData2, AnswerItem, Learner, LearnerV1
    format_fields = {"format", *AnswerData1.__struct_fields__, *AnswerData2.__struct_fields__}
    assert set(written.Written.__struct_fields__) == format_fields
    assert set(written.WrittenLearner.__struct_fields__) == {
        *Learner.__struct_fields__, *LearnerV1.__struct_fields__}
    assert set(written.WrittenItem.__struct_fields__) == set(AnswerItem.__struct_fields__)


def _same_as_the_definition(document: dict, data: bytes) -> None:
    read = parse(data)
    assert isinstance(read.as_written, written.Written) == (b"\\" not in data)
    assert read.attempt_hash == attempt_hash(document)
    assert read.signed_content() == canonical_bytes(document)
    assert read.document == document


_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                min_size=1, max_size=12)
_ANSWER = st.one_of(st.none(), st.booleans(), _TEXT, st.lists(_TEXT, max_size=3),
                    st.dictionaries(_TEXT, st.one_of(st.integers(), _TEXT), max_size=3))


@settings(max_examples=150, deadline=None)
@given(name=_TEXT, course=_TEXT, answers=st.lists(_ANSWER, min_size=1, max_size=5),
       score=st.one_of(st.none(), st.just("absent"), st.integers(0, 1),
                       st.floats(0, 1, allow_nan=False)),
       answered=st.sampled_from(["absent", None, "2026-11-20T08:05:00.000Z"]),
       indent=st.sampled_from([None, 2]), ascii_only=st.booleans())
def test_the_canonical_bytes_are_the_definitions(name, course, answers, score, answered, indent,
                                                 ascii_only):
    document = json.loads(json.dumps(GOOD2))
    document["course"] = course
    document["learner"]["name"] = name
    document["answers"] = []
    for n, answer in enumerate(answers):
        item = {"question": f"q{n}", "answer": answer}
        if answered != "absent":
            item["answered_at"] = answered
        document["answers"].append(item)
    if score == "absent":
        del document["page_score"]
    else:
        document["page_score"] = score
    data = json.dumps(document, ensure_ascii=ascii_only, indent=indent).encode("utf-8")
    _same_as_the_definition(document, data)


@pytest.mark.parametrize("score", [1e-07, 0.1 + 0.2, 1, 0, 1.0])
def test_the_page_score_is_spelled_as_json_dumps_spells_it(score):
    document = dict(GOOD2, page_score=score)
    _same_as_the_definition(document, json.dumps(document).encode())
    if isinstance(score, float) and score < 1e-4:
        assert b"1e-07" in written.canonical(written.decode(json.dumps(document).encode()))


def test_a_signature_made_by_the_definition_verifies_over_these_bytes():
    read = parse(json.dumps(GOOD2, ensure_ascii=False, indent=2).encode())
    assert isinstance(read.as_written, written.Written)
    assert read.data.signature == sign(GOOD2, "7KQ2-M9XD-T")


def test_a_format_1_file_keeps_its_question_versions_sorted():
    document = json.loads(json.dumps(GOOD2))
    for key in ("attempt", "signature"):
        del document[key]
    document.update(format="course-answers/1", learner={"name": "张三"},
                    question_versions={"zz": "1", "aa": "2", "中": "3"})
    _same_as_the_definition(document, json.dumps(document, ensure_ascii=False).encode())


@pytest.mark.parametrize("insert", [
    b'"seed": 3, ', b'"attempt": 2, ', b'"page_score": null, ', b'"learner": {"id": "x"}, ',
    b'"answers": [], ',
])
def test_a_key_named_twice_without_any_backslash_is_refused(insert):
    # Whatever the earlier member holds (a number, null, an object, an empty list), it is a
    # string fewer in the canonical content than in the file.
    data = json.dumps(GOOD2, ensure_ascii=False).encode().replace(b"{", b"{" + insert, 1)
    assert b"\\" not in data
    with pytest.raises(BadAnswerFile, match="appears twice"):
        parse(data)


def test_the_structs_decode_what_the_definition_reads():
    data = json.dumps(GOOD2).encode()
    assert msgspec.to_builtins(written.decode(data)) == GOOD2
