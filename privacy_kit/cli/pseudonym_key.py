"""``privacy-kit pseudonym-key``: the keys behind 仮名加工 pseudonyms (list, rotate, destroy).

Rotating or destroying a key makes every pseudonym made with it irreproducible (the copies keep
their tokens, but no one can map a value to them any more). Destruction also rotates the master
key by default, so a copy of the wrapped key left in the database file's free space can never be
unwrapped (as ``audit shred`` does).
"""

from __future__ import annotations

import click

from privacy_kit.cli._common import stderr
from privacy_kit.cli._output import fmt, print_records
from privacy_kit.cli._store import keyring, open_store, store_command, store_group


@store_group
def pseudonym_key() -> None:
    """Pseudonym keys of 仮名加工 (privacy-kit redact --mode pseudonymise): list, rotate, destroy."""


@pseudonym_key.command("list")
@store_command()
def list_keys(as_json: bool) -> None:
    """The pseudonym keys in the store (by name and public id; never the key)."""
    from audit.pseudonym_keys import list_pseudonym_keys

    with open_store(read_only=False) as store:
        keys = list_pseudonym_keys(keyring(store))
    print_records(keys, as_json=as_json, title="pseudonym keys", columns=("name", "key id", "created (UTC)"),
                  row=lambda k: (k.name, k.key_id, fmt(k.created_at)))


@pseudonym_key.command("rotate")
@click.argument("name", default="default")
@store_command(json_output=False)
def rotate(name: str) -> None:
    """Replace key NAME with a new one: earlier pseudonyms can no longer be reproduced."""
    from audit.pseudonym_keys import rotate_pseudonym_key

    with open_store(read_only=False) as store:
        old, new = rotate_pseudonym_key(keyring(store), name)
    click.echo(f"pseudonym key {name!r} replaced: {old} → {new}")


@pseudonym_key.command("destroy")
@click.argument("name", default="default")
@click.option("--reason", default=None, help="Why (e.g. the data set's retention ended; no personal data).")
@click.option("--rotate/--no-rotate", default=True, show_default=True,
              help="Also rotate the master key, so the destroyed key cannot be recovered from free space.")
@store_command(json_output=False)
def destroy(name: str, reason: str | None, rotate: bool) -> None:
    """Destroy key NAME: its pseudonyms can never be reproduced; a new key must be asked for."""
    from audit.keys import rotate_master_key
    from audit.pseudonym_keys import destroy_pseudonym_key

    with open_store(read_only=False) as store:
        ring = keyring(store)
        key_id = destroy_pseudonym_key(ring, name, reason=reason)
        rotated = rotate_master_key(ring) if rotate else None
    click.echo(f"pseudonym key {name!r} ({key_id}) destroyed")
    if rotated is not None:
        click.echo(f"master key rotated: {rotated.old_key_id} → {rotated.new_key_id}")
        if rotated.key_file is None:
            from privacy_kit.cli.audit_cmd import _NEW_KEY_REMINDER

            stderr.print(_NEW_KEY_REMINDER)
