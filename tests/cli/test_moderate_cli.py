"""``privacy-kit moderate``: decisions, outputs, the store record, and errors (fake detector)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from privacy_kit.cli import cli
from tests.audit.plaintext import store_files, values_in_files, values_in_tables
from tests.cli.audit_env import run, store_path_fixture  # noqa: F401 (fixture)
from tests.cli.conftest import FakeDetector

LONG = "資料の発送状況を教えてください。先週申し込んだのにまだ届いていません。"
COMMENTS = [
    {"comment_id": "c1", "created_at": "2026-10-01T09:00:00+09:00", "author": "hana", "text": "参加します！"},
    {"comment_id": "c2", "created_at": "2026-10-01T09:10:00+09:00", "author": "yui",
     "text": "私の携帯は090-4412-8831です。"},
    {"comment_id": "c3", "created_at": "2026-10-01T10:00:00+09:00", "author": "hiro", "text": LONG},
    {"comment_id": "c4", "created_at": "2026-10-01T11:00:00+09:00", "author": "hiro", "text": LONG},
    {"comment_id": "c5", "created_at": "2026-10-01T11:30:00+09:00", "author": "jspm_0fficial",
     "text": "公式です。アンケートにご協力ください。"},
    {"comment_id": "c6", "created_at": "2026-10-01T12:00:00+09:00", "author": "link",
     "text": "関連記事 https://bit.ly/3kXy9Qa"},
    {"comment_id": "c7", "created_at": "2026-10-01T12:30:00+09:00", "author": "jspm_official",
     "text": "ご参加ありがとうございました。"},
]


@pytest.fixture
def export(tmp_path: Path) -> Path:
    path = tmp_path / "comments.jsonl"
    path.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in COMMENTS), encoding="utf-8")
    return path


def _moderate(runner: CliRunner, *args: str, code: int = 0) -> str:
    result = runner.invoke(cli, ["moderate", *args])
    assert result.exit_code == code, (result.output, result.exception)
    assert "Traceback" not in result.output
    return result.stdout


def test_one_line_per_comment_to_act_on_highest_severity_first(
        runner: CliRunner, export: Path, fake_detector: FakeDetector) -> None:
    out = _moderate(runner, str(export), "--policy", "jspm", "--no-store", "-q")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["comment_id"], r["clause"], r["action"], r["severity"]) for r in rows] == [
        ("c2", "オ", "delete", "high"),
        ("c5", "サ", "delete", "high"),
        ("c4", "コ", "delete", "medium"),
        ("c6", "シ", "review", "low"),
    ]
    assert rows[0]["author"] == "yui" and rows[0]["evidence"] == "PHONE_NUMBER"
    assert "本人の承諾なく個人情報（電話番号）を開示する" in rows[0]["reason"]
    assert rows[1]["evidence"] == "impersonation of @jspm_official (handle: same skeleton)"
    assert rows[2]["evidence"] == "repeat of c3 (similarity 1.00)"
    assert "090-4412-8831" not in out and LONG not in out  # the comment text is never written out
    assert list(rows[0]) == ["rank", "comment_id", "author", "clause", "action", "severity", "reason", "also",
                             "evidence", "rule", "source", "record", "time"]


def test_summary_counts_comments_not_listed(runner: CliRunner, export: Path, fake_detector: FakeDetector) -> None:
    result = runner.invoke(cli, ["moderate", str(export), "--policy", "jspm", "--no-store"])
    assert "7 comments read; 4 to act on; 3 not listed" in result.stderr


def test_jsonl_to_a_file_and_fail_on(runner: CliRunner, export: Path, tmp_path: Path,
                                     fake_detector: FakeDetector) -> None:
    out = tmp_path / "decisions.jsonl"
    _moderate(runner, str(export), "--policy", "jspm", "--no-store", "-q", "-o", str(out),
              "--output-format", "jsonl", "--fail-on", "3", code=1)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["rank"] for r in rows] == [1, 2, 3, 4] and rows[0]["time"] == "2026-10-01T00:10:00"
    _moderate(runner, str(export), "--policy", "jspm", "--no-store", "-q", "--fail-on", "4")


def test_another_pack_judges_the_same_comments_differently(
        runner: CliRunner, export: Path, fake_detector: FakeDetector) -> None:
    rows = list(csv.DictReader(io.StringIO(_moderate(runner, str(export), "--policy", "jsmo", "--no-store", "-q"))))
    # JSMO names no repeat rule and its official handle is another one
    assert [(r["comment_id"], r["clause"]) for r in rows] == [("c2", "(1)"), ("c6", "(12)")]


def test_a_users_own_pack_file(runner: CliRunner, export: Path, tmp_path: Path,
                               fake_detector: FakeDetector) -> None:
    src = (Path(__file__).resolve().parents[2] / "privacy_kit/policy/packs/jspm.toml").read_text(encoding="utf-8")
    mine = tmp_path / "mine.toml"
    mine.write_text(src.replace('known_bad = []', 'known_bad = ["bit.ly"]').replace('id = "jspm"', 'id = "mine"'),
                    encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(_moderate(runner, str(export), "--policy", str(mine), "--no-store", "-q"))))
    assert [r["evidence"] for r in rows if r["comment_id"] == "c6"] == ["link_known_bad=bit.ly"]


def test_recorded_in_the_store_without_personal_data(
        runner: CliRunner, export: Path, store_path: Path, fake_detector: FakeDetector) -> None:
    result = runner.invoke(cli, ["moderate", str(export), "--policy", "jspm", "--store", str(store_path)])
    assert result.exit_code == 0, result.output
    assert "recorded as moderation run M" in result.stderr
    con = duckdb.connect(str(store_path), read_only=True)
    try:
        runs = con.execute("SELECT pack_id, comments, decisions, counts FROM moderation_runs").fetchall()
        decisions = con.execute("SELECT seq, clause_id, action, length(comment_ref), length(author_ref) "
                                "FROM moderation_decisions ORDER BY seq").fetchall()
        kinds = [r[0] for r in con.execute("SELECT kind FROM ledger ORDER BY seq").fetchall()]
    finally:
        con.close()
    assert runs[0][:3] == ("jspm", 7, 4) and json.loads(runs[0][3])["by_clause"] == {"オ": 1, "コ": 1, "サ": 1, "シ": 1}
    assert decisions == [(1, "オ", "delete", 64, 64), (2, "サ", "delete", 64, 64), (3, "コ", "delete", 64, 64),
                         (4, "シ", "review", 64, 64)]
    assert kinds[-1] == "moderation.recorded"
    secrets = ["hiro", "jspm_0fficial", "090-4412-8831"]  # (ids like c2 could occur in hex digests)
    assert values_in_files(store_files(store_path), secrets[1:3]) == []
    assert values_in_tables(store_path, secrets) == []
    assert run(runner, "audit", "verify").stdout.startswith("ok")
    con = duckdb.connect(str(store_path))
    try:
        con.execute("UPDATE moderation_decisions SET action = 'review' WHERE seq = 1")
    finally:
        con.close()
    tampered = run(runner, "audit", "verify", code=1).stdout
    assert "moderation_decisions" in tampered


def test_no_store_named_records_nothing(runner: CliRunner, export: Path, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch, fake_detector: FakeDetector) -> None:
    monkeypatch.delenv("PRIVACY_KIT_STORE")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["moderate", str(export), "--policy", "jspm"])
    assert result.exit_code == 0 and "recorded" not in result.stderr
    assert not list(tmp_path.glob("*.duckdb"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--policy", "nosuch"], "[PK810] no shipped policy pack named 'nosuch'"),
        (["--policy", "jspm", "--text-field", "body"], "[PK820] no comments found"),
        (["--policy", "missing.toml"], "[PK810] no policy pack file missing.toml"),
    ],
)
def test_errors(runner: CliRunner, export: Path, fake_detector: FakeDetector, args: list[str], message: str) -> None:
    result = runner.invoke(cli, ["moderate", str(export), "--no-store", *args])
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output


def test_usage_errors(runner: CliRunner, export: Path) -> None:
    assert runner.invoke(cli, ["moderate", str(export)]).exit_code == 2  # --policy is required
    missing = runner.invoke(cli, ["moderate", "nope.jsonl", "--policy", "jspm", "--no-store"])
    assert missing.exit_code == 2 and "[PK100] no such file or directory: nope.jsonl" in missing.output


def test_shredding_an_author_unlinks_their_decisions(
        runner: CliRunner, export: Path, store_path: Path, fake_detector: FakeDetector) -> None:
    assert runner.invoke(cli, ["moderate", str(export), "--policy", "jspm", "--store", str(store_path),
                               "-q"]).exit_code == 0
    run(runner, "audit", "shred", "--value", "hiro", "--request-ref", "DSR-1", "--no-rotate")
    con = duckdb.connect(str(store_path), read_only=True)
    try:
        refs = con.execute("SELECT clause_id, author_ref FROM moderation_decisions ORDER BY seq").fetchall()
    finally:
        con.close()
    assert [r[1] == "shredded" for r in refs] == [False, False, True, False] and refs[2][0] == "コ"
    assert run(runner, "audit", "verify").stdout.startswith("ok")


def test_store_help_says_nothing_is_recorded_without_a_store() -> None:
    result = CliRunner().invoke(cli, ["moderate", "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "without one, nothing is recorded" in text
    assert "default ./privacy-kit.duckdb" not in text
