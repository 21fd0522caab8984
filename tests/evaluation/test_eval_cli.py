from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from privacy_kit.cli import cli
from privacy_kit.evaluation import runner as eval_runner
from privacy_kit.evaluation.baseline import GINZA_TO_PRESIDIO

from .conftest import DATA

FIVE = str(DATA / "five_posts.jsonl")
TINY_NERWIKI = str(DATA / "ner_wikipedia_tiny.json")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_default_output_is_side_by_side_table(runner: CliRunner, fake_systems: object) -> None:
    result = runner.invoke(cli, ["eval", FIVE])
    assert result.exit_code == 0, result.output
    out = result.stdout
    for header in ("privacy-kit P", "privacy-kit F1", "baseline P", "baseline F1", "support"):
        assert header in out
    assert "criterion overlap" in out and "criterion strict" in out
    assert out.index("criterion overlap") < out.index("criterion strict")  # the primary figure first
    lines = out.splitlines()
    micro = [ln for ln in lines if "micro avg" in ln]
    # overlap: privacy-kit 5/6 everywhere; baseline P 1.0, R 0.5, F1 0.667 (hand-computed in conftest)
    assert [c for c in micro[0].replace("│", " ").split() if c[0].isdigit()] == \
        ["6", "0.833", "0.833", "0.833", "1.000", "0.500", "0.667"]
    # strict: the baseline's partial spans all fail
    assert [c for c in micro[1].replace("│", " ").split() if c[0].isdigit()] == \
        ["6", "0.833", "0.833", "0.833", "0.000", "0.000", "0.000"]
    location = next(ln for ln in lines if "LOCATION" in ln)
    assert [c for c in location.replace("│", " ").split() if c[0].isdigit()] == \
        ["2", "0.500", "0.500", "0.500", "1.000", "0.500", "0.667"]
    assert "privacy-kit:" in out and "records/s" in out and "baseline:" in out
    assert "label set scored: EMAIL_ADDRESS, LOCATION, PERSON, PHONE_NUMBER" in out
    assert "DATE_TIME 1" in out  # the baseline's out-of-label predictions are reported, not scored


