"""Small read-only records without ``dataclasses``: what every command's start-up path uses.

Importing ``dataclasses`` (with ``inspect``, ``dis``, ``ast`` and ``copy``) and generating each class's methods was
about a fifth of the start-up every command shares (42 M of 215 M instructions, callgrind). This module imports
nothing, so every layer may use it (``profiles`` sits below ``models``).
"""

from __future__ import annotations

from typing import Any


class Frozen:
    """A few read-only fields, as ``@dataclass(frozen=True, slots=True)`` gives them, written once by hand.

    Importing ``dataclasses`` (with ``inspect``, ``dis``, ``ast`` and ``copy``) and generating each class's methods
    was about a fifth of the start-up every command shares (42 M of 215 M instructions), and the classes on that
    path are only these and the list entries. The same behaviour: ``__slots__`` are the fields in order (also
    ``__match_args__``); equal when the other is of the very same class and the fields' tuples are equal; the hash
    of that tuple; ``Name(field=value, ...)`` as repr; any assignment or deletion an :class:`AttributeError`; copied
    and pickled field by field (a subclass sets its fields with ``object.__setattr__`` in its own ``__init__``)."""

    __slots__: tuple[str, ...] = ()

    def _fields(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._fields() == other._fields()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{self.__class__.__qualname__}({shown})"

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}")

    def __reduce__(self) -> tuple[Any, ...]:
        return self.__class__, self._fields()
