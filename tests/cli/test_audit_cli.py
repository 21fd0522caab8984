"""``privacy-kit audit verify|checkpoint|status|runs|discard|shred|rotate-key``."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from audit.keys import KeyRing
from audit.migrations import latest_version
from audit.scans import record_scan, start_scan
from audit.store import Store, StoreConfig
from tests.cli.audit_env import (  # noqa: F401 (fixture)
    run,
    run_json,
    store_locked_by_another_process,
    store_path_fixture,
)

VALUES = ["090-1111-2222", "taro.yamada@example.jp"]


def _finding(value: str, record: int) -> dict[str, object]:
    return {
        "source": "c.jsonl",
        "record": record,
        "field": "text",
        "start": 0,
        "end": len(value),
        "entity_type": "EMAIL_ADDRESS" if "@" in value else "PHONE_NUMBER",
        "score": 0.9,
        "recognizer": "t.v1",
        "value": value,
    }


@pytest.fixture
def populated(store_path: Path) -> Path:
    with Store.open(StoreConfig(store_path)) as st:
        ring = KeyRing.open(st)
        record_scan(
            st,
            {"inputs": []},
            [_finding(v, i) for i, v in enumerate(VALUES)],
            keyring=ring,
            encrypt_values=True,
        )
        start_scan(
            st, {"inputs": [], "run_id": "interrupted-1"}, keyring=ring, encrypt_values=True
        ).add_batch([_finding(VALUES[0], 9)])
    return store_path


def test_status(runner: CliRunner, populated: Path) -> None:
    info = run_json(runner, "audit", "status")
    assert info["schema_version"] == latest_version() and info["findings"] == 3 and info["subject_keys"] == 2
    assert info["interrupted_runs"] == ["interrupted-1"] and info["scan_runs"] == {
        "completed": 1,
        "running": 1,
    }
    text = run(runner, "audit", "status").stdout
    assert "interrupted-1" in text and info["store_id"] in text


def test_verify_checkpoint_and_tampering(runner: CliRunner, populated: Path, tmp_path: Path) -> None:
    cp = tmp_path / "offsite" / "checkpoint.json"
    written = run(runner, "audit", "checkpoint", "-o", str(cp))
    assert "written to" in written.stderr
    saved = json.loads(cp.read_text())
    assert saved["count"] == run_json(runner, "audit", "status")["ledger_events"]
    ok = run(runner, "audit", "verify", "--checkpoint", str(cp))
    assert ok.stdout.startswith("ok: ") and "1 checkpoint(s)" in ok.stdout
    again = json.loads(run(runner, "audit", "checkpoint").stdout)  # stdout form: same count and head
    assert {k: again[k] for k in ("store_id", "count", "head")} == {
        k: saved[k] for k in ("store_id", "count", "head")
    }

    con = duckdb.connect(str(populated))
    count = con.execute("SELECT count(*) FROM ledger").fetchall()[0][0]
    con.execute("DELETE FROM ledger WHERE seq = ?", [count])
    con.close()
    # the chain alone cannot see a cut tail; the rows the cut event recorded now lack their event ...
    assert run(runner, "audit", "verify", "--chain-only").stdout.startswith("ok")
    assert "rows not recorded in the ledger" in run(runner, "audit", "verify", code=1).stdout
    # ... and the checkpoint names it
    failed = run(runner, "audit", "verify", "--chain-only", "--checkpoint", str(cp), code=1)
    assert "FAILED" in failed.stdout and "removed from the end" in failed.stdout
    report = json.loads(run(runner, "audit", "verify", "--checkpoint", str(cp), "--json", code=1).stdout)
    assert report["ok"] is False and report["checkpoint_problems"]


def test_verify_reports_an_edited_row(runner: CliRunner, populated: Path) -> None:
    con = duckdb.connect(str(populated))
    con.execute("UPDATE findings SET entity_type = 'URL' WHERE seq = 1")
    con.close()
    failed = run(runner, "audit", "verify", code=1)
    assert "changed outside privacy-kit" in failed.stdout
    assert run(runner, "audit", "verify", "--chain-only").stdout.startswith("ok")


def test_bad_checkpoints_are_usage_errors(runner: CliRunner, populated: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    assert "[AU500]" in run(runner, "audit", "verify", "--checkpoint", str(bad), code=2).output
    assert (
        "Error" in run(runner, "audit", "verify", "--checkpoint", str(tmp_path / "none.json"), code=2).output
    )


def test_runs_and_discard(runner: CliRunner, populated: Path) -> None:
    runs = run_json(runner, "audit", "runs", "--status", "running")
    assert [r["run_id"] for r in runs] == ["interrupted-1"] and runs[0]["findings"] == 1
    assert "interrupted-1" in run(runner, "audit", "runs").stdout
    assert run(runner, "audit", "discard", "interrupted-1").stdout == "discarded scan run interrupted-1\n"
    assert run_json(runner, "audit", "runs", "--status", "running") == []
    assert "[AU400]" in run(runner, "audit", "discard", "interrupted-1", code=2).output
    assert "[AU300]" in run(runner, "audit", "discard", "nope", code=2).output
    assert run(runner, "audit", "verify").stdout.startswith("ok")


def test_shred_destroys_the_key_and_rotates(runner: CliRunner, populated: Path) -> None:
    key_before = populated.with_suffix(".key").read_text()
    out = run(
        runner,
        "audit",
        "shred",
        "--values-file",
        "-",
        "--request-ref",
        "DSR-2026-001",
        stdin=VALUES[1].upper() + "\nnobody@example.jp\n",
    )
    assert out.stdout.splitlines()[0] == "shredded 1 subject key(s); 1 value(s) had no key"
    assert "master key rotated" in out.stdout
    assert populated.with_suffix(".key").read_text() != key_before
    assert not any(v in out.output for v in VALUES)
    with Store.open(StoreConfig(populated), read_only=True) as st:
        ring = KeyRing.open(st)
        from audit.scans import findings_for_value

        assert findings_for_value(st, ring, VALUES[1], decrypt=True) == []  # unlinked and unreadable
        assert {f.value for f in findings_for_value(st, ring, VALUES[0], decrypt=True)} == {VALUES[0]}
    assert run(runner, "audit", "verify").stdout.startswith("ok")
    assert "give --value" in run(runner, "audit", "shred", code=2).output


def test_shred_respects_the_legal_hold(runner: CliRunner, populated: Path) -> None:
    run(
        runner,
        "provision",
        "record",
        "--direction",
        "provide",
        "--legal-path",
        "consent",
        "--counterparty",
        "A社",
        "--item",
        "メールアドレス",
        "--consent-ref",
        "同意書",
        "--subject",
        VALUES[1],
    )
    held = run(runner, "audit", "shred", "--value", VALUES[1], code=2)
    assert "[AU205]" in held.output and "PR-000001" in held.output


def test_rotate_key(runner: CliRunner, populated: Path) -> None:
    out = run(runner, "audit", "rotate-key")
    assert (
        "2 data key(s)" not in out.stdout and "3 data key(s) re-wrapped" in out.stdout
    )  # index + 2 subjects
    assert run(runner, "audit", "verify").stdout.startswith("ok")


def test_a_group_readable_key_file_is_refused(runner: CliRunner, populated: Path) -> None:
    populated.with_suffix(".key").chmod(0o644)
    out = run(runner, "audit", "rotate-key", code=2)
    assert "[AU201]" in out.output and "chmod 600" in out.output


def test_a_locked_store_fails_after_the_lock_timeout(runner: CliRunner, populated: Path) -> None:
    with store_locked_by_another_process(populated):
        out = run(runner, "audit", "--lock-timeout", "0.3", "status", code=2)
        assert "[AU101]" in out.output and "in use by another process" in out.output
        out = run(
            runner,
            "purpose",
            "add",
            "会員連絡のため（会報の送付）",
            "--category",
            "PERSON",
            "--lock-timeout",
            "0.2",
            code=2,
        )
        assert "[AU101]" in out.output
