"""Shared helpers of the grading desk's tests (its fixtures are in conftest.py beside it)."""

from __future__ import annotations

import contextlib
import datetime
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from generator.desk.gradebook import StoredAttempt
from generator.scoring import QuestionResult

ROOT = Path(__file__).resolve().parents[2]
IN_CI = os.environ.get("CI") == "true"
POSTGRES_ENV = "COURSE_TEST_POSTGRES_URL"


def missing(message: str):
    """Outside CI a missing PostgreSQL skips the test; under CI=true it is a failure."""
    if IN_CI:
        pytest.fail(f"{message} (required under CI=true; .ci/postgres.sh sets it up)")
    pytest.skip(message)


@contextlib.contextmanager
def postgres_schema_url(prefix: str):
    """A PostgreSQL URL whose search_path is a fresh schema named after `prefix`, dropped
    afterwards; the test is skipped (failed under CI) when the server is not there."""
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        missing(f"{POSTGRES_ENV} is not set")
    from sqlalchemy import create_engine, text

    from generator.desk.gradebook import database_url

    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    engine = create_engine(database_url(base))
    try:
        with engine.begin() as conn:
            conn.execute(text(f'create schema "{schema}"'))
    except Exception as error:  # noqa: BLE001 - any failure to reach the server
        engine.dispose()
        missing(f"PostgreSQL at {POSTGRES_ENV} is not reachable: {error}")
    separator = "&" if "?" in base else "?"
    try:
        yield f"{base}{separator}options=-csearch_path%3D{schema}"
    finally:
        with engine.begin() as conn:
            conn.execute(text(f'drop schema "{schema}" cascade'))
        engine.dispose()


def course(*args: str, cwd: Path | None = None, env: dict | None = None
           ) -> subprocess.CompletedProcess:
    """Run `course ...` in a subprocess, as a trainer would."""
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd or ROOT,
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})


def stored(attempt_id: int, learner: str, quiz: str, questions: list[tuple], *,
           submitted: datetime.datetime | None = None, pass_mark: float = 0.5,
           name: str | None = None, graded: datetime.datetime | None = None,
           verified: bool = False, attempt: int | None = None,
           flags: tuple[str, ...] = ()) -> StoredAttempt:
    """A stored attempt from (question, points, max_points, picked, ending) tuples; recorded
    (`graded`) when it says it was submitted, unless told otherwise."""
    results = tuple(QuestionResult(q, float(p), float(m),
                                   "correct" if p == m else "wrong" if p == 0 else "partial",
                                   tuple(picked), ending)
                    for q, p, m, picked, ending in questions)
    points = sum(r.points for r in results)
    possible = sum(r.max_points for r in results)
    score = points / possible if possible else 0.0
    submitted = submitted or datetime.datetime(2026, 11, 20, 8, 0) + datetime.timedelta(
        minutes=attempt_id)
    return StoredAttempt(
        id=attempt_id, content_hash=f"h{attempt_id}", source=f"{attempt_id}.json",
        learner_key=f"name:{learner}", learner_name=name or learner, learner_id=None, quiz=quiz,
        score=score, points=points, max_points=possible, passed=score >= pass_mark,
        submitted_at=submitted, questions=results, graded_at=graded or submitted,
        identity_verified=verified, attempt=attempt, flags=flags)
