"""The README's "Layout" names every module of the package (a new module gets a line there)."""

from __future__ import annotations

from helpers import ROOT


def test_the_layout_names_every_module():
    readme = (ROOT / "README.md").read_text("utf-8")
    layout = readme[readme.index("## Layout"):]
    package = ROOT / "generator"
    missing = []
    for path in sorted(package.rglob("*.py")):
        if path.name == "__init__.py" and path.parent != package:
            name = path.parent.name + "/"  # a package: its folder
        elif path.name == "__init__.py":
            continue
        else:
            name = path.name
        if name not in layout:
            missing.append(str(path.relative_to(package)))
    assert missing == []
    for folder in ("assets/", "locales/", "templates/", "schemas/"):
        assert folder in layout
