"""One risk analysis of one input: load it, find its quasi-identifiers, measure, look for routines.

:func:`assess_risk` is what ``privacy-kit risk`` calls; :class:`RiskReport` holds raw values,
and :class:`Presenter` decides what of them may be shown: values of quasi classes are masked,
subject ids replaced by a keyed short hash (a key drawn for this report and never stored, so the
same subject has the same label throughout one report and cannot be looked up later), and
places keep their text except where a recognizer finds personal data in it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from privacy_kit.errors import InputError
from privacy_kit.findings import mask
from privacy_kit.readers import ReadProblem

from .columns import (
    IDENTIFIER,
    SCAN_SAMPLE,
    ColumnRole,
    infer_roles,
    pattern_detector,
    quasi_columns,
    scan_column_entities,
    timestamp_columns,
)
from .kanon import DEFAULT_K, KAnonymityReport, class_sizes, k_anonymity
from .loading import DEFAULT_MEMORY_LIMIT, connect, load_records
from .routines import RoutineOptions, RoutineReport, find_routines
from .sql import check_columns, fetch_rows, ident

#: Smallest equivalence classes listed in a report.
SMALLEST_CLASSES = 10


@dataclass(frozen=True)
class RiskOptions:
    """What to measure. ``quasi=None`` infers the quasi-identifiers; routines need all of
    ``subject``, ``time`` and ``place``."""

    quasi: Sequence[str] | None = None
    k: int = DEFAULT_K
    subject: str | None = None
    time: str | None = None
    place: str | None = None
    fmt: str | None = None
    encoding: str | None = None
    routine: RoutineOptions = field(default_factory=RoutineOptions)
    scan_sample: int = SCAN_SAMPLE
    smallest_classes: int = SMALLEST_CLASSES
    memory_limit: str = DEFAULT_MEMORY_LIMIT

    def __post_init__(self) -> None:
        given = [n for n in ("subject", "time", "place") if getattr(self, n)]
        if given and len(given) < 3:
            missing = [f"--{n}" for n in ("subject", "time", "place") if not getattr(self, n)]
            raise InputError(f"routines need --subject, --time and --place; missing {', '.join(missing)}")
        if self.k < 1:
            raise InputError(f"--k must be at least 1, not {self.k}")


@dataclass(frozen=True)
class ColumnProfile:
    column: str
    values: int
    distinct: int
    #: values that occur in one record only (Rule 34 item 4 looks at unusual descriptions)
    singletons: int

    def to_dict(self) -> dict[str, Any]:
        return {"column": self.column, "values": self.values, "distinct": self.distinct,
                "singletons": self.singletons}


@dataclass
class RiskReport:
    source: str
    fmt: str | None
    encoding: str | None
    route: str
    records: int
    problems: list[ReadProblem]
    profiles: list[ColumnProfile]
    roles: list[ColumnRole]
    quasi: tuple[str, ...]
    quasi_inferred: bool
    kanon: KAnonymityReport | None
    #: per quasi column: share of records below k if that column were left out
    without: dict[str, float]
    smallest: list[tuple[tuple[Any, ...], int]]
    routines: RoutineReport | None
    timings: dict[str, float]

    @property
    def identifiers(self) -> list[ColumnRole]:
        return [r for r in self.roles if r.role == IDENTIFIER]

    def attention(self) -> dict[str, int]:
        """What ``--fail-on`` compares: records in classes below k, subjects with a routine."""
        return {"records_below_k": self.kanon.records_below_k if self.kanon else 0,
                "routine_subjects": len(self.routines.routine_subjects) if self.routines else 0}

    def to_dict(self, presenter: Presenter) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "input": {"source": self.source, "format": self.fmt, "encoding": self.encoding, "read_by": self.route,
                      "records": self.records,
                      "skipped": [{"record": p.record, "reason": p.reason} for p in self.problems]},
            "columns": [p.to_dict() for p in self.profiles],
            "roles": [r.to_dict() for r in self.roles],
            "quasi": {"columns": list(self.quasi), "inferred": self.quasi_inferred},
            "k_anonymity": self.kanon.to_dict() if self.kanon else None,
            "share_below_k_without": {c: round(v, 6) for c, v in self.without.items()},
            "smallest_classes": [
                {"values": dict(zip(self.quasi, presenter.values(v), strict=True)), "size": size}
                for v, size in self.smallest],
            "direct_identifiers": [r.column for r in self.identifiers],
            "attention": self.attention(),
            "timings_seconds": {k: round(v, 3) for k, v in self.timings.items()},
        }
        if self.routines is not None:
            r = self.routines
            doc["routines"] = {
                "thresholds": r.options.to_dict(),
                "subjects": r.subjects, "events": r.events, "skipped_events": r.skipped_events,
                "unparsed_times": r.unparsed_times,
                "routine_subjects": [presenter.subject(s) for s in r.routine_subjects],
                "routines": [x.to_dict(subject=presenter.subject(x.subject), place=presenter.place(x.place))
                             for x in r.routines],
            }
        return doc


class Presenter:
    """What of a report's values may be shown: everything with ``show_values``; otherwise masked
    quasi values, keyed short hashes for subjects, places with detected personal data masked."""

    def __init__(self, *, show_values: bool = False, key: bytes | None = None) -> None:
        self.show_values = show_values
        self._key = key or secrets.token_bytes(32)
        self._places: dict[str, str] = {}
        self._detector: Any = None

    def subject(self, value: str) -> str:
        if self.show_values:
            return value
        digest = hmac.new(self._key, value.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()
        return f"s:{digest[:10]}"

    def values(self, values: Sequence[Any]) -> list[str | None]:
        return [None if v is None else (str(v) if self.show_values else mask(str(v))) for v in values]

    def place(self, value: str) -> str:
        if self.show_values:
            return value
        if value not in self._places:
            if self._detector is None:
                self._detector = pattern_detector()
            found = self._detector.analyze(value)
            out, last = [], 0
            for det in found:
                out += [value[last:det.start], mask(value[det.start:det.end])]
                last = det.end
            self._places[value] = "".join(out) + value[last:]
        return self._places[value]


def _profiles(con: Any, table: str, columns: Sequence[str]) -> list[ColumnProfile]:
    out = []
    for c in columns:
        rel = con.sql(f"SELECT coalesce(sum(n), 0), count(*), count(*) FILTER (WHERE n = 1) FROM "
                      f"(SELECT count(*) AS n FROM {ident(table)} WHERE {ident(c)} IS NOT NULL GROUP BY {ident(c)})")
        values, distinct, singletons = fetch_rows(rel, "cannot profile the columns")[0]
        out.append(ColumnProfile(c, int(values), int(distinct), int(singletons)))
    return out


def assess_risk(path: Path, options: RiskOptions | None = None, *,
                on_progress: Callable[[str], None] | None = None) -> RiskReport:
    """Measure the re-identification risk of one structured input (see docs/risk.md)."""
    options = options or RiskOptions()
    timings: dict[str, float] = {}
    started = time.perf_counter()

    def step(name: str) -> None:
        nonlocal started
        now = time.perf_counter()
        timings[name] = now - started
        started = now
        if on_progress:
            on_progress(name)

    con = connect(memory_limit=options.memory_limit)
    loaded = load_records(Path(path), con, fmt=options.fmt, encoding=options.encoding,
                          on_progress=(lambda n: on_progress(f"loaded {n:,} records")) if on_progress else None)
    step("load")
    columns = loaded.columns
    check_columns(columns, list(options.quasi or []), what="--quasi")
    for flag in ("subject", "time", "place"):
        if getattr(options, flag):
            check_columns(columns, [getattr(options, flag)], what=f"--{flag}")
    fixed = {c: "subject" for c in [options.subject] if c}
    scanned: dict[str, tuple[str, float]] = {}
    if options.quasi is None:
        stamps = set(timestamp_columns(con, loaded.table, columns))
        candidates = [c for c in columns if c not in fixed and c not in stamps]
        scanned = scan_column_entities(con, loaded.table, Path(path), fmt=loaded.spec.fmt if loaded.spec else None,
                                       encoding=loaded.spec.encoding if loaded.spec else None,
                                       columns=candidates, sample=options.scan_sample)
    roles = infer_roles(con, loaded.table, columns, scanned=scanned, fixed=fixed)
    quasi = tuple(options.quasi) if options.quasi is not None else tuple(quasi_columns(roles))
    step("columns")
    profiles = _profiles(con, loaded.table, columns)
    step("profile")
    kanon = None
    without: dict[str, float] = {}
    smallest: list[tuple[tuple[Any, ...], int]] = []
    if quasi:
        kanon = k_anonymity(con, quasi, options.k, table=loaded.table)
        if len(quasi) > 1:
            without = {q: k_anonymity(con, [x for x in quasi if x != q], options.k, table=loaded.table).share_below_k
                       for q in quasi}
        sizes = class_sizes(con, quasi, table=loaded.table)
        ordered = sizes.query("__pk_c", f"SELECT * FROM __pk_c ORDER BY class_size, "
                                        f"{', '.join(ident(q) + ' NULLS FIRST' for q in quasi)} "
                                        f"LIMIT {int(options.smallest_classes)}")
        smallest = [(tuple(row[:-1]), int(row[-1])) for row in fetch_rows(ordered, "cannot list the classes")]
    step("k_anonymity")
    routines = None
    if options.subject and options.time and options.place:
        routines = find_routines(con, subject=options.subject, time=options.time, place=options.place,
                                 options=options.routine, table=loaded.table)
        step("routines")
    spec = loaded.spec
    con.close()
    return RiskReport(source=str(path), fmt=spec.fmt if spec else None, encoding=spec.encoding if spec else None,
                      route=loaded.route, records=loaded.rows, problems=loaded.problems, profiles=profiles,
                      roles=roles, quasi=quasi, quasi_inferred=options.quasi is None, kanon=kanon, without=without,
                      smallest=smallest, routines=routines, timings=timings)
