"""Incident records in the store: declarations validated, assessments and deadlines kept, steps
recorded once, closing refused while a required step is open, every change on the ledger and
checked by ``audit verify``."""

from __future__ import annotations

import tempfile
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.datasets import add_dataset
from audit.errors import IncidentStateError, RecordNotFoundError, ValidationError
from audit.incidents import (
    AssessmentData,
    Deadline,
    IncidentFile,
    IncidentRequest,
    close_incident,
    create_incident,
    get_incident,
    list_due,
    list_incidents,
    record_assessment,
    record_draft,
    record_step,
    update_incident,
)
from audit.keys import KeyRing
from audit.purposes import add_purpose
from audit.scans import record_scan
from audit.store import Store, StoreConfig
from audit.verify import verify_store

JST = timezone(timedelta(hours=9))
LEARNED = datetime(2026, 11, 2, 10, 30, tzinfo=JST)
D = date.fromisoformat


def _request(**changes: Any) -> IncidentRequest:
    base: dict[str, Any] = {"title": "会員名簿の誤送信", "learned_at": LEARNED}
    return IncidentRequest(**(base | changes))


def _data(mandatory: bool = True, people: int = 12) -> AssessmentData:
    return AssessmentData(
        basis="scan",
        rule_set="APPI-2022",
        run_ids=("run-1",),
        records=people + 3,
        people=people,
        entity_types={"EMAIL_ADDRESS": people},
        evidence={"people": people},
        categories=[{"item": "iv", "applies": False}],
        encryption_exempt=False,
        mandatory=mandatory,
        preliminary_due=D("2026-11-04") if mandatory else None,
        final_due=D("2026-12-01") if mandatory else None,
    )


REQUIRED = [
    Deadline("ppc-preliminary", D("2026-11-04"), "Rule 8(1)"),
    Deadline("ppc-final", D("2026-12-01"), "Rule 8(2)"),
    Deadline("individuals", None, "Art 26(2)"),
]


def test_an_incident_is_stored_as_declared(store: Store) -> None:
    inc = create_incident(
        store,
        _request(
            description="委託先へのメールに会員名簿を誤って添付",
            encryption="AES-256-GCM",
            key_custody="鍵は別経路で送付し、受信者には未送付",
            files=(IncidentFile("file", "/exports/members.csv"), IncidentFile("file", "/exports/members.csv")),
        ),
    )
    assert inc.incident_id == "INC-000001" and inc.status == "open"
    assert inc.learned_at == datetime(2026, 11, 2, 1, 30)  # stored as UTC
    assert inc.files == [IncidentFile("file", "/exports/members.csv")]  # duplicates dropped
    assert inc.encryption_declared and inc.assessment is None and inc.deadlines == []
    assert create_incident(store, _request(title="二件目")).incident_id == "INC-000002"
    assert [i.incident_id for i in list_incidents(store)] == ["INC-000002", "INC-000001"]
    assert get_incident(store, "INC-000001").to_dict()["encryption_declared"] is True


@pytest.mark.parametrize(
    ("encryption", "custody", "compromised", "declared"),
    [
        ("AES-256-GCM", "鍵は別サーバーのHSMに保管", False, True),
        ("AES-256-GCM", None, False, False),  # custody not described
        (None, "鍵は別サーバーのHSMに保管", False, False),  # custody of what?
        ("AES-256-GCM", "鍵は別サーバーのHSMに保管", True, False),  # key may have leaked too
        ("  ", "  ", False, False),  # blank is not a declaration
    ],
)
def test_encryption_counts_only_with_the_key_custody(
    store: Store, encryption: str | None, custody: str | None, compromised: bool, declared: bool
) -> None:
    inc = create_incident(
        store, _request(encryption=encryption, key_custody=custody, key_compromised=compromised)
    )
    assert inc.encryption_declared is declared


NOW = datetime.now(UTC)

