"""A loaded course: every model with where it came from. Plain data, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from .errors import Problem
from .models.course import Course, Lesson, Section
from .models.quiz import Quiz
from .models.reference import Glossary, PolicyFile, Term
from .yamlsource import Locator


@dataclass
class LessonEntry:
    section: Section
    lesson: Lesson
    locator: Locator


@dataclass
class QuizEntry:
    quiz: Quiz
    locator: Locator


@dataclass
class LoadedCourse:
    course: Course
    course_locator: Locator
    lessons: list[LessonEntry] = field(default_factory=list)
    quizzes: list[QuizEntry] = field(default_factory=list)
    policies: PolicyFile = field(default_factory=PolicyFile)
    policies_locator: Locator | None = None
    glossary: Glossary = field(default_factory=Glossary)
    glossary_locator: Locator | None = None
    # Problems found while loading (a file that does not parse or validate): reported with the
    # checks' own, all in one run (see checks.checked).
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    # Files that failed to load: references to what they define are not also called broken.
    unloaded_lessons: set[str] = field(default_factory=set)
    unloaded_quizzes: set[str] = field(default_factory=set)
    policies_unloaded: bool = False
    glossary_unloaded: bool = False
    # The content folder's files (posix paths inside it, YAML too): what links may point to.
    files: frozenset[str] = frozenset()

    def lesson(self, lesson_id: str) -> LessonEntry | None:
        return self._lessons_by_id.get(lesson_id)

    def term(self, name: str) -> Term | None:
        """The glossary entry a `glossary:` link names: by its spelling, an alias, or the link
        name of either (pagepaths.link_name: return-number for 'return number')."""
        return self._terms_by_name.get(name)

    def quiz(self, quiz_id: str) -> QuizEntry | None:
        return next((entry for entry in self.quizzes if entry.quiz.id == quiz_id), None)

    def lessons_in(self, section_id: str) -> list[LessonEntry]:
        return [entry for entry in self.lessons if entry.section.id == section_id]

    def quizzes_in(self, section_id: str | None) -> list[QuizEntry]:
        return [entry for entry in self.quizzes if entry.quiz.section == section_id]

    @cached_property
    def _terms_by_name(self) -> dict[str, Term]:
        from .pagepaths import link_name

        names: dict[str, Term] = {}
        spellings = [(name, term) for term in self.glossary.terms
                     for name in (term.term, *term.aliases)]
        for name, term in spellings:  # a spelling wins over a link name; the first entry wins
            names.setdefault(link_name(name), term)
        names.update({name: term for name, term in reversed(spellings)})
        return names

    @cached_property
    def _lessons_by_id(self) -> dict[str, LessonEntry]:
        # Built on first use, after loading has filled `lessons`.
        return {entry.lesson.id: entry for entry in self.lessons}
