"""The `course` command: check, build, serve and start course files here; export, grade, report,
certificates and verify come from export/commands.py and desk/commands.py."""

from __future__ import annotations

import argparse
import datetime
import os
import re
import shlex
import sys
import time
from pathlib import Path

from .catalogue import languages
from .errors import AuthorError, Problem
from .plurals import english
from .project import DEFAULT_CONFIG, find_project, site_settings

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
    check.add_argument("-s", "--strict", action="store_true",
                       help="item-quality findings in assessment and required quizzes are "
                            "errors, not warnings (as `course build --strict`)")
    check.add_argument("--today", type=datetime.date.fromisoformat, default=None,
                       help=argparse.SUPPRESS)  # for reproducible staleness checks in tests

    build = command("build", _build, "Build the course website into site/.")
    build.add_argument("-d", "--site-dir", help="where to write the site (default: site/)")
    build.add_argument("-s", "--strict", action="store_true",
                       help="fail on any MkDocs warning and on item-quality findings in graded "
                            "quizzes, as `mkdocs build --strict` and `course check --strict` do")
    build.add_argument("--assessment", action="store_true",
                       help="build every quiz as an assessment: no answer key in the site")

    serve = command("serve", _serve, "Preview the course; pages reload when a file changes.")
    serve.add_argument("-a", "--dev-addr", metavar="IP:PORT", help="default: 127.0.0.1:8000")
    serve.add_argument("--assessment", action="store_true",
                       help="preview every quiz as an assessment")

    new = command("new", _new, "Start a new course, lesson or quiz from a commented template.")
    new.add_argument("kind", choices=["course", "lesson", "quiz", "locale"],
                     help="what to create")
    new.add_argument("names", nargs="*", metavar="NAME",
                     help="lesson: SECTION ID · quiz: ID [SECTION] (without a section: a "
                          "course-wide assessment) · course: nothing (it is created where -f "
                          "points) · locale: LANGUAGE (the course's own interface strings, "
                          "locales/LANGUAGE.yml, a copy of the English ones to translate)")
    new.add_argument("--title", help="course: the course's title (also the site's name)")
    new.add_argument("--language", metavar="LANGUAGE",
                     help="course: the course's language: " + ", ".join(languages())
                          + ", a regional form such as en-US, or one `course new locale` added")
    # The export, the desk, the item report and question banks add their own commands (imported
    # here: none needs loading for the others). Banks come after export: they add --questions.
    from .banks.commands import register as register_banks
    from .collect.commands import register as register_collect
    from .desk.commands import register as register_desk
    from .export.commands import register as register_export
    from .items.command import register as register_items

    register_export(commands, command)
    register_desk(commands, command)
    register_items(commands, command)
    register_banks(commands, command)
    register_collect(commands, command)
    return parser


def _check(args) -> int:
    from .checks import checked
    from .items.thresholds import ItemCheckRun
    from .loading import load_course

    started = time.perf_counter()
    project = find_project(args.config_file)
    items = ItemCheckRun(project.item_checks, strict=args.strict,
                         every_quiz_assessed=project.assessment)
    loaded = checked(load_course(project.content_dir, project.quiz_dir), today=args.today,
                     stale_after_days=project.stale_after_days, items=items,
                     site=site_settings(project.config_file))
    _print_problems(loaded.warnings)
    questions = sum(len(e.quiz.questions) for e in loaded.quizzes)
    print(f"course check: OK — {english(len(loaded.course.sections), 'section')}, "
          f"{english(len(loaded.lessons), 'lesson')}, "
          f"{english(len(loaded.quizzes), 'quiz', 'quizzes')} ({english(questions, 'question')}), "
          f"{english(len(loaded.warnings), 'warning')}, in {time.perf_counter() - started:.2f} s")
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
        engine.build(config, published_by="course build")
    except engine.BuildFailed as error:
        # MkDocs has already logged the problems; a BuildError's abort message adds nothing.
        if "BuildError" not in str(error):
            print(f"course build: {error}", file=sys.stderr)
        print("course build: failed; the previous site was left as it was", file=sys.stderr)
        return EXIT_PROBLEMS
    pages = sum(1 for _ in Path(published).rglob("*.html"))
    index = Path(published) / "index.html"
    print(f"course build: {english(pages, 'page')} written to {label_for(Path(published))}/ in "
          f"{time.perf_counter() - started:.1f} s")
    print(f"Open {index.resolve().as_uri()} in a browser, or run `course serve{_f(args)}` to "
          "preview.")
    return EXIT_OK


def _serve(args) -> int:
    from .plugin import preview

    project = find_project(args.config_file)
    return preview.serve(project, assessment=args.assessment, dev_addr=args.dev_addr)


