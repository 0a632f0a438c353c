"""generator.typography: full-width punctuation in Chinese prose, never in syntax."""

import pytest

from generator.typography import fullwidth, main


@pytest.mark.parametrize("before, after", [
    ("先退款,再沟通", "先退款，再沟通"),
    ("注意:七天", "注意：七天"),
    ("真的吗?好的!", "真的吗？好的！"),
    ("退款(原路退回)到账", "退款（原路退回）到账"),
    ('买家说"我要退货"', "买家说\u201c我要退货\u201d"),
    ("Hello, world: ok", "Hello, world: ok"),  # English stays as written
])
def test_prose_gets_full_width_punctuation(before, after):
    assert fullwidth(before) == after


@pytest.mark.parametrize("text", [
    "见[七天无理由](lesson:no-reason-returns#七天无理由)。",
    "见[规则](https://school.jinritemai.com/doudian/web/article/退款)。",
    "tags: [七天无理由, 运费险]",
    "  - [退货, 退款]",
    "用 `退款,退货` 搜索",
    "来源 https://example.com/退款,规则 里",
])
def test_syntax_keeps_its_ascii_marks(text):
    assert fullwidth(text) == text


def test_prose_around_syntax_is_still_fixed():
    assert fullwidth("先看[七天](lesson:a#七天),再退款") == "先看[七天](lesson:a#七天)，再退款"


def test_main_rewrites_only_files_that_change(tmp_path, capsys):
    changed, unchanged = tmp_path / "a.yml", tmp_path / "b.yml"
    changed.write_text("summary: 先退款,再沟通\n", encoding="utf-8")
    unchanged.write_text("summary: 先退款，再沟通\n", encoding="utf-8")
    assert main([str(changed), str(unchanged)]) == 0
    assert changed.read_text(encoding="utf-8") == "summary: 先退款，再沟通\n"
    assert capsys.readouterr().out == f"fixed {changed}\n"
