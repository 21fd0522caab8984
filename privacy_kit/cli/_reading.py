"""What every command that scans files shares: how to read them, and a progress line.

``privacy-kit scan`` and ``privacy-kit incident assess`` read files with the same pipeline, so
they take the same reading options (one definition, one help text) and show the same progress.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import click

from privacy_kit.cli._common import stderr
from privacy_kit.readers.formats import FORMATS

F = TypeVar("F", bound=Callable[..., Any])


def reading_options(func: F) -> F:
    """--text-field, --format, --encoding, --workers, --min-score, --no-ner."""
    options = [
        click.option("--text-field", "text_fields", multiple=True,
                     help="Field to scan (repeatable; dotted for nested JSON). Default: every string field."),
        click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default=None,
                     help="Input format; detected from the file name and content by default."),
        click.option("--encoding", default=None,
                     help="Text encoding (utf-8, cp932, euc_jp, utf-16…); detected by default."),
        click.option("--workers", type=click.IntRange(min=1), default=None,
                     help="Worker processes (default: all cores). Results do not depend on it."),
        click.option("--min-score", type=click.FloatRange(0, 1), default=0.5, show_default=True,
                     help="Drop findings scored below this (0.4: also weak candidates such as a bare "
                          "number that passes a check digit)."),
        click.option("--no-ner", is_flag=True,
                     help="Skip GiNZA's NER (about 25x faster on Japanese prose; names and places then rest "
                          "on Sudachi tags and context, with lower recall: see docs/performance.md)."),
    ]  # fmt: skip
    for option in reversed(options):
        func = option(func)
    return func


@contextmanager
def scan_progress(*, enabled: bool) -> Iterator[Callable[[Any], None]]:
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
