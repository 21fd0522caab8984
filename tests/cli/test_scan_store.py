"""`privacy-kit scan` and the audit store: recorded by default, never a value in clear, survives
kill -9 (verify passes, the run resumes), and a locked store is a clean error."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner

from audit.store import Store, StoreConfig
from privacy_kit.findings import Detection
from tests.audit.plaintext import store_files, values_in_bytes, values_in_files, values_in_tables
from tests.cli.audit_env import (  # noqa: F401 (fixture)
    run,
    run_json,
    store_locked_by_another_process,
    store_path_fixture,
)

ROOT = Path(__file__).resolve().parents[2]

# fmt: off
#: Fictional personal data, each value in several records and fields.
NAMES = ["山田太郎", "佐藤花子", "Suzuki Ichiro"]
PHONES = ["090-1234-5678", "03-3373-9576", "080-9876-5432"]
EMAILS = ["taro.yamada@example.jp", "hanako@example.com", "i.suzuki@example.org"]
# fmt: on
VALUES = NAMES + PHONES + EMAILS
_PATTERN = re.compile("|".join(re.escape(v) for v in VALUES))
_TYPES = {
    **dict.fromkeys(NAMES, "PERSON"),
    **dict.fromkeys(PHONES, "PHONE_NUMBER"),
    **dict.fromkeys(EMAILS, "EMAIL_ADDRESS"),
}


class ListDetector:
    """Finds exactly the sample's values (stands in for GiNZA + the recognizer pack)."""

    def analyze_batch(self, texts: Sequence[str]) -> list[list[Detection]]:
        return [
            [
                Detection(_TYPES[m.group()], m.start(), m.end(), 0.9, "fake.list.v1")
                for m in _PATTERN.finditer(t)
            ]
            for t in texts
        ]


@pytest.fixture
def detector(monkeypatch: pytest.MonkeyPatch) -> ListDetector:
    fake = ListDetector()
    monkeypatch.setattr("privacy_kit.scan.make_detector", lambda options: fake)
    return fake


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    rows = []
    for i in range(30):
        name, phone, email = NAMES[i % 3], PHONES[(i + 1) % 3], EMAILS[(i + 2) % 3]
        rows.append(
            {
                "id": i,
                "user": {"name": name},
                "text": f"{name}です。連絡は{phone}か{email}までお願いします（{i}件目）",
            }
        )
    path = tmp_path / "comments.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_a_scan_is_recorded_by_default(
    runner: CliRunner, detector: ListDetector, store_path: Path, sample: Path
) -> None:
    result = run(runner, "scan", str(sample), "--workers", "1")
    assert "recorded as scan run" in result.stderr
    [scan_run] = run_json(runner, "audit", "runs")
    assert (
        scan_run["status"] == "completed" and scan_run["findings"] == 120
    )  # the name twice: user.name and text
    assert scan_run["counts"]["records"] == 30
    assert scan_run["counts"]["entity_types"] == {"EMAIL_ADDRESS": 30, "PERSON": 60, "PHONE_NUMBER": 30}
    [inp] = scan_run["inputs"]
    import hashlib

    assert inp["sha256"] == hashlib.sha256(sample.read_bytes()).hexdigest()
    assert scan_run["options"]["keep_values"] is False
    assert run(runner, "audit", "verify").stdout.startswith("ok")


def test_no_store_and_store_path(
    runner: CliRunner, detector: ListDetector, store_path: Path, sample: Path, tmp_path: Path
) -> None:
    run(runner, "scan", str(sample), "--no-store", "-q")
    assert not store_path.exists()
    other = tmp_path / "elsewhere.duckdb"
    run(runner, "scan", str(sample), "--store", str(other), "-q")
    assert other.exists() and not store_path.exists()
    assert "[AU" not in run(runner, "scan", str(sample), "--no-store", "--resume", "x", code=2).output


def test_no_personal_value_in_the_store_file_or_any_command_output(
    runner: CliRunner, detector: ListDetector, store_path: Path, sample: Path, tmp_path: Path
) -> None:
    """The issue's grep test: scan with --store, then search the DuckDB file and all output."""
    outputs: list[str] = []
    findings_file = tmp_path / "findings.jsonl"
    for args in (
        ["--keep-values", "-o", str(findings_file)],
        ["--output-format", "json"],
        ["--output-format", "csv"],
        ["--output-format", "sarif"],
        ["--stats"],
    ):
        result = run(runner, "scan", str(sample), "--workers", "1", "--store", str(store_path), *args)
        outputs.append(result.output)
    outputs.append(findings_file.read_text(encoding="utf-8"))
    run(runner, "purpose", "add", "公式SNSへのコメントの管理と不適切投稿への対応のため", "--category", "*")
    run(
        runner,
        "dataset",
        "add",
        "comments",
        "--path",
        str(sample),
        "--format",
        "jsonl",
        "--owner",
        "広報",
        "--purpose",
        "P001",
        "--retention",
        "1y",
    )
    run(runner, "scan", str(sample), "--workers", "1", "--keep-values", "-q")  # now inside the data set
    for args in (
        ["audit", "status"],
        ["audit", "runs"],
        ["audit", "verify"],
        ["audit", "checkpoint"],
        ["dataset", "list"],
        ["dataset", "show", "comments"],
        ["purpose", "list"],
        ["provision", "list"],
    ):
        outputs.append(run(runner, *args).output)
        if args[-1] not in ("checkpoint",):
            outputs.append(run(runner, *args, "--json").output)
    assert detector is not None and len(outputs) > 20

    assert [v for v in VALUES if any(v in out for out in outputs)] == []
    assert values_in_bytes("\n".join(outputs).encode("utf-8"), VALUES) == []
    assert values_in_files(store_files(store_path), VALUES) == []
    assert values_in_tables(store_path, VALUES) == []
    # and the values are really there to be found: the scan saw them and kept them encrypted
    with Store.open(StoreConfig(store_path), read_only=True) as st:
        from audit.keys import KeyRing
        from audit.scans import findings_for_value

        ring = KeyRing.open(st)
        for value in VALUES:
            kept = {f.value for f in findings_for_value(st, ring, value, decrypt=True)}
            assert value in kept


