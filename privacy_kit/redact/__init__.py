"""De-identified copies of exports and logs: mask, 仮名加工 (pseudonymise), 匿名加工 (anonymise).

The library behind ``privacy-kit redact`` (docs/redaction.md)::

    from privacy_kit.redact import RedactOptions, redact_file
    summary = redact_file("comments.csv", "comments.masked.csv", RedactOptions("mask"))

Names are imported on first use, so the CLI can list the modes without loading the scanner.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "MODES": "actions", "action": "actions",
    "RedactionSummary": "engine", "RedactOptions": "engine", "Replacer": "engine", "redact_file": "engine",
    "Pseudonymiser": "pseudonyms",
    "MaskStyles": "tags", "parse_mask_styles": "tags", "tag": "tags",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
