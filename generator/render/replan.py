"""The site plan again after an edit, rendering only the pages the edit can have changed.

`course serve` plans the site on every save. A lesson page is written from its lesson file and
from what the whole course shares; a quiz page likewise from its quiz file. What they share
(`shared`, below) is everything a lesson or quiz page reads from outside its own file:
- course.yml (the language, the course title in the widget's data, the section a lesson sits in
  and its title), policies.yml and glossary.yml (values, dates and anchors of `{{policy.x}}` and
  of links), the build's settings (assessment mode, and any other value the plugin gives
  plan_site, such as the registry's salt that names the ids on assessment pages);
- of every other lesson: its id, its section (where a link to it points) and its title (a
  question's "see lesson" link shows it); of every quiz: its id (whether a link to it resolves).

So: when what they share is unchanged, a lesson or quiz page whose own model is unchanged keeps
its Markdown; otherwise it is rendered again. The course-wide pages (home, sections, progress,
glossary, policies) list every lesson and quiz and are rendered on every plan; they are few.
tests/test_replan.py holds the rule to the renderers: changing anything else in another file
leaves a page's Markdown as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import pagepaths
from ..loaded import LoadedCourse
from .site import SitePlan, plan_site


def shared(loaded: LoadedCourse, settings: tuple) -> tuple:
    """Everything a lesson or quiz page reads from outside its own file (see the module's note)."""
    return (settings, loaded.course, loaded.policies, loaded.glossary,
            tuple((e.lesson.id, e.section.id, e.lesson.title) for e in loaded.lessons),
            tuple(e.quiz.id for e in loaded.quizzes),
            frozenset(loaded.unloaded_lessons), frozenset(loaded.unloaded_quizzes),
            loaded.policies_unloaded, loaded.glossary_unloaded)


@dataclass
class Replanner:
    """Plans the site as `plan_site` does, reusing the Markdown of pages whose inputs have not
    changed since the previous plan. Holds the previous plan between calls."""

    previous: SitePlan | None = None
    _shared: tuple | None = None
    # page -> the lesson or quiz model its Markdown was rendered from
    _sources: dict[str, object] = field(default_factory=dict)
    rendered: int = 0  # lesson and quiz pages rendered by the last plan (the others were kept)

    def plan(self, loaded: LoadedCourse, force_assessment: bool = False,
             **settings) -> SitePlan:
        """`settings`: plan_site's other keyword settings, passed on as they are (the plugin
        passes the same to either); a change in any renders every page again."""
        now = shared(loaded, (force_assessment, tuple(sorted(settings.items()))))
        unchanged_world = self.previous is not None and now == self._shared
        previous, sources = self.previous, self._sources
        rendered = 0

        def reuse(page: str, model: object) -> str | None:
            nonlocal rendered
            if unchanged_world and page in sources:
                before = sources[page]
                # Unchanged files give the very same model (loading's cache); an edit that
                # changed nothing gives an equal one.
                if before is model or before == model:
                    return previous.pages[page]
            rendered += 1
            return None

        plan = plan_site(loaded, force_assessment, reuse=reuse, **settings)
        self.previous, self._shared, self.rendered = plan, now, rendered
        self._sources = {pagepaths.lesson(e.section.id, e.lesson.id): e.lesson
                         for e in loaded.lessons}
        self._sources.update((pagepaths.quiz(e.quiz.id), e.quiz) for e in loaded.quizzes)
        return plan
