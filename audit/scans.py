"""Recording scan runs and their findings, batch by batch, without keeping any value in clear.

A run is written in three kinds of transaction: ``start`` (the run, its inputs with content
hashes, its options), one per batch of findings (the findings as one Arrow table, any new subject
keys, the run's counters and resume point), and ``complete``. A process killed mid-run therefore
leaves a consistent store: a run in status ``running`` whose committed batches are intact. It can
then be resumed from its last committed position (inputs unchanged) or discarded.

The API is generic (no NLP here): a finding is any object or mapping with ``source, record, field,
start, end, entity_type, score, recognizer, value``. ``value`` lives in memory only; the store
keeps HMAC-SHA256(index key, normalised value) and, only when ``encrypt_values`` is set (values
needed later, e.g. for disclosure requests), AES-256-GCM ciphertext under the subject's data key.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from audit import digests
from audit.datasets import get_dataset, list_datasets
from audit.errors import KeyShreddedError, ScanStateError, ValidationError
from audit.keys import KeyRing, encrypt_value, new_keys_table
from audit.ledger import canonical_json
from audit.results import first_row, required_row
from audit.store import Store, utc_now

DEFAULT_BATCH = 5_000
_FINDING_FIELDS = ("source", "record", "field", "start", "end", "entity_type", "score", "recognizer", "value")


def _get(rec: Any, name: str) -> Any:
    if isinstance(rec, Mapping):
        return rec.get(name)
    return getattr(rec, name, None)


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


@dataclass(frozen=True, slots=True)
class ScanInput:
    path: str
    resolved_path: str | None
    sha256: str | None
    size: int | None
    mtime: datetime | None
    dataset_id: str | None = None


def describe_input(item: str | os.PathLike[str] | Mapping[str, Any]) -> ScanInput:
    """An input as recorded: path as given, absolute path, SHA-256 of its bytes, size, mtime."""
    if isinstance(item, Mapping):
        path = str(item["path"])
        given_hash = item.get("sha256")
    else:
        path, given_hash = os.fspath(item), None
    p = Path(path).expanduser()
    if p.is_file():
        st = p.stat()
        return ScanInput(
            path,
            str(p.resolve()),
            given_hash or file_sha256(p),
            st.st_size,
            datetime.fromtimestamp(st.st_mtime, UTC).replace(tzinfo=None),
        )
    return ScanInput(path, None, given_hash, None, None)


@dataclass
class ScanRun:
    run_id: str
    status: str
    started_at: datetime
    finished_at: datetime | None
    actor: str
    tool_version: str | None
    options: dict[str, Any]
    encrypt_values: bool
    batches: int
    findings_count: int
    counts: dict[str, Any]
    progress: dict[str, Any] | None
    inputs: list[ScanInput] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "status": self.status,
            "started_at": self.started_at.isoformat(),
            "finished_at": self.finished_at.isoformat() if self.finished_at else None,
            "actor": self.actor,
            "tool_version": self.tool_version,
            "options": self.options,
            "encrypt_values": self.encrypt_values,
            "batches": self.batches,
            "findings": self.findings_count,
            "counts": self.counts,
            "progress": self.progress,
            "inputs": [
                {
                    "path": i.path,
                    "sha256": i.sha256,
                    "size": i.size,
                    "mtime": i.mtime.isoformat() if i.mtime else None,
                    "dataset_id": i.dataset_id,
                }
                for i in self.inputs
            ],
        }


_RUN_COLS = (
    "run_id",
    "status",
    "started_at",
    "finished_at",
    "actor",
    "tool_version",
    "options",
    "encrypt_values",
    "batches",
    "findings_count",
    "counts",
    "progress",
)


def get_run(store: Store, run_id: str) -> ScanRun:
    row = required_row(
        store.con,
        f"SELECT {', '.join(_RUN_COLS)} FROM scan_runs WHERE run_id = ?",
        [run_id],
        missing=f"no scan run {run_id!r}",
        hint="see `privacy-kit audit runs`",
    )
    run = _run(row)
    run.inputs = [
        ScanInput(*r)
        for r in store.con.execute(
            "SELECT path, resolved_path, sha256, size, mtime, dataset_id FROM scan_inputs WHERE run_id = ? "
            "ORDER BY input_no",
            [run_id],
        ).fetchall()
    ]
    return run


def _run(row: Sequence[Any]) -> ScanRun:
    data = dict(zip(_RUN_COLS, row, strict=False))
    data["options"] = json.loads(data["options"])
    data["counts"] = json.loads(data["counts"])
    data["progress"] = json.loads(data["progress"]) if data["progress"] else None
    return ScanRun(**data)


def list_runs(store: Store, *, status: str | None = None) -> list[ScanRun]:
    sql = f"SELECT {', '.join(_RUN_COLS)} FROM scan_runs"
    params: list[Any] = []
    if status:
        sql += " WHERE status = ?"
        params.append(status)
    runs = [_run(r) for r in store.con.execute(sql + " ORDER BY started_at DESC", params).fetchall()]
    by_id = {r.run_id: r for r in runs}
    for run_id, *fields in store.con.execute(
        "SELECT run_id, path, resolved_path, sha256, size, mtime, dataset_id FROM scan_inputs "
        "ORDER BY run_id, input_no"
    ).fetchall():
        if run_id in by_id:
            by_id[run_id].inputs.append(ScanInput(*fields))
    return runs


class ScanRecorder:
    """Writes one run's findings, one transaction per batch. Get one from :func:`start_scan`."""

    def __init__(self, store: Store, keyring: KeyRing, run: ScanRun) -> None:
        self.store = store
        self.keyring = keyring
        self.run = run
        self._sources: dict[str, str | None] = {}
        for inp in run.inputs:
            self._sources[inp.path] = inp.dataset_id
            if inp.resolved_path:
                self._sources[inp.resolved_path] = inp.dataset_id
        self._counts: Counter[str] = Counter({k: v for k, v in run.counts.get("entity_types", {}).items()})
        self._seq = run.findings_count

    @property
    def run_id(self) -> str:
        return self.run.run_id

    @property
    def progress(self) -> dict[str, Any] | None:
        """Where the last committed batch ended (as given by the caller): the resume point."""
        return self.run.progress

    def _dataset_for(self, source: str) -> str | None:
        if source not in self._sources:
            self._sources[source] = None
        return self._sources[source]

    def add_batch(self, findings: Iterable[Any], *, progress: Mapping[str, Any] | None = None) -> int:
        """Commit one batch (one Arrow table, one transaction, one ledger event); returns its size.

        ``progress`` is an opaque JSON-able marker of how far the input has been read when this
        batch is complete (e.g. ``{"input": 0, "record": 1200}``); it is stored with the batch and
        handed back on resume. It must not contain personal data.
        """
        import pyarrow as pa

        if self.run.status != "running":
            raise ScanStateError(f"scan run {self.run_id} is {self.run.status}; it takes no more findings")
        rows = list(findings)
        cols: dict[str, list[Any]] = {
            c: []
            for c in (
                "source",
                "record",
                "field",
                "start_offset",
                "end_offset",
                "entity_type",
                "score",
                "recognizer",
                "value_hash",
                "dataset_id",
            )
        }
        values: list[str] = []
        for rec in rows:
            value, start, end = _get(rec, "value"), _get(rec, "start"), _get(rec, "end")
            source, entity_type = _get(rec, "source"), _get(rec, "entity_type")
            if not isinstance(value, str) or start is None or end is None or not source or not entity_type:
                missing = [f for f in _FINDING_FIELDS if _get(rec, f) is None]
                raise ValidationError(
                    f"a finding lacks {', '.join(missing) or 'a text value'}",
                    hint=f"findings need: {', '.join(_FINDING_FIELDS)}",
                )
            values.append(value)
            cols["source"].append(str(source))
            cols["record"].append(_get(rec, "record"))
            cols["field"].append(_get(rec, "field"))
            cols["start_offset"].append(int(start))
            cols["end_offset"].append(int(end))
            cols["entity_type"].append(str(entity_type))
            cols["score"].append(float(_get(rec, "score") or 0.0))
            cols["recognizer"].append(str(_get(rec, "recognizer") or "unknown"))
            cols["dataset_id"].append(self._dataset_for(str(source)))

        store = self.store
        with store.transaction():
            batch_no = self.run.batches + 1
            hashes = [self.keyring.value_hash(v) for v in values]
            cols["value_hash"] = hashes
            ciphertexts: list[bytes | None] = [None] * len(values)
            new_keys = 0
            if self.run.encrypt_values and values:
                keys, new = self.keyring.subject_keys(hashes, create=True)
                store.insert_arrow("keyring", new_keys_table(new, self.keyring.master.key_id))
                new_keys = len(new)
                ciphertexts = [encrypt_value(keys[h], h, v) for h, v in zip(hashes, values, strict=False)]
            n = len(rows)
            table = pa.table(
                {
                    "run_id": pa.array([self.run_id] * n, pa.string()),
                    "batch_no": pa.array([batch_no] * n, pa.int32()),
                    "seq": pa.array(range(self._seq + 1, self._seq + n + 1), pa.int64()),
                    "source": pa.array(cols["source"], pa.string()),
                    "record": pa.array(cols["record"], pa.int64()),
                    "field": pa.array(cols["field"], pa.string()),
                    "start_offset": pa.array(cols["start_offset"], pa.int32()),
                    "end_offset": pa.array(cols["end_offset"], pa.int32()),
                    "entity_type": pa.array(cols["entity_type"], pa.string()),
                    "score": pa.array(cols["score"], pa.float64()),
                    "recognizer": pa.array(cols["recognizer"], pa.string()),
                    "value_hash": pa.array(hashes, pa.string()),
                    "ciphertext": pa.array(ciphertexts, pa.binary()),
                    "dataset_id": pa.array(cols["dataset_id"], pa.string()),
                }
            )
            store.insert_arrow("findings", table)
            counts = self._counts.copy()
            counts.update(cols["entity_type"])
            run_counts = {**self.run.counts, "entity_types": dict(sorted(counts.items()))}
            progress_json = (
                canonical_json(dict(progress))
                if progress is not None
                else (canonical_json(self.run.progress) if self.run.progress is not None else None)
            )
            store.con.execute(
                "UPDATE scan_runs SET batches = ?, findings_count = ?, counts = ?, progress = ? "
                "WHERE run_id = ?",
                [batch_no, self._seq + n, canonical_json(run_counts), progress_json, self.run_id],
            )
            store.append_event(
                "scan.batch",
                {
                    "run_id": self.run_id,
                    "batch_no": batch_no,
                    "findings": n,
                    "new_keys": new_keys,
                    "records": digests.entries(
                        store, [("findings", [self.run_id, batch_no]), ("scan_runs", [self.run_id])]
                    ),
                },
            )
        # committed: only now advance the in-memory state
        self.run.batches = batch_no
        self._seq += n
        self.run.findings_count = self._seq
        self._counts = counts
        self.run.counts = run_counts
        self.run.progress = json.loads(progress_json) if progress_json else None
        return n

    def complete(self, stats: Mapping[str, Any] | None = None) -> ScanRun:
        """Mark the run completed; ``stats`` (e.g. records read) join the recorded counts."""
        if self.run.status != "running":
            raise ScanStateError(f"scan run {self.run_id} is already {self.run.status}")
        counts = {**self.run.counts, **(dict(stats) if stats else {})}
        with self.store.transaction():
            finished = utc_now()
            self.store.con.execute(
                "UPDATE scan_runs SET status = 'completed', finished_at = ?, counts = ? WHERE run_id = ?",
                [finished, canonical_json(counts), self.run_id],
            )
            self.store.append_event(
                "scan.completed",
                {
                    "run_id": self.run_id,
                    "findings": self.run.findings_count,
                    "batches": self.run.batches,
                    "records": digests.entries(self.store, [("scan_runs", [self.run_id])]),
                },
            )
        self.run.status, self.run.finished_at, self.run.counts = "completed", finished, counts
        return self.run


