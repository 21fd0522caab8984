from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from privacy_kit.cli import cli

PHONE = "090-1234-5678"


def _jsonl(path: Path, rows: list[object]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_findings_are_masked_by_default(runner: CliRunner, fake_detector: object, tmp_path: Path) -> None:
    src = _jsonl(tmp_path / "c.jsonl", [{"id": 1, "text": f"連絡は{PHONE}まで"}])
    out = tmp_path / "f.jsonl"
    result = runner.invoke(cli, ["scan", str(src), "--text-field", "text", "-o", str(out)])
    assert result.exit_code == 0, result.output
    finding = json.loads(out.read_text(encoding="utf-8"))
    assert finding == {
        "source": str(src), "record": 0, "field": "text", "start": 3, "end": 16,
        "entity_type": "PHONE_NUMBER", "score": 0.9, "recognizer": "fake.phone.v1",
        "value": "***-****-****", "appi_category": "個人情報", "category": None,
    }
    assert PHONE not in result.output


def test_show_values_prints_exact_substring(runner: CliRunner, fake_detector: object, tmp_path: Path) -> None:
    text = f"携帯:{PHONE}（自宅）"
    src = _jsonl(tmp_path / "c.jsonl", [{"text": text}])
    result = runner.invoke(cli, ["scan", str(src), "--show-values", "-q"])
    assert result.exit_code == 0
    finding = json.loads(result.stdout.strip())
    assert finding["value"] == PHONE == text[finding["start"]:finding["end"]]


def test_text_field_limits_fields(runner: CliRunner, fake_detector: object, tmp_path: Path) -> None:
    src = _jsonl(tmp_path / "c.jsonl", [{"author": PHONE, "text": "なし", "meta": {"tel": PHONE}}])
    only_text = runner.invoke(cli, ["scan", str(src), "--text-field", "text", "-q"])
    assert only_text.stdout.strip() == ""
    all_fields = runner.invoke(cli, ["scan", str(src), "-q"])
    fields = sorted(json.loads(line)["field"] for line in all_fields.stdout.splitlines())
    assert fields == ["author", "meta.tel"]


def test_broken_record_is_reported_and_others_still_scanned(runner: CliRunner, fake_detector: object,
                                                            tmp_path: Path) -> None:
    src = tmp_path / "c.jsonl"
    src.write_bytes(
        (json.dumps({"text": f"A {PHONE}"}) + "\n").encode()
        + b'{"text": "ZZSECRETZZ\n'
        + b'{"text": "\xff\xfe bad bytes"}\n'
        + (json.dumps({"text": f"B {PHONE}"}) + "\n").encode()
    )
    result = runner.invoke(cli, ["scan", str(src), "--stats"])
    assert result.exit_code == 0
    records = [json.loads(line)["record"] for line in result.stdout.splitlines()]
    assert records == [0, 3]
    stats = json.loads(result.stderr.strip().splitlines()[-1])
    assert [s["record"] for s in stats["skipped"]] == [1, 2]
    assert "invalid JSON" in stats["skipped"][0]["reason"]
    assert "undecodable" in stats["skipped"][1]["reason"]
    assert "ZZSECRETZZ" not in result.stderr  # problems never echo record content


def test_fail_on_threshold_sets_exit_code(runner: CliRunner, fake_detector: object, tmp_path: Path) -> None:
    src = _jsonl(tmp_path / "c.jsonl", [{"text": PHONE}, {"text": PHONE}])
    assert runner.invoke(cli, ["scan", str(src), "-q", "--fail-on", "0"]).exit_code == 1
    assert runner.invoke(cli, ["scan", str(src), "-q", "--fail-on", "1"]).exit_code == 1
    assert runner.invoke(cli, ["scan", str(src), "-q", "--fail-on", "2"]).exit_code == 0
    assert runner.invoke(cli, ["scan", str(src), "-q"]).exit_code == 0


def test_plain_text_lines_are_records(runner: CliRunner, fake_detector: object, tmp_path: Path) -> None:
    src = tmp_path / "notes.txt"
    src.write_text(f"一行目\n\n三行目 {PHONE}\n", encoding="utf-8")
    result = runner.invoke(cli, ["scan", str(src), "-q"])
    finding = json.loads(result.stdout)
    assert (finding["record"], finding["field"], finding["start"]) == (2, None, 4)


def test_usage_and_input_errors_exit_2(runner: CliRunner, fake_detector: object, tmp_path: Path) -> None:
    src = _jsonl(tmp_path / "c.jsonl", [{"text": "x"}])
    assert runner.invoke(cli, ["scan", str(tmp_path / "missing.jsonl")]).exit_code == 2
    bad_entity = runner.invoke(cli, ["scan", str(src), "--entities", "NOT_A_TYPE"])
    assert bad_entity.exit_code == 2
    assert "NOT_A_TYPE" in bad_entity.output


def test_output_file_is_not_left_half_written_on_error(runner: CliRunner, tmp_path: Path,
                                                      monkeypatch: object) -> None:
    class Exploding:
        def analyze_batch(self, texts: object) -> object:
            raise RuntimeError("boom")

    import pytest

    mp = pytest.MonkeyPatch()
    mp.setattr("privacy_kit.scan.make_detector", lambda options: Exploding())
    try:
        src = _jsonl(tmp_path / "c.jsonl", [{"text": PHONE}])
        out = tmp_path / "f.jsonl"
        out.write_text("previous\n", encoding="utf-8")
        result = runner.invoke(cli, ["scan", str(src), "-o", str(out)])
        assert result.exit_code != 0
        assert out.read_text(encoding="utf-8") == "previous\n"
        assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    finally:
        mp.undo()


def test_version_and_help(runner: CliRunner) -> None:
    from privacy_kit import __version__

    assert runner.invoke(cli, ["--version"]).output.strip() == f"privacy-kit, version {__version__}"
    helped = runner.invoke(cli, ["scan", "--help"])
    assert helped.exit_code == 0 and "--show-values" in helped.output


def test_missing_model_is_a_clear_error(runner: CliRunner, tmp_path: Path, monkeypatch: object) -> None:
    import pytest

    from recognizers.nlp_engine import GinzaModelMissingError

    def no_model(options: object) -> object:
        raise GinzaModelMissingError("ja_ginza")

    mp = pytest.MonkeyPatch()
    mp.setattr("privacy_kit.scan.make_detector", no_model)
    try:
        src = _jsonl(tmp_path / "c.jsonl", [{"text": "x"}])
        result = runner.invoke(cli, ["scan", str(src), "--workers", "1", "--no-store"])
        assert result.exit_code == 2
        assert "[PK200]" in result.output and "Traceback" not in result.output
    finally:
        mp.undo()


_UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0.0.0 Safari/537.36"


def test_access_log_user_agent_with_ip_is_one_online_identifier(runner: CliRunner, fake_detector: object,
                                                                 tmp_path: Path) -> None:
    src = tmp_path / "access.log"
    src.write_text(
        f'203.0.113.7 - - [21/Nov/2026:10:00:00 +0900] "GET / HTTP/1.1" 200 512 "-" "{_UA}"\n'
        f'127.0.0.1 - - [21/Nov/2026:10:00:01 +0900] "GET /health HTTP/1.1" 200 2 "-" "{_UA}"\n'
        '203.0.113.8 - - [21/Nov/2026:10:00:02 +0900] "GET / HTTP/1.1" 200 512 "-" "curl/8.4.0"\n',
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["scan", str(src), "-q", "--show-values"])
    assert result.exit_code == 0, result.output
    found = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(f["record"], f["field"], f["entity_type"], f["recognizer"], f["appi_category"]) for f in found] == [
        (0, "user_agent", "ONLINE_IDENTIFIER", "jp.online_identifier.ua_ip.v1", "個人関連情報"),
    ]
    assert found[0]["value"] == _UA
    only_phones = runner.invoke(cli, ["scan", str(src), "-q", "--entities", "PHONE_NUMBER"])
    assert only_phones.stdout.strip() == ""
