"""Check a parsed document against its model and explain every mismatch in the author's terms."""

from __future__ import annotations

import difflib
import functools
import re
from typing import Annotated, Literal, TypeVar, get_args, get_origin

from pydantic import BaseModel, TypeAdapter, ValidationError

from .errors import AuthorError, Problem, format_key_path
from .yamlsource import Document, keyboard_slip

M = TypeVar("M", bound=BaseModel)

_KIND = {
    "string_type": "text",
    "list_type": "a list",
    "dict_type": "a mapping (key: value lines)",
    "model_type": "a mapping (key: value lines)",
    "model_attributes_type": "a mapping (key: value lines)",
    "bool_type": "true or false",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "date_type": "a date like 2026-11-20",
    "date_parsing": "a date like 2026-11-20",
    "date_from_datetime_parsing": "a date like 2026-11-20",
    "date_from_datetime_inexact": "a date like 2026-11-20",
}


def validate(model: type[M], document: Document) -> M:
    """Build `model` from a parsed document or raise AuthorError listing every problem."""
    try:
        return model.model_validate(document.data)
    except ValidationError as error:
        raise AuthorError(problems_from(error, model, document)) from None


def problems_from(error: ValidationError, model: type[BaseModel],
                  document: Document) -> list[Problem]:
    items = [(item, _data_path(document.data, item["loc"]))
             for item in error.errors(include_url=False)]
    # A typo'd key is one mistake, not two: when an unknown key looks like a missing one, the
    # "did you mean" message is enough.
    suggested = set()
    for item, path in items:
        if item["type"] == "extra_forbidden":
            slip = keyboard_slip(path[-1]) if isinstance(path[-1], str) else None
            close = slip[3] if slip and slip[3] else _close_key(model, document.data, path)
            if close:
                suggested.add(path[:-1] + (close,))
    # Text cut by commas (`{text: a, b, c}`) is one mistake: keep the first cut-off piece.
    cut_off = {path for item, path in items if item["type"] == "extra_forbidden"
               and (split := _split_text(model, document, path)) and split[2] != path[-1]}
    problems = [_explain(item, path, model, document) for item, path in items
                if not (item["type"] == "missing" and path in suggested) and path not in cut_off]
    # Pydantic may report one union branch twice; keep each message once.
    return sorted(set(problems))


def _split_text(model: type[BaseModel], document: Document,
                path: tuple) -> tuple[str, str, str] | None:
    """(text key, the whole text, first cut-off piece) when the unknown key at `path` is the
    rest of a text that a comma ended: `{text: Listen first, then repeat, correct: true}` reads
    as text "Listen first" and a key "then repeat". Only inside an inline mapping (in block
    lines a comma is just a comma), only right after a key that takes free text (after an id or
    a flag the piece is more likely a key typed wrong), and only for pieces that read as text
    (see `_is_cut_off`): an author's typo is still answered with "did you mean"."""
    owner_path, key = path[:-1], path[-1]
    if owner_path not in document.locator.flows or not isinstance(key, str):
        return None
    if not _is_cut_off(document, model, owner_path, key):
        return None
    mapping = _value_at(document.data, owner_path)
    if not isinstance(mapping, dict):
        return None
    names = list(mapping)
    index = names.index(key) if key in names else -1
    start = index
    while start > 0 and _is_cut_off(document, model, owner_path, names[start - 1]):
        start -= 1
    if start <= 0:
        return None
    text_key = names[start - 1]
    owner = _model_at(model, document.data, owner_path)
    if not (owner and text_key in owner.model_fields and isinstance(mapping[text_key], str)
            and _is_text_field(owner, text_key)):
        return None
    pieces = [mapping[text_key]]
    for name in names[start:]:
        if not _is_cut_off(document, model, owner_path, name):
            break
        pieces.append(name if mapping[name] is None else f"{name}: {mapping[name]}")
    return text_key, ", ".join(pieces), names[start]


def _is_cut_off(document: Document, model, owner_path: tuple, name) -> bool:
    """An unknown key in an inline mapping that reads as a piece of text: it has a space, or
    it has no value and is no near miss of a real key (`feedbak` is a typo, not text)."""
    owner = _model_at(model, document.data, owner_path)
    mapping = _value_at(document.data, owner_path)
    if owner is None or not isinstance(name, str) or name in owner.model_fields:
        return False
    if " " in name.strip():
        return mapping[name] is None or isinstance(mapping[name], str)
    return mapping[name] is None and not _close_key(model, document.data, owner_path + (name,))