def _match_datasets(store: Store, inputs: list[ScanInput], explicit: str | None) -> list[ScanInput]:
    if explicit is not None:
        get_dataset(store, explicit)  # must exist
        return [ScanInput(i.path, i.resolved_path, i.sha256, i.size, i.mtime, explicit) for i in inputs]
    datasets = list_datasets(store)
    out = []
    for inp in inputs:
        candidates = [p for p in (inp.path, inp.resolved_path) if p]  # as given, and with symlinks resolved
        match = next((d.dataset_id for d in datasets if any(d.covers(p) for p in candidates)), None)
        out.append(ScanInput(inp.path, inp.resolved_path, inp.sha256, inp.size, inp.mtime, match))
    return out


def start_scan(
    store: Store, run_info: Mapping[str, Any], *, keyring: KeyRing, encrypt_values: bool = False
) -> ScanRecorder:
    """Record a new run (status ``running``) with its inputs, and return its recorder.

    ``run_info`` keys: ``inputs`` (paths, or mappings with ``path`` and optionally ``sha256``),
    ``options`` (JSON-able; no personal data), ``tool_version``, ``dataset`` (a data set id, else
    inputs are matched to registered data sets by path), ``run_id`` (else generated).
    """
    inputs = [describe_input(i) for i in run_info.get("inputs", ())]
    options = dict(run_info.get("options") or {})
    run_id = str(run_info.get("run_id") or f"{datetime.now(UTC):%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:6]}")
    keyring.index_key()  # created in its own transaction before the first batch needs it
    with store.transaction():
        if first_row(store.con.execute("SELECT 1 FROM scan_runs WHERE run_id = ?", [run_id]).fetchall()):
            raise ScanStateError(f"scan run {run_id} already exists")
        inputs = _match_datasets(store, inputs, run_info.get("dataset"))
        run = ScanRun(
            run_id,
            "running",
            utc_now(),
            None,
            store.actor,
            run_info.get("tool_version"),
            options,
            encrypt_values,
            0,
            0,
            {"inputs": len(inputs), "entity_types": {}},
            None,
            inputs,
        )
        store.con.execute(
            f"INSERT INTO scan_runs ({', '.join(_RUN_COLS)}) VALUES ({', '.join('?' * len(_RUN_COLS))})",
            [
                run.run_id,
                run.status,
                run.started_at,
                None,
                run.actor,
                run.tool_version,
                canonical_json(options),
                encrypt_values,
                0,
                0,
                canonical_json(run.counts),
                None,
            ],
        )
        import pyarrow as pa

        store.insert_arrow(
            "scan_inputs",
            pa.table(
                {
                    "run_id": pa.array([run_id] * len(inputs), pa.string()),
                    "input_no": pa.array(range(len(inputs)), pa.int32()),
                    "path": pa.array([i.path for i in inputs], pa.string()),
                    "resolved_path": pa.array([i.resolved_path for i in inputs], pa.string()),
                    "sha256": pa.array([i.sha256 for i in inputs], pa.string()),
                    "size": pa.array([i.size for i in inputs], pa.int64()),
                    "mtime": pa.array([i.mtime for i in inputs], pa.timestamp("us")),
                    "dataset_id": pa.array([i.dataset_id for i in inputs], pa.string()),
                }
            ),
        )
        store.append_event(
            "scan.started",
            {
                "run_id": run_id,
                "inputs": len(inputs),
                "encrypt_values": encrypt_values,
                "records": digests.entries(store, [("scan_runs", [run_id]), ("scan_inputs", [run_id])]),
            },
        )
    return ScanRecorder(store, keyring, run)


