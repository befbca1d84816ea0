"""Sets of cited source ids as integer bit masks.

Every finding cites the union of its pieces' sources, and the assessment lists the union of
all of them. Each piece's sources are turned into a mask once, when the piece is built, so a
union per profile is a few ``|`` operations instead of set updates. A finding's sorted ids are
looked up by mask (a nutrient's findings cite few distinct unions); the assessment's list, a
union that differs for almost every profile, is put together sixteen bits of the mask at a time.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterable
from functools import lru_cache

from nutri_tui.models.assessment import SourceRef

_BIG_ENDIAN = sys.byteorder == "big"
"""The mask's 16-bit parts are read as native unsigned shorts from its little-endian bytes."""
UNIONS_MAX = 4096
"""Distinct finding unions kept: one per combination of pieces seen, which has no useful bound."""


class SourceMasks:
    """Bit ``i`` is the i-th source of sources.toml; ids it does not list get later bits as they are met."""

    def __init__(self, refs: dict[str, SourceRef]) -> None:
        self._ids = list(refs)
        self._bits = {source_id: 1 << i for i, source_id in enumerate(self._ids)}
        self.sorted_ids = lru_cache(maxsize=UNIONS_MAX)(self._sorted_ids)
        """The ids in a mask, sorted (as a finding cites them)."""
        listed = tuple(refs.values())
        self._listed = (1 << len(listed)) - 1
        self._sixteens = tuple(listed[start : start + 16] for start in range(0, len(listed), 16))
        self._listed_bytes = 2 * len(self._sixteens)
        # _by_part[i][v]: the sources whose bits are set in value v of the mask's i-th 16 bits, in order; each made
        # when first met (making every value up front was most of a first assessment's time). Sixteen bits at a
        # time: half the steps of a byte at a time, and a result's masks meet few values of each part.
        self._by_part: tuple[dict[int, tuple[SourceRef, ...]], ...] = tuple({} for _ in self._sixteens)

    def of(self, source_ids: Iterable[str]) -> int:
        mask = 0
        for source_id in source_ids:
            bit = self._bits.get(source_id)
            if bit is None:  # content checked on loading cites only listed sources; a hand-built one may not
                bit = self._bits[source_id] = 1 << len(self._ids)
                self._ids.append(source_id)
            mask |= bit
        return mask

    def _ids_in(self, mask: int) -> list[str]:
        return [source_id for i, source_id in enumerate(self._ids) if mask >> i & 1]

    def _sorted_ids(self, mask: int) -> tuple[str, ...]:
        return tuple(sorted(self._ids_in(mask)))

    def refs(self, mask: int) -> tuple[SourceRef, ...]:
        """The sources in a mask in sources.toml order, leaving out ids it does not list (as a result lists them)."""
        found: list[SourceRef] = []
        parts = array("H", (mask & self._listed).to_bytes(self._listed_bytes, "little"))
        if _BIG_ENDIAN:
            parts.byteswap()
        for table, sixteen, part in zip(self._by_part, self._sixteens, parts, strict=True):
            if part:
                refs = table.get(part)
                if refs is None:
                    refs = table[part] = tuple(ref for bit, ref in enumerate(sixteen) if part >> bit & 1)
                found += refs
        return tuple(found)
