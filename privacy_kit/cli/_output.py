"""How the audit-store commands print: ``--json`` for machines, rich tables for people.

Every list and show command offers both forms, so the switch and the table layout live here once
and the commands only say which columns and fields they have. Rich is imported when a command
prints, not when the CLI starts.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from typing import Any, Protocol, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

json_option: Callable[[F], F] = click.option(
    "--json", "as_json", is_flag=True, help="Print machine-readable JSON instead."
)


class Record(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


R = TypeVar("R", bound=Record)


def emit_json(obj: Any) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, indent=2, default=str))


def console() -> Any:
    from rich.console import Console

    return Console(highlight=False)


def fmt(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value)) or "–"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S") + " UTC"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def field_table(title: str, rows: Iterable[tuple[str, Any]]) -> Any:
    from rich.table import Table

    table = Table(title=title, show_header=False)
    table.add_column("field", style="bold")
    table.add_column("value", overflow="fold")
    for name, value in rows:
        table.add_row(name, fmt(value))
    return table


def print_records(
    items: Sequence[R],
    *,
    as_json: bool,
    title: str,
    columns: Sequence[str],
    row: Callable[[R], Sequence[str]],
) -> None:
    """A list command's output: the records' dicts as JSON, or a table titled with their count."""
    if as_json:
        emit_json([item.to_dict() for item in items])
        return
    from rich.table import Table

    table = Table(title=f"{title} ({len(items)})")
    for col in columns:
        table.add_column(col, overflow="fold")
    for item in items:
        table.add_row(*row(item))
    console().print(table)
