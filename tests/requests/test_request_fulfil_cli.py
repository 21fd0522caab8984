"""``privacy-kit request search|fulfil`` from the command line."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from audit.keys import KeyRing
from audit.store import Store, StoreConfig
from privacy_kit.cli import cli
from tests.cli.audit_env import run, run_json, store_path_fixture  # noqa: F401 (fixture)
from tests.requests.conftest import EMAIL, FakeDetector, World, provide, register, write_world


@pytest.fixture
def registered(store_path: Path, tmp_path: Path) -> World:
    """The two data sets registered in the store the CLI uses, and one provision record."""
    (tmp_path / "data").mkdir()
    world = write_world(tmp_path / "data")
    with Store.open(StoreConfig(store_path)) as st:
        register(st, world)
        provide(st, KeyRing.open(st), [EMAIL], date(2026, 5, 1))
    return world


def _new_verified(runner: CliRunner, request_type: str, *extra: str) -> str:
    out = run(runner, "request", "new", "--type", request_type, "--name", "山田 太郎", "--email", EMAIL, *extra)
    rid = out.stdout.split(":")[0].removeprefix("filed ")
    run(runner, "request", "verify", rid, "--method", "registered-email")
    return rid


def test_search_masks_values_unless_asked(
    runner: CliRunner, registered: World, fake_detector: FakeDetector
) -> None:
    rid = _new_verified(runner, "35-1")
    out = run(runner, "request", "search", rid).stdout
    assert "4 record(s) in 2 file(s)" in out and "members.csv" in out and "comments-2026-06.jsonl" in out
    assert "ヤマダタロウ" not in out and EMAIL not in out and "******" in out
    shown = run(runner, "request", "search", rid, "--show-values").stdout
    assert "ヤマダタロウ" in shown and EMAIL in shown
    data = run_json(runner, "request", "search", rid, "--dataset", "members")
    assert {(m["field"], m["start"], m["end"]) for m in data["matches"]} == {
        ("氏名", 0, 5), ("フリガナ", 0, 7), ("メール", 0, len(EMAIL))
    }
    assert data["evidence"]["datasets"] == ["members"] and all("*" in m["value"] for m in data["matches"])
    shown = run_json(runner, "request", "show", rid)
    assert shown["state"] == "in_progress" and [e["kind"] for e in shown["evidence"]] == ["search"] * 3
    assert "evidence 1 (search" in run(runner, "request", "show", rid).stdout


def test_search_refuses_an_unverified_request(runner: CliRunner, registered: World) -> None:
    run(runner, "request", "new", "--type", "33-1", "--email", EMAIL)
    out = run(runner, "request", "search", "RQ-000001", "--no-scan", code=2)
    assert "[AU330]" in out.output and "request verify RQ-000001" in out.output


def test_fulfil_disclosure_writes_the_package(
    runner: CliRunner, registered: World, tmp_path: Path, fake_detector: FakeDetector
) -> None:
    rid = _new_verified(runner, "33-1", "--disclosure-method", "written")
    dry = run(runner, "request", "fulfil", rid, "-o", str(tmp_path / "pkg"), "--dry-run").stdout
    assert dry == f"{rid} (dry run): the package would hold 4 record(s), 2 purpose(s), 1 provision record(s)\n"
    assert not (tmp_path / "pkg").exists()
    out = run(runner, "request", "fulfil", rid, "-o", str(tmp_path / "pkg.zip")).stdout
    assert out.startswith(f"{rid}: fulfilled; package") and (tmp_path / "pkg.zip").exists()
    assert run_json(runner, "request", "show", rid)["state"] == "fulfilled"
    assert run(runner, "audit", "verify").exit_code == 0
    again = run(runner, "request", "fulfil", rid, "-o", str(tmp_path / "pkg2"), code=2)
    assert "[AU330]" in again.output


def test_fulfil_errors(runner: CliRunner, registered: World, tmp_path: Path) -> None:
    rid = _new_verified(runner, "33-1")
    out = run(runner, "request", "fulfil", rid, "--no-scan", code=2)
    assert "[AU310]" in out.output and "-o" in out.output
    (tmp_path / "taken").mkdir()
    out = runner.invoke(cli, ["request", "fulfil", rid, "-o", str(tmp_path / "taken"), "--no-scan"])
    assert out.exit_code == 2 and out.output.startswith("Error: [PK100]") and "already exists" in out.output
    out = run(runner, "request", "fulfil", "RQ-000099", "-o", str(tmp_path / "x"), code=2)
    assert "[AU300]" in out.output


def test_fulfil_json(runner: CliRunner, registered: World, tmp_path: Path) -> None:
    rid = _new_verified(runner, "33-5")
    data = json.loads(run(runner, "request", "fulfil", rid, "-o", str(tmp_path / "p"), "--json").stdout)
    assert data["outcome"] == "fulfilled" and data["evidence"]["package"]["provisions"] == ["PR-000001"]


def test_fulfil_deletion_dry_run_then_redaction(
    runner: CliRunner, registered: World, fake_detector: FakeDetector
) -> None:
    before = registered.file_bytes()
    rid = _new_verified(runner, "35-5")
    out = run(runner, "request", "fulfil", rid, "--dry-run").stdout
    assert out == f"{rid} (dry run): would delete 4 record(s) in 2 file(s)\n" and registered.file_bytes() == before
    out = run(runner, "request", "fulfil", rid, "--redact", "--no-rotate").stdout
    assert out.startswith(f"{rid}: partially_fulfilled") and "held: PR-000001 until 2029-05-01" in out
    assert "6 → 6 record(s), 0 deleted, 3 changed" in out and "〈削除〉".encode("cp932") in registered.members.read_bytes()
    reason = run_json(runner, "request", "show", rid)["reason"]
    assert "第三者提供記録" in reason


def test_fulfil_correction_and_stop(runner: CliRunner, registered: World, fake_detector: FakeDetector) -> None:
    rid = _new_verified(runner, "34")
    out = run(runner, "request", "fulfil", rid, "--set", "電話=080-9999-0000").stdout
    assert out.startswith(f"{rid}: fulfilled") and "0 deleted, 1 changed" in out
    assert "080-9999-0000".encode() in registered.members.read_bytes()
    stop = _new_verified(runner, "35-3")
    out = run(runner, "request", "fulfil", stop).stdout
    assert out == f"{stop}: fulfilled; provision records naming the person: PR-000001\n"


@pytest.mark.parametrize(
    ("request_type", "args", "message"),
    [
        ("35-1", ["-o", "pkg"], "-o is for disclosure requests"),
        ("33-1", ["--redact", "-o", "pkg"], "--redact, --delete and --set are for"),
        ("34", ["--set", "電話"], "is not FIELD=VALUE"),
        ("34", [], "--set FIELD=VALUE"),
        ("35-1", ["--redact", "--delete"], "one of --set, --redact or --delete"),
    ],
)
def test_fulfil_option_errors(
    runner: CliRunner, registered: World, request_type: str, args: list[str], message: str
) -> None:
    before = registered.file_bytes()
    rid = _new_verified(runner, request_type)
    out = run(runner, "request", "fulfil", rid, "--no-scan", *args, code=2)
    assert message in out.output and registered.file_bytes() == before