@functools.lru_cache(maxsize=256)
def _is_text_field(owner: type[BaseModel], name: str) -> bool:
    """A field that takes free text: it accepts a sentence (ids, links, flags and fixed
    choices do not)."""
    info = owner.model_fields[name]
    declared = Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation
    try:
        TypeAdapter(declared).validate_python("Listen first, then repeat")
    except (ValidationError, TypeError):
        return False
    return True


def _value_at(data, path: tuple):
    for part in path:
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data


def _close_key(model: type[BaseModel], data, path: tuple) -> str | None:
    allowed = _allowed_keys(model, data, path[:-1])
    close = difflib.get_close_matches(str(path[-1]), allowed, n=1, cutoff=0.6)
    return close[0] if close else None


def _data_path(data, loc: tuple) -> tuple:
    """Turn pydantic's location into a path through the author's data.

    Pydantic inserts the tag of a tagged union (`single`) into locations; it is not a key in the
    file, so it is dropped.
    """
    path: list = []
    current = data
    for part in loc:
        if isinstance(current, dict) and isinstance(part, str) and part not in current \
                and current.get("type") == part:
            continue
        path.append(part)
        if isinstance(current, dict):
            current = current.get(part)
        elif isinstance(current, list) and isinstance(part, int) and part < len(current):
            current = current[part]
        else:
            current = None
    return tuple(path)


def _allowed_keys(model: type[BaseModel], data, path: tuple) -> list[str]:
    """Field names of the model found at `path`."""
    current = _model_at(model, data, path)
    return list(current.model_fields) if current else []


def _model_at(model: type[BaseModel], data, path: tuple) -> type[BaseModel] | None:
    """The model found at `path`, following list items and tagged unions."""
    annotation: object = model
    node = data
    for part in path:
        if isinstance(part, int):
            node = node[part] if isinstance(node, list) and part < len(node) else None
            continue
        current = _model_in(annotation, node)
        field = current.model_fields.get(part) if current else None
        if field is None:
            return None
        annotation = field.annotation
        node = node.get(part) if isinstance(node, dict) else None
    return _model_in(annotation, node)


def _choices(model: type[BaseModel], data, path: tuple) -> list[str]:
    """The allowed values of the key at `path` when it is a fixed list (a Literal)."""
    owner = _model_at(model, data, path[:-1])
    field = owner.model_fields.get(path[-1]) if owner else None
    if field is None or get_origin(field.annotation) is not Literal:
        return []
    return [str(value) for value in get_args(field.annotation)]


def _model_in(annotation, node) -> type[BaseModel] | None:
    """The model class inside an annotation like list[Option] or Union[...] that fits `node`."""
    candidates = []
    stack = [annotation]
    while stack:
        item = stack.pop()
        if isinstance(item, type) and issubclass(item, BaseModel):
            candidates.append(item)
        else:
            stack.extend(get_args(item))
    if isinstance(node, dict) and "type" in node:
        for candidate in candidates:
            field = candidate.model_fields.get("type")
            if field is not None and node["type"] in get_args(field.annotation):
                return candidate
    return candidates[0] if candidates else None


