from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from privacy_kit.evaluation.metrics import Counts, match_record, score
from privacy_kit.evaluation.spans import Span, iou, iou_at_least_half

P, L, T = "PERSON", "LOCATION", "PHONE_NUMBER"
BOTH = {P, L}

# Each case: gold spans, predicted spans, label set, criterion, expected {type: (tp, fp, fn)}.
# fmt: off
MATCH_CASES = [
    # exact match counts under both criteria
    ("exact overlap",        [(0, 4, P)], [(0, 4, P)], BOTH, "overlap", {P: (1, 0, 0), L: (0, 0, 0)}),
    ("exact strict",         [(0, 4, P)], [(0, 4, P)], BOTH, "strict",  {P: (1, 0, 0), L: (0, 0, 0)}),
    # partial overlap, IoU 3/4: a hit when overlapping, a miss plus a false alarm when strict
    ("partial overlap",      [(0, 4, P)], [(0, 3, P)], BOTH, "overlap", {P: (1, 0, 0), L: (0, 0, 0)}),
    ("partial strict",       [(0, 4, P)], [(0, 3, P)], BOTH, "strict",  {P: (0, 1, 1), L: (0, 0, 0)}),
    # IoU exactly 0.5 is a match (2/4, and 2/4 shifted)
    ("iou 0.5 prefix",       [(0, 4, P)], [(0, 2, P)], BOTH, "overlap", {P: (1, 0, 0), L: (0, 0, 0)}),
    ("iou 0.5 shifted",      [(0, 3, P)], [(1, 4, P)], BOTH, "overlap", {P: (1, 0, 0), L: (0, 0, 0)}),
    ("iou 0.5 superset",     [(2, 4, P)], [(0, 4, P)], BOTH, "overlap", {P: (1, 0, 0), L: (0, 0, 0)}),
    # IoU below 0.5 is not (2/5, 2/6)
    ("iou 0.4",              [(0, 5, P)], [(0, 2, P)], BOTH, "overlap", {P: (0, 1, 1), L: (0, 0, 0)}),
    ("iou 1/3",              [(0, 4, P)], [(2, 6, P)], BOTH, "overlap", {P: (0, 1, 1), L: (0, 0, 0)}),
    ("touching, no overlap", [(0, 4, P)], [(4, 8, P)], BOTH, "overlap", {P: (0, 1, 1), L: (0, 0, 0)}),
    # same span, wrong type: a miss for one type, a false alarm for the other
    ("wrong type",           [(0, 4, P)], [(0, 4, L)], BOTH, "overlap", {P: (0, 0, 1), L: (0, 1, 0)}),
    # duplicate predictions: one hit, the copy is a false positive
    ("duplicate pred",       [(0, 4, P)], [(0, 4, P), (0, 4, P)], BOTH, "overlap", {P: (1, 1, 0), L: (0, 0, 0)}),
    ("duplicate strict",     [(0, 4, P)], [(0, 4, P), (0, 4, P)], BOTH, "strict",  {P: (1, 1, 0), L: (0, 0, 0)}),
    ("dup pred, two golds",  [(0, 4, P), (0, 4, P)], [(0, 4, P), (0, 4, P)], BOTH, "overlap",
                                                                                {P: (2, 0, 0), L: (0, 0, 0)}),
    # one-to-one, greedy by IoU: the exact prediction wins the gold span, the partial one is a false alarm
    ("greedy pred",          [(0, 4, P)], [(0, 3, P), (0, 4, P)], BOTH, "overlap", {P: (1, 1, 0), L: (0, 0, 0)}),
    # one prediction near two gold spans goes to the better one (IoU 1 over 3/5)
    ("greedy gold",          [(0, 4, P), (1, 5, P)], [(0, 4, P)], BOTH, "overlap", {P: (1, 0, 1), L: (0, 0, 0)}),
    # greedy by IoU, not a maximum matching: (3,13) takes (4,14) at IoU 9/11, so (6,14) is left
    # without its only partner and (0,10) without (3,13)
    ("greedy, not optimal",  [(0, 10, P), (4, 14, P)], [(3, 13, P), (6, 14, P)], BOTH, "overlap",
                                                                                {P: (1, 1, 1), L: (0, 0, 0)}),
    # types outside the label set are not false positives, and unlabelled gold is not a miss
    ("pred outside labels",  [(0, 4, P)], [(0, 4, P), (5, 18, T)], BOTH, "overlap", {P: (1, 0, 0), L: (0, 0, 0)}),
    ("gold outside labels",  [(0, 4, P), (5, 18, T)], [(0, 4, P)], {P}, "overlap", {P: (1, 0, 0)}),
    ("label set narrows",    [(0, 4, P), (5, 7, L)], [(9, 12, L)], {P}, "overlap", {P: (0, 0, 1)}),
    # nothing at all
    ("empty",                [], [], BOTH, "overlap", {P: (0, 0, 0), L: (0, 0, 0)}),
    ("only false positives", [], [(0, 2, L)], BOTH, "strict", {P: (0, 0, 0), L: (0, 1, 0)}),
]
# fmt: on


