"""The context detections on the project's two blind labelled sets (issue 5), through the same
``evaluate`` that ``privacy-kit eval`` runs: the measured figures are pinned from below, so a
change that loses precision or recall on them fails here. The floors are the figures measured
when the recognizers landed minus 0.02 (docs/evaluation-results.md, "Context sets")."""

from __future__ import annotations

from pathlib import Path

import pytest

from privacy_kit.evaluation.datasets import load_dataset
from privacy_kit.evaluation.runner import evaluate

DATA = Path(__file__).resolve().parent.parent / "data"

# fmt: off
#: set -> (precision floor, recall floor, micro F1 floor), criterion overlap
FLOORS = {
    "sensitive_posts.jsonl": (0.903, 0.940, 0.921),   # measured 0.923 / 0.960 / 0.941
    "behaviour_posts.jsonl": (0.980, 0.909, 0.943),   # measured 1.000 / 0.929 / 0.963
}
# fmt: on


@pytest.mark.ginza
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_context_set_scores_do_not_regress(name: str, ginza_systems: dict[str, object]) -> None:
    dataset = load_dataset(DATA / name)
    result = evaluate(dataset, ["privacy-kit"], criteria=["overlap"],
                      factories={"privacy-kit": lambda: ginza_systems["privacy-kit"]},  # type: ignore[dict-item]
                      show_progress=False)
    micro = result.systems["privacy-kit"].scores["overlap"].micro
    p_floor, r_floor, f_floor = FLOORS[name]
    assert micro.precision >= p_floor, micro
    assert micro.recall >= r_floor, micro
    assert micro.f1 >= f_floor, micro
    assert result.systems["privacy-kit"].invalid_spans == 0
