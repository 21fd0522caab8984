"""Parquet, read in row batches (pyarrow) so memory stays bounded."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from .records import ReadProblem, Record

BATCH_ROWS = 4096


def read_parquet(path: Path, source: str, *, text_fields: Sequence[str] | None = None
                 ) -> Iterator[Record | ReadProblem]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except (pa.ArrowInvalid, OSError) as exc:
        yield ReadProblem(source, None, f"not a readable Parquet file: {exc}")
        return
    columns = [f.name for f in pf.schema_arrow
               if pa.types.is_string(f.type) or pa.types.is_large_string(f.type)]
    if text_fields:
        columns = [c for c in columns if c in text_fields]
    if not columns:
        return
    index = 0
    try:
        for batch in pf.iter_batches(batch_size=BATCH_ROWS, columns=columns):
            data = batch.to_pydict()
            for i in range(batch.num_rows):
                fields = tuple((c, data[c][i]) for c in columns if data[c][i])
                yield Record(source, index, fields)
                index += 1
    except (pa.ArrowInvalid, OSError) as exc:
        yield ReadProblem(source, index, f"Parquet read stopped: {exc}")
