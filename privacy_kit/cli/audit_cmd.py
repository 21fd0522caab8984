"""``privacy-kit audit``: verify the ledger, export checkpoints, manage scan runs and keys."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from privacy_kit.cli._common import stderr
from privacy_kit.cli._output import console, emit_json, field_table, fmt, print_records
from privacy_kit.cli._store import keyring, open_store, read_lines, store_command, store_group
from privacy_kit.errors import EXIT_FINDINGS

#: After a rotation without a key file, the new key exists only in the environment: say so.
_NEW_KEY_REMINDER = "[yellow]now replace PRIVACY_KIT_KEY with the value of PRIVACY_KIT_NEW_KEY[/yellow]"


@store_group
def audit() -> None:
    """The audit store itself: tamper-evident ledger, checkpoints, scan runs, keys."""


@audit.command("verify")
@click.option(
    "--checkpoint",
    "checkpoints",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="A checkpoint exported earlier (repeatable): detects a cut-off tail or a rewritten chain.",
)
@click.option("--chain-only", is_flag=True, help="Check only the hash chain, not the tables against it.")
@store_command()
def verify(checkpoints: tuple[Path, ...], chain_only: bool, as_json: bool) -> None:
    """Verify the hash chain, checkpoints and tables. Exit 1 if anything was tampered with."""
    from audit.ledger import Checkpoint
    from audit.verify import verify_store

    loaded = []
    for path in checkpoints:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise click.BadParameter(
                f"cannot read {path}: {exc.strerror}", param_hint="--checkpoint"
            ) from exc
        loaded.append(Checkpoint.from_json(text, source=str(path)))
    with open_store(read_only=True) as store:
        report = verify_store(store, loaded, tables=not chain_only)
    if as_json:
        emit_json(report.to_dict())
    else:
        out = console()
        for p in report.chain.problems:
            out.print(f"[red]event {p.position}[/red]: {p.reason}")
        for p in report.checkpoint_problems:
            out.print(f"[red]checkpoint[/red]: {p.reason}")
        for text in report.table_problems:
            out.print(f"[red]table[/red]: {text}")
        if report.ok:
            what = "chain" + (", tables" if report.tables_checked else "")
            what += f", {report.checkpoints} checkpoint(s)" if report.checkpoints else ""
            out.print(f"ok: {report.chain.count} events verified ({what}); head {report.chain.head[:16]}…")
            if not report.checkpoints:
                stderr.print(
                    "note: without a checkpoint kept elsewhere, removal of the newest events "
                    "cannot be detected (privacy-kit audit checkpoint)"
                )
        else:
            n = len(report.chain.problems) + len(report.checkpoint_problems) + len(report.table_problems)
            out.print(f"[red]FAILED[/red]: the store was changed outside privacy-kit ({n} problem(s))")
    if not report.ok:
        raise SystemExit(EXIT_FINDINGS)


@audit.command("checkpoint")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the checkpoint here (default: stdout). Keep it off this machine.",
)
@store_command(json_output=False)
def checkpoint(output: Path | None) -> None:
    """Export the ledger's head hash and event count, for a later `audit verify --checkpoint`."""
    from audit.verify import make_checkpoint

    with open_store(read_only=True) as store:
        cp = make_checkpoint(store)
    if output is None:
        click.echo(cp.to_json(), nl=False)
    else:
        from privacy_kit.atomic import atomic_write

        with atomic_write(output) as fh:
            fh.write(cp.to_json())
        stderr.print(f"checkpoint: {cp.count} events, head {cp.head[:16]}… written to {output}")


@audit.command("status")
@store_command()
def status(as_json: bool) -> None:
    """What the store holds (counts only) and what needs attention."""
    from audit.status import store_status

    with open_store(read_only=True) as store:
        info = store_status(store)
    if as_json:
        emit_json(info)
        return
    runs = ", ".join(f"{k} {v}" for k, v in sorted(info["scan_runs"].items())) or None
    console().print(
        field_table(
            f"audit store {info['path']}",
            [
                ("store id", info["store_id"]),
                ("created", info["created_at"]),
                ("schema version", info["schema_version"]),
                ("ledger events", info["ledger_events"]),
                ("ledger head", info["ledger_head"]),
                ("master key id", info["master_key_id"]),
                ("purposes", info["purposes"]),
                ("data sets", info["datasets"]),
                ("scan runs", runs),
                ("interrupted runs", info["interrupted_runs"] or None),
                ("findings", info["findings"]),
                ("provision records", info["provisions"]),
                ("subject keys", info["subject_keys"]),
                ("shredded keys", info["shredded_keys"]),
                ("open data-subject requests", info["open_requests"]),
                (
                    "overdue requests",
                    f"[red]{info['overdue_requests']}[/red] (privacy-kit request list --overdue)"
                    if info["overdue_requests"]
                    else 0,
                ),
            ],
        )
    )


