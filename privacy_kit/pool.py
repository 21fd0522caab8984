"""Detection across worker processes, in input order, with bounded memory.

GiNZA's tokenizer is not thread-safe (spaCy #10649, #13733), so parallelism is by processes,
each with its own detector built once (Presidio #670: never per call). Batches are submitted
through a window of at most ``2 × workers`` in flight, so a 1 GB log is never queued whole
(``Pool.imap`` would read the entire input ahead). Results come back in submission order, which
is what makes ``--workers 1`` and ``--workers 2`` produce identical output.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Protocol

from privacy_kit.findings import Detection


class BatchDetector(Protocol):
    def analyze_batch(self, texts: Sequence[str]) -> list[list[Detection]]: ...


_WORKER: BatchDetector | None = None


def _init_worker(factory: Callable[[], BatchDetector]) -> None:
    global _WORKER
    _WORKER = factory()


def _analyze_in_worker(texts: list[str]) -> list[list[Detection]]:
    assert _WORKER is not None, "worker not initialised"
    return _WORKER.analyze_batch(texts)


class _Done(Future):  # type: ignore[type-arg]
    def __init__(self, value: Any) -> None:
        super().__init__()
        self.set_result(value)


class DetectionPool:
    """Submit batches of texts, get futures of their detections.

    With one worker, detection runs in this process (no pickling, no start-up cost).
    """

    def __init__(self, factory: Callable[[], BatchDetector], workers: int = 1) -> None:
        self.workers = max(1, workers)
        self._factory = factory
        self._local: BatchDetector | None = None
        self._executor: ProcessPoolExecutor | None = None

    @property
    def window(self) -> int:
        return 2 * self.workers

    def submit(self, texts: list[str]) -> Future:  # type: ignore[type-arg]
        if self.workers == 1:
            if self._local is None:
                self._local = self._factory()
            return _Done(self._local.analyze_batch(texts))
        if self._executor is None:
            # fork: workers inherit the imported libraries; each builds its own detector.
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=mp.get_context("fork"),
                initializer=_init_worker, initargs=(self._factory,),
            )
        return self._executor.submit(_analyze_in_worker, texts)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def __enter__(self) -> DetectionPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
