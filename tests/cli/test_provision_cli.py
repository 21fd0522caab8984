"""``privacy-kit provision record|extend|list|show``."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tests.audit.plaintext import store_files, values_in_files, values_in_tables
from tests.cli.audit_env import run, run_json, store_path_fixture  # noqa: F401 (fixture)

SUBJECTS = ["taro.yamada@example.jp", "hanako.suzuki@example.jp"]
CONSENT = [
    "provision",
    "record",
    "--direction",
    "provide",
    "--legal-path",
    "consent",
    "--counterparty",
    "株式会社サンプル印刷",
    "--item",
    "氏名,住所",
    "--consent-ref",
    "申込フォーム同意欄 v3",
    "--recorded-on",
    "2026-05-10",
]


def test_record_list_show(runner: CliRunner, store_path: Path, tmp_path: Path) -> None:
    subjects_file = tmp_path / "subjects.txt"
    subjects_file.write_text("\n".join(SUBJECTS) + "\n", encoding="utf-8")
    out = run(
        runner, *CONSENT, "--subjects-file", str(subjects_file), "--subjects-description", "学術集会の参加者"
    )
    assert out.stdout == "recorded PR-000001: provide via consent, 2 subject(s); keep until 2029-05-10\n"
    listed = run(runner, "provision", "list").stdout
    assert "PR-000001" in listed and "株式会社サンプル印刷" in listed and "2029-05-10" in listed
    shown = run(runner, "provision", "show", "PR-000001")
    assert "Rule 21" in shown.stdout and "2 identifier(s) stored encrypted" in shown.stdout
    assert not any(s in shown.output for s in SUBJECTS)
    revealed = run(runner, "provision", "show", "PR-000001", "--show-values").stdout
    assert all(s in revealed for s in SUBJECTS)
    data = run_json(runner, "provision", "show", "PR-000001")
    assert (
        data["data_items"] == ["氏名", "住所"]
        and len(data["subject_refs"]) == 2
        and "subject_values" not in data
    )
    assert values_in_files(store_files(store_path), SUBJECTS) == []
    assert values_in_tables(store_path, SUBJECTS) == []


def test_subjects_from_stdin(runner: CliRunner, store_path: Path) -> None:
    run(runner, *CONSENT, "--subjects-file", "-", stdin="\n".join(SUBJECTS) + "\n")
    assert run_json(runner, "provision", "show", "PR-000001")["subject_count"] == 2


def test_receipt_and_bulk_and_extend(runner: CliRunner, store_path: Path) -> None:
    receipt = run_json(
        runner,
        "provision",
        "record",
        "--direction",
        "receive",
        "--legal-path",
        "consent",
        "--counterparty",
        "一般社団法人サンプル学会",
        "--counterparty-address",
        "東京都千代田区1-1",
        "--acquisition",
        "会員登録時に本人から取得",
        "--item",
        "氏名",
        "--subjects-description",
        "合同セミナー申込者",
        "--consent-ref",
        "申込規約4条",
        "--provided-on",
        "2026-06-01",
        "--recorded-on",
        "2026-06-01",
    )
    assert receipt["retention_until"] == "2029-06-01" and receipt["direction"] == "receive"
    bulk = run_json(
        runner,
        *CONSENT,
        "--subjects-description",
        "会員",
        "--method",
        "bulk",
        "--period-start",
        "2026-04-01",
        "--last-provision-on",
        "2026-04-30",
    )
    assert bulk["retention_until"] == "2029-04-30"
    out = run(runner, "provision", "extend", bulk["provision_id"], "--last-provision-on", "2026-10-31")
    assert out.stdout == "PR-000002: last provision 2026-10-31; keep until 2029-10-31\n"
    assert [p["provision_id"] for p in run_json(runner, "provision", "list", "--direction", "receive")] == [
        "PR-000001"
    ]
    assert len(run_json(runner, "provision", "list", "--held")) == 2


def test_a_never_provided_data_set_is_refused_without_a_legal_exemption(
    runner: CliRunner, store_path: Path
) -> None:
    run(runner, "purpose", "add", "活動ログによるサービス改善のため", "--category", "SNS_ACCOUNT")
    run(
        runner,
        "dataset",
        "add",
        "logs",
        "--path",
        "/var/log/sns/*.log",
        "--format",
        "log",
        "--owner",
        "広報",
        "--purpose",
        "P001",
        "--retention",
        "1y",
        "--never-provide",
    )
    refused = run(runner, *CONSENT, "--subjects-description", "閲覧者", "--dataset", "logs", code=2)
    assert "[AU320]" in refused.output and "never provided" in refused.output
    assert run_json(runner, "provision", "list") == []
    ok = run(
        runner,
        "provision",
        "record",
        "--direction",
        "provide",
        "--legal-path",
        "legal-exemption",
        "--exemption",
        "27-1-1",
        "--counterparty",
        "裁判所",
        "--item",
        "アクセスログ",
        "--dataset",
        "logs",
    )
    assert "not legally required" in ok.stdout


def test_missing_items_are_refused_with_the_rule(runner: CliRunner, store_path: Path) -> None:
    out = run(
        runner,
        "provision",
        "record",
        "--direction",
        "provide",
        "--legal-path",
        "opt-out",
        "--counterparty",
        "名簿業者",
        "--item",
        "氏名",
        "--subjects-description",
        "退会会員",
        code=2,
    )
    assert "[AU310]" in out.output and "Rule 20" in out.output
    assert "Invalid value" in run(runner, *CONSENT[:-2], "--recorded-on", "yesterday", code=2).output
    assert "[AU300]" in run(runner, "provision", "show", "PR-999999", code=2).output
