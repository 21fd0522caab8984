"""`privacy-kit scan --tier`: the tier reaches the detector; --no-ner is the fast tier."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from privacy_kit.cli import cli
from privacy_kit.scan import ScanOptions

from .conftest import FakeDetector


@pytest.mark.parametrize(("args", "tier"), [
    ([], "full"), (["--tier", "balanced"], "balanced"), (["--tier", "fast"], "fast"),
    (["--no-ner"], "fast"), (["--no-ner", "--tier", "full"], "fast"),
])
def test_the_tier_reaches_the_detector(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str],
                                       tier: str) -> None:
    seen: list[ScanOptions] = []

    def make(options: ScanOptions) -> FakeDetector:
        seen.append(options)
        return FakeDetector()

    monkeypatch.setattr("privacy_kit.scan.make_detector", make)
    src = tmp_path / "a.jsonl"
    src.write_text('{"text": "電話 090-1234-5678"}\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["scan", str(src), "--no-store", "-q", "--workers", "1", *args])
    assert result.exit_code == 0, result.output
    assert [o.tier for o in seen] == [tier]
    assert '"PHONE_NUMBER"' in result.stdout


def test_an_unknown_tier_is_a_usage_error(tmp_path: Path) -> None:
    src = tmp_path / "a.jsonl"
    src.write_text('{"text": "x"}\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["scan", str(src), "--no-store", "--tier", "turbo"])
    assert result.exit_code == 2 and "turbo" in result.output
