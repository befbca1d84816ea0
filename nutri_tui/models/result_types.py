"""How the parts of a result are declared, and the cited note several of them share.

Kept apart from :mod:`nutri_tui.models.assessment` so that parts defined in other modules (a questionnaire's
score, :mod:`nutri_tui.models.instrument_scores`) are declared the same way without an import circle. The
module docstring of ``assessment`` says why these are slotted dataclasses rather than pydantic models.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar, dataclass_transform

from nutri_tui.models.bounds import Many

# pydantic reads this from a stdlib dataclass; a plain dict keeps pydantic out of this module's imports.
_FORBID_EXTRA: dict[str, Any] = {"extra": "forbid"}


T = TypeVar("T")


# Keyword-only lets fields with defaults sit between required ones, so the declarations (and the
# serialised key order) stay as they were when these were pydantic models.
@dataclass_transform(frozen_default=True, kw_only_default=True)
def result_part(cls: type[T]) -> type[T]:
    """A frozen, slotted, keyword-only dataclass that pydantic validates with unknown keys forbidden."""
    cls.__pydantic_config__ = _FORBID_EXTRA  # type: ignore[attr-defined]
    return dataclass(frozen=True, slots=True, kw_only=True)(cls)


@dataclass_transform(kw_only_default=True)
def result_whole(cls: type[T]) -> type[T]:
    """As :func:`result_part`, but not frozen (see ``assessment``'s docstring); hashed by value all the same."""
    cls.__pydantic_config__ = _FORBID_EXTRA  # type: ignore[attr-defined]
    return dataclass(slots=True, kw_only=True, unsafe_hash=True)(cls)


@result_part
class InfoNote:
    """A cited fact shown with the finding, food or result it belongs to."""

    text: str
    sources: Many[str]
    unverified: bool = False
