"""generator.yamlsource: strict, safe YAML with positions. One test per kind of bad input."""

import time

import pytest

from generator.errors import AuthorError
from generator.yamlsource import MAX_FILE_BYTES, decode, parse, parse_bytes


def messages(text: str, label: str = "lesson.yml") -> list[str]:
    with pytest.raises(AuthorError) as caught:
        parse(text, label)
    return [str(p) for p in caught.value.problems]


def test_values_keep_positions_and_yaml_1_2_types():
    document = parse("a: 1\nb: no\nc: 2026-01-01\nd: 1.50\ne: true\nf: ~\n", "x.yml")
    assert document.data == {"a": 1, "b": "no", "c": "2026-01-01", "d": 1.5, "e": True, "f": None}
    assert document.locator.values[("b",)] == (2, 4)
    assert document.locator.keys[("d",)] == (4, 1)


def test_answer_text_no_stays_text():
    assert parse("text: no\nother: off\nyes: y\n", "q.yml").data == {
        "text": "no", "other": "off", "yes": "y"}


def test_numbers_remember_how_they_were_written():
    value = parse("price: 1.50\n", "x.yml").data["price"]
    assert value == 1.5 and value.source == "1.50"


def test_syntax_error_points_at_the_line():
    assert messages("items: [1, 2\nnext: 3\n") == [
        "lesson.yml:2:5: YAML syntax error: did not find expected ',' or ']' — "
        "check the indentation and punctuation on this line and the one above"]


def test_misaligned_list_item_is_explained():
    assert messages("a:\n  - x\n - y\n") == [
        "lesson.yml:3:2: YAML syntax error: the indentation does not line up with the keys "
        "above — check the indentation and punctuation on this line and the one above"]


def test_tab_indentation_is_explained():
    assert messages("a:\n\tb: 1\n") == [
        "lesson.yml:2:1: YAML syntax error: a tab character is used for indentation — "
        "indent with spaces only (YAML does not allow tabs)"]


def test_colon_inside_text_is_explained():
    assert messages("title: 问题: 怎么办\n") == [
        "lesson.yml:1:10: YAML syntax error: a colon followed by a space starts a new key "
        'here — put the whole text in quotes, e.g. title: "问题: 怎么办"']


def test_unclosed_quote_points_at_the_opening_quote():
    assert messages("a: 1\nb: 'abc\n") == [
        "lesson.yml:2:4: YAML syntax error: this quoted text is never closed — "
        "close the quote that was opened"]


def test_duplicate_key_is_an_error():
    assert messages("title: a\nbody: b\ntitle: c\n") == [
        "lesson.yml:3:1: duplicate key 'title' (first used on line 1) — "
        "remove one of them; YAML would silently keep the last"]


def test_python_tags_are_refused():
    assert messages("a: !!python/object/apply:os.system ['echo hi']\n") == [
        "lesson.yml:1:4: the tag !!python/object/apply:os.system is not allowed — "
        "remove it; course files hold only text, numbers, lists and mappings"]


def test_custom_tags_are_refused():
    assert messages("a: !include other.yml\n") == [
        "lesson.yml:1:4: the tag !include is not allowed — "
        "remove it; course files hold only text, numbers, lists and mappings"]


def test_alias_bomb_is_refused_fast():
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for index in range(ord("b"), ord("j")):
        prev = chr(index - 1)
        bomb += f"{chr(index)}: &{chr(index)} [{','.join(['*' + prev] * 9)}]\n"
    started = time.perf_counter()
    assert messages(bomb) == ["lesson.yml:2:8: aliases (*a) are not allowed — "
                              "write the value out in full instead of reusing an anchor"]
    assert time.perf_counter() - started < 0.5


def test_merge_keys_are_refused():
    assert messages("base: {a: 1}\nother:\n  <<: {a: 2}\n") == [
        "lesson.yml:3:3: merge keys (<<) are not allowed — write the keys out in full"]


def test_complex_keys_are_refused():
    assert messages("? [a, b]\n: 1\n") == [
        "lesson.yml:1:3: a key must be plain text, not a list or mapping — "
        "write the key as a single word"]


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_file(text):
    assert messages(text) == [
        "lesson.yml:1:1: file is empty — start from `course new` to get a valid skeleton"]


def decoding(raw: bytes, label: str) -> list[str]:
    with pytest.raises(AuthorError) as caught:
        decode(raw, label)
    return [str(p) for p in caught.value.problems]


def test_not_utf8_names_the_place_and_gbk():
    assert decoding("title: 退款\nbody: ok\n".encode("gbk"), "gbk.yml") == [
        "gbk.yml:1:8: file is not valid UTF-8 (byte 0xcd) — "
        "it looks like GBK (Chinese Windows): save it as UTF-8"]


@pytest.mark.parametrize("text", ["title: Listen first \u2014 then repeat\n",
                                  "title: Größe café\nsummary: naïve\n"])
def test_windows_1252_is_not_called_gbk(text):
    # "Größe" happens to decode as GBK too: its high bytes come in a run of two, "é" alone.
    raw = text.encode("cp1252")
    at = raw.index(next(b for b in raw if b >= 0x80).to_bytes(1, "big"))
    assert decoding(raw, "w.yml") == [
        f"w.yml:1:{at + 1}: file is not valid UTF-8 (byte 0x{raw[at]:02x}) — "
        "it looks like a Western encoding such as Windows-1252: save it as UTF-8"]