@audit.command("runs")
@click.option(
    "--status",
    "status_",
    type=click.Choice(["running", "completed", "discarded"]),
    default=None,
    help="Only runs in this state (running = interrupted, unless a scan is under way).",
)
@store_command()
def runs(status_: str | None, as_json: bool) -> None:
    """List recorded scan runs."""
    from audit.scans import list_runs

    with open_store(read_only=True) as store:
        items = list_runs(store, status=status_)
    print_records(
        items,
        as_json=as_json,
        title="scan runs",
        columns=("run", "status", "started", "by", "inputs", "findings", "batches"),
        row=lambda r: (
            r.run_id,
            _coloured_status(r.status),
            fmt(r.started_at),
            r.actor,
            str(r.counts.get("inputs", "")),
            str(r.findings_count),
            str(r.batches),
        ),
    )


def _coloured_status(status: str) -> str:
    colour = {"running": "yellow", "discarded": "dim"}.get(status)
    return f"[{colour}]{status}[/{colour}]" if colour else status


@audit.command("discard")
@click.argument("run_id")
@store_command(json_output=False)
def discard(run_id: str) -> None:
    """Delete the findings of scan run RUN_ID (e.g. an interrupted one); the ledger keeps its history."""
    from audit.scans import discard_scan

    with open_store(read_only=False) as store:
        run = discard_scan(store, run_id)
    click.echo(f"discarded scan run {run.run_id}")


@audit.command("shred")
@click.option(
    "--value",
    "values",
    multiple=True,
    help="A personal value whose subject key to destroy (repeatable). Prefer --values-file.",
)
@click.option(
    "--values-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File with one value per line ('-': stdin), so values stay out of shell history.",
)
@click.option("--request-ref", default=None, help="The erasure request this answers (no personal data).")
@click.option(
    "--rotate/--no-rotate",
    default=True,
    show_default=True,
    help="Also rotate the master key, so copies of the destroyed keys left in the database "
    "file's free space can never be unwrapped.",
)
@store_command(json_output=False)
def shred(values: tuple[str, ...], values_file: Path | None, request_ref: str | None, rotate: bool) -> None:
    """Crypto-shred: destroy the data keys of the given values' subjects (APPI Art 35 erasure).

    Their stored ciphertext becomes unreadable; the ledger still verifies. Refused while a
    provision/receipt record naming the subject is inside its retention period (Rules 21, 25).
    """
    from audit.keys import rotate_master_key, shred_subjects

    wanted = list(values) + (read_lines(values_file) if values_file else [])
    if not wanted:
        raise click.UsageError("give --value or --values-file")
    with open_store(read_only=False) as store:
        ring = keyring(store)
        result = shred_subjects(ring, wanted, today=date.today(), request_ref=request_ref)
        rotated = rotate_master_key(ring) if rotate and result.shredded else None
    click.echo(f"shredded {len(result.shredded)} subject key(s); {result.absent} value(s) had no key")
    if rotated is not None:
        click.echo(f"master key rotated: {rotated.old_key_id} → {rotated.new_key_id}")
        if rotated.key_file is None:
            stderr.print(_NEW_KEY_REMINDER)


@audit.command("rotate-key")
@store_command(json_output=False)
def rotate_key() -> None:
    """Re-wrap every data key under a new master key (the store's ciphertext is not rewritten).

    With a key file, the file is replaced crash-safely. With PRIVACY_KIT_KEY, put the new key in
    PRIVACY_KIT_NEW_KEY, then make it the PRIVACY_KIT_KEY.
    """
    from audit.keys import rotate_master_key

    with open_store(read_only=False) as store:
        result = rotate_master_key(keyring(store))
    click.echo(
        f"master key rotated: {result.old_key_id} → {result.new_key_id} "
        f"({result.rewrapped} data key(s) re-wrapped)"
    )
    if result.key_file is None:
        stderr.print(_NEW_KEY_REMINDER)