def resume_scan(store: Store, run_id: str, *, keyring: KeyRing) -> ScanRecorder:
    """Continue an interrupted run after its last committed batch, if its inputs are unchanged."""
    run = get_run(store, run_id)
    if run.status != "running":
        raise ScanStateError(f"scan run {run_id} is {run.status}; only an interrupted run can be resumed")
    for inp in run.inputs:
        if inp.sha256 and inp.resolved_path:
            p = Path(inp.resolved_path)
            if not p.is_file() or file_sha256(p) != inp.sha256:
                raise ScanStateError(
                    f"input {inp.path} changed since run {run_id} was interrupted",
                    hint=f"discard the run (`privacy-kit audit discard {run_id}`) and scan again",
                )
    keyring.index_key()
    return ScanRecorder(store, keyring, run)


def discard_scan(store: Store, run_id: str) -> ScanRun:
    """Drop an interrupted (or unwanted) run's findings; the run and its ledger events stay."""
    run = get_run(store, run_id)
    if run.status == "discarded":
        raise ScanStateError(f"scan run {run_id} is already discarded")
    with store.transaction():
        deleted = first_row(
            store.con.execute("SELECT count(*) FROM findings WHERE run_id = ?", [run_id]).fetchall()
        )
        store.con.execute("DELETE FROM findings WHERE run_id = ?", [run_id])
        store.con.execute(
            "UPDATE scan_runs SET status = 'discarded', finished_at = ? WHERE run_id = ?", [utc_now(), run_id]
        )
        store.append_event(
            "scan.discarded",
            {
                "run_id": run_id,
                "was": run.status,
                "findings_deleted": int(deleted[0]) if deleted else 0,
                "records": digests.entries(store, [("scan_runs", [run_id])]),
            },
        )
    return get_run(store, run_id)


