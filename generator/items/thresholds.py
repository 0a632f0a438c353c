"""The item checks' thresholds: `item_checks:` under the course plugin's options in mkdocs.yml.

Defaults follow the item-writing guidelines the checks come from (see AUTHORING.md): a cue is
flagged where a test-wise learner would gain clearly more than chance from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator

Share = Annotated[float, Field(ge=0, le=1)]


class ItemChecks(BaseModel):
    """`item_checks:` in mkdocs.yml; every key optional."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    enabled: bool = True
    # Settings for single-choice questions
    longest_key_share: Share = 0.4  # the key strictly longest in more than this share: flagged
    key_position_share: Share = 0.5  # keys in one printed position in more than this share
    single_min_questions: Annotated[int, Field(ge=1)] = 4  # before the two shares are judged
    short_distractor_ratio: Share = 0.33  # a wrong option shorter than this × the key's length
    # Settings for true/false questions
    tf_true_share: list[Share] = Field(default_factory=lambda: [0.3, 0.7])
    tf_min_questions: Annotated[int, Field(ge=1)] = 6

    @field_validator("tf_true_share")
    @classmethod
    def _a_range(cls, value: list[float]) -> list[float]:
        if len(value) != 2 or value[0] > value[1]:
            raise ValueError("must be two shares, lowest first, like [0.3, 0.7]")
        return value


@dataclass(frozen=True)
class ItemCheckRun:
    """How one run of `course check` (or a build) applies the item checks."""

    thresholds: ItemChecks = field(default_factory=ItemChecks)
    # --strict: a finding in a graded quiz (assessment or required) is an error, not a warning
    strict: bool = False
    every_quiz_assessed: bool = False  # an --assessment build: every quiz is graded