@pytest.mark.parametrize(("name", "gold", "pred", "labels", "criterion", "expected"), MATCH_CASES,
                         ids=[c[0] for c in MATCH_CASES])
def test_score_table(name: str, gold: list, pred: list, labels: set, criterion: str,
                     expected: dict[str, tuple[int, int, int]]) -> None:
    gold_spans, pred_spans = [Span(*g) for g in gold], [Span(*p) for p in pred]
    result = score([gold_spans], [pred_spans], labels, criterion)  # type: ignore[arg-type]
    got = {t: (c.tp, c.fp, c.fn) for t, c in result.per_type.items()}
    assert got == expected
    assert result.labels == frozenset(labels)


def test_ignored_predictions_are_reported_per_type() -> None:
    result = score([[Span(0, 4, P)]], [[Span(5, 18, T), Span(20, 30, T), Span(0, 4, "DATE_TIME")]], {P})
    assert result.ignored == {T: 2, "DATE_TIME": 1}
    assert result.micro == Counts(0, 0, 1)


def test_match_record_lists_what_went_wrong() -> None:
    m = match_record([Span(0, 4, P), Span(10, 12, L)], [Span(0, 3, P), Span(20, 22, L), Span(5, 9, T)], BOTH)
    assert m.matched == ((Span(0, 4, P), Span(0, 3, P)),)
    assert m.false_positives == (Span(20, 22, L),)
    assert m.false_negatives == (Span(10, 12, L),)
    assert m.ignored == (Span(5, 9, T),)


def test_score_sums_over_records() -> None:
    gold = [[Span(0, 4, P)], [Span(0, 2, L), Span(3, 6, P)], []]
    pred = [[Span(0, 4, P)], [Span(0, 2, L)], [Span(0, 1, P)]]
    result = score(gold, pred, BOTH)
    assert result.per_type[P] == Counts(1, 1, 1)
    assert result.per_type[L] == Counts(1, 0, 0)
    assert result.micro == Counts(2, 1, 1)


def test_score_rejects_misaligned_inputs() -> None:
    with pytest.raises(ValueError, match="2 gold records but 1"):
        score([[], []], [[]], BOTH)
    with pytest.raises(ValueError, match="criterion"):
        score([[]], [[]], BOTH, "fuzzy")  # type: ignore[arg-type]


# fmt: off
COUNT_CASES = [
    # tp, fp, fn, precision, recall, f1
    (2, 1, 1, 2 / 3, 2 / 3, 2 / 3),
    (1, 0, 3, 1.0,   0.25,  0.4),
    (3, 1, 0, 0.75,  1.0,   6 / 7),
    (0, 2, 2, 0.0,   0.0,   0.0),
    (0, 0, 0, 0.0,   0.0,   0.0),   # undefined ratios are reported as 0.0
    (0, 0, 4, 0.0,   0.0,   0.0),
]
# fmt: on


@pytest.mark.parametrize(("tp", "fp", "fn", "p", "r", "f1"), COUNT_CASES)
def test_counts_ratios(tp: int, fp: int, fn: int, p: float, r: float, f1: float) -> None:
    c = Counts(tp, fp, fn)
    assert c.precision == pytest.approx(p)
    assert c.recall == pytest.approx(r)
    assert c.f1 == pytest.approx(f1)
    assert c.support == tp + fn
    assert c.to_dict()["f1"] == round(f1, 4)


# fmt: off
IOU_CASES = [
    # a, b, iou, at least half
    ((0, 4), (0, 4), 1.0,   True),
    ((0, 4), (0, 2), 0.5,   True),
    ((0, 3), (1, 4), 0.5,   True),
    ((0, 5), (0, 2), 0.4,   False),
    ((0, 4), (4, 8), 0.0,   False),
    ((0, 6), (2, 5), 0.5,   True),
    ((0, 7), (2, 5), 3 / 7, False),
    ((3, 3), (3, 3), 0.0,   False),  # empty spans agree on nothing
]
# fmt: on


