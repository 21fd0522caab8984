"""``privacy-kit risk``: re-identification risk of a structured export or an activity log."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from privacy_kit.cli._common import handle_errors, stderr
from privacy_kit.errors import EXIT_FINDINGS
from privacy_kit.readers.formats import FORMATS


def _columns(value: str | None) -> list[str] | None:
    if value is None:
        return None
    names = [c.strip() for c in value.split(",") if c.strip()]
    if not names:
        raise click.BadParameter("give at least one column name", param_hint="--quasi")
    return names


@contextmanager
def _progress(*, enabled: bool) -> Iterator[Callable[[str], None]]:
    if not enabled:
        yield lambda step: None
        return
    with stderr.status("reading…") as status:
        yield lambda step: status.update(f"{step} done…" if " " not in step else step)


def _render(doc: dict[str, Any], console: Any) -> None:
    """The report as rich tables (the same content as --format json)."""
    from rich.table import Table

    inp = doc["input"]
    console.print(f"[bold]privacy-kit risk[/bold] {inp['source']}: {inp['records']:,} records "
                  f"({inp['format']}, {inp['encoding']}, read by {inp['read_by']})"
                  + (f"; {len(inp['skipped'])} skipped" if inp["skipped"] else ""))
    roles = {r["column"]: r for r in doc["roles"]}
    cols = Table(title="columns")
    for name in ("column", "values", "distinct", "singletons", "role", "evidence"):
        cols.add_column(name, justify="right" if name in ("values", "distinct", "singletons") else "left")
    for p in doc["columns"]:
        role = roles.get(p["column"], {})
        cols.add_row(p["column"], f"{p['values']:,}", f"{p['distinct']:,}", f"{p['singletons']:,}",
                     f"{role.get('role', '')} {role.get('kind', '')}".strip(), role.get("evidence", ""))
    console.print(cols)
    ka = doc["k_anonymity"]
    if ka is None:
        console.print("[yellow]no quasi-identifier columns found[/yellow]: name them with --quasi")
    else:
        how = "inferred" if doc["quasi"]["inferred"] else "given"
        table = Table(title=f"k-anonymity of ({', '.join(ka['quasi'])}), {how}, k = {ka['k']}", show_header=False)
        table.add_column("figure", style="bold")
        table.add_column("value", justify="right")
        table.add_row("smallest class (achieved k)", f"{ka['smallest_class']:,}")
        table.add_row("equivalence classes", f"{ka['classes']:,}")
        table.add_row(f"records in classes below k={ka['k']}",
                      f"{ka['records_below_k']:,} ({ka['share_below_k']:.1%})")
        table.add_row("classes below k", f"{ka['classes_below_k']:,}")
        table.add_row("unique records", f"{ka['unique_records']:,} ({ka['uniqueness']:.1%})")
        for column, share in doc["share_below_k_without"].items():
            table.add_row(f"below k without {column}", f"{share:.1%}")
        console.print(table)
        if doc["smallest_classes"]:
            small = Table(title="smallest classes")
            for q in ka["quasi"]:
                small.add_column(q)
            small.add_column("size", justify="right")
            for c in doc["smallest_classes"]:
                small.add_row(*[("–" if v is None else v) for v in c["values"].values()], str(c["size"]))
            console.print(small)
    if doc["direct_identifiers"]:
        console.print(f"direct identifiers (delete or replace before release, Rule 34 items 1–3): "
                      f"{', '.join(doc['direct_identifiers'])}")
    routines = doc.get("routines")
    if routines is not None:
        console.print(f"routines: {len(routines['routine_subjects']):,} of {routines['subjects']:,} subjects "
                      f"({routines['events']:,} events; {routines['unparsed_times']:,} times not understood)")
        if routines["routines"]:
            table = Table(title="routines")
            for name in ("subject", "place", "time", "weekdays", "days", "visits there", "kind"):
                table.add_column(name, overflow="fold")
            for r in routines["routines"]:
                table.add_row(r["subject"], r["place"], r["time_range"], r["weekdays"],
                              f"{r['days']} of {r['active_days']}", f"{r['visits']} of {r['place_visits']}",
                              r["kind"])
            console.print(table)


@click.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--quasi", default=None,
              help="Quasi-identifier columns, comma-separated. Default: inferred from a scan of the first "
                   "records, the column names and the values.")
@click.option("--k", "k", type=click.IntRange(min=1), default=5, show_default=True,
              help="k of k-anonymity: classes smaller than this are at risk.")
@click.option("--subject", default=None, help="Column identifying the person (user id…): routines need it.")
@click.option("--time", "time_column", default=None, help="Timestamp column, for routines.")
@click.option("--place", default=None, help="Place or page column, for routines.")
@click.option("--window", "window_minutes", type=click.IntRange(2, 720), default=60, show_default=True,
              help="Routine time-of-day window in minutes (even).")
@click.option("--min-days", type=click.IntRange(min=2), default=5, show_default=True,
              help="Days a daily routine must be seen on.")
@click.option("--min-weekly-days", type=click.IntRange(min=2), default=6, show_default=True,
              help="Same weekdays a weekly routine must be seen on.")
@click.option("--min-day-share", type=click.FloatRange(0, 1), default=0.5, show_default=True,
              help="Share of the subject's active days (or active same weekdays) the routine must cover.")
@click.option("--min-concentration", type=click.FloatRange(0, 1), default=0.5, show_default=True,
              help="Share of the subject's visits to the place that must fall in the window.")
@click.option("--keep-query", is_flag=True, help="Keep ?query and #fragment in places (dropped by default).")
@click.option("--timezone", default="Asia/Tokyo", show_default=True,
              help="Time zone of local times of day (timestamps with an offset are converted).")
@click.option("--input-format", "fmt", type=click.Choice(list(FORMATS)), default=None,
              help="Input format; detected by default.")
@click.option("--encoding", default=None, help="Input encoding (utf-8, cp932, euc_jp…); detected by default.")
@click.option("--format", "output_format", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Report as rich tables or as JSON.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Write the report here (atomically) instead of stdout.")
@click.option("--show-values", is_flag=True,
              help="Show quasi values and subject ids (masked and keyed-hashed by default).")
@click.option("--fail-on", type=click.IntRange(min=0), default=None,
              help="Exit 1 when more than this many records are in classes below k, or more than this "
                   "many subjects have a routine (0: any).")
@click.option("-q", "--quiet", is_flag=True, help="No progress line.")
@handle_errors
def risk(file: Path, quasi: str | None, k: int, subject: str | None, time_column: str | None, place: str | None,
         window_minutes: int, min_days: int, min_weekly_days: int, min_day_share: float, min_concentration: float,
         keep_query: bool, timezone: str, fmt: str | None, encoding: str | None, output_format: str,
         output: Path | None, show_values: bool, fail_on: int | None, quiet: bool) -> None:
    """Measure how easily the records of FILE single a person out.

    k-anonymity of the quasi-identifier columns (smallest class, records in classes below k,
    unique records), per-column distinct values and, with --subject/--time/--place, subjects
    whose activity forms a routine: the same place or page at the same time of day on many days.
    Computed in DuckDB. Values are masked and subject ids keyed-hashed unless --show-values.
    """
    from privacy_kit.risk.assess import Presenter, RiskOptions, assess_risk
    from privacy_kit.risk.routines import RoutineOptions

    options = RiskOptions(
        quasi=_columns(quasi), k=k, subject=subject, time=time_column, place=place, fmt=fmt, encoding=encoding,
        routine=RoutineOptions(window_minutes=window_minutes, min_days=min_days, min_weekly_days=min_weekly_days,
                               min_day_share=min_day_share, min_concentration=min_concentration,
                               strip_query=not keep_query, timezone=timezone))
    with _progress(enabled=not quiet and sys.stderr.isatty()) as tick:
        report = assess_risk(file, options, on_progress=tick)
    doc = report.to_dict(Presenter(show_values=show_values))
    _emit(doc, output_format, output)
    attention = report.attention()
    if fail_on is not None and max(attention.values()) > fail_on:
        sys.exit(EXIT_FINDINGS)


def _emit(doc: dict[str, Any], output_format: str, output: Path | None) -> None:
    from rich.console import Console

    from privacy_kit.atomic import atomic_write

    def write(fh: Any, *, terminal: bool) -> None:
        if output_format == "json":
            fh.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        else:
            _render(doc, Console(file=fh, highlight=False, force_terminal=terminal, width=None if terminal else 160))

    if output is None:
        write(sys.stdout, terminal=sys.stdout.isatty())
        sys.stdout.flush()
    else:
        with atomic_write(output) as fh:
            write(fh, terminal=False)