# fmt: off
BAD_REQUESTS = [
    ({"title": "  "},                                         "needs a title"),
    ({"kind": "theft"},                                       "not one of leak, loss, damage"),
    ({"learned_at": NOW + timedelta(days=2)},                 "in the future"),
    ({"occurred_at": LEARNED + timedelta(hours=1)},           "occurred after"),
    ({"people_declared": -1},                                 "cannot be negative"),
    ({"preliminary_days": 0},                                 "not plausible"),
    ({"preliminary_days": 30},                                "not plausible"),
    ({"files": (IncidentFile("dataset", "nope"),)},           "no data set 'nope'"),
    ({"files": (IncidentFile("scan-run", "nope"),)},          "no scan run 'nope'"),
    ({"files": (IncidentFile("folder", "/x"),)},              "not one of file, dataset, scan-run"),
]
# fmt: on


@pytest.mark.parametrize(("changes", "message"), BAD_REQUESTS)
def test_impossible_declarations_are_refused(store: Store, changes: dict[str, Any], message: str) -> None:
    with pytest.raises((ValidationError, RecordNotFoundError), match=message):
        create_incident(store, _request(**changes))
    assert list_incidents(store) == []


def test_files_may_name_data_sets_and_stored_scans(store: Store) -> None:
    purpose = add_purpose(store, text="公式SNSへのコメント管理のため", categories=["*"]).purpose_id
    add_dataset(store, "sns", location="/data/sns/*.jsonl", format="jsonl", owner="広報", purposes=[purpose],
                retention="1y")
    run = record_scan(store, {"inputs": []}, [], keyring=KeyRing.open(store))
    files = (IncidentFile("dataset", "sns"), IncidentFile("scan-run", run.run_id))
    assert create_incident(store, _request(files=files)).files == list(files)


def test_an_assessment_sets_the_open_deadlines_and_keeps_steps_done(store: Store) -> None:
    iid = create_incident(store, _request()).incident_id
    inc = record_assessment(store, iid, _data(), REQUIRED)
    assert inc.status == "assessed" and inc.assessment is not None and inc.assessment.assessment_no == 1
    assert [d.kind for d in inc.deadlines] == ["ppc-preliminary", "ppc-final", "individuals"]
    inc = record_step(store, iid, "ppc-preliminary", done_on=D("2026-11-03"), ref="PPC-12345")
    # a later assessment moves the open dates, and finds the report no longer mandatory ...
    moved = [Deadline("ppc-preliminary", D("2026-11-09"), "Rule 8(1)"), Deadline("ppc-final", D("2026-12-06"), "x")]
    inc = record_assessment(store, iid, _data(), moved)
    assert inc.assessment is not None and inc.assessment.assessment_no == 2
    by_kind = {d.kind: d for d in inc.deadlines}
    assert by_kind["ppc-preliminary"].done_on == D("2026-11-03") and by_kind["ppc-preliminary"].due_on == D("2026-11-04")
    assert by_kind["ppc-final"].due_on == D("2026-12-06") and "individuals" not in by_kind
    inc = record_assessment(store, iid, _data(mandatory=False), [])
    assert [d.kind for d in inc.deadlines] == ["ppc-preliminary"]  # ... the filed report stays on record


def test_steps_are_recorded_once_and_voluntary_when_not_required(store: Store) -> None:
    iid = create_incident(store, _request()).incident_id
    inc = record_step(store, iid, "ppc-preliminary", done_on=D("2026-11-05"), ref="任意の報告")
    assert inc.deadlines[0].basis == "voluntary" and not inc.deadlines[0].required
    with pytest.raises(IncidentStateError, match="already recorded as done on 2026-11-05"):
        record_step(store, iid, "ppc-preliminary", done_on=D("2026-11-06"))
    with pytest.raises(ValidationError, match="a day still to come"):
        record_step(store, iid, "ppc-final", done_on=date.today() + timedelta(days=1))
    with pytest.raises(ValidationError, match="not one of"):
        record_step(store, iid, "press-release", done_on=D("2026-11-05"))


