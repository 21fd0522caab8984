"""What each column of an export is: a quasi-identifier, a direct identifier, or neither.

Quasi-identifiers are the attributes that single a person out *in combination* (age, gender,
postcode, address, birth date, occupation, timestamps…); direct identifiers single them out
alone (name, e-mail, phone, My Number, an account or member id) and belong in Rule 34 items 1–3
(delete or replace), not in a k-anonymity measure, where every value would be its own class.

Three kinds of evidence, each reported with the column so the choice can be checked:

1. the column's **name** (``年齢``, ``性別``, ``zip``, ``生年月日``, ``email``…), matched on Japanese
   substrings and on English words of the name (``user_age`` is age; ``page`` is not);
2. a **scan** of the first records with the pattern-tier recognizers (no GiNZA: structured columns
   are labelled values, and a cell is analysed as ``列名: 値``), through ``scan_findings``;
3. the **values** themselves, in SQL: timestamps, and gender codes.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .sql import fetch_rows, ident, literal
from .times import local_timestamp

if TYPE_CHECKING:
    import duckdb

    from privacy_kit.detect import Detector

#: Records of the input scanned to infer column kinds (the head of the file).
SCAN_SAMPLE = 2000
#: Share of a column's scanned values in which an entity must be found to mark the column.
SCAN_SHARE = 0.3
#: Share of a column's values that must parse as timestamps / gender codes.
VALUE_SHARE = 0.9
#: Rows of a column looked at by the value tests.
VALUE_SAMPLE = 10_000

QUASI = "quasi"
IDENTIFIER = "identifier"


@dataclass(frozen=True)
class ColumnKind:
    """A kind of column: a stable id, its role, the names that announce it, the entities that
    reveal it in a scan."""

    id: str
    role: str  # QUASI or IDENTIFIER
    label: str
    japanese: tuple[str, ...] = ()
    english: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()


# fmt: off
KINDS: tuple[ColumnKind, ...] = (
    ColumnKind("age", QUASI, "年齢", ("年齢", "年代", "歳"), ("age", "ages", "agegroup", "ageband"), ("AGE",)),
    ColumnKind("gender", QUASI, "性別", ("性別", "男女"), ("gender", "sex")),
    ColumnKind("birth_date", QUASI, "生年月日", ("生年月日", "誕生日", "生年"),
               ("birth", "birthday", "birthdate", "dob"), ("DATE_OF_BIRTH",)),
    ColumnKind("postal_code", QUASI, "郵便番号", ("郵便番号", "〒"), ("zip", "zipcode", "postal", "postcode"),
               ("JP_POSTAL_CODE",)),
    ColumnKind("address", QUASI, "住所・地域", ("住所", "所在地", "都道府県", "市区町村", "居住地", "地域", "在住"),
               ("address", "addr", "prefecture", "pref", "city", "ward", "region"), ("JP_ADDRESS",)),
    ColumnKind("occupation", QUASI, "職業", ("職業", "職種", "勤務先", "所属"),
               ("occupation", "job", "profession", "employer", "affiliation")),
    ColumnKind("nationality", QUASI, "国籍", ("国籍",), ("nationality", "citizenship")),
    ColumnKind("timestamp", QUASI, "日時", ("日時", "時刻", "日付", "年月日"),
               ("time", "timestamp", "datetime", "date", "ts")),
    ColumnKind("name", IDENTIFIER, "氏名", ("氏名", "名前", "フリガナ", "ふりがな", "姓名"),
               ("name", "fullname", "firstname", "lastname", "surname", "familyname", "givenname", "username",
                "membername", "customername", "realname"), ("PERSON",)),
    ColumnKind("contact", IDENTIFIER, "連絡先", ("電話", "携帯", "メール", "ＦＡＸ", "FAX"),
               ("email", "mail", "emailaddress", "mailaddress", "phone", "phonenumber", "tel", "telephone", "mobile",
                "fax"), ("EMAIL_ADDRESS", "PHONE_NUMBER")),
    ColumnKind("id_number", IDENTIFIER, "識別番号",
               ("会員番号", "会員ID", "個人番号", "マイナンバー", "旅券", "免許", "保険証", "口座", "カード番号"),
               ("userid", "uid", "memberid", "memberno", "customerid", "accountid", "account", "passport",
                "passportno", "licenseno", "cardno", "cardnumber"),
               ("JP_MY_NUMBER", "CREDIT_CARD", "JP_RESIDENT_CODE", "JP_PASSPORT", "JP_DRIVERS_LICENSE",
                "JP_RESIDENCE_CARD", "JP_BANK_ACCOUNT", "JP_HEALTH_INSURANCE")),
    ColumnKind("subject", IDENTIFIER, "本人の識別子 (--subject)"),
    ColumnKind("online_id", IDENTIFIER, "オンライン識別子", ("アカウント", "IPアドレス"),
               ("ip", "ipaddress", "clientip", "remoteaddr", "remoteip", "cookie", "cookieid", "clientid", "deviceid",
                "adid", "idfa", "sessionid", "handle", "screenname"),
               ("IP_ADDRESS", "SNS_ACCOUNT", "ONLINE_IDENTIFIER")),
)
# fmt: on
_BY_ID = {k.id: k for k in KINDS}
_BY_ENTITY = {e: k for k in KINDS for e in k.entities}
GENDER_VALUES = ("男", "女", "男性", "女性", "その他", "不明", "m", "f", "male", "female", "other")


@dataclass(frozen=True)
class ColumnRole:
    """A column's inferred kind and role, and why."""

    column: str
    kind: str
    role: str
    evidence: str

    def to_dict(self) -> dict[str, str]:
        return {"column": self.column, "kind": self.kind, "role": self.role, "evidence": self.evidence}


