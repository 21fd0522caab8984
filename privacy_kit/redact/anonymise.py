"""匿名加工 (Rule 34) of structured fields: linking IDs, quasi-identifiers, outliers.

The whole file is read once (no detection) to see every record's quasi-identifiers. Then:

1. **Linking IDs** (Rule 34(3)): fields that tie a record to the source (``id``, ``user_id``,
   会員番号, ``author``…) get values (``ID_`` + 10 consonants) derived from a key made for this run and never stored, so
   one person's records still share an ID inside the copy, but nobody can link them back.
2. **Quasi-identifiers** (Rule 34(5)): generalised one level at a time (``generalise.py``),
   always the column whose next level most reduces the records in classes smaller than k, until
   at most ``max_suppress`` of the records are left in such classes. The measure is the risk
   engine's ``k_anonymity`` (DuckDB), not a second implementation.
3. **Outliers** (Rule 34(4)): the records still in classes smaller than k are suppressed
   (left out of the copy).

The plan, the levels reached, and k before and after go into the report; the run key is
dropped when the run ends, and no table links old and new values (PPC FAQ Q15-14).
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from privacy_kit.errors import InputError
from privacy_kit.rewrite import Row, read_rows

from .generalise import HIERARCHIES, KINDS, Hierarchy
from .placeholders import ID_LETTERS, letters

#: Field names that say what a column holds, by kind (the last part of a dotted path).
_KIND_NAMES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("birth", re.compile(r"生年月日|誕生日|birth|dob", re.I)),
    ("age", re.compile(r"年齢|^age$|_age$|^age_|歳", re.I)),
    ("postal", re.compile(r"郵便番号|postal|^zip|zipcode|postcode|〒", re.I)),
    ("address", re.compile(r"住所|所在地|address|都道府県|prefecture|市区町村|^city$", re.I)),
    ("time", re.compile(r"日時|時刻|日付|timestamp|datetime|^time$|^date$|_at$|_time$|_date$|^created|^updated"
                        r"|^posted", re.I)),
    ("category", re.compile(r"性別|gender|^sex$|職業|occupation", re.I)),
)
_ID_NAMES = re.compile(r"^id$|_id$|[a-z]Id$|ID$|会員番号|ユーザー|アカウント|^user$|^user_?name$|^author$|^account$"
                       r"|^handle$|screen_name|^ident$|^member", re.I)


def _last_part(name: str | None) -> str:
    parts = [p for p in str(name or "").split(".") if p and not p.isdigit()]
    return parts[-1] if parts else ""


def infer_kind(name: str | None) -> str | None:
    """The quasi-identifier kind a field name announces, or None."""
    last = _last_part(name)
    return next((kind for kind, pattern in _KIND_NAMES if pattern.search(last)), None)


def is_linking_id(name: str | None) -> bool:
    return infer_kind(name) is None and bool(_ID_NAMES.search(_last_part(name)))


def parse_quasi(items: Sequence[str]) -> dict[str, str]:
    """``--quasi FIELD[:KIND]`` items → field → kind (inferred from the name when not given)."""
    out: dict[str, str] = {}
    for item in items:
        name, _, kind = item.rpartition(":") if ":" in item and item.rsplit(":", 1)[1] in KINDS else (item, "", "")
        kind = kind or infer_kind(name) or "category"
        out[name] = kind
    return out


@dataclass(frozen=True)
class QuasiColumn:
    field: str
    kind: str
    level: int = 0

    @property
    def hierarchy(self) -> Hierarchy:
        return HIERARCHIES[self.kind]

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "kind": self.kind, "level": self.level,
                "generalised_to": self.hierarchy.levels[self.level]}


@dataclass
class AnonymisationPlan:
    """What pass one decided: levels per quasi column, linking IDs, rows to suppress."""

    k: int
    quasi: list[QuasiColumn]
    id_fields: list[str]
    suppressed: set[int]
    records: int
    report: dict[str, Any] = field(default_factory=dict)
    _key: bytes = field(default=b"", repr=False)

    def field_changes(self, row: Row) -> dict[int, Any]:
        """New values of the row's quasi and linking-ID fields, by position."""
        levels = {q.field: q for q in self.quasi}
        ids = set(self.id_fields)
        out: dict[int, Any] = {}
        for pos, (name, value) in enumerate(row.fields):
            if name in levels:
                q = levels[name]
                new = q.hierarchy.apply(value, q.level)
            elif name in ids and value not in (None, ""):
                new = self._unlinkable(str(name), value)
            else:
                continue
            if new != value or type(new) is not type(value):
                out[pos] = new
        return out

    def _unlinkable(self, name: str, value: Any) -> Any:
        digest = hmac.new(self._key, f"{name}\0{value}".encode("utf-8", "surrogatepass"), hashlib.sha256).digest()
        if isinstance(value, int) and not isinstance(value, bool):
            return int.from_bytes(digest[:7], "big")
        return f"ID_{letters(digest, ID_LETTERS)}"

    def forget_key(self) -> None:
        self._key = b""