def test_deadline_states_and_the_due_list(store: Store) -> None:
    a = create_incident(store, _request()).incident_id
    b = create_incident(store, _request(title="ログサーバーへの不正アクセス")).incident_id
    record_assessment(store, a, _data(), REQUIRED)
    record_assessment(
        store, b, _data(), [Deadline("ppc-preliminary", D("2026-11-03"), "r"), Deadline("ppc-final", D("2026-12-31"), "r")]
    )
    record_step(store, b, "ppc-preliminary", done_on=D("2026-11-03"))
    due = list_due(store)
    assert [(i.incident_id, i.deadline.kind) for i in due] == [
        (a, "ppc-preliminary"),
        (a, "ppc-final"),
        (b, "ppc-final"),
        (a, "individuals"),  # no fixed day: last
    ]
    today = D("2026-11-20")
    assert [i.to_dict(today)["state"] for i in due] == ["overdue", "open", "open", "open"]
    assert due[1].to_dict(today)["days_left"] == 11 and due[3].to_dict(today)["days_left"] is None
    assert len(list_due(store, include_done=True)) == 5
    row = due[0].to_dict(today)
    assert {"incident_id", "title", "incident_status", "kind", "label", "due_on", "done_on", "state"} <= set(row)


def test_closing_needs_an_assessment_and_every_required_step(store: Store) -> None:
    iid = create_incident(store, _request()).incident_id
    with pytest.raises(IncidentStateError, match="never assessed"):
        close_incident(store, iid, reason="調査完了")
    record_assessment(store, iid, _data(), REQUIRED)
    with pytest.raises(IncidentStateError, match="ppc-preliminary .due 2026-11-04., ppc-final"):
        close_incident(store, iid, reason="調査完了")
    for kind in ("ppc-preliminary", "ppc-final", "individuals"):
        record_step(store, iid, kind, done_on=D("2026-11-20"), people_notified=12 if kind == "individuals" else None)
    with pytest.raises(ValidationError, match="needs a reason"):
        close_incident(store, iid, reason=" ")
    inc = close_incident(store, iid, reason="確報提出、本人通知完了")
    assert inc.status == "closed" and inc.closed_at is not None
    for action in (
        lambda: update_incident(store, iid, {"cause": "x"}),
        lambda: record_assessment(store, iid, _data(), []),
        lambda: record_step(store, iid, "ppc-final", done_on=D("2026-11-20")),
        lambda: close_incident(store, iid, reason="again"),
    ):
        with pytest.raises(IncidentStateError, match="closed"):
            action()


def test_an_incident_without_a_required_report_closes_after_assessment(store: Store) -> None:
    iid = create_incident(store, _request()).incident_id
    record_assessment(store, iid, _data(mandatory=False), [])
    assert close_incident(store, iid, reason="報告対象外と判断").status == "closed"


def test_updates_are_validated_against_the_whole_incident(store: Store) -> None:
    iid = create_incident(store, _request(occurred_at=LEARNED - timedelta(days=3))).incident_id
    with pytest.raises(ValidationError, match="occurred after"):
        update_incident(store, iid, {"learned_at": LEARNED - timedelta(days=4)})
    with pytest.raises(ValidationError, match="cannot change status"):
        update_incident(store, iid, {"status": "closed"})
    with pytest.raises(ValidationError, match="nothing to change"):
        update_incident(store, iid, {"wrongful_act": False})
    inc = update_incident(store, iid, {"wrongful_act": True}, add_files=(IncidentFile("file", "/x.csv"),))
    assert inc.wrongful_act and inc.files == [IncidentFile("file", "/x.csv")]


def test_every_step_is_a_ledger_event_without_the_declared_text(store: Store) -> None:
    secret = "山田太郎さんの病歴を含む名簿"
    iid = create_incident(store, _request(description=secret)).incident_id
    update_incident(store, iid, {"cause": secret + "の添付ミス"})
    record_assessment(store, iid, _data(), REQUIRED)
    record_step(store, iid, "individuals", done_on=D("2026-11-10"), people_notified=12, method="郵送")
    record_draft(store, iid, documents={"report.md": "0" * 64})
    for kind in ("ppc-preliminary", "ppc-final"):
        record_step(store, iid, kind, done_on=D("2026-11-10"))
    close_incident(store, iid, reason="完了")
    events = [e for e in store.events() if e.kind.startswith("incident.")]
    assert [e.kind for e in events] == [
        "incident.created",
        "incident.updated",
        "incident.assessed",
        "incident.step_recorded",
        "incident.drafted",
        "incident.step_recorded",
        "incident.step_recorded",
        "incident.closed",
    ]
    assert events[1].data()["changed"] == ["cause"]
    assert all("山田" not in e.payload for e in events)
    assert verify_store(store).ok, verify_store(store).table_problems