def test_bytes_of_no_known_encoding_get_the_plain_hint():
    assert decoding(b"title: \x81\x81\x81\x20\x8d\n", "x.yml") == [
        "x.yml:1:8: file is not valid UTF-8 (byte 0x81) — save it as UTF-8"]


# A Chinese or Japanese keyboard types a full-width colon, or indents with an ideographic space;
# PyYAML notices only on the next line and names neither.
@pytest.mark.parametrize("text, message", [
    ("id: x\ntitle： 退款\nsummary: s\n",
     "lesson.yml:2:6: full-width colon '：' after 'title'"),
    ("id: x\nsummary： Listen first, then repeat\nbody: |\n  text\n",
     "lesson.yml:2:8: full-width colon '：' after 'summary'"),
    ("id: x\nreviewed_on： 2026-01-01\n",  # the last line: PyYAML blames the end of the file
     "lesson.yml:2:12: full-width colon '：' after 'reviewed_on'"),
    ("id: x\nbody：|\n  正文。\n  第二行。\nsummary: s\n",
     "lesson.yml:2:5: full-width colon '：' after 'body'"),
    ("questions:\n  - id: q1\n    type： single\n    text: hi\n",
     "lesson.yml:3:9: full-width colon '：' after 'type'"),
    ("questions:\n  - id: q1\n    options：\n      - a\n",
     "lesson.yml:3:12: full-width colon '：' after 'options'"),
])
def test_full_width_colon_is_named_on_its_own_line(text, message):
    assert messages(text) == [f"{message} — type an ASCII ':' followed by a space"]


@pytest.mark.parametrize("text, message", [
    ("id: x\nsources:\n  - title: a\n  \u3000url: b\n",
     "lesson.yml:4:3: the line is indented with an ideographic space (U+3000)"),
    ("id: x\nobjectives:\n  - a\n\u00a0\u00a0- b\nsummary: s\n",
     "lesson.yml:4:1: the line is indented with a no-break space (U+00A0)"),
])
def test_indentation_with_unusual_spaces_is_named(text, message):
    assert messages(text) == [f"{message} — indent with ordinary spaces"]


def test_full_width_colons_and_spaces_inside_text_are_fine():
    text = "text: 注意：先核对\nbody: |\n  \u3000\u3000第一段：先听完。\nnote: 提示：\n"
    assert parse(text, "x.yml").data == {
        "text": "注意：先核对", "body": "\u3000\u3000第一段：先听完。\n", "note": "提示："}


def test_a_full_width_colon_in_text_is_not_blamed_for_another_error():
    assert messages("text: 注意：先核对\nitems: [1, 2\n") == [
        "lesson.yml:3:1: YAML syntax error: did not find expected ',' or ']' — "
        "check the indentation and punctuation on this line and the one above"]


def test_utf16_is_refused():
    with pytest.raises(AuthorError) as caught:
        decode("a: 1".encode("utf-16"), "u16.yml")
    assert str(caught.value) == "u16.yml:1:1: file is UTF-16 encoded — save it as UTF-8 (without BOM)"


def test_utf8_bom_is_accepted_and_lines_stay_right():
    document = parse_bytes("\ufeffa: 1\nb: 2\n".encode("utf-8"), "bom.yml")
    assert document.data == {"a": 1, "b": 2}
    assert document.locator.values[("b",)] == (2, 4)


def test_oversized_file_is_refused_before_parsing():
    raw = b"a: " + b"x" * (MAX_FILE_BYTES + 1)
    started = time.perf_counter()
    with pytest.raises(AuthorError) as caught:
        parse_bytes(raw, "big.yml")
    assert str(caught.value) == ("big.yml:1:1: file is 1.0 MB, larger than the 1 MB limit for "
                                 "one course file — split it into several lessons or quizzes")
    assert time.perf_counter() - started < 0.5


def test_several_problems_are_reported_together():
    assert messages("a: 1\na: 2\nb: !!binary aGk=\n") == [
        "lesson.yml:2:1: duplicate key 'a' (first used on line 1) — "
        "remove one of them; YAML would silently keep the last",
        "lesson.yml:3:4: the tag !!binary is not allowed — "
        "remove it; course files hold only text, numbers, lists and mappings"]


@pytest.mark.parametrize("text, path", [
    ("a: |\n  one\n  two X\n", ("a",)),
    ("a: |-\r\n  one X\r\n", ("a",)),  # Windows line ends
    ("a: |\n\n\n  x X\n", ("a",)),  # blank lines first
    ("a: |2\n    code X\n  two\n", ("a",)),  # the text itself starts indented
    ("m:\n  a: |2\n      x\n     y X\n", ("m", "a")),
    ("l:\n  - |4-\n       deep X\n      next\n", ("l", 0)),
    ("a: |\n  \u3000\n    one X\n", ("a",)),  # a full-width space is text, not indentation
    ("l:\n  - t: |  # a comment\n      p\n      q X\n", ("l", 0, "t")),
])
def test_a_place_inside_a_literal_block_is_found_on_its_own_line(text, path):
    document = parse(text, "f.yml")
    value = document.data
    for part in path:
        value = value[part]
    lines = text.replace("\r", "").split("\n")
    expected = next((number, line.index("X") + 1) for number, line in enumerate(lines, 1)
                    if "X" in line)
    assert document.locator.within(path, value, value.index("X")) == expected


def test_only_literal_blocks_have_inner_positions():
    document = parse("a: >\n  one\n  two X\nb: plain X\n", "f.yml")
    assert document.locator.within(("a",), document.data["a"], 5) is None
    assert document.locator.within(("b",), document.data["b"], 6) is None
