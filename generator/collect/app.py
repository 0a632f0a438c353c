"""The Starlette application of `course collect`.

Routes:
- `POST /answers`: one answer file (application/json, at most 1 MB) → graded and recorded;
- `GET /healthz`: the process serves and the gradebook answers;
- `GET /trainer/report` (HTML, as `course report`), `GET /trainer/results.csv` (as `course
  grade --csv`), `POST /trainer/roster` (a roster CSV, as `course roster import`): only with
  `Authorization: Bearer <trainer token>`; without a token configured they do not exist.

Every answer is JSON. Success: `{"status": "recorded" | "already_recorded", "quiz", "attempt"}`.
Failure: `{"error": {"code": "…", "message": "…"}}`, where `code` is stable (pages and scripts
decide on it) and `message` is one line for a person; never a traceback or a path on disk. The
score is never sent back: the service must not become a way to try answers against the key.
"""

from __future__ import annotations

import asyncio
import datetime
import hashlib
import hmac
import logging
import secrets
import time
from dataclasses import dataclass, field

import anyio
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..errors import AuthorError
from .intake import Intake, Outcome, RegistryMissing, learner_of
from .limits import (
    MAX_BODY_BYTES,
    BodyTooLarge,
    BodyTooSlow,
    Rate,
    RateLimiter,
    read_body,
)
from .logs import log, safe_reason

GRADING_THREADS = 2  # the trainer's views: CPU and database work, more threads only queue
MAX_BATCH = 250  # the desk's batch size (batch.BATCH_SIZE)


class Batches:
    """Submissions graded and recorded in batches, one at a time: those arriving while a batch
    is being written wait and go together in the next one (group commit). A commit waits for
    the disk (tens of ms); one per submission would cap the service at a few dozen a second,
    one per batch lets it take what arrives. A lone submission is a batch of one, at once."""

    def __init__(self, grade):
        self.grade = grade  # [(bytes, source)] → [Outcome], blocking
        self.waiting: list[tuple[bytes, str, asyncio.Future]] = []
        self.worker: asyncio.Task | None = None

    async def submit(self, data: bytes, source: str) -> Outcome:
        done = asyncio.get_running_loop().create_future()
        self.waiting.append((data, source, done))
        if self.worker is None:
            self.worker = asyncio.create_task(self._work())
        return await done

    async def _work(self) -> None:
        try:
            while self.waiting:
                batch, self.waiting = self.waiting[:MAX_BATCH], self.waiting[MAX_BATCH:]
                try:
                    outcomes = await anyio.to_thread.run_sync(
                        self.grade, [(data, source) for data, source, _ in batch])
                except Exception as problem:  # noqa: BLE001 - each request answers for itself
                    for *_, done in batch:
                        if not done.done():
                            done.set_exception(problem)
                    continue
                for (*_, done), outcome in zip(batch, outcomes):
                    if not done.done():  # the client may have gone
                        done.set_result(outcome)
        finally:
            self.worker = None


@dataclass
class Settings:
    origins: list[str] = field(default_factory=list)  # CORS allow-list (exact origins)
    trainer_token: str | None = None
    address_rate: Rate = Rate(1200, 500)  # a shop's staff behind one NAT address submit at once
    learner_rate: Rate = Rate(20, 10)
    # Wrong trainer tokens per address: five, then one a minute. An address out of them is
    # locked out: every trainer request from it gets 429 until one refills (60 s).
    trainer_guesses: Rate = Rate(1, 5)
    body_seconds: float = 10.0
    max_body: int = MAX_BODY_BYTES


def error(status: int, code: str, message: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status,
                        headers=headers)