def _words(name: str) -> list[str]:
    """English words of a column name: ``userAge`` / ``user_age`` / ``user.age`` → user, age."""
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", name)
    return [w.lower() for w in re.split(r"[^0-9A-Za-z]+", spaced) if w]


def kind_by_name(name: str) -> ColumnKind | None:
    """The kind a column's name announces, or None. The last dotted part counts (``user.zip``).

    Identifier kinds need the whole name (``user_name``, ``client_ip``: ``page_name`` is not a
    name, ``remote_addr`` not an address); quasi kinds any English word of it (``member_age``)."""
    last = name.rsplit(".", 1)[-1]
    words = _words(last)
    whole = "".join(words)
    for kind in KINDS:
        if kind.role == IDENTIFIER and (any(j in last for j in kind.japanese) or whole in kind.english):
            return kind
    for kind in KINDS:
        if kind.role == QUASI and (any(j in last for j in kind.japanese)
                                   or {*words, whole} & set(kind.english)):
            return kind
    return None


def pattern_detector() -> Detector:
    """The pack's pattern-tier recognizers without GiNZA (seconds to build, no model load)."""
    from privacy_kit.detect import Detector
    from recognizers import all_specs
    from recognizers.empty_nlp import pattern_analyzer
    from recognizers.registry import select

    specs = select(all_specs(), tiers=["pattern"], entities=list(_BY_ENTITY))
    return Detector(analyzer=pattern_analyzer(specs), entities=sorted({e for s in specs for e in s.entities}))


class _Enough(Exception):
    """Raised from the scan's batch callback once the sample has been read."""


def scan_column_entities(con: duckdb.DuckDBPyConnection, table: str, path: Path, *, fmt: str | None,
                         encoding: str | None, columns: Sequence[str], sample: int = SCAN_SAMPLE
                         ) -> dict[str, tuple[str, float]]:
    """Per column, the entity type found most often in the first ``sample`` records and the share
    of that column's values it was found in (only columns at or above :data:`SCAN_SHARE`).

    The scan reads the file itself (``scan_findings``, pattern tier); the share's denominator is
    the column's non-empty values among the first ``sample`` rows of the loaded table, which holds
    the records in file order.
    """
    from privacy_kit.scan import ScanOptions, ScanSummary, scan_findings

    if not columns:
        return {}
    options = ScanOptions(fmt=fmt, encoding=encoding, text_fields=list(columns), ner=False, batch_size=256)

    def stop_after_sample(summary: ScanSummary) -> None:
        if summary.records >= sample:
            raise _Enough

    hits: dict[str, Counter[str]] = defaultdict(Counter)
    seen: set[tuple[int, str, str]] = set()
    try:
        for f in scan_findings([path], options, detector=pattern_detector(), on_batch=stop_after_sample):
            key = (f.record, str(f.field), f.entity_type)
            if f.record < sample and key not in seen:
                seen.add(key)
                hits[str(f.field)][f.entity_type] += 1
    except _Enough:
        pass
    wanted = [c for c in hits if c in columns]
    if not wanted:
        return {}
    counts = fetch_rows(con.sql(f"SELECT {', '.join(f'count({ident(c)})' for c in wanted)} "
                                f"FROM (SELECT * FROM {ident(table)} LIMIT {int(sample)})"),
                        "cannot profile the columns")[0]
    out: dict[str, tuple[str, float]] = {}
    for column, present in zip(wanted, counts, strict=True):
        entity, n = hits[column].most_common(1)[0]
        share = n / max(1, present, n)
        if share >= SCAN_SHARE:
            out[column] = (entity, share)
    return out


