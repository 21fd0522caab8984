"""``privacy-kit purpose add|list|show|change|publish``."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tests.cli.audit_env import run, run_json, store_path_fixture  # noqa: F401 (fixture)

TEXT = "公式SNSアカウントに寄せられたコメントの管理と不適切な投稿への対応のため"


def test_add_list_show(runner: CliRunner, store_path: Path) -> None:
    out = run(
        runner,
        "purpose",
        "add",
        TEXT,
        "--category",
        "PERSON,EMAIL_ADDRESS",
        "--policy-ref",
        "プライバシーポリシー 3",
    )
    assert out.stdout == "added purpose P001 (version 1, not yet published)\n"
    assert store_path.exists()
    listed = run(runner, "purpose", "list").stdout
    assert "P001" in listed and "not published" in listed
    [item] = run_json(runner, "purpose", "list")
    assert (
        item["categories"] == ["PERSON", "EMAIL_ADDRESS"] and item["policy_ref"] == "プライバシーポリシー 3"
    )
    shown = run(runner, "purpose", "show", "P001").stdout
    assert "initial registration" in shown and "PERSON, EMAIL_ADDRESS" in shown


def test_add_with_an_explicit_id_and_publication(runner: CliRunner, store_path: Path) -> None:
    item = run_json(
        runner,
        "purpose",
        "add",
        TEXT,
        "--id",
        "sns",
        "--category",
        "PERSON",
        "--published-on",
        "2026-04-01",
        "--publication-ref",
        "https://example.org/privacy",
    )
    assert (item["purpose_id"], item["published_on"]) == ("sns", "2026-04-01")


def test_a_vague_purpose_gets_a_warning(runner: CliRunner, store_path: Path) -> None:
    result = run(runner, "purpose", "add", "事業活動のため", "--category", "*")
    assert "warning" in result.stderr and "Art 17(1)" in result.stderr


def test_change_needs_a_basis_and_keeps_history(runner: CliRunner, store_path: Path) -> None:
    run(runner, "purpose", "add", TEXT, "--category", "PERSON")
    refused = run(runner, "purpose", "change", "P001", "--category", "PERSON,PHONE_NUMBER", code=2)
    assert "[AU311]" in refused.output and "Art 17(2)" in refused.output
    changed = run(
        runner,
        "purpose",
        "change",
        "P001",
        "--category",
        "PERSON,PHONE_NUMBER",
        "--justification",
        "電話番号を含むコメントへの対応も同じ目的の範囲内",
    )
    assert "version 2 (related)" in changed.stdout and "purpose publish P001" in changed.stdout
    item = run_json(
        runner,
        "purpose",
        "change",
        "P001",
        "--text",
        "コメント対応と学会案内の送付のため",
        "--consent-ref",
        "会員登録フォーム同意欄",
    )
    assert (item["version"], item["basis"]) == (3, "consent")
    history = run_json(runner, "purpose", "show", "P001")
    assert [v["version"] for v in history] == [1, 2, 3] and history[0]["text"] == TEXT


def test_publish(runner: CliRunner, store_path: Path) -> None:
    run(runner, "purpose", "add", TEXT, "--category", "PERSON")
    out = run(runner, "purpose", "publish", "P001", "--on", "2026-11-21", "--ref", "会報11月号")
    assert out.stdout == "published purpose P001 version 1 on 2026-11-21\n"
    [item] = run_json(runner, "purpose", "list")
    assert item["published_on"] == "2026-11-21" and item["publication_ref"] == "会報11月号"


def test_errors_are_coded_and_never_tracebacks(runner: CliRunner, store_path: Path) -> None:
    assert "[AU103]" in run(runner, "purpose", "list", code=2).output  # no store yet, and none created
    assert not store_path.exists()
    run(runner, "purpose", "add", TEXT, "--category", "PERSON")
    assert "[AU300]" in run(runner, "purpose", "show", "P404", code=2).output
    assert "[AU310]" in run(runner, "purpose", "add", TEXT, "--category", "氏名", code=2).output
    assert (
        "[AU301]"
        in run(runner, "purpose", "add", TEXT, "--id", "P001", "--category", "PERSON", code=2).output
    )
    assert "Invalid value" in run(runner, "purpose", "publish", "P001", "--on", "21/11/2026", code=2).output


def test_store_option_on_group_or_command_and_env(
    runner: CliRunner, store_path: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.duckdb"
    run(runner, "purpose", "--store", str(other), "add", TEXT, "--category", "PERSON")
    run(runner, "purpose", "add", TEXT, "--category", "PERSON", "--store", str(other), "--id", "second")
    assert other.exists() and not store_path.exists()  # the explicit option beats PRIVACY_KIT_STORE
    assert [p["purpose_id"] for p in run_json(runner, "purpose", "--store", str(other), "list")] == [
        "P001",
        "second",
    ]
