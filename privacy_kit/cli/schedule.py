"""``privacy-kit schedule``: run the audit report every month or week (systemd user timer or cron)."""

from __future__ import annotations

from pathlib import Path

import click

from privacy_kit.cli._common import handle_errors, stderr
from privacy_kit.cli._store import store_config, store_options

_NAME = click.option(
    "--name", default="privacy-kit-report", show_default=True, help="Schedule name (unit / crontab block)."
)
_BACKEND = click.option(
    "--backend",
    type=click.Choice(("auto", "systemd", "cron")),
    default="auto",
    show_default=True,
    help="auto: a systemd user timer when a user manager runs, else crontab.",
)


def _host() -> object:
    """The real machine; tests replace this function to inject paths and a fake runner."""
    from privacy_kit.reports.schedule import Host

    return Host()


@click.group()
def schedule() -> None:
    """Run `privacy-kit report` for the previous month or week, automatically."""


@schedule.command("install")
@click.option("--every", type=click.Choice(("monthly", "weekly")), required=True, help="How often.")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder for the reports (privacy-kit-report-{period}.{ext}; a re-run overwrites its period's file).",
)
@click.option(
    "--format", "formats", type=click.Choice(("html", "md", "json")), multiple=True, help="Default: html."
)
@click.option("--lang", type=click.Choice(("ja", "en")), default="ja", show_default=True)
@_NAME
@_BACKEND
@click.option("--print", "print_only", is_flag=True, help="Show the timer or crontab entry; install nothing.")
@store_options(group=True)
@handle_errors
def install(
    every: str, out_dir: Path, formats: tuple[str, ...], lang: str, name: str, backend: str, print_only: bool
) -> None:
    """Install (or replace) the schedule. Idempotent: installing again replaces it."""
    from privacy_kit.reports import schedule as sched

    config = store_config(click.get_current_context())
    spec = sched.ScheduleSpec(every, out_dir, config.path, formats or ("html",), lang, name)
    host = _host()
    if print_only:
        try:
            chosen = host.backend(backend)  # type: ignore[attr-defined]
        except sched.ScheduleError:
            chosen = "cron"
            stderr.print("note: no systemd user session or crontab here; showing a crontab entry")
        click.echo(sched.preview(spec, chosen).text, nl=False)
        return
    chosen = host.backend(backend)  # type: ignore[attr-defined]
    result = sched.install(spec, host, chosen)  # type: ignore[arg-type]
    click.echo(result.text, nl=False)
    where = ", ".join(str(p) for p in result.files) or "the user's crontab"
    stderr.print(f"installed {name} ({result.backend}, {every}) in {where}")
    if result.backend == "systemd":
        stderr.print("note: to run while nobody is logged in: loginctl enable-linger $USER")


@schedule.command("show")
@_NAME
@handle_errors
def show(name: str) -> None:
    """Show the installed schedule (exit 1 if there is none)."""
    from privacy_kit.reports import schedule as sched

    found = sched.show(name, _host())  # type: ignore[arg-type]
    if not found:
        stderr.print(f"no schedule named {name} is installed")
        raise SystemExit(1)
    for item in found:
        click.echo(f"# backend: {item.backend}\n{item.text}", nl=False)


@schedule.command("remove")
@_NAME
@handle_errors
def remove(name: str) -> None:
    """Remove the schedule (its reports stay). Exit 1 if there was none."""
    from privacy_kit.reports import schedule as sched

    removed = sched.remove(name, _host())  # type: ignore[arg-type]
    if not removed:
        stderr.print(f"no schedule named {name} is installed")
        raise SystemExit(1)
    for item in removed:
        stderr.print(f"removed {name} from {item.backend}")
