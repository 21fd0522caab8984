"""Options and helpers shared by the audit-store command groups (purpose, dataset, provision, audit).

``--store``, ``--lock-timeout`` and ``--key-file`` are accepted on the group and on each
subcommand (``privacy-kit purpose --store x.duckdb list`` and ``privacy-kit purpose list --store
x.duckdb`` both work); a subcommand's value wins. Only the group reads the environment
(PRIVACY_KIT_STORE, PRIVACY_KIT_KEY_FILE), so an explicit group option is never overridden by it.
No DuckDB import happens here: ``audit.store`` is imported when a command runs.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from privacy_kit.cli._common import handle_errors
from privacy_kit.cli._output import json_option

if TYPE_CHECKING:
    from audit.keys import KeyRing
    from audit.store import Store

F = TypeVar("F", bound=Callable[..., Any])

DATE = click.DateTime(formats=["%Y-%m-%d"])
_FILE = click.Path(dir_okay=False, path_type=Path)
_KEY = "privacy_kit.store_options"


def _remember(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    if value is not None:
        ctx.ensure_object(dict).setdefault(_KEY, {})[param.name] = value
    return value


def _remembered(*decls: str, **attrs: Any) -> Callable[[F], F]:
    """An option whose value goes to the context for the store helpers, not to the command."""
    return click.option(*decls, expose_value=False, callback=_remember, **attrs)


def _apply_in_order(options: Sequence[Callable[[F], F]], func: F) -> F:
    """Apply ``options`` so that --help lists them in the order given."""
    for opt in reversed(options):
        func = opt(func)
    return func


def store_options(*, group: bool = False, optional: bool = False) -> Callable[[F], F]:
    """Add --store / --lock-timeout / --key-file (remembered in the context, not passed).

    ``optional``: the command records only when a store is named, so there is no default file."""
    eager: dict[str, Any] = {"default": None, "is_eager": True}
    store_help = ("Record the run in this audit store (env PRIVACY_KIT_STORE); without one, nothing "
                  "is recorded." if optional else
                  "Audit store file (env PRIVACY_KIT_STORE; default ./privacy-kit.duckdb).")

    def decorate(func: F) -> F:
        return _apply_in_order(
            [
                _remembered(
                    "--store",
                    type=_FILE,
                    envvar="PRIVACY_KIT_STORE" if group else None,
                    help=store_help,
                    **eager,
                ),
                _remembered(
                    "--lock-timeout",
                    type=click.FloatRange(min=0),
                    metavar="SECONDS",
                    help="Wait this long for another process's lock on the store (default 10).",
                    **eager,
                ),
                _remembered(
                    "--key-file",
                    type=_FILE,
                    envvar="PRIVACY_KIT_KEY_FILE" if group else None,
                    help="Master key file (default: next to the store, e.g. privacy-kit.key; "
                    "env PRIVACY_KIT_KEY holds a key instead).",
                    **eager,
                ),
            ],
            func,
        )

    return decorate


def store_group(func: Callable[..., Any]) -> click.Group:
    """A command group over the audit store; its subcommands are made with :func:`store_command`."""
    return click.group()(store_options(group=True)(func))


def store_command(*, json_output: bool = True) -> Callable[[F], F]:
    """What every subcommand of a store group takes: [--json,] the store options, and library
    errors turned into coded messages. Put it last, right above the function, so --help lists
    the command's own options first."""

    def decorate(func: F) -> F:
        func = store_options()(handle_errors(func))
        return json_option(func) if json_output else func

    return decorate


def store_config(ctx: click.Context) -> Any:
    from audit.store import DEFAULT_LOCK_TIMEOUT, StoreConfig, resolve_store_path

    given = (ctx.find_object(dict) or {}).get(_KEY, {})
    return StoreConfig(
        path=resolve_store_path(given.get("store")),
        lock_timeout=float(given.get("lock_timeout", DEFAULT_LOCK_TIMEOUT)),
        key_file=given.get("key_file"),
    )


@contextmanager
def open_store(*, read_only: bool) -> Iterator[Store]:
    """The store named by the options in effect, closed (lock released) when the command ends."""
    from audit.store import Store

    store = Store.open(store_config(click.get_current_context()), read_only=read_only)
    try:
        yield store
    finally:
        store.close()


def keyring(store: Store) -> KeyRing:
    from audit.keys import KeyRing

    return KeyRing.open(store)


def as_date(value: datetime | None) -> date | None:
    return value.date() if value is not None else None


def split_values(values: Iterable[str]) -> list[str]:
    """``--category A,B --category C`` → [A, B, C]."""
    return [part.strip() for v in values for part in v.split(",") if part.strip()]


def read_lines(path: Path) -> list[str]:
    """Values from a file, one per line ('-' reads stdin): keeps them out of shell history."""
    if str(path) == "-":
        text = sys.stdin.read()
    else:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise click.BadParameter(f"cannot read {path}: {exc.strerror}") from exc
    return [line.strip() for line in text.splitlines() if line.strip()]


# --- recording scans ---------------------------------------------------------------------------


def recording_options(func: F) -> F:
    """The store options of ``privacy-kit scan`` (values kept in the context, not passed)."""
    func = _apply_in_order(
        [
            _remembered("--no-store", is_flag=True, help="Do not record this scan in the audit store."),
            _remembered(
                "--keep-values",
                is_flag=True,
                help="Also store the values found, AES-GCM encrypted per subject (needed to answer "
                "disclosure requests; crypto-shreddable). Default: keyed hashes only.",
            ),
            _remembered(
                "--resume",
                metavar="RUN_ID",
                default=None,
                help="Continue an interrupted run: findings it already stored are not stored again.",
            ),
        ],
        func,
    )
    return store_options(group=True)(func)


def scan_recording(files: Iterable[Path], options: Any, summary: Any) -> Any:
    """A ScanRecording for the options in effect (or NoRecording for --no-store)."""
    from dataclasses import asdict

    from privacy_kit import __version__
    from privacy_kit.readers import expand_inputs
    from privacy_kit.recording import NoRecording, RecordingOptions, ScanRecording

    ctx = click.get_current_context()
    given = (ctx.find_object(dict) or {}).get(_KEY, {})
    if given.get("no_store"):
        if given.get("resume"):
            raise click.UsageError("--resume needs the store; it cannot be used with --no-store")
        return NoRecording()
    opts = RecordingOptions(
        store_config(ctx), keep_values=bool(given.get("keep_values")), resume=given.get("resume")
    )
    run_options = {k: (list(v) if isinstance(v, tuple) else v) for k, v in asdict(options).items()}
    run_options["keep_values"] = opts.keep_values
    return ScanRecording(
        opts, expand_inputs(files), {"options": run_options, "tool_version": __version__}, stats=summary
    )


# --- recording other runs (moderation) ----------------------------------------------------------


def optional_store_options(func: F) -> F:
    """--store / --lock-timeout / --key-file for a command that records only when a store is
    named (by --store or PRIVACY_KIT_STORE), plus --no-store to skip even then."""
    func = _remembered("--no-store", is_flag=True, help="Do not record this run, even if a store is named.")(func)
    return store_options(group=True, optional=True)(func)


def requested_store() -> Any:
    """The StoreConfig to record into, or None when no store was named (or --no-store)."""
    ctx = click.get_current_context()
    given = (ctx.find_object(dict) or {}).get(_KEY, {})
    if given.get("no_store") or not given.get("store"):
        return None
    return store_config(ctx)
