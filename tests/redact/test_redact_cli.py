"""privacy-kit redact and privacy-kit pseudonym-key through CliRunner: every mode, every error."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from privacy_kit.cli import cli

from .conftest import RegexDetector

SJIS = ("会員ID,氏名,年齢,住所,メモ\r\n"
        "m001,山田 太郎,34,東京都千代田区丸の内1-1,電話090-1234-5678\r\n"
        "m002,鈴木花子,41,大阪府大阪市北区梅田2-2,〒530-0001 hanako@example.jp\r\n"
        "m003,佐藤一郎,38,東京都千代田区大手町1,個人番号1234 5678 9012\r\n")


def invoke(runner: CliRunner, *args: str, code: int = 0) -> Result:
    result = runner.invoke(cli, list(args))
    assert result.exit_code == code, (result.output, result.exception)
    assert "Traceback" not in result.output
    return result


@pytest.fixture
def members(tmp_path: Path) -> Path:
    path = tmp_path / "members.csv"
    path.write_bytes(SJIS.encode("cp932"))
    return path


def rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("cp932"), newline="")))


def test_mask(runner: CliRunner, detector: RegexDetector, store_path: Path, members: Path, tmp_path: Path) -> None:
    out = tmp_path / "masked.csv"
    result = invoke(runner, "redact", str(members), "-o", str(out), "--mode", "mask",
                    "--mask-style", "PHONE_NUMBER=char:*", "--summary", str(tmp_path / "s.json"))
    assert rows(out)[1][1:] == ["〈氏名〉", "34", "〈地名〉都千代田区丸の内1-1", "電話*************"]
    summary = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert summary["replaced"]["PERSON"] == 3 and summary["by_field"]["氏名"] == 3 and summary["run_id"]
    assert "山田" not in result.output and "090-1234" not in result.output  # nothing personal printed
    assert "recorded as redaction run" in result.output


def test_pseudonymise_twice_then_rotate_then_destroy(runner: CliRunner, detector: RegexDetector, store_path: Path,
                                                     members: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "p1.csv", tmp_path / "p2.csv"
    result = invoke(runner, "redact", str(members), "-o", str(first), "--mode", "pseudonymise")
    assert "created now" in result.output
    invoke(runner, "redact", str(members), "-o", str(second), "--mode", "pseudonymise")
    assert first.read_bytes() == second.read_bytes()  # same key, same pseudonyms
    token = rows(first)[1][1]
    assert token.startswith("氏名_") and rows(first)[3][4] == "個人番号〈削除:個人番号〉"
    listed = json.loads(invoke(runner, "pseudonym-key", "list", "--json").output)
    assert [k["name"] for k in listed] == ["default"] and "key" not in listed[0]

    invoke(runner, "pseudonym-key", "rotate")
    rotated = tmp_path / "p3.csv"
    invoke(runner, "redact", str(members), "-o", str(rotated), "--mode", "pseudonymise")
    assert rows(rotated)[1][1] != token  # the old pseudonym cannot be reproduced

    invoke(runner, "pseudonym-key", "destroy", "--reason", "retention ended")
    result = invoke(runner, "redact", str(members), "-o", str(tmp_path / "p4.csv"), "--mode", "pseudonymise", code=2)
    assert "AU207" in result.output and "destroyed" in result.output and not (tmp_path / "p4.csv").exists()
    invoke(runner, "redact", str(members), "-o", str(tmp_path / "p4.csv"), "--mode", "pseudonymise", "--new-key")
    assert rows(tmp_path / "p4.csv")[1][1] not in (token, rows(rotated)[1][1])
    assert invoke(runner, "audit", "verify").exit_code == 0


def test_named_keys_are_separate(runner: CliRunner, detector: RegexDetector, store_path: Path, members: Path,
                                 tmp_path: Path) -> None:
    invoke(runner, "redact", str(members), "-o", str(tmp_path / "a.csv"), "--mode", "pseudonymise",
           "--key-name", "study-a")
    invoke(runner, "redact", str(members), "-o", str(tmp_path / "b.csv"), "--mode", "pseudonymise",
           "--key-name", "study-b")
    assert rows(tmp_path / "a.csv")[1][1] != rows(tmp_path / "b.csv")[1][1]


def test_anonymise_with_report(runner: CliRunner, detector: RegexDetector, store_path: Path, members: Path,
                               tmp_path: Path) -> None:
    out, report = tmp_path / "anon.csv", tmp_path / "report.json"
    result = invoke(runner, "redact", str(members), "-o", str(out), "--mode", "anonymise", "--k", "2",
                    "--max-suppress", "0.4", "--report", str(report))
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["k"] == 2 and data["achieved_k"] >= 2 and data["mapping_tables"] == "none kept"
    assert "匿名加工" in result.output and "no key or table kept" in result.output
    kept = rows(out)[1:]
    assert all(r[0].startswith("ID_") for r in kept) and len(kept) == 3 - data["suppressed"]


def test_no_store_records_nothing(runner: CliRunner, detector: RegexDetector, store_path: Path, members: Path,
                                  tmp_path: Path) -> None:
    invoke(runner, "redact", str(members), "-o", str(tmp_path / "m.csv"), "--mode", "mask", "--no-store", "-q")
    assert not store_path.exists()


# fmt: off
ERRORS = [
    (["--mode", "shred"], "Invalid value for '--mode'"),
    (["--mode", "pseudonymise", "--no-store"], "needs the audit store"),
    (["--mode", "mask", "--report", "r.json"], "--report is written by --mode anonymise"),
    (["--mode", "mask", "--entities", "NOPE"], "unknown entity type"),
    (["--mode", "mask", "--mask-style", "PERSON=stars"], "PK100"),
    (["--mode", "anonymise", "--quasi", "no_such_field"], "no field"),
]
# fmt: on


@pytest.mark.parametrize(("args", "message"), ERRORS)
def test_usage_errors(runner: CliRunner, detector: RegexDetector, store_path: Path, members: Path, tmp_path: Path,
                      args: list[str], message: str) -> None:
    out = tmp_path / "out.csv"
    result = invoke(runner, "redact", str(members), "-o", str(out), *args, code=2)
    assert message in result.output
    assert not out.exists()


def test_refuses_to_overwrite_its_input(runner: CliRunner, detector: RegexDetector, store_path: Path,
                                        members: Path) -> None:
    before = members.read_bytes()
    result = invoke(runner, "redact", str(members), "-o", str(members), "--mode", "mask", code=2)
    assert "PK300" in result.output and "refusing to overwrite" in result.output
    assert members.read_bytes() == before


def test_missing_input_and_missing_master_key(runner: CliRunner, detector: RegexDetector, store_path: Path,
                                              members: Path, tmp_path: Path) -> None:
    result = invoke(runner, "redact", str(tmp_path / "nope.csv"), "-o", str(tmp_path / "o.csv"), "--mode", "mask",
                    code=2)
    assert "PK100" in result.output
    invoke(runner, "redact", str(members), "-o", str(tmp_path / "o.csv"), "--mode", "pseudonymise")
    store_path.with_suffix(".key").unlink()  # the master key is gone: the pseudonym key cannot be opened
    result = invoke(runner, "redact", str(members), "-o", str(tmp_path / "o2.csv"), "--mode", "pseudonymise",
                    code=2)
    assert "AU206" in result.output and not (tmp_path / "o2.csv").exists()


def test_unreadable_records_exit_1(runner: CliRunner, detector: RegexDetector, store_path: Path,
                                   tmp_path: Path) -> None:
    src = tmp_path / "a.jsonl"
    src.write_bytes('{"t": "山田太郎"}\n{"t": broken 090-1234-5678\n'.encode())
    result = invoke(runner, "redact", str(src), "-o", str(tmp_path / "o.jsonl"), "--mode", "mask", code=1)
    assert "copied UNREDACTED" in result.output and "a.jsonl:2" in result.output
    result = invoke(runner, "redact", str(src), "-o", str(tmp_path / "o2.jsonl"), "--mode", "mask",
                    "--drop-unreadable", code=1)
    assert "left out" in result.output and b"broken" not in (tmp_path / "o2.jsonl").read_bytes()


def test_pseudonym_key_errors(runner: CliRunner, store_path: Path) -> None:
    assert "AU207" in invoke(runner, "pseudonym-key", "rotate", "absent", code=2).output
    assert "AU207" in invoke(runner, "pseudonym-key", "destroy", "absent", code=2).output
    assert json.loads(invoke(runner, "pseudonym-key", "list", "--json").output) == []
