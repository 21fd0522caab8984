"""`privacy-kit scan --fast-columns`: identifier columns decided by sampling, reported in --stats."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from privacy_kit.cli import cli
from tests.test_fast_columns import members_csv


def test_cli_reports_fast_columns_in_stats(tmp_path: Path, fake_detector: object) -> None:
    src = members_csv(tmp_path / "members.csv", 30)
    result = CliRunner().invoke(cli, ["scan", str(src), "--no-store", "-q", "--stats", "--workers", "1",
                                      "--fast-columns", "--fast-columns-sample", "10"])
    assert result.exit_code == 0, result.output
    stats = json.loads(result.stderr.strip().splitlines()[-1])
    assert stats["fast_columns"] == {str(src): {"email": "EMAIL_ADDRESS"}}
    assert stats["fast_column_values"] == 20
    findings = [json.loads(line) for line in result.stdout.splitlines()]
    # the 20 fast-pathed addresses are found by jp.email.v1 (the fake detector finds phones only)
    assert sum(f["entity_type"] == "EMAIL_ADDRESS" for f in findings) == 20
    assert sum(f["entity_type"] == "PHONE_NUMBER" for f in findings) == 10
