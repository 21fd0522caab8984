"""Detection options shared by the commands that run the detector over files (scan, redact,
incident assess).

One definition, so ``--text-field``, ``--entities``, ``--min-score``, ``--no-ner``,
``--fast-columns`` and ``--workers`` mean the same everywhere, and one place that turns them
into ``ScanOptions``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import click

from privacy_kit.readers.formats import FORMATS

if TYPE_CHECKING:
    from privacy_kit.scan import ScanOptions

F = TypeVar("F", bound=Callable[..., Any])

_READING: tuple[Callable[[Any], Any], ...] = (
    click.option("--text-field", "text_fields", multiple=True,
                 help="Field to scan (repeatable; dotted for nested JSON). Default: every string field."),
    click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default=None,
                 help="Input format; detected from the file name and content by default."),
    click.option("--encoding", default=None,
                 help="Text encoding (utf-8, cp932, euc_jp, utf-16…); detected by default."),
    click.option("--workers", type=click.IntRange(min=1), default=None,
                 help="Worker processes (default: all cores). Results do not depend on it."),
)
_ENTITIES = click.option("--entities", default=None, help="Comma-separated entity types to report (default: all).")
_SCORING: tuple[Callable[[Any], Any], ...] = (
    click.option("--min-score", type=click.FloatRange(0, 1), default=0.5, show_default=True,
                 help="Drop findings scored below this (0.4: also weak candidates such as a bare "
                      "number that passes a check digit)."),
    click.option("--no-ner", is_flag=True,
                 help="Skip GiNZA's NER (about 25x faster on Japanese prose; names and places then rest on "
                      "Sudachi tags and context, with lower recall: see docs/performance.md)."),
)
#: Speed options of the commands that scan files for their findings (scan, redact).
_SPEED: tuple[Callable[[Any], Any], ...] = (
    click.option("--tier", type=click.Choice(["fast", "balanced", "full"]), default="full", show_default=True,
                 help="How much text pays for GiNZA's NER: full (every text in Japanese script), balanced "
                      "(a few words round uncertain names, surnames and unknown katakana words), fast "
                      "(none, as --no-ner). Measured trade-off in docs/performance.md."),
    click.option("--fast-columns", is_flag=True,
                 help="Sample each column's first values; a column that is at least 90%% one identifier "
                      "type (e-mail, phone, IP, postal code) is then matched by that type's recognizer alone "
                      "(values it does not match whole still get the full scan). See docs/scanning.md."),
    click.option("--fast-columns-sample", type=click.IntRange(min=1), default=100, show_default=True,
                 help="Values per column sampled before deciding (with --fast-columns)."),
)


def _apply(func: F, options: Sequence[Callable[[Any], Any]]) -> F:
    for option in reversed(options):
        func = option(func)
    return func


def detection_options(func: F) -> F:
    """Add the detection options (passed to the command as text_fields, fmt, encoding, workers,
    entities, min_score, no_ner, tier, fast_columns, fast_columns_sample)."""
    return _apply(func, (*_READING, _ENTITIES, *_SCORING, *_SPEED))


def every_type_options(func: F) -> F:
    """The detection options without --entities, for a command whose decision needs every entity
    type (``incident assess``: leaving card numbers out would change the answer)."""
    return _apply(func, (*_READING, *_SCORING))


def scan_options(*, text_fields: Sequence[str], fmt: str | None, encoding: str | None, entities: str | None,
                 min_score: float, no_ner: bool, tier: str = "full", fast_columns: bool = False,
                 fast_columns_sample: int = 100, **_: Any) -> ScanOptions:
    """The ScanOptions the detection options describe; an unknown entity type is a usage error."""
    from privacy_kit.scan import ScanOptions

    wanted = [e.strip() for e in entities.split(",") if e.strip()] if entities else None
    if wanted:
        from recognizers import ENTITY_TYPES

        unknown = sorted(set(wanted) - set(ENTITY_TYPES))
        if unknown:
            raise click.BadParameter(f"unknown entity type(s): {', '.join(unknown)}", param_hint="--entities")
    return ScanOptions(text_fields=tuple(text_fields) or None, fmt=fmt, encoding=encoding,
                       entities=wanted, min_score=min_score, ner=not no_ner, tier="fast" if no_ner else tier,
                       fast_columns=fast_columns,
                       fast_columns_sample=fast_columns_sample)


def worker_count(workers: int | None) -> int:
    import os

    return workers or os.cpu_count() or 1
