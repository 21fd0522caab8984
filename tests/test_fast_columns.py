"""``--fast-columns``: sampling decides per column; only values matched whole are fast-pathed."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from privacy_kit.fast_columns import FastColumns, column_of
from privacy_kit.scan import ScanOptions, ScanSummary, analysis_text, scan_findings


def _route(fast: FastColumns, name: str, value: str, source: str = "a.csv") -> object:
    return fast.route(source, name, *analysis_text(name, value))


@pytest.mark.parametrize(("name", "values", "decided"), [
    ("email", [f"user{i}@example.jp" for i in range(10)], "EMAIL_ADDRESS"),
    ("tel", [f"090-1234-{1000 + i}" for i in range(10)], "PHONE_NUMBER"),
    ("ip", [f"203.0.113.{i + 1}" for i in range(10)], "IP_ADDRESS"),
    ("zip", ["100-0001"] * 10, "JP_POSTAL_CODE"),
    # 9 of 10 addresses: exactly the 90% threshold.
    ("mail", [f"user{i}@example.jp" for i in range(9)] + ["不明"], "EMAIL_ADDRESS"),
    # Mixed columns are never fast-pathed.
    ("contact", [f"user{i}@example.jp" for i in range(5)] + [f"090-1234-{1000 + i}" for i in range(5)], None),
    ("comment", [f"山田さんのメールは user{i}@example.jp です" for i in range(10)], None),
    ("email", [f"user{i}@example.jp" for i in range(8)] + ["不明", "なし"], None),
])
def test_a_column_is_decided_after_its_sample(name: str, values: list[str], decided: str | None) -> None:
    fast = FastColumns(sample=10)
    assert all(_route(fast, name, v) is None for v in values)  # sampled values get the full scan
    assert fast.decisions() == ({"a.csv": {name: decided}} if decided else {})


def test_a_decided_column_fast_paths_only_values_matched_whole() -> None:
    fast = FastColumns(sample=5)
    for i in range(5):
        _route(fast, "email", f"user{i}@example.jp")
    found = _route(fast, "email", "hanako@example.com")
    assert isinstance(found, list) and [(d.entity_type, d.recognizer) for d in found] == \
        [("EMAIL_ADDRESS", "jp.email.v1")]
    # offsets index the analysis text ("email: " + value), as the full detector's do
    assert found[0].start == len("email: ")
    assert _route(fast, "email", "山田花子 hanako@example.com") is None  # not whole: full scan
    assert _route(fast, "email", "") is None
    assert _route(fast, "email", "x@example.jp", source="b.csv") is None  # another file samples anew
    assert fast.fast_values == 1


def test_types_not_reported_are_never_fast_paths() -> None:
    fast = FastColumns(sample=3, entities=["PERSON", "PHONE_NUMBER"])
    for i in range(3):
        _route(fast, "email", f"user{i}@example.jp")
    assert fast.decisions() == {}


@pytest.mark.parametrize(("name", "column"), [
    ("email", "email"), ("items.3.email", "items.email"), ("0.tel", "tel"), ("a.10", "a"), (None, None),
])
def test_column_of_ignores_array_indices(name: str | None, column: str | None) -> None:
    assert column_of("f", name) == (("f", column) if column else None)


def members_csv(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "email", "memo"])
        for i in range(rows):
            memo = f"担当の田中さんに連絡（090-1111-{2000 + i}）" if i % 3 == 0 else "特になし"
            w.writerow([i, f"member{i}@example.org", memo])
    return path


@pytest.mark.ginza
def test_same_findings_with_and_without_fast_columns(tmp_path: Path) -> None:
    src = members_csv(tmp_path / "members.csv", 60)

    def run(fast: bool) -> tuple[list[object], ScanSummary]:
        summary = ScanSummary()
        options = ScanOptions(fast_columns=fast, fast_columns_sample=20)
        return list(scan_findings([src], options, summary=summary, workers=1)), summary

    full, _ = run(False)
    fast, summary = run(True)
    assert fast == full
    assert summary.fast_columns == {str(src): {"email": "EMAIL_ADDRESS"}}  # memo is mixed: not fast-pathed
    assert summary.fast_column_values == 40
    assert {f.entity_type for f in full} >= {"EMAIL_ADDRESS", "PHONE_NUMBER", "PERSON"}  # type: ignore[attr-defined]
