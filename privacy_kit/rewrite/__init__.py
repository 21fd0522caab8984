"""Format-preserving rewriting of exports and logs: the same file, some records changed or gone.

Redaction (``privacy-kit redact``) and data-subject deletion both need to change a few values in
a user's file, or drop a few records, and leave everything else exactly as it was: the format,
the encoding (a Shift_JIS CSV stays Shift_JIS), the compression, the field order, and every
record the change does not touch, byte for byte. The contract is in docs/redaction.md.

    from privacy_kit.rewrite import DELETE, rewrite_file

    result = rewrite_file("members.csv", None, lambda row: DELETE if row.index == 3 else None,
                          in_place=True)
"""

from __future__ import annotations

from .model import DELETE, Change, RewriteResult, Row
from .session import Rewriter, Transform, read_rows, rewrite_file

__all__ = ["DELETE", "Change", "RewriteResult", "Rewriter", "Row", "Transform", "read_rows", "rewrite_file"]
