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
would block), links to nothing, loops of links and links that leave the folder (refused, not
followed). A link inside the folder is never followed into a folder (that folder is searched
where it is) and never grades a file twice: a link to an answer file the scan grades under its
own name gets a note saying so, whatever the order of the names.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, replace
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
    first_label: dict[str, str] = {}  # real path → the label it is graded under
    met = [0]  # answer files met, collected now or already

    def add(path: Path) -> str | None:
        """Collect the file; None, or the label it was already collected under."""
        met[0] += 1
        resolved = os.path.realpath(path)
        if resolved in first_label:
            return first_label[resolved]
        first_label[resolved] = _label(path)
        files.append((path, first_label[resolved]))
        return None

    for name in paths:
        path = Path(name)
        try:
            mode = os.stat(path).st_mode
        except FileNotFoundError:
            what = "a link to nothing" if os.path.islink(path) else "no such file or folder"
            problems.append(Skipped(_label(path), what))
            continue
        except OSError as error:
            what = (LOOP if error.errno == errno.ELOOP
                    else f"cannot read: {error.strerror or error}")
            problems.append(Skipped(_label(path), what))
            continue
        if stat.S_ISDIR(mode):
            before = met[0]
            _search(path, _Scan(path, Path(os.path.realpath(path)), add, problems))
            if met[0] == before:
                problems.append(Skipped(_label(path),
                                        f"no answer files (*{ANSWER_SUFFIX}) in this folder"))
        elif stat.S_ISREG(mode):
            add(path)  # named twice: graded once, nothing to say
        else:
            problems.append(Skipped(_label(path), not_a_file(mode)))
    # A folder named twice, or inside another one named: its entries are said once.
    return files, list(dict.fromkeys(problems))


LOOP = "a loop of links, which never reaches a file: put the answer file itself in its place"


@dataclass(frozen=True)
class _Scan:
    """One folder named on the command line, as given (`top`) and as it really is (`root`)."""

    top: Path
    root: Path
    add: Callable[[Path], str | None]
    problems: list[Skipped]

    def inside(self, real: str) -> bool:
        return real == str(self.root) or real.startswith(str(self.root) + os.sep)

    def shown(self, real: str) -> str:
        """A real path inside the folder, named as the scan meets it."""
        return _label(self.top / os.path.relpath(real, self.root))

    def searched(self, real: str) -> bool:
        """Whether the scan meets this real path under its own name (no hidden folder on the
        way). Links are resolved in it, so the way is real folders only."""
        return not any(part.startswith(".") for part in Path(real).relative_to(self.root).parts)

    def note(self, path: Path, what: str, note: bool = True) -> None:
        self.problems.append(Skipped(_label(path), what, note=note))


def _search(folder: Path, scan: _Scan) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as error:
        scan.note(folder, f"cannot read this folder: {error.strerror or error}", note=False)
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith("."):
            scan.note(path, "hidden (the name starts with '.'): not searched")
            continue
        if entry.is_symlink():
            _linked(path, scan)
            continue
        try:
            mode = entry.stat(follow_symlinks=False).st_mode
        except OSError as error:
            scan.note(path, f"cannot read: {error.strerror or error}", note=False)
            continue
        if stat.S_ISDIR(mode):
            if _is_answer_name(entry.name):
                scan.note(path, "is a folder, not a file (the files in it are searched)",
                          note=False)
            _search(path, scan)
        elif stat.S_ISREG(mode):
            if _is_answer_name(entry.name):
                _graded_once(path, scan)
            else:
                scan.note(path, f"not graded: not an answer file (*{ANSWER_SUFFIX})")
        else:
            scan.note(path, not_a_file(mode), note=False)


def _graded_once(path: Path, scan: _Scan) -> None:
    first = scan.add(path)
    if first is not None and first != _label(path):
        scan.note(path, f"the same file as {first}: graded once, under that name")


def _linked(path: Path, scan: _Scan) -> None:
    """A link met in the scan gets one line, or is graded under its own name when it is the only
    way the scan reaches its file (a link to a file in a hidden folder)."""
    target = os.path.realpath(path)
    if not scan.inside(target):
        scan.note(path, f"a link to {terminal(target)}, outside the folder: refused, not "
                        "followed", note=False)
        return
    try:
        mode = os.stat(target).st_mode
    except OSError as error:
        scan.note(path, LOOP if error.errno == errno.ELOOP else "a link to nothing", note=False)
        return
    if stat.S_ISDIR(mode):
        scan.note(path, f"a link to the folder {scan.shown(target)}, "
                        + ("searched where it is: not followed" if scan.searched(target)
                           else "which is hidden: not searched"))
    elif not stat.S_ISREG(mode):
        scan.note(path, not_a_file(mode), note=False)
    elif scan.searched(target) and _is_answer_name(target):
        scan.note(path, f"a link to {scan.shown(target)}, graded under its own name: not "
                        "graded twice")
    elif _is_answer_name(path.name):
        _graded_once(path, scan)
    else:
        scan.note(path, f"not graded: not an answer file (*{ANSWER_SUFFIX})")


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


def grade_received(received: list[tuple[bytes, str]], course: GradingCourse, book: Gradebook,
                   *, verified_only: bool = False) -> dict[str, Graded | Skipped]:
    """Grade and record answer files received as bytes (`course collect`: those that arrived
    while the previous batch was being written), exactly as files named on the command line,
    in one transaction. `received`: (bytes, label), each label its own. Returns label → what
    became of it. `verified_only`: refuse a file whose learner the roster and an access code do
    not vouch for (the service takes no other)."""
    graded, skipped = _grade_batch(received, course, book, False, read=bytes,
                                   verified_only=verified_only)
    return {item.source: item for item in [*graded, *skipped]}


NOT_VERIFIED = ("this quiz asks for no access code, so the file cannot show who made it; it is "
                "not collected online (hand the downloaded file to the trainer)")


def _grade_batch(chunk: list[tuple[Path, str]], course: GradingCourse, book: Gradebook,
                 strict: bool, *, read: Callable = read_bytes, verified_only: bool = False
                 ) -> tuple[list[Graded], list[Skipped]]:
    # One outcome per file, by position: a Graded (already recorded), an Attempt (new), a
    # Skipped, or the position of an earlier file of this batch with the same attempt.
    outcome: list[Graded | Attempt | Skipped | int | None] = [None] * len(chunk)
    parsed_files = []  # (position, parsed file)
    for position, (source, label) in enumerate(chunk):
        try:
            parsed_files.append((position, parse(read(source))))
        except BadAnswerFile as error:
            outcome[position] = Skipped(label, error.message)
    known = book.known([parsed.attempt_hash for _, parsed in parsed_files])
    first_with: dict[str, int] = {}  # hash → position of its first file in this batch
    new_attempts: list[tuple[int, Attempt]] = []
    for position, parsed in parsed_files:
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
            if verified_only and not attempt.identity_verified:
                outcome[position] = Skipped(label, NOT_VERIFIED)
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
