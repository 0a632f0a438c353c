"""Fixtures of the question-bank tests: the courses they export, each loaded once."""

from __future__ import annotations

import pytest

from generator.loading import load_course
from helpers import ROOT

QUIZCOURSE = ROOT / "tests" / "fixtures" / "quizcourse"


@pytest.fixture(scope="session")
def bundled():
    """The bundled course."""
    return load_course(ROOT / "content", ROOT / "quizzes")


@pytest.fixture(scope="session")
def quizcourse():
    """The quiz-widget test course: penalties of 0.5, weighted questions, every ordering rule."""
    return load_course(QUIZCOURSE / "content", QUIZCOURSE / "quizzes")
