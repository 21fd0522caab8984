"""What a rewrite hands to its caller (``Row``), what the caller answers (a ``Change``), and what
it reports (``RewriteResult``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from privacy_kit.readers import ReadProblem, Record

FieldKey = str | None | int


@dataclass(frozen=True, slots=True)
class Row:
    """One record of the file being rewritten.

    ``index`` numbers records as the readers do (so a scan finding's ``record`` names it).
    ``fields`` are every value the record has, in file order: all cells of a CSV row, every
    scalar of a JSON record by dotted path (numbers, booleans and null too), the parts of an
    access-log line, the line of a text file (name ``None``), every column of a Parquet row.
    ``record`` is exactly what ``read_path`` yields for it (the non-empty string fields to scan,
    honouring ``text_fields``).
    """

    index: int
    fields: tuple[tuple[str | None, Any], ...]
    record: Record

    def position(self, key: FieldKey) -> int:
        """The position in ``fields`` of a field given by position or by (unique) name."""
        if isinstance(key, int):
            if not 0 <= key < len(self.fields):
                raise KeyError(f"record {self.index} has no field at position {key}")
            return key
        found = [i for i, (name, _) in enumerate(self.fields) if name == key]
        if not found:
            raise KeyError(f"record {self.index} has no field {key!r}")
        if len(found) > 1:
            raise KeyError(f"record {self.index} has {len(found)} fields named {key!r}; give a position")
        return found[0]


class _Delete:
    """The answer that deletes a record."""

    _instance: _Delete | None = None

    def __new__(cls) -> _Delete:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "DELETE"


#: Return this from a transform to delete the record.
DELETE: Final = _Delete()

#: What a transform returns for a row: ``None`` (or an empty mapping) keeps it as it is,
#: ``DELETE`` removes it, a mapping of field (name or position) to new value changes those fields.
Change = None | _Delete | Mapping[FieldKey, Any]


@dataclass
class RewriteResult:
    """Counts of a rewrite. Records that could not be parsed are kept as they are and listed in
    ``problems``; they are not given to the transform and are not in ``records``."""

    source: str
    target: str
    fmt: str = ""
    encoding: str = ""
    compression: str | None = None
    byte_exact: bool = True
    records: int = 0
    changed: int = 0
    deleted: int = 0
    unchanged: int = 0
    changed_fields: Counter[str] = field(default_factory=Counter)
    problems: list[ReadProblem] = field(default_factory=list)
    dropped_unreadable: int = 0  # unreadable records left out (only when asked: keep_unreadable=False)

    @property
    def unparsed(self) -> int:
        """Records kept as they are because they could not be read (one per problem with a record)."""
        return sum(1 for p in self.problems if p.record is not None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "target": self.target,
            "format": self.fmt,
            "encoding": self.encoding,
            "compression": self.compression,
            "byte_exact": self.byte_exact,
            "records": self.records,
            "changed": self.changed,
            "deleted": self.deleted,
            "unchanged": self.unchanged,
            "changed_fields": dict(sorted(self.changed_fields.items())),
            "dropped_unreadable": self.dropped_unreadable,
            "problems": [{"source": p.source, "record": p.record, "reason": p.reason} for p in self.problems],
        }