def _new(args) -> int:
    from .loading import COURSE_FILE, course_language, read_document
    from .scaffold import lesson_text, quiz_text

    if args.kind == "course":
        return _new_course(args)
    if args.kind == "locale":
        return _new_locale(args)
    if args.title or args.language:
        return _usage("--title and --language are for `course new course`; a lesson or quiz "
                      "takes its course's language")
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
    course = read_document(project.content_dir / COURSE_FILE).data or {}
    language = course_language(project.content_dir) or "zh"
    if section is not None:
        sections = [s.get("id") for s in course.get("sections", []) if isinstance(s, dict)]
        if section not in sections:
            return _usage(f"'{section}' is not a section of the course; use one of: "
                          f"{', '.join(map(str, sections))}")
    if args.kind == "lesson":
        target = project.content_dir / section / f"{ident}.yml"
        count = len(list(target.parent.glob("*.yml"))) if target.parent.is_dir() else 0
        body = lesson_text(target, ident, order=(count + 1) * 10, root=project.root,
                           language=language)
    else:
        target = project.quiz_folder / f"{ident}.yml"
        # A section's practice tests its lessons; a course-wide assessment links to any lesson.
        folder = project.content_dir / section if section else project.content_dir
        lessons = sorted(p.stem for p in folder.glob("*.yml" if section else "*/*.yml"))
        body = quiz_text(target, ident, section, root=project.root, language=language,
                         lessons=lessons)
    if target.exists():
        return _usage(f"{os.path.relpath(target)} already exists; choose another id")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(body, encoding="utf-8")
    print(f"created {os.path.relpath(target)} — edit it, then run `course check{_f(args)}`")
    return EXIT_OK


def _new_locale(args) -> int:
    """The course's own catalogue of interface strings for a language: en.yml to translate."""
    from .catalogue import COURSE_LOCALES, REFERENCE_FILE
    from .languagetags import TAG_PATTERN, canonical
    from .loading import label_for

    if args.title or args.language or len(args.names) != 1:
        return _usage(f"course new locale LANGUAGE{_f(args)}, e.g. course new locale ja")
    if not re.match(TAG_PATTERN, args.names[0]):
        return _usage(f"'{args.names[0]}' is not a language tag; write it like ja, fr or pt-BR")
    language = canonical(args.names[0])
    target = Path(args.config_file).parent / COURSE_LOCALES / f"{language}.yml"
    if target.exists():
        return _usage(f"{label_for(target)} already exists; edit it, or delete it to start over")
    header = (f"# Interface strings in {language}, for this course: translate every string from "
              "English.\n# Keep every key and every {placeholder}; `course check` lists what "
              "is missing or differs.\n# Copied from " + str(REFERENCE_FILE) + "\n")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(header + REFERENCE_FILE.read_text("utf-8"), encoding="utf-8")
    print(f"created {label_for(target)} (English) — translate it, set `language: {language}` "
          f"in content/course.yml, then run `course check{_f(args)}`")
    return EXIT_OK


def _new_course(args) -> int:
    from .loading import label_for
    from .scaffold import SCHEMA_FOLDER, course_files, shipped_schemas

    config_file = Path(args.config_file)
    if args.names:
        return _usage("course new course takes no names; use -f FOLDER/mkdocs.yml to choose "
                      "where")
    if not args.title or not args.language:
        return _usage("course new course needs --title and --language, e.g. course new course "
                      f"--title \"Returns basics\" --language en{_f(args)}")
    from .catalogue import catalogue_file, use_course
    from .checks.site import missing_strings_hint
    from .languagetags import TAG_PATTERN, canonical

    root = config_file.parent
    if not re.match(TAG_PATTERN, args.language):
        return _usage(f"'{args.language}' is not a language tag; write it like en, zh or en-US")
    use_course(root)
    args.language = canonical(args.language)
    if catalogue_file(args.language) is None:
        return _usage(f"no interface strings for language '{args.language}'; "
                      + missing_strings_hint(args.language, languages()))
    files = {(config_file if relative == "mkdocs.yml" else root / relative): text
             for relative, text in course_files(root, args.title, args.language).items()}
    for path in files:
        if path.exists():
            return _usage(f"{label_for(path)} already exists; choose another folder")
    # The course's own copy of the schemas: the files' schema comments point at it, and editors
    # find it wherever the folder goes.
    schemas = root / SCHEMA_FOLDER
    schemas.mkdir(parents=True, exist_ok=True)
    for schema in shipped_schemas():
        (schemas / schema.name).write_bytes(schema.read_bytes())
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    written = ", ".join(os.path.relpath(path, root) for path in files)
    print(f"created {written} and {SCHEMA_FOLDER}/ (for your editor) in "
          f"{label_for(root) + '/' if _f(args) else 'this folder'}")
    print(f"next: `course check{_f(args)}`, then `course serve{_f(args)}` to preview; add "
          f"lessons with `course new lesson SECTION ID{_f(args)}`")
    return EXIT_OK


def _f(args) -> str:
    """` -f FILE` for a hint, as the command was given it, unless it names the default file
    (mkdocs.yml in the working folder), which needs no -f."""
    if Path(args.config_file).resolve() == Path(DEFAULT_CONFIG).resolve():
        return ""
    return f" -f {shlex.quote(str(args.config_file))}"


def _usage(message: str) -> int:
    print(f"course: {message}", file=sys.stderr)
    return EXIT_USAGE


def _print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)
    errors = sum(1 for p in problems if p.severity == "error")
    if errors:
        files = len({p.path for p in problems if p.severity == "error"})
        print(f"course check: {english(errors, 'error')} in {english(files, 'file')}",
              file=sys.stderr)
