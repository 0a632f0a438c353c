"""generator.checks.memo: what `course serve` keeps between check runs. With the memo, every run
finds exactly what a fresh run of the same files finds, whatever changed in between: the quiz,
another quiz, the thresholds, --strict, the policy values the item checks read."""

from __future__ import annotations

from coursefolder import TODAY, make_course
from generator.checks import check_course
from generator.checks.memo import CheckMemo
from generator.items.thresholds import ItemCheckRun, ItemChecks
from generator.loading import LoadCache, load_course

QUIZ = """\
id: {id}
title: 练习
section: rules
mode: assessment
questions:
  - id: q1
    type: single
    prompt: 签收后几天内可以无理由退货？
    lesson: refund-rules
    options:
      - id: a
        text: "{{{{policy.days}}}}"
        correct: true
      - id: b
        text: 三天内
      - id: c
        text: 一天内
"""

POLICIES = """\
policies:
  days:
    label: 无理由退货期限
    value: 签收后七天之内，商品完好可以申请
    as_of: 2026-11-20
    source:
      title: 消保法第二十五条
"""


def test_each_run_with_the_memo_finds_what_a_fresh_run_finds(here):
    make_course(here, quizzes={"one": QUIZ.format(id="one"), "two": QUIZ.format(id="two")},
                extra={"content/policies.yml": POLICIES})
    cache, memo = LoadCache(), CheckMemo()

    def both(run: ItemCheckRun) -> tuple[list[str], list[str]]:
        loaded = load_course(here / "content", here / "quizzes", cache)
        kept = check_course(loaded, TODAY, items=run, memo=memo)
        fresh = check_course(load_course(here / "content", here / "quizzes"), TODAY, items=run)
        return sorted(map(str, kept)), sorted(map(str, fresh))

    def found(run: ItemCheckRun | None = None) -> list[str]:
        kept, fresh = both(run or ItemCheckRun())
        assert kept == fresh
        return kept

    short = [f"quizzes/{quiz}.yml:{line}:9: warning: short-distractor: wrong option '{option}' "
             "is 3 characters against the correct option's 16 (less than 33% of it) — write it "
             "as a full answer an agent might really give, as detailed as the correct one"
             for quiz in ("one", "two") for line, option in ((14, "b"), (16, "c"))]
    assert found() == short
    assert found() == short  # a second run, everything kept
    # --strict: graded quizzes' findings become errors
    assert found(ItemCheckRun(strict=True)) == [line.replace("warning: ", "") for line in short]
    # thresholds that let short options be: nothing to say
    assert found(ItemCheckRun(ItemChecks(short_distractor_ratio=0.01))) == []
    # a policy value the key shows: its visible length changes, the findings go
    policies = here / "content/policies.yml"
    policies.write_text(POLICIES.replace("签收后七天之内，商品完好可以申请", "七天内"), "utf-8")
    assert found() == []
    # one quiz edited: an id that gives the answer away, found in that quiz only
    quiz = here / "quizzes/two.yml"
    quiz.write_text(QUIZ.format(id="two").replace("- id: a\n", "- id: right\n"), "utf-8")
    hinting = [line for line in found() if "hints at the answer" in line]
    assert [line.split(":")[0] for line in hinting] == ["quizzes/two.yml"]
    quiz.write_text(QUIZ.format(id="two"), "utf-8")
    assert [line for line in found() if "hints at the answer" in line] == []
    # a quiz removed: its findings go with it
    quiz.unlink()
    assert all(line.startswith("quizzes/one.yml") for line in found())
