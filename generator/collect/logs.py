"""One JSON object per line on standard error: easy to read, to grep and to ship to a log store.

What goes in is chosen here, field by field: never an access code, a signature or an answer; the
desk's reason for a refusal only when it names no answer (`safe_reason`).
"""

from __future__ import annotations

import datetime
import json
import logging
import sys

LOGGER = "course.collect"


class JsonLines(logging.Formatter):
    """A log record as one JSON line; `fields` (a dict passed as `extra`) are merged in."""

    def format(self, record: logging.LogRecord) -> str:
        line = {"t": datetime.datetime.fromtimestamp(record.created, datetime.timezone.utc)
                .isoformat(timespec="milliseconds").replace("+00:00", "Z"),
                "level": record.levelname.lower(), "event": record.getMessage()}
        line.update(getattr(record, "fields", {}))
        if record.exc_info:  # the type only: a traceback names paths and is many lines
            line["exception"] = record.exc_info[0].__name__ if record.exc_info[0] else "?"
        # ensure_ascii: a learner's newline or terminal escape can never break the line.
        return json.dumps(line, ensure_ascii=True, separators=(",", ":"))


def configure(level: int = logging.INFO) -> logging.Logger:
    """Our logger and uvicorn's error logger write JSON lines to stderr; uvicorn's access log
    is off (the service logs each request itself, with its outcome)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonLines())
    for name in (LOGGER, "uvicorn.error", "uvicorn"):
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(level)
        logger.propagate = False
    logging.getLogger("uvicorn.access").disabled = True
    return logging.getLogger(LOGGER)


def log(event: str, level: int = logging.INFO, **fields) -> None:
    logging.getLogger(LOGGER).log(level, event, extra={"fields": fields})


def safe_reason(message: str) -> str:
    """The desk's lines for a refused file (one per problem), fit for the log: a line naming an
    answer's content (`answers[3].answer: expected …, got 'xyz'`) is cut to its key path."""
    return "\n".join(line.split(":", 1)[0] + ": (answer content not logged)"
                     if line.startswith("answers") else line
                     for line in message.splitlines())
