"""``privacy-kit policy list|show|check``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from privacy_kit.cli import cli

PACKS = Path(__file__).resolve().parents[2] / "privacy_kit" / "policy" / "packs"


def _run(runner: CliRunner, *args: str, code: int = 0) -> str:
    result = runner.invoke(cli, list(args), env={"COLUMNS": "250"})
    assert result.exit_code == code, (result.output, result.exception)
    assert "Traceback" not in result.output
    return result.output


def test_list(runner: CliRunner) -> None:
    out = _run(runner, "policy", "list")
    assert all(name in out for name in ("isj", "jsmo", "jspm", "seikatsuclub-saitama"))
    data = json.loads(_run(runner, "policy", "list", "--json"))
    assert [p["id"] for p in data] == ["isj", "jsmo", "jspm", "seikatsuclub-saitama"]
    assert all(len(p["sha256"]) == 64 and p["clauses"] > 0 for p in data)


def test_show_by_name_and_by_path(runner: CliRunner) -> None:
    out = _run(runner, "policy", "show", "jspm")
    assert "本人の承諾なく個人情報を開示・漏えいするなどのプライバシーを侵害するもの" in out
    assert "jspm.repeat" in out and "@jspm_official" in out
    data = json.loads(_run(runner, "policy", "show", str(PACKS / "jsmo.toml"), "--json"))
    assert data["id"] == "jsmo" and data["clauses"][0] == {
        "id": "(1)", "text": "人権侵害、差別または名誉棄損、個人情報漏洩のおそれがあるもの",
        "source": "000_f91f40955b8f282e.txt", "section": "6.禁止事項"}


def test_check_ok(runner: CliRunner) -> None:
    out = _run(runner, "policy", "check", *sorted(str(p) for p in PACKS.glob("*.toml")))
    assert out.count("ok: ") == 4 and "jspm 1, 16 clauses" in out
    assert json.loads(_run(runner, "policy", "check", str(PACKS / "isj.toml"), "--json"))[0]["id"] == "isj"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('schema = "privacy-kit.policy/1"\nid = 1\n', "key 'id' must be a non-empty string"),
        ("[[rules]\n", "is not valid TOML"),
    ],
)
def test_check_reports_problems_with_exit_2(runner: CliRunner, tmp_path: Path, content: str,
                                            message: str) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(content, encoding="utf-8")
    out = _run(runner, "policy", "check", str(path), code=2)
    assert out.startswith("Error: [PK810]") and str(path) in out and message in out


@pytest.mark.parametrize(("args", "message"), [
    (("policy", "show", "nosuch"), "no shipped policy pack named 'nosuch'"),
    (("policy", "check", "missing.toml"), "cannot read policy pack missing.toml"),
])
def test_errors(runner: CliRunner, args: tuple[str, ...], message: str) -> None:
    out = _run(runner, *args, code=2)
    assert out.startswith("Error: [PK810]") and message in out


def test_usage_error(runner: CliRunner) -> None:
    assert "Usage:" in _run(runner, "policy", "check", code=2)


# --- privacy-kit scan --policy ------------------------------------------------------------------


@pytest.mark.parametrize(("pack", "clauses", "action"), [("jspm", "オ", "delete"), ("jsmo", "(1)", "delete"),
                                                         ("isj", "5", "hide")])
def test_scan_adds_clauses_and_action(runner: CliRunner, tmp_path: Path, fake_detector: object, pack: str,
                                      clauses: str, action: str) -> None:
    src = tmp_path / "c.jsonl"
    src.write_text('{"text": "携帯は090-1234-5678です"}\n{"text": "本部 048-424-2763 まで"}\n', encoding="utf-8")
    rows = [json.loads(line) for line in _run(runner, "scan", str(src), "--policy", pack, "--no-store",
                                              "-q").splitlines()]
    assert (rows[0]["clauses"], rows[0]["action"]) == (clauses, action)
    assert rows[0]["value"] == "***-****-****"
    if pack == "jspm":
        assert (rows[1]["clauses"], rows[1]["action"]) == ("オ", "delete")
    out = _run(runner, "scan", str(src), "--policy", "seikatsuclub-saitama", "--no-store", "-q",
               "--output-format", "csv")
    header, first, second = out.splitlines()
    assert header.endswith(",clauses,action") and first.endswith(",2-9,delete")
    assert second.endswith(",,")  # the co-op's own number is not a disclosure


def test_scan_without_policy_is_unchanged(runner: CliRunner, tmp_path: Path, fake_detector: object) -> None:
    src = tmp_path / "c.jsonl"
    src.write_text('{"text": "携帯は090-1234-5678です"}\n', encoding="utf-8")
    assert "clauses" not in _run(runner, "scan", str(src), "--no-store", "-q")
    assert _run(runner, "scan", str(src), "--no-store", "-q", "--output-format", "csv").splitlines()[0].endswith(
        ",recognizer,value,appi_category,category")


def test_scan_with_an_unknown_policy_fails_before_scanning(runner: CliRunner, tmp_path: Path,
                                                           fake_detector: object) -> None:
    src = tmp_path / "c.jsonl"
    src.write_text('{"text": "携帯は090-1234-5678です"}\n', encoding="utf-8")
    out = _run(runner, "scan", str(src), "--policy", "nosuch", "--no-store", code=2)
    assert "[PK810] no shipped policy pack named 'nosuch'" in out
    assert fake_detector.calls == 0  # type: ignore[attr-defined]
