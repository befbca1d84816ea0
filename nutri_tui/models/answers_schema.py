"""The JSON Schema of the answers file (``nutri-tui schema``), each field described by its attribute docstring.

The docstrings are read here, when the schema is asked for, not when the classes are defined. Pydantic's
``use_attribute_docstrings`` finds and parses each class's source as the class is made: that was more than
half the time of importing :mod:`nutri_tui.models.answers` (about 16 ms of 29, measured), paid by every
command that reads answers, for a description only this command prints. The schema is the one pydantic
makes with that setting (``tests/unit/test_cli_assess_speed.py`` compares them).
"""

from __future__ import annotations

import ast
import inspect
from pathlib import Path
from types import ModuleType
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from nutri_tui.models import answers


def answers_json_schema() -> dict[str, Any]:
    """The JSON Schema of :class:`~nutri_tui.models.answers.Answers`, with every field's docstring."""
    docs = attribute_docs(answers)

    class Described(GenerateJsonSchema):
        def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
            json_schema = super().model_schema(schema)
            properties = json_schema.get("properties", {})
            for name, text in _docs_of(schema["cls"], docs).items():
                field = properties.get(name)
                if isinstance(field, dict) and "description" not in field:
                    field["description"] = text
                    self.handle_ref_overrides(field)  # as pydantic does: no description a $ref already gives
            return json_schema

    return answers.Answers.model_json_schema(schema_generator=Described)


def _docs_of(model: type[Any], docs: dict[str, dict[str, str]]) -> dict[str, str]:
    """The docstrings of ``model``'s fields: its own, or, for a field it inherits, its defining class's."""
    found: dict[str, str] = {}
    for cls in model.__mro__:
        if isinstance(cls, type) and issubclass(cls, BaseModel) and cls.__module__ == answers.__name__:
            for name, text in docs.get(cls.__name__, {}).items():
                found.setdefault(name, text)
    return found


def attribute_docs(module: ModuleType) -> dict[str, dict[str, str]]:
    """Each top-level class's attribute docstrings (a string straight after an annotated field), read as
    pydantic reads them: cleaned with ``inspect.cleandoc``, nested classes and functions left out."""
    tree = ast.parse(Path(module.__file__ or "").read_text(encoding="utf-8"))
    found: dict[str, dict[str, str]] = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        docs: dict[str, str] = {}
        target: str | None = None
        previous: type[ast.stmt] | None = None
        for statement in node.body:
            if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
                target = statement.target.id
            elif (
                previous is ast.AnnAssign
                and isinstance(statement, ast.Expr)
                and isinstance(statement.value, ast.Constant)
                and isinstance(statement.value.value, str)
            ):
                if target:
                    docs[target] = inspect.cleandoc(statement.value.value)
                target = None
            previous = type(statement)
        found[node.name] = docs
    return found