def _value_tests(con: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str]) -> dict[str, tuple[str, float]]:
    """Columns whose values are mostly timestamps, or mostly gender codes (kind id, share)."""
    if not columns:
        return {}
    genders = ", ".join(literal(g) for g in GENDER_VALUES)
    parts = []
    for c in columns:
        col = ident(c)
        parts.append(f"count({col})")
        parts.append(f"count(*) FILTER (WHERE {local_timestamp(col)} IS NOT NULL)")
        parts.append(f"count(*) FILTER (WHERE lower(trim({col})) IN ({genders}))")
        parts.append(f"count(DISTINCT {col})")
    rel = con.sql(f"SELECT {', '.join(parts)} FROM (SELECT * FROM {ident(table)} LIMIT {VALUE_SAMPLE})")
    row = fetch_rows(rel, "cannot profile the columns")[0]
    out: dict[str, tuple[str, float]] = {}
    for i, c in enumerate(columns):
        present, stamps, genders_n, distinct = row[4 * i: 4 * i + 4]
        if not present:
            continue
        if stamps / present >= VALUE_SHARE:
            out[c] = ("timestamp", stamps / present)
        elif genders_n / present >= VALUE_SHARE and distinct <= 4:
            out[c] = ("gender", genders_n / present)
    return out


def timestamp_columns(con: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str]) -> list[str]:
    """Columns whose values are mostly timestamps (a scan has nothing to add to them)."""
    return [c for c, (kind, _) in _value_tests(con, table, columns).items() if kind == "timestamp"]


def infer_roles(con: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str], *,
                scanned: dict[str, tuple[str, float]] | None = None,
                fixed: dict[str, str] | None = None) -> list[ColumnRole]:
    """The role of every column that has one. ``scanned`` is :func:`scan_column_entities`'s
    result; ``fixed`` maps columns whose role the caller knows (``--subject``) to a kind id.

    Evidence ranks: what a scan found in the values, then the name, then the values' form
    (a column named 生年月日 holding ISO dates is a birth date, not just a timestamp)."""
    fixed = fixed or {}
    scanned = scanned or {}
    values = _value_tests(con, table, [c for c in columns if c not in fixed])
    roles = []
    for c in columns:
        if c in fixed:
            kind = _BY_ID[fixed[c]]
            roles.append(ColumnRole(c, kind.id, kind.role, "given on the command line"))
            continue
        by_scan = scanned.get(c)
        by_value = values.get(c)
        by_name = kind_by_name(c)
        if by_scan and by_scan[0] in _BY_ENTITY:
            kind = _BY_ENTITY[by_scan[0]]
            evidence = f"scan: {by_scan[0]} in {by_scan[1]:.0%} of sampled values"
        elif by_name:
            kind = by_name
            evidence = f"name: {c!r}"
        elif by_value:
            kind = _BY_ID[by_value[0]]
            evidence = f"values: {by_value[1]:.0%} are {'timestamps' if by_value[0] == 'timestamp' else 'gender codes'}"
        else:
            continue
        roles.append(ColumnRole(c, kind.id, kind.role, evidence))
    return roles


def quasi_columns(roles: Iterable[ColumnRole]) -> list[str]:
    return [r.column for r in roles if r.role == QUASI]


def roles_to_dicts(roles: Iterable[ColumnRole]) -> list[dict[str, Any]]:
    return [r.to_dict() for r in roles]
