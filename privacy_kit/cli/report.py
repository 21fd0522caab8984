"""``privacy-kit report``: the periodic audit report (HTML, Markdown, JSON) from the audit store."""

from __future__ import annotations

from datetime import datetime

import click

from privacy_kit.cli._common import stderr
from privacy_kit.cli._store import DATE, as_date, store_command, store_config
from privacy_kit.errors import EXIT_FINDINGS

FORMAT_CHOICES = ("html", "md", "json")


@click.command("report")
@click.option("--period", default=None, metavar="PERIOD", help="A month (2026-10) or ISO week (2026-W42), JST.")
@click.option("--since", type=DATE, default=None, help="First day of a date range (with --until).")
@click.option("--until", type=DATE, default=None, help="Last day of a date range (included).")
@click.option(
    "--previous",
    type=click.Choice(("monthly", "weekly")),
    default=None,
    help="The last complete month or week before today (what a scheduled run uses).",
)
@click.option(
    "--format",
    "formats",
    type=click.Choice(FORMAT_CHOICES),
    multiple=True,
    help="html (one self-contained file), md or json; repeatable. Default: html.",
)
@click.option(
    "-o",
    "--output",
    default=None,
    metavar="PATH",
    help="File, folder (privacy-kit-report-{period}.{ext} inside), or a name with {period}/{ext}. "
    "Default: stdout (one format).",
)
@click.option("--lang", type=click.Choice(("ja", "en")), default="ja", show_default=True, help="Report language.")
@click.option(
    "--trend", type=click.IntRange(1, 36), default=6, show_default=True, help="Periods shown in trend charts."
)
@click.option(
    "--retention-window",
    type=click.IntRange(0, 3650),
    default=90,
    show_default=True,
    metavar="DAYS",
    help="List provision records whose retention ends within this many days after the period.",
)
@store_command(json_output=False)
def report(
    period: str | None,
    since: datetime | None,
    until: datetime | None,
    previous: str | None,
    formats: tuple[str, ...],
    output: str | None,
    lang: str,
    trend: int,
    retention_window: int,
) -> None:
    """Write the audit report for a period: scans, findings and trends, data sets to review,
    purposes, provision records, requests and incidents (when recorded), ledger status.

    Exit 1 after writing when the ledger fails verification or something is overdue (codes in
    docs/reports.md), so a scheduler's mail reaches someone; exit 2 on bad options or no store.
    """
    from privacy_kit.reports import ReportOptions, ReportRequest, write_reports
    from privacy_kit.reports.period import resolve_period

    chosen = resolve_period(period=period, since=as_date(since), until=as_date(until), previous=previous)
    outcome = write_reports(
        store_config(click.get_current_context()),
        ReportRequest(chosen, formats or ("html",), output, ReportOptions(lang, trend, retention_window)),
    )
    if outcome.stdout is not None:
        click.echo(outcome.stdout, nl=False)
    for path in outcome.written:
        stderr.print(f"report {chosen.label}: wrote {path}")
    for item in outcome.report.attention:
        colour = "red" if item.severity == "fail" else "yellow"
        stderr.print(f"[{colour}][{item.code}][/{colour}] {item.message}", markup=True, highlight=False)
    if outcome.report.failed:
        raise SystemExit(EXIT_FINDINGS)
