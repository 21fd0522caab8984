"""``privacy-kit request``: data-subject requests from intake to fulfilment (APPI Arts 32-39)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import click

from audit.vocab import (
    AGENT_TYPES,
    DISCLOSURE_METHODS,
    IDENTIFIER_KINDS,
    REFUSAL_GROUNDS,
    REQUEST_STATES,
    REQUEST_TYPES,
    VERIFICATION_METHODS,
)
from privacy_kit.cli._output import console, emit_json, field_table, fmt, print_records
from privacy_kit.cli._store import DATE, as_date, keyring, open_store, read_lines, store_command, store_group
from privacy_kit.errors import EXIT_FINDINGS

#: Options of ``request new`` that each give identifiers of one kind.
_IDENTIFIER_OPTIONS = {
    "name": "Name as the person gave it (kanji, kana or romaji; variants are searched).",
    "name_reading": "Reading of the name in kana (ヤマダ タロウ), if known.",
    "email": "E-mail address.",
    "phone": "Phone number (any width or hyphenation; +81 forms are searched too).",
    "account": "SNS account (@handle).",
    "member_id": "Member id.",
}


@store_group
def request() -> None:
    """Data-subject requests (開示等の請求, Arts 32-39): intake, identity, search, fulfilment."""


def _identifier_option(kind: str, help_text: str) -> Any:
    return click.option(f"--{kind.replace('_', '-')}", kind, multiple=True, help=help_text + " Repeatable.")


def _with_identifier_options(func: Any) -> Any:
    for kind, help_text in reversed(_IDENTIFIER_OPTIONS.items()):
        func = _identifier_option(kind, help_text)(func)
    return func


def parse_identifier_lines(lines: list[str]) -> list[tuple[str, str]]:
    """``kind: value`` lines (kinds as in --help); a bad line is a usage error naming it."""
    out: list[tuple[str, str]] = []
    for number, line in enumerate(lines, 1):
        kind, sep, value = line.partition(":")
        kind = kind.strip().replace("-", "_")
        if not sep or kind not in IDENTIFIER_KINDS or not value.strip():
            raise click.BadParameter(
                f"line {number} is not 'kind: value' with kind one of {', '.join(IDENTIFIER_KINDS)}",
                param_hint="--identifiers-file",
            )
        out.append((kind, value.strip()))
    return out


@request.command("new")
@click.option(
    "--type",
    "request_type",
    type=click.Choice(sorted(REQUEST_TYPES)),
    required=True,
    help="Article: 32-2 purpose, 33-1 disclosure, 33-5 provision records, 34 correction, "
    "35-1 / 35-5 stop of use or erasure, 35-3 stop of provision.",
)
@_with_identifier_options
@click.option(
    "--identifiers-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File of 'kind: value' lines ('-': stdin), e.g. 'email: a@b.jp'; keeps values out of shell history.",
)
@click.option("--received-on", type=DATE, default=None, help="Day the request reached us (default: today).")
@click.option("--channel", default=None, help="How it arrived: web form, e-mail, post, counter…")
@click.option(
    "--agent",
    "agent_type",
    type=click.Choice(AGENT_TYPES),
    default="none",
    show_default=True,
    help="Made through an agent (Art 37(3)): legal representative or appointed agent.",
)
@click.option("--agent-verification", default=None, help="How the agent's authority was confirmed.")
@click.option(
    "--disclosure-method",
    type=click.Choice(DISCLOSURE_METHODS),
    default=None,
    help="Form the person asked for (Art 33(1)); disclosure types only, default electronic.",
)
@click.option(
    "--fee",
    "fee_yen",
    type=click.IntRange(min=0),
    default=None,
    help="Fee in yen (Art 38: 32-2 and 33 only).",
)
@click.option(
    "--service-days",
    type=click.IntRange(min=1),
    default=None,
    help="Days until due (default: the store's service level, see `request sla`; 14 if unset).",
)
@click.option("--note", default=None, help="Free note (no personal data).")
@store_command()
def new(
    request_type: str,
    identifiers_file: Path | None,
    received_on: datetime | None,
    channel: str | None,
    agent_type: str,
    agent_verification: str | None,
    disclosure_method: str | None,
    fee_yen: int | None,
    service_days: int | None,
    note: str | None,
    as_json: bool,
    **given: tuple[str, ...],
) -> None:
    """File a new request; the person's identifiers are stored encrypted under their own keys."""
    from audit.requests import Identifier, NewRequest, file_request

    pairs = [(kind, v) for kind in _IDENTIFIER_OPTIONS for v in given.get(kind, ())]
    if identifiers_file is not None:
        pairs += parse_identifier_lines(read_lines(identifiers_file))
    req = NewRequest(
        request_type=request_type,
        identifiers=tuple(Identifier(k, v) for k, v in pairs),
        received_on=as_date(received_on),
        channel=channel,
        agent_type=agent_type,
        agent_verification=agent_verification,
        disclosure_method=disclosure_method,
        fee_yen=fee_yen,
        service_days=service_days,
        note=note,
    )
    with open_store(read_only=False) as store:
        filed = file_request(store, keyring(store), req)
    if as_json:
        emit_json(filed.to_dict(today=date.today()))
    else:
        click.echo(
            f"filed {filed.request_id}: {filed.request_type} {_short_type(filed.request_type)}, "
            f"{len(filed.identifier_kinds)} identifier(s); due {filed.due_on} ({filed.service_days} days)"
        )


