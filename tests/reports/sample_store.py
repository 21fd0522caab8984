"""A small audit store with known contents at known times, for the report tests.

The store's own clock is pinned (every ``audit`` module's ``utc_now`` and the ledger's
``utc_now_iso``), so scans, purpose changes and ledger events fall in chosen months and the
expected counts below are exact. Everything is written through the audit library, so the ledger
verifies.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from audit.datasets import add_dataset
from audit.incidents import AssessmentData, Deadline, IncidentRequest, create_incident, record_assessment, record_step
from audit.keys import KeyRing
from audit.moderation import DecisionRecord, record_moderation
from audit.provisions import ProvisionRequest, record_provision
from audit.requests import Identifier, NewRequest, close_request, file_request, refuse_request, verify_request
from audit.purposes import add_purpose, change_purpose, publish_purpose
from audit.scans import record_scan
from audit.store import Store, StoreConfig

_CLOCKED = ("audit.store", "audit.scans", "audit.purposes", "audit.datasets", "audit.provisions", "audit.keys",
            "audit.moderation", "audit.requests", "audit.incidents")

#: (month, entity types found) per scan of the 'sns' data set; one scan per listed month.
SCANS: list[tuple[str, list[str]]] = [
    ("2026-07", ["PERSON", "PHONE_NUMBER"]),
    ("2026-09", ["PERSON", "PERSON", "EMAIL_ADDRESS"]),
    ("2026-10", ["PERSON", "PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "MEDICAL_CONDITION", "JP_MY_NUMBER"]),
]
#: October's moderation decisions: (clause, action, severity).
DECISIONS = [("jspm-3", "delete", "high"), ("jspm-3", "delete", "high"), ("jspm-5", "review", "medium")]
#: October's expected counts (JST month 2026-10).
OCTOBER = {"PERSON": 2, "PHONE_NUMBER": 1, "EMAIL_ADDRESS": 1, "MEDICAL_CONDITION": 1, "JP_MY_NUMBER": 1}


@contextmanager
def clock(monkeypatch: pytest.MonkeyPatch, when: datetime) -> Iterator[None]:
    """Make the audit library believe it is ``when`` (UTC)."""
    naive = when.replace(tzinfo=None)
    with monkeypatch.context() as m:
        for name in _CLOCKED:
            module = sys.modules.get(name) or __import__(name, fromlist=["_"])
            if hasattr(module, "utc_now"):
                m.setattr(module, "utc_now", lambda: naive)
        m.setattr("audit.ledger.utc_now_iso", lambda: when.astimezone(UTC).isoformat(timespec="microseconds"))
        yield


def _at(month: str, day: int = 10, hour: int = 3) -> datetime:
    year, mon = (int(x) for x in month.split("-"))
    return datetime(year, mon, day, hour, 0, tzinfo=UTC)


def build_sample_store(path: Path, logs: Path, monkeypatch: pytest.MonkeyPatch) -> StoreConfig:
    """Purposes, two data sets, scans in Jul/Sep/Oct 2026, provisions, a purpose change in October."""
    config = StoreConfig(path, lock_timeout=5.0, actor="officer")
    logs.mkdir(parents=True, exist_ok=True)
    source = logs / "comments.jsonl"
    source.write_text('{"text": "fictional"}\n', encoding="utf-8")
    with Store.open(config) as store:
        ring = KeyRing.open(store)
        with clock(monkeypatch, _at("2026-06", 1)):
            add_purpose(
                store,
                purpose_id="P-comments",
                text="公式アカウントへのコメントの管理と削除判断のため",
                categories=["PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS"],
                published_on=date(2026, 6, 1),
            )
            add_dataset(
                store, "sns", location=str(logs / "*.jsonl"), format="jsonl", owner="広報課",
                purposes=["P-comments"], retention="3y",
            )
            add_dataset(
                store, "access-logs", location=str(logs / "*.log"), format="log", owner="情報システム課",
                purposes=["P-comments"], retention="90d", third_party=False,
            )
        for month, types in SCANS:
            with clock(monkeypatch, _at(month)):
                findings = [
                    {"source": str(source), "record": i + 1, "field": "text", "start": 0, "end": 4,
                     "entity_type": t, "score": 0.9, "recognizer": "test.v1", "value": f"value-{month}-{i}"}
                    for i, t in enumerate(types)
                ]
                record_scan(store, {"inputs": [str(source)], "run_id": f"run-{month}"}, findings, keyring=ring,
                            stats={"records": len(types)})
        with clock(monkeypatch, _at("2026-10", 15)):
            change_purpose(
                store, "P-comments", categories=["PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "JP_*"],
                justification="会員番号照合のため、当初目的と関連する範囲で追加",
            )
            record_provision(
                store,
                ProvisionRequest(
                    direction="provide", legal_path="consent", counterparty_name="株式会社サンプル印刷",
                    data_items=("氏名", "住所"), subjects_description="学術集会の参加者", subject_count=12,
                    consent_ref="申込フォーム同意欄 v3", dataset_id="sns", recorded_on=date(2026, 10, 15),
                ),
                keyring=ring,
            )
            record_provision(
                store,
                ProvisionRequest(
                    direction="provide", legal_path="legal-exemption", exemption="27-1-1",
                    counterparty_name="警察署", data_items=("アクセスログ",), dataset_id="access-logs",
                    subject_count=1, recorded_on=date(2023, 11, 20),
                ),
                keyring=ring,
            )
        with clock(monkeypatch, _at("2026-10", 20)):
            record_moderation(
                store, keyring=ring, pack={"id": "jspm", "version": "1", "sha256": "0" * 64},
                inputs=[str(source)], options={}, counts={"comments": 40},
                decisions=[DecisionRecord(str(source), i + 1, f"c{i}", f"user{i}", clause, action, severity, "r1")
                           for i, (clause, action, severity) in enumerate(DECISIONS)],
            )
        # data-subject requests: RQ-000001 answered in 7 days (October), RQ-000002 refused late
        # (received in September, refused in October), RQ-000003 still open and overdue in November
        def request(rtype: str, received: date, who: str) -> str:
            with clock(monkeypatch, datetime(received.year, received.month, received.day, 1, tzinfo=UTC)):
                req = file_request(store, ring, NewRequest(rtype, (Identifier("email", who),), received_on=received))
            return req.request_id

        first = request("33-1", date(2026, 10, 1), "taro@example.jp")
        second = request("34", date(2026, 9, 20), "hanako@example.jp")
        with clock(monkeypatch, _at("2026-10", 8)):
            verify_request(store, first, method="registered-email", verified_on=date(2026, 10, 8))
            close_request(store, first, "fulfilled")
        with clock(monkeypatch, _at("2026-10", 20)):
            refuse_request(store, second, ground="34-not-untrue", reason="登録内容は事実と一致しています")
        request("35-1", date(2026, 11, 2), "jiro@example.jp")

        # an incident learned of on 2026-10-03, reportable (Rule 7(i)): the preliminary report was
        # filed in time (due 10-07, done 10-06); the final report (due 11-02) never was
        with clock(monkeypatch, _at("2026-10", 3, 1)):
            incident = create_incident(
                store, IncidentRequest("会員名簿の誤送信", datetime(2026, 10, 3, 0, 30, tzinfo=UTC), "leak")
            ).incident_id
        with clock(monkeypatch, _at("2026-10", 4)):
            record_assessment(
                store, incident,
                AssessmentData("declarations", "APPI-2022", (), 3, 3, {"MEDICAL_CONDITION": 1}, {},
                               [{"item": "i", "applies": True}, {"item": "iv", "applies": False}],
                               False, True, date(2026, 10, 7), date(2026, 11, 2)),
                [Deadline("ppc-preliminary", date(2026, 10, 7), "Rule 8(1)"),
                 Deadline("ppc-final", date(2026, 11, 2), "Rule 8(2)")],
            )
        with clock(monkeypatch, _at("2026-10", 6)):
            record_step(store, incident, "ppc-preliminary", done_on=date(2026, 10, 6), ref="PPC-0001")
    return config
