"""One error type for author mistakes, carrying where the mistake is and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file: `path:line:column: message — hint`."""

    path: str
    line: int = 0
    column: int = 0
    message: str = ""
    hint: str = ""
    key_path: str = field(default="", compare=False)
    severity: str = field(default="error", compare=False)

    def __str__(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}:{self.column or 1}"
        text = f"{where}: {self.message}"
        if self.severity == "warning":
            text = f"{where}: warning: {self.message}"
        if self.hint:
            text += f" — {self.hint}"
        return text


class AuthorError(Exception):
    """Raised with every problem found in a run, so the author sees them all at once."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def format_key_path(parts: tuple) -> str:
    """Render ('questions', 2, 'options', 1) as `questions[2].options[1]`."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text
