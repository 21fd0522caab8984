"""Free-text fields as the store keeps them: stripped, and NULL rather than an empty string, so
that "not given" is one value in queries and reports."""

from __future__ import annotations

__all__ = ["blank_to_none"]


def blank_to_none(text: str | None) -> str | None:
    """The text stripped of surrounding whitespace, or None when nothing is left."""
    text = (text or "").strip()
    return text or None
