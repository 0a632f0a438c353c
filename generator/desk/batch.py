"""Grade many answer files into the gradebook, batch by batch.

Each batch is read, checked against the gradebook (files already recorded are not graded
again: the same file is one attempt), graded, and recorded in one transaction. An interruption
loses at most the batch in flight; running the command again picks up from there.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Callable

from ..loading import label_for
from .answerfiles import BadAnswerFile, content_hash, parse, read_bytes
from .attempts import Attempt, GradingCourse, grade_file
from .gradebook import Gradebook
from .outputs import Graded, Skipped

BATCH_SIZE = 250
ANSWER_SUFFIX = ".json"


def collect(paths: list[str]) -> tuple[list[tuple[Path, str]], list[Skipped]]:
    """The answer files named or inside the folders named, each once, with its label."""
    files: list[tuple[Path, str]] = []
    problems: list[Skipped] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        resolved = path.resolve()
        if resolved not in seen:
            seen.add(resolved)
            files.append((path, label_for(path)))

    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = sorted(p for p in path.rglob(f"*{ANSWER_SUFFIX}") if p.is_file() and not any(
                part.startswith(".") for part in p.relative_to(path).parts))
            if not found:
                problems.append(Skipped(label_for(path),
                                        f"no answer files (*{ANSWER_SUFFIX}) in this folder"))
            for file in found:
                add(file)
        elif path.exists():
            add(path)
        else:
            problems.append(Skipped(label_for(path), "no such file or folder"))
    return files, problems


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
    outcome: dict[str, Graded | Attempt | Skipped | str] = {}  # by label: report in order
    read: list[tuple[str, bytes, str]] = []  # (label, bytes, hash)
    for path, label in chunk:
        try:
            data = read_bytes(path)
        except BadAnswerFile as error:
            outcome[label] = Skipped(label, error.message)
            continue
        read.append((label, data, content_hash(data)))
    known = book.known([h for _, _, h in read])
    first_with: dict[str, str] = {}  # hash → label of its first file in this batch
    attempts: list[Attempt] = []
    for label, data, digest in read:
        if digest in known:
            outcome[label] = Graded.known(label, known[digest])
            continue
        if digest in first_with:  # the same file twice in one batch: one attempt
            outcome[label] = first_with[digest]
            continue
        try:
            attempt = grade_file(parse(data), course, content_hash=digest, source=label,
                                 strict=strict)
        except BadAnswerFile as error:
            outcome[label] = Skipped(label, error.message)
            continue
        first_with[digest] = label
        outcome[label] = attempt
        attempts.append(attempt)
    new = book.record(attempts)
    graded: list[Graded] = []
    skipped: list[Skipped] = []
    for _, label in chunk:
        item = outcome[label]
        if isinstance(item, Skipped):
            skipped.append(item)
        elif isinstance(item, Attempt):
            row = Graded.new(item)
            if item.content_hash not in new:  # recorded meanwhile by another import
                row = _as_known(row)
            graded.append(row)
        elif isinstance(item, str):  # a copy of an earlier file in this batch
            original = outcome[item]
            graded.append(_as_known(Graded.new(original), label))
        else:
            graded.append(item)
    return graded, skipped


def _as_known(row: Graded, source: str | None = None) -> Graded:
    return replace(row, status="known", source=source or row.source)
