"""Fixtures of the grading desk's tests."""

from __future__ import annotations

import os
import uuid

import pytest

from desktools import POSTGRES_ENV, missing


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A fresh, empty gradebook location: a SQLite file, or a schema of its own in PostgreSQL."""
    if request.param == "sqlite":
        yield str(tmp_path / "gradebook.sqlite")
        return
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        missing(f"{POSTGRES_ENV} is not set")
    from sqlalchemy import create_engine, text

    from generator.desk.gradebook import database_url

    schema = f"desk_test_{uuid.uuid4().hex[:12]}"
    engine = create_engine(database_url(base))
    try:
        with engine.begin() as conn:
            conn.execute(text(f'create schema "{schema}"'))
    except Exception as error:  # noqa: BLE001 - any failure to reach the server
        engine.dispose()
        missing(f"PostgreSQL at {POSTGRES_ENV} is not reachable: {error}")
    separator = "&" if "?" in base else "?"
    yield f"{base}{separator}options=-csearch_path%3D{schema}"
    with engine.begin() as conn:
        conn.execute(text(f'drop schema "{schema}" cascade'))
    engine.dispose()
