"""``privacy-kit provision``: records of third-party provision and receipt (APPI Arts 27-30)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import click

from audit.vocab import DIRECTIONS, EXEMPTIONS, LEGAL_PATHS, METHODS
from privacy_kit.cli._output import console, emit_json, field_table, fmt, print_records
from privacy_kit.cli._store import (
    DATE,
    as_date,
    keyring,
    open_store,
    read_lines,
    split_values,
    store_command,
    store_group,
)


@store_group
def provision() -> None:
    """Third-party provision and receipt records (Arts 29, 30; PPC Rules 19-25), with the
    retention each record needs (Rules 21, 25)."""


@provision.command("record")
@click.option(
    "--direction",
    type=click.Choice(DIRECTIONS),
    required=True,
    help="provide: we give data to a third party (Art 29); receive: we get it (Art 30).",
)
@click.option(
    "--legal-path",
    type=click.Choice(LEGAL_PATHS),
    required=True,
    help="Basis: consent (Art 27(1)), opt-out (27(2)), outsourcing / merger / joint-use (27(5)), "
    "legal-exemption (27(1)(i)-(vii)).",
)
@click.option(
    "--exemption",
    type=click.Choice(sorted(EXEMPTIONS)),
    default=None,
    help="The Art 27(1) item a legal exemption relies on, e.g. 27-1-1 (laws and regulations).",
)
@click.option(
    "--method",
    "record_method",
    type=click.Choice(METHODS),
    default="each",
    show_default=True,
    help="each provision (Rule 19(2)), bulk record (Rule 19(2) proviso), contract substitute (Rule 19(3)).",
)
@click.option("--counterparty", "counterparty_name", required=True, help="The third party's name or title.")
@click.option("--counterparty-address", default=None, help="Its address (required for receipt).")
@click.option("--counterparty-rep", default=None, help="Its representative, for a corporation.")
@click.option(
    "--acquisition", default=None, help="Receipt: how the provider acquired the data (Art 30(1)(ii))."
)
@click.option(
    "--subject",
    "subjects",
    multiple=True,
    help="Identifier of an individual (e-mail, member no.). Stored only encrypted and as a keyed "
    "hash. Repeatable; prefer --subjects-file to keep values out of shell history.",
)
@click.option(
    "--subjects-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File with one subject identifier per line ('-': stdin).",
)
@click.option(
    "--subjects-description",
    default=None,
    help="Who the individuals are, e.g. '2026年総会の参加会員' (no personal data).",
)
@click.option(
    "--subject-count",
    type=click.IntRange(min=0),
    default=None,
    help="Number of individuals (default: the number of --subject values).",
)
@click.option(
    "--item", "items", multiple=True, help="Item of personal data provided (repeatable or comma-separated)."
)
@click.option("--consent-ref", default=None, help="Where the individuals' consent is recorded.")
@click.option(
    "--optout-publication-ref",
    default=None,
    help="Opt-out receipt: the PPC's publication of the provider's notification.",
)
@click.option("--foreign-country", default=None, help="Country of a foreign third party (Art 28).")
@click.option(
    "--dataset", "dataset_id", default=None, help="The registered data set provided (its policy is enforced)."
)
@click.option("--provided-on", type=DATE, default=None, help="Date of provision / receipt (YYYY-MM-DD).")
@click.option(
    "--period-start", type=DATE, default=None, help="Bulk / contract: first day of the provision period."
)
@click.option(
    "--period-end", type=DATE, default=None, help="Bulk / contract: last day of the provision period."
)
@click.option(
    "--last-provision-on", type=DATE, default=None, help="Bulk / contract: date of the last provision so far."
)
@click.option("--recorded-on", type=DATE, default=None, help="Date the record is made (default: today).")
@click.option("--note", default=None, help="Free note (no personal data).")
@store_command()
def record(
    direction: str,
    legal_path: str,
    exemption: str | None,
    record_method: str,
    counterparty_name: str,
    counterparty_address: str | None,
    counterparty_rep: str | None,
    acquisition: str | None,
    subjects: tuple[str, ...],
    subjects_file: Path | None,
    subjects_description: str | None,
    subject_count: int | None,
    items: tuple[str, ...],
    consent_ref: str | None,
    optout_publication_ref: str | None,
    foreign_country: str | None,
    dataset_id: str | None,
    provided_on: datetime | None,
    period_start: datetime | None,
    period_end: datetime | None,
    last_provision_on: datetime | None,
    recorded_on: datetime | None,
    note: str | None,
    as_json: bool,
) -> None:
    """Record one provision to, or receipt from, a third party."""
    from audit.provisions import ProvisionRequest, record_provision

    all_subjects = list(subjects) + (read_lines(subjects_file) if subjects_file else [])
    req = ProvisionRequest(
        direction=direction,
        legal_path=legal_path,
        counterparty_name=counterparty_name,
        data_items=tuple(split_values(items)),
        record_method=record_method,
        exemption=exemption,
        counterparty_address=counterparty_address,
        counterparty_rep=counterparty_rep,
        acquisition=acquisition,
        subjects=tuple(all_subjects),
        subjects_description=subjects_description,
        subject_count=subject_count,
        consent_ref=consent_ref,
        optout_publication_ref=optout_publication_ref,
        foreign_country=foreign_country,
        dataset_id=dataset_id,
        provided_on=as_date(provided_on),
        period_start=as_date(period_start),
        period_end=as_date(period_end),
        last_provision_on=as_date(last_provision_on),
        recorded_on=as_date(recorded_on),
        note=note,
    )
    with open_store(read_only=False) as store:
        prov = record_provision(store, req, keyring=keyring(store) if all_subjects else None)
    if as_json:
        emit_json(prov.to_dict())
    else:
        extra = "" if prov.record_required else " (not legally required for this path; kept for the account)"
        click.echo(
            f"recorded {prov.provision_id}: {prov.direction} via {prov.legal_path}, "
            f"{prov.subject_count} subject(s); keep until {prov.retention_until}{extra}"
        )


@provision.command("extend")
@click.argument("provision_id")
@click.option("--last-provision-on", type=DATE, required=True, help="Date of the latest provision it covers.")
@store_command()
def extend(provision_id: str, last_provision_on: datetime, as_json: bool) -> None:
    """A bulk or contract record covers a further provision: move its last date and retention."""
    from audit.provisions import extend_provision

    with open_store(read_only=False) as store:
        prov = extend_provision(store, provision_id, last_provision_on=last_provision_on.date())
    if as_json:
        emit_json(prov.to_dict())
    else:
        click.echo(
            f"{prov.provision_id}: last provision {prov.last_provision_on}; keep until {prov.retention_until}"
        )


@provision.command("list")
@click.option("--direction", type=click.Choice(DIRECTIONS), default=None, help="Only this direction.")
@click.option("--counterparty", default=None, help="Only counterparties whose name contains this.")
@click.option("--dataset", "dataset_id", default=None, help="Only records of this data set.")
@click.option("--held", is_flag=True, help="Only records still inside their retention period (legal hold).")
@store_command()
def list_command(
    direction: str | None, counterparty: str | None, dataset_id: str | None, held: bool, as_json: bool
) -> None:
    """List provision and receipt records, newest first."""
    from audit.provisions import list_provisions

    with open_store(read_only=True) as store:
        items = list_provisions(
            store,
            direction=direction,
            counterparty=counterparty,
            dataset_id=dataset_id,
            held_on=date.today() if held else None,
        )
    print_records(
        items,
        as_json=as_json,
        title="provision and receipt records",
        columns=(
            "id",
            "direction",
            "legal path",
            "method",
            "counterparty",
            "subjects",
            "items",
            "date",
            "keep until",
        ),
        row=lambda p: (
            p.provision_id,
            p.direction,
            p.legal_path + (f" {p.exemption}" if p.exemption else ""),
            p.record_method,
            p.counterparty_name,
            str(p.subject_count),
            fmt(p.data_items),
            fmt(p.provided_on or p.last_provision_on or p.period_start or p.recorded_on),
            fmt(p.retention_until),
        ),
    )


@provision.command("show")
@click.argument("provision_id")
@click.option(
    "--show-values",
    is_flag=True,
    help="Decrypt and print the subjects' identifiers (needs the master key). Masked by default.",
)
@store_command()
def show(provision_id: str, show_values: bool, as_json: bool) -> None:
    """Show PROVISION_ID with every item Rules 20/24 ask for."""
    from audit.provisions import get_provision

    with open_store(read_only=True) as store:
        prov = get_provision(store, provision_id, keyring=keyring(store) if show_values else None)
    data = prov.to_dict()
    if as_json:
        emit_json(data)
        return
    subjects: Any = prov.subjects_description
    if prov.subject_values is not None:
        shown = [v if v is not None else "(shredded)" for v in prov.subject_values]
        subjects = f"{prov.subjects_description or ''} {', '.join(shown)}".strip()
    elif prov.subject_refs:
        subjects = (
            f"{prov.subjects_description or ''} ({len(prov.subject_refs)} identifier(s) stored encrypted; "
        )
        subjects = subjects.strip() + " --show-values to decrypt)"
    console().print(
        field_table(
            f"{prov.provision_id}: {prov.direction} ({prov.legal_path})",
            [
                (
                    "legal path",
                    prov.legal_path
                    + (f" ({prov.exemption}: {EXEMPTIONS[prov.exemption]})" if prov.exemption else ""),
                ),
                ("record method", prov.record_method),
                ("counterparty", prov.counterparty_name),
                ("address", prov.counterparty_address),
                ("representative", prov.counterparty_rep),
                ("acquisition", prov.acquisition),
                ("subjects", subjects),
                ("number of subjects", prov.subject_count),
                ("data items", prov.data_items),
                ("consent ref", prov.consent_ref),
                ("opt-out publication", prov.optout_publication_ref),
                ("foreign country", prov.foreign_country),
                ("data set", prov.dataset_id),
                ("provided on", prov.provided_on),
                (
                    "period",
                    f"{fmt(prov.period_start)} – {fmt(prov.period_end)}" if prov.period_start else None,
                ),
                ("last provision", prov.last_provision_on),
                ("recorded on", prov.recorded_on),
                (
                    "keep until",
                    f"{prov.retention_until} (Rule {'21' if prov.direction == 'provide' else '25'})",
                ),
                ("record required", "yes" if prov.record_required else "no (kept for the account)"),
                ("note", prov.note),
                ("by", prov.created_by),
            ],
        )
    )