def test_json_output(runner: CliRunner, fake_systems: object, tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    result = runner.invoke(cli, ["eval", FIVE, "--json", "-o", str(out), "--criterion", "strict"])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["criteria"] == ["strict"]
    assert set(data["systems"]) == {"privacy-kit", "baseline"}
    assert data["systems"]["baseline"]["scores"]["strict"]["micro"]["tp"] == 0
    assert data["systems"]["privacy-kit"]["scores"]["strict"]["per_type"]["LOCATION"] == {
        "tp": 1, "fp": 1, "fn": 1, "support": 2, "precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert result.stdout == ""  # the result went to the file; the table went to stderr
    assert "results written to" in result.stderr
    assert "baseline F1" in result.stderr and "LOCATION " in result.stderr  # wide enough, nothing cut off


def test_json_on_stdout_is_parseable(runner: CliRunner, fake_systems: object) -> None:
    result = runner.invoke(cli, ["eval", FIVE, "--json", "--system", "baseline"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data["systems"]) == ["baseline"]
    assert data["criteria"] == ["overlap", "strict"]


def test_single_system_only_builds_that_system(runner: CliRunner, monkeypatch: pytest.MonkeyPatch,
                                               fake_systems: object) -> None:
    def refuse() -> None:
        raise AssertionError("the baseline was built although only privacy-kit was asked for")

    monkeypatch.setitem(eval_runner.DEFAULT_FACTORIES, "baseline", refuse)
    result = runner.invoke(cli, ["eval", FIVE, "--system", "privacy-kit"])
    assert result.exit_code == 0, result.output
    assert "baseline P" not in result.stdout


def test_errors_file(runner: CliRunner, fake_systems: object, tmp_path: Path) -> None:
    errors = tmp_path / "errors.jsonl"
    result = runner.invoke(cli, ["eval", FIVE, "--criterion", "overlap", "--errors", str(errors)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    pk = [r for r in rows if r["system"] == "privacy-kit"]
    assert {r["record"] for r in pk} == {"p4", "p5"}
    assert all(r["criterion"] == "overlap" for r in rows)
    base_fn = {(r["record"], s["text"])
               for r in rows if r["system"] == "baseline" for s in r["false_negatives"]}
    assert base_fn == {("p1", "大阪"), ("p2", "090-1234-5678"), ("p3", "taro@example.com")}


def test_labels_option_narrows_scoring(runner: CliRunner, fake_systems: object) -> None:
    result = runner.invoke(cli, ["eval", FIVE, "--labels", "PERSON", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["dataset"]["labels"] == ["PERSON"]
    assert list(data["systems"]["privacy-kit"]["scores"]["overlap"]["per_type"]) == ["PERSON"]


def test_limit_and_sample(runner: CliRunner, fake_systems: object) -> None:
    limited = json.loads(runner.invoke(cli, ["eval", FIVE, "--limit", "2", "--json"]).stdout)
    assert limited["dataset"]["records"] == 2
    assert limited["dataset"]["selection"]["limit"] == 2
    a = runner.invoke(cli, ["eval", FIVE, "--sample", "3", "--seed", "4", "--json"]).stdout
    b = runner.invoke(cli, ["eval", FIVE, "--sample", "3", "--seed", "4", "--json"]).stdout
    da, db = json.loads(a), json.loads(b)
    assert da["dataset"]["records"] == 3
    assert da["systems"]["privacy-kit"]["scores"] == db["systems"]["privacy-kit"]["scores"]


def test_ner_wikipedia_auto_detected(runner: CliRunner, fake_systems: object) -> None:
    result = runner.invoke(cli, ["eval", TINY_NERWIKI, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["dataset"]["format"] == "ner-wikipedia"
    assert data["dataset"]["labels"] == ["LOCATION", "PERSON"]
    assert data["dataset"]["dropped_source_labels"] == {"イベント名": 1, "法人名": 1}


# Bad input: (arguments after "eval", text that must appear in the output). All exit 2, no traceback.
# fmt: off
BAD_INPUT = [
    (["missing.jsonl"],                                  "dataset file not found"),
    (["{broken}"],                                       "line 2: not valid JSON"),
    (["{outside}"],                                      "outside the text"),
    (["{empty}"],                                        "empty"),
    ([FIVE, "--seed", "3"],                              "--seed only applies with --sample"),
    ([FIVE, "--limit", "0"],                             "Invalid value for '--limit'"),
    ([FIVE, "--system", "gpt"],                          "Invalid value for '--system'"),
    ([FIVE, "--format", "csv"],                          "Invalid value for '--format'"),
    ([FIVE, "--format", "ner-wikipedia"],                "not valid JSON"),
    ([FIVE, "--labels", " , "],                          "give at least one entity type"),
]
# fmt: on


@pytest.mark.parametrize(("args", "message"), BAD_INPUT)
def test_bad_input_exits_2_with_a_message(runner: CliRunner, fake_systems: object, tmp_path: Path,
                                          args: list[str], message: str) -> None:
    files = {
        "{broken}": '{"text": "a", "entities": []}\n{"text": \n',
        "{outside}": '{"text": "abc", "entities": [{"start": 1, "end": 7, "type": "PERSON"}]}\n',
        "{empty}": "",
    }
    resolved = []
    for a in args:
        if a in files:
            p = tmp_path / "d.jsonl"
            p.write_text(files[a], encoding="utf-8")
            a = str(p)
        elif a == "missing.jsonl":
            a = str(tmp_path / a)
        resolved.append(a)
    result = runner.invoke(cli, ["eval", *resolved])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)


def test_missing_model_is_a_clear_error_not_a_download(runner: CliRunner,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import spacy.util

    monkeypatch.setattr(spacy.util, "is_package", lambda name: False)
    result = runner.invoke(cli, ["eval", FIVE, "--system", "baseline"])
    assert result.exit_code == 2
    assert "[PK200] the ja_ginza model is not installed" in result.output


def test_help_says_errors_file_holds_dataset_text(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["eval", "--help"])
    assert result.exit_code == 0
    flat = " ".join(result.output.split())
    assert "contains dataset text (evaluation data, not user data)" in flat


@pytest.mark.ginza
def test_real_systems_on_five_posts(runner: CliRunner, ginza_systems: dict[str, object],
                                    monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The real detector and the real baseline through the CLI (models from the session fixture)."""
    for name, system in ginza_systems.items():
        monkeypatch.setitem(eval_runner.DEFAULT_FACTORIES, name, lambda s=system: s)
    out = tmp_path / "r.json"
    result = runner.invoke(cli, ["eval", FIVE, "--json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["dataset"]["records"] == 5
    for name in ("privacy-kit", "baseline"):
        res = data["systems"][name]
        assert res["invalid_spans"] == 0
        assert res["records_per_second"] > 0
        for criterion in ("overlap", "strict"):
            sc = res["scores"][criterion]
            assert set(sc["per_type"]) == {"PERSON", "LOCATION", "PHONE_NUMBER", "EMAIL_ADDRESS"}
            assert sc["micro"]["support"] == 6
    # The documented baseline finds at least the plainly written full names (GiNZA Person → PERSON).
    assert data["systems"]["baseline"]["scores"]["overlap"]["per_type"]["PERSON"]["tp"] >= 1
    # ... and is exactly what Presidio loads for "ja" by itself: language-agnostic predefined
    # recognizers plus the spaCy NER recognizer over the mapped GiNZA labels.
    registry = ginza_systems["baseline"].engine.analyzer_engine.registry  # type: ignore[attr-defined]
    names = {r.name for r in registry.recognizers}
    assert {"SpacyRecognizer", "EmailRecognizer", "PhoneRecognizer"} <= names
    assert "CreditCardRecognizer" not in names  # pinned to en/es/it/pl in Presidio's YAML
    spacy_rec = next(r for r in registry.recognizers if r.name == "SpacyRecognizer")
    assert set(spacy_rec.supported_entities) == set(GINZA_TO_PRESIDIO.values())


@pytest.mark.parametrize("tier", ["fast", "balanced"])
def test_tier_builds_privacy_kit_at_that_tier(runner: CliRunner, monkeypatch: pytest.MonkeyPatch,
                                              fake_systems: dict[str, object], tier: str) -> None:
    built: list[str] = []

    def build(tier: str = "full") -> object:
        built.append(tier)
        return fake_systems["privacy-kit"]

    monkeypatch.setattr(eval_runner, "build_privacy_kit", build)
    result = runner.invoke(cli, ["eval", FIVE, "--system", "privacy-kit", "--tier", tier])
    assert result.exit_code == 0, result.output
    assert built == [tier]
    assert "privacy-kit F1" in result.stdout


def test_unknown_tier_is_a_usage_error(runner: CliRunner, fake_systems: object) -> None:
    result = runner.invoke(cli, ["eval", FIVE, "--tier", "turbo"])
    assert result.exit_code == 2
    assert "turbo" in result.output