@pytest.mark.parametrize(("a", "b", "expected", "half"), IOU_CASES)
def test_iou(a: tuple[int, int], b: tuple[int, int], expected: float, half: bool) -> None:
    sa, sb = Span(*a, P), Span(*b, P)
    assert iou(sa, sb) == pytest.approx(expected)
    assert iou(sb, sa) == pytest.approx(expected)
    assert iou_at_least_half(sa, sb) is half


# --- properties -------------------------------------------------------------------------------

TYPES = (P, L, T)


@st.composite
def spans(draw: st.DrawFn, max_size: int = 8) -> list[Span]:
    out = []
    for _ in range(draw(st.integers(0, max_size))):
        start = draw(st.integers(0, 40))
        end = draw(st.integers(start + 1, start + 10))
        out.append(Span(start, end, draw(st.sampled_from(TYPES))))
    return out


labels_st = st.sets(st.sampled_from(TYPES), min_size=1)
criterion_st = st.sampled_from(["overlap", "strict"])


@given(spans(), labels_st, criterion_st)
def test_perfect_predictions_score_one(gold: list[Span], labels: set[str], criterion: str) -> None:
    result = score([gold], [list(gold)], labels, criterion)  # type: ignore[arg-type]
    micro = result.micro
    assert micro.fp == micro.fn == 0
    if any(g.type in labels for g in gold):
        assert micro.f1 == 1.0 and micro.precision == 1.0 and micro.recall == 1.0


@given(spans(), spans(), labels_st, criterion_st, st.data())
def test_removing_a_prediction_never_raises_recall(gold: list[Span], pred: list[Span], labels: set[str],
                                                   criterion: str, data: st.DataObject) -> None:
    if not pred:
        return
    drop = data.draw(st.integers(0, len(pred) - 1))
    fewer = pred[:drop] + pred[drop + 1:]
    before = score([gold], [pred], labels, criterion)  # type: ignore[arg-type]
    after = score([gold], [fewer], labels, criterion)  # type: ignore[arg-type]
    assert after.micro.recall <= before.micro.recall
    for t in labels:
        assert after.per_type[t].tp <= before.per_type[t].tp


@given(spans(), spans(), labels_st, criterion_st, st.randoms(use_true_random=False))
def test_invariant_to_prediction_and_gold_order(gold: list[Span], pred: list[Span], labels: set[str],
                                                criterion: str, rnd: object) -> None:
    shuffled_pred, shuffled_gold = list(pred), list(gold)
    rnd.shuffle(shuffled_pred)  # type: ignore[attr-defined]
    rnd.shuffle(shuffled_gold)  # type: ignore[attr-defined]
    a = score([gold], [pred], labels, criterion)  # type: ignore[arg-type]
    b = score([shuffled_gold], [shuffled_pred], labels, criterion)  # type: ignore[arg-type]
    assert a.per_type == b.per_type
    assert a.ignored == b.ignored


@given(spans(), spans(), labels_st, criterion_st)
def test_counts_account_for_every_in_label_span(gold: list[Span], pred: list[Span], labels: set[str],
                                                criterion: str) -> None:
    result = score([gold], [pred], labels, criterion)  # type: ignore[arg-type]
    for t in labels:
        c = result.per_type[t]
        assert c.tp + c.fn == sum(1 for g in gold if g.type == t)
        assert c.tp + c.fp == sum(1 for p in pred if p.type == t)
    assert sum(result.ignored.values()) == sum(1 for p in pred if p.type not in labels)


@given(spans(), spans(), labels_st)
def test_strict_hits_are_overlap_hits(gold: list[Span], pred: list[Span], labels: set[str]) -> None:
    strict = score([gold], [pred], labels, "strict")
    overlap = score([gold], [pred], labels, "overlap")
    for t in labels:
        assert strict.per_type[t].tp <= overlap.per_type[t].tp


@given(spans(), spans(), labels_st, criterion_st)
def test_matches_are_one_to_one_and_same_type(gold: list[Span], pred: list[Span], labels: set[str],
                                              criterion: str) -> None:
    m = match_record(gold, pred, labels, criterion)  # type: ignore[arg-type]
    for g, p in m.matched:
        assert g.type == p.type
        assert iou_at_least_half(g, p)
        if criterion == "strict":
            assert (g.start, g.end) == (p.start, p.end)
    assert len(m.matched) + len(m.false_negatives) == sum(1 for g in gold if g.type in labels)
