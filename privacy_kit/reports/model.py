"""What a report is made of, independent of its output format.

Each section has two faces: ``data`` (plain JSON values: what other tools read, validated by
``report.schema.json``) and ``blocks`` (facts, tables, charts and notes in the report's
language: what the Markdown and HTML renderers lay out). Renderers know blocks, never sections,
so a new section needs no renderer change.

``Attention`` items are what the privacy officer must act on. Those of severity ``fail`` make
``privacy-kit report`` exit 1 after writing the report, so a scheduler's mail alerts someone.
Their codes are stable (documented in docs/reports.md): never renumber one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

REPORT_FORMAT = "privacy-kit-report/1"

# Attention codes (stable).
LEDGER_FAILED = "PK310"
REQUESTS_OVERDUE = "PK311"
INCIDENT_DEADLINE_PASSED = "PK312"
DATASETS_FLAGGED = "PK320"
PURPOSES_UNPUBLISHED = "PK321"
SCANS_INTERRUPTED = "PK322"
RETENTION_ENDING = "PK323"

SEVERITIES = ("fail", "warn")


@dataclass(frozen=True, slots=True)
class Attention:
    code: str
    severity: str  # fail | warn
    section: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "severity": self.severity, "section": self.section, "message": self.message}


# --- blocks: what renderers lay out ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Facts:
    """Label/value pairs (a definition list)."""

    rows: tuple[tuple[str, str], ...]
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    title: str | None = None
    empty: str = "–"  # what to show instead of a table without rows
    numeric: tuple[int, ...] = ()  # right-aligned column indexes


@dataclass(frozen=True, slots=True)
class Bars:
    """A horizontal bar chart of labelled counts (Markdown shows it as a table)."""

    title: str
    items: tuple[tuple[str, int], ...]
    label_header: str = ""
    value_header: str = ""


@dataclass(frozen=True, slots=True)
class Trend:
    """Counts per period for a few series (a line chart; Markdown shows a table)."""

    title: str
    periods: tuple[str, ...]
    series: tuple[tuple[str, tuple[int, ...]], ...]
    label_header: str = ""


@dataclass(frozen=True, slots=True)
class Note:
    text: str
    level: str = "info"  # info | warn | fail | ok


Block = Facts | Table | Bars | Trend | Note


@dataclass(slots=True)
class SectionResult:
    id: str
    title: str
    data: dict[str, Any]
    blocks: list[Block] = field(default_factory=list)
    attention: list[Attention] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Skipped:
    """A section whose tables this store does not have (yet): reported, never an error."""

    id: str
    title: str
    missing_tables: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "missing_tables": list(self.missing_tables)}


@dataclass(slots=True)
class Report:
    title: str
    lang: str
    period: dict[str, str]
    trend_periods: list[str]
    store: dict[str, Any]
    tool: dict[str, str]
    sections: list[SectionResult]
    skipped: list[Skipped]

    @property
    def attention(self) -> list[Attention]:
        return [a for s in self.sections for a in s.attention]

    @property
    def failed(self) -> list[Attention]:
        return [a for a in self.attention if a.severity == "fail"]

    @property
    def status(self) -> str:
        if self.failed:
            return "fail"
        return "attention" if self.attention else "ok"

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": REPORT_FORMAT,
            "tool": self.tool,
            "lang": self.lang,
            "period": self.period,
            "trend_periods": self.trend_periods,
            "store": self.store,
            "status": self.status,
            "attention": [a.to_dict() for a in self.attention],
            "sections": {s.id: s.data for s in self.sections},
            "skipped_sections": [s.to_dict() for s in self.skipped],
        }
