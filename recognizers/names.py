"""Placeholder: filled in by the recognizer work (see recognizers/catalog.py)."""

from __future__ import annotations

from .registry import RecognizerSpec

SPECS: tuple[RecognizerSpec, ...] = ()
