from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from privacy_kit.cli import cli
from privacy_kit.scan import ScanOptions, scan_findings

PHONE = "090-1234-5678"


def _export(tmp_path: Path, n: int = 300) -> Path:
    rows = []
    for i in range(n):
        # repeated values (as in logs), unique values, and long repeated values
        text = [f"問い合わせ {PHONE}", f"会員{i} 03-{1000 + i}-5678", "あ" * 2500 + PHONE, "なし"][i % 4]
        rows.append(json.dumps({"id": i, "text": text}, ensure_ascii=False))
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_same_findings_with_one_and_two_workers(runner: CliRunner, fake_detector: object, tmp_path: Path) -> None:
    src = _export(tmp_path)
    one = runner.invoke(cli, ["scan", str(src), "-q", "--workers", "1"])
    two = runner.invoke(cli, ["scan", str(src), "-q", "--workers", "2"])
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout
    assert len(one.stdout.splitlines()) == 225  # 3 of every 4 records hold one phone number


def test_identical_values_are_analysed_once(fake_detector: object, tmp_path: Path) -> None:
    src = _export(tmp_path)
    findings = list(scan_findings([src], ScanOptions(batch_size=16), workers=1))
    texts = fake_detector.texts  # type: ignore[attr-defined]
    assert len(texts) == len(set(texts)) == 75 + 3  # 75 unique 会員 values, 3 repeated ones
    assert len(findings) == 225
    assert [f.record for f in findings] == sorted(f.record for f in findings)


def test_csv_output(runner: CliRunner, fake_detector: object, tmp_path: Path) -> None:
    src = _export(tmp_path, 4)
    result = runner.invoke(cli, ["scan", str(src), "-q", "--output-format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["record"] for r in rows] == ["0", "1", "2"]
    assert rows[0]["value"] == "***-****-****" and rows[0]["entity_type"] == "PHONE_NUMBER"


def test_json_output_has_findings_and_summary(runner: CliRunner, fake_detector: object, tmp_path: Path) -> None:
    src = _export(tmp_path, 4)
    doc = json.loads(runner.invoke(cli, ["scan", str(src), "-q", "--output-format", "json"]).stdout)
    assert len(doc["findings"]) == 3
    assert doc["summary"]["records"] == 4 and doc["summary"]["findings"] == {"PHONE_NUMBER": 3}
    assert doc["summary"]["inputs"] == [{"path": str(src), "format": "jsonl", "encoding": "utf-8"}]


def test_sarif_output_is_sarif_2_1_0(runner: CliRunner, fake_detector: object, tmp_path: Path) -> None:
    src = _export(tmp_path, 4)
    out = tmp_path / "r.sarif"
    assert runner.invoke(cli, ["scan", str(src), "-q", "--output-format", "sarif", "-o", str(out)]).exit_code == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["version"] == "2.1.0"
    run = doc["runs"][0]
    assert run["tool"]["driver"]["name"] == "privacy-kit"
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["PHONE_NUMBER"]
    first = run["results"][0]
    assert first["ruleId"] == "PHONE_NUMBER" and first["ruleIndex"] == 0
    loc = first["locations"][0]
    assert loc["physicalLocation"]["artifactLocation"]["uri"] == str(src)
    assert loc["physicalLocation"]["region"] == {"startLine": 1}
    assert loc["logicalLocations"][0]["fullyQualifiedName"] == "record[0].text"
    assert PHONE not in out.read_text(encoding="utf-8")


def test_directory_input_scans_every_file(runner: CliRunner, fake_detector: object, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.jsonl").write_text(json.dumps({"text": PHONE}) + "\n", encoding="utf-8")
    (tmp_path / "in" / "b.csv").write_bytes(f"名前,電話\r\n山田,{PHONE}\r\n".encode("cp932"))
    result = runner.invoke(cli, ["scan", str(tmp_path / "in"), "-q", "--stats"])
    sources = [json.loads(line)["source"] for line in result.stdout.splitlines()]
    assert sources == [str(tmp_path / "in" / "a.jsonl"), str(tmp_path / "in" / "b.csv")]
    stats = json.loads(result.stderr.strip().splitlines()[-1])
    assert [i["encoding"] for i in stats["inputs"]] == ["utf-8", "cp932"]
