"""The answers every persona test gives (``test_personas.py`` and ``test_safety_personas.py``), recorded by
running those tests with a ``run`` and a ``show`` that note them: for the tests that check something for
every persona besides what the persona tests check (``tests/unit/conftest.py`` keeps one recording a process).
"""

from __future__ import annotations

import contextlib
import inspect
import itertools
from collections.abc import Callable, Iterator
from typing import Any

from nutri_tui.content import Content
from nutri_tui.engine import assess
from nutri_tui.models.answers import Answers
from tests.outputs import outputs


def parameter_sets(test: Callable[..., Any]) -> Iterator[dict[str, Any]]:
    """Every combination of a test's ``pytest.mark.parametrize`` values (one empty set if it has none)."""
    choices: list[list[dict[str, Any]]] = []
    for mark in getattr(test, "pytestmark", []):
        if mark.name != "parametrize":
            continue
        names = [name.strip() for name in mark.args[0].split(",")] if isinstance(mark.args[0], str) else mark.args[0]
        options = []
        for value in mark.args[1]:
            values = value.values if hasattr(value, "values") else value
            options.append(dict(zip(names, values if len(names) > 1 else [values], strict=True)))
        choices.append(options)
    for combination in itertools.product(*choices):
        yield {k: v for part in combination for k, v in part.items()}


def persona_answers(content: Content) -> list[dict[str, Any]]:
    """The answers every persona test gives, recorded by running the tests with recording fixtures."""
    from tests.unit import test_personas, test_safety_personas

    recorded: list[dict[str, Any]] = []

    def run(**sections: Any) -> Any:
        recorded.append(sections)
        return assess(Answers.model_validate(sections, context={"content": content}), content)

    def show(**sections: Any) -> Any:
        recorded.append(sections)
        return outputs(sections, content)

    fixtures = {"run": run, "show": show, "content": content}
    for module in (test_personas, test_safety_personas):
        for name, test in vars(module).items():
            if not name.startswith("test_") or not inspect.isfunction(test):
                continue
            for params in parameter_sets(test):
                wanted = inspect.signature(test).parameters
                if any(p not in fixtures and p not in params for p in wanted):
                    continue
                with contextlib.suppress(Exception):  # only the answers matter here: the tests run as tests anyway
                    test(**{p: params[p] if p in params else fixtures[p] for p in wanted})
    return recorded
