"""The canonical content of an answer file: the bytes a signature covers, and an attempt's id.

Canonical content is the parsed JSON object without `signature` and without `page_score`,
serialised with keys sorted at every level, separators `,` and `:`, non-ASCII characters kept as
they are, as UTF-8 bytes: Python's
`json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))`.
The widget (assets/quiz.js) must produce the same bytes: JSON.stringify with keys sorted gives
them for the values a page writes (text, integers, true/false, null, lists and objects), since
both escape only `"`, `\\` and the control characters U+0000–U+001F, the same way
(`\\n`, `\\u001f`).
Numbers in signed content are whole numbers only (seed, attempt): floats print differently in
the two languages, so `page_score`, the one float, is left out of the signed content.

An attempt is known by the SHA-256 of its canonical content *with* the signature and page score:
re-saving a file with a byte-order mark, Windows line ends, other indentation or another key
order is the same attempt; changing any value is another.
"""

from __future__ import annotations

import hashlib
import json

import msgspec

UNSIGNED = ("signature", "page_score")
_SORTED = msgspec.json.Encoder(order="sorted")


def _dumps(document: dict) -> bytes:
    """The definition's bytes (json.dumps above), written by msgspec: five times faster, and the
    same bytes for what an answer file holds (tests/integrity/test_canonical.py compares them),
    apart from the way a float is spelled ("1e-07" against "1e-7"). The one float of the
    format, page_score, is therefore written as json.dumps spells it."""
    score = document.get("page_score")
    if isinstance(score, float):
        document = {**document, "page_score": msgspec.Raw(json.dumps(score).encode())}
    return _SORTED.encode(document)


def canonical_bytes(document: dict) -> bytes:
    """The bytes an answer file's signature covers."""
    return _dumps({k: v for k, v in document.items() if k not in UNSIGNED})


def attempt_hash(document: dict) -> str:
    """An attempt's identity: the same answers saved again are the same attempt."""
    return hashlib.sha256(_dumps(document)).hexdigest()


class DuplicateKey(ValueError):
    """A JSON object names one key twice; `where` is the key path (`answers[2].answer`)."""

    def __init__(self, where: str, key: str):
        self.where = where
        self.key = key
        super().__init__(f"{where or 'the file'}: key {key!r} appears twice")


class _Repeated(dict):
    """A parsed object that had a key twice (remembered so we can say where)."""

    repeated: str = ""


def loads_unique(text: str | bytes):
    """json.loads, refusing an object that names a key twice (JSON readers disagree on which
    value wins: Python and JavaScript keep the last, others the first). Raises DuplicateKey."""
    repeated = []

    def make_object(pairs: list[tuple[str, object]]) -> dict:
        result = dict(pairs)
        if len(result) != len(pairs):
            seen: set[str] = set()
            result = _Repeated(pairs)
            result.repeated = next(k for k, _ in pairs if k in seen or seen.add(k))
            repeated.append(result)
        return result

    value = json.loads(text, object_pairs_hook=make_object)
    if repeated:  # rare: only then walk the document to say where
        _find_repeated(value, "")
    return value


def _find_repeated(value, where: str) -> None:
    if isinstance(value, dict):
        if isinstance(value, _Repeated):
            raise DuplicateKey(where, value.repeated)
        for key, item in value.items():
            if isinstance(item, (dict, list)):
                _find_repeated(item, f"{where}.{key}" if where else key)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, (dict, list)):
                _find_repeated(item, f"{where}[{index}]")
