"""``verify_store`` on real files: tampering with the ledger table or with the data tables (by
someone with plain DuckDB access, outside privacy-kit) is reported; honest histories pass."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import duckdb
import pytest

from audit.datasets import add_dataset
from audit.errors import CheckpointError
from audit.keys import KeyRing, shred_subjects
from audit.ledger import Checkpoint, make_event
from audit.provisions import ProvisionRequest, record_provision
from audit.purposes import add_purpose, change_purpose, publish_purpose
from audit.scans import discard_scan, record_scan, start_scan
from audit.store import Store, StoreConfig
from audit.verify import make_checkpoint, verify_store


def _populate(config: StoreConfig) -> Checkpoint:
    with Store.open(config) as st:
        ring = KeyRing.open(st)
        pv = add_purpose(st, text="公式SNSへのコメント管理のため", categories=["PERSON", "EMAIL_ADDRESS"])
        change_purpose(
            st,
            pv.purpose_id,
            categories=["PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER"],
            justification="電話番号を含むコメントへの対応も同じ目的の範囲",
        )
        publish_purpose(st, pv.purpose_id, published_on=date(2026, 4, 1))
        add_dataset(
            st,
            "sns",
            location="/data/sns/*.jsonl",
            format="jsonl",
            owner="広報",
            purposes=[pv.purpose_id],
            retention="1y",
        )
        findings = [
            {
                "source": "/data/sns/a.jsonl",
                "record": r,
                "field": "text",
                "start": 0,
                "end": 13,
                "entity_type": "PHONE_NUMBER",
                "score": 0.9,
                "recognizer": "jp.phone.v1",
                "value": f"090-0000-{r:04d}",
            }
            for r in range(6)
        ]
        record_scan(
            st, {"inputs": ["/data/sns/a.jsonl"]}, findings, keyring=ring, encrypt_values=True, batch_size=3
        )
        record_provision(
            st,
            ProvisionRequest(
                "provide",
                "consent",
                "株式会社サンプル",
                ("電話番号",),
                subjects=("090-0000-0001",),
                consent_ref="同意書 12",
            ),
            keyring=ring,
        )
        rec = start_scan(st, {"inputs": []}, keyring=ring)
        rec.add_batch(findings[:2])
        discard_scan(st, rec.run_id)
        shred_subjects(ring, ["090-0000-0005"], today=date(2026, 11, 21))
        cp = make_checkpoint(st)
        report = verify_store(st, [cp])
        assert report.ok, report.to_dict()
    return cp


def _tamper(config: StoreConfig, *sql: str) -> None:
    con = duckdb.connect(str(config.path))
    for stmt in sql:
        con.execute(stmt)
    con.close()


def _report(config: StoreConfig, cp: Checkpoint | None = None):  # type: ignore[no-untyped-def]
    with Store.open(config, read_only=True) as st:
        return verify_store(st, [cp] if cp else [])


def test_an_honest_history_verifies_with_tables_and_checkpoint(config: StoreConfig) -> None:
    cp = _populate(config)
    report = _report(config, cp)
    assert report.ok and report.tables_checked and report.checkpoints == 1
    assert report.chain.count == cp.count


# fmt: off
LEDGER_TAMPERING = [
    ("edit",     ["UPDATE ledger SET payload = replace(payload, 'related', 'consent') WHERE kind = 'purpose.changed'"],
                 "edited"),
    ("actor",    ["UPDATE ledger SET actor = 'someone-else' WHERE seq = 3"], "edited"),
    ("delete",   ["DELETE FROM ledger WHERE seq = 4"], "deleted"),
    ("reorder",  ["UPDATE ledger SET seq = CASE seq WHEN 5 THEN 6 WHEN 6 THEN 5 ELSE seq END"], "reordered"),
    ("insert",   ["UPDATE ledger SET seq = seq + 1 WHERE seq >= 5",
                  "INSERT INTO ledger SELECT 5, ts, 'purpose.added', actor, '{}', prev_hash, hash FROM ledger WHERE seq = 4"],
                 "inserted"),
]
# fmt: on


@pytest.mark.parametrize(("name", "sql", "needle"), LEDGER_TAMPERING, ids=[t[0] for t in LEDGER_TAMPERING])
def test_tampering_with_the_ledger_table_is_detected(
    config: StoreConfig, name: str, sql: list[str], needle: str
) -> None:
    _populate(config)
    _tamper(config, *sql)
    report = _report(config)
    assert not report.chain.ok
    assert any(needle in p.reason for p in report.chain.problems), report.to_dict()


def test_a_truncated_ledger_is_detected_only_with_the_checkpoint(config: StoreConfig) -> None:
    cp = _populate(config)
    _tamper(config, f"DELETE FROM ledger WHERE seq > {cp.count - 2}")
    assert _report(config, None).chain.ok
    report = _report(config, cp)
    assert not report.ok and "removed from the end" in report.checkpoint_problems[0].reason


def test_a_recomputed_ledger_is_detected_with_the_checkpoint(config: StoreConfig) -> None:
    """An attacker with the file rewrites an event and recomputes every later hash."""
    cp = _populate(config)
    con = duckdb.connect(str(config.path))
    rows = con.execute("SELECT seq, ts, kind, actor, payload FROM ledger ORDER BY seq").fetchall()
    con.execute("DELETE FROM ledger")
    prev = None
    for seq, ts, kind, actor, payload in rows:
        if seq == 2:
            actor = "mallory"
        import json

        prev = make_event(prev, kind, json.loads(payload), actor=actor, ts=ts)
        con.execute(
            "INSERT INTO ledger VALUES (?, ?, ?, ?, ?, ?, ?)",
            [prev.seq, prev.ts, prev.kind, prev.actor, prev.payload, prev.prev_hash, prev.hash],
        )
    con.close()
    assert _report(config).chain.ok
    report = _report(config, cp)
    assert not report.ok and "rewritten" in report.checkpoint_problems[0].reason


def test_a_checkpoint_of_another_store_is_refused(config: StoreConfig, tmp_path) -> None:  # type: ignore[no-untyped-def]
    cp = _populate(config)
    other = StoreConfig(tmp_path / "other.duckdb")
    Store.open(other).close()
    with Store.open(other, read_only=True) as st, pytest.raises(CheckpointError, match="belongs to store"):
        verify_store(st, [cp])


TableTamper = Callable[[], list[str]]

# fmt: off
TABLE_TAMPERING = [
    ("purpose text",   ["UPDATE purpose_versions SET text = '広告配信のため' WHERE version = 1"], "changed outside"),
    ("purpose gone",   ["DELETE FROM purpose_versions WHERE version = 2"], "deleted outside"),
    ("purpose added",  ["INSERT INTO purpose_versions SELECT purpose_id, 9, text, categories, policy_ref, basis, "
                        "justification, consent_ref, created_at, created_by, published_on, publication_ref "
                        "FROM purpose_versions WHERE version = 1"], "added outside"),
    ("dataset policy", ["UPDATE datasets SET third_party = 'never'"], "changed outside"),
    ("finding moved",  ["UPDATE findings SET start_offset = start_offset + 1 WHERE seq = 2"], "changed outside"),
    ("finding gone",   ["DELETE FROM findings WHERE seq = 4"], "changed outside"),
    ("batch gone",     ["DELETE FROM findings WHERE batch_no = 2"], "deleted outside"),
    ("run status",     ["UPDATE scan_runs SET status = 'discarded' WHERE status = 'completed'"], "changed outside"),
    ("input hash",     ["UPDATE scan_inputs SET sha256 = repeat('0', 64)"], "changed outside"),
    ("retention",      ["UPDATE provisions SET retention_until = DATE '2026-01-01'"], "changed outside"),
    ("subject gone",   ["DELETE FROM provision_subjects"], "deleted outside"),
    ("key destroyed",  ["DELETE FROM keyring WHERE key_ref = (SELECT min(key_ref) FROM keyring WHERE kind = 'subject')"],
                       "keys added or destroyed"),
]
# fmt: on


@pytest.mark.parametrize(("name", "sql", "needle"), TABLE_TAMPERING, ids=[t[0] for t in TABLE_TAMPERING])
def test_tampering_with_the_tables_is_detected(
    config: StoreConfig, name: str, sql: list[str], needle: str
) -> None:
    _populate(config)
    _tamper(config, *sql)
    report = _report(config)
    assert report.chain.ok  # the ledger itself is intact ...
    assert any(needle in p for p in report.table_problems), report.table_problems  # ... but disagrees


def test_chain_only_skips_the_tables(config: StoreConfig) -> None:
    _populate(config)
    _tamper(config, "UPDATE datasets SET third_party = 'never'")
    with Store.open(config, read_only=True) as st:
        report = verify_store(st, tables=False)
    assert report.ok and not report.tables_checked
