"""Looking for personal values in a store: in the file's bytes, and in every stored text value.

The byte search is what an attacker with a copy of the file (or its WAL) does. DuckDB may
compress strings, so a value could in principle be stored yet not appear byte for byte; the
second search decodes every VARCHAR, BLOB and list column through SQL, which compression cannot
hide. ``test_the_search_finds_a_value_stored_in_clear`` shows both searches do find a clear value.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import duckdb

_ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be")


def _forms(value: str) -> set[str]:
    forms = {value}
    digits = "".join(c for c in value if c.isdigit())
    if len(digits) >= 6 and len(digits) >= len(value) - 4:  # phone or card numbers without separators
        forms.add(digits)
    return forms


def values_in_bytes(data: bytes, values: Iterable[str]) -> list[str]:
    return sorted({v for v in values for form in _forms(v) for enc in _ENCODINGS if form.encode(enc) in data})


def values_in_files(paths: Iterable[Path], values: Iterable[str]) -> list[str]:
    data = b"".join(p.read_bytes() for p in paths if p.exists())
    return values_in_bytes(data, values)


def store_files(store_path: Path) -> list[Path]:
    return [store_path, store_path.with_name(store_path.name + ".wal")]


def values_in_tables(store_path: Path, values: Iterable[str]) -> list[str]:
    """Every value of every text-like column, decoded by DuckDB, searched for the values."""
    wanted = [(v, form) for v in values for form in _forms(v)]
    found: set[str] = set()
    con = duckdb.connect(str(store_path), read_only=True)
    try:
        columns = con.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = 'main'"
        ).fetchall()
        for table, column, dtype in columns:
            if not any(t in dtype for t in ("VARCHAR", "BLOB", "[]")):
                continue
            expr = f'"{column}"::VARCHAR' if "BLOB" not in dtype else f'decode("{column}")'
            try:
                texts = [r[0] for r in con.execute(f'SELECT {expr} FROM "{table}"').fetchall()]
            except duckdb.Error:  # ciphertext is not UTF-8: compare raw bytes instead
                blobs = [r[0] for r in con.execute(f'SELECT "{column}" FROM "{table}"').fetchall()]
                found.update(
                    values_in_bytes(
                        b"".join(bytes(b) for b in blobs if b is not None), [v for v, _ in wanted]
                    )
                )
                continue
            blob = "\n".join(t for t in texts if t is not None)
            found.update(v for v, form in wanted if form in blob)
    finally:
        con.close()
    return sorted(found)
