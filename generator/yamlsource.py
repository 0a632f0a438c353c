"""Strict, safe YAML reading that remembers where every key and value came from.

PyYAML's C parser builds the node tree; we construct plain Python values from it ourselves so
that we can refuse what a course file never needs and what makes YAML dangerous or surprising:
aliases (the "billion laughs" bomb), language tags (`!!python/...`), duplicated keys (the second
silently wins in PyYAML), and YAML 1.1 booleans (an answer `no` must stay the text "no").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from .errors import AuthorError, Problem

try:  # the C parser is much faster; fall back for Pythons built without libyaml
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader


class _UntaggedLoader(_Loader):
    """For a document with no `!` in it, so no tags: every node is implicit.

    The composer asks the resolver for the tag of every node (Python calls per node, a third of
    the parse). Here it gets C callables that answer at once; `_scalar` resolves the few
    plain scalars that need it the way PyYAML would have.
    """

    resolve = "?".format
    # No path resolvers in a safe loader: the composer's per-node calls to these do nothing.
    descend_resolver = ascend_resolver = "".format


_RESOLVER = yaml.resolver.Resolver()
# First characters for which PyYAML's YAML 1.1 resolver may give a plain scalar a tag other
# than str ('' is the empty scalar). Any other plain scalar resolves to str.
_RESOLVED_FIRST = frozenset(yaml.resolver.Resolver.yaml_implicit_resolvers)
assert None not in _RESOLVED_FIRST  # no wildcard resolvers: the first character decides

MAX_FILE_BYTES = 1_000_000

# YAML 1.2 core schema: only these plain scalars are not text.
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")

_PLAIN_TAGS = {
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:value",
    "tag:yaml.org,2002:merge",
}
_STR_TAG = "tag:yaml.org,2002:str"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"


class Number:
    """Marker mixin: a YAML number that remembers how the author wrote it."""

    source: str


class YamlInt(int, Number):
    pass


class YamlFloat(float, Number):
    pass


@dataclass
class Locator:
    """Where each key and value of a document starts (1-based line and column)."""

    label: str
    values: dict[tuple, tuple[int, int]] = field(default_factory=dict)
    keys: dict[tuple, tuple[int, int]] = field(default_factory=dict)
    # Literal blocks (`|`) keep their lines as written: where the first line of each starts,
    # so a problem inside the text can point at its own line.
    blocks: dict[tuple, tuple[int, int]] = field(default_factory=dict)
    # Mappings written inline (`{id: a, text: b}`), where a comma in unquoted text ends it.
    flows: set[tuple] = field(default_factory=set)
    # While parsing: each literal block's first line and text, until its column is worked out.
    _block_texts: dict[tuple, tuple[int, str]] = field(default_factory=dict, repr=False)

    # Find the closest known position for a key path, walking up to its parents
    def position(self, path: tuple, prefer_key: bool = False) -> tuple[int, int]:
        path = tuple(path)
        while True:
            if prefer_key and path in self.keys:
                return self.keys[path]
            if path in self.values:
                return self.values[path]
            if not path:
                return (1, 1)
            path = path[:-1]

    def within(self, path: tuple, text: str, offset: int) -> tuple[int, int] | None:
        """Line and column of character `offset` of the literal block at `path`, if it is one."""
        start = self.blocks.get(tuple(path))
        if start is None:
            return None
        before = text[:offset]
        lines = before.count("\n")
        column = len(before) - (before.rfind("\n") + 1)
        return start[0] + lines, start[1] + column

    def problem(self, path: tuple, message: str, hint: str = "", *, at_key: bool = False,
                severity: str = "error", inside: tuple[str, int] | None = None) -> Problem:
        """`inside`: (the value's text, offset) of the problem when it lies within a value."""
        from .errors import format_key_path

        at = self.within(path, *inside) if inside else None
        line, column = at or self.position(path, prefer_key=at_key)
        return Problem(self.label, line, column, message, hint, format_key_path(tuple(path)),
                       severity)


@dataclass
class Document:
    data: object
    locator: Locator


def decode(raw: bytes, label: str) -> str:
    """Turn file bytes into text, refusing what is not UTF-8 with the place it goes wrong."""
    if len(raw) > MAX_FILE_BYTES:
        raise AuthorError([Problem(
            label, 1, 1, f"file is {len(raw) / 1_000_000:.1f} MB, larger than the "
            f"{MAX_FILE_BYTES // 1_000_000} MB limit for one course file",
            "split it into several lessons or quizzes")])
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise AuthorError([Problem(label, 1, 1, "file is UTF-16 encoded",
                                   "save it as UTF-8 (without BOM)")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise AuthorError([Problem(
            label, line, column,
            f"file is not valid UTF-8 (byte 0x{raw[error.start]:02x})",
            _encoding_hint(raw))]) from None
    # A UTF-8 byte-order mark is harmless (Windows editors add it): drop it.
    return text.removeprefix("\ufeff")


_HIGH_RUNS = re.compile(rb"[\x80-\xff]+")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _encoding_hint(raw: bytes) -> str:
    """How to fix a file that is not UTF-8, naming the encoding its bytes look like.

    Chinese in GBK (GB2312, GB18030) is two bytes of 0xA1-0xFE per character, so its non-ASCII
    bytes come in runs of even length; Western text in Windows-1252 has mostly single accented
    letters and dashes between ASCII (`café`, `—`), which can also happen to decode as GBK.
    """
    runs = _HIGH_RUNS.findall(raw)
    try:
        as_gbk = raw.decode("gbk")
    except UnicodeDecodeError:
        as_gbk = ""
    if _CJK.search(as_gbk) and all(len(run) % 2 == 0 for run in runs):
        return "it looks like GBK (Chinese Windows): save it as UTF-8"
    try:
        raw.decode("cp1252")
    except UnicodeDecodeError:
        return "save it as UTF-8"
    return "it looks like a Western encoding such as Windows-1252: save it as UTF-8"


def parse(text: str, label: str) -> Document:
    """Parse one YAML document into plain values and a locator, or raise AuthorError."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
        return parse_bytes(text.encode("utf-8", "surrogatepass"), label)
    empty = AuthorError([Problem(label, 1, 1, "file is empty",
                                 "start from `course new` to get a valid skeleton")])
    text = text.removeprefix("\ufeff")
    untagged = "!" not in text
    node = compose(text, label, _UntaggedLoader if untagged else _Loader)
    if node is None:  # nothing but comments and blank lines
        raise empty
    locator = Locator(label)
    problems: list[Problem] = []
    # Without an anchor (&) there can be no alias: skip the bookkeeping that finds them.
    seen: set[int] | None = set() if "&" in text else None
    try:
        data = _construct(node, (), locator, problems, seen, untagged)
    except _AliasFound:
        raise AuthorError([_alias_problem(text, label)]) from None
    if problems:
        raise AuthorError(problems)
    if locator._block_texts:
        _indent_blocks(locator, text, locator._block_texts)
        locator._block_texts = {}
    return Document(data, locator)


def _indent_blocks(locator: Locator, text: str, pending: dict) -> None:
    """Give each literal block the column its text starts at: the indentation of a line that
    holds text, less the spaces that belong to the text itself (a block may open indented)."""
    lines = text.split("\n")
    for path, (first, value) in pending.items():
        column = 1
        for index, own in enumerate(value.split("\n")):
            if own.strip(" "):
                source = lines[first - 1 + index] if first - 1 + index < len(lines) else own
                indent = len(source) - len(source.lstrip(" "))
                column = indent - (len(own) - len(own.lstrip(" "))) + 1
                break
        locator.blocks[path] = (first, max(column, 1))


def parse_bytes(raw: bytes, label: str) -> Document:
    return parse(decode(raw, label), label)


def compose(text: str, label: str, loader=_Loader) -> yaml.Node | None:
    """PyYAML's node tree of `text`, or AuthorError with one `label:line:column` message for
    what makes it unreadable as YAML. Composing runs no tag, so mkdocs.yml's own (!ENV,
    !!python/name) pass through here: `project.read_config` explains its syntax errors this way."""
    try:
        return yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as error:
        raise AuthorError([_syntax_problem(error, label, text)]) from None
    except yaml.reader.ReaderError as error:  # control characters such as NUL
        # The C reader counts UTF-8 bytes, not characters.
        before = text.encode("utf-8")[: error.position].decode("utf-8", "ignore")
        line, column = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        raise AuthorError([Problem(label, line, column, "the file contains a control character "
                                   f"(U+{error.character:04X})",
                                   "remove it; it is invisible in most editors")]) from None
    except yaml.YAMLError as error:  # pragma: no cover - unmarked errors are rare
        raise AuthorError([Problem(label, 1, 1, f"YAML error: {error}")]) from None
    except ValueError as error:  # e.g. NUL characters the C reader rejects
        raise AuthorError([Problem(label, 1, 1, f"file cannot be read as YAML: {error}",
                                   "remove control characters")]) from None


# Keys in course files (and mkdocs.yml) are ASCII words. A Chinese or Japanese keyboard types
# the full-width colon U+FF1A, and spaces YAML does not count as spaces (the ideographic space
# U+3000, the no-break space pasted from web pages and Word).
_WIDE_COLON_KEY = re.compile(r"^[ \t]*(?:-[ \t]+)*([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*(：)")
_ODD_SPACES = "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\ufeff"
_ODD_INDENT = re.compile(
    rf"^ *([{_ODD_SPACES}])[{_ODD_SPACES} ]*(?:-[ \t]|([A-Za-z_][\w.-]*)(?:[ \t]*[:：]|$))")


def keyboard_slip(line_text: str) -> tuple[int, str, str, str] | None:
    """(column, message, hint, the key meant) when a line (or a key) is a key typed with a
    full-width colon, or is indented with a space YAML does not count as one; else None.

    Only a colon right after a leading ASCII word counts: a full-width colon inside a value
    (`text: 注意：先核对`) is ordinary Chinese punctuation. Only indentation followed by a key or
    a list dash counts: Chinese paragraphs may open with two ideographic spaces inside a text
    block. Callers ask only about lines YAML failed on, or about values that came out wrong.
    """
    found = _ODD_INDENT.match(line_text)
    if found:
        space = found.group(1)
        import unicodedata

        name = unicodedata.name(space, "unusual space").lower()
        article = "an" if name[0] in "aeiou" else "a"
        return (found.start(1) + 1,
                f"the line is indented with {article} {name} (U+{ord(space):04X})",
                "indent with ordinary spaces", found.group(2) or "")
    found = _WIDE_COLON_KEY.match(line_text)
    if found:
        return (found.start(2) + 1, f"full-width colon '：' after '{found.group(1)}'",
                "type an ASCII ':' followed by a space", found.group(1))
    return None


def _slip_problem(error: yaml.MarkedYAMLError, label: str, text: str) -> Problem | None:
    """A keyboard slip on the line YAML failed on. PyYAML notices a key without its ':' only
    on the next line (or at the end of the file), so look at where the failing key began (the
    error's context), the line it reports, and the line above that."""
    lines = text.split("\n")
    candidates = []
    if error.context_mark is not None:
        candidates.append(error.context_mark.line)
    if error.problem_mark is not None:
        candidates += [error.problem_mark.line, error.problem_mark.line - 1]
    for index in candidates:
        if 0 <= index < len(lines):
            slip = keyboard_slip(lines[index])
            if slip:
                column, message, hint, _ = slip
                return Problem(label, index + 1, column, message, hint)
    return None


def _syntax_problem(error: yaml.MarkedYAMLError, label: str, text: str) -> Problem:
    slip = _slip_problem(error, label, text)
    if slip is not None:
        return slip
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = (error.problem or error.context or "invalid YAML").strip()
    hint = "check the indentation and punctuation on this line and the one above"
    if "'\\t'" in problem or "\\t" in problem or (
        mark and 0 <= mark.line < len(text.splitlines())
        and "\t" in text.splitlines()[mark.line][: mark.column + 1]
    ):
        problem = "a tab character is used for indentation"
        hint = "indent with spaces only (YAML does not allow tabs)"
    elif "exceeded maximum nesting depth" in problem:
        problem = "lists or mappings are nested too deeply"
        hint = "course files need only a few levels; flatten the structure"
    elif "mapping values are not allowed" in problem:
        problem = "a colon followed by a space starts a new key here"
        hint = 'put the whole text in quotes, e.g. title: "问题: 怎么办"'
    elif "found undefined alias" in problem or "found duplicate anchor" in problem:
        hint = "anchors and aliases (&name / *name) are not allowed; write the value out"
    elif "expected <block end>" in problem or "did not find expected key" in problem:
        problem = "the indentation does not line up with the keys above"
    elif "found unexpected end of stream" in problem and "quoted" in (error.context or ""):
        line, column = error.context_mark.line + 1, error.context_mark.column + 1
        problem = "this quoted text is never closed"
        hint = "close the quote that was opened"
    return Problem(label, line, column, f"YAML syntax error: {problem}", hint)


def _at(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


class _AliasFound(Exception):
    pass


def _alias_problem(text: str, label: str) -> Problem:
    # Only reached when an alias exists, so the second pass over the events costs nothing normally.
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            line, column = event.start_mark.line + 1, event.start_mark.column + 1
            return Problem(label, line, column,
                           f"aliases (*{event.anchor}) are not allowed",
                           "write the value out in full instead of reusing an anchor")
    return Problem(label, 1, 1, "aliases are not allowed")  # pragma: no cover


def _construct(node: yaml.Node, path: tuple, locator: Locator, problems: list[Problem],
               seen: set[int] | None, untagged: bool = False):
    # The composer hands back the anchored node itself for an alias, so an alias is a node we
    # have already visited. Refusing it here also makes "billion laughs" cost nothing.
    if seen is not None:
        if id(node) in seen:
            raise _AliasFound
        seen.add(id(node))
    mark = node.start_mark
    locator.values[path] = (mark.line + 1, mark.column + 1)
    if isinstance(node, yaml.ScalarNode):
        if node.style == "|":
            # The text starts on the line after `|`; its column is found from the source later.
            locator._block_texts[path] = (mark.line + 2, node.value)
        if untagged and (node.style or node.value[:1] not in _RESOLVED_FIRST):
            return node.value  # most values: text as written (see _scalar)
        return _scalar(node, path, locator, problems, untagged)
    if isinstance(node, yaml.SequenceNode):
        if not untagged and node.tag != _SEQ_TAG:
            problems.append(_tag_problem(node, locator))
            return None
        return [_construct(item, path + (i,), locator, problems, seen, untagged)
                for i, item in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        if not untagged and node.tag != _MAP_TAG:
            problems.append(_tag_problem(node, locator))
            return None
        if node.flow_style:
            locator.flows.add(path)
        result: dict = {}
        keys = locator.keys
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(locator.label, *_at(key_node),
                                        "a key must be plain text, not a list or mapping",
                                        "write the key as a single word"))
                continue
            key = key_node.value
            if key == "<<":
                problems.append(Problem(locator.label, *_at(key_node),
                                        "merge keys (<<) are not allowed",
                                        "write the keys out in full"))
                continue
            key_path = path + (key,)
            if key in result:
                first_line = keys[key_path][0]
                problems.append(Problem(locator.label, *_at(key_node),
                                        f"duplicate key '{key}' (first used on line {first_line})",
                                        "remove one of them; YAML would silently keep the last"))
                continue
            mark = key_node.start_mark
            keys[key_path] = (mark.line + 1, mark.column + 1)
            result[key] = _construct(value_node, key_path, locator, problems, seen, untagged)
        return result
    return None  # pragma: no cover - the composer builds only the three node kinds


def _scalar(node: yaml.ScalarNode, path: tuple, locator: Locator, problems: list[Problem],
            untagged: bool = False):
    value = node.value
    if untagged:
        if node.style:  # quoted or block text: always text
            return value
        if value[:1] not in _RESOLVED_FIRST:  # most text: PyYAML would call it str
            return value
        tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
    else:
        tag = node.tag
        if tag not in _PLAIN_TAGS:
            problems.append(_tag_problem(node, locator))
            return None
        if node.style:  # quoted or block text: always text
            return value
    if tag == _STR_TAG:
        return value
    if _NULL.match(value):
        return None
    if _BOOL.match(value):
        return value.lower() == "true"
    if _INT.match(value):
        number = YamlInt(int(value))
        number.source = value
        return number
    if _FLOAT.match(value):
        number = YamlFloat(float(value))
        number.source = value
        return number
    return value


def _tag_problem(node: yaml.Node, locator: Locator) -> Problem:
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")
    return Problem(locator.label, *_at(node), f"the tag {tag} is not allowed",
                   "remove it; course files hold only text, numbers, lists and mappings")


def scalar(text: str) -> str:
    """`text` as a YAML value to write after `key: `: plain when every YAML reader (MkDocs' too,
    which reads `yes` as true) reads it back as this text, else double-quoted."""
    import json

    try:
        plain = yaml.safe_load(text) == text and "\n" not in text and text.strip() == text
    except yaml.YAMLError:
        plain = False
    return text if plain and not text.startswith(("'", '"')) else json.dumps(
        text, ensure_ascii=False)
