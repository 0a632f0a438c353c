"""Imported questions → the text of a commented quiz file, as an author would write it.

Written by hand rather than dumped, so that the file reads like the scaffolds of `course new`:
the schema comment for the editor, a comment on each setting, and above each question the row
it came from. Every text is written in the plainest YAML that reads back as the same string,
and the whole file is read back before it is returned: what is written is what was imported.
"""

from __future__ import annotations

import io

import yaml

from ..catalogue import strings
from ..plurals import counted
from ..yamlsource import MAX_FILE_BYTES, parse_bytes
from .imported import ImportedQuestion

_LINE_BREAKS = ("\r", "\x85", "\u2028", "\u2029", "\ufeff")


class QuizTextError(AssertionError):
    """The written file would not read back as the imported questions (a bug of ours)."""


class QuizTooLarge(ValueError):
    """The quiz file would be over the size limit of one course file."""

    def __init__(self, size: int, questions: int):
        self.size, self.questions = size, questions
        fit = max(1, int(MAX_FILE_BYTES / (size / questions)))
        super().__init__(
            f"the {questions:,} questions make a quiz file of {size / 1_000_000:.1f} MB, over "
            f"the {MAX_FILE_BYTES // 1_000_000} MB limit for one course file — split the bank "
            f"into workbooks of at most about {fit:,} such questions and import each as its "
            "own quiz")


def quiz_text(questions: list[ImportedQuestion], *, quiz_id: str, title: str,
              section: str | None, language: str, schema: str, source_name: str,
              draw: list[tuple[str, int]] = (), settings: dict | None = None) -> str:
    """The quiz file; `draw` is [(pool, count)] for a quiz that draws each paper from pools.

    `settings`: the quiz-level keys of the file being replaced (keep.py), written instead of a
    new practice quiz's; then `quiz_id`, `title` and `section` are already in them.
    """
    t = strings(language)["banks"]
    lines = [
        f"# yaml-language-server: $schema={schema}",
        "# " + counted(t["yaml_header"], language,
                       sum(1 for q in questions if not q.kept), file=source_name),
    ]
    if settings is not None:
        lines += _mapping(settings, indent=0, first="")
    else:
        lines += _new_settings(t, quiz_id, title, section, draw)
    lines.append("questions:")
    for index, question in enumerate(questions):
        if index:
            lines.append("")
        lines.append("  # " + (_KEPT.get(language, _KEPT["en"]) if question.kept else
                               t["yaml_row"].format(sheet=question.sheet, row=question.row)))
        for key, value in question.notes:
            lines.append("  # " + t[key].format(value=" ".join(value.split())))
        lines += _mapping(question.data, indent=4, first="  - ")
    text = "\n".join(lines) + "\n"
    size = len(text.encode("utf-8"))
    if size > MAX_FILE_BYTES:
        raise QuizTooLarge(size, len(questions))
    _check(text, quiz_id, title, section, draw, questions, settings)
    return text


# Above a scenario kept from the replaced file. Here rather than in the locales, which this
# branch does not touch; it can move there with the other yaml_ strings.
_KEPT = {"zh": "保留自原来的测验文件（工作簿无法表示情景对话）",
         "en": "kept from the replaced quiz file (a workbook cannot carry scenarios)"}


def _new_settings(t: dict, quiz_id: str, title: str, section: str | None, draw) -> list[str]:
    lines = [f"id: {quiz_id}", f"title: {_inline(title)}  # {t['yaml_title']}"]
    if section:
        lines.append(f"section: {section}")
    lines += [
        f"mode: practice  # {t['yaml_mode']}",
        f"pass_mark: 0.8  # {t['yaml_pass_mark']}",
        f"shuffle: false  # {t['yaml_shuffle']}",
    ]
    if draw:
        lines.append(f"draw:  # {t['yaml_draw']}")
        for pool, count in draw:
            lines += [f"  - pool: {pool}", f"    count: {count}"]
    return lines


