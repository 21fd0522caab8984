"""A store and a stand-in detector for the incident tests (no GiNZA needed)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path

import pytest

from audit.store import Store, StoreConfig
from privacy_kit.findings import Detection

# fmt: off
#: What the stand-in detector finds: enough of each Rule 7 category to decide it.
PATTERNS: dict[str, re.Pattern[str]] = {
    "EMAIL_ADDRESS":     re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    "PHONE_NUMBER":      re.compile(r"0\d{1,3}-\d{2,4}-\d{4}"),
    "CREDIT_CARD":       re.compile(r"4\d{15}"),
    "JP_BANK_ACCOUNT":   re.compile(r"(?<=口座: )\d{7}"),
    "PERSON":            re.compile(r"(?<=氏名: )\S+"),
    "JP_ADDRESS":        re.compile(r"(?<=住所: )\S+"),
    "MEDICAL_CONDITION": re.compile(r"乳がん|認知症"),
}
# fmt: on


class PatternDetector:
    """Stands in for the GiNZA-backed detector: regular expressions only."""

    def analyze_batch(self, texts: Sequence[str]) -> list[list[Detection]]:
        return [
            [
                Detection(etype, m.start(), m.end(), 0.9, f"test.{etype.lower()}")
                for etype, pattern in PATTERNS.items()
                for m in pattern.finditer(text)
            ]
            for text in texts
        ]


@pytest.fixture(autouse=True)
def _no_real_store(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("PRIVACY_KIT_STORE", "PRIVACY_KIT_KEY", "PRIVACY_KIT_NEW_KEY", "PRIVACY_KIT_KEY_FILE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def detector(monkeypatch: pytest.MonkeyPatch) -> PatternDetector:
    fake = PatternDetector()
    monkeypatch.setattr("privacy_kit.scan.make_detector", lambda options: fake)
    return fake


@pytest.fixture
def config(tmp_path: Path) -> StoreConfig:
    return StoreConfig(tmp_path / "audit.duckdb", lock_timeout=2.0, actor="tester")


@pytest.fixture
def store(config: StoreConfig) -> Iterator[Store]:
    with Store.open(config) as st:
        yield st


LEARNED = datetime.fromisoformat("2026-11-02T10:30:00+09:00")


def member_rows(people: int, *, duplicated: int = 0, second_rows: int = 0, sensitive: int = 0,
                cards: int = 0) -> list[dict[str, str]]:
    """A member export: ``people`` distinct members, the first ``duplicated`` rows repeated
    verbatim, the first ``second_rows`` members in a second row that shares only their e-mail,
    ``sensitive`` members with a 要配慮 note and ``cards`` with a card number."""
    rows = []
    for i in range(people):
        rows.append({
            "氏名": f"会員{i:05d}",
            "メール": f"member{i}@example.jp",
            "電話": f"090-{i // 10000:04d}-{i % 10000:04d}",
            "備考": "乳がんで通院中" if i < sensitive else "",
            "カード": f"4{i:015d}" if i < cards else "",
        })
    rows += [dict(r) for r in rows[:duplicated]]
    rows += [{"氏名": "", "メール": f"member{i}@example.jp", "電話": "", "備考": "住所変更", "カード": ""}
             for i in range(second_rows)]
    return rows


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    import csv

    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path
