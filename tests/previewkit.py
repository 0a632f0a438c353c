"""A course folder for preview tests (links of every kind between its files), and what a clean
full build of it writes, to hold a preview's rebuilds against."""

from __future__ import annotations

from pathlib import Path

from coursefolder import COURSE_YML, LESSON_YML, make_course

SERVE_URL = "http://127.0.0.1:8000/"

POLICIES_YML = """\
policies:
  no_reason_days:
    label: 七天无理由退货期限
    value: 7 天
    as_of: 2026-11-20
    source:
      title: 消保法第二十五条
  refund_days:
    label: 收到退货后退款期限
    value: 7 天内
    as_of: 2026-11-20
    source:
      title: 消保法第二十五条
"""

GLOSSARY_YML = """\
terms:
  - term: 仅退款
    aliases: [只退款]
    definition: 买家不退货、只要求退钱。
    see_also: [退货退款]
  - term: 退货退款
    definition: 买家退回商品后退钱。
"""

LINKING_LESSON = """\
id: {id}
title: {title}
order: {order}
description: 讲{title}。
minutes: 5
objectives:
  - 说出{title}的要点
body: |
  期限是 {{{{policy.no_reason_days}}}}，见[仅退款](glossary:只退款)和
  [规则](lesson:refund-rules#完好的标准)。

  ## 怎么做

  先看订单，再回复。退款 {{{{policy.refund_days}}}}。见[练习](quiz:rules-practice)。
summary: 小结。
sources:
  - title: 平台规则
reviewed_on: 2026-11-{day}
"""

FINAL_QUIZ = """\
id: final-check
title: 结业测验
mode: assessment
questions:
  - id: q1
    type: true_false
    prompt: 收到退货后 {{policy.refund_days}} 退款，对吗？
    lesson: talking#怎么做
    answer: true
  - id: q2
    type: single
    prompt: 签收第 3 天申请无理由退货，怎么办？
    lesson: refund-rules#完好的标准
    options:
      - id: approve
        text: 同意
        correct: true
      - id: refuse
        text: 拒绝
"""


def preview_course(root: Path) -> Path:
    """Two sections, three lessons, a practice quiz and an assessment, policies and a glossary,
    linked every way a course links: returns its mkdocs.yml."""
    config = make_course(root, course=COURSE_YML + "description: 一门测试课程。\n", lessons={
        "rules/refund-rules": LESSON_YML.format(id="refund-rules", title="退款规则", order=1),
        "rules/partial": LINKING_LESSON.format(id="partial", title="部分退款", order=2,
                                               day=18),
        "communication/talking": LINKING_LESSON.format(id="talking", title="和买家沟通",
                                                       order=1, day=19),
    }, quizzes=None, extra={"content/policies.yml": POLICIES_YML,
                            "content/glossary.yml": GLOSSARY_YML,
                            "quizzes/final-check.yml": FINAL_QUIZ})
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  font: false\n", "  font: false\n  features:\n"
                                   "    - navigation.footer\n    - navigation.indexes\n"
                                   "    - navigation.sections\n"), encoding="utf-8")
    return config


def full_build(config_file: Path, site_dir: Path) -> None:
    """A clean full build, as MkDocs' own serve makes it, with nothing kept from a preview."""
    from mkdocs.commands.build import build

    from generator.plugin import engine

    config = engine.load_config(config_file, site_dir=str(site_dir))
    config.site_url = SERVE_URL
    config.plugins["course"].preview = None
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url=SERVE_URL, dirty=False)


def site_files(site: Path) -> dict[str, bytes]:
    return {str(path.relative_to(site)): path.read_bytes()
            for path in sorted(site.rglob("*")) if path.is_file()}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
