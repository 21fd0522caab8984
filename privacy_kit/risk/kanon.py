"""k-anonymity of a quasi-identifier combination, computed in DuckDB.

Records that share every quasi-identifier value form an *equivalence class*; a data set is
k-anonymous when no class is smaller than k, because then any record an adversary can single out
by those attributes is indistinguishable from at least k-1 others. A class of size 1 is a
*unique* record: whoever knows those attribute values of a person recognises their record.

Everything is one GROUP BY (or one window count) in SQL, so it scales to millions of rows, and
the same functions measure a *candidate generalisation* before anything is rewritten: pass
``generalise={"age": "floor(CAST(age AS INTEGER) / 10) * 10", "zip": "left(zip, 3)"}`` and the
classes are formed on those expressions instead of the raw columns. The redaction mode
(``--mode anonymise --k N``) uses exactly this to choose how far to generalise.

A missing value (NULL) is treated as one more value: records missing the same attributes fall
into one class, as in GROUP BY.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from privacy_kit.errors import InputError

from .sql import RECORDS_TABLE, as_relation, check_columns, fetch_rows, ident, sql_error

if TYPE_CHECKING:
    import duckdb

    from .sql import DataSource

#: Default k. The PPC sets no number for 匿名加工情報 (Rule 34 asks for measures suited to how
#: records differ from the rest); 5 is the value most often used in practice and in the
#: literature for data released outside the organisation. See docs/risk.md.
DEFAULT_K = 5

#: Name of the class-size column added by :func:`class_sizes` and :func:`with_class_size`.
CLASS_SIZE = "class_size"

_VIEW = "__pk_risk_data"
_HINT = "check the quasi-identifier columns and the generalisation expressions"


@dataclass(frozen=True)
class KAnonymityReport:
    """k-anonymity figures of one quasi-identifier combination (optionally generalised)."""

    quasi: tuple[str, ...]
    k: int
    records: int
    classes: int
    smallest_class: int
    records_below_k: int
    classes_below_k: int
    unique_records: int
    #: class size -> number of classes of that size, for every size below k
    small_class_sizes: tuple[tuple[int, int], ...] = ()
    generalise: Mapping[str, str] = field(default_factory=dict)

    @property
    def share_below_k(self) -> float:
        """Share of records in a class smaller than k (0.0 for no records)."""
        return self.records_below_k / self.records if self.records else 0.0

    @property
    def uniqueness(self) -> float:
        """Share of records that are unique on the quasi-identifiers."""
        return self.unique_records / self.records if self.records else 0.0

    @property
    def achieved_k(self) -> int:
        """The largest k the data satisfies: the smallest class size (0 for no records)."""
        return self.smallest_class

    @property
    def is_k_anonymous(self) -> bool:
        return self.records_below_k == 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "quasi": list(self.quasi),
            "generalise": dict(self.generalise),
            "k": self.k,
            "records": self.records,
            "classes": self.classes,
            "smallest_class": self.smallest_class,
            "records_below_k": self.records_below_k,
            "classes_below_k": self.classes_below_k,
            "share_below_k": round(self.share_below_k, 6),
            "unique_records": self.unique_records,
            "uniqueness": round(self.uniqueness, 6),
            "small_class_sizes": {str(size): n for size, n in self.small_class_sizes},
            "k_anonymous": self.is_k_anonymous,
        }


def _class_exprs(columns: Sequence[str], quasi: Sequence[str],
                 generalise: Mapping[str, str] | None) -> list[str]:
    """The SQL expression that forms the classes for each quasi column: its generalisation, or
    the column itself."""
    if not quasi:
        raise InputError("no quasi-identifier columns given",
                         hint="name them (--quasi age,gender,zip) or let them be inferred from a scan")
    if len(set(quasi)) != len(quasi):
        raise InputError(f"quasi-identifier columns repeated: {', '.join(quasi)}")
    check_columns(columns, quasi, what="quasi-identifier", derived=generalise)
    gen = generalise or {}
    return [f"({gen[q]})" if q in gen else ident(q) for q in quasi]


def _query(data: DataSource, sql: str, *, table: str) -> duckdb.DuckDBPyRelation:
    """Run ``sql`` (which reads from the view name ``__pk_risk_data``) over ``data``."""
    import duckdb

    rel = as_relation(data, table)
    try:
        return rel.query(_VIEW, sql)
    except duckdb.Error as exc:
        raise sql_error(exc, "cannot compute equivalence classes", hint=_HINT) from exc


def class_sizes(data: DataSource, quasi: Sequence[str], *, generalise: Mapping[str, str] | None = None,
                table: str = RECORDS_TABLE) -> duckdb.DuckDBPyRelation:
    """One row per equivalence class: the (generalised) quasi values under the quasi names, and
    ``class_size``. Lazy: nothing runs until the relation is read."""
    rel = as_relation(data, table)
    exprs = _class_exprs(rel.columns, quasi, generalise)
    select = ", ".join(f"{e} AS {ident(q)}" for e, q in zip(exprs, quasi, strict=True))
    names = ", ".join(ident(q) for q in quasi)
    return _query(rel, f"SELECT {names}, count(*) AS {CLASS_SIZE} FROM "
                       f"(SELECT {select} FROM {_VIEW}) GROUP BY ALL", table=table)


def with_class_size(data: DataSource, quasi: Sequence[str], *, generalise: Mapping[str, str] | None = None,
                    table: str = RECORDS_TABLE, column: str = CLASS_SIZE) -> duckdb.DuckDBPyRelation:
    """Every row of ``data`` with one more column: the size of its (generalised) equivalence class.

    What suppression needs: keep the rows whose class size is at least k. The generalised values
    themselves are not added; compute them with the same expressions when rewriting.
    """
    rel = as_relation(data, table)
    if column in rel.columns:
        raise InputError(f"the input already has a column named {column!r}")
    partition = ", ".join(_class_exprs(rel.columns, quasi, generalise))
    return _query(rel, f"SELECT *, count(*) OVER (PARTITION BY {partition}) AS {ident(column)} "
                       f"FROM {_VIEW}", table=table)


def k_anonymity(data: DataSource, quasi: Sequence[str], k: int = DEFAULT_K, *,
                generalise: Mapping[str, str] | None = None, table: str = RECORDS_TABLE) -> KAnonymityReport:
    """The k-anonymity report of ``quasi`` over ``data`` (a DuckDB relation, or a connection whose
    ``table`` holds the records).

    ``generalise`` maps a quasi name to a SQL expression over the input's columns (quote names
    with double quotes); a quasi name may be new if it has an expression.
    """
    if k < 1:
        raise InputError(f"k must be at least 1, not {k}")
    sizes = class_sizes(data, quasi, generalise=generalise, table=table)
    # One pass: the histogram of class sizes (at most ~sqrt(2 x records) rows) holds every figure.
    counts = sizes.query("__pk_classes", f"SELECT {CLASS_SIZE}, count(*) FROM __pk_classes GROUP BY 1 ORDER BY 1")
    histogram = [(int(size), int(n)) for size, n in fetch_rows(counts, "cannot compute equivalence classes",
                                                                 hint=_HINT)]
    small = tuple((size, n) for size, n in histogram if size < k)
    return KAnonymityReport(
        quasi=tuple(quasi), k=k, records=sum(size * n for size, n in histogram),
        classes=sum(n for _, n in histogram), smallest_class=histogram[0][0] if histogram else 0,
        records_below_k=sum(size * n for size, n in small), classes_below_k=sum(n for _, n in small),
        unique_records=dict(histogram).get(1, 0), small_class_sizes=small, generalise=dict(generalise or {}),
    )
