"""Building a report from an open (read-only) audit store: run every section whose tables exist."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from privacy_kit import __version__
from privacy_kit.reports.labels import labels
from privacy_kit.reports.model import Report, Skipped
from privacy_kit.reports.sections import ReportContext, registry

if TYPE_CHECKING:
    from audit.store import Store
    from privacy_kit.reports.period import Period

DEFAULT_TREND = 6
DEFAULT_RETENTION_WINDOW = 90


@dataclass(frozen=True, slots=True)
class ReportOptions:
    lang: str = "ja"
    trend: int = DEFAULT_TREND  # periods in the trend charts, the report's own included
    retention_window_days: int = DEFAULT_RETENTION_WINDOW  # "nearing the end of retention"


def build_report(store: Store, period: Period, options: ReportOptions | None = None) -> Report:
    """Everything the report says, from the store's contents alone (no clock, no randomness),
    so the same store and period give the same report."""
    options = options or ReportOptions()
    L = labels(options.lang)
    ctx = ReportContext(
        store, period, tuple(period.trend(max(1, options.trend))), L, options.retention_window_days
    )
    sections, skipped = [], []
    for spec in registry():
        missing = tuple(t for t in spec.requires if t not in ctx.tables)
        if missing:
            skipped.append(Skipped(spec.id, L(spec.title), missing))
            continue
        sections.append(spec.build(ctx))
    return Report(
        title=L("report.title"),
        lang=options.lang,
        period=period.to_dict(),
        trend_periods=[p.label for p in ctx.trend],
        store={"store_id": store.store_id, "schema_version": store.schema_version},
        tool={"name": "privacy-kit", "version": __version__},
        sections=sections,
        skipped=skipped,
    )