def _mapping(data: dict, indent: int, first: str) -> list[str]:
    lines = []
    for position, (key, value) in enumerate(data.items()):
        lead = first if position == 0 else " " * indent
        if isinstance(value, list) and not any(isinstance(item, (list, dict)) for item in value):
            # A list of ids, e.g. quality's allow: [short-distractor, no-lesson]; a long one
            # (a quiz's lessons) one item a line
            flow = f"{lead}{key}: [{', '.join(_flow(item) for item in value)}]"
            if len(flow) <= 100:
                lines.append(flow)
            else:
                lines.append(f"{lead}{key}:")
                lines += [" " * (indent + 2) + "- " + _flow(item) for item in value]
        elif isinstance(value, dict) and not value:
            lines.append(f"{lead}{key}: {{}}")
        elif isinstance(value, list):
            lines.append(f"{lead}{key}:")
            for item in value:
                lines += _mapping(item, indent + 4, " " * (indent + 2) + "- ")
        elif isinstance(value, dict):
            lines.append(f"{lead}{key}:")
            lines += _mapping(value, indent + 2, " " * (indent + 2))
        else:
            lines += _scalar_lines(f"{lead}{key}:", value, indent + 2)
    return lines


def _scalar_lines(head: str, value, indent: int) -> list[str]:
    if value is None:
        return [f"{head} null"]
    if isinstance(value, bool):
        return [f"{head} {'true' if value else 'false'}"]
    if isinstance(value, (int, float)):
        return [f"{head} {value}"]
    if "\n" in value and _literal_safe(value):
        trailing = len(value) - len(value.rstrip("\n"))
        chomp = "-" if trailing == 0 else ("" if trailing == 1 else "+")
        body = value[:-trailing] if trailing else value
        pad = " " * indent
        block = [pad + line if line else "" for line in body.split("\n")]
        return [f"{head} |{chomp}", *block, *([""] * (trailing - 1))]
    return [f"{head} {_inline(value)}"]


def _flow(value) -> str:
    """One item of a flow list `[…]`."""
    if value is None or isinstance(value, (bool, int, float)):
        return _scalar_lines("", value, 0)[0].strip()
    return _inline(value)


def _literal_safe(text: str) -> bool:
    # A first line starting with a space would need an indentation indicator; some characters
    # count as line breaks in YAML, and control characters may only appear escaped.
    return (not text[:1].isspace() and not any(c in text for c in _LINE_BREAKS)
            and not yaml.reader.Reader.NON_PRINTABLE.search(text))


# PyYAML's own judgement of a scalar, without a whole dump per text (a dump is 90 µs; a bank of
# 10,000 questions has 120,000 texts).
_EMITTER = yaml.emitter.Emitter(io.StringIO(), allow_unicode=True)
_RESOLVER = yaml.resolver.Resolver()
_STR = "tag:yaml.org,2002:str"


def _inline(text: str) -> str:
    """The text as one YAML scalar: plain when that reads back as text, else quoted."""
    if text:
        analysis = _EMITTER.analyze_scalar(text)
        if (analysis.allow_block_plain and not analysis.multiline
                and _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == _STR):
            return text
    # Double quotes with escapes say every character exactly, line breaks of any kind included.
    return yaml.safe_dump(text, default_style='"', allow_unicode=True, width=1 << 30).rstrip("\n")


def _check(text: str, quiz_id: str, title: str, section: str | None, draw,
           questions: list[ImportedQuestion], settings: dict | None) -> None:
    data = parse_bytes(text.encode("utf-8"), "imported quiz").data
    expected = [q.data for q in questions]
    if settings is not None:
        if ({k: v for k, v in data.items() if k != "questions"}, data.get("questions")) \
                != (settings, expected):
            raise QuizTextError("the quiz file written would not read back as the kept "
                                "settings and the imported questions")
        return
    drawn = [(part["pool"], part["count"]) for part in data.get("draw", [])]
    if (data.get("id"), data.get("title"), data.get("section"), drawn, data.get("questions")) \
            != (quiz_id, title, section, list(draw), expected):
        raise QuizTextError("the quiz file written would not read back as the imported "
                            "questions")
