"""Registered data sets: log sources and exports, what they are for, and how long they may be kept.

A data set ties a location (a path or glob) to purposes of use, a retention period and a
third-party rule. Scans of files inside a data set record which entity types were found there, so
the store can flag a data set that holds personal data its purposes do not cover (Art 18: no
handling beyond the purposes) or that is kept past its retention period (Art 22: erase data no
longer needed), and refuse a provision that breaks the data set's promise (e.g. the imaging
society's log terms: activity logs "will not be provided to third parties").
"""

from __future__ import annotations

import fnmatch
import glob
import os
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from audit import digests
from audit.errors import DuplicateRecordError, RecordNotFoundError, ValidationError
from audit.results import first_row, required_row
from audit.store import Store, utc_now
from audit.vocab import FORMATS, LEGAL_PATHS

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_RETENTION = re.compile(r"^\s*(\d+)\s*([dwmy]?)\s*$", re.IGNORECASE)
_UNIT_DAYS = {"": 1, "d": 1, "w": 7, "m": 30, "y": 365}


_COLUMNS = (
    "dataset_id",
    "location",
    "format",
    "owner",
    "purposes",
    "retention_days",
    "third_party",
    "allowed_paths",
    "description",
    "created_at",
    "created_by",
)


@dataclass(frozen=True, slots=True)
class Dataset:
    dataset_id: str
    location: str
    format: str
    owner: str
    purposes: tuple[str, ...]
    retention_days: int
    third_party: str  # allowed | never
    allowed_paths: tuple[str, ...] | None
    description: str | None
    created_at: datetime
    created_by: str

    @property
    def never_provided(self) -> bool:
        return self.third_party == "never"

    def covers(self, path: str) -> bool:
        """Whether a scanned file belongs to this data set (glob match on absolute paths)."""
        if "://" in self.location:
            return path == self.location or fnmatch.fnmatchcase(path, self.location)
        resolved = os.path.abspath(os.path.expanduser(path))
        return resolved == self.location or fnmatch.fnmatchcase(resolved, self.location)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["purposes"] = list(self.purposes)
        out["allowed_paths"] = list(self.allowed_paths) if self.allowed_paths is not None else None
        out["created_at"] = self.created_at.isoformat()
        return out


def parse_retention(text: str | int) -> int:
    """Days from ``90``, ``90d``, ``12w``, ``6m`` (30-day months) or ``3y`` (365-day years)."""
    if isinstance(text, int):
        days = text
    else:
        match = _RETENTION.fullmatch(text)
        if not match:
            raise ValidationError(
                f"retention period {text!r} is not understood", hint="write e.g. 90d, 12w, 6m or 3y"
            )
        days = int(match.group(1)) * _UNIT_DAYS[match.group(2).lower()]
    if days <= 0:
        raise ValidationError("the retention period must be at least one day")
    return days


def normalise_location(location: str) -> str:
    """Absolute path or glob (so scans from any folder match it); URIs are kept as given."""
    location = location.strip()
    if not location:
        raise ValidationError("a data set needs a location (path or glob)")
    if "://" in location:
        return location
    return os.path.abspath(os.path.expanduser(location))


def _row(row: Sequence[Any]) -> Dataset:
    data = dict(zip(_COLUMNS, row, strict=False))
    data["purposes"] = tuple(data["purposes"] or ())
    data["allowed_paths"] = tuple(data["allowed_paths"]) if data["allowed_paths"] is not None else None
    return Dataset(**data)


def get_dataset(store: Store, dataset_id: str) -> Dataset:
    row = required_row(
        store.con,
        f"SELECT {', '.join(_COLUMNS)} FROM datasets WHERE dataset_id = ?",
        [dataset_id],
        missing=f"no data set {dataset_id!r}",
        hint="see `privacy-kit dataset list`",
    )
    return _row(row)


def list_datasets(store: Store) -> list[Dataset]:
    rows = store.con.execute(f"SELECT {', '.join(_COLUMNS)} FROM datasets ORDER BY dataset_id").fetchall()
    return [_row(r) for r in rows]


