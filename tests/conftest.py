"""Shared fixtures: the project's folders, a built copy of the bundled course, a browser."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socketserver
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI") == "true"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-quic"]

# Make sure the NO_MKDOCS_2 banner of Material 9.8 does not clutter test output.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def missing_tool(message: str):
    """Outside CI a missing browser skips the test; under CI=true it is a failure."""
    if IN_CI:
        pytest.fail(f"{message} (required under CI=true)")
    pytest.skip(message)


def run_course(*args: str, cwd: Path | None = None, check: bool = False,
               env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the `course` command as a user would, in a subprocess."""
    full_env = {**os.environ, **(env or {})}
    result = subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd or ROOT,
                            capture_output=True, text=True, env=full_env, timeout=600)
    if check and result.returncode != 0:
        raise AssertionError(f"course {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


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


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve_directory(directory: Path):
    """Serve a folder on 127.0.0.1 in a thread; returns (base_url, stop)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return f"http://127.0.0.1:{server.server_address[1]}", lambda: (server.shutdown(),
                                                                   server.server_close())


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
