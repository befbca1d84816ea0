"""The checked knowledge base as JSON and back, value for value: what the content cache keeps.

A loaded :class:`Content` is a tree of frozen pydantic models (about 1,400 of them), tuples, dicts with
string keys, strings, numbers, booleans, None and dates. :func:`encode` writes it as JSON: a model is an
object whose ``"$"`` names its class, then its fields in declaration order, then ``"$unset"`` listing the
fields the TOML left to their defaults (pydantic's ``model_fields_set``, kept so that the copy equals the
original in every respect); a tuple is an array; a date is ``{"$date": "2026-01-31"}``.

:func:`decode` assumes nothing about the text but its JSON syntax. It makes only the knowledge base's own
model classes (those reachable from :class:`Content`'s fields), each with exactly its fields in order, and
every value must have a type its field's annotation allows: a tuple's items, a dict's keys and values and a
``Literal``'s values included. Anything else raises :class:`SnapshotRefused`. Models are made without
validation, through ``__new__`` and pydantic's own ``__setstate__`` (as unpickling makes them), which is the
point: what the cache holds was validated and cross-checked before it was written (``cache`` says when it
is trusted). No pickle: unpickling can run any code the file names, and this format cannot.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import types
import typing
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from nutri_tui.content.knowledge_base import Content

NoneType = type(None)
SCALARS = (str, int, float, bool, NoneType, dt.date)
TAG, UNSET, DATE = "$", "$unset", "$date"
ROOT = "root"
"""The one field of :class:`Content` that is not kept: the folder is the caller's, not the file's."""


class SnapshotRefused(Exception):
    """Text that is not a snapshot of a knowledge base, or a value this format cannot keep exactly."""


class Kind:
    """What a value may be: one of ``free`` types (a tuple's items or a dict's values of ``item``, a dict's
    keys of ``key``), or one of ``literals``, kept as ``(type, value)`` so that ``True`` is not ``1``."""

    __slots__ = ("free", "item", "key", "literals")

    def __init__(self, free: frozenset[type], literals: frozenset[tuple[type, Any]] = frozenset()) -> None:
        self.free, self.literals = free, literals
        self.item: Kind | None = None
        self.key: Kind | None = None

    def check(self, value: Any) -> None:
        kind = type(value)
        if kind in self.free:
            if kind is tuple:
                item = self.item
                for each in value:
                    item.check(each)  # type: ignore[union-attr]
            elif kind is dict:
                key, item = self.key, self.item
                for name, each in value.items():
                    key.check(name)  # type: ignore[union-attr]
                    item.check(each)  # type: ignore[union-attr]
            return
        if (kind, value) not in self.literals:
            raise SnapshotRefused(f"a {kind.__name__} where the knowledge base has none")


class _Spec:
    __slots__ = ("fields", "model", "names", "plan")

    def __init__(self, model: type[BaseModel]) -> None:
        self.model = model
        self.names: tuple[str, ...] = ()
        self.fields: frozenset[str] = frozenset()
        self.plan: tuple[tuple[str, frozenset[type], Kind], ...] = ()
        """Each field, the types it may hold that need no further look, and its kind."""


class Shapes:
    """The kinds of every field of every model reachable from :class:`Content`, worked out once per process
    from the annotations; a type this format cannot keep raises :class:`SnapshotRefused` (no cache then)."""

    def __init__(self) -> None:
        self.specs: dict[str, _Spec] = {}
        hints = typing.get_type_hints(Content)
        names = [field.name for field in dataclasses.fields(Content) if field.name != ROOT]
        self.top = tuple((name, self._kind(hints[name])) for name in names)

    def _model(self, model: type[BaseModel]) -> None:
        name = model.__name__
        known = self.specs.get(name)
        if known is not None:
            if known.model is not model:
                raise SnapshotRefused(f"two models called {name}")
            return
        if model.__pydantic_root_model__ or model.__private_attributes__ or model.__pydantic_post_init__:
            raise SnapshotRefused(f"{name} needs more than its fields to be made")
        spec = self.specs[name] = _Spec(model)  # before its fields: a model may hold its own kind (When)
        fields = model.model_fields
        spec.names = tuple(fields)
        spec.fields = frozenset(fields)
        kinds = [(field, self._kind(info.annotation)) for field, info in fields.items()]
        spec.plan = tuple((field, kind.free - {tuple, dict}, kind) for field, kind in kinds)

    def _kind(self, annotation: Any) -> Kind:
        origin, args = get_origin(annotation), get_args(annotation)
        if origin is Annotated:
            return self._kind(args[0])
        if origin is Literal:
            return Kind(frozenset(), frozenset((type(value), value) for value in args))
        if origin is Union or origin is types.UnionType:
            parts = [self._kind(arg) for arg in args]
            containers = [part for part in parts if part.item is not None]
            if len(containers) > 1:
                raise SnapshotRefused(f"cannot keep {annotation!r}")
            kind = Kind(frozenset().union(*(p.free for p in parts)), frozenset().union(*(p.literals for p in parts)))
            if containers:
                kind.item, kind.key = containers[0].item, containers[0].key
            return kind
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
            kind = Kind(frozenset({tuple}))
            kind.item = self._kind(args[0])
            return kind
        if origin is dict:
            kind = Kind(frozenset({dict}))
            kind.key, kind.item = self._kind(args[0]), self._kind(args[1])
            if kind.key.free - {str} or any(t is not str for t, _ in kind.key.literals):
                raise SnapshotRefused(f"cannot keep {annotation!r}: JSON keys are strings")
            return kind
        if annotation is None:
            annotation = NoneType
        if annotation in SCALARS:
            return Kind(frozenset({annotation}))
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            self._model(annotation)
            return Kind(frozenset({annotation}))
        raise SnapshotRefused(f"cannot keep {annotation!r}")

    def make(self, data: dict[str, Any]) -> Any:
        """``json.loads``'s ``object_hook``: each JSON object, its contents already made, as a model, a
        date or (without a tag) a dict, whose keys and values the field holding it checks."""
        tag = data.pop(TAG, None)
        if tag is None:
            if DATE in data:
                text = data[DATE]
                if len(data) != 1 or type(text) is not str:
                    raise SnapshotRefused("a date is one string")
                return dt.date.fromisoformat(text)
            return data
        spec = self.specs.get(tag) if type(tag) is str else None
        if spec is None:
            raise SnapshotRefused(f"not a model of the knowledge base: {tag!r}")
        unset = data.pop(UNSET, None)
        if tuple(data) != spec.names:
            raise SnapshotRefused(f"{tag}: not its fields")
        for name, scalars, kind in spec.plan:  # kind.check, inlined for the scalars most fields hold
            value = data[name]
            of = type(value)
            if of is list:
                value = data[name] = tuple(value)
                of = tuple
            if of not in scalars:
                kind.check(value)
        given = set(spec.names)
        if unset is not None:
            if type(unset) is not list or not unset or not spec.fields.issuperset(unset):
                raise SnapshotRefused(f"{tag}: not its fields")
            given.difference_update(unset)
        model = spec.model.__new__(spec.model)
        model.__setstate__(
            {
                "__dict__": data,
                "__pydantic_fields_set__": given,
                "__pydantic_extra__": None,
                "__pydantic_private__": None,
            }
        )
        return model


_shapes: Shapes | None = None


def shapes() -> Shapes:
    global _shapes
    if _shapes is None:
        _shapes = Shapes()
    return _shapes


def decode(text: bytes, root: Any) -> Content:
    """The :class:`Content` a snapshot holds, at ``root``; :class:`SnapshotRefused` if it is not exactly one."""
    known = shapes()
    try:
        data = json.loads(text, object_hook=known.make)
    except SnapshotRefused:
        raise
    except (ValueError, TypeError, RecursionError) as error:  # not JSON, not UTF-8, a bad date, unhashable
        raise SnapshotRefused(f"not a snapshot ({type(error).__name__})") from None
    if type(data) is not dict or tuple(data) != tuple(name for name, _ in known.top):
        raise SnapshotRefused("not the fields of a knowledge base")
    for name, kind in known.top:
        kind.check(data[name])
    return Content(root=root, **data)


def encode(content: Content) -> bytes:
    """``content`` as a snapshot; :class:`SnapshotRefused` unless :func:`decode` gives back exactly ``content``
    (the same values of the same types, the same fields set): only such a snapshot is ever written."""
    text = _dumps(content)
    if decode(text, content.root) != content or _dumps(decode(text, content.root)) != text:
        raise SnapshotRefused("the snapshot does not give back the same knowledge base")
    return text


def _dumps(content: Content) -> bytes:
    data = {name: _plain(getattr(content, name)) for name, _ in shapes().top}
    try:
        return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()
    except ValueError as error:  # NaN or infinity: not JSON
        raise SnapshotRefused(str(error)) from None


def _plain(value: Any) -> Any:
    kind = type(value)
    if kind in (str, int, float, bool, NoneType):
        return value
    if kind is tuple:
        return [_plain(item) for item in value]
    if kind is dict:
        return {name: _plain(item) for name, item in value.items()}
    if kind is dt.date:
        return {DATE: value.isoformat()}
    if isinstance(value, BaseModel):
        if value.__pydantic_extra__ or value.__pydantic_private__:
            raise SnapshotRefused(f"{kind.__name__} holds more than its fields")
        fields = type(value).model_fields
        data: dict[str, Any] = {TAG: kind.__name__}
        data.update((name, _plain(value.__dict__[name])) for name in fields)
        unset = [name for name in fields if name not in value.model_fields_set]
        if unset:
            data[UNSET] = unset
        return data
    raise SnapshotRefused(f"cannot keep a {kind.__name__}")
