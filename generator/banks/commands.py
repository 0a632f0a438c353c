"""`course export --questions xlsx|moodle` and `course import`: the I/O edge of banks/.

Everything here reads or writes files and prints; the work is done by pure functions
(rows, xlsx_export, moodle, xlsx_read, xlsx_import, quizyaml).
"""

from __future__ import annotations

import dataclasses
import re
import sys
from pathlib import Path

from ..plurals import english

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
_KEY = re.compile(r"([A-Za-z_]+)|\[(\d+)\]")


def register(commands, command) -> None:
    """Add `--questions` to `course export` and the `import` command (called from cli)."""
    export = commands.choices["export"]
    export.add_argument("--questions", choices=["xlsx", "moodle"],
                        help="write a question bank instead: xlsx (one sheet per question "
                             "type, for learning platforms and Excel) or moodle (Moodle XML); "
                             "it holds every answer key")
    export.add_argument("--quiz", metavar="ID", help="with --questions: only this quiz")
    site_export = export.get_default("handler")
    export.set_defaults(handler=lambda args: _export(args) if args.questions
                        else _site_export(args, site_export))

    bank_import = command("import", _import, "Turn a question bank (.xlsx) into a quiz file.")
    bank_import.add_argument("file", metavar="FILE.xlsx", help="the workbook to read")
    bank_import.add_argument("--quiz", metavar="ID", required=True,
                             help="the quiz's id; with a workbook from `course export "
                                  "--questions xlsx`, the rows of that quiz")
    bank_import.add_argument("--section", metavar="ID", help="the section the quiz belongs to")
    bank_import.add_argument("--title", help="the quiz's title (default: the file's name)")
    bank_import.add_argument("--out", metavar="FILE.yml",
                             help="where to write the quiz (default: quizzes/ID.yml)")
    bank_import.add_argument("--force", action="store_true",
                             help="replace the quiz file if it exists")


def _site_export(args, site_export) -> int:
    if args.quiz:
        return _usage("--quiz needs --questions xlsx or --questions moodle")
    return site_export(args)


def _usage(message: str) -> int:
    print(f"course: {message}", file=sys.stderr)
    return EXIT_USAGE


def _load(config_file):
    from ..checks import checked
    from ..loading import load_course
    from ..project import find_project

    project = find_project(config_file)
    loaded = checked(load_course(project.content_dir, project.quiz_dir),
                     stale_after_days=project.stale_after_days)
    return project, loaded


def _export(args) -> int:
    from ..export.mkdocs_site import SiteBuildError, site_settings
    from ..export.naming import SlugError, course_slug
    from ..export.reproducible import ExportDateError, export_time, write_atomically
    from ..loading import label_for
    from ..render.site import content_date

    if args.assessment:
        return _usage("--assessment does not apply to --questions: a question bank always "
                      "holds the answer keys (keep it away from learners)")
    project, loaded = _load(args.config_file)
    quizzes = [entry.quiz for entry in loaded.quizzes]
    if args.quiz:
        quizzes = [quiz for quiz in quizzes if quiz.id == args.quiz]
        if not quizzes:
            known = ", ".join(entry.quiz.id for entry in loaded.quizzes) or "none"
            return _usage(f"there is no quiz '{args.quiz}'; use one of: {known}")
    try:
        site_name, site_url, _, _ = site_settings(project.config_file)
        slug = course_slug(args.slug, site_url, site_name, project.root.resolve().name)
        when = export_time(content_date(loaded))
    except (SiteBuildError, SlugError, ExportDateError) as error:
        return _usage(str(error))
    stem = f"{slug}-{args.quiz}" if args.quiz else slug
    out = Path(args.out) if args.out else project.root / "dist"
    if args.questions == "xlsx":
        from ..catalogue import question_type
        from .rows import bank_sheets
        from .xlsx_export import BankExportError, workbook_bytes

        try:
            data = workbook_bytes(bank_sheets(loaded, quizzes), when, loaded.course.title)
        except BankExportError as error:
            print(f"course export: {error}", file=sys.stderr)
            return EXIT_PROBLEMS
        target = out / f"{stem}-questions.xlsx"
        scenarios = sum(1 for quiz in quizzes for q in quiz.questions if q.type == "scenario")
        sheet = question_type(loaded.course.language, "scenario")
        notes = [f"{english(scenarios, 'scenario')} listed for reference only (sheet {sheet}): "
                 "they have no one-row form"] if scenarios else []
    else:
        from .moodle import moodle_xml

        exported = moodle_xml(loaded, quizzes)
        data, notes, written = exported.data, exported.notes, exported.written
        target = out / f"{stem}-moodle.xml"
    write_atomically(target, data)
    for note in notes:
        print(f"course export: note: {note}", file=sys.stderr)
    questions = sum(len(quiz.questions) for quiz in quizzes)
    quizzes_text = english(len(quizzes), "quiz", "quizzes")
    print(f"{label_for(target.resolve())}  ({len(data):,} bytes)")
    if args.questions == "xlsx":
        print(f"course export: {questions} questions from {quizzes_text} → {target.name}")
    else:
        print(f"course export: {written} of {questions} questions from {quizzes_text} → "
              f"{target.name}")
    return EXIT_OK


