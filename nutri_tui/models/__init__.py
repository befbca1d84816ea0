"""Pydantic models: content (the knowledge base), answers and results."""
