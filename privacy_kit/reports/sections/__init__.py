"""The registry of report sections: small builders, each reading only its own tables.

Other parts of privacy-kit add tables over time (data-subject requests, incidents), and a store
may be older or newer than the section code. So each section declares the tables it ``requires``
and is skipped, and listed as skipped, when the store lacks any of them, instead of failing the
whole report. Order here is the order in the report. Modules are imported when the registry is
read, never at package import (no import-time side effects).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from audit.store import Store
    from privacy_kit.reports.labels import Labels
    from privacy_kit.reports.model import SectionResult
    from privacy_kit.reports.period import Period

#: Section modules in report order; each defines ``SECTION``.
SECTION_MODULES: tuple[str, ...] = (
    "ledger",
    "scans",
    "findings",
    "datasets",
    "purposes",
    "provisions",
    "requests",
    "incidents",
    "moderation",
)


@dataclass(frozen=True, slots=True)
class SectionSpec:
    """``id`` is stable (it keys the JSON); ``requires`` are the tables the builder reads."""

    id: str
    title: str  # label key
    requires: tuple[str, ...]
    build: Callable[[ReportContext], SectionResult]


@dataclass(frozen=True)
class ReportContext:
    store: Store
    period: Period
    trend: tuple[Period, ...]
    labels: Labels
    retention_window_days: int = 90

    @cached_property
    def tables(self) -> frozenset[str]:
        rows = self.store.con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
        ).fetchall()
        return frozenset(r[0] for r in rows)

    def columns(self, table: str) -> frozenset[str]:
        rows = self.store.con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' AND table_name = ?",
            [table],
        ).fetchall()
        return frozenset(r[0] for r in rows)

    def rows(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        return self.store.con.execute(sql, params or []).fetchall()

    def bounds(self) -> tuple[Any, Any]:
        return self.period.utc_bounds()


def registry() -> tuple[SectionSpec, ...]:
    specs = []
    for name in SECTION_MODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        specs.append(module.SECTION)
    return tuple(specs)
