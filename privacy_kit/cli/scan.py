"""``privacy-kit scan``: find personal information in exports and logs."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

import click

from privacy_kit.cli._common import handle_errors, stderr
from privacy_kit.cli._detect import detection_options, scan_options, worker_count
from privacy_kit.cli._store import recording_options, scan_recording
from privacy_kit.errors import EXIT_FINDINGS


@contextmanager
def _progress(*, enabled: bool) -> Iterator[Callable[[Any], None]]:
    """A live records / records-per-second line on stderr, only for a terminal."""
    if not enabled:
        yield lambda summary: None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  console=stderr, transient=True) as progress:
        task = progress.add_task("scanning", total=None)

        def tick(summary: Any) -> None:
            elapsed = max(progress.tasks[0].elapsed or 0.0, 1e-6)
            progress.update(task, description=(
                f"{summary.records:,} records · {summary.records / elapsed:,.0f}/s · "
                f"{summary.total_findings:,} findings · file {len(summary.sources)}"))

        yield tick


def _summary_table(summary: object) -> None:
    from rich.table import Table

    from privacy_kit.scan import ScanSummary

    assert isinstance(summary, ScanSummary)
    table = Table(title="privacy-kit scan", show_footer=True)
    table.add_column("entity type", footer="total")
    table.add_column("findings", justify="right", footer=str(summary.total_findings))
    for entity, count in sorted(summary.findings.items(), key=lambda kv: (-kv[1], kv[0])):
        table.add_row(entity, str(count))
    stderr.print(table)
    if len(summary.by_source) > 1 or len(summary.by_field) > 1:
        where = Table(show_header=True)
        where.add_column("file / field")
        where.add_column("findings", justify="right")
        for name, count in sorted(summary.by_source.items(), key=lambda kv: -kv[1])[:15]:
            where.add_row(name, str(count))
        for name, count in sorted(summary.by_field.items(), key=lambda kv: -kv[1])[:15]:
            where.add_row(f"  field {name}", str(count))
        stderr.print(where)
    stderr.print(
        f"{summary.records} records, {summary.fields} fields, {summary.characters} characters "
        f"in {len(summary.sources)} file(s); {summary.elapsed:.1f}s"
    )
    if summary.problems:
        stderr.print(f"[yellow]skipped {len(summary.problems)} record(s):[/yellow]")
        for p in summary.problems[:20]:
            where = f"{p.source}:{p.record + 1}" if p.record is not None else p.source
            stderr.print(f"  {where}: {p.reason}")
        if len(summary.problems) > 20:
            stderr.print(f"  … and {len(summary.problems) - 20} more (see --stats)")


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@detection_options
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Write findings here (JSON Lines, written atomically). Default: stdout.")
@click.option("--output-format", type=click.Choice(["jsonl", "csv", "json", "sarif"]), default="jsonl",
              show_default=True, help="Findings format (SARIF 2.1.0 for code-scanning viewers).")
@click.option("--show-values", is_flag=True, help="Print the personal values found (masked by default).")
@click.option("--fail-on", type=click.IntRange(min=0), default=None,
              help="Exit 1 when there are more than this many findings (0: any finding).")
@click.option("--policy", "policy_ref", default=None, metavar="NAME|PATH",
              help="Add to each finding the clauses of this policy pack it breaks, and the action.")
@click.option("--stats", is_flag=True, help="Print the run's counts and throughput as JSON on stderr.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary table.")
@recording_options
@handle_errors
def scan(files: tuple[Path, ...], text_fields: tuple[str, ...], fmt: str | None, encoding: str | None,
         output: Path | None, output_format: str, workers: int | None, show_values: bool, entities: str | None, min_score: float,
         fail_on: int | None, no_ner: bool, tier: str, fast_columns: bool, fast_columns_sample: int, policy_ref: str | None,
         stats: bool, quiet: bool) -> None:
    """Scan FILES (files, directories or globs) for personal information.

    Reads JSON Lines, JSON arrays, CSV/TSV, Parquet, plain text, access logs, X archives
    (tweets.js) and Facebook/Instagram exports, compressed or not, in any common Japanese
    encoding.

    One finding per JSON line: source, record (0-based), field, start, end (code-point offsets
    into the original field value), entity_type, score, recognizer, value (masked unless
    --show-values).
    """
    from privacy_kit.atomic import atomic_write
    from privacy_kit.outputs import CSV_COLUMNS, write_csv, write_json, write_jsonl, write_sarif
    from privacy_kit.scan import ScanSummary, scan_findings

    pack = None
    if policy_ref:
        from privacy_kit.policy import resolve_pack

        pack = resolve_pack(policy_ref)
    options = scan_options(text_fields=text_fields, fmt=fmt, encoding=encoding, entities=entities,
                           min_score=min_score, no_ner=no_ner, tier=tier, fast_columns=fast_columns,
                           fast_columns_sample=fast_columns_sample)
    summary = ScanSummary()
    n_workers = worker_count(workers)

    recording = scan_recording(files, options, summary)  # the audit store, unless --no-store
    with _progress(enabled=not quiet and sys.stderr.isatty()) as tick, recording:
        findings = recording.tee(
            scan_findings(list(files), options, summary=summary, workers=n_workers, on_batch=tick))
        columns = CSV_COLUMNS
        if pack is not None:
            from privacy_kit.policy.annotate import POLICY_COLUMNS, annotate

            findings, columns = annotate(findings, pack), POLICY_COLUMNS

        def write(out: TextIO) -> None:
            if output_format == "jsonl":
                write_jsonl(findings, out, show_values=show_values)
            elif output_format == "csv":
                write_csv(findings, out, show_values=show_values, columns=columns)
            else:
                collected = list(findings)
                if output_format == "json":
                    write_json(collected, out, show_values=show_values, summary=summary.to_dict())
                else:
                    formats = {str(i.path): i.fmt for i in summary.inputs}
                    write_sarif(collected, out, show_values=show_values, formats=formats)

        if output is not None:
            with atomic_write(output, newline="" if output_format == "csv" else None) as fh:
                write(fh)
        else:
            write(sys.stdout)
            sys.stdout.flush()
    if not quiet:
        _summary_table(summary)
        if recording.run_id:
            stderr.print(f"recorded as scan run {recording.run_id} ({recording.recorded} findings stored)")
    if stats:
        click.echo(json.dumps(summary.to_dict(), ensure_ascii=False), err=True)
    if fail_on is not None and summary.total_findings > fail_on:
        sys.exit(EXIT_FINDINGS)