def test_a_locked_store_fails_before_scanning(
    runner: CliRunner, detector: ListDetector, store_path: Path, sample: Path
) -> None:
    Store.open(StoreConfig(store_path)).close()
    with store_locked_by_another_process(store_path):
        out = run(runner, "scan", str(sample), "--lock-timeout", "0.3", "-q", code=2)
        assert "[AU101]" in out.output and out.stdout == ""  # nothing scanned, nothing printed


_SLOW_SCAN = textwrap.dedent("""
    import re, sys, time
    from pathlib import Path

    import privacy_kit.scan as scan_mod
    from privacy_kit.findings import Detection

    marker = Path(sys.argv[1])
    phone = re.compile(r"0[0-9]0-[0-9]{4}-[0-9]{4}")

    class Slow:
        calls = 0

        def analyze_batch(self, texts):
            Slow.calls += 1
            marker.write_text(str(Slow.calls))
            time.sleep(float(sys.argv[2]))
            return [[Detection("PHONE_NUMBER", m.start(), m.end(), 0.9, "slow.phone.v1")
                     for m in phone.finditer(t)] for t in texts]

    scan_mod.make_detector = lambda options: Slow()
    from privacy_kit.cli import cli

    cli(sys.argv[3:])
""")


def _phones_file(path: Path, records: int, per_record: int) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for r in range(records):
            phones = " ".join(f"0{(r + k) % 9 + 1}0-{r % 10000:04d}-{k:04d}" for k in range(per_record))
            fh.write(json.dumps({"text": f"記録{r}: {phones}"}, ensure_ascii=False) + "\n")
    return path


def test_kill_9_mid_scan_then_verify_passes_and_the_run_resumes(
    runner: CliRunner, store_path: Path, tmp_path: Path
) -> None:
    records, per_record = 1200, 25  # 30,000 findings: six store batches of 5,000
    src = _phones_file(tmp_path / "phones.jsonl", records, per_record)
    marker = tmp_path / "batches"
    args = [
        "scan",
        str(src),
        "--text-field",
        "text",
        "--workers",
        "1",
        "-q",
        "-o",
        str(tmp_path / "out.jsonl"),
    ]
    env = {**os.environ, "PRIVACY_KIT_STORE": str(store_path), "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", _SLOW_SCAN, str(marker), "0.05", *args],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        # 64 records (1,600 findings) per detection batch: after 10 batches >= 2 store batches committed
        # read the marker once per check: the scan rewrites it, and two reads can straddle a rewrite
        while int((marker.read_text().strip() if marker.exists() else "") or 0) < 10:
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            assert time.monotonic() < deadline
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)  # the scan process this test started
        proc.wait()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL

    assert run(runner, "audit", "verify").stdout.startswith("ok")
    [interrupted] = run_json(runner, "audit", "runs", "--status", "running")
    assert 1 <= interrupted["batches"] < 6 and 0 < interrupted["findings"] < records * per_record
    assert interrupted["findings"] % per_record == 0  # batches end on record boundaries

    monkey_env = {"PRIVACY_KIT_STORE": str(store_path)}
    resumed = subprocess.run(
        [sys.executable, "-c", _SLOW_SCAN, str(marker), "0", *args, "--resume", interrupted["run_id"]],
        env={**env, **monkey_env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert resumed.returncode == 0, resumed.stderr
    [done] = run_json(runner, "audit", "runs")
    assert done["run_id"] == interrupted["run_id"] and done["status"] == "completed"
    assert done["findings"] == records * per_record
    with Store.open(StoreConfig(store_path), read_only=True) as st:
        distinct = st.con.execute(
            "SELECT count(DISTINCT (record, start_offset)), count(*) FROM findings"
        ).fetchall()
        assert distinct == [(records * per_record, records * per_record)]  # each finding stored once
    assert run(runner, "audit", "verify").stdout.startswith("ok")
    out_lines = (tmp_path / "out.jsonl").read_text(encoding="utf-8").count("\n")
    assert out_lines == records * per_record  # the resumed run's output is complete too


def test_resume_needs_the_same_inputs_and_an_interrupted_run(
    runner: CliRunner, detector: ListDetector, store_path: Path, sample: Path, tmp_path: Path
) -> None:
    from audit.keys import KeyRing
    from audit.scans import start_scan

    with Store.open(StoreConfig(store_path)) as st:
        start_scan(st, {"inputs": [str(sample)], "run_id": "cut-1"}, keyring=KeyRing.open(st))
    other = tmp_path / "other.jsonl"
    other.write_text('{"text": "なし"}\n', encoding="utf-8")
    out = run(runner, "scan", str(other), "--resume", "cut-1", "-q", code=2)
    assert "[AU400]" in out.output and "same inputs" in out.output
    run(runner, "scan", str(sample), "--resume", "cut-1", "-q")
    assert run_json(runner, "audit", "runs")[0]["status"] == "completed"
    assert "[AU400]" in run(runner, "scan", str(sample), "--resume", "cut-1", "-q", code=2).output
    assert "[AU300]" in run(runner, "scan", str(sample), "--resume", "nope", "-q", code=2).output
