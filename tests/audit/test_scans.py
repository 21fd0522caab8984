"""Recording scans: batches as transactions, values never in clear, interrupted runs resumed or
discarded."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from audit.errors import ScanStateError, ValidationError
from audit.keys import KeyRing
from audit.scans import (
    discard_scan,
    findings_for_value,
    get_run,
    list_runs,
    record_scan,
    resume_scan,
    start_scan,
)
from audit.store import Store, StoreConfig
from audit.verify import verify_store
from tests.audit.plaintext import store_files, values_in_files, values_in_tables

VALUES = [
    "090-1234-5678",
    "taro.yamada@example.jp",
    "山田太郎",
    "4111111111111111",
    "東京都千代田区神田三崎町3-3-1",
]


@dataclass(frozen=True)
class FindingLike:
    """Shaped like privacy_kit.findings.Finding, which audit must not import."""

    source: str
    record: int
    field: str | None
    start: int
    end: int
    entity_type: str
    score: float
    recognizer: str
    value: str


def _findings(source: str, n_records: int, per_record: int = 2) -> list[FindingLike]:
    out = []
    for r in range(n_records):
        for k in range(per_record):
            value = VALUES[(r + k) % len(VALUES)]
            out.append(
                FindingLike(
                    source, r, "text", k * 10, k * 10 + len(value), "PHONE_NUMBER", 0.85, "jp.phone.v1", value
                )
            )
    return out


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "comments.jsonl"
    path.write_text("".join(f'{{"text": "{v}"}}\n' for v in VALUES), encoding="utf-8")
    return path


def test_a_run_is_recorded_with_inputs_options_and_counts(store: Store, ring: KeyRing, sample: Path) -> None:
    run = record_scan(
        store,
        {"inputs": [str(sample)], "options": {"text_fields": ["text"]}, "tool_version": "0.1.0"},
        _findings(str(sample), 5),
        keyring=ring,
        batch_size=4,
        stats={"records": 5},
    )
    stored = get_run(store, run.run_id)
    assert stored.status == "completed" and stored.finished_at is not None and stored.actor == "tester"
    assert stored.findings_count == 10 and stored.batches == 3  # 4+4+2, cut at record boundaries
    assert stored.counts == {"inputs": 1, "records": 5, "entity_types": {"PHONE_NUMBER": 10}}
    assert stored.options == {"text_fields": ["text"]} and stored.tool_version == "0.1.0"
    [inp] = stored.inputs
    import hashlib

    assert inp.path == str(sample) and inp.sha256 == hashlib.sha256(sample.read_bytes()).hexdigest()
    assert inp.size == sample.stat().st_size
    kinds = [e.kind for e in store.events()]
    assert kinds.count("scan.batch") == 3 and kinds[-1] == "scan.completed"
    assert verify_store(store).ok


def test_batches_never_split_a_record(store: Store, ring: KeyRing) -> None:
    run = record_scan(
        store, {"inputs": []}, _findings("a.jsonl", 6, per_record=3), keyring=ring, batch_size=2
    )
    rows = store.con.execute(
        "SELECT batch_no, record FROM findings WHERE run_id = ? ORDER BY seq", [run.run_id]
    ).fetchall()
    by_record: dict[int, set[int]] = {}
    for batch_no, record in rows:
        by_record.setdefault(record, set()).add(batch_no)
    assert all(len(b) == 1 for b in by_record.values())
    assert run.progress == {"source": "a.jsonl", "record": 5}


def test_values_are_hashed_and_encrypted_only_when_asked(store: Store, ring: KeyRing) -> None:
    plain = record_scan(store, {"inputs": []}, _findings("a.jsonl", 2), keyring=ring)
    kept = record_scan(store, {"inputs": []}, _findings("b.jsonl", 2), keyring=ring, encrypt_values=True)
    hashes = store.con.execute("SELECT DISTINCT value_hash FROM findings").fetchall()
    assert all(len(h[0]) == 64 for h in hashes)
    assert (
        store.con.execute(
            "SELECT count(*) FROM findings WHERE run_id = ? AND ciphertext IS NOT NULL", [plain.run_id]
        ).fetchall()[0][0]
        == 0
    )
    assert (
        store.con.execute(
            "SELECT count(*) FROM findings WHERE run_id = ? AND ciphertext IS NULL", [kept.run_id]
        ).fetchall()[0][0]
        == 0
    )
    found = findings_for_value(store, ring, "０９０１２３４５６７８", decrypt=True)
    assert {f.run_id for f in found} == {plain.run_id, kept.run_id}
    assert {f.value for f in found if f.run_id == kept.run_id} == {"090-1234-5678"}
    assert {f.value for f in found if f.run_id == plain.run_id} == {None}


@pytest.mark.parametrize("encrypt", [False, True])
def test_no_value_is_in_the_database_file(config: StoreConfig, sample: Path, encrypt: bool) -> None:
    with Store.open(config) as st:
        ring = KeyRing.open(st)
        record_scan(
            st, {"inputs": [str(sample)]}, _findings(str(sample), 5), keyring=ring, encrypt_values=encrypt
        )
        assert values_in_files(store_files(config.path), VALUES) == []  # WAL not yet checkpointed
    assert values_in_files(store_files(config.path), VALUES) == []
    assert values_in_tables(config.path, VALUES) == []


def test_the_search_finds_a_value_stored_in_clear(config: StoreConfig) -> None:
    """Positive control: the two searches above would catch a value written in clear."""
    with Store.open(config) as st, st.transaction():
        st.con.execute("INSERT INTO store_meta VALUES ('leak', ?)", [VALUES[1]])
        st.con.execute(
            "INSERT INTO scan_runs VALUES ('r', 'running', now()::TIMESTAMP, NULL, 'a', NULL, ?, "
            "false, 0, 0, '{}', NULL)",
            [VALUES[0]],
        )
    assert values_in_files(store_files(config.path), VALUES) == sorted(VALUES[:2])
    assert values_in_tables(config.path, VALUES) == sorted(VALUES[:2])


# fmt: off
BROKEN = [
    ({"value": None},          "a text value|value"),
    ({"start": None},          "start"),
    ({"source": ""},           "a text value"),
    ({"entity_type": None},    "entity_type"),
]
# fmt: on


@pytest.mark.parametrize(("override", "needle"), BROKEN)
def test_a_finding_without_required_fields_is_refused(
    store: Store,
    ring: KeyRing,
    override: dict,  # type: ignore[type-arg]
    needle: str,
) -> None:
    good = {
        "source": "a",
        "record": 0,
        "field": "t",
        "start": 0,
        "end": 3,
        "entity_type": "PERSON",
        "score": 0.5,
        "recognizer": "r",
        "value": "山田様",
    }
    recorder = start_scan(store, {"inputs": []}, keyring=ring)
    with pytest.raises(ValidationError, match=needle):
        recorder.add_batch([good, {**good, **override}])
    assert store.con.execute("SELECT count(*) FROM findings").fetchall()[0][0] == 0  # nothing half-written


def test_an_interrupted_run_can_be_resumed(config: StoreConfig, sample: Path) -> None:
    findings = _findings(str(sample), 6)
    with Store.open(config) as st:
        rec = start_scan(st, {"inputs": [str(sample)]}, keyring=KeyRing.open(st))
        rec.add_batch(findings[:4], progress={"input": 0, "record": 1})
        run_id = rec.run_id
        # the process dies here: no complete()
    with Store.open(config) as st:
        assert [r.run_id for r in list_runs(st, status="running")] == [run_id]
        assert verify_store(st).ok  # consistent although interrupted
        rec = resume_scan(st, run_id, keyring=KeyRing.open(st))
        assert rec.progress == {"input": 0, "record": 1}
        rec.add_batch(findings[4:], progress={"input": 0, "record": 5})
        run = rec.complete({"records": 6})
        assert run.findings_count == 12 and run.batches == 2
        seqs = [r[0] for r in st.con.execute("SELECT seq FROM findings ORDER BY seq").fetchall()]
        assert seqs == list(range(1, 13))
        assert verify_store(st).ok
        with pytest.raises(ScanStateError, match="completed"):
            resume_scan(st, run_id, keyring=KeyRing.open(st))


def test_a_run_whose_input_changed_cannot_be_resumed(store: Store, ring: KeyRing, sample: Path) -> None:
    rec = start_scan(store, {"inputs": [str(sample)]}, keyring=ring)
    rec.add_batch(_findings(str(sample), 1))
    sample.write_text('{"text": "changed"}\n', encoding="utf-8")
    with pytest.raises(ScanStateError, match="changed since"):
        resume_scan(store, rec.run_id, keyring=ring)


def test_an_interrupted_run_can_be_discarded(store: Store, ring: KeyRing) -> None:
    keep = record_scan(store, {"inputs": []}, _findings("a.jsonl", 2), keyring=ring)
    rec = start_scan(store, {"inputs": []}, keyring=ring)
    rec.add_batch(_findings("b.jsonl", 3))
    run = discard_scan(store, rec.run_id)
    assert run.status == "discarded"
    left = store.con.execute("SELECT DISTINCT run_id FROM findings").fetchall()
    assert left == [(keep.run_id,)]
    assert verify_store(store).ok  # the discarded batch's rows are accounted for by the discard event
    with pytest.raises(ScanStateError, match="already discarded"):
        discard_scan(store, rec.run_id)
    with pytest.raises(ScanStateError, match="takes no more findings"):
        rec.run.status = "discarded"
        rec.add_batch(_findings("b.jsonl", 1))
