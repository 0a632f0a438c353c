"""JSON Schemas for course files, generated from the models and shipped in `generator/schemas/`."""

from __future__ import annotations

import json
from importlib import resources

from .models.answers import AnswerFile
from .models.course import Course, Lesson
from .models.quiz import Quiz
from .models.reference import Glossary, PolicyFile

MODELS = {
    "course": Course,
    "lesson": Lesson,
    "quiz": Quiz,
    "policies": PolicyFile,
    "glossary": Glossary,
    "answers": AnswerFile,
}


def generate() -> dict[str, str]:
    """Schema file name -> text, exactly as shipped."""
    out = {}
    for name, model in MODELS.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"{name}.schema.json"
        out[f"{name}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    return out


def shipped() -> dict[str, str]:
    folder = resources.files("generator") / "schemas"
    return {entry.name: entry.read_text("utf-8") for entry in folder.iterdir()
            if entry.name.endswith(".schema.json")}


def write(folder) -> list[str]:
    """Regenerate the shipped schemas; returns the names of files that changed."""
    from pathlib import Path

    changed = []
    for name, text in generate().items():
        path = Path(folder) / name
        if not path.exists() or path.read_text("utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(name)
    return changed


if __name__ == "__main__":  # python -m generator.schema: after changing a model
    from pathlib import Path

    for name in write(Path(__file__).parent / "schemas"):
        print(f"updated generator/schemas/{name}")
