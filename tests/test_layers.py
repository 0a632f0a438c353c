"""The import graph keeps its promises: checks never import the page renderers, and only the
MkDocs glue imports MkDocs (README, "Layout")."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
# Modules that may import MkDocs: the glue between the course and the site engine.
MKDOCS_GLUE = {"cli", "project", "plugin.config", "plugin.engine", "plugin.plugin",
               "plugin.preview", "plugin.incremental", "export.mkdocs_site"}


def imports() -> dict[str, set[str]]:
    """Module (dotted, without 'generator.') → every module it imports, anywhere in it."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        package = parts[:-1] if parts[-1] != "__init__" else parts[:-1]
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package[:len(package) - node.level + 1]
                    module = ".".join(["generator", *base, *([node.module] if node.module else [])])
                else:
                    module = node.module or ""
                names |= {module} | {f"{module}.{alias.name}" for alias in node.names}
        found[".".join(parts) or "generator"] = names
    return found


def test_checks_do_not_import_the_page_renderers():
    found = imports()
    checks = {name: names for name, names in found.items() if name.startswith("checks")}
    assert len(checks) >= 5
    for name, names in checks.items():
        assert not [n for n in names if n.startswith("generator.render")], name


def test_only_the_glue_imports_mkdocs():
    found = imports()
    importers = {name for name, names in found.items()
                 if any(n == "mkdocs" or n.startswith(("mkdocs.", "material")) for n in names)}
    assert importers and importers <= MKDOCS_GLUE, importers - MKDOCS_GLUE
