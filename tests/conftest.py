"""Fixtures shared by every test module: built copies of the bundled course, a browser.

Helpers that tests call directly (run_course, serve_directory, ...) are in helpers.py: test
modules import from there, never from this file.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers import CHROMIUM, CHROMIUM_ARGS, missing_tool, run_course, serve_directory

# Make sure the NO_MKDOCS_2 banner of Material 9.8 does not clutter test output.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture(autouse=True)
def package_catalogues_only():
    """A test that loads a course folder makes its locales/ the first place interface strings
    come from (as a command does, once per process): the next test starts without it."""
    yield
    from generator.catalogue import use_course

    use_course(None)


@pytest.fixture
def here(tmp_path, monkeypatch):
    """An empty folder to work in: messages name files relative to where the author works."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The bundled course built once per test session (practice mode)."""
    out = tmp_path_factory.mktemp("site") / "site"
    run_course("build", "-d", str(out), check=True)
    return out


@pytest.fixture(scope="session")
def built_assessment_site(tmp_path_factory) -> Path:
    """The bundled course built with --assessment: no answer key anywhere."""
    out = tmp_path_factory.mktemp("assessment") / "site"
    run_course("build", "--assessment", "-d", str(out), check=True)
    return out


@pytest.fixture(scope="session")
def site_server(built_site):
    base, stop = serve_directory(built_site)
    yield base
    stop()


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing_tool("playwright is not installed")
    if not os.path.exists(CHROMIUM):
        missing_tool(f"chromium not found at {CHROMIUM}")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def page(browser):
    """One browser page for a whole test module, in a context (storage) of its own."""
    context = browser.new_context()
    yield context.new_page()
    context.close()
