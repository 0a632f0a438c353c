"""Read a course folder from disk. The only module that reads course files.

Loading loads: it reports what is wrong with each file (in `LoadedCourse.problems`), and leaves
what spans files to `checks.checked`, which every caller runs next.
"""

from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .errors import AuthorError, Problem
from .loaded import LessonEntry, LoadedCourse, QuizEntry
from .models.course import Course, Lesson
from .models.quiz import Quiz
from .models.reference import Glossary, PolicyFile
from .validation import validate
from .yamlsource import Document, parse_bytes

COURSE_FILE = "course.yml"
POLICY_FILE = "policies.yml"
GLOSSARY_FILE = "glossary.yml"
RESERVED = {COURSE_FILE, POLICY_FILE, GLOSSARY_FILE}
YAML_SUFFIXES = (".yml", ".yaml")


def label_for(path: Path) -> str:
    """A path as a person would type it: relative to the working directory when inside it,
    else in full (`/data/answers/a.json` reads better than `../../data/answers/a.json`)."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return os.path.abspath(path)
    return relative


def read_document(path: Path) -> Document:
    return parse_bytes(path.read_bytes(), label_for(path))


@dataclass
class LoadCache:
    """What loading made of each file, kept while the file stays as it was, so that loading the
    course again (`course serve`, on every save) reads and validates only the files that
    changed. A file counts as unchanged while its size, modification time, change time and
    inode are those it had when it was read: the same test MkDocs' file watcher makes, and an
    editor's save (in place or by renaming a new file over the old) changes at least one.
    Models are frozen, so an unchanged file's model is shared by every load that finds it."""

    # (path, model class) -> (stamp, value or None, locator, the file's own problems)
    _files: dict[tuple, tuple] = field(default_factory=dict)

    def get(self, path: Path, model, stamp: tuple) -> tuple | None:
        """(value, locator, problems) as last read, if the file has not changed since."""
        kept = self._files.get((path, model))
        return kept[1:] if kept is not None and kept[0] == stamp else None

    def put(self, path: Path, model, stamp: tuple, value, locator,
            problems: list[Problem]) -> None:
        self._files[(path, model)] = (stamp, value, locator, problems)

    def __len__(self) -> int:
        return len(self._files)

    def keep_only(self, paths: set[Path]) -> None:
        """Forget files that are gone (deleted or renamed)."""
        for key in [key for key in self._files if key[0] not in paths]:
            del self._files[key]


def _stamp(path: Path) -> tuple:
    found = os.stat(path)
    return found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino


def course_language(content_dir: Path) -> str | None:
    """The language course.yml gives (the default when it gives none), read from that one file
    before the course is loaded; None when the file cannot be read (loading says why)."""
    try:
        data = read_document(content_dir / COURSE_FILE).data
    except (AuthorError, OSError):
        return None
    if not isinstance(data, dict):
        return None
    language = data.get("language", Course.model_fields["language"].default)
    return language if isinstance(language, str) else None