def create_app(intake: Intake, settings: Settings, report=None, results_csv=None,
               import_roster=None) -> Starlette:
    """The application; `report`, `results_csv` and `import_roster` are the trainer's views
    (callables run in a worker thread; see commands.py)."""
    by_address = RateLimiter(settings.address_rate)
    by_learner = RateLimiter(settings.learner_rate)
    grading = anyio.CapacityLimiter(GRADING_THREADS)
    batches = Batches(intake.submit)
    wrong_tokens = RateLimiter(settings.trainer_guesses)

    async def submit(request: Request) -> Response:
        started = time.perf_counter()
        address = request.client.host if request.client else "?"
        request_id = secrets.token_hex(6)
        outcome = await _submit(request, address, request_id)
        fields = {"request": request_id, "address": address, "status": outcome.status,
                  "code": outcome.code, **{k: v for k, v in outcome.fields.items()
                                           if k in ("quiz", "attempt", "learner")},
                  "ms": round((time.perf_counter() - started) * 1000, 1)}
        if not outcome.ok and outcome.status != 429:
            fields["reason"] = safe_reason(outcome.message)
        log("submission", logging.INFO if outcome.ok else logging.WARNING, **fields)
        if outcome.ok:
            body = {"status": outcome.code, "quiz": outcome.fields.get("quiz"),
                    "attempt": outcome.fields.get("attempt")}
            return JSONResponse(body, status_code=outcome.status)
        headers = ({"Retry-After": str(outcome.fields["retry_after"])}
                   if "retry_after" in outcome.fields else None)
        return error(outcome.status, outcome.code, outcome.message, headers)

    async def _submit(request: Request, address: str, request_id: str) -> Outcome:
        origin = request.headers.get("origin")
        if origin is not None and origin not in settings.origins:
            return Outcome(403, "origin_not_allowed", "this site may not submit here; add its "
                                                      "address to collect_origins")
        # Every request spends its address's allowance first, whatever it claims to be: nothing
        # below (reading, grading) runs more often than the address limit lets it.
        wait = by_address.take(address)
        if wait:
            return _too_many(wait, "too many submissions from this address")
        content_type = request.headers.get("content-type", "")
        if content_type.split(";")[0].strip().lower() != "application/json":
            return Outcome(415, "content_type", "send the answer file as application/json")
        try:
            data = await read_body(request, settings.max_body, settings.body_seconds)
        except BodyTooLarge:
            return Outcome(413, "too_large", f"an answer file is at most "
                                             f"{settings.max_body // 1024} KB")
        except BodyTooSlow:
            return Outcome(408, "too_slow", "the answer file did not arrive in time; try again")
        learner = learner_of(data)
        fields = {"learner": learner} if learner else {}
        if learner is not None:
            # Only looked at here: anyone can write an id into a body, so a file spends its
            # learner's allowance once its signature proved it theirs (below). A learner whose
            # own files used it up waits, whatever they send.
            wait = by_learner.wait(learner)
            if wait:
                return _too_many(wait, "too many submissions for this learner", fields)
        try:
            outcome = await batches.submit(data, f"online:{request_id}")
        except (DBAPIError, SQLAlchemyError) as problem:
            log("gradebook unavailable", logging.ERROR, request=request_id,
                error=type(problem).__name__)
            return Outcome(503, "unavailable", "the gradebook cannot be reached; the page "
                                               "will try again", fields)
        except (AuthorError, RegistryMissing) as problem:
            log("registry unreadable", logging.ERROR, request=request_id,
                error=type(problem).__name__)
            return Outcome(503, "unavailable", "the course's registry of published versions "
                                               "cannot be read; the trainer must fix it", fields)
        if outcome.signed_by is not None:
            by_learner.charge(outcome.signed_by)
        return Outcome(outcome.status, outcome.code, outcome.message,
                       {**outcome.fields, **fields})

    async def healthz(request: Request) -> Response:
        try:
            await anyio.to_thread.run_sync(intake.ping)
        except (DBAPIError, SQLAlchemyError):
            return error(503, "unavailable", "the gradebook cannot be reached")
        return JSONResponse({"status": "ok"})

    def trainer(view, media_type: str):
        async def endpoint(request: Request) -> Response:
            address = request.client.host if request.client else "?"
            wait = wrong_tokens.wait(address)
            if wait:
                # Locked out after too many wrong tokens: the token is not even compared, so
                # the right one is answered as a wrong one would be and a guess learns nothing.
                log("trainer refused", logging.WARNING, path=request.url.path, address=address,
                    reason="locked out")
                too_many = _too_many(wait, "too many wrong trainer tokens from this address")
                return error(429, too_many.code, too_many.message,
                             {"Retry-After": str(too_many.fields["retry_after"])})
            if not _is_trainer(request, settings.trainer_token):
                log("trainer refused", logging.WARNING, path=request.url.path, address=address)
                wrong_tokens.charge(address)
                return error(401, "unauthorized", "this needs the trainer token "
                                                  "(Authorization: Bearer TOKEN)",
                             {"WWW-Authenticate": "Bearer"})
            data = b""
            if request.method == "POST":
                try:
                    data = await read_body(request, settings.max_body, settings.body_seconds)
                except BodyTooLarge:
                    return error(413, "too_large", "at most 1 MB")
                except BodyTooSlow:
                    return error(408, "too_slow", "the upload did not arrive in time")
            async with grading:
                status, body = await anyio.to_thread.run_sync(view, data)
            log("trainer", path=request.url.path, status=status)
            if isinstance(body, dict):
                return JSONResponse(body, status_code=status)
            return Response(body, status_code=status, media_type=media_type,
                            headers={"Cache-Control": "no-store"})
        return endpoint

    routes = [Route("/answers", submit, methods=["POST"]),
              Route("/healthz", healthz, methods=["GET"])]
    if settings.trainer_token:
        routes += [Route("/trainer/report", trainer(report, "text/html; charset=utf-8"),
                         methods=["GET"]),
                   Route("/trainer/results.csv", trainer(results_csv, "text/csv; charset=utf-8"),
                         methods=["GET"]),
                   Route("/trainer/roster", trainer(import_roster, "application/json"),
                         methods=["POST"])]
    middleware = [Middleware(OtherOriginsRefused, origins=settings.origins),
                  Middleware(CORSMiddleware, allow_origins=settings.origins,
                             allow_methods=["POST"], allow_headers=["Content-Type"],
                             max_age=600)]
    return Starlette(routes=routes, middleware=middleware, exception_handlers={
        HTTPException: _http_error, Exception: _server_error})


