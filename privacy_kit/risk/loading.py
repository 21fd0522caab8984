"""Loading an input into DuckDB, streaming, with every value as text.

Two routes, one result (a table ``records`` of VARCHAR columns, one row per record):

- **DuckDB reads the file itself** where it can do so exactly as privacy-kit's readers would:
  Parquet; CSV/TSV in UTF-8, plain, gzip or Zstandard, with the header and delimiter the readers'
  own sniffing chose. Strict mode: a row DuckDB cannot read the readers' way (a short row, bad
  UTF-8…) abandons this route and the file is read again by the readers, which report the row.
- **privacy-kit's readers** (:func:`privacy_kit.readers.read_path`) for everything else: any
  encoding (CP932, EUC-JP, UTF-16), bz2/xz, JSON Lines, JSON arrays, access logs, exports.
  Records go to DuckDB as Arrow batches of ``batch_rows`` rows, so memory does not grow with
  the input; fields first seen late become new columns.

Values stay text (``034`` is not ``34``), as the readers give them; analyses cast where they need
to (timestamps). An empty cell, a JSON null or an absent key is NULL. A name repeated within one
record (two CSV columns both called ``氏名``) gets a suffix: ``氏名_2``.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from privacy_kit.errors import InputError
from privacy_kit.readers import InputSpec, ReadProblem, read_path, resolve
from privacy_kit.readers.delimited import column_names, sniff_dialect
from privacy_kit.readers.opening import compression_of, looks_binary

from .sql import RECORDS_TABLE, ident, literal

if TYPE_CHECKING:
    import duckdb
    import pyarrow as pa

#: Rows per Arrow batch on the readers' route.
BATCH_ROWS = 50_000
#: DuckDB's memory limit for risk analyses; beyond it DuckDB spills to a temporary directory.
DEFAULT_MEMORY_LIMIT = "1GB"
_NATIVE_ENCODINGS = ("utf-8", "utf-8-sig")
_NATIVE_COMPRESSION = {None: "none", "gzip": "gzip", "zstd": "zstd"}
_BLANK = " \t\r\n\u3000"


@dataclass
class LoadedInput:
    """An input loaded into ``con`` as ``table``: what was read and how."""

    con: duckdb.DuckDBPyConnection
    table: str
    columns: list[str]
    rows: int
    spec: InputSpec | None
    route: str  # "duckdb" or "readers"
    problems: list[ReadProblem] = field(default_factory=list)


def connect(*, memory_limit: str = DEFAULT_MEMORY_LIMIT, temp_directory: str | None = None
            ) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB bounded by ``memory_limit``, spilling to ``temp_directory`` (a fresh
    temporary directory by default, removed with the process's temp files)."""
    import duckdb

    folder = temp_directory or tempfile.mkdtemp(prefix="privacy-kit-risk-")
    con = duckdb.connect(":memory:", config={"memory_limit": memory_limit, "temp_directory": folder})
    con.execute("SET enable_progress_bar = false")
    return con


