"""Content hashes of quizzes and questions, so answer files can tell which version they answered.

A question's hash covers what the learner sees and answers (prompt, option and step texts,
the conversation's messages and choices), not the answer key: fixing a wrong key regrades old
answer files, while rewording a question marks old answers to it as out of date. Hashing only
visible content also means the hashes in an assessment page reveal nothing about the key.
"""

from __future__ import annotations

import hashlib
import json

from .models.quiz import Question, Quiz

# Fields that are answer key or feedback, left out of the hash.
# `quality` (silenced item checks) is for authors and reviewers; the learner never sees it.
_KEY_FIELDS = {"correct", "feedback", "explanation", "answer", "points", "outcome", "lesson",
               "scoring", "penalty", "quality"}


def _visible(value):
    if isinstance(value, dict):
        return {k: _visible(v) for k, v in sorted(value.items())
                if k not in _KEY_FIELDS and v is not None}
    if isinstance(value, list):
        return [_visible(v) for v in value]
    return value


def _digest(value) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def question_version(question: Question) -> str:
    data = _visible(question.model_dump(mode="json"))
    if question.type == "ordering":
        # The listed order is the answer key: hash the steps as a set.
        data["items"] = sorted(data["items"], key=lambda item: item["id"])
    return _digest(data)


def quiz_version(quiz: Quiz) -> str:
    parts = [quiz.id, [[q.id, question_version(q)] for q in quiz.questions]]
    if quiz.draw:  # the draw decides which questions a learner gets: part of the version
        parts.append([[d.pool, d.count] for d in quiz.draw])
    return _digest(parts)