def _short_type(request_type: str) -> str:
    """利用停止・消去 from the vocabulary's "利用停止・消去 (stop of use ...)"."""
    return REQUEST_TYPES[request_type].split(" (")[0]


def _days_left(req: Any, today: date) -> str:
    if not req.is_open:
        return "–"
    left = req.days_left(today)
    return f"[red]{-left} day(s) overdue[/red]" if left < 0 else f"{left} day(s) left"


@request.command("list")
@click.option("--state", type=click.Choice(REQUEST_STATES), default=None, help="Only requests in this state.")
@click.option(
    "--type", "request_type", type=click.Choice(sorted(REQUEST_TYPES)), default=None, help="Only this type."
)
@click.option("--open", "open_only", is_flag=True, help="Only requests not yet closed.")
@click.option(
    "--overdue",
    is_flag=True,
    help="Only open requests past their due date; exit 1 when there are any (for scheduled checks).",
)
@store_command()
def list_command(
    state: str | None, request_type: str | None, open_only: bool, overdue: bool, as_json: bool
) -> None:
    """List requests, the earliest due first."""
    from audit.requests import list_requests

    today = date.today()
    with open_store(read_only=True) as store:
        items = list_requests(
            store,
            state=state,
            request_type=request_type,
            open_only=open_only,
            overdue_on=today if overdue else None,
        )
    if as_json:
        emit_json([r.to_dict(today=today) for r in items])
    else:
        print_records(
            items,
            as_json=False,
            title="overdue data-subject requests" if overdue else "data-subject requests",
            columns=("id", "type", "state", "received", "due", "days left", "agent", "method"),
            row=lambda r: (
                r.request_id,
                r.request_type,
                r.state,
                fmt(r.received_on),
                fmt(r.due_on),
                _days_left(r, today),
                r.agent_type,
                fmt(r.disclosure_method),
            ),
        )
    if overdue and items:
        raise SystemExit(EXIT_FINDINGS)


def _identifiers_cell(req: Any) -> str:
    if req.identifier_values is not None:
        return ", ".join(
            f"{k}: {v if v is not None else '(shredded)'}"
            for k, v in zip(req.identifier_kinds, req.identifier_values, strict=True)
        )
    shredded = sum(1 for r in req.subject_refs if r == "shredded")
    text = f"{', '.join(req.identifier_kinds)} (stored encrypted; --show-values to decrypt)"
    return text + (f"; {shredded} shredded" if shredded else "")


