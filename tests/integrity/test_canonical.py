"""generator.integrity.canonical and signing: the exact bytes a signature covers."""

import hashlib
import hmac
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.integrity.canonical import DuplicateKey, attempt_hash, canonical_bytes, loads_unique
from generator.integrity.signing import sign, verifies

DOCUMENT = {"format": "course-answers/2", "quiz": "q", "seed": 7, "attempt": 1,
            "learner": {"name": "王小明", "id": "cs-017"},
            "answers": [{"question": "a", "answer": ["x", "y"]},
                        {"question": "b", "answer": None}, {"question": "c", "answer": True}],
            "page_score": 0.5, "signature": "0" * 64}


def test_canonical_bytes_sort_keys_everywhere_drop_the_unsigned_fields_and_keep_cjk():
    assert canonical_bytes(DOCUMENT) == (
        '{"answers":[{"answer":["x","y"],"question":"a"},{"answer":null,"question":"b"},'
        '{"answer":true,"question":"c"}],"attempt":1,"format":"course-answers/2",'
        '"learner":{"id":"cs-017","name":"王小明"},"quiz":"q","seed":7}').encode("utf-8")


@pytest.mark.parametrize("text, expected", [
    ('引号"和\\反斜杠', '"引号\\"和\\\\反斜杠"'),
    ("tab\tnewline\nnul\x00 unit\x1f", '"tab\\tnewline\\nnul\\u0000 unit\\u001f"'),
    ("\u2028\u2029", '"\u2028\u2029"'),  # kept as they are, as JSON.stringify does
    ("😀 emoji", '"😀 emoji"'),
    ("\x7f del", '"\x7f del"'),
])
def test_awkward_strings_are_serialised_as_json_stringify_does(text, expected):
    # JSON.stringify escapes exactly ", \ and U+0000-U+001F (with \b \f \n \r \t short forms),
    # and nothing else; the widget's canonical form is JSON.stringify with sorted keys.
    assert canonical_bytes({"v": text}) == ('{"v":' + expected + "}").encode("utf-8")


def test_the_attempt_hash_covers_signature_and_page_score():
    base = attempt_hash(DOCUMENT)
    assert base == hashlib.sha256(json.dumps(
        DOCUMENT, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()).hexdigest()
    assert attempt_hash({**DOCUMENT, "page_score": 0.6}) != base
    assert attempt_hash(dict(reversed(list(DOCUMENT.items())))) == base


def test_the_signature_is_hmac_sha256_keyed_by_the_normalised_code():
    expected = hmac.new(b"7KQ2M9XDF", canonical_bytes(DOCUMENT), hashlib.sha256).hexdigest()
    assert sign(DOCUMENT, "7kq2-m9xd-f") == sign(DOCUMENT, "7KQ2 M9XD F") == expected
    # A value pinned for the widget's test (JS must produce the same hex string):
    assert sign({"a": "王", "n": 1}, "0000-0000-0") == (
        hmac.new(b"000000000", '{"a":"王","n":1}'.encode(), hashlib.sha256).hexdigest())


def test_verifies_only_the_same_content_with_the_same_code():
    signed = {**DOCUMENT, "signature": sign(DOCUMENT, "7KQ2-M9XD-F")}
    assert verifies(signed, "7kq2m9xdf")
    assert verifies({**signed, "page_score": 1.0}, "7KQ2-M9XD-F")  # not signed: informational
    assert not verifies({**signed, "seed": 8}, "7KQ2-M9XD-F")
    assert not verifies(signed, "7KQ2-M9XD-G")
    assert not verifies({**signed, "signature": "nonsense"}, "7KQ2-M9XD-F")
    assert not verifies({k: v for k, v in signed.items() if k != "signature"}, "7KQ2-M9XD-F")


@pytest.mark.parametrize("text, where, key", [
    ('{"a": 1, "a": 2}', "", "a"),
    ('{"x": {"b": 1, "b": 1}}', "x", "b"),
    ('{"answers": [{"q": 1}, {"q": 2, "q": 3}]}', "answers[1]", "q"),
])
def test_a_key_twice_is_found_with_its_place(text, where, key):
    with pytest.raises(DuplicateKey) as caught:
        loads_unique(text)
    assert (caught.value.where, caught.value.key) == (where, key)


def test_loads_unique_reads_ordinary_json():
    assert loads_unique('{"a": [1, {"b": null}], "c": "王"}') == {"a": [1, {"b": None}], "c": "王"}


def _definition(document: dict) -> bytes:
    """The canonical form as the design defines it, with the standard library."""
    return json.dumps(document, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)  # no lone surrogates
_json = st.recursive(
    st.none() | st.booleans() | st.integers(-2**63, 2**64) | _text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_text, inner, max_size=4),
    max_leaves=20)


@settings(max_examples=500, deadline=None)
@given(st.dictionaries(_text, _json, max_size=6),
       st.none() | st.floats(0, 1) | st.sampled_from([0.0, 1.0, 1e-05, 1e-7, 0.1 + 0.2]))
def test_the_bytes_are_the_definition_s_for_every_answer_file_value(document, page_score):
    """Text of any kind, whole numbers, true/false, null, lists, objects (keys sorted by code
    point, non-ASCII keys too), and page_score, the format's one float: msgspec writes what
    json.dumps writes."""
    if page_score is not None:
        document = {**document, "page_score": page_score}
    assert canonical_bytes(document) == _definition(
        {k: v for k, v in document.items() if k not in ("signature", "page_score")})
    assert attempt_hash(document) == hashlib.sha256(_definition(document)).hexdigest()