def _import(args) -> int:
    from ..loading import label_for
    from .cells import is_identifier
    from .imported import BankContext
    from .plaintext import policy_values
    from .quizyaml import QuizTooLarge, quiz_text
    from .xlsx_import import import_bank
    from .xlsx_read import MAX_BYTES, BankFileError, read_workbook, too_large_message

    if not is_identifier(args.quiz):
        return _usage(f"'{args.quiz}' is not a valid quiz id: use lowercase letters, digits and "
                      "hyphens, e.g. store-bank")
    source = Path(args.file)
    label = label_for(source)
    if not source.is_file():
        return _usage(f"{label}: no such file")
    project, loaded = _load(args.config_file)
    sections = [s.id for s in loaded.course.sections]
    if args.section is not None and args.section not in sections:
        return _usage(f"'{args.section}' is not a section of the course; use one of: "
                      f"{', '.join(sections)}")
    target = Path(args.out) if args.out else project.quiz_folder / f"{args.quiz}.yml"
    if target.suffix not in (".yml", ".yaml") or target.stem != args.quiz:
        return _usage(f"--out {target}: a quiz file is named after its id: {args.quiz}.yml")
    if target.exists() and not args.force:
        return _usage(f"{label_for(target)} already exists; pass --force to replace it, or "
                      "choose another --quiz")
    kept = None
    if target.exists():
        kept = _kept_settings(target, args)
        if isinstance(kept, str):
            return _usage(kept)
    other = loaded.quiz(args.quiz)
    if other is not None and Path(other.locator.label).resolve() != target.resolve():
        return _usage(f"quiz id '{args.quiz}' is already used by {other.locator.label}; "
                      "choose another --quiz")
    size = source.stat().st_size
    if size > MAX_BYTES:  # before reading it: a huge file is refused at once
        print(f"{label}: {too_large_message(size)}", file=sys.stderr)
        return EXIT_PROBLEMS
    try:
        workbook = read_workbook(source.read_bytes())
    except BankFileError as error:
        print(f"{label}: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    lessons = {entry.lesson.id: entry.lesson.title for entry in loaded.lessons}
    result = import_bank(workbook, BankContext(args.quiz, lessons,
                                               policy_values(loaded.policies)))
    for note in sorted(result.notes, key=lambda n: n.order):
        print(_as_note(note.render(label)), file=sys.stderr)
    problems = [p.render(label) for p in result.problems]
    draw = [(pool, count) for pool, count, _ in result.draws]
    title = args.title or source.stem
    if kept is not None:
        from .keep import kept_note, merged

        print(f"{label_for(target)}: note: {kept_note(kept)}", file=sys.stderr)
        old_draw = [(d.get("pool"), d.get("count")) for d in kept.settings.get("draw") or []
                    if isinstance(d, dict)]
        if draw and draw != old_draw:
            print(f"{label}: note: the workbook's 抽题数 draw "
                  f"{', '.join(f'{c} from {p}' for p, c in draw)}, but the file's draw: is kept "
                  "— edit draw: in the quiz file to change it", file=sys.stderr)
        title = kept.settings.get("title", title)
        result.questions = merged(result.questions, kept)
    if not problems:
        try:
            text = quiz_text(result.questions, quiz_id=args.quiz, title=title,
                             section=args.section, language=loaded.course.language,
                             schema=_schema(target, project.root), source_name=source.name,
                             draw=draw, settings=kept.settings if kept else None)
        except QuizTooLarge as error:
            problems = [f"{label}: {error}"]
        else:
            problems = _course_problems(text, target, loaded, result, label, title)
    if problems:
        for line in problems:
            print(line, file=sys.stderr)
        print(f"course import: {english(len(problems), 'problem')} in "
              f"{label}; nothing was written", file=sys.stderr)
        return EXIT_PROBLEMS
    from ..export.reproducible import write_atomically

    write_atomically(target, text.encode("utf-8"))
    kinds = dict.fromkeys(("single", "multiple", "true_false", "ordering"), 0)
    for question in (q for q in result.questions if not q.kept):
        kinds[question.data["type"]] = kinds.get(question.data["type"], 0) + 1
    summary = ", ".join(f"{n} {kind.replace('_', '/')}" for kind, n in kinds.items() if n)
    count = sum(1 for q in result.questions if not q.kept)
    print(f"course import: {english(count, 'question')} ({summary}) from "
          f"{label} → {label_for(target)} — run `course check`")
    return EXIT_OK


def _kept_settings(target: Path, args):
    """The quiz file --force replaces → what it keeps (keep.py), or why it cannot be read."""
    from ..errors import AuthorError
    from ..loading import label_for
    from ..yamlsource import parse_bytes
    from .keep import kept_from

    try:
        data = parse_bytes(target.read_bytes(), label_for(target)).data
    except AuthorError as error:
        first = error.problems[0]
        return (f"{label_for(target)} cannot be read ({first.message}), so its settings "
                "cannot be kept — fix it, or delete it and import again")
    kept = kept_from(data)
    if kept is None:
        return None
    kept.settings["id"] = args.quiz
    if args.title:
        kept.settings["title"] = args.title
    if args.section:
        kept.settings["section"] = args.section
    return kept


def _as_note(line: str) -> str:
    place, _, rest = line.partition(": ")
    return f"{place}: note: {rest}"


def _schema(target: Path, root: Path) -> str:
    from ..scaffold import schema_reference

    return schema_reference(target, "quiz", root)


def _course_problems(text: str, target: Path, loaded, result, label: str,
                     title: str) -> list[str]:
    """What `course check` would say about the new file, each at the cell it came from.

    The workbook was checked cell by cell already; this catches what only the whole course
    knows (a lesson heading that does not exist, an unknown {{policy.x}} in a text).
    """
    from ..checks import check_course
    from ..errors import AuthorError
    from ..loaded import QuizEntry
    from ..loading import label_for
    from ..models.quiz import Quiz
    from ..validation import validate
    from ..yamlsource import parse_bytes

    out_label = label_for(target)
    try:
        document = parse_bytes(text.encode("utf-8"), out_label)
        quiz = validate(Quiz, document)
    except AuthorError as error:
        found = error.problems
    else:
        others = [entry for entry in loaded.quizzes if entry.quiz.id != quiz.id]
        trial = dataclasses.replace(loaded, quizzes=[*others, QuizEntry(quiz, document.locator)])
        found = [p for p in check_course(trial) if p.path == out_label
                 and p.severity == "error"]
    lines = []
    for problem in found:
        index, where = _cell_of(problem.key_path, result)
        message = problem.message + (f" — {problem.hint}" if problem.hint else "")
        if problem.key_path == "title":
            where, message = None, f"the quiz title {title!r} (--title, else the file's name): " \
                                   f"{message}"
        lines.append((index, f"{label}:{where}: {message}" if where else f"{label}: {message}"))
    return [line for _, line in sorted(lines, key=lambda pair: pair[0])]


def _cell_of(key_path: str, result) -> tuple[int, str | None]:
    """`questions[3].options[1].text` → (3, the cell that value came from, e.g. 单选题!C5);
    `draw[1].count` → the first 抽题数 cell of that pool (problems about the draw sort first)."""
    parts = tuple(int(index) if index else name for name, index in _KEY.findall(key_path))
    if len(parts) >= 2 and parts[0] == "draw" and parts[1] < len(result.draws):
        return -1, result.draws[parts[1]][2]
    questions = result.questions
    if len(parts) < 2 or parts[0] != "questions" or parts[1] >= len(questions):
        return -1, None
    cells = questions[parts[1]].cells
    path = parts[2:]
    while path not in cells and path:
        path = path[:-1]
    return parts[1], cells.get(path)
