"""Reusable widgets for the wizard and the result."""