def _batches_at_record_boundaries(
    findings: Iterable[Any], size: int
) -> Iterator[tuple[list[Any], dict[str, Any] | None]]:
    """Cut a stream of findings into batches that never split one record's findings."""
    batch: list[Any] = []
    last: tuple[str, Any] | None = None
    for rec in findings:
        key = (str(_get(rec, "source")), _get(rec, "record"))
        if len(batch) >= size and key != last:
            yield batch, {"source": last[0], "record": last[1]} if last else None
            batch = []
        batch.append(rec)
        last = key
    if batch:
        yield batch, {"source": last[0], "record": last[1]} if last else None


def record_scan(
    store: Store,
    run_info: Mapping[str, Any],
    findings: Iterable[Any],
    *,
    keyring: KeyRing,
    encrypt_values: bool = False,
    batch_size: int = DEFAULT_BATCH,
    stats: Mapping[str, Any] | None = None,
) -> ScanRun:
    """Record a whole run from an iterable of findings (batched, one transaction per batch)."""
    if batch_size < 1:
        raise ValidationError("batch_size must be at least 1")
    recorder = start_scan(store, run_info, keyring=keyring, encrypt_values=encrypt_values)
    for batch, progress in _batches_at_record_boundaries(findings, batch_size):
        recorder.add_batch(batch, progress=progress)
    return recorder.complete(stats)


