"""Seeds of quizzes that ask for a staff id and access code: derived, not random.

`seed = first 4 bytes, big-endian, of sha256(f"{normalised id}\\n{quiz_version}\\n{attempt}")`.
A learner's paper (which questions are drawn, in which order, options in which order) is then
fixed by who they are, which version of the quiz they take and which attempt it is. The only way
to see another paper is to use another attempt, and the grader counts attempts: a learner cannot
reload the page until an easy paper comes up. The grader recomputes the seed and refuses a file
whose seed differs (its paper is not the one this learner was given).

Practice quizzes keep a random seed per attempt: there is nothing to shop for.
"""

from __future__ import annotations

import hashlib
import unicodedata

from ..models.quiz import Quiz


def normalised_id(learner_id: str) -> str:
    """A staff id as the seed, the roster and the gradebook compare it: NFC, trimmed and
    case-folded."""
    return unicodedata.normalize("NFC", learner_id).strip().casefold()


def derived_seed(learner_id: str, quiz_version: str, attempt: int) -> int:
    message = f"{normalised_id(learner_id)}\n{quiz_version}\n{attempt}".encode("utf-8")
    return int.from_bytes(hashlib.sha256(message).digest()[:4], "big")


def asks_for_identity(quiz: Quiz, rendered_as_assessment: bool = False) -> bool:
    """Whether the quiz page asks for id + access code: assessments and required quizzes."""
    return quiz.mode == "assessment" or quiz.required or rendered_as_assessment
