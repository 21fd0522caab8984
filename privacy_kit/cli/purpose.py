"""``privacy-kit purpose``: register, change and publish purposes of use (APPI Arts 17, 18, 21)."""

from __future__ import annotations

from datetime import datetime

import click

from privacy_kit.cli._common import stderr
from privacy_kit.cli._output import console, emit_json, field_table, fmt, print_records
from privacy_kit.cli._store import DATE, as_date, open_store, split_values, store_command, store_group


@store_group
def purpose() -> None:
    """Purposes of use (利用目的): specified (Art 17), changed only with a recorded basis
    (Art 17(2) relatedness or Art 18(1) consent), published (Art 21)."""


@purpose.command("add")
@click.argument("text")
@click.option(
    "--category",
    "categories",
    multiple=True,
    required=True,
    help="Data category the purpose covers: an entity type (EMAIL_ADDRESS) or pattern (JP_*). "
    "Repeatable or comma-separated.",
)
@click.option("--id", "purpose_id", default=None, help="Purpose id (default: next P001, P002, …).")
@click.option(
    "--policy-ref", default=None, help="Where the organisation's policy states it (e.g. 'privacy policy §3')."
)
@click.option(
    "--published-on", type=DATE, default=None, help="Date it was published (YYYY-MM-DD), if already."
)
@click.option("--publication-ref", default=None, help="Where it was published (URL or document).")
@store_command()
def add(
    text: str,
    categories: tuple[str, ...],
    purpose_id: str | None,
    policy_ref: str | None,
    published_on: datetime | None,
    publication_ref: str | None,
    as_json: bool,
) -> None:
    """Register a purpose of use described by TEXT."""
    from audit.purposes import add_purpose, vagueness_warnings

    with open_store(read_only=False) as store:
        pv = add_purpose(
            store,
            text=text,
            categories=split_values(categories),
            purpose_id=purpose_id,
            policy_ref=policy_ref,
            published_on=as_date(published_on),
            publication_ref=publication_ref,
        )
    for warning in vagueness_warnings(text):
        stderr.print(f"[yellow]warning:[/yellow] {warning}")
    if as_json:
        emit_json(pv.to_dict())
    else:
        state = f"published {pv.published_on}" if pv.published else "not yet published"
        click.echo(f"added purpose {pv.purpose_id} (version 1, {state})")


@purpose.command("list")
@store_command()
def list_command(as_json: bool) -> None:
    """List every purpose (current version)."""
    from audit.purposes import list_purposes

    with open_store(read_only=True) as store:
        items = list_purposes(store)
    print_records(
        items,
        as_json=as_json,
        title="purposes of use",
        columns=("id", "ver", "text", "categories", "published", "policy"),
        row=lambda p: (
            p.purpose_id,
            str(p.version),
            p.text,
            fmt(p.categories),
            fmt(p.published_on) if p.published else "[red]not published[/red]",
            fmt(p.policy_ref),
        ),
    )


@purpose.command("show")
@click.argument("purpose_id")
@store_command()
def show(purpose_id: str, as_json: bool) -> None:
    """Show PURPOSE_ID with its full change history."""
    from audit.purposes import history

    with open_store(read_only=True) as store:
        versions = history(store, purpose_id)
    if as_json:
        emit_json([v.to_dict() for v in versions])
        return
    out = console()
    for v in versions:
        basis = {
            "initial": "initial registration",
            "related": "related change (Art 17(2))",
            "consent": "change with consent (Art 18(1))",
        }[v.basis]
        out.print(
            field_table(
                f"{v.purpose_id} version {v.version}",
                [
                    ("text", v.text),
                    ("categories", v.categories),
                    ("policy", v.policy_ref),
                    ("basis", basis),
                    ("justification", v.justification),
                    ("consent ref", v.consent_ref),
                    ("published on", v.published_on),
                    ("publication", v.publication_ref),
                    ("recorded", v.created_at),
                    ("by", v.created_by),
                ],
            )
        )


@purpose.command("change")
@click.argument("purpose_id")
@click.option("--text", default=None, help="The new purpose text.")
@click.option("--category", "categories", multiple=True, help="The new data categories (replace the old).")
@click.option("--policy-ref", default=None, help="New policy reference.")
@click.option(
    "--justification",
    default=None,
    help="Why the new purpose is reasonably related to the old one (Art 17(2)).",
)
@click.option(
    "--consent-ref",
    default=None,
    help="Reference to the individuals' consent, for a change beyond the related scope (Art 18(1)).",
)
@store_command()
def change(
    purpose_id: str,
    text: str | None,
    categories: tuple[str, ...],
    policy_ref: str | None,
    justification: str | None,
    consent_ref: str | None,
    as_json: bool,
) -> None:
    """Change PURPOSE_ID: keeps the history; needs --justification or --consent-ref."""
    from audit.purposes import change_purpose, vagueness_warnings

    with open_store(read_only=False) as store:
        pv = change_purpose(
            store,
            purpose_id,
            text=text,
            categories=split_values(categories) or None,
            justification=justification,
            consent_ref=consent_ref,
            policy_ref=policy_ref,
        )
    if text:
        for warning in vagueness_warnings(text):
            stderr.print(f"[yellow]warning:[/yellow] {warning}")
    if as_json:
        emit_json(pv.to_dict())
    else:
        click.echo(
            f"changed purpose {pv.purpose_id}: version {pv.version} ({pv.basis}); "
            "publish it (Art 21(3)): privacy-kit purpose publish " + pv.purpose_id
        )


@purpose.command("publish")
@click.argument("purpose_id")
@click.option("--on", "published_on", type=DATE, default=None, help="Publication date (default: today).")
@click.option("--ref", "publication_ref", default=None, help="Where it was published (URL or document).")
@store_command()
def publish(
    purpose_id: str, published_on: datetime | None, publication_ref: str | None, as_json: bool
) -> None:
    """Record that the current version of PURPOSE_ID was published (Art 21, Art 32(1))."""
    from audit.purposes import publish_purpose

    with open_store(read_only=False) as store:
        pv = publish_purpose(
            store, purpose_id, published_on=as_date(published_on), publication_ref=publication_ref
        )
    if as_json:
        emit_json(pv.to_dict())
    else:
        click.echo(f"published purpose {pv.purpose_id} version {pv.version} on {pv.published_on}")
