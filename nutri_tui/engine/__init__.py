"""The pure assessment: ``assess(answers, content) -> Assessment``.

No Textual, no I/O, no clock: the same answers and content always give the
same result, so results can be tested, saved and compared. What does not depend on
the person is prepared once per loaded Content (``index``), and result parts that
depend on a few answer values are built once and shared from bounded caches
(``pieces``); see docs/performance.md for what that gained.
"""

from nutri_tui.engine.assess import assess

__all__ = ["assess"]
