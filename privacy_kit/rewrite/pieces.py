"""The pieces a file is cut into for rewriting: records, and everything between them.

Concatenating the ``raw`` bytes of every piece, in order, gives back the (decompressed) input
exactly; a rewrite writes the same sequence with some records changed or left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from privacy_kit.readers import ReadProblem

from .edits import Editor
from .model import Change, Row


@dataclass(slots=True)
class Gap:
    """Bytes between records (a header row, blank lines, array brackets): written as they are.

    ``separator`` marks the comma between two JSON array items, which goes with a deleted item
    so that the array stays valid JSON."""

    raw: bytes
    separator: bool = False


@dataclass(slots=True)
class Broken:
    """A record that could not be read: written as it is, and reported."""

    raw: bytes
    problem: ReadProblem


@dataclass(slots=True)
class Note:
    """A problem with the file that has no bytes of its own (an array never closed…)."""

    problem: ReadProblem


@dataclass(slots=True)
class Item:
    """A record of a text format, with its text and the bytes it was decoded from."""

    row: Row
    text: str
    raw: bytes
    editor: Editor
    change: Change = None
    decided: bool = False


@dataclass(slots=True)
class TableRow:
    """A row of a columnar (Parquet) file: values, not bytes."""

    row: Row
    values: dict[str, Any] = field(default_factory=dict)
    change: Change = None
    decided: bool = False


Piece = Gap | Broken | Note | Item | TableRow
