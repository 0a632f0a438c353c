"""generator.project.read_config: mkdocs.yml read with MkDocs' loader, its mistakes explained
the way the lesson files' are (one `mkdocs.yml:line:column: … — …` line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from coursefolder import MKDOCS_YML
from generator.errors import AuthorError
from generator.project import read_config


def problems(path) -> list[str]:
    with pytest.raises(AuthorError) as caught:
        read_config(path)
    return [str(p) for p in caught.value.problems]


@pytest.fixture
def config(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path / "mkdocs.yml"


def test_tab_in_mkdocs_yml_is_one_line_with_its_place(config):
    config.write_text(MKDOCS_YML.replace("  name: material", "\tname: material"),
                      encoding="utf-8")
    assert problems(Path("mkdocs.yml")) == [
        "mkdocs.yml:5:1: YAML syntax error: a tab character is used for indentation — "
        "indent with spaces only (YAML does not allow tabs)"]


def test_gbk_mkdocs_yml_says_where_and_how_to_fix(config):
    config.write_bytes(MKDOCS_YML.encode("gbk"))
    assert problems(Path("mkdocs.yml")) == [
        "mkdocs.yml:1:12: file is not valid UTF-8 (byte 0xb2) — "
        "it looks like GBK (Chinese Windows): save it as UTF-8"]


def test_full_width_colon_in_mkdocs_yml_is_named(config):
    config.write_text(MKDOCS_YML.replace("use_directory_urls:", "use_directory_urls："),
                      encoding="utf-8")
    assert problems(Path("mkdocs.yml")) == [
        "mkdocs.yml:3:19: full-width colon '：' after 'use_directory_urls' — type an ASCII ':' "
        "followed by a space"]


def test_a_broken_inherited_file_is_named(config):
    (config.parent / "base.yml").write_text("theme:\n\tname: material\n", encoding="utf-8")
    config.write_text("INHERIT: base.yml\nsite_name: x\n", encoding="utf-8")
    assert problems(Path("mkdocs.yml")) == [
        "base.yml:2:1: YAML syntax error: a tab character is used for indentation — "
        "indent with spaces only (YAML does not allow tabs)"]


def test_other_mkdocs_errors_stay_one_line(config):
    config.write_text("INHERIT: missing.yml\nsite_name: x\n", encoding="utf-8")
    [message] = problems(Path("mkdocs.yml"))
    assert message.startswith("mkdocs.yml: cannot read config: Inherited config file "
                              "'missing.yml' does not exist at ")
    assert "\n" not in message


def test_mkdocs_tags_still_read(config, monkeypatch):
    monkeypatch.setenv("COURSE_SITE", "环境课程")
    config.write_text("site_name: !ENV [COURSE_SITE, x]\nmarkdown_extensions:\n"
                      "  - pymdownx.emoji:\n"
                      "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
                      encoding="utf-8")
    assert read_config(config)["site_name"] == "环境课程"
