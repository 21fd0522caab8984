"""Hiragana ⇄ katakana, the one conversion the name rules, the request search and the
moderation skeleton all need (the two blocks are 0x60 code points apart)."""

from __future__ import annotations

__all__ = ["to_hiragana", "to_katakana"]

_TO_KATAKANA = {c: c + 0x60 for c in range(ord("ぁ"), ord("ゖ") + 1)}
_TO_HIRAGANA = {c: c - 0x60 for c in range(ord("ァ"), ord("ヶ") + 1)}


def to_katakana(text: str) -> str:
    """Hiragana to katakana (everything else unchanged)."""
    return text.translate(_TO_KATAKANA)


def to_hiragana(text: str) -> str:
    """Katakana to hiragana (ー, ヷ–ヺ and everything else unchanged)."""
    return text.translate(_TO_HIRAGANA)
