"""Precision and recall of the pattern tier alone (no GiNZA) on a labelled JSONL set.

Scores only the 16 entity types the pattern recognizers report (contact, identifiers, dates of
birth, ages), through the same Detector overlap resolution and the same span metrics as
``privacy-kit eval``, at one or more score thresholds. Seconds, not minutes: no model loads.

    .venv/bin/python benchmarks/pattern_tier_eval.py                       # tests/data/labelled_posts.jsonl
    .venv/bin/python benchmarks/pattern_tier_eval.py SET.jsonl --threshold 0.5 --errors errors.jsonl
    .venv/bin/python benchmarks/pattern_tier_eval.py ner.json --count     # a set that labels none of
                                                                          # these types: count findings
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from privacy_kit.detect import Detector  # noqa: E402
from privacy_kit.evaluation.datasets import load_dataset  # noqa: E402
from privacy_kit.evaluation.metrics import match_record, score  # noqa: E402
from privacy_kit.evaluation.spans import Span  # noqa: E402
from recognizers import contact, dates, identifiers  # noqa: E402
from recognizers.empty_nlp import pattern_analyzer  # noqa: E402

SPECS = (*contact.SPECS, *identifiers.SPECS, *dates.SPECS)
TYPES = sorted({e for s in SPECS for e in s.entities})


def pattern_detector(threshold: float) -> Detector:
    return Detector(analyzer=pattern_analyzer(SPECS), min_score=threshold, entities=TYPES)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dataset", nargs="?", default=str(ROOT / "tests/data/labelled_posts.jsonl"))
    ap.add_argument("--threshold", type=float, action="append",
                    help="minimum score (repeatable; default 0.5 and 0.0)")
    ap.add_argument("--errors", type=Path, help="write false positives/negatives (at the first threshold)")
    ap.add_argument("--count", action="store_true",
                    help="only count findings per type (for text that labels none of these types)")
    args = ap.parse_args()
    thresholds = args.threshold or [0.5, 0.0]
    data = load_dataset(args.dataset)
    texts = [r.text for r in data.records]
    if args.count:
        for threshold in thresholds:
            found = pattern_detector(threshold).analyze_batch(texts)
            counts = Counter(d.entity_type for dets in found for d in dets)
            print(f"{Path(args.dataset).name}: {len(texts)} texts, {sum(map(len, texts))} characters, "
                  f"threshold {threshold}: {dict(sorted(counts.items()))}")
        return
    gold = [[s for s in r.entities if s.type in TYPES] for r in data.records]
    labels = [t for t in TYPES if any(s.type == t for g in gold for s in g)]
    for i, threshold in enumerate(thresholds):
        found = pattern_detector(threshold).analyze_batch(texts)
        pred = [[Span(d.start, d.end, d.entity_type) for d in dets] for dets in found]
        print(f"\n== {Path(args.dataset).name}: {len(texts)} records, threshold {threshold}")
        for criterion in ("overlap", "strict"):
            sc = score(gold, pred, labels, criterion)  # type: ignore[arg-type]
            mi = sc.micro
            print(f"-- {criterion}: micro P {mi.precision:.3f} R {mi.recall:.3f} F1 {mi.f1:.3f}")
            for t, c in sc.per_type.items():
                flag = "" if c.recall >= 0.95 and c.precision >= 0.90 else "  <"
                print(f"   {t:22} P {c.precision:.3f} R {c.recall:.3f} "
                      f"(tp {c.tp:3} fp {c.fp:3} fn {c.fn:3}){flag}")
        if i == 0 and args.errors:
            with args.errors.open("w", encoding="utf-8") as fh:
                for rec, g, p in zip(data.records, gold, pred, strict=True):
                    m = match_record(g, p, labels, "overlap")
                    for kind, spans in (("fp", m.false_positives), ("fn", m.false_negatives)):
                        for s in spans:
                            fh.write(json.dumps({"id": rec.id, "kind": kind, "type": s.type,
                                                 "value": rec.text[s.start:s.end], "text": rec.text},
                                                ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
