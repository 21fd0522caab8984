"""Re-identification risk of structured exports and logs, computed in DuckDB.

The library behind ``privacy-kit risk``, and the k-anonymity measure the redaction mode
(``--mode anonymise --k N``) generalises against:

    import duckdb
    from privacy_kit.risk import k_anonymity, class_sizes, with_class_size

    con = duckdb.connect()
    con.execute("CREATE TABLE records AS SELECT * FROM 'members.parquet'")
    report = k_anonymity(con, ["age", "gender", "zip"], k=5)
    report.smallest_class, report.share_below_k, report.uniqueness
    # a candidate generalisation, measured before anything is rewritten:
    k_anonymity(con, ["age", "gender", "zip"], k=5,
                generalise={"age": 'floor(CAST("age" AS INTEGER) / 10) * 10', "zip": 'left("zip", 3)'})
    with_class_size(con, ["age", "gender", "zip"]).filter("class_size >= 5")   # suppression

Importing this package does not import DuckDB; the functions do.
"""

from __future__ import annotations

from .kanon import CLASS_SIZE, DEFAULT_K, KAnonymityReport, class_sizes, k_anonymity, with_class_size
from .sql import RECORDS_TABLE, ident

__all__ = [
    "CLASS_SIZE", "DEFAULT_K", "RECORDS_TABLE", "KAnonymityReport", "class_sizes", "ident", "k_anonymity",
    "with_class_size",
]