@dataclass(frozen=True, slots=True)
class StoredFinding:
    run_id: str
    source: str
    record: int | None
    field: str | None
    start: int
    end: int
    entity_type: str
    value_hash: str
    value: str | None  # decrypted on request; None if not kept or shredded


def findings_for_value(
    store: Store, keyring: KeyRing, value: str, *, decrypt: bool = False
) -> list[StoredFinding]:
    """Everything the store holds about one value (for disclosure and erasure requests)."""
    ref = keyring.lookup_hash(value)
    if ref is None:
        return []
    out = []
    for run_id, source, record, fld, start, end, etype, blob in store.con.execute(
        "SELECT run_id, source, record, field, start_offset, end_offset, entity_type, ciphertext "
        "FROM findings "
        "WHERE value_hash = ? ORDER BY run_id, seq",
        [ref],
    ).fetchall():
        plain: str | None = None
        if decrypt and blob is not None:
            try:
                plain = keyring.decrypt(ref, bytes(blob))
            except KeyShreddedError:
                plain = None
        out.append(StoredFinding(run_id, source, record, fld, start, end, etype, ref, plain))
    return out


@dataclass(frozen=True, slots=True)
class FindingKey:
    """A stored finding without its offsets or value: enough to tell which records share a value."""

    run_id: str
    source: str
    record: int | None
    entity_type: str
    value_hash: str  # keyed hash, or ``shredded``


def iter_finding_keys(store: Store, run_ids: Sequence[str], *, chunk: int = 50_000) -> Iterator[FindingKey]:
    """Every finding of the runs as (run, source, record, type, keyed hash), streamed in record order."""
    for run_id in run_ids:
        get_run(store, run_id)  # must exist
    if not run_ids:
        return
    cur = store.con.cursor()
    try:
        cur.execute(
            "SELECT run_id, source, record, entity_type, value_hash FROM findings "
            f"WHERE run_id IN ({', '.join('?' * len(run_ids))}) ORDER BY run_id, source, record, seq",
            list(run_ids),
        )
        while rows := cur.fetchmany(chunk):
            for row in rows:
                yield FindingKey(*row)
    finally:
        cur.close()
