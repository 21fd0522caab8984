"""Parquet rewriting: rows in, rows out, same schema and compression.

Byte identity is impossible here (a Parquet file is re-encoded as a whole: pages, statistics and
footer are written anew), so the promise is weaker and stated so: the same schema (names, types,
nullability, metadata), the same column order, every value the transform left alone equal.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from privacy_kit.errors import RewriteError
from privacy_kit.readers import Record
from privacy_kit.readers.columnar import BATCH_ROWS

from .model import Row
from .pieces import TableRow


def parquet_pieces(path: Path, source: str, text_fields: Sequence[str] | None) -> Iterator[TableRow]:
    """Every row, with its record as ``read_parquet`` yields it (non-empty string columns)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except (pa.ArrowInvalid, OSError) as exc:
        raise RewriteError(f"{source} is not a readable Parquet file: {exc}") from exc
    strings = [f.name for f in pf.schema_arrow if pa.types.is_string(f.type) or pa.types.is_large_string(f.type)]
    if text_fields:
        strings = [c for c in strings if c in text_fields]
    index = 0
    try:
        for batch in pf.iter_batches(batch_size=BATCH_ROWS):
            for values in batch.to_pylist():
                record = Record(source, index, tuple((c, values[c]) for c in strings if values[c]))
                yield TableRow(Row(index, tuple(values.items()), record), values)
                index += 1
    except (pa.ArrowInvalid, OSError) as exc:
        raise RewriteError(f"{source}: Parquet read stopped at row {index}: {exc}; nothing was written") from exc


def parquet_schema(path: Path) -> tuple[Any, str]:
    """The Arrow schema and the compression codec of the first column chunk."""
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(path)
    meta = pf.metadata
    codec = meta.row_group(0).column(0).compression.lower() if meta.num_row_groups and meta.num_columns else "snappy"
    return pf.schema_arrow, ("none" if codec == "uncompressed" else codec)


class ParquetSink:
    """Rows written in batches to an open binary file."""

    def __init__(self, fh: IO[bytes], schema: Any, compression: str) -> None:
        import pyarrow.parquet as pq

        self._schema = schema
        self._writer = pq.ParquetWriter(fh, schema, compression=compression)
        self._rows: list[dict[str, Any]] = []

    def write(self, values: dict[str, Any], row: Row) -> None:
        self._rows.append(values)
        if len(self._rows) >= BATCH_ROWS:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        if not self._rows:
            return
        try:
            table = pa.Table.from_pylist(self._rows, schema=self._schema)
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError) as exc:
            raise RewriteError(f"a new value does not fit its Parquet column's type: {type(exc).__name__}",
                               hint="Parquet keeps its schema: give values of the column's type (or None)") from exc
        self._writer.write_table(table)
        self._rows = []

    def close(self) -> None:
        try:
            self._flush()
        finally:
            self._writer.close()
