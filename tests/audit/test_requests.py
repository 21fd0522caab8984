"""Data-subject requests in the store: intake rules (Arts 33, 37, 38), the workflow state machine,
refusal grounds (Arts 33(2), 35, 36), due dates and overdue listing, erasure with legal hold."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.errors import RecordNotFoundError, RequestStateError, ValidationError
from audit.keys import KeyRing
from audit.provisions import ProvisionRequest, record_provision
from audit.requests import (
    TRANSITIONS,
    Identifier,
    NewRequest,
    check_transition,
    close_request,
    extend_request,
    file_request,
    get_request,
    list_requests,
    record_evidence,
    refuse_request,
    request_identity,
    service_days,
    set_service_days,
    shred_request_subject,
    start_request,
    transition,
    verify_request,
)
from audit.store import Store
from audit.verify import verify_store
from audit.vocab import FINAL_STATES, REFUSAL_GROUNDS, REQUEST_STATES, REQUEST_TYPES
from tests.audit.plaintext import store_files, values_in_files, values_in_tables

D = date.fromisoformat
EMAIL = "taro.yamada@example.jp"
IDENTIFIERS = (
    Identifier("name", "山田 太郎"),
    Identifier("name_reading", "ヤマダ タロウ"),
    Identifier("email", EMAIL),
    Identifier("phone", "090-1234-5678"),
)
DELETION = NewRequest("35-1", IDENTIFIERS, received_on=D("2026-06-01"), channel="web form")


def _verified(store: Store, ring: KeyRing, req: NewRequest = DELETION) -> str:
    rid = file_request(store, ring, req).request_id
    verify_request(store, rid, method="registered-email", verified_on=req.received_on)
    return rid


# --- intake --------------------------------------------------------------------------------------


def test_intake_keeps_identifiers_encrypted_and_computes_the_due_date(
    store: Store, ring: KeyRing, config
) -> None:
    req = file_request(store, ring, DELETION)
    assert (req.request_id, req.state, req.received_on, req.due_on) == (
        "RQ-000001",
        "received",
        D("2026-06-01"),
        D("2026-06-15"),
    )
    assert req.identifier_kinds == ["name", "name_reading", "email", "phone"]
    assert req.identifier_values is None and len(set(req.subject_refs)) == 4
    shown = get_request(store, req.request_id, keyring=ring)
    assert shown.identifier_values == [i.value for i in IDENTIFIERS]
    assert [e.action for e in shown.events] == ["received"]
    store.close()
    values = [i.value for i in IDENTIFIERS]
    assert values_in_files(store_files(config.path), values) == []
    assert values_in_tables(config.path, values) == []


def test_ids_count_up_and_the_ledger_verifies(store: Store, ring: KeyRing) -> None:
    ids = [file_request(store, ring, DELETION).request_id for _ in range(3)]
    assert ids == ["RQ-000001", "RQ-000002", "RQ-000003"]
    report = verify_store(store)
    assert report.ok, report.table_problems


# fmt: off
INTAKE = [
    # (changes to a valid 33-1 request, error expected or None)
    ({},                                                    None),
    ({"fee_yen": 1000},                                     None),   # Art 38: disclosure may carry a fee
    ({"request_type": "32-2", "fee_yen": 500},              None),
    ({"request_type": "33-5", "fee_yen": 0},                None),
    ({"request_type": "34", "fee_yen": 0},                  None),   # zero is no fee
    ({"request_type": "34", "fee_yen": 1000},               "no fee may be charged"),
    ({"request_type": "35-1", "fee_yen": 300},              "no fee may be charged"),
    ({"request_type": "35-3", "fee_yen": 300},              "no fee may be charged"),
    ({"fee_yen": -1},                                       "negative"),
    ({"disclosure_method": "written"},                      None),
    ({"disclosure_method": "fax"},                          "disclosure method"),
    ({"request_type": "35-5", "disclosure_method": "written"}, "applies only to"),
    ({"request_type": "36"},                                "request type"),
    ({"agent_type": "legal"},                               None),
    ({"agent_type": "friend"},                              "agent type"),
    ({"identifiers": ()},                                   "at least one identifier"),
    ({"identifiers": (Identifier("email", "  "),)},         "at least one identifier"),
    ({"identifiers": (Identifier("passport", "X1"),)},      "identifier kind"),
    ({"service_days": 0},                                   "at least one day"),
]
# fmt: on


@pytest.mark.parametrize(("changes", "error"), INTAKE)
def test_intake_rules(store: Store, ring: KeyRing, changes: dict, error: str | None) -> None:
    req = replace(NewRequest("33-1", IDENTIFIERS[2:3]), **changes)
    if error is None:
        got = file_request(store, ring, req)
        assert got.fee_yen == req.fee_yen
        assert got.disclosure_method == (
            req.disclosure_method or ("electronic" if req.request_type in ("32-2", "33-1", "33-5") else None)
        )
    else:
        with pytest.raises(ValidationError, match=error):
            file_request(store, ring, req)
        assert list_requests(store) == []


def test_service_level_from_the_store_or_the_request(store: Store, ring: KeyRing) -> None:
    assert service_days(store) == 14
    set_service_days(store, 10)
    assert file_request(store, ring, DELETION).due_on == D("2026-06-11")
    assert file_request(store, ring, replace(DELETION, service_days=3)).due_on == D("2026-06-04")
    with pytest.raises(ValidationError):
        set_service_days(store, 0)
    assert verify_store(store).ok


# --- the state machine ---------------------------------------------------------------------------


def _all_pairs() -> list[tuple[str, str, bool]]:
    return [(a, b, b in TRANSITIONS[a]) for a in REQUEST_STATES for b in REQUEST_STATES]


@pytest.mark.parametrize(("current", "target", "allowed"), _all_pairs())
def test_transition_table(current: str, target: str, allowed: bool) -> None:
    if allowed:
        check_transition(current, target)
    else:
        with pytest.raises(RequestStateError, match=f"cannot become {target}"):
            check_transition(current, target)


def test_final_states_go_nowhere_and_the_happy_path_is_allowed() -> None:
    assert all(TRANSITIONS[s] == () for s in FINAL_STATES)
    path = ["received", "identity_pending", "verified", "in_progress", "fulfilled"]
    for a, b in zip(path, path[1:], strict=False):
        check_transition(a, b)


ACTIONS = st.sampled_from(
    ["identity_pending", "verified", "in_progress", "fulfilled", "partially_fulfilled", "refused", "withdrawn"]
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(ACTIONS, min_size=1, max_size=8))
def test_random_transition_sequences_follow_the_machine(store: Store, ring: KeyRing, steps: list[str]) -> None:
    """Whatever is attempted, the stored state is what the table allows, an illegal step changes
    nothing, every accepted step is one request event, and the ledger still verifies."""
    rid = file_request(store, ring, DELETION).request_id
    model, accepted = "received", 0
    for target in steps:
        legal = target in TRANSITIONS[model]
        try:
            if target == "verified":
                verify_request(store, rid, method="id-document", verified_on=D("2026-06-02"))
            elif target == "refused":
                refuse_request(store, rid, ground="35-not-met", reason="利用目的の範囲内で適正に取り扱っています")
            elif target == "partially_fulfilled":
                transition(store, rid, target, changes={"reason": "一部は保存義務のため保持"})
            else:
                transition(store, rid, target)
        except RequestStateError:
            assert not legal
        else:
            assert legal
            model, accepted = target, accepted + 1
        assert get_request(store, rid).state == model
    got = get_request(store, rid)
    assert len(got.events) == accepted + 1
    assert (got.closed_at is not None) == (model in FINAL_STATES)
    assert verify_store(store).ok


def test_unknown_request_is_a_clear_error(store: Store) -> None:
    with pytest.raises(RecordNotFoundError, match="RQ-000009"):
        get_request(store, "RQ-000009")
    with pytest.raises(RecordNotFoundError):
        verify_request(store, "RQ-000009", method="in-person")


def test_identity_pending_then_verified(store: Store, ring: KeyRing) -> None:
    rid = file_request(store, ring, DELETION).request_id
    request_identity(store, rid, note="本人確認書類の提出を依頼")
    got = verify_request(store, rid, method="id-document", verified_on=D("2026-06-03"))
    assert (got.state, got.verification_method, got.verified_on) == ("verified", "id-document", D("2026-06-03"))
    assert [e.action for e in got.events] == ["received", "identity_requested", "verified"]
    with pytest.raises(ValidationError, match="verification method"):
        verify_request(store, file_request(store, ring, DELETION).request_id, method="guess")


def test_verification_cannot_precede_receipt(store: Store, ring: KeyRing) -> None:
    rid = file_request(store, ring, DELETION).request_id
    with pytest.raises(ValidationError, match="before the request was received"):
        verify_request(store, rid, method="in-person", verified_on=D("2026-05-31"))


def test_agent_requests_need_the_agents_authority_confirmed(store: Store, ring: KeyRing) -> None:
    rid = file_request(store, ring, replace(DELETION, agent_type="legal")).request_id
    with pytest.raises(ValidationError, match="agent"):
        verify_request(store, rid, method="id-document", verified_on=D("2026-06-02"))
    got = verify_request(
        store, rid, method="id-document", verified_on=D("2026-06-02"), agent_verification="戸籍謄本"
    )
    assert (got.state, got.agent_verification) == ("verified", "戸籍謄本")


# --- refusal ---------------------------------------------------------------------------------------


def _ground_cases() -> list[tuple[str, str, bool]]:
    return [(t, g, t in applies) for g, (_, applies) in REFUSAL_GROUNDS.items() for t in REQUEST_TYPES]


@pytest.mark.parametrize(("request_type", "ground", "applies"), _ground_cases())
def test_refusal_grounds_apply_to_their_request_types(
    store: Store, ring: KeyRing, request_type: str, ground: str, applies: bool
) -> None:
    rid = file_request(store, ring, replace(DELETION, request_type=request_type)).request_id
    kwargs = {"ground": ground, "reason": "理由の説明", "alternative": "利用を停止し閲覧権限を限定"}
    if applies:
        got = refuse_request(store, rid, **kwargs)
        assert (got.state, got.refusal_ground, got.reason) == ("refused", ground, "理由の説明")
    else:
        with pytest.raises(ValidationError, match="does not apply"):
            refuse_request(store, rid, **kwargs)
        assert get_request(store, rid).state == "received"


@pytest.mark.parametrize(
    ("ground", "reason", "alternative", "error"),
    [
        ("35-not-met", "", None, "reason"),
        ("35-not-met", "   ", None, "reason"),
        ("35-alternative", "費用が過大", None, "alternative measure"),
        ("35-alternative", "費用が過大", "閲覧を停止", None),
        ("no-such-ground", "x", None, "refusal ground"),
    ],
)
def test_refusal_needs_a_reason_and_an_alternative_where_the_law_asks(
    store: Store, ring: KeyRing, ground: str, reason: str, alternative: str | None, error: str | None
) -> None:
    rid = file_request(store, ring, DELETION).request_id
    if error:
        with pytest.raises(ValidationError, match=error):
            refuse_request(store, rid, ground=ground, reason=reason, alternative=alternative)
    else:
        got = refuse_request(store, rid, ground=ground, reason=reason, alternative=alternative)
        assert got.alternative_measure == alternative


# --- due dates ---------------------------------------------------------------------------------------


def test_extension_moves_the_due_date_only_forward(store: Store, ring: KeyRing) -> None:
    rid = file_request(store, ring, DELETION).request_id
    got = extend_request(store, rid, due_on=D("2026-06-29"), reason="対象データが多く調査に時間を要するため")
    assert (got.due_on, got.state, got.events[-1].action) == (D("2026-06-29"), "received", "extended")
    with pytest.raises(ValidationError, match="later date"):
        extend_request(store, rid, due_on=D("2026-06-20"), reason="x")
    with pytest.raises(ValidationError, match="reason"):
        extend_request(store, rid, due_on=D("2026-07-20"), reason="")
    close_request(store, rid, "withdrawn")
    with pytest.raises(RequestStateError, match="only an open request"):
        extend_request(store, rid, due_on=D("2026-07-20"), reason="x")


def test_overdue_listing(store: Store, ring: KeyRing) -> None:
    today = D("2026-06-20")
    late = file_request(store, ring, replace(DELETION, received_on=today - timedelta(days=15))).request_id
    due_today = file_request(store, ring, replace(DELETION, received_on=today - timedelta(days=14))).request_id
    fresh = file_request(store, ring, replace(DELETION, received_on=today)).request_id
    done_late = _verified(store, ring, replace(DELETION, received_on=today - timedelta(days=30)))
    close_request(store, done_late, "fulfilled")
    extended = file_request(store, ring, replace(DELETION, received_on=today - timedelta(days=20))).request_id
    extend_request(store, extended, due_on=today + timedelta(days=5), reason="調査中")
    assert [r.request_id for r in list_requests(store, overdue_on=today)] == [late]
    assert {r.request_id for r in list_requests(store, open_only=True)} == {late, due_today, fresh, extended}
    assert get_request(store, late).overdue(today) and not get_request(store, due_today).overdue(today)
    assert not get_request(store, done_late).overdue(today)
    assert [r.request_id for r in list_requests(store, state="fulfilled")] == [done_late]


# --- evidence and closing ------------------------------------------------------------------------------


def test_evidence_moves_a_verified_request_into_progress_and_is_hashed(store: Store, ring: KeyRing) -> None:
    rid = file_request(store, ring, DELETION).request_id
    with pytest.raises(RequestStateError, match="verified request"):
        record_evidence(store, rid, "search", {"found": 0})
    verify_request(store, rid, method="member-login", verified_on=D("2026-06-01"))
    got = record_evidence(store, rid, "search", {"found": 3, "datasets": ["comments"]})
    assert got.state == "in_progress" and got.evidence[0].document == {"found": 3, "datasets": ["comments"]}
    events = [e for e in store.events() if e.kind == "request.evidence"]
    assert events and events[-1].data()["sha256"] == got.evidence[0].sha256
    done = close_request(store, rid, "fulfilled", evidence=("deletion", {"deleted": 3}))
    assert [e.kind for e in done.evidence] == ["search", "deletion"] and done.closed_at is not None
    assert verify_store(store).ok


def test_partial_fulfilment_needs_a_reason(store: Store, ring: KeyRing) -> None:
    rid = _verified(store, ring)
    with pytest.raises(ValidationError, match="reason"):
        close_request(store, rid, "partially_fulfilled")
    got = close_request(store, rid, "partially_fulfilled", reason="提供記録は法定の保存期間中のため保持")
    assert [e.to_state for e in got.events] == ["received", "verified", "in_progress", "partially_fulfilled"]


def test_editing_a_request_outside_privacy_kit_is_detected(store: Store, ring: KeyRing) -> None:
    rid = _verified(store, ring)
    store.con.execute("UPDATE requests SET due_on = DATE '2027-01-01' WHERE request_id = ?", [rid])
    problems = verify_store(store).table_problems
    assert any(p.startswith(f"requests {rid}") for p in problems)


def test_start_is_idempotent_in_progress(store: Store, ring: KeyRing) -> None:
    rid = _verified(store, ring)
    assert start_request(store, rid).state == "in_progress"
    assert len(start_request(store, rid).events) == 3


# --- erasure ---------------------------------------------------------------------------------------------


def test_erasure_shreds_the_subject_but_holds_provision_records(store: Store, ring: KeyRing, tmp_path: Path) -> None:
    record_provision(
        store,
        ProvisionRequest(
            direction="provide",
            legal_path="consent",
            counterparty_name="株式会社サンプル印刷",
            data_items=("氏名", "メールアドレス"),
            subjects=(EMAIL,),
            consent_ref="同意書 v1",
            recorded_on=D("2026-05-01"),
        ),
        keyring=ring,
    )
    rid = _verified(store, ring)
    erasure, result = shred_request_subject(
        ring, rid, [i.value for i in IDENTIFIERS] + ["山田太郎"], today=D("2026-06-10")
    )
    assert erasure.held == (("PR-000001", D("2029-05-01")),) and erasure.held_subjects == 1
    assert result is not None and erasure.shredded == 3  # name, reading, phone; 山田太郎 had no key
    got = get_request(store, rid, keyring=ring)
    assert got.identifier_values == [None, None, EMAIL, None]
    assert got.subject_refs.count("shredded") == 3
    assert verify_store(store).ok


def test_erasure_cuts_the_link_of_moderation_decisions_to_the_author(
    store: Store, ring: KeyRing, tmp_path: Path
) -> None:
    """A moderation decision names its author by keyed hash: erasing the author replaces it."""
    from audit.moderation import DecisionRecord, record_moderation

    export = tmp_path / "comments.jsonl"
    export.write_text('{"id": "c1"}\n', encoding="utf-8")
    decision = DecisionRecord(str(export), 0, "c1", "@taro_y", "jspm-3", "delete", "high", "pii.v1")
    record_moderation(
        store, keyring=ring, pack={"id": "jspm", "version": "1", "sha256": "0" * 64}, inputs=[str(export)],
        options={}, counts={"comments": 1}, decisions=[decision],
    )
    rid = _verified(store, ring, replace(DELETION, identifiers=(Identifier("account", "@taro_y"),)))
    erasure, _ = shred_request_subject(ring, rid, ["@taro_y"], today=D("2026-06-10"))
    assert erasure.shredded == 1
    assert store.con.execute("SELECT author_ref FROM moderation_decisions").fetchall() == [("shredded",)]
    assert verify_store(store).ok
