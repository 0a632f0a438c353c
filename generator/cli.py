"""The `course` command: check, build, serve and start course files here; export, grade, report,
certificates and verify come from export/commands.py and desk/commands.py."""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import time
from pathlib import Path

from .errors import AuthorError, Problem
from .project import DEFAULT_CONFIG, find_project

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return args.handler(args)
    except AuthorError as error:
        _print_problems(error.problems)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:  # pragma: no cover - interactive
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="course",
        description="Build a merchant training course from YAML lessons and quizzes.")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(name: str, handler, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("-f", "--config-file", default=DEFAULT_CONFIG, metavar="FILE",
                         help="the course's MkDocs configuration (default: mkdocs.yml)")
        sub.set_defaults(handler=handler)
        return sub

    check = command("check", _check, "Check every lesson and quiz without building.")
    check.add_argument("--today", type=datetime.date.fromisoformat, default=None,
                       help=argparse.SUPPRESS)  # for reproducible staleness checks in tests

    build = command("build", _build, "Build the course website into site/.")
    build.add_argument("-d", "--site-dir", help="where to write the site (default: site/)")
    build.add_argument("-s", "--strict", action="store_true",
                       help="fail on any warning, as `mkdocs build --strict` does")
    build.add_argument("--assessment", action="store_true",
                       help="build every quiz as an assessment: no answer key in the site")

    serve = command("serve", _serve, "Preview the course; pages reload when a file changes.")
    serve.add_argument("-a", "--dev-addr", metavar="IP:PORT", help="default: 127.0.0.1:8000")
    serve.add_argument("--assessment", action="store_true",
                       help="preview every quiz as an assessment")

    new = command("new", _new, "Start a new course, lesson or quiz from a commented template.")
    new.add_argument("kind", choices=["course", "lesson", "quiz"], help="what to create")
    new.add_argument("names", nargs="*", metavar="NAME",
                     help="lesson: SECTION ID · quiz: ID [SECTION] · course: nothing (it is "
                          "created where -f points)")
    # The export and the desk add their own commands (imported here: neither needs loading for
    # the others).
    from .desk.commands import register as register_desk
    from .export.commands import register as register_export

    register_export(commands, command)
    register_desk(commands, command)
    return parser


def _check(args) -> int:
    from .checks import checked
    from .loading import load_course

    started = time.perf_counter()
    project = find_project(args.config_file)
    loaded = checked(load_course(project.content_dir, project.quiz_dir), today=args.today,
                     stale_after_days=project.stale_after_days)
    _print_problems(loaded.warnings)
    questions = sum(len(e.quiz.questions) for e in loaded.quizzes)
    print(f"course check: OK — {len(loaded.course.sections)} sections, {len(loaded.lessons)} "
          f"lessons, {len(loaded.quizzes)} quizzes ({questions} questions), "
          f"{len(loaded.warnings)} warnings, in {time.perf_counter() - started:.2f} s")
    return EXIT_OK


def _build(args) -> int:
    from mkdocs.exceptions import ConfigurationError

    from .loading import label_for
    from .plugin import engine

    started = time.perf_counter()
    engine.show_messages(course_notes=True)
    project = find_project(args.config_file)  # clear message if the file or folders are missing
    settings = engine.overrides(project, assessment=args.assessment, strict=args.strict or None,
                                site_dir=args.site_dir)
    try:
        config = engine.load_config(project.config_file, **settings)
    except ConfigurationError as error:
        raise AuthorError([Problem(str(args.config_file), 0, 0, str(error))]) from None
    published = config.site_dir
    try:
        engine.build(config)
    except engine.BuildFailed as error:
        # MkDocs has already logged the problems; a BuildError's abort message adds nothing.
        if "BuildError" not in str(error):
            print(f"course build: {error}", file=sys.stderr)
        print("course build: failed; the previous site was left as it was", file=sys.stderr)
        return EXIT_PROBLEMS
    pages = sum(1 for _ in Path(published).rglob("*.html"))
    index = Path(published) / "index.html"
    print(f"course build: {pages} pages written to {label_for(Path(published))}/ in "
          f"{time.perf_counter() - started:.1f} s")
    print(f"Open {index.resolve().as_uri()} in a browser, or run `course serve` to preview.")
    return EXIT_OK


def _serve(args) -> int:
    from .plugin import preview

    project = find_project(args.config_file)
    return preview.serve(project, assessment=args.assessment, dev_addr=args.dev_addr)


def _new(args) -> int:
    import re

    from .loading import COURSE_FILE, read_document
    from .scaffold import lesson_text, quiz_text

    if args.kind == "course":
        return _new_course(Path(args.config_file), args.names)
    project = find_project(args.config_file)
    names = args.names
    pattern = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    if args.kind == "lesson":
        if len(names) != 2:
            return _usage("course new lesson SECTION ID")
        section, ident = names
    else:
        if len(names) not in (1, 2):
            return _usage("course new quiz ID [SECTION]")
        ident, section = names[0], (names[1] if len(names) == 2 else None)
    if not pattern.match(ident):
        return _usage(f"'{ident}' is not a valid id: use lowercase letters, digits and hyphens, "
                      "e.g. refund-rules")
    if section is not None:
        course = read_document(project.content_dir / COURSE_FILE).data or {}
        sections = [s.get("id") for s in course.get("sections", []) if isinstance(s, dict)]
        if section not in sections:
            return _usage(f"'{section}' is not a section of the course; use one of: "
                          f"{', '.join(map(str, sections))}")
    if args.kind == "lesson":
        target = project.content_dir / section / f"{ident}.yml"
        count = len(list(target.parent.glob("*.yml"))) if target.parent.is_dir() else 0
        body = lesson_text(target, ident, order=(count + 1) * 10, root=project.root)
    else:
        target = project.quiz_folder / f"{ident}.yml"
        body = quiz_text(target, ident, section, root=project.root)
    if target.exists():
        return _usage(f"{os.path.relpath(target)} already exists; choose another id")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(body, encoding="utf-8")
    print(f"created {os.path.relpath(target)} — edit it, then run `course check`")
    return EXIT_OK


def _new_course(config_file: Path, names: list[str]) -> int:
    from .loading import COURSE_FILE
    from .scaffold import MKDOCS, SCHEMA_FOLDER, course_text, shipped_schemas

    if names:
        return _usage("course new course takes no names; use -f FOLDER/mkdocs.yml to choose "
                      "where")
    course_file = config_file.parent / "content" / COURSE_FILE
    for existing in (config_file, course_file):
        if existing.exists():
            return _usage(f"{os.path.relpath(existing)} already exists; choose another folder")
    course_file.parent.mkdir(parents=True, exist_ok=True)
    (config_file.parent / "quizzes").mkdir(exist_ok=True)
    config_file.write_text(MKDOCS, encoding="utf-8")
    # The course's own copy of the schemas: editors find them wherever the folder goes.
    schemas = config_file.parent / SCHEMA_FOLDER
    schemas.mkdir(exist_ok=True)
    for schema in shipped_schemas():
        (schemas / schema.name).write_bytes(schema.read_bytes())
    course_file.write_text(course_text(course_file, config_file.parent), encoding="utf-8")
    print(f"created {os.path.relpath(config_file)}, {os.path.relpath(course_file)} and "
          f"{os.path.relpath(schemas)}/ (for your editor) — add lessons with "
          f"`course new lesson SECTION ID`")
    return EXIT_OK


def _usage(message: str) -> int:
    print(f"course: {message}", file=sys.stderr)
    return EXIT_USAGE


def _print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)
    errors = sum(1 for p in problems if p.severity == "error")
    if errors:
        files = len({p.path for p in problems if p.severity == "error"})
        print(f"course check: {errors} error{'s' if errors != 1 else ''} in {files} "
              f"file{'s' if files != 1 else ''}", file=sys.stderr)
