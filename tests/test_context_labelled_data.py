"""The two context sets (要配慮 about a person, behaviour patterns) check themselves.

Issue 5 measures its recognizers on these files: at least 80 records each, half of them hard
negatives, spans that follow the conventions in docs/labelling-guidelines.md ("Context sets").
A stale JSONL or a sloppy span would move the reported precision and recall, so these tests fail
on either; they do not run any detector.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.data import build_labelled as bl

CONTEXT_SETS = (bl.SENSITIVE, bl.BEHAVIOUR)
RECORDS = {spec.name: bl.parse_source(spec.source.read_text(encoding="utf-8"), spec) for spec in CONTEXT_SETS}
_TERMINATORS = "。！？!?"


@pytest.mark.parametrize("spec", CONTEXT_SETS, ids=lambda s: s.name)
def test_jsonl_is_in_sync(spec: bl.LabelledSet) -> None:
    assert spec.output.read_text(encoding="utf-8") == bl.build(spec), f"run tests/data/build_labelled.py ({spec.name})"


@pytest.mark.parametrize("spec", CONTEXT_SETS, ids=lambda s: s.name)
def test_size_and_share_of_hard_negatives(spec: bl.LabelledSet) -> None:
    records = RECORDS[spec.name]
    negatives = [r for r in records if not r.entities]
    assert len(records) >= 80
    assert len(negatives) >= len(records) / 2 - 1, "about half the records are hard negatives"
    assert sum(1 for r in negatives if r.hard_negatives) >= len(negatives) / 2, "traps are marked"


@pytest.mark.parametrize("spec", CONTEXT_SETS, ids=lambda s: s.name)
def test_the_project_loader_reads_it(spec: bl.LabelledSet) -> None:
    from privacy_kit.evaluation.datasets import load_dataset

    ds = load_dataset(spec.output)
    assert len(ds) == len(RECORDS[spec.name])
    assert ds.labels <= frozenset(spec.entity_types)


def test_every_sensitive_category_is_present() -> None:
    present = {s.type for r in RECORDS["sensitive_posts"] for s in r.entities}
    assert present == set(bl.SENSITIVE_TYPES)


def test_sensitive_spans_are_the_expression_only() -> None:
    """The condition itself: no particle, honorific or punctuation swallowed at either end."""
    for r in RECORDS["sensitive_posts"]:
        for s in r.entities:
            surface = r.text[s.start:s.end]
            assert not re.search(r"^[のがはをにでと、。]|(?:さん|[のはをにでと、。])$", surface), (r.id, surface)
            assert len(surface) <= 12, (r.id, surface)


def test_behaviour_spans_are_whole_sentences() -> None:
    for r in RECORDS["behaviour_posts"]:
        for s in r.entities:
            surface = r.text[s.start:s.end]
            assert surface[-1] in _TERMINATORS, (r.id, surface)
            before = r.text[:s.start].rstrip(" \u3000")
            assert not before or before[-1] in _TERMINATORS + "\n】", (r.id, surface)
            assert not any(t in surface[:-1] for t in "。\n"), (r.id, surface)


def test_objects_have_the_documented_shape() -> None:
    for spec in CONTEXT_SETS:
        for line in spec.output.read_text(encoding="utf-8").splitlines():
            obj = json.loads(line)
            assert list(obj) == ["id", "kind", "text", "entities"]
