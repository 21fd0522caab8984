from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence

import pytest

from privacy_kit.errors import InputError
from privacy_kit.evaluation import runner
from privacy_kit.evaluation.datasets import Dataset, load_dataset
from privacy_kit.evaluation.metrics import Counts
from privacy_kit.evaluation.runner import evaluate
from privacy_kit.evaluation.spans import Span

from .conftest import DATA, FakeSystem


Fakes = dict[str, FakeSystem]


@pytest.fixture
def five() -> Dataset:
    return load_dataset(DATA / "five_posts.jsonl")


def test_both_systems_scored_on_the_same_records(five: Dataset, fake_systems: Fakes) -> None:
    result = evaluate(five, show_progress=False)
    assert list(result.systems) == ["privacy-kit", "baseline"]
    pk, base = result.systems["privacy-kit"], result.systems["baseline"]
    # hand-computed (see conftest: FAKE_PK / FAKE_BASELINE)
    assert pk.scores["overlap"].per_type == {
        "PERSON": Counts(2, 0, 0), "LOCATION": Counts(1, 1, 1),
        "PHONE_NUMBER": Counts(1, 0, 0), "EMAIL_ADDRESS": Counts(1, 0, 0),
    }
    assert pk.scores["strict"].per_type == pk.scores["overlap"].per_type
    assert base.scores["overlap"].micro == Counts(3, 0, 3)
    assert base.scores["strict"].micro == Counts(0, 3, 6)
    assert base.scores["overlap"].ignored == {"DATE_TIME": 1}
    # each system is fed its own batch size
    assert fake_systems["privacy-kit"].batches == [2, 2, 1]
    assert fake_systems["baseline"].batches == [3, 2]


def test_load_time_is_kept_out_of_throughput(five: Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    """A fake clock: building the system costs 100 ticks, each batch 1 tick."""
    clock = {"now": 0.0}

    class FakeTime:
        @staticmethod
        def perf_counter() -> float:
            return clock["now"]

    class TickingSystem(FakeSystem):
        def analyze_batch(self, texts: Sequence[str]) -> list[list[Span]]:
            clock["now"] += 1.0
            return super().analyze_batch(texts)

    def factory() -> TickingSystem:
        clock["now"] += 100.0
        return TickingSystem("privacy-kit", {"大阪": "LOCATION"}, batch_size=2)

    monkeypatch.setattr(runner, "time", FakeTime)
    result = evaluate(five, ["privacy-kit"], factories={"privacy-kit": factory}, show_progress=False)
    res = result.systems["privacy-kit"]
    assert res.load_seconds == 100.0
    assert res.run_seconds == 3.0  # three batches of 2, 2, 1
    assert res.records_per_second == pytest.approx(5 / 3)


def test_invalid_offsets_are_counted(five: Dataset) -> None:
    class Broken(FakeSystem):
        def analyze_batch(self, texts: Sequence[str]) -> list[list[Span]]:
            return [[Span(0, len(t) + 5, "PERSON"), Span(3, 3, "PERSON")] for t in texts]

    result = evaluate(five, ["privacy-kit"], factories={"privacy-kit": lambda: Broken("x", {"a": "b"})},
                      show_progress=False)
    assert result.systems["privacy-kit"].invalid_spans == 10


def test_wrong_number_of_results_is_a_bug(five: Dataset) -> None:
    class Short(FakeSystem):
        def analyze_batch(self, texts: Sequence[str]) -> list[list[Span]]:
            return []

    with pytest.raises(RuntimeError, match="returned 0 results for 2 texts"):
        evaluate(five, ["privacy-kit"], factories={"privacy-kit": lambda: Short("x", {"a": "b"})},
                 show_progress=False)


@pytest.mark.parametrize(("systems", "criteria", "message"), [
    (["privacy-kit", "gpt"], ["overlap"], "unknown system 'gpt'"),
    ([], ["overlap"], "no system"),
    (["baseline"], ["fuzzy"], "unknown criterion 'fuzzy'"),
    (["baseline"], [], "no criterion"),
])
def test_bad_arguments(five: Dataset, fake_systems: Fakes, systems: list[str], criteria: list[str],
                       message: str) -> None:
    with pytest.raises(InputError, match=message):
        evaluate(five, systems, criteria=criteria, show_progress=False)  # type: ignore[arg-type]


def test_progress_is_silent_when_stderr_is_not_a_terminal(five: Dataset, fake_systems: Fakes,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    evaluate(five)
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out == ""


def test_errors_list_false_positives_and_negatives(five: Dataset, fake_systems: Fakes) -> None:
    result = evaluate(five, ["privacy-kit"], criteria=["overlap"], show_progress=False)
    rows = list(result.errors())
    assert len(rows) == 2
    fp_row = next(r for r in rows if r["record"] == "p5")
    assert fp_row["false_positives"] == [{"start": 8, "end": 10, "type": "LOCATION", "text": "天気"}]
    fn_row = next(r for r in rows if r["record"] == "p4")
    assert fn_row["false_negatives"] == [{"start": 0, "end": 3, "type": "LOCATION", "text": "札幌市"}]
    assert fn_row["system"] == "privacy-kit" and fn_row["criterion"] == "overlap"


def test_to_dict_reports_label_set_selection_and_environment(five: Dataset, fake_systems: Fakes) -> None:
    d = evaluate(five, ["baseline"], criteria=["overlap"], show_progress=False).to_dict()
    assert d["dataset"]["labels"] == ["EMAIL_ADDRESS", "LOCATION", "PERSON", "PHONE_NUMBER"]
    assert d["dataset"]["records"] == 5
    assert d["criteria"] == ["overlap"]
    base = d["systems"]["baseline"]
    assert base["scores"]["overlap"]["micro"] == {"tp": 3, "fp": 0, "fn": 3, "support": 6,
                                                 "precision": 1.0, "recall": 0.5, "f1": 0.6667}
    assert base["predictions"] == 4
    assert "presidio-analyzer" in d["environment"]


def test_evaluation_modules_do_not_load_nlp_libraries() -> None:
    code = ("import sys, privacy_kit.evaluation.runner, privacy_kit.evaluation.baseline, "
            "privacy_kit.cli.eval; "
            "bad = [m for m in ('presidio_analyzer', 'spacy', 'ginza') if m in sys.modules]; "
            "print(*bad); sys.exit(1 if bad else 0)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stdout + proc.stderr
