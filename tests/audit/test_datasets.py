"""Data sets: registration, matching scanned files, and the flags (uncovered types, retention)."""

from __future__ import annotations

import os
import time
from datetime import date
from pathlib import Path

import pytest

from audit.datasets import (
    add_dataset,
    dataset_status,
    get_dataset,
    list_datasets,
    parse_retention,
    purpose_covers,
)
from audit.errors import DuplicateRecordError, RecordNotFoundError, ValidationError
from audit.keys import KeyRing
from audit.purposes import add_purpose, publish_purpose
from audit.scans import record_scan
from audit.store import Store

# fmt: off
RETENTION = [("90", 90), ("90d", 90), ("12w", 84), ("6m", 180), ("3y", 1095), ("1Y", 365), (" 30 d ", 30), (7, 7)]
BAD_RETENTION = ["", "0d", "-1d", "1.5y", "forever", "3x"]
COVERS = [
    (["PERSON"], "PERSON", True),
    (["PERSON"], "PERSON_NAME", False),
    (["JP_*"], "JP_MY_NUMBER", True),
    (["JP_*"], "PHONE_NUMBER", False),
    (["*"], "CREDIT_CARD", True),
    ([], "PERSON", False),
]
# fmt: on


@pytest.mark.parametrize(("text", "days"), RETENTION)
def test_retention_periods_parse(text: str | int, days: int) -> None:
    assert parse_retention(text) == days


@pytest.mark.parametrize("text", BAD_RETENTION)
def test_bad_retention_periods_are_clear_errors(text: str) -> None:
    with pytest.raises(ValidationError):
        parse_retention(text)


@pytest.mark.parametrize(("categories", "entity_type", "covered"), COVERS)
def test_purpose_categories_cover_entity_types(
    categories: list[str], entity_type: str, covered: bool
) -> None:
    assert purpose_covers(categories, entity_type) is covered


@pytest.fixture
def purpose(store: Store) -> str:
    pv = add_purpose(
        store,
        text="公式SNSへのコメントの管理と不適切投稿への対応のため",
        categories=["PERSON", "SNS_ACCOUNT"],
    )
    publish_purpose(store, pv.purpose_id, published_on=date(2026, 4, 1))
    return pv.purpose_id


@pytest.fixture
def logs(tmp_path: Path) -> Path:
    folder = tmp_path / "logs"
    folder.mkdir()
    for name in ("2026-10.jsonl", "2026-11.jsonl"):
        (folder / name).write_text('{"text": "x"}\n', encoding="utf-8")
    return folder


