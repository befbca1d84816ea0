"""The benchmarks' reference apps stay what they claim to be."""

from benchmarks.bare_app import KnowledgeBaseApp
from nutri_tui.tui.app import WARM_UP_DELAY


def test_the_knowledge_base_reference_loads_it_when_the_app_does() -> None:
    """Its memory is read 1.5 s after the first paint, as nutri-tui's is: both must have loaded by then."""
    assert KnowledgeBaseApp.WARM_UP_DELAY == WARM_UP_DELAY
