"""Fixtures of the collect service's tests: a course folder, a gradebook with a roster and
access codes, and the real service started on a free port."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "desk"))

from servicekit import Course, make_course, postgres_url  # noqa: E402


@pytest.fixture
def course(tmp_path) -> Course:
    """The desk's fixture course, a SQLite gradebook with three learners and their codes."""
    return make_course(tmp_path, f"{tmp_path}/gradebook.sqlite")


@pytest.fixture
def pg_course(tmp_path) -> Course:
    """The same on a fresh PostgreSQL schema."""
    with postgres_url() as url:
        yield make_course(tmp_path, url)