def add_dataset(
    store: Store,
    dataset_id: str,
    *,
    location: str,
    format: str,
    owner: str,
    purposes: Sequence[str],
    retention: str | int,
    third_party: bool = True,
    allowed_paths: Sequence[str] | None = None,
    description: str | None = None,
) -> Dataset:
    """Register a data set; every purpose must already be registered."""
    if not _ID.fullmatch(dataset_id):
        raise ValidationError(f"data set id {dataset_id!r} must be letters, digits, '.', '_' or '-' (max 64)")
    fmt = format.strip().lower()
    if fmt not in FORMATS:
        raise ValidationError(f"format {format!r} is not one of {', '.join(FORMATS)}")
    if not owner.strip():
        raise ValidationError("a data set needs an owner (the person or team responsible)")
    purpose_ids = tuple(dict.fromkeys(p.strip() for p in purposes if p.strip()))
    if not purpose_ids:
        raise ValidationError(
            "a data set needs at least one purpose of use (--purpose)",
            hint="personal data may be handled only for specified purposes (Art 17, 18)",
        )
    paths: tuple[str, ...] | None = None
    if allowed_paths:
        paths = tuple(dict.fromkeys(allowed_paths))
        unknown = [p for p in paths if p not in LEGAL_PATHS]
        if unknown:
            raise ValidationError(f"unknown legal path(s) {', '.join(unknown)}; use {', '.join(LEGAL_PATHS)}")
        if not third_party:
            raise ValidationError("--allowed-path makes no sense for a data set that is never provided")
    ds = Dataset(
        dataset_id,
        normalise_location(location),
        fmt,
        owner.strip(),
        purpose_ids,
        parse_retention(retention),
        "allowed" if third_party else "never",
        paths,
        description,
        utc_now(),
        store.actor,
    )
    with store.transaction():
        if first_row(
            store.con.execute("SELECT 1 FROM datasets WHERE dataset_id = ?", [dataset_id]).fetchall()
        ):
            raise DuplicateRecordError(f"data set {dataset_id!r} already exists")
        known = {
            r[0]
            for r in store.con.execute(
                "SELECT DISTINCT purpose_id FROM purpose_versions "
                "WHERE purpose_id IN (SELECT unnest(?::VARCHAR[]))",
                [list(purpose_ids)],
            ).fetchall()
        }
        missing = [p for p in purpose_ids if p not in known]
        if missing:
            raise RecordNotFoundError(
                f"unknown purpose(s) {', '.join(missing)}",
                hint="register them first with `privacy-kit purpose add`",
            )
        store.con.execute(
            f"INSERT INTO datasets ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})",
            [
                ds.dataset_id,
                ds.location,
                ds.format,
                ds.owner,
                list(ds.purposes),
                ds.retention_days,
                ds.third_party,
                list(paths) if paths is not None else None,
                ds.description,
                ds.created_at,
                ds.created_by,
            ],
        )
        store.append_event(
            "dataset.added",
            {"dataset_id": dataset_id, "record": digests.entry(store, "datasets", [dataset_id])},
        )
    return ds


def purpose_covers(categories: Sequence[str], entity_type: str) -> bool:
    """A purpose's data categories cover an entity type exactly or by glob (``JP_*``, ``*``)."""
    return any(fnmatch.fnmatchcase(entity_type, cat) for cat in categories)


@dataclass
class DatasetStatus:
    """What the store knows about a data set now, and what is wrong with it."""

    dataset: Dataset
    last_run: str | None = None
    last_scan_at: datetime | None = None
    found_types: dict[str, int] = field(default_factory=dict)
    uncovered_types: list[str] = field(default_factory=list)
    unpublished_purposes: list[str] = field(default_factory=list)
    files: int = 0
    files_past_retention: int = 0
    oldest_file: datetime | None = None

    @property
    def flags(self) -> list[str]:
        out: list[str] = []
        if self.uncovered_types:
            out.append(f"holds {', '.join(self.uncovered_types)}, which its purposes do not cover (Art 18)")
        if self.files_past_retention:
            out.append(
                f"{self.files_past_retention} of {self.files} file(s) kept past the "
                f"{self.dataset.retention_days}-day retention period (Art 22)"
            )
        if self.unpublished_purposes:
            out.append(f"purpose(s) {', '.join(self.unpublished_purposes)} not published (Art 21)")
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset.to_dict(),
            "last_run": self.last_run,
            "last_scan_at": self.last_scan_at.isoformat() if self.last_scan_at else None,
            "found_types": self.found_types,
            "uncovered_types": self.uncovered_types,
            "unpublished_purposes": self.unpublished_purposes,
            "files": self.files,
            "files_past_retention": self.files_past_retention,
            "oldest_file": self.oldest_file.isoformat() if self.oldest_file else None,
            "flags": self.flags,
        }


def dataset_files(location: str) -> list[Path]:
    """The files a data set's location names now (a path or glob; none for a URI), sorted."""
    if "://" in location:
        return []
    return sorted(Path(p) for p in glob.glob(location, recursive=True) if os.path.isfile(p))


def dataset_status(store: Store, dataset_id: str, *, now: datetime | None = None) -> DatasetStatus:
    """Flags for one data set: uncovered entity types (latest completed scan), files past retention."""
    from audit.purposes import current

    ds = get_dataset(store, dataset_id)
    status = DatasetStatus(ds)
    now = now or datetime.now(UTC).replace(tzinfo=None)
    categories: list[str] = []
    for pid in ds.purposes:
        pv = current(store, pid)
        categories.extend(pv.categories)
        if not pv.published:
            status.unpublished_purposes.append(pid)
    row = first_row(
        store.con.execute(
            "SELECT r.run_id, r.started_at FROM scan_runs r WHERE r.status = 'completed' AND EXISTS "
            "(SELECT 1 FROM scan_inputs i WHERE i.run_id = r.run_id AND i.dataset_id = ?) "
            "ORDER BY r.started_at DESC LIMIT 1",
            [dataset_id],
        ).fetchall()
    )
    if row is not None:
        status.last_run, status.last_scan_at = row[0], row[1]
        status.found_types = {
            t: int(n)
            for t, n in store.con.execute(
                "SELECT entity_type, count(*) FROM findings WHERE run_id = ? AND dataset_id = ? "
                "GROUP BY entity_type ORDER BY entity_type",
                [row[0], dataset_id],
            ).fetchall()
        }
        status.uncovered_types = [t for t in status.found_types if not purpose_covers(categories, t)]
    limit = now - timedelta(days=ds.retention_days)
    for path in dataset_files(ds.location):
        status.files += 1
        mtime = datetime.fromtimestamp(path.stat().st_mtime, UTC).replace(tzinfo=None)
        if status.oldest_file is None or mtime < status.oldest_file:
            status.oldest_file = mtime
        if mtime < limit:
            status.files_past_retention += 1
    return status


def statuses(store: Store, *, now: datetime | None = None) -> list[DatasetStatus]:
    return [dataset_status(store, ds.dataset_id, now=now) for ds in list_datasets(store)]
