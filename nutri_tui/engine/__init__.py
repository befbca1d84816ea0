"""The pure assessment: ``assess(answers, content) -> Assessment``.

No Textual, no I/O, no clock: the same answers and content always give the
same result, so results can be tested, saved and compared.
"""

from nutri_tui.engine.assess import assess

__all__ = ["assess"]
