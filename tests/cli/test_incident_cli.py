"""``privacy-kit incident new|show|list|update|assess|draft|close``, and their errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from privacy_kit.cli import cli
from tests.audit.plaintext import store_files, values_in_files
from tests.cli.audit_env import (  # noqa: F401 (fixture)
    run,
    run_json,
    store_locked_by_another_process,
    store_path_fixture,
)
from tests.incidents.conftest import PatternDetector, member_rows, write_csv

NEW = ["incident", "new", "--title", "会員名簿の誤送信", "--learned-at", "2026-11-02 10:30"]


@pytest.fixture(autouse=True)
def _pattern_detector(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("privacy_kit.scan.make_detector", lambda options: PatternDetector())


@pytest.fixture
def export(tmp_path: Path) -> Path:
    # 12 members, two rows repeated; member 0 has a card number
    return write_csv(tmp_path / "export.csv", member_rows(12, duplicated=2, cards=1))


def test_new_show_and_list(runner: CliRunner, store_path: Path, export: Path) -> None:
    out = run(runner, *NEW, "--file", str(export), "--description", "委託先への誤送信").stdout
    assert out == (
        "opened INC-000001: learned of on 2026-11-02 10:30 JST; next: privacy-kit incident assess INC-000001\n"
    )
    shown = run(runner, "incident", "show", "INC-000001").stdout
    assert "2026-11-02 10:30 JST" in shown and f"file: {export}" in shown and "none yet" in shown
    data = run_json(runner, "incident", "show", "INC-000001")
    assert data["learned_at"] == "2026-11-02T01:30:00" and data["files"] == [{"kind": "file", "ref": str(export)}]
    listed = run(runner, "incident", "list").stdout
    assert "INC-000001" in listed and "not assessed" in listed
    assert [i["incident_id"] for i in run_json(runner, "incident", "list", "--status", "open")] == ["INC-000001"]
    assert run_json(runner, "incident", "list", "--status", "closed") == []


def test_a_relative_file_is_kept_absolute(
    runner: CliRunner, store_path: Path, export: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(export.parent)
    data = run_json(runner, *NEW, "--file", export.name)
    assert data["files"] == [{"kind": "file", "ref": str(export)}]


def test_assess_exits_1_when_reporting_is_mandatory(runner: CliRunner, store_path: Path, export: Path) -> None:
    run(runner, *NEW, "--file", str(export))
    out = run(runner, "incident", "assess", "INC-000001", code=1).stdout
    assert "12 distinct people in 14 records" in out
    assert "Rule 7(ii)   YES  不正に利用されることにより財産的被害が生じるおそれ: CREDIT_CARD ×2 concerning 1 person" in out
    assert "reporting to the PPC is MANDATORY (Art 26(1); Rule 7 (ii))" in out
    assert "preliminary report (速報, Rule 8(1)): by 2026-11-04" in out
    assert "final report (確報, Rule 8(2)): by 2026-12-01 (30 days)" in out
    data = run_json_code(runner, 1, "incident", "assess", "INC-000001")
    assert data["mandatory"] is True and data["evidence"]["people"] == 12 and data["assessment_no"] == 2
    assert [c["applies"] for c in data["categories"]] == [False, True, False, False]
    assert [(d["kind"], d["due_on"]) for d in data["deadlines"]] == [
        ("ppc-preliminary", "2026-11-04"),
        ("ppc-final", "2026-12-01"),
        ("individuals", None),
    ]


def run_json_code(runner: CliRunner, code: int, *args: str) -> dict[str, object]:
    import json

    return json.loads(run(runner, *args, "--json", code=code).stdout)  # type: ignore[no-any-return]


def test_assess_exits_0_when_nothing_is_reportable(runner: CliRunner, store_path: Path, tmp_path: Path) -> None:
    export = write_csv(tmp_path / "few.csv", member_rows(5))
    run(runner, *NEW, "--file", str(export))
    out = run(runner, "incident", "assess", "INC-000001").stdout
    assert "reporting is not mandatory" in out and "5 distinct people" in out
    assert run_json(runner, "incident", "list", "--due") == []


def test_assess_with_a_stored_run(runner: CliRunner, store_path: Path, export: Path) -> None:
    run(runner, *NEW, "--file", str(export))
    first = run_json_code(runner, 1, "incident", "assess", "INC-000001")
    run(runner, *NEW[:3], "同じ名簿の二度目の送信", *NEW[4:])
    again = run_json_code(runner, 1, "incident", "assess", "INC-000002", "--run", str(first["scanned_run"]))
    assert again["scanned_run"] is None and again["run_ids"] == [first["scanned_run"]]
    assert again["evidence"] == first["evidence"]


def test_update_redecides_and_records_steps(runner: CliRunner, store_path: Path, export: Path) -> None:
    run(runner, *NEW, "--file", str(export))
    run(runner, "incident", "assess", "INC-000001", code=1)
    out = run(runner, "incident", "update", "INC-000001", "--wrongful").stdout
    assert "decided again: reporting to the PPC is MANDATORY (Art 26(1); Rule 7 (ii), (iii))" in out
    assert "ppc-final        due 2026-12-31" in out
    run(runner, "incident", "update", "INC-000001", "--done", "ppc-preliminary", "--done-on", "2026-11-04",
        "--done-ref", "PPC受付 R8-0001")  # fmt: skip
    shown = run(runner, "incident", "show", "INC-000001").stdout
    assert "Rule 7(iii)" in shown and "YES: declared by the organisation" in shown
    steps = {d["kind"]: d for d in run_json(runner, "incident", "show", "INC-000001")["deadlines"]}
    assert steps["ppc-preliminary"]["done_on"] == "2026-11-04" and steps["ppc-preliminary"]["state"] == "done"
    assert steps["ppc-final"]["due_on"] == "2026-12-31"
    due = run_json(runner, "incident", "list", "--due")
    assert [d["kind"] for d in due] == ["ppc-final", "individuals"]
    assert len(run_json(runner, "incident", "list", "--due", "--all")) == 3
    shown = run(runner, "incident", "list", "--due").stdout
    assert "ppc-final (個人情報保護委員会への確報)" in shown and "2026-12-31" in shown


def test_draft_to_stdout_and_files(runner: CliRunner, store_path: Path, export: Path, tmp_path: Path) -> None:
    run(runner, *NEW, "--file", str(export))
    run(runner, "incident", "assess", "INC-000001", code=1)
    out = run(runner, "incident", "draft", "INC-000001")
    assert out.stdout.startswith("# 個人データの漏えい等の報告（案） INC-000001")
    assert "規則7条第2号" in out.stdout and "12人（privacy-kit による推計" in out.stdout
    assert "fill in every 【要記入】" in out.stderr
    report, notice = tmp_path / "report.html", tmp_path / "notice.html"
    run(runner, "incident", "draft", "INC-000001", "-o", str(report), "--notice", str(notice), "--format", "html")
    assert report.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "お知らせとお詫び" in notice.read_text(encoding="utf-8")


def test_close_only_when_every_required_step_is_done(runner: CliRunner, store_path: Path, export: Path) -> None:
    run(runner, *NEW, "--file", str(export))
    run(runner, "incident", "assess", "INC-000001", code=1)
    refused = run(runner, "incident", "close", "INC-000001", "--reason", "完了", code=2).output
    assert "[AU330]" in refused and "ppc-preliminary (due 2026-11-04)" in refused
    for step in ("ppc-preliminary", "ppc-final"):
        run(runner, "incident", "update", "INC-000001", "--done", step, "--done-on", "2026-11-20")
    run(runner, "incident", "update", "INC-000001", "--done", "individuals", "--done-on", "2026-11-05",
        "--notified", "12", "--method", "電子メール")  # fmt: skip
    assert run(runner, "incident", "close", "INC-000001", "--reason", "完了").stdout == "closed INC-000001\n"
    assert run_json(runner, "incident", "show", "INC-000001")["status"] == "closed"
    assert "[AU330]" in run(runner, "incident", "assess", "INC-000001", code=2).output
    assert run(runner, "audit", "verify").exit_code == 0


def test_nothing_personal_is_printed_or_stored(runner: CliRunner, store_path: Path, export: Path) -> None:
    rows = member_rows(12, duplicated=2, cards=1)
    values = [rows[0]["メール"], rows[0]["電話"], rows[0]["カード"], rows[3]["氏名"]]
    run(runner, *NEW, "--file", str(export))
    outputs = [
        run(runner, "incident", "assess", "INC-000001", code=1).output,
        run(runner, "incident", "assess", "INC-000001", "--json", code=1).output,
        run(runner, "incident", "show", "INC-000001", "--json").output,
        run(runner, "incident", "draft", "INC-000001").output,
    ]
    assert not any(v in out for v in values for out in outputs)
    assert values_in_files(store_files(store_path), values) == []


# fmt: off
ERRORS = [
    (["incident", "new", "--learned-at", "2026-11-02"],                 "--title is required"),
    (["incident", "new", "--title", "x"],                               "--learned-at is required"),
    ([*NEW[:5], "yesterday"],                                           "'yesterday' is not a date or time"),
    ([*NEW[:5], "2099-01-01"],                                          "[AU310] learned_at 2098-12-31T15:00:00 (UTC) is in the future"),
    ([*NEW, "--dataset", "nope"],                                       "[AU300] no data set 'nope'"),
    ([*NEW, "--file", "/no/such/export.csv"],                           None),  # accepted: assess reports it
    ([*NEW, "--preliminary-days", "0"],                                 "Invalid value for '--preliminary-days'"),
    (["incident", "show", "INC-000404"],                                "[AU300] no incident 'INC-000404'"),
    (["incident", "assess", "INC-000404"],                              "[AU300] no incident 'INC-000404'"),
    (["incident", "draft", "INC-000404"],                               "[AU300] no incident 'INC-000404'"),
    (["incident", "update", "INC-000404", "--cause", "x"],              "[AU300] no incident 'INC-000404'"),
    (["incident", "close", "INC-000404", "--reason", "x"],              "[AU300] no incident 'INC-000404'"),
    (["incident", "close", "INC-000001"],                               "Missing option '--reason'"),
    (["incident", "update", "INC-000001"],                              "[AU310] nothing to change in INC-000001"),
    (["incident", "update", "INC-000001", "--done-on", "2026-11-04"],   "give --done KIND"),
    (["incident", "update", "INC-000001", "--done", "press"],           "Invalid value for '--done'"),
    (["incident", "draft", "INC-000001"],                               "[AU330] incident INC-000001 has not been assessed"),
    (["incident", "close", "INC-000001", "--reason", "x"],              "[AU330] incident INC-000001 was never assessed"),
    (["incident", "assess", "INC-000001", "--run", "nope"],             "[AU300] no scan run 'nope'"),
    (["incident", "list", "--status", "pending"],                       "Invalid value for '--status'"),
]
# fmt: on


@pytest.mark.parametrize(("args", "message"), ERRORS)
def test_errors_are_coded_and_clean(runner: CliRunner, store_path: Path, args: list[str], message: str | None) -> None:
    run(runner, *NEW)  # INC-000001, nothing assessed
    result = runner.invoke(cli, args)
    if message is None:
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert message in result.output, result.output


def test_a_missing_file_is_reported_by_assess(runner: CliRunner, store_path: Path) -> None:
    run(runner, *NEW, "--file", "/no/such/export.csv")
    result = runner.invoke(cli, ["incident", "assess", "INC-000001"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.output.startswith("Error: [PK100] no such file or directory: /no/such/export.csv")


def test_reads_need_an_existing_store(runner: CliRunner, store_path: Path) -> None:
    assert "[AU103] no audit store" in run(runner, "incident", "list", code=2).output


def test_a_locked_store_is_a_clean_error(runner: CliRunner, store_path: Path) -> None:
    run(runner, *NEW)
    with store_locked_by_another_process(store_path):
        out = run(runner, "incident", "--lock-timeout", "0.3", "update", "INC-000001", "--cause", "x", code=2)
    assert "[AU101]" in out.output


def test_show_gives_the_notes_of_the_assessment(runner: CliRunner, store_path: Path, tmp_path: Path) -> None:
    export = write_csv(tmp_path / "accounts.csv", [{"口座": "口座: 1234567", "メール": "a@example.jp"}])
    run(runner, *NEW, "--file", str(export))
    run(runner, "incident", "assess", "INC-000001")
    shown = run(runner, "incident", "show", "INC-000001").stdout
    assert "account numbers alone are not category (ii)" in shown
