"""``privacy-kit eval``: score privacy-kit and the naive Presidio baseline on a labelled dataset."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO, Any

import click

from privacy_kit.cli._common import handle_errors, stderr

_FORMATS = ("auto", "jsonl", "ner-wikipedia")
_SYSTEMS = ("privacy-kit", "baseline")
_CRITERIA = {"overlap": ("overlap",), "strict": ("strict",), "both": ("overlap", "strict")}


def _console(fh: IO[str] | None) -> Any:
    """A console on ``fh`` (None: stderr); a file or pipe gets no colour and room for both systems."""
    from rich.console import Console

    console = stderr if fh is None else Console(file=fh)
    if not console.is_terminal:
        console = Console(file=fh or sys.stderr, width=160, no_color=True)
    return console


def _fmt(x: float) -> str:
    return f"{x:.3f}"


def _render(result: Any, console: Any) -> None:
    """One table per criterion: per-type support, then P/R/F1 for each system side by side."""
    from rich.table import Table

    ds = result.dataset
    support = ds.support()
    for criterion in result.criteria:
        table = Table(title=f"{ds.name}: {len(ds)} records, criterion {criterion}")
        table.add_column("entity type")
        table.add_column("support", justify="right")
        for name in result.systems:
            for metric in ("P", "R", "F1"):
                table.add_column(f"{name} {metric}", justify="right")
        rows = [(t, support.get(t, 0)) for t in sorted(ds.labels)] + [("micro avg", sum(support.values()))]
        last_type = rows[-2][0] if len(rows) > 1 else None
        for label, n in rows:
            cells = [label, str(n)]
            for res in result.systems.values():
                sc = res.scores[criterion]
                c = sc.micro if label == "micro avg" else sc.per_type[label]
                cells += [_fmt(c.precision), _fmt(c.recall), _fmt(c.f1)]
            table.add_row(*cells, end_section=label == last_type)
        console.print(table)
    for name, res in result.systems.items():
        console.print(
            f"{name}: {res.records_per_second:.1f} records/s "
            f"({len(res.predictions)} records in {res.run_seconds:.1f}s; "
            f"model load {res.load_seconds:.1f}s, excluded)"
        )
        if res.invalid_spans:
            console.print(f"[red]{name}: {res.invalid_spans} prediction(s) with offsets "
                          "outside their text[/red]")
    scored = ", ".join(sorted(ds.labels)) or "(none)"
    console.print(f"label set scored: {scored}")
    if ds.dropped:
        dropped = ", ".join(f"{k} {v}" for k, v in ds.dropped.items())
        console.print(f"source labels not scored (whole file): {dropped}")
    ignored = {n: r.scores[result.criteria[0]].ignored for n, r in result.systems.items()}
    for name, counts in ignored.items():
        if counts:
            kinds = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
            console.print(f"{name}: predictions outside the label set, not scored: {kinds}")


@click.command()
@click.argument("dataset", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(_FORMATS), default="auto", show_default=True,
              help="Dataset format: JSONL ({text, entities:[{start,end,type}]} per line) or the "
                   "ner-wikipedia JSON array. auto: '[' means ner-wikipedia, '{' JSONL.")
@click.option("--system", "systems", type=click.Choice(_SYSTEMS), multiple=True,
              help="System to evaluate (repeatable). Default: both, side by side.")
@click.option("--criterion", type=click.Choice(list(_CRITERIA)), default="both", show_default=True,
              help="overlap: same type and character IoU >= 0.5 (primary); strict: exact span and type.")
@click.option("--labels", default=None,
              help="Comma-separated entity types to score (default: the dataset's own label set).")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Use only the first N records.")
@click.option("--sample", type=click.IntRange(min=1), default=None,
              help="Use N records drawn at random (deterministic with --seed), kept in file order.")
@click.option("--seed", type=int, default=None, help="Seed for --sample (default 0).")
@click.option("--json", "as_json", is_flag=True,
              help="Write machine-readable results (JSON) instead of tables.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Write the results here instead of stdout (the tables then also go to stderr).")
@click.option("--errors", "errors_path", type=click.Path(path_type=Path), default=None,
              help="Write every false positive and false negative as JSON Lines for error analysis. "
                   "The file contains dataset text (evaluation data, not user data).")
@click.option("--tier", type=click.Choice(["fast", "balanced", "full"]), default="full", show_default=True,
              help="privacy-kit's detector tier, as `scan --tier` (docs/performance.md).")
@handle_errors
def eval_command(dataset: Path, fmt: str, systems: tuple[str, ...], criterion: str, labels: str | None,
                 limit: int | None, sample: int | None, seed: int | None, as_json: bool,
                 output: Path | None, errors_path: Path | None, tier: str) -> None:
    """Score privacy-kit and the naive Presidio baseline on the labelled DATASET.

    Prints per-entity precision, recall and F1 for each system side by side, with support
    counts, the micro average and records per second (model load excluded). Only the types
    the dataset labels are scored; predictions of other types are counted separately. See
    docs/evaluation.md for the formats, the criteria and the baseline's exact definition.

    \b
    Example:
      privacy-kit eval ner.json --sample 400 --seed 0
    """
    from privacy_kit.atomic import atomic_write
    from privacy_kit.evaluation.datasets import load_dataset, select_records
    from privacy_kit.evaluation.runner import evaluate

    if seed is not None and sample is None:
        raise click.UsageError("--seed only applies with --sample")
    data = load_dataset(dataset, format=fmt)
    if labels is not None:
        wanted = [x.strip() for x in labels.split(",") if x.strip()]
        if not wanted:
            raise click.BadParameter("give at least one entity type", param_hint="--labels")
        data = data.with_labels(wanted)
    data = select_records(data, limit=limit, sample=sample, seed=seed or 0)

    factories = None
    if tier != "full":
        from functools import partial

        from privacy_kit.evaluation.runner import DEFAULT_FACTORIES, build_privacy_kit

        factories = {**DEFAULT_FACTORIES, "privacy-kit": partial(build_privacy_kit, tier=tier)}
    result = evaluate(data, systems or _SYSTEMS, criteria=_CRITERIA[criterion], factories=factories)

    def write(fh: IO[str]) -> None:
        if as_json:
            fh.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
        else:
            _render(result, _console(fh))

    if output is None:
        write(sys.stdout)
        sys.stdout.flush()
    else:
        with atomic_write(output) as fh:
            write(fh)
        _render(result, _console(None))
        stderr.print(f"results written to {output}")
    if errors_path is not None:
        with atomic_write(errors_path) as fh:
            for row in result.errors():
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        stderr.print(f"false positives/negatives written to {errors_path}")
