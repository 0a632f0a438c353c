"""Fixtures of the grading desk's tests."""

from __future__ import annotations

import pytest

from desktools import postgres_schema_url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A fresh, empty gradebook location: a SQLite file, or a schema of its own in PostgreSQL."""
    if request.param == "sqlite":
        yield str(tmp_path / "gradebook.sqlite")
        return
    with postgres_schema_url("desk_test") as url:
        yield url
