"""The interface strings: one file per language, each with exactly the reference language's keys
and, in every string, the same {placeholders}."""

from __future__ import annotations

import string
import subprocess
import sys
import time

import pytest

from generator.catalogue import REFERENCE, languages, question_type, strings
from helpers import ROOT


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_there_are_chinese_and_english_and_english_is_the_reference():
    assert languages() == ["en", "zh"] and REFERENCE == "en"


@pytest.mark.parametrize("language", [lang for lang in languages() if lang != REFERENCE])
def test_every_language_has_the_reference_keys_and_placeholders(language):
    reference, other = strings(REFERENCE), strings(language)
    assert list(other) == list(reference)  # the same namespaces, in the same order
    for namespace, table in reference.items():
        assert set(other[namespace]) == set(table), namespace
        for key, text in table.items():
            assert isinstance(other[namespace][key], str), (namespace, key)
            assert placeholders(other[namespace][key]) == placeholders(text), (namespace, key)


def test_every_value_is_text_never_a_yaml_number_or_boolean():
    for language in languages():
        for namespace, table in strings(language).items():
            assert all(isinstance(k, str) and isinstance(v, str) for k, v in table.items()), (
                language, namespace)


def test_a_language_without_a_file_gets_the_reference_language():
    assert strings("fr") is strings(REFERENCE)


def test_question_types_are_named_once_for_every_use():
    assert question_type("zh", "scenario") == "情景对话"
    assert question_type("en", "true_false") == "True or false"
    assert question_type("zh", "unknown") == "unknown"


def test_no_module_keeps_its_own_string_table():
    """The tables the catalogue replaced are gone (a new one would be a second home)."""
    import generator.render.quiz as quiz_page

    for name in ("TYPE_LABELS", "UI", "WIDGET_STRINGS", "PROGRESS_STRINGS"):
        assert not hasattr(quiz_page, name)
    for gone in ("generator.i18n", "generator.desk.strings"):
        found = subprocess.run([sys.executable, "-c", f"import {gone}"], cwd=ROOT,
                               capture_output=True, text=True)
        assert found.returncode != 0


def test_loading_a_catalogue_takes_a_few_milliseconds():
    """`course check` reads one catalogue: it must not slow the command down noticeably."""
    times = []
    for _ in range(5):
        strings.cache_clear()
        started = time.perf_counter()
        strings("zh")
        times.append(time.perf_counter() - started)
    assert min(times) < 0.1  # about 0.003 s with PyYAML's C loader; the check takes 0.1-0.3 s
