"""``privacy-kit risk``: every option, every error, values never shown unless asked."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from privacy_kit.cli import cli

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from benchmarks.generate_activity_log import generate, write  # noqa: E402

MEMBERS = "年齢,性別,郵便番号,氏名\n" + "".join(
    f"{age},{sex},{zip_},{name}\n" for age, sex, zip_, name in [
        ("34", "女", "150-0001", "山田花子"), ("34", "女", "150-0001", "佐藤優子"), ("34", "女", "150-0001", "鈴木恵"),
        ("35", "男", "160-0023", "田中一郎"), ("35", "男", "160-0023", "高橋二郎"), ("71", "男", "100-0001", "伊藤三郎"),
    ])


@pytest.fixture
def members(tmp_path: Path) -> Path:
    path = tmp_path / "members.csv"
    path.write_text(MEMBERS, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def activity(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, set[str]]:
    table, planted = generate(rows=4000, users=120, routines=5, days=56, seed=7)
    path = tmp_path_factory.mktemp("log") / "activity.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        write(table, fh, "csv")
    return path, {p.user_id for p in planted}


def run(runner: CliRunner, *args: str | Path) -> tuple[int, str]:
    result = runner.invoke(cli, ["risk", *map(str, args)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def as_json(runner: CliRunner, *args: str | Path) -> dict:  # type: ignore[type-arg]
    code, out = run(runner, *args, "--format", "json", "-q")
    assert code == 0, out
    return json.loads(out)  # type: ignore[no-any-return]


def test_table_output_masks_values(runner: CliRunner, members: Path) -> None:
    code, out = run(runner, members, "--quasi", "年齢,性別,郵便番号", "-q")
    assert code == 0
    assert "k-anonymity of" in out and "given" in out
    assert "smallest class" in out and "6 (100.0%)" in out
    shown = re.sub(r"pytest-\d+", "pytest-N", out)  # the tmp path can contain digits (pytest-371)
    for value in ("150-0001", "160-0023", "山田花子", "71"):
        assert value not in shown


def test_json_figures_and_show_values(runner: CliRunner, members: Path) -> None:
    doc = as_json(runner, members, "--quasi", "年齢,性別,郵便番号", "--k", "3")
    ka = doc["k_anonymity"]
    assert (ka["k"], ka["smallest_class"], ka["records_below_k"], ka["unique_records"]) == (3, 1, 3, 1)
    assert doc["smallest_classes"][0] == {"values": {"年齢": "**", "性別": "*", "郵便番号": "***-****"}, "size": 1}
    shown = as_json(runner, members, "--quasi", "年齢,性別,郵便番号", "--k", "3", "--show-values")
    assert shown["smallest_classes"][0]["values"] == {"年齢": "71", "性別": "男", "郵便番号": "100-0001"}


def test_quasi_identifiers_are_inferred(runner: CliRunner, members: Path) -> None:
    doc = as_json(runner, members)
    assert doc["quasi"] == {"columns": ["年齢", "性別", "郵便番号"], "inferred": True}
    assert doc["direct_identifiers"] == ["氏名"]
    assert "山田花子" not in json.dumps(doc, ensure_ascii=False)


def test_output_file_is_written_and_stdout_stays_empty(runner: CliRunner, members: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "risk.json"
    code, out = run(runner, members, "--quasi", "性別", "--format", "json", "-o", target, "-q")
    assert code == 0 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["k_anonymity"]["classes"] == 2
    table = tmp_path / "risk.txt"
    assert run(runner, members, "--quasi", "性別", "-o", table, "-q")[0] == 0
    assert "k-anonymity" in table.read_text(encoding="utf-8")


@pytest.mark.parametrize(("args", "code"), [
    (["--fail-on", "0"], 1),                 # 6 records below k=5
    (["--fail-on", "5"], 1),
    (["--fail-on", "6"], 0),
    (["--fail-on", "0", "--k", "1"], 0),     # nothing is below k=1
    ([], 0),
])
def test_fail_on(runner: CliRunner, members: Path, args: list[str], code: int) -> None:
    assert run(runner, members, "--quasi", "年齢,性別", "-q", *args)[0] == code


def test_routines_name_the_planted_subjects_hashed(runner: CliRunner, activity: tuple[Path, set[str]]) -> None:
    path, planted = activity
    doc = as_json(runner, path, "--subject", "user_id", "--time", "time", "--place", "page")
    routines = doc["routines"]
    assert len(routines["routine_subjects"]) == len(planted)
    assert all(s.startswith("s:") and len(s) == 12 for s in routines["routine_subjects"])
    text = json.dumps(doc)
    assert not any(user in text for user in planted)
    shown = as_json(runner, path, "--subject", "user_id", "--time", "time", "--place", "page", "--show-values")
    assert set(shown["routines"]["routine_subjects"]) == planted
    assert shown["routines"]["thresholds"]["min_days"] == 5
    assert "user_id" in shown["direct_identifiers"]


@pytest.mark.parametrize(("args", "check"), [
    (["--min-days", "40", "--min-weekly-days", "40"], lambda r: r["routines"] == []),
    (["--window", "20"], lambda r: r["thresholds"]["window_minutes"] == 20),
    (["--min-day-share", "1.0"], lambda r: all(x["days"] == x["active_days"] for x in r["routines"])),
    (["--min-concentration", "0.9"], lambda r: all(x["concentration"] >= 0.9 for x in r["routines"])),
    (["--keep-query"], lambda r: r["thresholds"]["strip_query"] is False),
    (["--timezone", "UTC"], lambda r: r["thresholds"]["timezone"] == "UTC"),
])
def test_routine_thresholds(runner: CliRunner, activity: tuple[Path, set[str]], args: list[str],
                            check: object) -> None:
    doc = as_json(runner, activity[0], "--subject", "user_id", "--time", "time", "--place", "page",
                  "--quasi", "prefecture", *args)
    assert check(doc["routines"])  # type: ignore[operator]


def test_routines_table(runner: CliRunner, activity: tuple[Path, set[str]]) -> None:
    code, out = run(runner, activity[0], "--subject", "user_id", "--time", "time", "--place", "page",
                    "--quasi", "prefecture", "-q")
    assert code == 0 and re.search(r"routines: 5 of \d+ subjects", out) and "Mon–Fri" in out


def test_input_format_and_encoding(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "export.dat"
    path.write_text('{"年齢": 34, "性別": "女"}\n{"年齢": 34, "性別": "女"}\n', encoding="utf-8")
    doc = as_json(runner, path, "--input-format", "jsonl", "--quasi", "年齢,性別")
    assert doc["k_anonymity"]["smallest_class"] == 2 and doc["input"]["format"] == "jsonl"
    sjis = tmp_path / "sjis.csv"
    sjis.write_bytes(MEMBERS.encode("cp932"))
    doc = as_json(runner, sjis, "--quasi", "性別", "--encoding", "cp932")
    assert doc["input"]["encoding"] == "cp932" and doc["k_anonymity"]["classes"] == 2


def test_undecodable_rows_are_skipped_and_reported(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_bytes(MEMBERS.encode("utf-8") + "99,女,150-0001,壊れ\n".encode("utf-8")[:-4] + b"\xff\xfe\n")
    doc = as_json(runner, path, "--quasi", "性別")
    assert doc["input"]["records"] == 6 and len(doc["input"]["skipped"]) == 1
    assert "undecodable" in doc["input"]["skipped"][0]["reason"]


@pytest.mark.parametrize(("setup", "args", "fragment"), [
    ("members", ["--quasi", "年齢,身長"], "PK130"),
    ("members", ["--subject", "氏名", "--time", "日時", "--place", "郵便番号"], "PK130"),
    ("members", ["--subject", "氏名"], "missing --time, --place"),
    ("members", ["--quasi", " , "], "at least one column"),
    ("members", ["--encoding", "klingon"], "unknown encoding"),
    ("members", ["--timezone", "Mars/Base", "--subject", "氏名", "--time", "年齢", "--place", "性別"],
     "unknown time zone"),
    ("members", ["--k", "0"], "Invalid value"),
    ("members", ["--window", "1"], "Invalid value"),
    ("empty", [], "no records"),
    ("text", [], "plain text"),
    ("missing", [], "no such file"),
])
def test_usage_and_input_errors_exit_2(runner: CliRunner, tmp_path: Path, members: Path, setup: str,
                                       args: list[str], fragment: str) -> None:
    paths = {"members": members, "empty": tmp_path / "empty.csv", "text": tmp_path / "notes.txt",
             "missing": tmp_path / "missing.csv"}
    paths["empty"].write_bytes(b"")
    paths["text"].write_text("ただのメモです\nもう一行\n", encoding="utf-8")
    code, out = run(runner, paths[setup], *args)
    assert code == 2 and fragment in out and "Traceback" not in out


def test_help_lists_every_option(runner: CliRunner) -> None:
    out = runner.invoke(cli, ["risk", "--help"]).output
    for option in ("--quasi", "--k", "--subject", "--time", "--place", "--window", "--min-days", "--min-weekly-days",
                   "--min-day-share", "--min-concentration", "--keep-query", "--timezone", "--input-format",
                   "--encoding", "--format", "--output", "--show-values", "--fail-on", "--quiet"):
        assert option in out, option


def test_every_option_is_documented() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "cli.md").read_text(encoding="utf-8")
    section = doc.split("## `privacy-kit risk`")[1].split("\n## ")[0]
    for option in ("--quasi", "--k", "--subject", "--time", "--place", "--window", "--min-days", "--min-weekly-days",
                   "--min-day-share", "--min-concentration", "--keep-query", "--timezone", "--input-format",
                   "--encoding", "--format", "-o", "--show-values", "--fail-on", "-q"):
        assert f"`{option}" in section, option