def _columns(rows: Iterable[Row], quasi: dict[str, str] | None, id_fields: Sequence[str] | None
             ) -> tuple[list[int], dict[str, list[Any]], list[str]]:
    """Row indexes, the quasi fields' values (None where a record lacks the field), and the
    linking-ID fields. Only quasi values are kept in memory, never the other fields."""
    indexes: list[int] = []
    values: dict[str, list[Any]] = {q: [] for q in quasi or {}}
    seen: dict[str, None] = {}
    for row in rows:
        n = len(indexes)
        indexes.append(row.index)
        for name, value in row.fields:
            key = str(name)
            if key not in seen:
                seen[key] = None
                if quasi is None and infer_kind(key) is not None:
                    values[key] = [None] * n
            col = values.get(key)
            if col is not None and len(col) == n:
                col.append(value)
        for col in values.values():
            if len(col) < len(indexes):
                col.append(None)
    if quasi is not None:
        missing = [q for q in quasi if q not in seen]
        if missing and indexes:
            raise InputError(f"--quasi: no field {', '.join(map(repr, missing))} in the input",
                             hint=f"fields: {', '.join(list(seen)[:30])}")
    ids = list(id_fields) if id_fields else [n for n in seen if n not in values and is_linking_id(n)]
    return indexes, values, ids


class _Measure:
    """k-anonymity of level vectors over the quasi values, by the risk engine, cached."""

    def __init__(self, quasi: list[QuasiColumn], values: dict[str, list[Any]], k: int) -> None:
        import duckdb

        self.quasi, self.values, self.k = quasi, values, k
        self.con = duckdb.connect()
        self._seen: dict[tuple[int, ...], Any] = {}

    def table(self, levels: tuple[int, ...], keep: list[int] | None = None) -> Any:
        import pyarrow as pa

        cols: dict[str, Any] = {"__row": pa.array(range(len(next(iter(self.values.values())))), pa.int64())}
        for q, level in zip(self.quasi, levels, strict=True):
            gen = [None if v is None else str(q.hierarchy.apply(v, level)) for v in self.values[q.field]]
            cols[q.field] = pa.array(gen, pa.string())
        table = pa.table(cols)
        return table if keep is None else table.take(pa.array(keep, pa.int64()))

    def report(self, levels: tuple[int, ...], keep: list[int] | None = None) -> Any:
        from privacy_kit.risk import k_anonymity

        if keep is None and levels in self._seen:
            return self._seen[levels]
        rel = self.con.from_arrow(self.table(levels, keep))
        out = k_anonymity(rel, [q.field for q in self.quasi], self.k)
        if keep is None:
            self._seen[levels] = out
        return out

    def small_classes(self, levels: tuple[int, ...]) -> list[int]:
        """Positions of the records in classes smaller than k."""
        from privacy_kit.risk import with_class_size

        rel = with_class_size(self.con.from_arrow(self.table(levels)), [q.field for q in self.quasi])
        return [int(r[0]) for r in rel.filter(f"class_size < {int(self.k)}").project('"__row"').fetchall()]


def plan_anonymisation(source: Any, *, k: int, quasi: dict[str, str] | None, id_fields: Sequence[str] | None,
                       max_suppress: float, fmt: str | None = None, encoding: str | None = None,
                       key: bytes) -> AnonymisationPlan:
    """Pass one: choose generalisation levels and the records to suppress (see the module doc)."""
    if k < 1:
        raise InputError(f"--k must be at least 1, not {k}")
    indexes, values, ids = _columns(read_rows(source, fmt=fmt, encoding=encoding), quasi, id_fields)
    kinds = quasi if quasi is not None else {name: infer_kind(name) or "category" for name in values}
    columns = [QuasiColumn(name, kinds[name]) for name in values]
    plan = AnonymisationPlan(k, columns, ids, set(), len(indexes), _key=key)
    report: dict[str, Any] = {"k": k, "records": len(indexes), "max_suppress": max_suppress,
                              "linking_ids": ids, "steps": []}
    if not columns or not indexes:
        report.update(quasi=[], note="no quasi-identifier fields: nothing to generalise"
                      if not columns else "no records", suppressed=0, achieved_k=len(indexes))
        plan.report = report
        return plan
    measure = _Measure(columns, values, k)
    before = measure.report(tuple(0 for _ in columns))
    levels = tuple(q.hierarchy.floor for q in columns)
    budget = max_suppress * len(indexes)
    while measure.report(levels).records_below_k > budget:
        options = [i for i, q in enumerate(columns) if levels[i] < q.hierarchy.top]
        if not options:
            break

        def after(i: int) -> tuple[int, int]:
            trial = tuple(lv + (j == i) for j, lv in enumerate(levels))
            return measure.report(trial).records_below_k, levels[i]

        best = min(options, key=after)
        levels = tuple(lv + (j == best) for j, lv in enumerate(levels))
        report["steps"].append({"field": columns[best].field, "to": columns[best].hierarchy.levels[levels[best]],
                                "records_below_k": measure.report(levels).records_below_k})
    plan.quasi = [QuasiColumn(q.field, q.kind, lv) for q, lv in zip(columns, levels, strict=True)]
    small = measure.small_classes(levels)
    plan.suppressed = {indexes[i] for i in small}
    kept = sorted(set(range(len(indexes))) - set(small))
    after = measure.report(levels, kept)
    report.update(
        quasi=[q.to_dict() for q in plan.quasi], before=before.to_dict(), after=after.to_dict(),
        suppressed=len(small), suppressed_share=round(len(small) / len(indexes), 6),
        achieved_k=after.achieved_k if kept else 0,
    )
    if len(small) > budget:
        report["note"] = (f"every quasi-identifier is fully generalised and still {len(small)} records "
                          f"(more than --max-suppress) were in classes smaller than {k}: they were suppressed")
    plan.report = report
    return plan
