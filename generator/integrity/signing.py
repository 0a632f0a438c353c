"""The answer file's signature: HMAC-SHA256 of its canonical content, keyed by the access code.

`signature = hex(HMAC-SHA256(key = normalised access code as ASCII, message = canonical bytes))`,
64 lowercase hex digits. The page signs with the code the learner typed (Web Crypto's
`crypto.subtle.sign("HMAC", …)`); the grader signs again with the code the gradebook holds for
that learner and compares. Only someone who knows the code can make a file that verifies: the
code is the learner's signature, so it must stay theirs (see README, "What the desk can trust").
"""

from __future__ import annotations

import hashlib
import hmac
import re

from .canonical import canonical_bytes
from .codes import normalise

SIGNATURE = re.compile(r"^[0-9a-f]{64}$")


def sign(document: dict, code: str) -> str:
    """The signature of an answer file's content with this access code (as typed or printed)."""
    return _sign_bytes(canonical_bytes(document), code)


def _sign_bytes(content: bytes, code: str) -> str:
    key = normalise(code).encode("ascii")
    return hmac.new(key, content, hashlib.sha256).hexdigest()


def verifies(document: dict, code: str) -> bool:
    """Whether the file's `signature` was made with this code over this very content."""
    return content_verifies(document.get("signature"), canonical_bytes(document), code)


def content_verifies(given, content: bytes, code: str) -> bool:
    """Whether `given` (the file's signature) was made with this code over `content`, the
    canonical bytes a signature covers (as `verifies`, for a caller that has the bytes)."""
    if not isinstance(given, str) or not SIGNATURE.match(given):
        return False
    return hmac.compare_digest(given, _sign_bytes(content, code))
