"""Courses the question-bank tests read: the bundled one and the quiz-widget test course."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # bankbooks

from generator.loading import load_course  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
QUIZCOURSE = ROOT / "tests" / "fixtures" / "quizcourse"


@pytest.fixture(scope="session")
def bundled():
    return load_course(ROOT / "content", ROOT / "quizzes")


@pytest.fixture(scope="session")
def quizcourse():
    return load_course(QUIZCOURSE / "content", QUIZCOURSE / "quizzes")
