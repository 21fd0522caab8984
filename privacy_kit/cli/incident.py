"""``privacy-kit incident``: breach incidents (漏えい等, APPI Art 26; PPC Rules 7-10).

Exit codes: 0 success; 1 from ``assess`` when reporting to the PPC is mandatory (so that a script
notices); 2 usage or input error.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

import click

from audit.vocab import DEADLINE_KINDS, INCIDENT_KINDS, INCIDENT_STATUSES
from privacy_kit.cli._common import stderr
from privacy_kit.cli._output import console, emit_json, field_table, fmt, print_records
from privacy_kit.cli._detect import every_type_options, scan_options, worker_count
from privacy_kit.cli._store import DATE, as_date, open_store, store_command, store_config, store_group

F = TypeVar("F", bound=Callable[..., Any])


class When(click.ParamType):
    """A date or time; without an offset it is Japan time (``2026-11-02 10:30``)."""

    name = "WHEN"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> datetime:
        if isinstance(value, datetime):
            return value
        from privacy_kit.errors import InputError
        from privacy_kit.incidents.rules import parse_when

        try:
            return parse_when(str(value))
        except InputError as exc:
            self.fail(exc.message + " (e.g. 2026-11-02, 2026-11-02 10:30, 2026-11-02T10:30+09:00)", param, ctx)


WHEN = When()

#: CLI option name -> incident field, for the declarations ``new`` and ``update`` share.
_FIELDS = {
    "title": "title",
    "learned_at": "learned_at",
    "occurred_at": "occurred_at",
    "kind": "kind",
    "suspected": "suspected",
    "description": "description",
    "cause": "cause",
    "encrypted": "encryption",
    "key_custody": "key_custody",
    "key_compromised": "key_compromised",
    "wrongful": "wrongful_act",
    "sensitive": "sensitive_declared",
    "financial": "financial_declared",
    "people": "people_declared",
    "preliminary_days": "preliminary_days",
}
_FILE_OPTIONS = {"files": "file", "datasets": "dataset", "scan_runs": "scan-run"}


def declaration_options(func: F) -> F:
    """What the organisation declares about an incident (``new`` and ``update``)."""
    options = [
        click.option("--title", default=None, help="What happened, in a few words (no personal data)."),
        click.option("--learned-at", type=WHEN, default=None,
                     help="When the organisation learned of it (Japan time unless an offset is given): "
                          "every deadline runs from this."),
        click.option("--occurred-at", type=WHEN, default=None, help="When it happened, if known."),
        click.option("--kind", type=click.Choice(list(INCIDENT_KINDS)), default=None,
                     help="leak (漏えい), loss (滅失) or damage (毀損); default leak."),
        click.option("--suspected/--confirmed", default=None,
                     help="Only a risk so far (発生したおそれ), or confirmed."),
        click.option("--description", default=None, help="What happened (no personal data)."),
        click.option("--cause", default=None, help="The cause, as far as known."),
        click.option("--encrypted", metavar="METHOD", default=None,
                     help="The data was protected by high-grade encryption: name it (e.g. 'AES-256-GCM'). "
                          "The exemption also needs --key-custody."),
        click.option("--key-custody", default=None,
                     help="How the key was kept apart from the data (e.g. 'in an HSM on another site')."),
        click.option("--key-compromised/--key-safe", default=None,
                     help="The key may have leaked too (then no encryption exemption)."),
        click.option("--wrongful/--not-wrongful", default=None,
                     help="An act with a wrongful purpose is suspected: unauthorised access, ransomware, "
                          "insider exfiltration, skimming (Rule 7(iii); final report in 60 days)."),
        click.option("--sensitive/--no-sensitive", default=None,
                     help="要配慮個人情報 is known to be involved (Rule 7(i)), found or not."),
        click.option("--financial/--no-financial", default=None,
                     help="Data whose misuse may cause financial damage is involved, e.g. bank accounts "
                          "with PINs or net-banking passwords (Rule 7(ii))."),
        click.option("--people", type=click.IntRange(min=0), default=None,
                     help="Number of people known from outside the scanned files (used when larger)."),
        click.option("--preliminary-days", type=click.IntRange(1, 29), default=None,
                     help="Target for the preliminary report, days from learning (default 3; the PPC "
                          "guideline says about 3-5)."),
        click.option("--file", "files", multiple=True, help="A file, folder or glob involved (repeatable)."),
        click.option("--dataset", "datasets", multiple=True, help="A registered data set involved (repeatable)."),
        click.option("--scan-run", "scan_runs", multiple=True,
                     help="A stored scan of the data involved, used instead of scanning (repeatable)."),
    ]  # fmt: skip
    for option in reversed(options):
        func = option(func)
    return func


def _declared(kwargs: dict[str, Any]) -> dict[str, Any]:
    return {field: kwargs[name] for name, field in _FIELDS.items() if kwargs.get(name) is not None}


def _files(kwargs: dict[str, Any]) -> tuple[Any, ...]:
    from audit.incidents import IncidentFile

    out = []
    for option, kind in _FILE_OPTIONS.items():
        for ref in kwargs.get(option) or ():
            # a path is kept absolute, so that the incident can be assessed from any folder
            out.append(IncidentFile(kind, str(Path(ref).expanduser().absolute()) if kind == "file" else ref))
    return tuple(out)


def _learned(inc: Any) -> str:
    from privacy_kit.incidents.rules import in_japan

    return f"{in_japan(inc.learned_at):%Y-%m-%d %H:%M} JST"


@store_group
def incident() -> None:
    """Breach incidents (漏えい等, Art 26; PPC Rules 7-10): record, assess whether reporting to the
    PPC is mandatory, track the deadlines, draft the report and the notice to individuals."""


@incident.command("new")
@declaration_options
@store_command()
def new(as_json: bool, **kwargs: Any) -> None:
    """Open an incident: --title and --learned-at are required."""
    from audit.incidents import IncidentRequest, create_incident

    declared = _declared(kwargs)
    for needed in ("title", "learned_at"):
        if needed not in declared:
            raise click.UsageError(f"--{needed.replace('_', '-')} is required for a new incident")
    with open_store(read_only=False) as store:
        inc = create_incident(store, IncidentRequest(**declared, files=_files(kwargs)))
    if as_json:
        emit_json(inc.to_dict())
    else:
        click.echo(
            f"opened {inc.incident_id}: learned of on {_learned(inc)}; "
            f"next: privacy-kit incident assess {inc.incident_id}"
        )


@incident.command("update")
@click.argument("incident_id")
@declaration_options
@click.option("--done", type=click.Choice(list(DEADLINE_KINDS)), default=None,
              help="Record a step as done: ppc-preliminary (速報), ppc-final (確報), individuals (本人通知).")
@click.option("--done-on", type=DATE, default=None, help="When it was done (default today).")
@click.option("--done-ref", default=None, help="Reference, e.g. the PPC's receipt number.")
@click.option("--notified", type=click.IntRange(min=0), default=None, help="individuals: how many were notified.")
@click.option("--method", default=None, help="individuals: how (e-mail, post, …).")
@store_command()
def update(
    incident_id: str, done: str | None, done_on: datetime | None, done_ref: str | None, notified: int | None,
    method: str | None, as_json: bool, **kwargs: Any,
) -> None:  # fmt: skip
    """Change what was declared, add files, or record a report or notice as done. When a change can
    alter the decision (when it was learned of, encryption, wrongful act, …), an assessed incident
    is decided again from its evidence and its deadlines follow."""
    from privacy_kit.incidents.assess import Step, update_and_redecide

    if done is None and any(v is not None for v in (done_on, done_ref, notified, method)):
        raise click.UsageError("--done-on, --done-ref, --notified and --method describe a step: give --done KIND")
    step = Step(done, as_date(done_on) or date.today(), done_ref, notified, method) if done else None
    with open_store(read_only=False) as store:
        inc, decision = update_and_redecide(
            store, incident_id, _declared(kwargs), add_files=_files(kwargs), step=step
        )
    if as_json:
        emit_json(inc.to_dict())
        return
    click.echo(f"updated {inc.incident_id}")
    if decision is not None:
        click.echo(f"  decided again: {decision.summary()}")
        _print_deadlines(inc)
    if _files(kwargs):
        click.echo(f"  files added: run `privacy-kit incident assess {inc.incident_id}` to scan them")


def _print_deadlines(inc: Any) -> None:
    for d in inc.deadlines:
        due = fmt(d.due_on) if d.due_on else "promptly (速やかに)"
        done = f"done {d.done_on}" + (f" ({d.done_ref})" if d.done_ref else "") if d.done_on else d.state(date.today())
        click.echo(f"  {d.kind:<16} due {due:<22} {done}  [{d.basis}]")


@incident.command("assess")
@click.argument("incident_id")
@click.option("--run", "runs", multiple=True,
              help="Use this stored scan run as the evidence instead of scanning (repeatable).")
@every_type_options
@store_command()
def assess(
    incident_id: str, runs: tuple[str, ...], text_fields: tuple[str, ...], fmt: str | None, encoding: str | None,
    workers: int | None, min_score: float, no_ner: bool, as_json: bool,
) -> None:  # fmt: skip
    """Scan the files involved (or use stored scans), count the distinct people, decide each Rule 7
    category with its evidence, and set the deadlines. Exit 1 when reporting is mandatory."""
    from privacy_kit.cli.scan import _progress
    from privacy_kit.errors import EXIT_FINDINGS
    from privacy_kit.incidents.assess import AssessOptions, assess_incident

    options = AssessOptions(
        scan_options(text_fields=text_fields, fmt=fmt, encoding=encoding, entities=None, min_score=min_score,
                     no_ner=no_ner),
        runs=runs,
        workers=worker_count(workers),
    )
    with _progress(enabled=not as_json and sys.stderr.isatty()) as tick:
        result = assess_incident(store_config(click.get_current_context()), incident_id, options, on_batch=tick)
    if as_json:
        emit_json(result.to_dict())
    else:
        _print_assessment(result)
    if result.decision.mandatory:
        sys.exit(EXIT_FINDINGS)


def _print_assessment(result: Any) -> None:
    inc, decision, count = result.incident, result.decision, result.count
    source = (
        f"scan run {', '.join(result.run_ids)}" if result.run_ids else "declarations only (nothing scanned)"
    )
    click.echo(
        f"{inc.incident_id} assessment {inc.assessment.assessment_no}: {count.people:,} distinct "
        f"{'person' if count.people == 1 else 'people'} in {count.records:,} records with personal data "
        f"({count.findings:,} findings; {source})"
    )
    for c in decision.categories:
        click.echo(f"  {c.rule:<12} {'YES' if c.applies else 'no':<4} {c.title}: {c.reason}")
    click.echo(decision.summary())
    if decision.mandatory:
        click.echo(
            f"  preliminary report (速報, Rule 8(1)): by {decision.preliminary_due} "
            f"(target {inc.preliminary_days} days from {decision.learned_on}, the day of learning counted as day 1)"
        )
        click.echo(f"  final report (確報, Rule 8(2)): by {decision.final_due} ({decision.final_days} days)")
        click.echo("  notify the individuals (Art 26(2), Rule 10): promptly (速やかに)")
        click.echo(f"  draft them: privacy-kit incident draft {inc.incident_id} -o report.md --notice notice.md")
    for note in decision.notes:
        stderr.print(f"[yellow]note:[/yellow] {note}", highlight=False)


@incident.command("draft")
@click.argument("incident_id")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the report to the PPC here (Rule 8(1)'s nine items; default: stdout).")
@click.option("--notice", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the notice to the individuals here (Art 26(2), Rule 10).")
@click.option("--format", "fmt_name", type=click.Choice(["md", "html"]), default="md", show_default=True,
              help="Markdown, or one self-contained HTML file.")
@store_command(json_output=False)
def draft(incident_id: str, output: Path | None, notice: Path | None, fmt_name: str) -> None:
    """Draft the report to the PPC and the notice to the individuals, in Japanese, from the latest
    assessment; what a person must write is marked 【要記入】."""
    from privacy_kit.incidents.draft import FILL, write_drafts

    drafts = write_drafts(
        store_config(click.get_current_context()), incident_id, fmt=fmt_name, report_path=output, notice_path=notice
    )
    if output is None:
        click.echo(drafts.report, nl=False)
    written = [str(p) for p in (output, notice) if p is not None]
    stderr.print(
        (f"wrote {', '.join(written)}; " if written else "")
        + f"fill in every {FILL} ({drafts.report.count(FILL)} in the report) and check every item before use",
        highlight=False,
    )


@incident.command("close")
@click.argument("incident_id")
@click.option("--reason", required=True, help="What was concluded (no personal data).")
@store_command()
def close(incident_id: str, reason: str, as_json: bool) -> None:
    """Close an incident: refused while a required report or notice is not recorded as done."""
    from audit.incidents import close_incident

    with open_store(read_only=False) as store:
        inc = close_incident(store, incident_id, reason=reason)
    if as_json:
        emit_json(inc.to_dict())
    else:
        click.echo(f"closed {inc.incident_id}")


@incident.command("list")
@click.option("--status", type=click.Choice(INCIDENT_STATUSES), default=None, help="Only incidents in this state.")
@click.option("--due", is_flag=True, help="List the deadlines (reports and notices) not yet done, earliest first.")
@click.option("--all", "include_done", is_flag=True, help="With --due: also the steps already done.")
@store_command()
def list_command(status: str | None, due: bool, include_done: bool, as_json: bool) -> None:
    """List incidents, newest first; or, with --due, what must still be reported or notified."""
    from audit.incidents import list_due, list_incidents

    with open_store(read_only=True) as store:
        if due:
            items: Any = list_due(store, include_done=include_done)
        else:
            items = list_incidents(store, status=status)
    today = date.today()
    if due:
        if status:
            items = [i for i in items if i.incident_status == status]
        print_records(
            items,
            as_json=as_json,
            title="incident deadlines",
            columns=("incident", "step", "due", "state", "days left", "done", "basis"),
            row=lambda i: (
                i.incident_id,
                f"{i.deadline.kind} ({i.deadline.to_dict(today)['label']})",
                fmt(i.deadline.due_on) if i.deadline.due_on else "promptly",
                i.deadline.state(today),
                fmt(i.deadline.to_dict(today)["days_left"]),
                fmt(i.deadline.done_on),
                i.deadline.basis,
            ),
        )
        return
    print_records(
        items,
        as_json=as_json,
        title="incidents",
        columns=("id", "title", "status", "learned of", "people", "mandatory", "next due"),
        row=lambda inc: (
            inc.incident_id,
            inc.title,
            inc.status,
            _learned(inc),
            f"{inc.assessment.data.people:,}" if inc.assessment else "–",
            ("yes" if inc.assessment.data.mandatory else "no") if inc.assessment else "not assessed",
            next((f"{d.kind} {fmt(d.due_on)}" for d in inc.open_deadlines() if d.due_on), "–"),
        ),
    )


@incident.command("show")
@click.argument("incident_id")
@store_command()
def show(incident_id: str, as_json: bool) -> None:
    """Show INCIDENT_ID: what was declared, the latest assessment with its evidence, the deadlines."""
    from audit.incidents import get_incident

    with open_store(read_only=True) as store:
        inc = get_incident(store, incident_id)
    if as_json:
        emit_json(inc.to_dict())
        return
    rows: list[tuple[str, Any]] = [
        ("status", inc.status + (f" ({inc.close_reason})" if inc.close_reason else "")),
        ("kind", f"{inc.kind} ({INCIDENT_KINDS[inc.kind]})" + (", suspected" if inc.suspected else "")),
        ("learned of", _learned(inc)),
        ("occurred", inc.occurred_at),
        ("description", inc.description),
        ("cause", inc.cause),
        ("files", [f"{f.kind}: {f.ref}" for f in inc.files]),
        (
            "encryption",
            f"{inc.encryption or 'none declared'}; key custody: {inc.key_custody or '–'}"
            + ("; key may have leaked" if inc.key_compromised else "")
            + (" (exemption applies)" if inc.encryption_declared else ""),
        ),
        ("wrongful act suspected", "yes" if inc.wrongful_act else "no"),
        ("declared 要配慮 / financial", f"{'yes' if inc.sensitive_declared else 'no'} / "
                                       f"{'yes' if inc.financial_declared else 'no'}"),
        ("people declared", inc.people_declared),
        ("preliminary-report target", f"{inc.preliminary_days} days"),
    ]  # fmt: skip
    if inc.assessment:
        data = inc.assessment.data
        rows += [
            ("assessment", f"no. {inc.assessment.assessment_no}, {fmt(inc.assessment.assessed_at)} by "
                           f"{inc.assessment.assessed_by} ({data.basis}; {data.rule_set})"),
            ("people", f"{data.people:,} in {data.records:,} records"),
            ("reporting", "MANDATORY" if data.mandatory else "not mandatory"
                          + (" (encryption exemption)" if data.encryption_exempt else "")),
        ]  # fmt: skip
        rows += [
            (f"Rule 7({c['item']})", f"{'YES' if c['applies'] else 'no'}: {c['reason']}") for c in data.categories
        ]
        rows += [("note", note) for note in data.evidence.get("notes", ())]
    else:
        rows.append(("assessment", f"none yet: privacy-kit incident assess {inc.incident_id}"))
    today = date.today()
    rows += [
        (
            d.kind,
            f"due {fmt(d.due_on) if d.due_on else 'promptly'}; {d.state(today)}"
            + (f" on {d.done_on}" if d.done_on else "")
            + (f" ({d.done_ref})" if d.done_ref else "")
            + (f"; {d.people_notified:,} notified" if d.people_notified is not None else "")
            + f" [{d.basis}]",
        )
        for d in inc.deadlines
    ]
    console().print(field_table(f"{inc.incident_id}: {inc.title}", rows))
