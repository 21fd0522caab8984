"""Disclosure packages (Arts 32(2), 33(1), 33(5)): JSON + CSV + Japanese HTML, the subject's
records, the purposes that apply and their third-party provision records - and nobody else's."""

from __future__ import annotations

import csv
import io
import json
import stat
import zipfile
from datetime import date
from pathlib import Path

import pytest

from audit.errors import RequestStateError, ValidationError
from audit.keys import KeyRing
from audit.requests import Identifier, get_request
from audit.store import Store
from audit.verify import verify_store
from privacy_kit.errors import InputError
from privacy_kit.requests.fulfil import fulfil_disclosure
from tests.requests.conftest import EMAIL, SUBJECT, FakeDetector, file_verified, provide

OTHER = "hanako@example.jp"


def _package(path: Path) -> dict[str, bytes]:
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as zf:
            return {n: zf.read(n) for n in zf.namelist()}
    return {p.name: p.read_bytes() for p in path.iterdir()}


def test_disclosure_package_includes_the_subjects_provision_records(
    store: Store, ring: KeyRing, tmp_path: Path, fake_detector: FakeDetector
) -> None:
    mine = provide(store, ring, [EMAIL, OTHER], date(2026, 5, 1))  # a bulk list naming two people
    provide(store, ring, [OTHER], date(2026, 5, 2))  # someone else's only
    rid = file_verified(store, ring, "33-1", disclosure_method="electronic")
    done = fulfil_disclosure(store, ring, rid, tmp_path / "pkg")
    assert done.outcome == "fulfilled" and get_request(store, rid).state == "fulfilled"

    files = _package(tmp_path / "pkg")
    assert set(files) == {"disclosure.json", "records.csv", "purposes.csv", "provisions.csv", "index.html"}
    data = json.loads(files["disclosure.json"])
    assert data["format"] == "privacy-kit-disclosure/1" and data["request"]["request_id"] == rid
    assert [p["provision_id"] for p in data["provisions"]] == [mine]
    assert data["provisions"][0]["your_identifiers"] == [EMAIL]
    assert OTHER not in files["disclosure.json"].decode() and OTHER not in files["index.html"].decode()
    assert {(r["dataset"], r["record"]) for r in data["records"]} == {
        ("comments", 2), ("comments", 3), ("comments", 5), ("members", 2)
    }
    assert {p["purpose_id"] for p in data["purposes"]} == {"P-sns", "P-members"}

    rows = list(csv.reader(io.StringIO(files["provisions.csv"].decode("utf-8-sig"))))
    assert rows[1][0] == mine and rows[1][3] == "株式会社サンプル印刷" and rows[1][-1] == EMAIL
    assert files["records.csv"].startswith(b"\xef\xbb\xbf")  # BOM: Excel reads it as UTF-8

    html = files["index.html"].decode("utf-8")
    assert '<html lang="ja">' in html and "第三者提供記録" in html and "保有個人データの開示" in html
    assert "<mark>ヤマダタロウ</mark>" in html and "株式会社サンプル印刷" in html
    assert "<script" not in html and "http" not in html  # self-contained: nothing fetched

    package = done.evidence["package"]
    assert package["provisions"] == [mine] and {f["name"] for f in package["files"]} == set(files)
    assert stat.S_IMODE((tmp_path / "pkg" / "index.html").stat().st_mode) == 0o600
    assert verify_store(store).ok


def test_33_5_package_holds_only_provision_records(store: Store, ring: KeyRing, tmp_path: Path) -> None:
    pid = provide(store, ring, [EMAIL], date(2026, 5, 1))
    rid = file_verified(store, ring, "33-5", identifiers=(Identifier("email", EMAIL),))
    fulfil_disclosure(store, ring, rid, tmp_path / "pkg.zip")
    files = _package(tmp_path / "pkg.zip")
    assert set(files) == {"disclosure.json", "provisions.csv", "index.html"}
    data = json.loads(files["disclosure.json"])
    assert [p["provision_id"] for p in data["provisions"]] == [pid] and "records" not in data


def test_32_2_package_holds_the_purposes_of_the_data_sets_they_are_in(
    store: Store, ring: KeyRing, tmp_path: Path, fake_detector: FakeDetector
) -> None:
    rid = file_verified(store, ring, "32-2", identifiers=(Identifier("phone", "090-1234-5678"),))
    fulfil_disclosure(store, ring, rid, tmp_path / "pkg")
    data = json.loads((tmp_path / "pkg" / "disclosure.json").read_text(encoding="utf-8"))
    assert [p["purpose_id"] for p in data["purposes"]] == ["P-members"] and set(data) == {"format", "request", "purposes"}
    assert "会員管理" in (tmp_path / "pkg" / "index.html").read_text(encoding="utf-8")


def test_nothing_found_is_said_so(store: Store, ring: KeyRing, tmp_path: Path, fake_detector: FakeDetector) -> None:
    rid = file_verified(store, ring, "33-1", identifiers=(Identifier("email", "nobody@example.jp"),))
    done = fulfil_disclosure(store, ring, rid, tmp_path / "pkg")
    assert done.outcome == "fulfilled"
    html = (tmp_path / "pkg" / "index.html").read_text(encoding="utf-8")
    assert "見つかりませんでした" in html and "記録はありません" in html


def test_dry_run_writes_nothing_and_keeps_the_request_open(
    store: Store, ring: KeyRing, tmp_path: Path, fake_detector: FakeDetector
) -> None:
    rid = file_verified(store, ring, "33-1")
    done = fulfil_disclosure(store, ring, rid, tmp_path / "pkg", dry_run=True)
    assert done.dry_run and done.evidence["package"]["records"] == 4
    assert not (tmp_path / "pkg").exists() and get_request(store, rid).state == "verified"


def test_an_existing_output_is_never_overwritten(store: Store, ring: KeyRing, tmp_path: Path, fake_detector) -> None:
    (tmp_path / "pkg").mkdir()
    rid = file_verified(store, ring, "33-1")
    with pytest.raises(InputError, match="already exists"):
        fulfil_disclosure(store, ring, rid, tmp_path / "pkg")
    assert get_request(store, rid).state == "verified"


def test_unreadable_records_make_it_partial(store: Store, ring: KeyRing, tmp_path: Path, world, fake_detector) -> None:
    with world.comments.open("ab") as fh:
        fh.write(b'{"broken\n')
    rid = file_verified(store, ring, "33-1")
    done = fulfil_disclosure(store, ring, rid, tmp_path / "pkg")
    req = get_request(store, rid)
    assert done.outcome == req.state == "partially_fulfilled" and "読み取れず" in (req.reason or "")


@pytest.mark.parametrize(("request_type", "error"), [("35-1", ValidationError), ("34", ValidationError)])
def test_only_disclosure_types(store: Store, ring: KeyRing, tmp_path: Path, request_type: str, error: type) -> None:
    rid = file_verified(store, ring, request_type)
    with pytest.raises(error, match="not a disclosure"):
        fulfil_disclosure(store, ring, rid, tmp_path / "pkg")


def test_unverified_request_is_refused(store: Store, ring: KeyRing, tmp_path: Path) -> None:
    from audit.requests import NewRequest, file_request

    rid = file_request(store, ring, NewRequest("33-1", SUBJECT)).request_id
    with pytest.raises(RequestStateError):
        fulfil_disclosure(store, ring, rid, tmp_path / "pkg")
    assert not (tmp_path / "pkg").exists()
