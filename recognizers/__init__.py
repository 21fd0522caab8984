"""A Presidio recognizer pack for Japanese (language ``ja``).

Usable in any ``AnalyzerEngine``::

    from presidio_analyzer import RecognizerRegistry
    import recognizers
    registry = RecognizerRegistry(supported_languages=["ja"])
    recognizers.add_to(registry)

or ready-made: ``recognizers.build_analyzer()``. Knows nothing of privacy_kit or the audit store.
"""

from __future__ import annotations

from typing import Any

from .entities import ENTITY_LABELS, ENTITY_TYPES, IDENTIFIER_TYPES
from .normalize import NormalizedText, normalize
from .registry import RecognizerSpec

__all__ = [
    "ENTITY_LABELS", "ENTITY_TYPES", "IDENTIFIER_TYPES", "NormalizedText", "RecognizerSpec",
    "add_to", "all_specs", "build_analyzer", "normalize",
]


def __getattr__(name: str) -> Any:
    # Presidio is imported only when an analyzer is actually wanted.
    if name in ("add_to", "build_analyzer"):
        from . import analyzer

        return getattr(analyzer, name)
    if name == "all_specs":
        from .catalog import all_specs

        return all_specs
    raise AttributeError(name)
