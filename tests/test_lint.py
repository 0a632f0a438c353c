"""The linter is part of the tests: `./dev test` and CI fail on a lint problem.

The rules and why each is chosen are in pyproject.toml ([tool.ruff]).
"""

from __future__ import annotations

import subprocess
import sys

from helpers import ROOT


def test_ruff_finds_nothing_to_complain_about():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", str(ROOT)],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