def test_a_data_set_is_registered_with_an_absolute_glob(
    store: Store, purpose: str, logs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(logs.parent)
    ds = add_dataset(
        store,
        "sns-comments",
        location="logs/*.jsonl",
        format="JSONL",
        owner="広報委員会",
        purposes=[purpose],
        retention="1y",
        third_party=False,
    )
    assert ds.location == str(logs / "*.jsonl") and ds.format == "jsonl" and ds.never_provided
    assert get_dataset(store, "sns-comments") == ds and list_datasets(store) == [ds]
    assert ds.covers(str(logs / "2026-10.jsonl")) and ds.covers("logs/2026-11.jsonl")
    assert not ds.covers(str(logs / "other.csv"))
    assert [e.kind for e in store.events()][-1] == "dataset.added"


# fmt: off
INVALID = [
    ({"dataset_id": "a b"},                                   ValidationError, "letters, digits"),
    ({"format": "xlsx"},                                      ValidationError, "not one of"),
    ({"owner": " "},                                          ValidationError, "owner"),
    ({"purposes": []},                                        ValidationError, "at least one purpose"),
    ({"purposes": ["P999"]},                                  RecordNotFoundError, "P999"),
    ({"allowed_paths": ["gift"]},                             ValidationError, "unknown legal path"),
    ({"third_party": False, "allowed_paths": ["consent"]},    ValidationError, "never provided"),
    ({"location": "  "},                                      ValidationError, "location"),
]
# fmt: on


@pytest.mark.parametrize(("override", "error", "needle"), INVALID)
def test_invalid_data_sets_are_refused(
    store: Store,
    purpose: str,
    override: dict,
    error: type,  # type: ignore[type-arg]
    needle: str,
) -> None:
    kwargs = {
        "dataset_id": "ds",
        "location": "/data/*.csv",
        "format": "csv",
        "owner": "情報管理室",
        "purposes": [purpose],
        "retention": "90d",
        **override,
    }
    with pytest.raises(error, match=needle):
        add_dataset(store, **kwargs)
    assert list_datasets(store) == []


def test_data_set_ids_are_unique(store: Store, purpose: str) -> None:
    add_dataset(
        store, "ds", location="/data/*.csv", format="csv", owner="o", purposes=[purpose], retention="1y"
    )
    with pytest.raises(DuplicateRecordError):
        add_dataset(
            store, "ds", location="/data/*.csv", format="csv", owner="o", purposes=[purpose], retention="1y"
        )


def _add_sns_logs(store: Store, purpose: str, logs: Path, *, retention: str = "1y") -> None:
    """The data set most tests scan: every JSONL file in ``logs``, registered as "sns"."""
    add_dataset(
        store,
        "sns",
        location=str(logs / "*.jsonl"),
        format="jsonl",
        owner="広報",
        purposes=[purpose],
        retention=retention,
    )


def _finding(source: str, record: int, etype: str) -> dict[str, object]:
    return {
        "source": source,
        "record": record,
        "field": "text",
        "start": 0,
        "end": 4,
        "entity_type": etype,
        "score": 0.9,
        "recognizer": "t.v1",
        "value": f"value-{record}-{etype}",
    }


def test_a_scan_flags_entity_types_its_purposes_do_not_cover(
    store: Store, ring: KeyRing, purpose: str, logs: Path
) -> None:
    _add_sns_logs(store, purpose, logs)
    inputs = [str(logs / "2026-10.jsonl"), str(logs / "2026-11.jsonl")]
    record_scan(
        store,
        {"inputs": inputs},
        [
            _finding(inputs[0], 0, "PERSON"),
            _finding(inputs[0], 1, "PHONE_NUMBER"),
            _finding(inputs[1], 0, "PERSON"),
            _finding(inputs[1], 2, "JP_MY_NUMBER"),
        ],
        keyring=ring,
    )
    status = dataset_status(store, "sns")
    assert status.found_types == {"JP_MY_NUMBER": 1, "PERSON": 2, "PHONE_NUMBER": 1}
    assert status.uncovered_types == ["JP_MY_NUMBER", "PHONE_NUMBER"]
    assert any("do not cover" in f and "Art 18" in f for f in status.flags)


def test_a_clean_scan_raises_no_flags_and_only_the_latest_scan_counts(
    store: Store, ring: KeyRing, purpose: str, logs: Path
) -> None:
    _add_sns_logs(store, purpose, logs)
    src = str(logs / "2026-10.jsonl")
    record_scan(store, {"inputs": [src]}, [_finding(src, 0, "CREDIT_CARD")], keyring=ring)
    time.sleep(0.01)
    record_scan(store, {"inputs": [src]}, [_finding(src, 0, "PERSON")], keyring=ring)
    status = dataset_status(store, "sns")
    assert status.found_types == {"PERSON": 1} and status.flags == []


def test_files_kept_past_retention_are_flagged(store: Store, purpose: str, logs: Path) -> None:
    _add_sns_logs(store, purpose, logs, retention="90d")
    old = time.time() - 200 * 86400
    os.utime(logs / "2026-10.jsonl", (old, old))
    status = dataset_status(store, "sns")
    assert (status.files, status.files_past_retention) == (2, 1)
    assert any("past the 90-day retention" in f and "Art 22" in f for f in status.flags)


def test_an_unpublished_purpose_is_flagged(store: Store, logs: Path) -> None:
    pv = add_purpose(store, text="アクセスログを用いたサービス改善のため", categories=["IP_ADDRESS"])
    add_dataset(
        store,
        "access",
        location=str(logs / "*.log"),
        format="log",
        owner="情報管理室",
        purposes=[pv.purpose_id],
        retention="6m",
    )
    assert dataset_status(store, "access").flags == [f"purpose(s) {pv.purpose_id} not published (Art 21)"]


def test_a_scan_can_name_its_data_set(store: Store, ring: KeyRing, purpose: str, tmp_path: Path) -> None:
    add_dataset(
        store,
        "export",
        location="s3://bucket/export/*.csv",
        format="csv",
        owner="o",
        purposes=[purpose],
        retention="1y",
    )
    record_scan(
        store,
        {"inputs": [str(tmp_path / "local-copy.csv")], "dataset": "export"},
        [_finding(str(tmp_path / "local-copy.csv"), 0, "PERSON")],
        keyring=ring,
    )
    assert dataset_status(store, "export").found_types == {"PERSON": 1}
    with pytest.raises(RecordNotFoundError):
        record_scan(store, {"inputs": [], "dataset": "nope"}, [], keyring=ring)


def test_a_file_reached_through_a_symlink_still_belongs_to_its_data_set(
    store: Store, ring: KeyRing, purpose: str, logs: Path, tmp_path: Path
) -> None:
    _add_sns_logs(store, purpose, logs)
    link = tmp_path / "link-to-logs"
    link.symlink_to(logs, target_is_directory=True)
    via_link = str(link / "2026-10.jsonl")
    record_scan(store, {"inputs": [via_link]}, [_finding(via_link, 0, "PERSON")], keyring=ring)
    assert dataset_status(store, "sns").found_types == {"PERSON": 1}