class OtherOriginsRefused:
    """A browser's preflight (OPTIONS) from a site not on the allow-list gets our JSON error
    (Starlette's CORS answers it in plain text); the POST itself is refused in `_submit`."""

    def __init__(self, app, origins: list[str]):
        self.app = app
        self.origins = origins

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["method"] == "OPTIONS":
            origin = Headers(scope=scope).get("origin")
            if origin is not None and origin not in self.origins:
                response = error(403, "origin_not_allowed", "this site may not submit here; "
                                                            "add its address to collect_origins")
                return await response(scope, receive, send)
        return await self.app(scope, receive, send)


def _too_many(wait: float, message: str, fields: dict | None = None) -> Outcome:
    seconds = max(1, int(wait + 0.999))
    return Outcome(429, "rate_limited", f"{message}; try again in {seconds} s",
                   {**(fields or {}), "retry_after": seconds})


def _is_trainer(request: Request, token: str | None) -> bool:
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    # Digests compared in constant time: equal lengths, so not even the token's length shows.
    return bool(token) and scheme.lower() == "bearer" and hmac.compare_digest(
        hashlib.sha256(value.strip().encode()).digest(), hashlib.sha256(token.encode()).digest())


_HTTP_CODES = {404: ("not_found", "no such address"),
               405: ("method_not_allowed", "this address does not take that method")}


async def _http_error(request: Request, problem: HTTPException) -> Response:
    code, message = _HTTP_CODES.get(problem.status_code, ("bad_request", "bad request"))
    return error(problem.status_code, code, message, problem.headers)


async def _server_error(request: Request, problem: Exception) -> Response:
    # Logged by type only; the learner gets a code, never the traceback or a path.
    log("internal error", logging.ERROR, path=request.url.path, error=type(problem).__name__,
        at=datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"))
    return error(500, "internal", "something went wrong in the service; the page will try "
                                  "again")
