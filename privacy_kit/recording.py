"""Recording a scan in the audit store while its findings stream to the output.

``privacy-kit scan`` records every run unless ``--no-store``: the run (who, when, inputs with
content hashes, options), then its findings in batches, each batch one transaction that ends on
a record boundary, so a scan killed at any moment leaves a consistent store whose run can be
resumed (``--resume RUN``) or discarded (``privacy-kit audit discard RUN``).

A resumed run reads and analyses its inputs again (the output file is rewritten whole) but
stores only findings after the last committed record, so the store holds each finding once.
Values reach the store only as keyed hashes, and as ciphertext with ``--keep-values``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from privacy_kit.findings import Finding

if TYPE_CHECKING:
    from audit.keys import KeyRing
    from audit.scans import ScanRecorder
    from audit.store import Store, StoreConfig

DEFAULT_BATCH = 5_000


@dataclass(frozen=True, slots=True)
class RecordingOptions:
    """Where and how a scan is recorded (built by the CLI from --store, --keep-values, --resume)."""

    config: StoreConfig
    keep_values: bool = False
    resume: str | None = None
    batch_size: int = DEFAULT_BATCH


class ScanRecording:
    """Context manager: opens the store (holding its write lock) for the length of one scan."""

    def __init__(
        self, opts: RecordingOptions, inputs: Sequence[Path], run_info: Mapping[str, Any], stats: Any = None
    ) -> None:
        self.opts = opts
        self.inputs = [str(p) for p in inputs]
        self.run_info = dict(run_info)
        self.stats = stats  # anything with .records / .fields / .problems, read when the run completes
        self.store: Store | None = None
        self.keyring: KeyRing | None = None
        self.recorder: ScanRecorder | None = None
        self.recorded = 0
        self.skipped = 0
        self._order = {path: i for i, path in enumerate(self.inputs)}

    @property
    def run_id(self) -> str:
        assert self.recorder is not None
        return self.recorder.run_id

    @property
    def resumed_from(self) -> Mapping[str, Any] | None:
        return self.recorder.progress if self.recorder is not None and self.opts.resume else None

    def __enter__(self) -> ScanRecording:
        from audit.keys import KeyRing
        from audit.scans import resume_scan, start_scan
        from audit.store import Store

        self.store = Store.open(self.opts.config)
        try:
            self.keyring = KeyRing.open(self.store)
            if self.opts.resume:
                self.recorder = resume_scan(self.store, self.opts.resume, keyring=self.keyring)
                recorded = [i.path for i in self.recorder.run.inputs]
                if recorded != self.inputs:
                    from audit.errors import ScanStateError

                    shown = ", ".join(recorded[:3]) + ("…" if len(recorded) > 3 else "")
                    raise ScanStateError(
                        f"scan run {self.opts.resume} read {len(recorded)} input(s) ({shown}); "
                        "resume it with the same inputs",
                        hint=f"or discard it: privacy-kit audit discard {self.opts.resume}",
                    )
            else:
                self.recorder = start_scan(
                    self.store,
                    {**self.run_info, "inputs": self.inputs},
                    keyring=self.keyring,
                    encrypt_values=self.opts.keep_values,
                )
        except BaseException:
            self.store.close()
            raise
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        assert self.store is not None
        try:
            if exc_type is None and self.recorder is not None:
                stats: dict[str, Any] = {}
                if self.stats is not None:
                    stats = {
                        "records": self.stats.records,
                        "fields": self.stats.fields,
                        "skipped_records": len(self.stats.problems),
                    }
                self.recorder.complete(stats)
            # on an exception the committed batches stay and the run stays "running": resumable
        finally:
            self.store.close()

    def _position(self, finding: Finding) -> tuple[int, int]:
        return (self._order.get(finding.source, len(self._order)), finding.record)

    def tee(self, findings: Iterable[Finding]) -> Iterator[Finding]:
        """Yield every finding unchanged, storing them in batches cut at record boundaries."""
        assert self.recorder is not None
        recorder = self.recorder
        done = recorder.progress
        skip_to: tuple[int, int] | None = None
        if done is not None and "input" in done and "record" in done:
            skip_to = (int(done["input"]), int(done["record"]))
        batch: list[Finding] = []
        last: tuple[int, int] | None = None
        for finding in findings:
            position = self._position(finding)
            if skip_to is not None and position <= skip_to:
                self.skipped += 1
                yield finding
                continue
            if len(batch) >= self.opts.batch_size and position != last:
                self._commit(batch, last)
                batch = []
            batch.append(finding)
            last = position
            yield finding
        if batch:
            self._commit(batch, last)

    def _commit(self, batch: list[Finding], position: tuple[int, int] | None) -> None:
        assert self.recorder is not None and position is not None
        progress = {"input": position[0], "record": position[1]}
        self.recorded += self.recorder.add_batch(batch, progress=progress)


class NoRecording:
    """``--no-store``: the same interface, recording nothing."""

    run_id = None
    recorded = 0
    skipped = 0
    resumed_from = None

    def __enter__(self) -> NoRecording:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def tee(self, findings: Iterable[Finding]) -> Iterator[Finding]:
        return iter(findings)
