"""The knowledge base: find, load and cross-check ``content/`` (this is the package's public face).

``loader`` reads and validates each file, ``cross_checks`` checks the references between them,
``knowledge_base`` is what the result holds; ``supplements`` reads supplement amounts as packs give
them, and ``choices`` builds the wizard's lists (medicines with their brand names) from the content.
"""

from nutri_tui.content.knowledge_base import CATALOGUES, Content, ContentError
from nutri_tui.content.loader import find_content_dir, load_content

__all__ = ["CATALOGUES", "Content", "ContentError", "find_content_dir", "load_content"]
