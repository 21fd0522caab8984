"""``privacy-kit redact``: a de-identified copy of an export or log, in its own format."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from privacy_kit.cli._common import handle_errors, stderr
from privacy_kit.cli._detect import detection_options, scan_options, worker_count
from privacy_kit.cli._store import store_config, store_options
from privacy_kit.errors import EXIT_FINDINGS
from privacy_kit.redact.actions import MODES


def _summary_table(summary: Any, run_id: str | None, key: Any, key_created: bool) -> None:
    from rich.table import Table

    from privacy_kit.redact.actions import action

    rw = summary.rewrite
    table = Table(title=f"privacy-kit redact · {summary.mode}", show_footer=True)
    table.add_column("entity type", footer="total")
    table.add_column("action")
    table.add_column("replaced", justify="right", footer=str(summary.replaced))
    for entity, n in sorted(summary.by_type.items(), key=lambda kv: (-kv[1], kv[0])):
        table.add_row(entity, action(summary.mode, entity), str(n))
    for entity, n in sorted(summary.kept.items()):
        table.add_row(entity, "keep", f"({n} kept)")
    stderr.print(table)
    if summary.rechecked:
        stderr.print(f"found on the re-check: {dict(sorted(summary.rechecked.items()))}")
    if summary.by_field:
        fields = ", ".join(f"{name} {n}" for name, n in sorted(summary.by_field.items(), key=lambda kv: -kv[1])[:15])
        stderr.print(f"by field: {fields}")
    stderr.print(f"{rw.records} records ({rw.fmt}, {rw.encoding}{', ' + rw.compression if rw.compression else ''}): "
                 f"{rw.changed} changed, {rw.deleted} deleted, {rw.unchanged} unchanged → {rw.target}")
    if key is not None:
        stderr.print(f"pseudonym key {key.name!r} ({key.key_id}){' created now' if key_created else ''}")
    anon = summary.anonymisation
    if anon is not None:
        levels = ", ".join(f"{q['field']} → {q['generalised_to']}" for q in anon.get("quasi", [])) or "none"
        stderr.print(f"匿名加工: k={anon['k']}, achieved k={anon['achieved_k']}; generalised: {levels}; "
                     f"linking IDs replaced: {', '.join(anon['linking_ids']) or 'none'}; "
                     f"{anon['suppressed']} record(s) suppressed; no key or table kept")
        if anon.get("note"):
            stderr.print(f"[yellow]{anon['note']}[/yellow]")
    if rw.problems:
        what = "left out" if rw.dropped_unreadable else "copied UNREDACTED"
        stderr.print(f"[yellow]{len(rw.problems)} record(s) or file(s) could not be read and were {what}:[/yellow]")
        for p in rw.problems[:20]:
            where = f"{p.source}:{p.record + 1}" if p.record is not None else p.source
            stderr.print(f"  {where}: {p.reason}")
    if run_id:
        stderr.print(f"recorded as redaction run {run_id}")


def _write_json(path: Path, obj: Any) -> None:
    from privacy_kit.atomic import atomic_write

    with atomic_write(path) as fh:
        json.dump(obj, fh, ensure_ascii=False, indent=2)
        fh.write("\n")


@click.command()
@click.argument("source", metavar="INPUT", type=click.Path(path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="The redacted copy (same format, encoding and compression; written atomically; "
                   "never the input).")
@click.option("--mode", type=click.Choice(MODES), required=True,
              help="mask: type tags; pseudonymise: 仮名加工 (Rule 31); anonymise: 匿名加工 (Rule 34).")
@detection_options
@click.option("--mask-style", "mask_styles", multiple=True, metavar="TYPE=STYLE|FILE.toml",
              help="mask: per type 'tag' (default), 'char:X' or 'text:TEXT'; 'default=…' for all others; "
                   "or a TOML file with a [mask] table. Repeatable.")
@click.option("--key-name", default="default", show_default=True,
              help="pseudonymise: the pseudonym key (one per purpose or data set).")
@click.option("--new-key", is_flag=True,
              help="pseudonymise: start a new key if the named one was destroyed (a new, unlinkable series).")
@click.option("--k", "k", type=click.IntRange(min=1), default=5, show_default=True,
              help="anonymise: every combination of quasi-identifiers is shared by at least k records.")
@click.option("--quasi", multiple=True, metavar="FIELD[:KIND]",
              help="anonymise: a quasi-identifier field (kinds: age, address, time, birth, postal, category). "
                   "Default: inferred from field names.")
@click.option("--id-field", "id_fields", multiple=True, metavar="FIELD",
              help="anonymise: a linking ID field (replaced by unlinkable values). Default: inferred.")
@click.option("--max-suppress", type=click.FloatRange(0, 1), default=0.05, show_default=True,
              help="anonymise: generalise until at most this share of records must be suppressed.")
@click.option("--recheck/--no-recheck", default=True, show_default=True,
              help="Analyse every changed field once more as it now reads, and replace what shows then "
                   "(a name next to one that was replaced).")
@click.option("--drop-unreadable", is_flag=True,
              help="Leave records that cannot be read out of the copy (default: copy them as they are, "
                   "unredacted, and exit 1).")
@click.option("--report", "report_path", type=click.Path(path_type=Path), default=None,
              help="anonymise: write the report (generalisation, k before and after, suppression) as JSON.")
@click.option("--summary", "summary_path", type=click.Path(path_type=Path), default=None,
              help="Write the summary (counts by type, action and field; never a value) as JSON.")
@click.option("--no-store", is_flag=True, help="Do not record the run (not possible with pseudonymise).")
@click.option("-q", "--quiet", is_flag=True, help="No progress line and no summary.")
@store_options(group=True)
@handle_errors
def redact(source: Path, output: Path, mode: str, mask_styles: tuple[str, ...], key_name: str, new_key: bool,
           k: int, quasi: tuple[str, ...], id_fields: tuple[str, ...], max_suppress: float, recheck: bool,
           drop_unreadable: bool, report_path: Path | None, summary_path: Path | None, no_store: bool,
           quiet: bool, **detection: Any) -> None:
    """Write a de-identified copy of INPUT to --output, in the same format and encoding.

    \b
    mask          each finding becomes its type tag (〈氏名〉, 〈電話番号〉…) or a fixed character
    pseudonymise  仮名加工情報: keyed pseudonyms (氏名_kqzmxbtd; phones stay phone-shaped…) under the
                  store's pseudonym key; 個人識別符号 and card/bank numbers deleted
    anonymise     匿名加工情報: as pseudonymise with a key kept by no one, linking IDs replaced,
                  quasi-identifiers generalised until --k holds, outliers suppressed

    Detection is the scanner's (same --text-field, --entities, --min-score, --no-ner). The run is
    recorded in the audit store (counts and file hashes, never a value) unless --no-store.
    Exit 1 when records could not be read (they are copied unredacted unless --drop-unreadable).
    """
    from privacy_kit.cli.scan import _progress
    from privacy_kit.redact.anonymise import parse_quasi
    from privacy_kit.redact.engine import RedactOptions, redact_file
    from privacy_kit.redact.pseudonyms import Pseudonymiser
    from privacy_kit.redact.recording import load_pseudonym_key, record_run
    from privacy_kit.redact.tags import parse_mask_styles

    if mode == "pseudonymise" and no_store:
        raise click.UsageError("pseudonymise needs the audit store: its pseudonym key lives there")
    if report_path is not None and mode != "anonymise":
        raise click.UsageError("--report is written by --mode anonymise (use --summary for the counts)")
    options = RedactOptions(mode, scan_options(**detection), parse_mask_styles(mask_styles), k=k,
                            quasi=parse_quasi(quasi) if quasi else None, id_fields=id_fields,
                            max_suppress=max_suppress)
    config = None if no_store else store_config(click.get_current_context())
    key, created, pseudonymiser = None, False, None
    if mode == "pseudonymise":
        key, created = load_pseudonym_key(config, key_name, allow_new=new_key)
        pseudonymiser = Pseudonymiser(key.key)
    with _progress(enabled=not quiet and sys.stderr.isatty()) as tick:
        summary = redact_file(source, output, options, pseudonymiser=pseudonymiser,
                              workers=worker_count(detection["workers"]), on_batch=tick,
                              keep_unreadable=not drop_unreadable, recheck=recheck)
    run_id = None
    if config is not None:
        recorded = {"mode": mode, "entities": options.scan.entities, "min_score": options.scan.min_score,
                    "ner": options.scan.ner, "text_fields": list(options.scan.text_fields or []),
                    "mask_styles": options.mask_styles.to_dict(), "k": k if mode == "anonymise" else None,
                    "drop_unreadable": drop_unreadable, "recheck": recheck}
        run_id = record_run(config, summary, source=source, target=output, options=recorded,
                            key=key if mode == "pseudonymise" else None)
    out = {**summary.to_dict(), "run_id": run_id,
           "key": None if key is None else {"name": key.name, "key_id": key.key_id, "created": created}}
    if summary_path is not None:
        _write_json(summary_path, out)
    if report_path is not None and summary.anonymisation is not None:
        _write_json(report_path, summary.anonymisation)
    if not quiet:
        _summary_table(summary, run_id, key, created)
    if summary.rewrite.problems and not all(p.reason == "empty file" for p in summary.rewrite.problems):
        sys.exit(EXIT_FINDINGS)
