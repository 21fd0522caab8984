"""``privacy-kit policy list|show|check``: the policy packs (an organisation's moderation rules)."""

from __future__ import annotations

from pathlib import Path

import click

from privacy_kit.cli._common import handle_errors
from privacy_kit.cli._output import console, emit_json, field_table, json_option


@click.group()
def policy() -> None:
    """Policy packs: each organisation's clauses, and rules mapping findings and moderation
    signals to a clause, an action and a reason (docs/policy.md)."""


@policy.command("list")
@json_option
@handle_errors
def list_command(as_json: bool) -> None:
    """List the packs shipped with privacy-kit."""
    from privacy_kit.policy import shipped_packs

    packs = shipped_packs()
    if as_json:
        emit_json([p.summary() for p in packs])
        return
    from rich.table import Table

    table = Table(title=f"policy packs ({len(packs)})")
    for col in ("id", "version", "organisation", "clauses", "rules"):
        table.add_column(col, overflow="fold")
    for p in packs:
        table.add_row(p.id, p.version, p.organisation, str(len(p.clauses)), str(len(p.rules)))
    console().print(table)


@policy.command("show")
@click.argument("name")
@json_option
@handle_errors
def show(name: str, as_json: bool) -> None:
    """Show pack NAME (a shipped pack's id, or a path to a .toml pack): clauses and rules."""
    from rich.table import Table

    from privacy_kit.policy import resolve_pack

    pack = resolve_pack(name)
    if as_json:
        emit_json(pack.to_dict())
        return
    out = console()
    out.print(field_table(f"{pack.id} {pack.version}", [
        ("name", pack.name), ("organisation", pack.organisation), ("sources", list(pack.sources)),
        ("official accounts", [f"{a.platform}: {'@' + a.handle if a.handle else ''} {a.display_name}".strip()
                               for a in pack.official_accounts]),
        ("public values", list(pack.public_values)), ("notes", pack.notes.strip()), ("sha256", pack.sha256),
    ]))
    clauses = Table(title=f"clauses ({len(pack.clauses)})")
    for col in ("id", "text", "section"):
        clauses.add_column(col, overflow="fold")
    for c in pack.clauses.values():
        clauses.add_row(c.id, c.text, c.section)
    out.print(clauses)
    rules = Table(title=f"rules ({len(pack.rules)})")
    for col in ("id", "clause", "action", "severity", "when", "applies to"):
        rules.add_column(col, overflow="fold")
    for r in pack.rules:
        when = [*r.when.entities, *r.when.appi_categories, *r.when.categories, *r.when.signals]
        rules.add_row(r.id, r.clause, r.action, r.severity, ", ".join(when), ", ".join(r.applies_to))
    out.print(rules)


@policy.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@json_option
@handle_errors
def check(files: tuple[Path, ...], as_json: bool) -> None:
    """Validate pack FILES; exit 2 listing every problem (file, clause or rule, key)."""
    from privacy_kit.policy import load_pack_file

    packs = [load_pack_file(path) for path in files]
    if as_json:
        emit_json([p.summary() for p in packs])
        return
    for p in packs:
        unused = [c for c in p.clauses if all(r.clause != c for r in p.rules)]
        click.echo(f"ok: {p.path}: {p.id} {p.version}, {len(p.clauses)} clauses "
                   f"({len(unused)} not used by a rule), {len(p.rules)} rules")
