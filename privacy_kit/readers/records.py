"""What readers yield: records with named text fields, and problems that did not stop the read."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Record:
    """One record of a source: ``index`` is 0-based within the source (a line, a row, an item).

    ``fields`` maps a field name (dotted for nested JSON: ``user.name``; ``None`` for plain-text
    lines) to the text to scan. Offsets of findings index these strings exactly.
    """

    source: str
    index: int
    fields: tuple[tuple[str | None, str], ...]


@dataclass(frozen=True, slots=True)
class ReadProblem:
    """Something that could not be read; the read goes on. Never holds the record's content."""

    source: str
    record: int | None
    reason: str
