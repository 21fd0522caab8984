"""``privacy-kit request new|list|show|verify|extend|refuse|close|sla``: the workflow commands."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from privacy_kit.cli.request import parse_identifier_lines
from tests.audit.plaintext import store_files, values_in_files, values_in_tables
from tests.cli.audit_env import run, run_json, store_locked_by_another_process, store_path_fixture  # noqa: F401

EMAIL = "taro.yamada@example.jp"
NEW = ["request", "new", "--type", "35-1", "--name", "山田 太郎", "--email", EMAIL, "--phone", "090-1234-5678"]


def _ago(days: int) -> str:
    return (date.today() - timedelta(days=days)).isoformat()


def test_new_show_keeps_identifiers_masked_unless_asked(runner: CliRunner, store_path: Path) -> None:
    out = run(runner, *NEW, "--received-on", "2026-06-01", "--channel", "問い合わせフォーム")
    assert out.stdout == "filed RQ-000001: 35-1 利用停止・消去, 3 identifier(s); due 2026-06-15 (14 days)\n"
    shown = run(runner, "request", "show", "RQ-000001").stdout
    assert "name, email, phone (stored encrypted" in shown and "問い合わせフォーム" in shown
    assert EMAIL not in shown and "山田" not in shown
    revealed = run(runner, "request", "show", "RQ-000001", "--show-values").stdout
    assert EMAIL in revealed and "山田 太郎" in revealed
    data = run_json(runner, "request", "show", "RQ-000001")
    assert data["identifier_kinds"] == ["name", "email", "phone"] and "identifier_values" not in data
    assert data["overdue"] is (date.today() > date(2026, 6, 15))
    assert values_in_files(store_files(store_path), [EMAIL, "山田 太郎"]) == []
    assert values_in_tables(store_path, [EMAIL, "山田 太郎"]) == []


def test_identifiers_from_a_file_or_stdin(runner: CliRunner, store_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "ids.txt"
    path.write_text("name: 山田 太郎\nname-reading: ヤマダ タロウ\nemail: " + EMAIL + "\n", encoding="utf-8")
    run(runner, "request", "new", "--type", "33-1", "--identifiers-file", str(path), "--fee", "1000")
    run(runner, "request", "new", "--type", "33-5", "--identifiers-file", "-", stdin="member_id: M-0042\n")
    first = run_json(runner, "request", "show", "RQ-000001", "--show-values")
    assert first["identifier_values"] == ["山田 太郎", "ヤマダ タロウ", EMAIL] and first["fee_yen"] == 1000
    assert first["disclosure_method"] == "electronic"
    assert run_json(runner, "request", "show", "RQ-000002")["identifier_kinds"] == ["member_id"]


@pytest.mark.parametrize("line", ["passport: X123", "no separator", "email:   "])
def test_a_bad_identifiers_line_is_a_usage_error(
    runner: CliRunner, store_path: Path, tmp_path: Path, line: str
) -> None:
    path = tmp_path / "ids.txt"
    path.write_text(line + "\n", encoding="utf-8")
    out = run(runner, "request", "new", "--type", "33-1", "--identifiers-file", str(path), code=2)
    assert "line 1" in out.output and not store_path.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--type", "34", "--email", EMAIL, "--fee", "500"], "[AU310] no fee may be charged for a 34 request"),
        (["--type", "35-1", "--email", EMAIL, "--disclosure-method", "written"], "applies only to"),
        (["--type", "33-1"], "at least one identifier"),
    ],
)
def test_new_refuses_what_the_articles_do_not_allow(
    runner: CliRunner, store_path: Path, args: list[str], message: str
) -> None:
    out = run(runner, "request", "new", *args, code=2)
    assert message in out.output


def test_unknown_type_is_a_usage_error(runner: CliRunner, store_path: Path) -> None:
    out = run(runner, "request", "new", "--type", "36", "--email", EMAIL, code=2)
    assert "Usage:" in out.output


def test_list_overdue_exits_1_when_any_request_is_late(runner: CliRunner, store_path: Path) -> None:
    run(runner, *NEW, "--received-on", _ago(20))
    run(runner, *NEW, "--received-on", _ago(14))  # due today: not yet overdue
    run(runner, *NEW, "--received-on", _ago(30))
    run(runner, "request", "verify", "RQ-000003", "--method", "id-document", "--verified-on", _ago(29))
    run(runner, "request", "close", "RQ-000003", "--as", "fulfilled")
    late = run(runner, "request", "list", "--overdue", code=1).stdout
    assert "RQ-000001" in late and "6 day(s) overdue" in late
    assert "RQ-000002" not in late and "RQ-000003" not in late
    data = run(runner, "request", "list", "--overdue", "--json", code=1)
    assert [r["request_id"] for r in __import__("json").loads(data.stdout)] == ["RQ-000001"]
    all_rows = run_json(runner, "request", "list")
    assert [r["request_id"] for r in all_rows] == ["RQ-000003", "RQ-000001", "RQ-000002"]
    assert [r["request_id"] for r in run_json(runner, "request", "list", "--open")] == ["RQ-000001", "RQ-000002"]
    assert [r["request_id"] for r in run_json(runner, "request", "list", "--state", "fulfilled")] == ["RQ-000003"]


def test_list_overdue_exits_0_when_nothing_is_late(runner: CliRunner, store_path: Path) -> None:
    run(runner, *NEW)
    assert "(0)" in run(runner, "request", "list", "--overdue").stdout


def test_verify_pending_then_confirmed_and_extend(runner: CliRunner, store_path: Path) -> None:
    run(runner, *NEW, "--received-on", "2026-06-01", "--agent", "appointed")
    assert run(runner, "request", "verify", "RQ-000001", "--pending").stdout == "RQ-000001: identity_pending\n"
    out = run(runner, "request", "verify", "RQ-000001", "--method", "id-document", "--verified-on", "2026-06-03", code=2)
    assert "[AU310]" in out.output and "--agent-verification" in out.output
    run(
        runner,
        "request",
        "verify",
        "RQ-000001",
        "--method",
        "id-document",
        "--verified-on",
        "2026-06-03",
        "--agent-verification",
        "委任状と代理人の運転免許証",
    )
    out = run(runner, "request", "extend", "RQ-000001", "--due", "2026-06-29", "--reason", "調査対象が多いため")
    assert out.stdout == "RQ-000001: due 2026-06-29\n"
    out = run(runner, "request", "extend", "RQ-000001", "--due", "2026-06-20", "--reason", "x", code=2)
    assert "later date" in out.output
    data = run_json(runner, "request", "show", "RQ-000001")
    assert [e["action"] for e in data["events"]] == ["received", "identity_requested", "verified", "extended"]


@pytest.mark.parametrize("args", [[], ["--pending", "--method", "in-person"]])
def test_verify_needs_exactly_one_of_method_or_pending(runner: CliRunner, store_path: Path, args: list[str]) -> None:
    run(runner, *NEW)
    out = run(runner, "request", "verify", "RQ-000001", *args, code=2)
    assert "give --method" in out.output


def test_refuse_and_illegal_transitions(runner: CliRunner, store_path: Path) -> None:
    run(runner, *NEW)
    out = run(runner, "request", "refuse", "RQ-000001", "--ground", "33-2-2", "--reason", "x", code=2)
    assert "does not apply to a 35-1 request" in out.output
    out = run(runner, "request", "refuse", "RQ-000001", "--ground", "35-alternative", "--reason", "費用過大", code=2)
    assert "--alternative" in out.output
    out = run(
        runner,
        "request",
        "refuse",
        "RQ-000001",
        "--ground",
        "35-alternative",
        "--reason",
        "全ログの消去は過大な費用を要するため",
        "--alternative",
        "該当記録の利用を停止し閲覧権限を限定",
    )
    assert out.stdout == "RQ-000001: refused (35-alternative)\n"
    out = run(runner, "request", "verify", "RQ-000001", "--method", "in-person", code=2)
    assert "[AU330] a request in state refused cannot become verified" in out.output
    shown = run(runner, "request", "show", "RQ-000001").stdout
    assert "35-alternative" in shown and "該当記録の利用を停止" in shown


def test_close_outcomes(runner: CliRunner, store_path: Path) -> None:
    run(runner, *NEW)
    run(runner, *NEW)
    run(runner, "request", "verify", "RQ-000001", "--method", "member-login")
    out = run(runner, "request", "close", "RQ-000001", "--as", "partially_fulfilled", code=2)
    assert "needs the reason" in out.output
    run(runner, "request", "close", "RQ-000001", "--as", "partially_fulfilled", "--reason", "提供記録は保存期間中")
    assert run(runner, "request", "close", "RQ-000002", "--as", "withdrawn").stdout == "RQ-000002: withdrawn\n"
    out = run(runner, "request", "close", "RQ-000002", "--as", "fulfilled", code=2)
    assert "[AU330]" in out.output and "final" in out.output


def test_sla_sets_the_due_date_of_new_requests(runner: CliRunner, store_path: Path) -> None:
    run(runner, *NEW, "--received-on", "2026-06-01")
    assert run(runner, "request", "sla").stdout == "service level: 14 days from receipt\n"
    run(runner, "request", "sla", "--days", "7")
    out = run(runner, *NEW, "--received-on", "2026-06-01").stdout
    assert "due 2026-06-08 (7 days)" in out
    assert "due 2026-06-04 (3 days)" in run(runner, *NEW, "--received-on", "2026-06-01", "--service-days", "3").stdout
    assert run(runner, "audit", "verify").exit_code == 0


def test_unknown_request_and_missing_store(runner: CliRunner, store_path: Path) -> None:
    out = run(runner, "request", "show", "RQ-000001", code=2)
    assert "[AU103]" in out.output
    run(runner, *NEW)
    out = run(runner, "request", "show", "RQ-000009", code=2)
    assert "[AU300] no data-subject request 'RQ-000009'" in out.output


def test_a_locked_store_is_a_clean_error(runner: CliRunner, store_path: Path) -> None:
    run(runner, *NEW)
    with store_locked_by_another_process(store_path):
        out = run(runner, "request", "list", "--lock-timeout", "0.2", code=2)
    assert "[AU101]" in out.output


@settings(max_examples=100, deadline=None)
@given(
    pairs=st.lists(
        st.tuples(
            st.sampled_from(["name", "name_reading", "email", "phone", "account", "member_id", "other", "member-id"]),
            st.text(min_size=1, max_size=20).filter(lambda v: v.strip() and "\n" not in v and "\r" not in v),
        ),
        max_size=6,
    )
)
def test_identifier_lines_parse_back(pairs: list[tuple[str, str]]) -> None:
    """Any 'kind: value' line (value may hold ':' and any script) parses to (kind, value)."""
    lines = [f"{k}: {v}" for k, v in pairs]
    assert parse_identifier_lines(lines) == [(k.replace("-", "_"), v.strip()) for k, v in pairs]


def test_audit_status_counts_open_and_overdue_requests(runner: CliRunner, store_path: Path) -> None:
    run(runner, *NEW, "--received-on", _ago(20))
    run(runner, *NEW)
    run(runner, *NEW, "--received-on", _ago(30))
    run(runner, "request", "close", "RQ-000003", "--as", "withdrawn")
    info = run_json(runner, "audit", "status")
    assert (info["open_requests"], info["overdue_requests"]) == (2, 1)
    assert "request list --overdue" in run(runner, "audit", "status").stdout
