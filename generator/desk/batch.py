"""Grade many answer files into the gradebook, batch by batch.

Each batch is read, checked against the gradebook (attempts already recorded are not graded
again: the same answers are one attempt, however the file was re-saved), graded, checked against
each quiz's attempt limit, and recorded in one transaction. An interruption loses at most the
batch in flight; running the command again picks up from there.

Finding the files (`collect`): files named on the command line are graded whatever their name;
folders are searched for `*.json` files, in any case (`*.JSON` too: Windows does not tell them
apart). Every entry of a searched folder that is not graded gets its line: other files and hidden
entries as notes (they change nothing), and as problems the entries that look like answer files
but cannot be (a folder named `x.json`), named pipes, devices and sockets (never opened: a pipe
would block), links to nothing and links that leave the folder (refused, not followed).
"""

from __future__ import annotations

import os
import stat
from dataclasses import replace
from pathlib import Path
from typing import Callable

from ..loading import label_for
from .answerfiles import BadAnswerFile, not_a_file, parse, read_bytes
from .attempts import Attempt, GradingCourse, grade_file
from .escape import terminal
from .gradebook import Gradebook
from .outputs import Graded, Skipped

BATCH_SIZE = 250
ANSWER_SUFFIX = ".json"


def _label(path: Path) -> str:
    return terminal(label_for(path))


def _is_answer_name(name: str) -> bool:
    return name.lower().endswith(ANSWER_SUFFIX)


def collect(paths: list[str]) -> tuple[list[tuple[Path, str]], list[Skipped]]:
    """The answer files named or inside the folders named, each once, with its label; and a
    line for everything else met on the way."""
    files: list[tuple[Path, str]] = []
    problems: list[Skipped] = []
    seen: set[str] = set()

    def add(path: Path) -> None:
        resolved = os.path.realpath(path)
        if resolved not in seen:
            seen.add(resolved)
            files.append((path, _label(path)))

    for name in paths:
        path = Path(name)
        try:
            mode = os.stat(path).st_mode
        except FileNotFoundError:
            what = "a link to nothing" if os.path.islink(path) else "no such file or folder"
            problems.append(Skipped(_label(path), what))
            continue
        except OSError as error:
            problems.append(Skipped(_label(path), f"cannot read: {error.strerror or error}"))
            continue
        if stat.S_ISDIR(mode):
            before = len(files)
            _search(path, Path(os.path.realpath(path)), add, problems)
            if len(files) == before:
                problems.append(Skipped(_label(path),
                                        f"no answer files (*{ANSWER_SUFFIX}) in this folder"))
        elif stat.S_ISREG(mode):
            add(path)
        else:
            problems.append(Skipped(_label(path), not_a_file(mode)))
    return files, problems


def _search(folder: Path, root: Path, add, problems: list[Skipped]) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as error:
        problems.append(Skipped(_label(folder), f"cannot read this folder: "
                                                f"{error.strerror or error}"))
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith("."):
            problems.append(Skipped(_label(path), "hidden (the name starts with '.'): not "
                                                  "searched", note=True))
            continue
        if entry.is_symlink():
            _linked(path, root, add, problems)
            continue
        try:
            mode = entry.stat(follow_symlinks=False).st_mode
        except OSError as error:
            problems.append(Skipped(_label(path), f"cannot read: {error.strerror or error}"))
            continue
        if stat.S_ISDIR(mode):
            if _is_answer_name(entry.name):
                problems.append(Skipped(_label(path), "is a folder, not a file (the files in "
                                                      "it are searched)"))
            _search(path, root, add, problems)
        elif stat.S_ISREG(mode):
            if _is_answer_name(entry.name):
                add(path)
            else:
                problems.append(Skipped(_label(path), f"not graded: not an answer file "
                                                      f"(*{ANSWER_SUFFIX})", note=True))
        else:
            problems.append(Skipped(_label(path), not_a_file(mode)))


def _linked(path: Path, root: Path, add, problems: list[Skipped]) -> None:
    target = os.path.realpath(path)
    if not (target == str(root) or target.startswith(str(root) + os.sep)):
        problems.append(Skipped(_label(path), f"a link to {terminal(target)}, outside the "
                                              "folder: refused, not followed"))
        return
    try:
        mode = os.stat(target).st_mode
    except OSError:
        problems.append(Skipped(_label(path), "a link to nothing"))
        return
    if stat.S_ISREG(mode) and _is_answer_name(path.name):
        add(path)
    elif not stat.S_ISDIR(mode) and not stat.S_ISREG(mode):
        problems.append(Skipped(_label(path), not_a_file(mode)))
    # A link to a folder inside this one: that folder is searched where it is.


