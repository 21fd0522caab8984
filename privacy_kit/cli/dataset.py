"""``privacy-kit dataset``: register log sources and exports, and see what is wrong with them."""

from __future__ import annotations

import click

from audit.vocab import FORMATS, LEGAL_PATHS
from privacy_kit.cli._output import console, emit_json, field_table, fmt, print_records
from privacy_kit.cli._store import open_store, split_values, store_command, store_group


@store_group
def dataset() -> None:
    """Data sets: registered log sources and exports, their purposes, retention and third-party rule."""


@dataset.command("add")
@click.argument("dataset_id")
@click.option(
    "--path",
    "location",
    required=True,
    help="File, folder glob (logs/*.jsonl, exports/**/*.csv) or URI of the data set.",
)
@click.option("--format", "fmt_", type=click.Choice(FORMATS), required=True, help="Format of its files.")
@click.option("--owner", required=True, help="Person or team responsible for it.")
@click.option(
    "--purpose",
    "purposes",
    multiple=True,
    required=True,
    help="Purpose id it is used for (repeatable or comma-separated).",
)
@click.option("--retention", required=True, help="How long files may be kept: 90d, 12w, 6m, 3y.")
@click.option(
    "--never-provide",
    is_flag=True,
    help="Never provided to third parties (a provision is then refused unless a legal exemption is cited).",
)
@click.option(
    "--allowed-path",
    "allowed_paths",
    multiple=True,
    type=click.Choice(LEGAL_PATHS),
    help="Restrict provision to these legal paths (repeatable), e.g. the policy's "
    "consent, outsourcing and legal-exemption.",
)
@click.option("--description", default=None, help="What the data set holds (no personal data).")
@store_command()
def add(
    dataset_id: str,
    location: str,
    fmt_: str,
    owner: str,
    purposes: tuple[str, ...],
    retention: str,
    never_provide: bool,
    allowed_paths: tuple[str, ...],
    description: str | None,
    as_json: bool,
) -> None:
    """Register DATASET_ID."""
    from audit.datasets import add_dataset

    with open_store(read_only=False) as store:
        ds = add_dataset(
            store,
            dataset_id,
            location=location,
            format=fmt_,
            owner=owner,
            purposes=split_values(purposes),
            retention=retention,
            third_party=not never_provide,
            allowed_paths=allowed_paths or None,
            description=description,
        )
    if as_json:
        emit_json(ds.to_dict())
    else:
        rule = (
            "never provided"
            if ds.never_provided
            else (
                "provided only by " + ", ".join(ds.allowed_paths) if ds.allowed_paths else "may be provided"
            )
        )
        click.echo(f"added data set {ds.dataset_id}: {ds.location} ({ds.retention_days} days; {rule})")


@dataset.command("list")
@store_command()
def list_command(as_json: bool) -> None:
    """List data sets with their flags (uncovered entity types, files past retention)."""
    from audit.datasets import statuses

    with open_store(read_only=True) as store:
        items = statuses(store)
    print_records(
        items,
        as_json=as_json,
        title="data sets",
        columns=("id", "location", "purposes", "retention", "third parties", "flags"),
        row=lambda s: (
            s.dataset.dataset_id,
            s.dataset.location,
            fmt(s.dataset.purposes),
            f"{s.dataset.retention_days} d",
            "never" if s.dataset.never_provided else fmt(s.dataset.allowed_paths or "allowed"),
            "[red]" + "; ".join(s.flags) + "[/red]" if s.flags else "ok",
        ),
    )


@dataset.command("show")
@click.argument("dataset_id")
@store_command()
def show(dataset_id: str, as_json: bool) -> None:
    """Show DATASET_ID: registration, entity types found by its latest scan, and flags."""
    from audit.datasets import dataset_status

    with open_store(read_only=True) as store:
        s = dataset_status(store, dataset_id)
    if as_json:
        emit_json(s.to_dict())
        return
    ds = s.dataset
    found = ", ".join(f"{t} {n}" for t, n in s.found_types.items()) or None
    console().print(
        field_table(
            f"data set {ds.dataset_id}",
            [
                ("location", ds.location),
                ("format", ds.format),
                ("owner", ds.owner),
                ("purposes", ds.purposes),
                ("retention", f"{ds.retention_days} days"),
                ("third parties", "never" if ds.never_provided else (ds.allowed_paths or "allowed")),
                ("description", ds.description),
                ("registered", ds.created_at),
                ("by", ds.created_by),
                ("latest scan", f"{s.last_run} ({fmt(s.last_scan_at)})" if s.last_run else None),
                ("entity types found", found),
                ("files now", s.files),
                ("oldest file", s.oldest_file),
                ("flags", "; ".join(s.flags) or "none"),
            ],
        )
    )
