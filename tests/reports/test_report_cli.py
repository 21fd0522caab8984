"""``privacy-kit report`` and ``privacy-kit schedule`` through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner, Result

from audit.store import StoreConfig
from privacy_kit.cli import cli
from tests.reports.fake_host import FakeMachine


def _run(*args: str, code: int = 0) -> Result:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == code, (result.output, result.exception)
    if code == 2:
        assert "Traceback" not in result.output
    return result


def test_report_to_stdout(sample: StoreConfig) -> None:
    out = _run("report", "--store", str(sample.path), "--period", "2026-10", "--format", "md").stdout
    assert out.startswith("# 個人情報監査報告 2026-10\n") and "## 3. 検出された個人情報" in out


def test_report_files_in_a_folder_and_json(sample: StoreConfig, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    result = _run(
        "report", "--store", str(sample.path), "--since", "2026-10-01", "--until", "2026-10-31",
        "--format", "html", "--format", "json", "--lang", "en", "-o", f"{folder}/",
    )
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["privacy-kit-report-2026-10-01_2026-10-31.html", "privacy-kit-report-2026-10-01_2026-10-31.json"]
    data = json.loads((folder / names[1]).read_text(encoding="utf-8"))
    assert data["lang"] == "en" and data["period"]["kind"] == "range" and data["status"] == "attention"
    assert "wrote" in result.stderr and "[PK320]" in result.stderr  # warnings shown, exit 0


def test_report_name_template(sample: StoreConfig, tmp_path: Path) -> None:
    _run("report", "--store", str(sample.path), "--period", "2026-W44", "--format", "md",
         "-o", str(tmp_path / "board-{period}.{ext}"))
    assert (tmp_path / "board-2026-W44.md").is_file()


def test_tampered_ledger_writes_the_report_then_exits_1(sample: StoreConfig, tmp_path: Path) -> None:
    con = duckdb.connect(str(sample.path))
    con.execute("DELETE FROM ledger WHERE seq = 3")
    con.close()
    out = tmp_path / "r.html"
    result = _run("report", "--store", str(sample.path), "--period", "2026-10", "-o", str(out), code=1)
    assert "[PK310]" in result.stderr and out.is_file() and "台帳の検証に失敗しました" in out.read_text("utf-8")


def test_overdue_requests_write_the_report_then_exit_1(sample: StoreConfig, tmp_path: Path) -> None:
    result = _run("report", "--store", str(sample.path), "--period", "2026-11", "--format", "json", "--lang", "en",
                  "-o", str(tmp_path) + "/", code=1)
    assert "[PK311]" in result.stderr and "RQ-000003" in result.stderr
    data = json.loads((tmp_path / "privacy-kit-report-2026-11.json").read_text("utf-8"))
    assert data["status"] == "fail"
    assert [a["code"] for a in data["attention"] if a["severity"] == "fail"] == ["PK311", "PK312"]
    assert "[PK312]" in result.stderr and "INC-000001" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--period", "2026-13"], "PK300"),
        (["--period", "2026-10", "--previous", "monthly"], "only one of"),
        (["--since", "2026-10-01"], "go together"),
        (["--format", "md", "--format", "json"], "several formats need -o"),
        (["--format", "md", "--format", "json", "-o", "x.txt"], "several formats cannot"),
        (["-o", "r-{month}.html"], "unknown placeholder"),
        (["--lang", "fr"], "Invalid value"),
        (["--trend", "0"], "Invalid value"),
    ],
)
def test_report_usage_errors(sample: StoreConfig, tmp_path: Path, args: list[str], message: str) -> None:
    result = _run("report", "--store", str(sample.path), *args, code=2)
    assert message in result.output


def test_report_without_a_store(tmp_path: Path) -> None:
    result = _run("report", "--store", str(tmp_path / "none.duckdb"), code=2)
    assert "AU103" in result.output and not (tmp_path / "none.duckdb").exists()


@pytest.fixture
def machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeMachine:
    fake = FakeMachine(systemd=False, crontab="0 1 * * * backup.sh\n")
    monkeypatch.setattr("privacy_kit.cli.schedule._host", lambda: fake.host(tmp_path))
    return fake


def test_schedule_print_touches_nothing(machine: FakeMachine, tmp_path: Path) -> None:
    out = _run("schedule", "install", "--every", "monthly", "--out", str(tmp_path / "r"),
               "--store", str(tmp_path / "a.duckdb"), "--print", "--backend", "systemd").stdout
    assert "[Timer]" in out and "--previous monthly" in out
    assert not [c for c in machine.calls if c[:2] != ["systemctl", "--user"] or "show-environment" not in c]
    assert machine.crontab == "0 1 * * * backup.sh\n" and not (tmp_path / "r").exists()


def test_schedule_install_show_remove(machine: FakeMachine, tmp_path: Path) -> None:
    args = ["schedule", "install", "--every", "weekly", "--out", str(tmp_path / "r"), "--store",
            str(tmp_path / "a.duckdb"), "--format", "md"]
    _run(*args)
    _run(*args)
    assert machine.crontab is not None and machine.crontab.count("--previous weekly") == 1
    assert "--format md" in _run("schedule", "show").stdout
    _run("schedule", "remove")
    assert machine.crontab == "0 1 * * * backup.sh\n"
    assert "no schedule" in _run("schedule", "show", code=1).stderr
    _run("schedule", "remove", code=1)


def test_schedule_without_any_scheduler(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeMachine(systemd=False, cron=False)
    monkeypatch.setattr("privacy_kit.cli.schedule._host", lambda: fake.host(tmp_path))
    args = ["schedule", "install", "--every", "monthly", "--out", str(tmp_path / "r")]
    assert "PK330" in _run(*args, code=2).output
    printed = _run(*args, "--print")
    assert "# BEGIN privacy-kit schedule" in printed.stdout and "showing a crontab entry" in printed.stderr


def test_schedule_name_is_validated(machine: FakeMachine, tmp_path: Path) -> None:
    assert "PK330" in _run("schedule", "show", "--name", "../x", code=2).output


DOC = (Path(__file__).resolve().parents[2] / "docs" / "cli.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", ["install", "show", "remove"])
def test_schedule_commands_have_help_and_a_reference_entry(command: str) -> None:
    assert "Usage:" in _run("schedule", command, "--help").output
    assert f"| `{command}" in DOC.split("## `privacy-kit schedule`")[1]


def test_report_options_are_documented() -> None:
    help_text = _run("report", "--help").output
    section = DOC.split("## `privacy-kit report`")[1].split("\n## ")[0]
    for option in ("--period", "--since", "--until", "--previous", "--format", "--output", "--lang", "--trend",
                   "--retention-window", "--store"):
        assert option in help_text, option
        assert f"`{option}" in section or (option == "--output" and "`-o PATH`" in section), option
    for code in ("PK310", "PK311", "PK312", "PK300"):
        assert code in section
