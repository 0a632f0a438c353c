"""What a parsed value is, in words, for messages: "got a number", "not a list". One wording for
the grader, the answer-file reader and the catalogue check."""

from __future__ import annotations


def kind_of(value) -> str:
    """A JSON or YAML value's kind: "true/false", "a number", "text", "a list", "an object",
    "nothing" (null), else its type's name."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "nothing" if value is None else type(value).__name__
