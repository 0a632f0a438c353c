"""Policy values and glossary terms that lessons and quizzes refer to by name."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .common import Date, Markdown, Model, Source, Text

PolicyName = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]


class Policy(Model):
    """A rule value that changes over time, stated once with its source and date."""

    label: Text = Field(description="What the value is, e.g. 七天无理由退货期限.")
    value: Text = Field(description="The value as shown in the text, e.g. 7 天.")
    as_of: Date = Field(description="Date the value was confirmed in its source.")
    source: Source
    note: Markdown | None = Field(None, description="Anything the learner should know about it.")


class PolicyFile(Model):
    """`content/policies.yml`: named values written in text as {{policy.name}}."""

    policies: dict[PolicyName, Policy] = Field(default_factory=dict)


class Term(Model):
    term: Text = Field(description="The term as it appears in the text, e.g. 仅退款.")
    aliases: list[Text] = Field(default_factory=list, description="Other spellings to link.")
    definition: Markdown
    see_also: list[Text] = Field(default_factory=list)


class Glossary(Model):
    """`content/glossary.yml`: platform terms, linked from the lessons where they appear."""

    terms: list[Term] = Field(default_factory=list)

    def find(self, name: str) -> Term | None:
        """The term called `name`, by its spelling or one of its aliases."""
        for term in self.terms:
            if name == term.term or name in term.aliases:
                return term
        return None
