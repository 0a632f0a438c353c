"""`course collect`: read the course, open the gradebook, serve.

    course collect [-f mkdocs.yml] [--db URL] [--host H] [--port P] [--trainer-token TOKEN]

The trainer token may also come from the environment (COURSE_TRAINER_TOKEN), which keeps it out
of `ps` and shell history. The CORS allow-list is the plugin's `collect_origins` in mkdocs.yml
(default: the origin of `site_url`), plus any `--origin`.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from urllib.parse import urlsplit

from ..desk.commands import DEFAULT_DB, EXIT_OK, EXIT_USAGE, _load_course, _load_registry, _open

TOKEN_ENV = "COURSE_TRAINER_TOKEN"
MIN_TOKEN_LENGTH = 16
MAX_CONNECTIONS = 1000


def register(commands, command) -> None:
    serve = command("collect", _collect, "Run the service the quiz pages submit answer files "
                                          "to; it grades them into the gradebook.")
    serve.add_argument("--db", default=DEFAULT_DB,
                       help=f"gradebook: a SQLite file (default: {DEFAULT_DB}; WAL mode) or "
                            "postgresql://user:password@host/database (several processes may "
                            "share one)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default: 127.0.0.1, behind a reverse proxy)")
    serve.add_argument("--port", type=int, default=8321, help="port (default: 8321)")
    serve.add_argument("--trainer-token", default=None, metavar="TOKEN",
                       help=f"enables /trainer/report, /trainer/results.csv and /trainer/roster "
                            f"for requests bearing it (or set {TOKEN_ENV}); at least "
                            f"{MIN_TOKEN_LENGTH} characters")
    serve.add_argument("--origin", action="append", default=[], metavar="ORIGIN",
                       help="another site allowed to submit (CORS), e.g. https://course.example.com;"
                            " repeatable; mkdocs.yml's collect_origins come first")
    serve.add_argument("--address-rate", default="1200/500", metavar="N[/BURST]",
                       help="submissions a minute per client address (default 1200/500; 0: off)")
    serve.add_argument("--learner-rate", default="20/10", metavar="N[/BURST]",
                       help="submissions a minute per learner id (default 20/10; 0: off)")
    serve.add_argument("--body-seconds", type=float, default=10.0,
                       help=argparse.SUPPRESS)  # the slow-body limit, shortened by the tests
    serve.add_argument("--trainer-guesses", default="1/5",
                       help=argparse.SUPPRESS)  # wrong trainer tokens; tests shorten the lockout
    serve.add_argument("--forwarded-allow-ips", default="127.0.0.1", metavar="IPS",
                       help="proxies whose X-Forwarded-For is believed (default: 127.0.0.1)")


def allowed_origins(collect_origins: list[str], site_url: str | None, extra: list[str]
                    ) -> list[str]:
    """The CORS allow-list: the configured origins, else site_url's origin; then --origin."""
    found = list(collect_origins)
    if not found and site_url:
        parts = urlsplit(site_url)
        if parts.scheme and parts.netloc:
            found.append(f"{parts.scheme}://{parts.netloc}")
    return list(dict.fromkeys(o.rstrip("/") for o in found + extra))


def _collect(args) -> int:
    import uvicorn

    from ..project import find_project
    from .app import Settings, create_app
    from .intake import Intake
    from .limits import Rate
    from .logs import configure, log
    from .trainer import TrainerViews

    token = args.trainer_token or os.environ.get(TOKEN_ENV) or None
    if token is not None and len(token) < MIN_TOKEN_LENGTH:
        print(f"course collect: the trainer token is too short (at least {MIN_TOKEN_LENGTH} "
              "characters; `python3 -c 'import secrets; print(secrets.token_urlsafe())'` makes "
              "one)", file=sys.stderr)
        return EXIT_USAGE
    try:
        address_rate, learner_rate = Rate.parse(args.address_rate), Rate.parse(args.learner_rate)
        trainer_guesses = Rate.parse(args.trainer_guesses)
    except ValueError as problem:
        print(f"course collect: {problem}", file=sys.stderr)
        return EXIT_USAGE
    project = find_project(args.config_file)
    loaded = _load_course(args.config_file)
    if _load_registry(args.config_file, "collect") is None:
        return EXIT_USAGE
    book = _open(args.db, "collect", create=True)
    if book is None:
        return EXIT_USAGE
    if book.engine.dialect.name == "sqlite":
        _wal(book)
    quizzes = [entry.quiz for entry in loaded.quizzes]
    intake = Intake(quizzes, project.registry, book)
    origins = allowed_origins(list(project.collect_origins), project.site_url, args.origin)
    settings = Settings(origins=origins, trainer_token=token, address_rate=address_rate,
                        learner_rate=learner_rate, trainer_guesses=trainer_guesses,
                        body_seconds=args.body_seconds)
    views = TrainerViews(loaded, book)
    app = create_app(intake, settings, report=views.report, results_csv=views.results_csv,
                     import_roster=views.import_roster)
    configure()
    learners = len(book.roster())
    log("started", host=args.host, port=args.port, gradebook=book.label, learners=learners,
        origins=origins, trainer=bool(token), pid=os.getpid(),
        at=datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"))
    if not learners:
        log("no roster yet: every submission is refused until one is imported "
            "(course roster import, or POST /trainer/roster)", 30)
    config = uvicorn.Config(app, host=args.host, port=args.port, log_config=None,
                            access_log=False, proxy_headers=True, server_header=False,
                            forwarded_allow_ips=args.forwarded_allow_ips,
                            timeout_keep_alive=5, timeout_graceful_shutdown=10,
                            # Each connection may hold a 1 MB body in memory: beyond this many
                            # at once uvicorn answers 503 (the page queues and retries).
                            limit_concurrency=MAX_CONNECTIONS)
    try:
        uvicorn.Server(config).run()
    finally:
        book.close()
    return EXIT_OK


def _wal(book) -> None:
    """SQLite in WAL mode: readers (the trainer's report) never block the writer, and commits
    are one append to the log. The mode is kept in the database file."""
    connection = book.engine.raw_connection()  # outside a transaction, which WAL needs
    try:
        connection.cursor().execute("PRAGMA journal_mode=WAL")
    finally:
        connection.close()
