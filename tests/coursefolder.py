"""Build small course folders in a temporary directory, as an author would lay them out."""

from __future__ import annotations

import datetime
import textwrap
from pathlib import Path

import pytest

from generator.catalogue import use_course
from generator.checks import checked
from generator.errors import AuthorError
from generator.loading import load_course

TODAY = datetime.date(2026, 11, 26)  # the day the checks take as today (review dates)

MKDOCS_YML = """\
site_name: 测试课程
docs_dir: content
use_directory_urls: false
theme:
  name: material
  language: zh
  font: false
plugins:
  - search:
      lang: zh
  - course:
      content_dir: content
      quiz_dir: quizzes
validation:
  links:
    anchors: warn
    absolute_links: warn
    unrecognized_links: warn
"""

COURSE_YML = """\
title: 测试课程
language: zh
audience: 新客服
sections:
  - id: rules
    title: 平台规则
  - id: communication
    title: 沟通
"""

LESSON_YML = """\
id: {id}
title: {title}
order: {order}
objectives:
  - 说出退款规则
body: |
  正文第一段。

  ## 完好的标准

  打开包装检查不影响完好。
summary: 小结。
sources:
  - title: 《消费者权益保护法》第二十五条
reviewed_on: 2026-11-20
"""

QUIZ_YML = """\
id: {id}
title: 练习
section: rules
questions:
  - id: q1
    type: single
    prompt: 买家签收第 3 天申请无理由退货，商品完好，怎么办？
    lesson: refund-rules#完好的标准
    options:
      - id: approve
        text: 同意
        correct: true
      - id: refuse
        text: 拒绝
"""


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def make_course(root: Path, *, lessons: dict[str, str] | None = None,
                quizzes: dict[str, str] | None = None, course: str = COURSE_YML,
                extra: dict[str, str] | None = None) -> Path:
    """Write a course folder; returns the path of its mkdocs.yml.

    `lessons` maps 'section/id' to YAML text; by default one valid lesson and one quiz.
    """
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    content = root / "content"
    content.mkdir(exist_ok=True)
    (content / "course.yml").write_text(course, encoding="utf-8")
    if lessons is None:
        lessons = {"rules/refund-rules": LESSON_YML.format(id="refund-rules", title="退款规则",
                                                           order=1)}
    for name, text in lessons.items():
        path = content / f"{name}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "quizzes").mkdir(exist_ok=True)
    if quizzes is None:
        quizzes = {"rules-practice": QUIZ_YML.format(id="rules-practice")}
    for name, text in quizzes.items():
        (root / "quizzes" / f"{name}.yml").write_text(text, encoding="utf-8")
    for name, text in (extra or {}).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "mkdocs.yml"


def lesson(ident="refund-rules", title="退款规则", order=1, extra=""):
    """A valid lesson's YAML, with `extra` keys appended."""
    return LESSON_YML.format(id=ident, title=title, order=order) + extra


def load_checked(root: Path, **kwargs):
    """The course folder at root, loaded and checked as `course check` does (its own interface
    strings, locales/, first: resolving its mkdocs.yml does that for the command)."""
    use_course(root)
    return checked(load_course(root / "content", root / "quizzes"), today=TODAY, **kwargs)


def problems(root: Path, **kwargs) -> list[str]:
    """Every problem `course check` reports for the folder, as printed."""
    with pytest.raises(AuthorError) as caught:
        load_checked(root, **kwargs)
    return [str(p) for p in caught.value.problems]
