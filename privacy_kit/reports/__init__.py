"""Scheduled audit reports: what the store shows for a period, as HTML, Markdown or JSON.

:func:`write_reports` is what ``privacy-kit report`` calls: open the store read-only, build the
report once (:mod:`privacy_kit.reports.build`), render each format (:mod:`.render`) and write each
file atomically under a name fixed by the period, so a re-run overwrites the same file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from privacy_kit.errors import InputError
from privacy_kit.reports.build import ReportOptions, build_report
from privacy_kit.reports.model import Report
from privacy_kit.reports.period import Period
from privacy_kit.reports.render import FORMATS, render

if TYPE_CHECKING:
    from audit.store import StoreConfig

__all__ = ["FORMATS", "ReportOptions", "ReportOutcome", "ReportRequest", "build_report", "json_schema", "output_path",
           "render", "write_reports"]

#: File name used when the output is a folder (``-o reports/``).
DEFAULT_NAME = "privacy-kit-report-{period}.{ext}"


@dataclass(frozen=True, slots=True)
class ReportRequest:
    period: Period
    formats: tuple[str, ...] = ("html",)
    output: str | None = None  # file, folder, or template with {period} / {ext}; None: stdout
    options: ReportOptions = field(default_factory=ReportOptions)


@dataclass(slots=True)
class ReportOutcome:
    report: Report
    written: list[Path] = field(default_factory=list)
    stdout: str | None = None


def json_schema() -> dict[str, Any]:
    """The JSON Schema of ``--format json`` (shipped in the package as report.schema.json)."""
    import json
    from importlib import resources

    schema: dict[str, Any] = json.loads(
        resources.files(__package__).joinpath("report.schema.json").read_text(encoding="utf-8")
    )
    return schema


def output_path(output: str, period: Period, fmt: str, *, several: bool) -> Path:
    """Where one format goes: a folder gets :data:`DEFAULT_NAME`; ``{period}`` and ``{ext}`` are
    filled in. Several formats need ``{ext}`` (or a folder) so that they do not overwrite each other."""
    if output.endswith(("/", "\\")) or Path(output).is_dir():
        output = str(Path(output) / DEFAULT_NAME)
    elif several and "{ext}" not in output:
        raise InputError(
            f"several formats cannot all be written to {output}",
            hint="give a folder, or put {ext} in the file name, e.g. -o report-{period}.{ext}",
        )
    try:
        return Path(output.format(period=period.label, ext=FORMATS[fmt]))
    except (KeyError, IndexError, ValueError) as exc:
        raise InputError(
            f"output name {output!r} has an unknown placeholder ({exc})", hint="only {period} and {ext} are filled in"
        ) from exc


def write_reports(config: StoreConfig, request: ReportRequest) -> ReportOutcome:
    """Build the report for ``request.period`` and write each format; files are replaced atomically."""
    from audit.store import Store
    from privacy_kit.atomic import atomic_write

    unknown = [f for f in request.formats if f not in FORMATS]
    if unknown or not request.formats:
        raise InputError(f"unknown report format(s) {', '.join(unknown) or '(none)'}; use {', '.join(FORMATS)}")
    formats = tuple(dict.fromkeys(request.formats))
    if request.output is None and len(formats) > 1:
        raise InputError("several formats need -o (a folder or a name with {ext})")
    paths = (
        {f: output_path(request.output, request.period, f, several=len(formats) > 1) for f in formats}
        if request.output is not None
        else {}
    )
    with Store.open(config, read_only=True) as store:
        report = build_report(store, request.period, request.options)
    outcome = ReportOutcome(report)
    for fmt in formats:
        text = render(report, fmt)
        if fmt not in paths:
            outcome.stdout = text
            continue
        with atomic_write(paths[fmt]) as fh:
            fh.write(text)
        outcome.written.append(paths[fmt])
    return outcome
