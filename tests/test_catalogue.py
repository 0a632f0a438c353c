"""The interface strings: one file per language, each with exactly the reference language's keys
and, in every string, the same {placeholders}."""

from __future__ import annotations

import string
import subprocess
import sys
import time

import pytest

from generator.catalogue import FOLDER, REFERENCE, _strings, languages, question_type, strings
from generator.plurals import counted, english
from helpers import ROOT

CLDR_CATEGORIES = {"zero", "one", "two", "few", "many", "other"}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def forms(entry) -> list[str]:
    """A string's forms: itself, or each of its plural forms."""
    return [entry] if isinstance(entry, str) else list(entry.values())


def test_there_are_chinese_and_english_and_english_is_the_reference():
    assert languages() == ["en", "zh"] and REFERENCE == "en"


@pytest.mark.parametrize("language", [lang for lang in languages() if lang != REFERENCE])
def test_every_language_has_the_reference_keys_and_placeholders(language):
    reference, other = strings(REFERENCE), strings(language)
    assert list(other) == list(reference)  # the same namespaces, in the same order
    for namespace, table in reference.items():
        assert set(other[namespace]) == set(table), namespace
        for key, entry in table.items():
            expected = placeholders(forms(entry)[-1])
            for text in forms(other[namespace][key]):
                assert placeholders(text) == expected, (namespace, key)


def test_every_value_is_text_or_plural_forms_never_a_yaml_number_or_boolean():
    for language in languages():
        for namespace, table in strings(language).items():
            for key, entry in table.items():
                assert isinstance(key, str), (language, namespace, key)
                if isinstance(entry, str):
                    continue
                # Plural forms: CLDR's categories, `other` always, each form counting its {n}.
                assert isinstance(entry, dict) and "other" in entry, (language, namespace, key)
                assert set(entry) <= CLDR_CATEGORIES, (language, namespace, key)
                assert all(isinstance(text, str) and "n" in placeholders(text)
                           for text in entry.values()), (language, namespace, key)


def test_counts_take_the_form_their_language_asks_for():
    site = "site"
    assert counted(strings("en")[site]["lesson_count"], "en", 1) == "1 lesson"
    assert counted(strings("en")[site]["lesson_count"], "en", 0) == "0 lessons"
    assert counted(strings("en")[site]["questions_count"], "en", 2) == "2 questions"
    assert counted(strings("zh")[site]["lesson_count"], "zh", 1) == "1 课"
    # Languages with more forms take theirs (CLDR, as the browser's Intl.PluralRules does).
    russian = {"one": "{n} урок", "few": "{n} урока", "many": "{n} уроков", "other": "{n} урока"}
    assert [counted(russian, "ru", n) for n in (1, 3, 5, 21)] == [
        "1 урок", "3 урока", "5 уроков", "21 урок"]
    # A language CLDR does not know gets the English rule.
    assert counted({"one": "{n} x", "other": "{n} xs"}, "qq", 1) == "1 x"
    assert english(1, "lesson") == "1 lesson"
    assert english(3, "quiz", "quizzes") == "3 quizzes"


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
    for gone in ("generator.i18n", "generator.desk.strings", "generator.desk.strings_integrity"):
        found = subprocess.run([sys.executable, "-c", f"import {gone}"], cwd=ROOT,
                               capture_output=True, text=True)
        assert found.returncode != 0


def test_loading_a_catalogue_takes_a_few_milliseconds():
    """`course check` reads one catalogue: it must not slow the command down noticeably."""
    times = []
    for _ in range(5):
        _strings.cache_clear()
        started = time.perf_counter()
        strings("zh")
        times.append(time.perf_counter() - started)
    assert min(times) < 0.1  # about 0.003 s with PyYAML's C loader; the check takes 0.1-0.3 s


@pytest.mark.parametrize("path", sorted(FOLDER.glob("*.yml")), ids=lambda p: p.name)
def test_the_shipped_catalogues_pass_the_check_a_courses_own_gets(path):
    # `course check` checks only a course's own catalogue (locales/ beside mkdocs.yml); the
    # package's are checked here, once, instead of on every run.
    from generator.catalogue_check import catalogue_problems

    assert catalogue_problems(path) == []
