"""Who made an answer file, as far as the desk can tell. Pure.

With a roster (`course roster import`), a quiz that asks for staff id and access code
(assessments, required quizzes, any quiz on an assessment page) is graded only for a learner on
the roster whose access code signs the file; the name is the roster's, never the file's. Files of
other quizzes (practice) are graded as before, with the roster's name when their id is on it;
they never count towards a certificate. Without a roster every file is graded as it says, and
the attempt is stored as "identity not verified".

Where the page asks for the id, the seed is derived from it (`integrity.seeds`) and must match:
a learner's paper is fixed by who they are, the version and the attempt.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from ..integrity.seeds import derived_seed, normalised_id
from ..integrity.signing import content_verifies
from .answerdata import AnswerData2
from .answerfiles import FROM_THE_PAGE, BadAnswerFile, ParsedFile, one_line
from .roster import RosterEntry


@dataclass(frozen=True)
class Who:
    key: str  # learner_key(): who the attempt belongs to
    name: str
    learner_id: str | None
    verified: bool  # the roster knows the id and the access code signs the file


def identify(parsed: ParsedFile, asks: bool, roster: dict[str, RosterEntry] | None) -> Who:
    """The learner of a file; raises BadAnswerFile when the roster refuses it."""
    data = parsed.data
    learner = data.learner
    learner_id = (learner.id or "").strip() or None
    typed_name = " ".join((learner.name or "").split())
    if learner.name is not None and not typed_name and not learner_id:
        raise BadAnswerFile(f"learner.name: blank — {FROM_THE_PAGE}")
    if parsed.format == 2 and asks and learner_id is None:
        raise BadAnswerFile(f"learner.id: missing, and this quiz asks for the staff id — "
                            f"{FROM_THE_PAGE}")
    if roster is not None and asks:
        who = _on_roster(parsed, learner_id, roster)  # who, before what they sent
        check_seed(data, learner_id)
        return who
    if parsed.format == 2 and asks:
        check_seed(data, learner_id)
    entry = roster.get(normalised_id(learner_id)) if roster and learner_id else None
    if entry is not None:
        return Who(learner_key(entry.name, entry.learner_id), entry.name, entry.learner_id, False)
    name = typed_name or learner_id or ""
    if not name:
        raise BadAnswerFile(f"learner.name: blank — {FROM_THE_PAGE}")
    return Who(learner_key(name, learner_id), name, learner_id, False)


def _on_roster(parsed: ParsedFile, learner_id: str | None,
               roster: dict[str, RosterEntry]) -> Who:
    if parsed.format == 1:
        raise BadAnswerFile("format 1 file (from a page older than access codes): it cannot "
                            "show who made it, and this course has a roster — the learner takes "
                            "the quiz again on the current site")
    assert learner_id is not None  # checked by identify()
    entry = roster.get(normalised_id(learner_id))
    shown = one_line(learner_id)
    if entry is None:
        raise BadAnswerFile(f"learner.id '{shown}' is not on the roster — check the id, or add "
                            "the learner with `course roster import`")
    if entry.code is None:
        raise BadAnswerFile(f"learner '{shown}' has no access code yet, so the file cannot be "
                            "checked — give codes with `course roster codes`")
    if parsed.data.signature is None:
        raise BadAnswerFile("not signed: this quiz asks for an access code, and the file carries "
                            f"no signature — {FROM_THE_PAGE} (a page that asks for the code "
                            "signs the file)")
    if not content_verifies(parsed.data.signature, parsed.signed_content(), entry.code):
        raise BadAnswerFile(f"the signature does not match the access code of learner "
                            f"'{shown}': the file was changed after it was saved, or made with "
                            f"someone else's code — {FROM_THE_PAGE}; if it still does not "
                            "match, give the learner a new code (`course roster codes --new "
                            "--learner ID`)")
    return Who(learner_key(entry.name, entry.learner_id), entry.name, entry.learner_id, True)


class WrongSeed(BadAnswerFile):
    """The seed is not this learner's: their paper cannot be replayed, so nothing about it (which
    questions were on it) can be checked either."""


def check_seed(data: AnswerData2, learner_id: str) -> None:
    expected = derived_seed(learner_id, data.quiz_version, data.attempt)
    if data.seed != expected:
        raise WrongSeed(f"seed {data.seed} is not the seed of learner "
                            f"'{one_line(learner_id)}', attempt {data.attempt} at this quiz "
                            f"version: the paper cannot be replayed — {FROM_THE_PAGE}")


def learner_key(name: str, learner_id: str | None) -> str:
    """Who an attempt belongs to: the staff id when given, else the name as typed.

    Normalised (NFC, case-folded, trimmed) so that 'Zhang San ' and 'zhang san' are one learner;
    prefixed so that an id can never collide with someone's name.
    """
    if learner_id:
        return "id:" + normalised_id(learner_id)
    return "name:" + unicodedata.normalize("NFC", " ".join(name.split())).casefold()
