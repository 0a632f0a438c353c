"""An answer file as written: what its signature and the attempt's identity are computed from.

`answerdata` decodes a file into validated data (times as datetimes, a missing field and a
`null` alike as None), which is not the file as written. The canonical content
(integrity/canonical.py) is the file as written, keys sorted at every level. Decoding the file a
second time into a generic dict and sorting every object's keys to write it cost two thirds of
reading an answer file; these Structs decode it instead with the format's keys declared in
sorted order, every value exactly as the JSON gave it (`Any`: text stays text, a whole number
stays whole), and a field that is not in the file left UNSET, so that it is left out when
written. msgspec writes Struct fields in their declared order and sorts the keys of every dict
(an object given as an answer, format 1's question_versions) with `order="deterministic"`: the
canonical bytes, without sorting anything at run time. tests/desk/test_written.py keeps the
declared order sorted and the bytes equal to the definition's.

These Structs validate nothing: `answerdata` has validated the file already. They take every
field of both formats, so one Struct reads either.
"""

from __future__ import annotations

import json
from typing import Any

import msgspec
from msgspec import UNSET, Struct


class WrittenItem(Struct, forbid_unknown_fields=True):
    answer: Any = UNSET
    answered_at: Any = UNSET
    question: Any = UNSET


class WrittenLearner(Struct, forbid_unknown_fields=True):
    id: Any = UNSET
    name: Any = UNSET


class Written(Struct, forbid_unknown_fields=True):
    answers: list[WrittenItem] = UNSET
    attempt: Any = UNSET
    course: Any = UNSET
    format: Any = UNSET
    learner: WrittenLearner = UNSET
    page_score: Any = UNSET
    question_versions: Any = UNSET
    quiz: Any = UNSET
    quiz_version: Any = UNSET
    seed: Any = UNSET
    signature: Any = UNSET
    started_at: Any = UNSET
    submitted_at: Any = UNSET


_DECODER = msgspec.json.Decoder(Written)
_ENCODER = msgspec.json.Encoder(order="deterministic")


def decode(data: bytes) -> Written:
    """The file as written (raises msgspec.MsgspecError for a file answerdata would refuse)."""
    return _DECODER.decode(data)


def canonical(written: Written, signed_only: bool = False) -> bytes:
    """The canonical bytes: of the whole file (the attempt's identity), or with `signed_only`
    without the signature and the page score (what the signature covers)."""
    if signed_only:
        written = msgspec.structs.replace(written, signature=UNSET, page_score=UNSET)
    elif isinstance(written.page_score, float):
        # As canonical.py: the one float is spelled as json.dumps spells it ("1e-07", where
        # msgspec writes "1e-7").
        written = msgspec.structs.replace(
            written, page_score=msgspec.Raw(json.dumps(written.page_score).encode()))
    return _ENCODER.encode(written)


def as_dict(written: Written) -> dict:
    """The file as parsed JSON (fields not in the file left out)."""
    return msgspec.to_builtins(written)