def unique_names(names: Iterable[str]) -> list[str]:
    """Names with repeats suffixed (``氏名``, ``氏名_2``, ``氏名_3``), order kept."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return out


def load_records(path: Path, con: duckdb.DuckDBPyConnection | None = None, *, fmt: str | None = None,
                 encoding: str | None = None, table: str = RECORDS_TABLE, batch_rows: int = BATCH_ROWS,
                 on_progress: Callable[[int], None] | None = None) -> LoadedInput:
    """Load ``path`` into ``con`` (a fresh bounded connection by default) as ``table``.

    Raises :class:`InputError` for a missing file, an input without a single readable record,
    plain text (it has no fields to measure) or an unknown encoding; problems with single records
    are collected in ``problems``.
    """
    con = con if con is not None else connect()
    path = Path(path)
    if path.is_file() and path.stat().st_size:
        spec, sample = resolve(path, fmt=fmt, encoding=encoding)
        if spec.fmt != "parquet" and looks_binary(sample, spec.encoding):
            raise InputError(f"{path} is a binary file (NUL bytes), not records",
                             hint="CSV/TSV, JSON Lines, JSON, Parquet or an access log, compressed or not")
        if spec.fmt == "text":
            raise InputError(f"{path} is plain text: a risk analysis needs records with fields",
                             hint="CSV/TSV, JSON Lines, JSON, Parquet or an access log (--input-format)")
        if spec.fmt == "parquet":
            return _load_parquet(con, path, spec, table)
        if spec.fmt in ("csv", "tsv"):
            loaded = _load_csv_natively(con, path, spec, sample, table)
            if loaded is not None:
                return loaded
        fmt, encoding = spec.fmt, spec.encoding
    return _load_with_readers(con, path, fmt=fmt, encoding=encoding, table=table, batch_rows=batch_rows,
                              on_progress=on_progress)


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [row[0] for row in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
        [table]).fetchall()]


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    return int(con.execute(f"SELECT count(*) FROM {ident(table)}").fetchall()[0][0])


def _load_parquet(con: duckdb.DuckDBPyConnection, path: Path, spec: InputSpec, table: str) -> LoadedInput:
    import duckdb

    try:
        con.execute(f"CREATE TABLE {ident(table)} AS SELECT CAST(COLUMNS(*) AS VARCHAR) "
                    f"FROM read_parquet({literal(str(path))})")
    except duckdb.Error as exc:
        raise InputError(f"{path} is not a readable Parquet file ({type(exc).__name__})") from exc
    return LoadedInput(con, table, _columns(con, table), _count(con, table), spec, "duckdb")


def _load_csv_natively(con: duckdb.DuckDBPyConnection, path: Path, spec: InputSpec, sample: bytes,
                       table: str) -> LoadedInput | None:
    """DuckDB's parallel CSV reader, when it reads the file exactly as the readers would; None
    otherwise (the caller then uses the readers, which report what DuckDB could not read)."""
    import duckdb

    compression = compression_of(path)
    if spec.encoding not in _NATIVE_ENCODINGS or compression not in _NATIVE_COMPRESSION:
        return None
    text = sample.decode(spec.encoding, errors="replace")
    delimiter, has_header = sniff_dialect(text[: 32 * 1024], "\t" if spec.fmt == "tsv" else ",")
    first = next(csv.reader(io.StringIO(text), delimiter=delimiter), None)
    if not first:
        return None
    names = unique_names(column_names(first) if has_header else
                         [f"column{i + 1}" for i in range(len(first))])
    columns = "{" + ", ".join(f"{literal(n)}: 'VARCHAR'" for n in names) + "}"
    blank = " AND ".join(f"coalesce(trim({ident(n)}, {literal(_BLANK)}), '') = ''" for n in names)
    try:
        con.execute(
            f"CREATE TABLE {ident(table)} AS SELECT * FROM read_csv({literal(str(path))}, "
            f"delim = {literal(delimiter)}, header = {str(has_header).lower()}, auto_detect = false, "
            f"columns = {columns}, quote = '\"', escape = '\"', comment = '', strict_mode = true, "
            f"null_padding = false, compression = {literal(_NATIVE_COMPRESSION[compression])}) "
            f"WHERE NOT ({blank})")
    except duckdb.Error:
        # DuckDB's message quotes the offending line; it is personal data and is never shown.
        con.execute(f"DROP TABLE IF EXISTS {ident(table)}")
        return None
    rows = _count(con, table)
    if not rows:  # let the readers say why there is nothing
        con.execute(f"DROP TABLE {ident(table)}")
        return None
    return LoadedInput(con, table, names, rows, spec, "duckdb")


def _load_with_readers(con: duckdb.DuckDBPyConnection, path: Path, *, fmt: str | None, encoding: str | None,
                       table: str, batch_rows: int, on_progress: Callable[[int], None] | None) -> LoadedInput:
    specs: list[InputSpec] = []
    problems: list[ReadProblem] = []
    created: list[str] = []
    columns: dict[str, list[str | None]] = {}
    pending = 0
    total = 0

    def flush() -> None:
        nonlocal pending, columns
        if pending:
            _insert(con, table, created, _arrow_batch(columns))
        columns = {name: [] for name in columns}
        pending = 0

    for item in read_path(path, fmt=fmt, encoding=encoding, specs=specs, every_field=True):
        if isinstance(item, ReadProblem):
            problems.append(item)
            continue
        names = [name if name is not None else "line" for name, _ in item.fields]
        if len(set(names)) != len(names):
            names = unique_names(names)
        for name, (_, value) in zip(names, item.fields):
            values = columns.get(name)
            if values is None:
                values = columns[name] = [None] * pending
            values.append(value)
        pending += 1
        total += 1
        for values in columns.values():
            if len(values) < pending:
                values.append(None)
        if pending >= batch_rows:
            flush()
            if on_progress:
                on_progress(total)
    flush()
    if not total:
        reasons = "; ".join(sorted({p.reason for p in problems})[:3])
        raise InputError(f"{path}: no records to analyse" + (f" ({reasons})" if reasons else ""),
                         hint="check the file, its --format and its --encoding")
    return LoadedInput(con, table, list(created), total, specs[0] if specs else None, "readers", problems)


def _arrow_batch(columns: dict[str, list[str | None]]) -> pa.Table:
    import pyarrow as pa

    return pa.table({name: pa.array(values, pa.string()) for name, values in columns.items()})


def _insert(con: duckdb.DuckDBPyConnection, table: str, created: list[str], batch: pa.Table) -> None:
    """Append an Arrow batch, creating the table or adding the columns it has not seen yet."""
    new = [name for name in batch.column_names if name not in created]
    if not created:
        con.execute(f"CREATE TABLE {ident(table)} (" + ", ".join(f"{ident(n)} VARCHAR" for n in new) + ")")
    else:
        for name in new:
            con.execute(f"ALTER TABLE {ident(table)} ADD COLUMN {ident(name)} VARCHAR")
    created.extend(new)
    con.register("__pk_batch", batch)
    try:
        con.execute(f"INSERT INTO {ident(table)} BY NAME SELECT * FROM __pk_batch")
    finally:
        con.unregister("__pk_batch")