@request.command("show")
@click.argument("request_id")
@click.option(
    "--show-values", is_flag=True, help="Decrypt and print the person's identifiers (needs the master key)."
)
@store_command()
def show(request_id: str, show_values: bool, as_json: bool) -> None:
    """Show REQUEST_ID: its facts, history and the evidence of each search and fulfilment."""
    from audit.requests import get_request

    today = date.today()
    with open_store(read_only=True) as store:
        req = get_request(store, request_id, keyring=keyring(store) if show_values else None)
    if as_json:
        emit_json(req.to_dict(today=today))
        return
    out = console()
    ground = req.refusal_ground
    out.print(
        field_table(
            f"{req.request_id}: {REQUEST_TYPES[req.request_type]}",
            [
                ("state", req.state),
                ("received on", req.received_on),
                ("due on", f"{req.due_on} ({_days_left(req, today)})" if req.is_open else req.due_on),
                ("channel", req.channel),
                ("identifiers", _identifiers_cell(req)),
                ("agent", req.agent_type if req.agent_type != "none" else None),
                ("agent verification", req.agent_verification),
                (
                    "identity verified",
                    f"{req.verified_on} by {req.verification_method}" if req.verified_on else None,
                ),
                ("disclosure method", req.disclosure_method),
                ("fee", f"{req.fee_yen} 円" if req.fee_yen is not None else None),
                ("refusal ground", f"{ground}: {REFUSAL_GROUNDS[ground][0]}" if ground else None),
                ("alternative measure", req.alternative_measure),
                ("reason (Art 36)", req.reason),
                ("note", req.note),
                ("by", req.created_by),
            ],
        )
    )
    from rich.table import Table

    history = Table(title="history")
    for col in ("#", "when", "who", "action", "state", "detail"):
        history.add_column(col, overflow="fold")
    for ev in req.events:
        detail = ", ".join(f"{k}={v}" for k, v in ev.detail.items() if v is not None)
        history.add_row(str(ev.event_no), fmt(ev.event_at), ev.actor, ev.action, ev.to_state, detail)
    out.print(history)
    for ev in req.evidence:
        out.print(
            f"[bold]evidence {ev.evidence_no}[/bold] ({ev.kind}, {fmt(ev.created_at)}, sha256 {ev.sha256})"
        )
        out.print(_evidence_summary(ev.document))


def _evidence_summary(document: dict[str, Any]) -> str:
    """The evidence document, one line per top-level item (counts and lists stay short)."""
    import json

    lines = []
    for key, value in document.items():
        text = json.dumps(value, ensure_ascii=False, default=str)
        lines.append(f"  {key}: {text if len(text) <= 400 else text[:400] + '…'}")
    return "\n".join(lines)


@request.command("verify")
@click.argument("request_id")
@click.option(
    "--method",
    type=click.Choice(sorted(VERIFICATION_METHODS)),
    default=None,
    help="How identity was confirmed (Art 37): "
    + ", ".join(f"{k} ({v})" for k, v in VERIFICATION_METHODS.items()),
)
@click.option("--verified-on", type=DATE, default=None, help="Day identity was confirmed (default: today).")
@click.option("--agent-verification", default=None, help="How an agent's authority was confirmed.")
@click.option(
    "--pending", is_flag=True, help="Not yet: documents or a confirmation were asked for (identity_pending)."
)
@click.option("--note", default=None, help="Free note (no personal data).")
@store_command(json_output=False)
def verify(
    request_id: str,
    method: str | None,
    verified_on: datetime | None,
    agent_verification: str | None,
    pending: bool,
    note: str | None,
) -> None:
    """Record that the person's identity was confirmed (or, with --pending, asked for)."""
    from audit.requests import request_identity, verify_request

    if pending == (method is not None):
        raise click.UsageError("give --method (identity confirmed) or --pending (confirmation asked for)")
    with open_store(read_only=False) as store:
        if pending:
            req = request_identity(store, request_id, note=note)
        else:
            assert method is not None
            req = verify_request(
                store,
                request_id,
                method=method,
                verified_on=as_date(verified_on),
                agent_verification=agent_verification,
                note=note,
            )
    click.echo(f"{req.request_id}: {req.state}")