@contextmanager
def cycle_collection_paused():
    """Pause Python's cycle collector while a course is loaded (and planned).

    Loading makes hundreds of thousands of objects that live on and form no reference cycles;
    the collector would scan them again and again as they pile up: half the time of a
    1,000-lesson course. Cycles made meanwhile (an exception's traceback) wait for the next
    collection once it runs again.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def load_course(content_dir: Path, quiz_dir: Path | None,
                cache: LoadCache | None = None) -> LoadedCourse:
    """Load a whole course. Problems of single files are kept in `problems` (the course file
    itself missing or unreadable raises AuthorError: there is nothing to go on). With `cache`,
    files unchanged since it last saw them are not read again."""
    with cycle_collection_paused():
        return _load_course(content_dir, quiz_dir, cache)


def _load_course(content_dir: Path, quiz_dir: Path | None,
                 cache: LoadCache | None = None) -> LoadedCourse:
    problems: list[Problem] = []
    seen: set[Path] = set()

    def load(model, path: Path):
        stamp = None
        if cache is not None:
            seen.add(path)
            try:
                stamp = _stamp(path)
            except OSError:
                pass  # reading it says why, below
            kept = cache.get(path, model, stamp) if stamp else None
            if kept is not None:
                value, locator, own = kept
                problems.extend(own)
                return value, locator
        own: list[Problem] = []
        value = locator = None
        try:
            document = read_document(path)
            value, locator = validate(model, document), document.locator
        except AuthorError as error:
            own = error.problems
        except OSError as error:
            problems.append(Problem(label_for(path), 0, 0, f"cannot read file: {error.strerror}"))
            return None, None  # not kept: the next load tries again
        problems.extend(own)
        if stamp is not None:
            cache.put(path, model, stamp, value, locator, own)
        return value, locator

    course_path = content_dir / COURSE_FILE
    if not course_path.is_file():
        raise AuthorError([Problem(label_for(course_path), 0, 0, "course file is missing",
                                   "run `course new course` or create it with title, audience "
                                   "and sections")])
    course, course_locator = load(Course, course_path)
    policies, policies_locator = (None, None)
    policies_present = (content_dir / POLICY_FILE).is_file()
    if policies_present:
        policies, policies_locator = load(PolicyFile, content_dir / POLICY_FILE)
    glossary, glossary_locator = (None, None)
    glossary_present = (content_dir / GLOSSARY_FILE).is_file()
    if glossary_present:
        glossary, glossary_locator = load(Glossary, content_dir / GLOSSARY_FILE)

    sections = {section.id: section for section in course.sections} if course else {}
    lessons: list[LessonEntry] = []
    # Lessons whose file has errors: links to them are not also called broken.
    unloaded: set[str] = set()
    files = _files(content_dir)
    for path in (p for p in files if p.suffix in YAML_SUFFIXES):
        relative = path.relative_to(content_dir)
        if len(relative.parts) == 1:
            if relative.name not in RESERVED:
                problems.append(Problem(
                    label_for(path), 0, 0, "lesson file is not inside a section folder",
                    f"move it to {content_dir.name}/<section id>/{relative.name}"))
            continue
        section_id = relative.parts[0]
        lesson, locator = load(Lesson, path)
        if lesson is None:
            unloaded.add(path.stem)
            continue
        if course is not None and section_id not in sections:
            problems.append(Problem(
                label_for(path), 0, 0, f"folder '{section_id}' is not a section of the course",
                f"add it to sections in {COURSE_FILE}, or move the file to one of: "
                f"{', '.join(sections)}"))
            continue
        if course is not None:
            lessons.append(LessonEntry(sections[section_id], lesson, locator))

    quizzes: list[QuizEntry] = []
    unloaded_quizzes: set[str] = set()
    if quiz_dir is not None and quiz_dir.is_dir():
        for path in (p for p in _files(quiz_dir) if p.suffix in YAML_SUFFIXES):
            quiz, locator = load(Quiz, path)
            if quiz is None:
                unloaded_quizzes.add(path.stem)
            else:
                quizzes.append(QuizEntry(quiz, locator))

    if cache is not None:
        cache.keep_only(seen)
    if course is None:
        raise AuthorError(problems)
    order = {section_id: index for index, section_id in enumerate(sections)}
    lessons.sort(key=lambda e: (order[e.section.id], e.lesson.order, e.lesson.id))
    quizzes.sort(key=lambda e: (e.quiz.section is None, order.get(e.quiz.section, 0),
                                e.quiz.order, e.quiz.id))
    loaded = LoadedCourse(course, course_locator, lessons, quizzes,
                          policies or PolicyFile(), policies_locator,
                          glossary or Glossary(), glossary_locator, unloaded_lessons=unloaded,
                          unloaded_quizzes=unloaded_quizzes,
                          policies_unloaded=policies_present and policies is None,
                          glossary_unloaded=glossary_present and glossary is None)
    loaded.problems = problems
    loaded.files = frozenset(p.relative_to(content_dir).as_posix() for p in files)
    return loaded


def _files(folder: Path) -> list[Path]:
    """Every file in the folder but hidden ones, sorted so that messages and builds come out in
    the same order on every machine."""
    return sorted(p for p in folder.rglob("*") if p.is_file()
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))
