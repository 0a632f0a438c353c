"""Helpers shared by the test modules: the project's folders, the `course` command, a static
file server and what to do when a browser is missing. Fixtures live in conftest.py."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import socketserver
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI") == "true"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-quic"]


def assert_golden(name: str, text: str) -> None:
    """Compare with tests/golden/<name>; UPDATE_GOLDEN=1 rewrites the file (review the diff)."""
    path = ROOT / "tests" / "golden" / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


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


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now (for a server a test starts)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve_directory(directory: Path):
    """Serve a folder on 127.0.0.1 in a thread; returns (base_url, stop)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return f"http://127.0.0.1:{server.server_address[1]}", lambda: (server.shutdown(),
                                                                   server.server_close())


@contextmanager
def served_at_its_site_url(folder: Path, served: Path):
    """The course in `folder` built into `served`/site and served on 127.0.0.1, with its
    mkdocs.yml's site_url set to that address first: Material's instant navigation only runs
    when site_url matches where the site is served. Yields the site's URL (no slash at the end)."""
    served.mkdir()
    base, stop = serve_directory(served)
    try:
        config = folder / "mkdocs.yml"
        config.write_text(f"site_url: {base}/site/\n" + config.read_text(encoding="utf-8"),
                          encoding="utf-8")
        run_course("build", "-f", str(config), "-d", str(served / "site"), check=True)
        yield f"{base}/site"
    finally:
        stop()
