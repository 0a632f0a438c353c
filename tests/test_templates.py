"""Standalone pages from templates: one layout, the catalogue's language, automatic escaping."""

from __future__ import annotations

import ast
from pathlib import Path

from markupsafe import Markup

from generator.templates import FONTS, LINES, ONE_LINE, environment, render

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
PAGES = ["certificate.html", "certificates-index.html", "codesheet.html", "handbook.html",
         "report.html", "scorm-launch.html"]


def test_every_page_extends_the_one_base_layout():
    for name in PAGES:
        source = (PACKAGE / "templates" / name).read_text("utf-8")
        assert '{% extends "base.html" %}' in source, name
        assert "<head>" not in source and "<html" not in source, name


def test_a_value_is_escaped_as_the_pages_always_were_and_our_html_is_not():
    template = environment().from_string("<p title=\"{{ text }}\">{{ text }}{{ ours }}</p>")
    assert template.render(text="<a href='x'>\"&\"</a>", ours=Markup("<b>ok</b>")) == (
        "<p title=\"&lt;a href=&#x27;x&#x27;&gt;&quot;&amp;&quot;&lt;/a&gt;\">"
        "&lt;a href=&#x27;x&#x27;&gt;&quot;&amp;&quot;&lt;/a&gt;<b>ok</b></p>")


def test_text_a_learner_typed_shows_its_control_characters_then_is_escaped():
    """`visible`: a newline, ESC or a bidi override in a name is shown, never obeyed."""
    template = environment().from_string("<p>{{ name | visible }}</p>")
    assert template.render(name="<b>王\u202e</b>\n\x1b[31m") == (
        "<p>&lt;b&gt;王\\u202e&lt;/b&gt;\\n\\x1b[31m</p>")


def test_the_two_ways_of_writing_the_layout(tmp_path):
    one_line = render("certificates-index.html", language="zh", layout=ONE_LINE, t={
        "no_certificates": "还没有"}, title="标题", records=[], file_name=str)
    assert one_line == (
        '<!doctype html>\n<html lang="zh"><head><meta charset="utf-8"><meta name="viewport" '
        'content="width=device-width, initial-scale=1"><title>标题</title><style>body { font: '
        f'16px/1.7 {FONTS["sans"]}; max-width: 760px; margin: 2rem auto; padding: 0 1rem; }}'
        '</style></head><body><h1>标题</h1><p>还没有</p></body></html>\n')
    lines = render("scorm-launch.html", language="en", layout=LINES, title="T", favicon=None,
                   script="s.js")
    assert lines.splitlines()[:6] == [
        "<!doctype html>", '<html lang="en" data-scorm-launch>', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width,initial-scale=1">', "<title>T</title>"]


def test_no_page_module_escapes_by_hand():
    """The modules that write standalone pages leave escaping to the templates."""
    for module in ("desk/report.py", "desk/certificates.py", "desk/charts.py",
                   "desk/codesheet.py", "export/handbook.py", "export/scorm.py"):
        tree = ast.parse((PACKAGE / module).read_text("utf-8"))
        calls = {node.func.attr for node in ast.walk(tree)
                 if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)}
        names = {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
        assert "escape" not in calls and "_e" not in names, module
