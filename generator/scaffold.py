"""Starting files for `course new`: valid as written, with comments that teach the format."""

from __future__ import annotations

import datetime
import os
from importlib import resources
from pathlib import Path

LESSON = """\
# yaml-language-server: $schema={schema}
# A lesson. Every key is explained in AUTHORING.md; your editor completes keys from the schema.
id: {id}                      # must match the file name; lowercase letters, digits, hyphens
title: 新课程标题               # shown as the page title and in the navigation
order: {order}                       # position in the section: smaller numbers come first
description: 一句话说明这一课解决什么问题
minutes: 5                    # reading time
objectives:                   # what the learner can do afterwards: start with a verb
  - 说出……
  - 按步骤处理……
body: |
  正文用 Markdown 写。小标题从 `##` 开始，它们会成为可以链接的锚点。

  ## 第一个小标题

  引用规则里的数值时写 `{{{{policy.名称}}}}`（名称在 policies.yml 里定义），
  链接别的课写 `[文字](lesson:课的id#小标题)`。
key_points:
  - 最重要的一点
checklists:
  - title: 处理前先核对
    items:
      - 第一项
      - 第二项
do_dont:
  do:
    - 应该这样做
  dont:
    - 不要这样做
dialogues:
  - title: 一段示范对话
    situation: 买家在什么情况下来问
    lines:
      - buyer: 买家说的话
      - agent: 客服的回答
    takeaway: 这样回答好在哪里
mistakes:
  - mistake: 常见的错误做法
    why: 为什么不对
    instead: 正确做法
summary: 用两三句话总结这一课。
sources:
  - title: 《中华人民共和国消费者权益保护法》第二十五条
reviewed_on: {today}          # the day you checked the lesson against the current rules
"""

QUIZ = """\
# yaml-language-server: $schema={schema}
# A quiz. Question types: single, multiple, true_false, ordering, scenario (see AUTHORING.md).
id: {id}                      # must match the file name
title: 新测验
{section_line}
mode: practice                # practice: instant feedback · assessment: graded from answer files
pass_mark: 0.8                # share of the points needed to pass
shuffle: false                # true shuffles options per learner (recorded in the answer file)
questions:
  - id: first-question        # never reuse an id: answer files refer to it
    type: single
    prompt: 买家在签收后第 3 天申请七天无理由退货，商品完好。你怎么做？
    options:
      - id: approve
        text: 在后台同意退货申请，等退货到了验货后退款
        correct: true
        feedback: 对。法定 7 天之内、商品完好，应当同意。
      - id: refuse
        text: 拒绝，因为买家没有说理由
        feedback: 不对。无理由退货本来就不需要理由。
    explanation: 七天无理由退货从签收次日起算，买家不需要说明理由。
    # lesson: some-lesson#heading   # where this is taught; `course check` verifies it exists

  - id: second-question
    type: multiple
    scoring: partial           # or all_or_nothing
    penalty: 1                 # partial: each wrong pick cancels one right pick, never below 0
    prompt: 哪些证据值得保留？
    options:
      - id: video
        text: 退货拆包视频
        correct: true
      - id: chat
        text: 飞鸽聊天记录
        correct: true
      - id: memory
        text: 客服的记忆
"""

COURSE = """\
# yaml-language-server: $schema={schema}
title: 新课程
language: zh                  # zh or en: the language of the course and its interface
audience: 这门课适合谁学。
description: 一句话介绍。
sections:                     # in teaching order; each section's lessons live in content/<id>/
  - id: basics
    title: 基础
    description: 这一部分讲什么。
"""


MKDOCS = """\
# The site: MkDocs Material with the course plugin. Run `course build` or `course serve`.
site_name: 新课程
docs_dir: content             # lessons live here; images beside them are copied too
use_directory_urls: false     # site/index.html opens and navigates straight from disk
theme:
  name: material
  language: zh
  font: false                 # no web fonts: nothing loads from another host
  features:
    - navigation.footer       # previous / next at the foot of each page
    - navigation.indexes
    - navigation.sections
plugins:
  - search:
      lang: zh                # Chinese search (jieba splits sentences into words)
  - course:
      content_dir: content
      quiz_dir: quizzes
markdown_extensions:
  - toc:
      permalink: true
validation:
  links:
    anchors: warn
    absolute_links: warn
    unrecognized_links: warn
"""


SCHEMA_FOLDER = "schemas"  # a course's own copy of the schemas, beside its mkdocs.yml


def shipped_schemas() -> list[Path]:
    folder = resources.files("generator") / "schemas"
    return sorted(Path(str(item)) for item in folder.iterdir() if item.name.endswith(".json"))


def schema_reference(target: Path, name: str, root: Path | None = None) -> str:
    """Path from the new file to its schema, as the editor needs it: the course's own copy
    (`course new course` writes one, so the reference holds wherever the folder is moved or
    shared), else the one shipped in the package."""
    own = root / SCHEMA_FOLDER / f"{name}.schema.json" if root else None
    schema = own if own and own.is_file() else Path(
        str(resources.files("generator") / "schemas" / f"{name}.schema.json"))
    try:
        return Path(os.path.relpath(schema, target.parent)).as_posix()
    except ValueError:  # pragma: no cover - another drive on Windows
        return schema.as_uri()


def lesson_text(target: Path, lesson_id: str, order: int = 10,
                today: datetime.date | None = None, root: Path | None = None) -> str:
    return LESSON.format(schema=schema_reference(target, "lesson", root), id=lesson_id,
                         order=order, today=(today or datetime.date.today()).isoformat())


def quiz_text(target: Path, quiz_id: str, section: str | None, root: Path | None = None) -> str:
    section_line = (f"section: {section}               # the section it belongs to"
                    if section else "# section: rules             # the section it belongs to; "
                                    "leave out for a course-wide assessment")
    return QUIZ.format(schema=schema_reference(target, "quiz", root), id=quiz_id,
                       section_line=section_line)


def course_text(target: Path, root: Path | None = None) -> str:
    return COURSE.format(schema=schema_reference(target, "course", root))
