"""The real detector (GiNZA + the whole pack) through the scan pipeline: a handful of records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from privacy_kit.cli import cli

pytestmark = pytest.mark.ginza

HEADER = "受付日時,氏名,生年月日,保険者番号,記号,番号,連絡先\r\n"
ROW = "2026/11/19 17:02,ブラウン 恵子,S45.1.17,01136845,3021,187,092-481-7730\r\n"


def _scan(path: Path, *extra: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(cli, ["scan", str(path), "--no-store", "--show-values", "-q", *extra])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_excel_cp932_csv_cells_are_found_through_their_headers(tmp_path: Path) -> None:
    src = tmp_path / "form.csv"
    src.write_bytes((HEADER + ROW).encode("cp932"))
    found = {(f["field"], f["entity_type"], f["value"]) for f in _scan(src, "--workers", "1")}
    assert found == {
        ("氏名", "PERSON", "ブラウン 恵子"),
        ("生年月日", "DATE_OF_BIRTH", "S45.1.17"),
        ("保険者番号", "JP_HEALTH_INSURANCE", "01136845"),
        ("連絡先", "PHONE_NUMBER", "092-481-7730"),
    }


@pytest.mark.parametrize("tier", ["full", "balanced"])
def test_same_findings_with_one_and_two_workers(tmp_path: Path, tier: str) -> None:
    texts = [
        "山田太郎さんの携帯は090-1234-5678です。",
        "昨日、佐藤さんを大宮駅で見かけました。",
        "マイナンバー 1234 5678 9018 を書いてしまいました。",
        "login failed for user=ito.k@example.net from 203.0.113.45",
        "〒330-0063 埼玉県さいたま市浦和区高砂3-15-1 コーポ浦和203号室",
        # the balanced tier's NER windows: a club, a surname before a noun, an unknown katakana name
        "決勝ではACミランを破り、田中家の墓に参った。",
        "彼はボウスキーと会った。",
    ]
    # distinct values (the scan analyses a repeated value once), in batches of different makeup
    rows = [{"id": i, "text": f"{texts[i % len(texts)]}（{i}）"} for i in range(210)]
    src = tmp_path / "c.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    one = _scan(src, "--workers", "1", "--tier", tier)
    two = _scan(src, "--workers", "2", "--tier", tier)
    assert one == two
    assert {f["entity_type"] for f in one} >= {"PERSON", "PHONE_NUMBER", "LOCATION", "JP_MY_NUMBER",
                                                "EMAIL_ADDRESS", "IP_ADDRESS", "JP_POSTAL_CODE", "JP_ADDRESS"}
