"""A regex detector for the redaction tests (no GiNZA), and a private store per test."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner

from privacy_kit.findings import Detection

# Like the real recognizers, no phone number begins with 00, no mailbox is under .invalid and
# no postal area is 000 (which is what keeps shaped pseudonyms from being found again).
# fmt: off
PATTERNS = [
    ("PHONE_NUMBER", r"(?<!\d)0[1-9]\d{0,2}-\d{2,4}-\d{4}"),
    ("EMAIL_ADDRESS", r"[a-z0-9.]+@[a-z0-9.]+\.(?!invalid\b)[a-z]{2,}"),
    ("JP_MY_NUMBER", r"(?<!\d)\d{4} \d{4} \d{4}(?!\d)"),
    ("CREDIT_CARD", r"4\d{3}-\d{4}-\d{4}-\d{4}"),
    ("JP_POSTAL_CODE", r"(?<=〒)(?!000)\d{3}-\d{4}"),
    ("PERSON", r"山田 ?太郎|鈴木花子|佐藤一郎"),
    ("AGE", r"\d{1,3}歳"),
    ("LOCATION", r"東京|大阪"),
]
# fmt: on


class RegexDetector:
    """Stands in for the GiNZA-backed detector: a fixed set of regexes, non-overlapping."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def analyze_batch(self, texts: Sequence[str]) -> list[list[Detection]]:
        self.texts.extend(texts)
        out = []
        for text in texts:
            found: list[Detection] = []
            for entity, pattern in PATTERNS:
                for m in re.finditer(pattern, text):
                    if all(m.end() <= d.start or m.start() >= d.end for d in found):
                        found.append(Detection(entity, m.start(), m.end(), 0.9, f"test.{entity.lower()}"))
            out.append(sorted(found, key=lambda d: d.start))
        return out


@pytest.fixture
def detector(monkeypatch: pytest.MonkeyPatch) -> RegexDetector:
    fake = RegexDetector()
    monkeypatch.setattr("privacy_kit.scan.make_detector", lambda options: fake)
    return fake


@pytest.fixture
def store_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "store" / "pk.duckdb"
    path.parent.mkdir()
    monkeypatch.setenv("PRIVACY_KIT_STORE", str(path))
    monkeypatch.setenv("COLUMNS", "250")
    for name in ("PRIVACY_KIT_KEY", "PRIVACY_KIT_NEW_KEY", "PRIVACY_KIT_KEY_FILE"):
        monkeypatch.delenv(name, raising=False)
    return path


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