def _describe(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 30 else value[:27] + "..."
        return f"the text '{shown}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__  # pragma: no cover


def _explain(item: dict, path: tuple, model: type[BaseModel], document: Document) -> Problem:
    kind = item["type"]
    locator = document.locator
    value = item.get("input")
    key = next((p for p in reversed(path) if isinstance(p, str)), "")
    if kind == "extra_forbidden":
        slip = keyboard_slip(path[-1]) if isinstance(path[-1], str) else None
        if slip:  # a key indented with an ideographic space, or typed with a full-width colon
            line, column = locator.position(path, prefer_key=True)
            return Problem(locator.label, line, column + slip[0] - 1, slip[1], slip[2],
                           format_key_path(path))
        split = _split_text(model, document, path)
        if split:
            text_key, text, _ = split
            return locator.problem(
                path, f"unknown key '{path[-1]}'",
                f"a comma ended the text of '{text_key}' here; put the whole text in quotes: "
                f"{text_key}: {_quoted(text)}", at_key=True)
        allowed = _allowed_keys(model, document.data, path[:-1])
        close = _close_key(model, document.data, path)
        hint = f"did you mean '{close}'?" if close else (
            f"allowed keys here: {', '.join(allowed)}" if allowed else "remove it")
        return locator.problem(path, f"unknown key '{path[-1]}'", hint, at_key=True)
    if kind == "missing":
        choices = _choices(model, document.data, path)
        return locator.problem(path[:-1], f"missing required key '{path[-1]}'",
                               f"add `{path[-1]}:` here"
                               + (f" with one of: {', '.join(choices)}" if choices else ""))
    if kind == "union_tag_invalid":
        tags = item["ctx"]["expected_tags"].replace("'", "")
        return locator.problem(path + ("type",), f"unknown question type '{item['ctx']['tag']}'",
                               f"use one of: {tags}")
    if kind == "union_tag_not_found":
        return locator.problem(path, "question has no 'type'", "add `type:` with single, "
                               "multiple, true_false, ordering or scenario")
    if kind == "literal_error":
        expected = item["ctx"]["expected"].replace("'", "").replace(" or ", ", ")
        return locator.problem(path, f"'{key}' is {_describe(value)}",
                               f"use one of: {expected}")
    if kind == "string_pattern_mismatch":
        if key == "language":
            from .catalogue import languages

            return locator.problem(path, f"'language' must be a language code, got "
                                         f"{_describe(value)}",
                                   f"use one of: {', '.join(languages())}")
        if "#" in item["ctx"]["pattern"]:
            lesson, hash_, anchor = str(value).partition("#")
            example = _as_id(lesson, "")
            if not example:
                example = "lesson-id or lesson-id#heading"
            elif hash_:  # an anchor has no spaces: headings' anchors join words with '-'
                example += "#" + ("-".join(anchor.split()) or "heading")
            return locator.problem(path, f"'{key}' must be a lesson id with an optional #anchor, "
                                         f"got {_describe(value)}",
                                   f"write it like {example}")
        return locator.problem(path, f"'{key}' must be an id of lowercase letters, digits and "
                                     f"hyphens, got {_describe(value)}",
                               f"write it like {_as_id(str(value), 'refund-rules')}")
    if kind in ("too_short", "string_too_short"):
        if kind == "string_too_short":
            return locator.problem(path, f"'{key}' is empty", "write the text or remove the key")
        least = item["ctx"]["min_length"]
        return locator.problem(path, f"'{key}' needs at least {least} "
                                     f"item{'s' if least != 1 else ''}, has "
                                     f"{item['ctx']['actual_length']}",
                               "add the missing items")
    if kind in ("too_long", "string_too_long"):
        most = item["ctx"]["max_length"]
        return locator.problem(path, f"'{key}' is too long (at most {most})",
                               "shorten it or split it")
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        if key == "pass_mark":
            return locator.problem(path, f"pass_mark must be between 0 and 1, got {value}",
                                   "write a share of the points, e.g. 0.8 for 80%")
        bounds = {"greater_than_equal": "at least", "less_than_equal": "at most",
                  "greater_than": "more than", "less_than": "less than"}[kind]
        limit = next(iter(item["ctx"].values()))
        return locator.problem(path, f"'{key}' must be {bounds} {limit}, got {value}",
                               "change the number")
    if kind == "value_error":
        message = str(item["ctx"]["error"])
        text, _, hint = message.partition(" — ")
        return locator.problem(path, text, hint)
    if not path and kind in ("model_type", "dict_type"):
        return locator.problem(path, f"the file must be a mapping of keys (key: value lines), "
                                     f"got {_describe(value)}",
                               f"start from `course new`: a {model.__name__.lower()} file begins "
                               f"with keys such as id: and title:")
    if kind in _KIND:
        expected = _KIND[kind]
        return locator.problem(path, f"'{key}' must be {expected}, got {_describe(value)}",
                               _type_hint(kind, value))
    return locator.problem(path, item["msg"])  # pragma: no cover - rare pydantic kinds


def _as_id(text: str, fallback: str) -> str:
    """The id an author most likely meant by `text` (`Angry Buyers` -> angry-buyers), so the
    example speaks the course's own language; `fallback` when nothing of it fits an id."""
    made = "-".join(re.findall(r"[a-z0-9]+", text.lower()))[:64].strip("-")
    return made or fallback


def _quoted(text: str) -> str:
    """Text in YAML double quotes."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _type_hint(kind: str, value) -> str:
    if isinstance(value, str) and kind in ("model_type", "dict_type", "model_attributes_type"):
        slip = keyboard_slip(value)  # `- text：先核对`: a list item that was meant as a key
        if slip:
            return f"the {slip[1]}; {slip[2]}"
    if kind == "string_type" and isinstance(value, list):
        return "write one text, not a list"
    if kind == "string_type" and isinstance(value, dict):
        return 'put the text in quotes if it contains ": "'
    if kind == "list_type":
        return "start each item on its own line with '- '"
    if kind.startswith("date"):
        return "write the date as YYYY-MM-DD"
    if kind == "bool_type":
        return "write true or false"
    return "fix the value"
