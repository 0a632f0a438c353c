"""Shared by the export tests: the fixture course, exports made once per session, zip reading."""

from __future__ import annotations

import hashlib
import shutil
import zipfile
from pathlib import Path

from helpers import missing_tool, run_course

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "fixtures" / "course"
CONFIG = FIXTURE / "mkdocs.yml"
SLUG = "shop-basics"  # the last folder of the fixture's site_url
KINDS = ("offline.zip", "scorm12.zip", "handbook.html", "handbook.pdf")
# Feedback, explanations and outcomes of the fixture's assessment: they must appear nowhere.
ASSESSMENT_SECRETS = ("考核秘密反馈甲", "考核秘密反馈乙", "考核秘密反馈丙", "考核秘密解析甲",
                      "考核秘密解析乙", "考核秘密结局甲")

_EXPORTS: dict[tuple, dict[str, Path]] = {}


def need_chromium() -> None:
    if not shutil.which("chromium"):
        missing_tool("chromium is needed to print the handbook PDF")


def export(out: Path, *extra: str, env: dict | None = None) -> dict[str, Path]:
    """Run `course export` on the fixture course; {kind: path} of what it wrote."""
    need_chromium()
    result = run_course("export", "-f", str(CONFIG), "--out", str(out), *extra, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    files = {kind: out / f"{SLUG}-{kind}" for kind in KINDS}
    for path in files.values():
        assert path.is_file(), f"{path.name} not written:\n{result.stdout}{result.stderr}"
    files["stdout"] = result.stdout  # type: ignore[assignment]
    return files


def exported_once(tmp_path_factory, *extra: str) -> dict[str, Path]:
    """The fixture course exported once per test session (per set of options)."""
    if extra not in _EXPORTS:
        out = tmp_path_factory.mktemp("export" + "".join(extra).replace("-", "_"))
        _EXPORTS[extra] = export(out, *extra)
    return _EXPORTS[extra]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def unzip(archive: Path, target: Path) -> Path:
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(target)
    return target


def answer_practice_question(question) -> None:
    """Answer one question of the quiz widget with whatever comes first, and check it."""
    kind = question.get_attribute("data-type")
    if kind == "scenario":
        for _ in range(20):  # walk the conversation to an ending
            node = question.locator(".course-node:not([hidden])").last
            if "course-node--end" in (node.get_attribute("class") or ""):
                return
            node.locator("input[type=radio]").first.check()
            node.locator(".course-continue").click()
        raise AssertionError("the conversation never ended")
    if kind in ("single", "multiple", "true_false"):
        question.locator("input").first.check()
    question.locator(".course-check").click()
