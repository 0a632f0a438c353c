"""`course items [QUIZ]`: what a learner without knowledge would score on each quiz, the key's
balance, and the questions the item checks flag. The edge: loads the course and prints."""

from __future__ import annotations

import sys

EXIT_OK, EXIT_USAGE = 0, 2


def register(commands, command) -> None:
    """Add `course items` to the `course` parser (see generator/cli.py)."""
    items = command("items", _items, "Show what guessing and answer cues would score on each "
                    "quiz, its key balance and the questions the item checks flag.")
    items.add_argument("quiz", nargs="?", metavar="QUIZ", help="one quiz id (default: all)")
    items.add_argument("--json", action="store_true", help="print JSON instead of a table")


def _items(args) -> int:
    from ..checks import checked
    from ..loading import load_course
    from ..project import find_project
    from .checks import check_items
    from .summary import Flag, render_json, render_text, summarise

    project = find_project(args.config_file)
    # Checked first (without the item checks: their findings are listed below), so the quizzes'
    # keys and conversations are sound before anything is scored.
    loaded = checked(load_course(project.content_dir, project.quiz_dir),
                     stale_after_days=project.stale_after_days)
    entries = loaded.quizzes
    if args.quiz is not None:
        entries = [e for e in entries if e.quiz.id == args.quiz]
        if not entries:
            known = ", ".join(e.quiz.id for e in loaded.quizzes) or "none"
            print(f"course items: no quiz '{args.quiz}'; use one of: {known}", file=sys.stderr)
            return EXIT_USAGE
    policies = {name: p.value for name, p in loaded.policies.policies.items()}
    summaries = []
    for entry in entries:
        flagged = []
        for finding in check_items(entry.quiz, project.item_checks, policies):
            if finding.kind != "flaw":
                continue
            at = entry.locator.problem(finding.path, finding.message)
            flagged.append((at.line, at.column, Flag(finding.check,
                                                     f"{at.path}:{at.line}:{at.column}",
                                                     finding.message, finding.questions)))
        flagged = [flag for *_, flag in sorted(flagged, key=lambda item: item[:2])]
        summaries.append(summarise(entry.quiz, flagged, policies))
    sys.stdout.write(render_json(summaries) if args.json else render_text(summaries))
    return EXIT_OK
