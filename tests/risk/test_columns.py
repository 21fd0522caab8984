"""Which columns are quasi-identifiers, which are direct identifiers, and why."""

from __future__ import annotations

from pathlib import Path

import pytest

from privacy_kit.risk.columns import IDENTIFIER, QUASI, infer_roles, kind_by_name, quasi_columns, \
    scan_column_entities
from privacy_kit.risk.loading import load_records

# fmt: off
NAMES = [
    # quasi-identifiers
    ("年齢", "age"), ("会員年齢", "age"), ("user_age", "age"), ("ageBand", "age"),
    ("性別", "gender"), ("sex", "gender"), ("生年月日", "birth_date"), ("birthDate", "birth_date"),
    ("郵便番号", "postal_code"), ("zipCode", "postal_code"), ("user.zip", "postal_code"),
    ("住所", "address"), ("都道府県", "address"), ("prefecture", "address"), ("職業", "occupation"),
    ("国籍", "nationality"), ("time", "timestamp"), ("日時", "timestamp"), ("created_date", "timestamp"),
    # direct identifiers: the whole name must say so
    ("氏名", "name"), ("user_name", "name"), ("email", "contact"), ("phone_number", "contact"),
    ("電話番号", "contact"), ("会員番号", "id_number"), ("user_id", "id_number"), ("ip", "online_id"),
    ("remote_addr", "online_id"), ("client_id", "online_id"),
    # neither
    ("page", None), ("usage", None), ("page_name", None), ("status", None), ("device", None),
    ("comment", None), ("created_at", None), ("stage", None), ("ipsum", None),
]
# fmt: on


@pytest.mark.parametrize(("name", "kind"), NAMES)
def test_kind_by_name(name: str, kind: str | None) -> None:
    found = kind_by_name(name)
    assert (found.id if found else None) == kind


def _csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "export.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_scan_values_and_names_together(tmp_path: Path) -> None:
    rows = "\n".join(
        f"{30 + i % 7}歳,{'男性' if i % 2 else '女性'},〒150-00{i % 10:02d},2026-11-{1 + i % 28:02d} 08:{i % 60:02d},"
        f"090-1234-{5000 + i:04d},/p/{i % 3},{i}"
        for i in range(40))
    path = _csv(tmp_path, "c1,c2,c3,c4,memo,page,n\n" + rows + "\n")
    loaded = load_records(path)
    scanned = scan_column_entities(loaded.con, loaded.table, path, fmt="csv", encoding="utf-8",
                                   columns=loaded.columns, sample=100)
    assert scanned["c1"][0] == "AGE" and scanned["c3"][0] == "JP_POSTAL_CODE"
    assert scanned["memo"][0] == "PHONE_NUMBER" and scanned["memo"][1] == pytest.approx(1.0)
    roles = {r.column: r for r in infer_roles(loaded.con, loaded.table, loaded.columns, scanned=scanned)}
    assert {c: (r.kind, r.role) for c, r in roles.items()} == {
        "c1": ("age", QUASI), "c2": ("gender", QUASI), "c3": ("postal_code", QUASI),
        "c4": ("timestamp", QUASI), "memo": ("contact", IDENTIFIER)}
    assert roles["c2"].evidence.startswith("values:") and roles["c1"].evidence.startswith("scan:")
    assert quasi_columns(roles.values()) == ["c1", "c2", "c3", "c4"]


def test_scan_stops_after_the_sample(tmp_path: Path) -> None:
    # the phone numbers start after the sample: the column is not marked
    rows = ["plain"] * 50 + ["090-1234-5678"] * 50
    path = _csv(tmp_path, "memo\n" + "\n".join(rows) + "\n")
    loaded = load_records(path)
    assert scan_column_entities(loaded.con, loaded.table, path, fmt="csv", encoding="utf-8", columns=["memo"],
                                sample=40) == {}
    assert "memo" in scan_column_entities(loaded.con, loaded.table, path, fmt="csv", encoding="utf-8",
                                          columns=["memo"], sample=100)


def test_fixed_roles_win(tmp_path: Path) -> None:
    path = _csv(tmp_path, "年齢,user\n34,a\n35,b\n")
    loaded = load_records(path)
    roles = infer_roles(loaded.con, loaded.table, loaded.columns, fixed={"年齢": "subject"})
    assert [(r.column, r.role, r.evidence) for r in roles] == [("年齢", IDENTIFIER, "given on the command line")]


def test_few_values_that_look_like_gender_are_not_enough(tmp_path: Path) -> None:
    path = _csv(tmp_path, "x\n男\n女\nその他\n" + "\n".join(["abc"] * 10) + "\n")
    loaded = load_records(path)
    assert infer_roles(loaded.con, loaded.table, loaded.columns) == []


def test_online_identifiers_found_by_the_scan_are_direct_identifiers(tmp_path: Path) -> None:
    rows = "\n".join(f"GA1.2.{1000000000 + i}.{1700000000 + i},/p/{i % 3}" for i in range(30))
    path = _csv(tmp_path, "_ga,page\n" + rows + "\n")
    loaded = load_records(path)
    scanned = scan_column_entities(loaded.con, loaded.table, path, fmt="csv", encoding="utf-8",
                                   columns=loaded.columns, sample=100)
    roles = infer_roles(loaded.con, loaded.table, loaded.columns, scanned=scanned)
    assert [(r.column, r.kind, r.role) for r in roles] == [("_ga", "online_id", IDENTIFIER)]
