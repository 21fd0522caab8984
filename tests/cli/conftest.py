from __future__ import annotations

import re
from collections.abc import Sequence

import pytest
from click.testing import CliRunner

from privacy_kit.findings import Detection

_PHONE = re.compile(r"0\d{1,3}-\d{2,4}-\d{4}")


class FakeDetector:
    """Finds hyphenated phone numbers only; stands in for the GiNZA-backed detector."""

    def __init__(self) -> None:
        self.calls = 0
        self.texts: list[str] = []

    def analyze_batch(self, texts: Sequence[str]) -> list[list[Detection]]:
        self.calls += 1
        self.texts.extend(texts)
        return [[Detection("PHONE_NUMBER", m.start(), m.end(), 0.9, "fake.phone.v1")
                 for m in _PHONE.finditer(t)] for t in texts]


@pytest.fixture(autouse=True)
def _private_audit_store(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """`privacy-kit scan` records into the audit store by default: never into the working tree."""
    monkeypatch.setenv("PRIVACY_KIT_STORE", str(tmp_path_factory.mktemp("store") / "privacy-kit.duckdb"))
    for name in ("PRIVACY_KIT_KEY", "PRIVACY_KIT_NEW_KEY", "PRIVACY_KIT_KEY_FILE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def fake_detector(monkeypatch: pytest.MonkeyPatch) -> FakeDetector:
    fake = FakeDetector()
    monkeypatch.setattr("privacy_kit.scan.make_detector", lambda options: fake)
    return fake