@request.command("extend")
@click.argument("request_id")
@click.option(
    "--due", "due_on", type=DATE, required=True, help="New due date (YYYY-MM-DD), later than the current."
)
@click.option("--reason", required=True, help="Why more time is needed (tell the person too).")
@store_command(json_output=False)
def extend(request_id: str, due_on: datetime, reason: str) -> None:
    """Move an open request's due date later, with the reason."""
    from audit.requests import extend_request

    with open_store(read_only=False) as store:
        req = extend_request(store, request_id, due_on=due_on.date(), reason=reason)
    click.echo(f"{req.request_id}: due {req.due_on}")


@request.command("refuse")
@click.argument("request_id")
@click.option(
    "--ground",
    type=click.Choice(list(REFUSAL_GROUNDS)),
    required=True,
    help="; ".join(f"{k}: {text}" for k, (text, _) in REFUSAL_GROUNDS.items()),
)
@click.option("--reason", required=True, help="The explanation given to the person (Art 36).")
@click.option("--alternative", default=None, help="Alternative measure taken (required for 35-alternative).")
@store_command(json_output=False)
def refuse(request_id: str, ground: str, reason: str, alternative: str | None) -> None:
    """Refuse all of a request, on a ground the article allows, with the reason given."""
    from audit.requests import refuse_request

    with open_store(read_only=False) as store:
        req = refuse_request(store, request_id, ground=ground, reason=reason, alternative=alternative)
    click.echo(f"{req.request_id}: refused ({req.refusal_ground})")


@request.command("close")
@click.argument("request_id")
@click.option(
    "--as",
    "outcome",
    type=click.Choice(["fulfilled", "partially_fulfilled", "withdrawn"]),
    required=True,
    help="Outcome (for work done outside privacy-kit, e.g. a purpose notice sent by post).",
)
@click.option("--reason", default=None, help="What was not done and why (required for partially_fulfilled).")
@click.option("--note", default=None, help="Free note (no personal data).")
@store_command(json_output=False)
def close(request_id: str, outcome: str, reason: str | None, note: str | None) -> None:
    """Close a request as fulfilled, partially fulfilled or withdrawn."""
    from audit.requests import close_request

    with open_store(read_only=False) as store:
        req = close_request(store, request_id, outcome, reason=reason, note=note)
    click.echo(f"{req.request_id}: {req.state}")


@request.command("sla")
@click.option("--days", type=click.IntRange(min=1), default=None, help="Set the service level (days to due).")
@store_command(json_output=False)
def sla(days: int | None) -> None:
    """Show or set the service level: days from receipt to the due date of new requests."""
    from audit.requests import service_days, set_service_days

    with open_store(read_only=days is None) as store:
        current = set_service_days(store, days) if days is not None else service_days(store)
    click.echo(f"service level: {current} days from receipt")


def _search_options(func: Any) -> Any:
    """Options shared by ``search`` and ``fulfil``: which data sets, and the scanner's part."""
    for opt in reversed(
        [
            click.option(
                "--dataset",
                "datasets",
                multiple=True,
                help="Search only this data set (repeatable; default: every registered data set).",
            ),
            click.option(
                "--no-scan",
                is_flag=True,
                help="Match the identifiers only; do not run the scanner over the matching fields.",
            ),
            click.option(
                "--no-ner", is_flag=True, help="Run the scanner without GiNZA NER (as scan --no-ner)."
            ),
        ]
    ):
        func = opt(func)
    return func


def _options(datasets: tuple[str, ...], no_scan: bool, no_ner: bool) -> Any:
    from privacy_kit.requests.search import SearchOptions

    return SearchOptions(scanner=not no_scan, ner=not no_ner, datasets=tuple(datasets))


def _progress() -> Any:
    from privacy_kit.cli._common import stderr

    return lambda path: stderr.print(f"[dim]searching {path}[/dim]")