def grade_files(files: list[tuple[Path, str]], course: GradingCourse, book: Gradebook, *,
                strict: bool = False, batch_size: int = BATCH_SIZE,
                progress: Callable[[int], None] | None = None
                ) -> tuple[list[Graded], list[Skipped]]:
    """Grade and record every file; return what was graded and what was skipped, in order."""
    graded: list[Graded] = []
    skipped: list[Skipped] = []
    done = 0
    for start in range(0, len(files), batch_size):
        chunk = files[start:start + batch_size]
        batch_graded, batch_skipped = _grade_batch(chunk, course, book, strict)
        graded.extend(batch_graded)
        skipped.extend(batch_skipped)
        done += len(chunk)
        if progress is not None:
            progress(done)
    return graded, skipped


def _grade_batch(chunk: list[tuple[Path, str]], course: GradingCourse, book: Gradebook,
                 strict: bool) -> tuple[list[Graded], list[Skipped]]:
    # One outcome per file, by position: a Graded (already recorded), an Attempt (new), a
    # Skipped, or the position of an earlier file of this batch with the same attempt.
    outcome: list[Graded | Attempt | Skipped | int | None] = [None] * len(chunk)
    read = []  # (position, parsed file)
    for position, (path, label) in enumerate(chunk):
        try:
            read.append((position, parse(read_bytes(path))))
        except BadAnswerFile as error:
            outcome[position] = Skipped(label, error.message)
    known = book.known([parsed.attempt_hash for _, parsed in read])
    first_with: dict[str, int] = {}  # hash → position of its first file in this batch
    new_attempts: list[tuple[int, Attempt]] = []
    for position, parsed in read:
        label = chunk[position][1]
        digest = parsed.attempt_hash
        if digest in known:
            outcome[position] = Graded.known(label, known[digest])
        elif digest in first_with:  # the same attempt twice in one batch: one attempt
            outcome[position] = first_with[digest]
        else:
            try:
                attempt = grade_file(parsed, course, source=label, strict=strict)
            except BadAnswerFile as error:
                outcome[position] = Skipped(label, error.message)
                continue
            first_with[digest] = position
            outcome[position] = attempt
            new_attempts.append((position, attempt))
    verdicts = _over_the_limit([a for _, a in new_attempts], course, book)
    for (position, attempt), problem in zip(new_attempts, verdicts):
        if problem:
            outcome[position] = Skipped(attempt.source, problem)
    new, refused = book.record_all([a for p, a in new_attempts if outcome[p] is a])
    final: list[Graded | Skipped | None] = [None] * len(chunk)
    for position, item in enumerate(outcome):
        if isinstance(item, Attempt):
            if item.content_hash in refused:
                item = Skipped(item.source, refused[item.content_hash])
            else:
                row = Graded.new(item)
                # Not new: recorded meanwhile by another import.
                item = row if item.content_hash in new else _as_known(row)
        if not isinstance(item, int):
            final[position] = item
    for position, item in enumerate(outcome):
        if isinstance(item, int):  # a copy of an earlier file in this batch
            original, label = final[item], chunk[position][1]
            final[position] = (Skipped(label, original.error) if isinstance(original, Skipped)
                               else _as_known(original, label))
    graded = [item for item in final if isinstance(item, Graded)]
    skipped = [item for item in final if isinstance(item, Skipped)]
    return graded, skipped


def _over_the_limit(attempts: list[Attempt], course: GradingCourse, book: Gradebook
                    ) -> list[str | None]:
    """For each new attempt, why it exceeds its quiz's `exam.attempts`, or None.

    A learner has used max(attempts recorded, the highest attempt number any of their files
    claims) attempts: a file claiming attempt k uses up k (its paper was the k-th), and every
    file recorded is one, whatever number it claims."""
    limited = [a for a in attempts if _limit(a, course) is not None]
    used = book.attempts_used({a.learner_key for a in limited}) if limited else {}
    verdicts: list[str | None] = []
    for attempt in attempts:
        limit = _limit(attempt, course)
        if limit is None:
            verdicts.append(None)
            continue
        slot = (attempt.learner_key, attempt.quiz)
        count, highest = used.get(slot, (0, 0))
        after = max(count + 1, highest, attempt.attempt or 0)
        if after > limit:
            who = terminal(attempt.learner_id or attempt.learner_name)
            verdicts.append(f"learner '{who}' has already used {max(count, highest)} of "
                            f"{limit} attempts at quiz '{attempt.quiz}'; this one is refused")
            continue
        used[slot] = (count + 1, max(highest, attempt.attempt or 0))
        verdicts.append(None)
    return verdicts


def _limit(attempt: Attempt, course: GradingCourse) -> int | None:
    exam = course.quizzes[attempt.quiz].quiz.exam
    return exam.attempts if exam is not None else None


def _as_known(row: Graded, source: str | None = None) -> Graded:
    return replace(row, status="known", source=source or row.source)
