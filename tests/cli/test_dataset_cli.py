"""``privacy-kit dataset add|list|show``."""

from __future__ import annotations

import os
import time
from pathlib import Path

from click.testing import CliRunner

from tests.cli.audit_env import run, run_json, store_path_fixture  # noqa: F401 (fixture)


def _purpose(runner: CliRunner) -> None:
    run(
        runner,
        "purpose",
        "add",
        "アクセスログを用いたサービス改善のため",
        "--category",
        "IP_ADDRESS,SNS_ACCOUNT",
    )


def test_add_list_show(runner: CliRunner, store_path: Path, tmp_path: Path) -> None:
    _purpose(runner)
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "a.log").write_text("x\n", encoding="utf-8")
    old = time.time() - 400 * 86400
    os.utime(logs / "a.log", (old, old))
    out = run(
        runner,
        "dataset",
        "add",
        "isj-logs",
        "--path",
        str(logs / "*.log"),
        "--format",
        "log",
        "--owner",
        "広報委員会",
        "--purpose",
        "P001",
        "--retention",
        "1y",
        "--never-provide",
        "--description",
        "公式SNSの活動ログ",
    )
    assert out.stdout == f"added data set isj-logs: {logs / '*.log'} (365 days; never provided)\n"
    listed = run(runner, "dataset", "list").stdout
    assert "isj-logs" in listed and "never" in listed and "retention" in listed
    shown = run(runner, "dataset", "show", "isj-logs").stdout
    assert "広報委員会" in shown and "past the 365-day retention" in shown and "not published" in shown
    [status] = run_json(runner, "dataset", "list")
    assert status["dataset"]["third_party"] == "never" and status["files_past_retention"] == 1
    detail = run_json(runner, "dataset", "show", "isj-logs")
    assert detail["dataset"]["description"] == "公式SNSの活動ログ" and len(detail["flags"]) == 2


def test_allowed_paths(runner: CliRunner, store_path: Path) -> None:
    _purpose(runner)
    item = run_json(
        runner,
        "dataset",
        "add",
        "members",
        "--path",
        "/data/members.csv",
        "--format",
        "csv",
        "--owner",
        "事務局",
        "--purpose",
        "P001",
        "--retention",
        "3y",
        "--allowed-path",
        "consent",
        "--allowed-path",
        "outsourcing",
        "--allowed-path",
        "legal-exemption",
    )
    assert item["allowed_paths"] == ["consent", "outsourcing", "legal-exemption"]


def test_errors(runner: CliRunner, store_path: Path) -> None:
    _purpose(runner)
    base = ["dataset", "add", "d", "--path", "/x/*.csv", "--format", "csv", "--owner", "o"]
    assert "[AU300]" in run(runner, *base, "--purpose", "P404", "--retention", "1y", code=2).output
    assert "[AU310]" in run(runner, *base, "--purpose", "P001", "--retention", "forever", code=2).output
    assert (
        "Invalid value"
        in run(
            runner,
            *base[:-4],
            "--format",
            "xlsx",
            "--owner",
            "o",
            "--purpose",
            "P001",
            "--retention",
            "1y",
            code=2,
        ).output
    )
    assert "[AU300]" in run(runner, "dataset", "show", "nope", code=2).output