def _hit_rows(result: Any, show_values: bool) -> list[dict[str, Any]]:
    from privacy_kit.findings import mask

    rows = []
    for hit in result.hits:
        for f in hit.fields:
            for s in f.spans:
                value = f.text[s.start : s.end]
                rows.append(
                    {
                        "dataset": hit.dataset_id,
                        "file": hit.source,
                        "record": hit.record,
                        "field": f.field,
                        "start": s.start,
                        "end": s.end,
                        "matched": [k for k in s.kinds if k.islower()],
                        "entity_types": [k for k in s.kinds if k.isupper()],
                        "value": value if show_values else mask(value),
                    }
                )
    return rows


@request.command("search")
@click.argument("request_id")
@_search_options
@click.option("--show-values", is_flag=True, help="Print the values found (masked by default).")
@store_command()
def search(
    request_id: str, datasets: tuple[str, ...], no_scan: bool, no_ner: bool, show_values: bool, as_json: bool
) -> None:
    """Find the person's records in every registered data set (field and offsets of each match)."""
    from privacy_kit.requests.fulfil import search_request

    with open_store(read_only=False) as store:
        _, result = search_request(
            store, keyring(store), request_id, _options(datasets, no_scan, no_ner), on_file=_progress()
        )
    rows = _hit_rows(result, show_values)
    if as_json:
        emit_json({"request_id": request_id, "evidence": result.evidence(), "matches": rows})
        return
    from rich.table import Table

    table = Table(title=f"{request_id}: {len(result.hits)} record(s) in {len(result.files)} file(s)")
    for col in ("data set", "file", "record", "field", "offsets", "matched", "value"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(
            r["dataset"],
            r["file"],
            str(r["record"]),
            fmt(r["field"]),
            f"{r['start']}–{r['end']}",
            ", ".join(r["matched"] + r["entity_types"]),
            r["value"],
        )
    out = console()
    out.print(table)
    for gap in result.not_searched:
        out.print(f"[yellow]not searched[/yellow]: {gap['dataset']}: {gap['reason']}")
    if result.unreadable:
        out.print(f"[yellow]{result.unreadable} record(s) could not be read[/yellow] (see request show)")


def _corrections(values: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{item!r} is not FIELD=VALUE", param_hint="--set")
        out[name.strip()] = value
    return out


@request.command("fulfil")
@click.argument("request_id")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Disclosure (32-2, 33-1, 33-5): the package to write, a new folder or FILE.zip.",
)
@click.option(
    "--redact",
    is_flag=True,
    help="35-x / 34: replace the person's parts of each field with 〈削除〉 instead of deleting the records.",
)
@click.option(
    "--delete",
    "delete_records",
    is_flag=True,
    help="34: delete the person's records (deletion of untrue data); the default for 35-1 and 35-5.",
)
@click.option(
    "--set",
    "corrections",
    multiple=True,
    metavar="FIELD=VALUE",
    help="34: correct FIELD of the person's records to VALUE (repeatable).",
)
@click.option(
    "--rotate/--no-rotate",
    default=True,
    show_default=True,
    help="After crypto-shredding, rotate the master key (copies of destroyed keys in free space die).",
)
@_search_options
@click.option("--dry-run", is_flag=True, help="Show what would be disclosed or changed; write nothing.")
@click.option("--reason", default=None, help="Reason given to the person for anything not done (Art 36).")
@store_command()
def fulfil(
    request_id: str,
    output: Path | None,
    redact: bool,
    delete_records: bool,
    corrections: tuple[str, ...],
    rotate: bool,
    datasets: tuple[str, ...],
    no_scan: bool,
    no_ner: bool,
    dry_run: bool,
    reason: str | None,
    as_json: bool,
) -> None:
    """Fulfil a verified request: a disclosure package (32-2, 33-x), the deletion, redaction or
    correction of the person's records (34, 35-1, 35-5, then crypto-shredding), or the record of a
    stopped provision (35-3)."""
    from audit.requests import get_request
    from audit.vocab import CHANGE_TYPES, DISCLOSURE_TYPES
    from privacy_kit.requests.changes import ChangeOptions, fulfil_change, fulfil_stop
    from privacy_kit.requests.fulfil import fulfil_disclosure

    options = _options(datasets, no_scan, no_ner)
    fixes = _corrections(corrections)
    with open_store(read_only=False) as store:
        ring = keyring(store)
        request_type = get_request(store, request_id).request_type
        if request_type in DISCLOSURE_TYPES:
            if redact or fixes or delete_records:
                raise click.UsageError(
                    "--redact, --delete and --set are for deletion and correction requests"
                )
            done = fulfil_disclosure(
                store, ring, request_id, output, options, dry_run=dry_run, reason=reason, on_file=_progress()
            )
        elif request_type in CHANGE_TYPES:
            if output is not None:
                raise click.UsageError("-o is for disclosure requests (32-2, 33-1, 33-5)")
            if sum((bool(fixes), redact, delete_records)) > 1:
                raise click.UsageError("give one of --set, --redact or --delete")
            if request_type == "34" and not (fixes or redact or delete_records):
                raise click.UsageError(
                    "a 34 request needs --set FIELD=VALUE (correction), or --delete / --redact "
                    "(deletion of untrue data)"
                )
            action = "correct" if fixes else "redact" if redact else "delete"
            change = ChangeOptions(action, fixes, dry_run=dry_run, rotate=rotate, reason=reason)
            done = fulfil_change(store, ring, request_id, change, options, on_file=_progress())
        else:
            done = fulfil_stop(store, ring, request_id, reason=reason, dry_run=dry_run)
    if as_json:
        emit_json(
            {"request_id": request_id, "dry_run": dry_run, "outcome": done.outcome, "evidence": done.evidence}
        )
        return
    click.echo(_fulfil_summary(request_id, request_type, done, output))


def _fulfil_summary(request_id: str, request_type: str, done: Any, output: Path | None) -> str:
    ev = done.evidence
    if "package" in ev:
        pkg = ev["package"]
        what = (
            f"{pkg['records']} record(s), {len(pkg['purposes'])} purpose(s), "
            f"{len(pkg['provisions'])} provision record(s)"
        )
        if done.dry_run:
            return f"{request_id} (dry run): the package would hold {what}"
        return f"{request_id}: {done.outcome}; package {output} holds {what}"
    if "provisions" in ev:
        ids = ", ".join(p["provision_id"] for p in ev["provisions"]) or "none"
        prefix = f"{request_id} (dry run)" if done.dry_run else f"{request_id}: {done.outcome}"
        return f"{prefix}; provision records naming the person: {ids}"
    verb = {"delete": "delete", "redact": "redact", "correct": "correct"}[ev["action"]]
    if done.dry_run:
        files = ev["would_change"]
        return (
            f"{request_id} (dry run): would {verb} {sum(f['records_found'] for f in files)} record(s) "
            f"in {len(files)} file(s)"
        )
    lines = [f"{request_id}: {done.outcome}"]
    for f in ev["files"]:
        lines.append(
            f"  {f['file']}: {f['records_before']} → {f['records_after']} record(s), "
            f"{f['deleted']} deleted, {f['changed']} changed"
            + (f", {len(f['unreadable'])} unreadable kept" if f["unreadable"] else "")
        )
    erasure = ev.get("erasure")
    if erasure is not None:
        lines.append(f"  {erasure['subject_keys_shredded']} subject key(s) shredded")
        for held in erasure["held"]:
            lines.append(f"  held: {held['provision_id']} until {held['retention_until']} (Rules 21/25)")
        rotated = erasure.get("master_key_rotated")
        if rotated:
            lines.append(f"  master key rotated: {rotated['from']} → {rotated['to']}")
            if not rotated["key_file"]:
                lines.append("  now replace PRIVACY_KIT_KEY with the value of PRIVACY_KIT_NEW_KEY")
        elif erasure.get("rotation_skipped"):
            lines.append(
                f"  master key not rotated: {erasure['rotation_skipped']} (privacy-kit audit rotate-key)"
            )
    return "\n".join(lines)