def _populated(config: StoreConfig) -> None:
    with Store.open(config) as st:
        iid = create_incident(st, _request(files=(IncidentFile("file", "/x.csv"),))).incident_id
        record_assessment(st, iid, _data(), REQUIRED)
        record_step(st, iid, "ppc-preliminary", done_on=D("2026-11-04"))
        assert verify_store(st).ok


# fmt: off
TAMPERING = [
    ("learned later",   "UPDATE incidents SET learned_at = learned_at + INTERVAL 5 DAY", "changed outside"),
    ("wrongful hidden", "UPDATE incidents SET wrongful_act = NOT wrongful_act", "changed outside"),
    ("file removed",    "DELETE FROM incident_files", "deleted outside"),
    ("fewer people",    "UPDATE incident_assessments SET people = 999", "changed outside"),
    ("not mandatory",   "UPDATE incident_assessments SET mandatory = false", "changed outside"),
    ("deadline moved",  "UPDATE incident_deadlines SET due_on = due_on + 30 WHERE kind = 'ppc-final'",
                        "changed outside"),
    ("report faked",    "UPDATE incident_deadlines SET done_on = DATE '2026-11-20' WHERE kind = 'ppc-final'",
                        "changed outside"),
    ("deadlines gone",  "DELETE FROM incident_deadlines", "deleted outside"),
    ("incident added",  "INSERT INTO incident_files VALUES ('INC-000009', 1, 'file', '/y')", "added outside"),
]
# fmt: on


@pytest.mark.parametrize(("name", "sql", "needle"), TAMPERING, ids=[t[0] for t in TAMPERING])
def test_edits_outside_privacy_kit_are_found(config: StoreConfig, name: str, sql: str, needle: str) -> None:
    _populated(config)
    con = duckdb.connect(str(config.path))
    con.execute(sql)
    con.close()
    with Store.open(config, read_only=True) as st:
        report = verify_store(st)
    assert report.chain.ok and any(needle in p for p in report.table_problems), report.table_problems


# A ledger-like invariant: whatever sequence of assessments and steps happens, a step once
# recorded as done keeps its date, the deadlines are exactly (done steps) ∪ (latest required), and
# the store verifies.
_KINDS = ("ppc-preliminary", "ppc-final", "individuals")
_OPS = st.lists(
    st.one_of(
        st.tuples(st.just("assess"), st.sets(st.sampled_from(_KINDS)), st.integers(0, 40)),
        st.tuples(st.just("step"), st.sampled_from(_KINDS), st.integers(0, 15)),
    ),
    min_size=1,
    max_size=8,
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=_OPS)
def test_steps_done_are_never_lost(ops: list[tuple[Any, ...]]) -> None:
    with tempfile.TemporaryDirectory() as tmp, Store.open(StoreConfig(Path(tmp) / "s.duckdb")) as store:
        iid = create_incident(store, _request()).incident_id
        done: dict[str, date] = {}
        required: set[str] = set()
        for op in ops:
            if op[0] == "assess":
                kinds, shift = op[1], op[2]
                record_assessment(
                    store, iid, _data(), [Deadline(k, D("2026-11-04") + timedelta(days=shift), "r") for k in kinds]
                )
                required = set(kinds)
            else:
                kind, day = op[1], D("2026-11-02") + timedelta(days=op[2])
                try:
                    record_step(store, iid, kind, done_on=day)
                except IncidentStateError:
                    assert kind in done
                    continue
                done[kind] = day
        inc = get_incident(store, iid)
        assert {d.kind: d.done_on for d in inc.deadlines if d.done_on} == done
        assert {d.kind for d in inc.deadlines} == set(done) | required
        assert verify_store(store).ok

