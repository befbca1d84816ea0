"""nutri-tui: an offline, keyboard-driven guide to nutrient gaps and back pain.

Educational only; it does not diagnose and is not medical advice.
"""

__version__ = "0.1.0"
