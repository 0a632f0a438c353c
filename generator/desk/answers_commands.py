"""`course answers template QUIZ`: a blank answer file for trainers to try the desk with."""

from __future__ import annotations

import argparse
import datetime
import json
import secrets
import sys
from pathlib import Path

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def register(commands, command) -> None:
    answers = command("answers", _help, "Answer files: `answers template QUIZ` writes a blank "
                                        "one for trying `course grade`.")
    actions = answers.add_subparsers(title="actions", metavar="ACTION")
    description = ("Write a blank answer file (nothing answered) for the quiz's current "
                   "published version, in the format pages write: seed and paper as the page "
                   "would make them, signed when --code is given. `course grade` takes it.")
    template = actions.add_parser("template", help="write a blank answer file for a quiz",
                                  description=description)
    template.add_argument("quiz", metavar="QUIZ", help="the quiz id, e.g. final-assessment")
    template.add_argument("--learner", metavar="ID",
                          help="the staff id, as a learner types it (required for quizzes "
                               "that ask for id and access code)")
    template.add_argument("--code", metavar="CODE",
                          help="the learner's access code: the file is signed with it")
    template.add_argument("--attempt", type=int, default=1, metavar="N",
                          help="which attempt (default: 1); the seed depends on it")
    template.add_argument("--assessment", action="store_true",
                          help="as a `course build --assessment` page writes it (opaque ids, "
                               "id and code asked on every quiz)")
    template.add_argument("--out", metavar="FILE",
                          help="where to write it (default: standard output)")
    # SUPPRESS: given before the action (`answers -f X template`), -f is kept.
    template.add_argument("-f", "--config-file", default=argparse.SUPPRESS, metavar="FILE",
                          help="the course's MkDocs configuration (default: mkdocs.yml)")
    template.set_defaults(handler=_template)


def _help(args) -> int:
    print("course answers: say what to do: `course answers template QUIZ`", file=sys.stderr)
    return EXIT_USAGE


def _template(args) -> int:
    from .answerfiles import one_line
    from .atomic import write_text_atomically
    from .commands import _load_course, _load_registry
    from .template import TemplateRefused, blank_answer_file

    loaded = _load_course(args.config_file)
    entry = next((e for e in loaded.quizzes if e.quiz.id == args.quiz), None)
    if entry is None:
        known = ", ".join(e.quiz.id for e in loaded.quizzes) or "no quizzes"
        print(f"course answers template: unknown quiz '{one_line(args.quiz)}' — this course "
              f"has: {known}", file=sys.stderr)
        return EXIT_PROBLEMS
    registry = _load_registry(args.config_file, "answers template")
    if registry is None:
        return EXIT_PROBLEMS
    try:
        document = blank_answer_file(
            entry.quiz, registry, course_title=loaded.course.title,
            now=datetime.datetime.now(datetime.timezone.utc),
            random_seed=secrets.randbelow(2 ** 32), learner_id=args.learner, code=args.code,
            attempt=args.attempt, assessment=args.assessment)
    except TemplateRefused as error:
        print(f"course answers template: {one_line(error.message)}", file=sys.stderr)
        return EXIT_PROBLEMS
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if args.out is None:
        sys.stdout.write(text)
    else:
        try:
            Path(args.out).parent.mkdir(parents=True, exist_ok=True)
            write_text_atomically(Path(args.out), text, "utf-8")
        except OSError as error:
            print(f"course answers template: cannot write {one_line(args.out)}: "
                  f"{error.strerror or error}", file=sys.stderr)
            return EXIT_USAGE
    where = one_line(args.out) if args.out else "standard output"
    count = len(document["answers"])
    signed = ("signed with the access code" if "signature" in document else
              "not signed (with a roster, `course grade` refuses it on quizzes that ask for a "
              "code: give --code)" if args.learner and _asks(entry.quiz, args.assessment)
              else "not signed")
    print(f"course answers template: {where}: quiz '{entry.quiz.id}' version "
          f"{document['quiz_version']}, attempt {document['attempt']}, seed {document['seed']}, "
          f"{count} question{'' if count == 1 else 's'} unanswered, {signed}", file=sys.stderr)
    return EXIT_OK


def _asks(quiz, assessment: bool) -> bool:
    from ..integrity.seeds import asks_for_identity

    return asks_for_identity(quiz, rendered_as_assessment=assessment)
