"""``privacy-kit moderate``: triage an export's comments under an organisation's policy pack."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, TextIO

import click

from privacy_kit.cli._common import handle_errors, stderr
from privacy_kit.cli._store import optional_store_options, requested_store
from privacy_kit.errors import EXIT_FINDINGS
from privacy_kit.readers.formats import FORMATS


def _summary(result: Any, run_id: str | None) -> None:
    from rich.table import Table

    counts = result.counts()
    table = Table(title=f"privacy-kit moderate · {result.pack.id} {result.pack.version}", show_footer=True)
    table.add_column("clause", footer="total")
    table.add_column("action")
    table.add_column("comments", justify="right", footer=str(len(result.decisions)))
    pairs: dict[tuple[str, str], int] = {}
    for d in result.decisions:
        pairs[(d.clause, d.action)] = pairs.get((d.clause, d.action), 0) + 1
    for (clause, action), n in pairs.items():
        table.add_row(clause, action, str(n))
    stderr.print(table)
    stderr.print(f"{counts['comments']} comments read; {counts['decisions']} to act on; "
                 f"{counts['not_listed']} not listed (no clause applies)")
    if result.problems:
        stderr.print(f"[yellow]skipped {len(result.problems)} record(s):[/yellow]")
        for p in result.problems[:20]:
            where = f"{p.source}:{p.record + 1}" if p.record is not None else p.source
            stderr.print(f"  {where}: {p.reason}")
    if run_id:
        stderr.print(f"recorded as moderation run {run_id}")


def _record(result: Any, config: Any, options: dict[str, Any]) -> str:
    from audit.keys import KeyRing
    from audit.moderation import DecisionRecord, record_moderation
    from audit.store import Store
    from privacy_kit import __version__

    decisions = [DecisionRecord(d.comment.source, d.comment.record, d.comment.comment_id, d.comment.author,
                                d.clause, d.action, d.severity, d.hit.rule.id,
                                tuple(f"{h.rule.clause}:{h.rule.action}" for h in d.also))
                 for d in result.decisions]
    with Store.open(config) as store:
        run = record_moderation(store, keyring=KeyRing.open(store), pack=result.pack.summary(),
                                inputs=result.sources, options=options, counts=result.counts(),
                                decisions=decisions, tool_version=__version__)
    return run.run_id


@click.command()
@click.argument("exports", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--policy", "policy_ref", required=True, metavar="NAME|PATH",
              help="Policy pack: a shipped pack's id (privacy-kit policy list) or a .toml file.")
@click.option("--id-field", default=None, help="Field holding the comment id (default: comment_id, id, …).")
@click.option("--author-field", default=None, help="Field holding the author's account (default: author, …).")
@click.option("--name-field", default=None, help="Field holding the author's display name (default: display_name, …).")
@click.option("--time-field", default=None, help="Field holding the posting time (default: created_at, …).")
@click.option("--text-field", default=None, help="Field holding the comment text (default: text, comment, …).")
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default=None,
              help="Input format; detected by default.")
@click.option("--encoding", default=None, help="Text encoding; detected by default.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Write the decisions here (written atomically). Default: stdout.")
@click.option("--output-format", type=click.Choice(["csv", "jsonl"]), default="csv", show_default=True,
              help="Decisions as CSV (for the platforms' tools) or JSON Lines.")
@click.option("--min-score", type=click.FloatRange(0, 1), default=0.5, show_default=True,
              help="Personal-data findings scored below this are not evidence.")
@click.option("--no-ner", is_flag=True, help="Skip GiNZA's NER (faster; lower recall for names and places).")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Detection worker processes.")
@click.option("--fail-on", type=click.IntRange(min=0), default=None,
              help="Exit 1 when there are more than this many comments to act on (0: any).")
@click.option("-q", "--quiet", is_flag=True, help="No progress line and no summary.")
@optional_store_options
@handle_errors
def moderate(exports: tuple[Path, ...], policy_ref: str, id_field: str | None, author_field: str | None,
             name_field: str | None, time_field: str | None, text_field: str | None, fmt: str | None,
             encoding: str | None, output: Path | None, output_format: str, min_score: float, no_ner: bool,
             workers: int, fail_on: int | None, quiet: bool) -> None:
    """Triage the comments of EXPORTS under a policy pack: one line per comment to act on
    (comment id, author, clause, action, Japanese reason), highest severity first.

    Comments no clause applies to are not listed; the summary on stderr counts them. The comment
    text is never written out. With --store (or PRIVACY_KIT_STORE) the run and its decisions are
    recorded in the audit store, comment ids and authors as keyed hashes.
    """
    from privacy_kit.atomic import atomic_write
    from privacy_kit.cli.scan import _progress
    from privacy_kit.moderation import FieldNames, moderate_export
    from privacy_kit.moderation.outputs import write_decisions
    from privacy_kit.policy import resolve_pack

    pack = resolve_pack(policy_ref)
    names = FieldNames(id=id_field, author=author_field, name=name_field, time=time_field, text=text_field)
    config = requested_store()
    with _progress(enabled=not quiet and sys.stderr.isatty()) as tick:
        result = moderate_export(list(exports), pack, names, fmt=fmt, encoding=encoding, min_score=min_score,
                                 ner=not no_ner, workers=workers, on_batch=tick)
    if result.comments == 0:
        from privacy_kit.errors import ModerationInputError

        raise ModerationInputError(
            f"no comments found in {', '.join(map(str, exports))}: no record has a text field "
            f"({', '.join(names.candidates('text'))})",
            hint="name the field with --text-field (dotted for nested JSON)")

    def write(out: TextIO) -> None:
        write_decisions(result.decisions, out, fmt=output_format)

    if output is not None:
        with atomic_write(output, newline="" if output_format == "csv" else None) as fh:
            write(fh)
    else:
        write(sys.stdout)
        sys.stdout.flush()
    run_id = None
    if config is not None:
        options = {"policy": pack.id, "fields": {k: v for k, v in _field_names(names).items() if v},
                   "min_score": min_score, "ner": not no_ner, "settings": pack.to_dict()["settings"]}
        run_id = _record(result, config, options)
    if not quiet:
        _summary(result, run_id)
    if fail_on is not None and len(result.decisions) > fail_on:
        sys.exit(EXIT_FINDINGS)


def _field_names(names: Any) -> dict[str, Any]:
    return {k: getattr(names, k) for k in ("id", "author", "name", "time", "text")}
