"""PERSON / LOCATION on ner-wikipedia (5,343 sentences) through privacy-kit's own pipeline.

What is measured is what ``privacy-kit eval`` measures: the whole recognizer pack in a Presidio
AnalyzerEngine, then privacy_kit.detect.resolve_overlaps, scored with
privacy_kit.evaluation.metrics (IoU >= 0.5, one-to-one; strict beside it). The only shortcut:
GiNZA, the one expensive step, runs once and its Docs are cached with spaCy's DocBin
(``--cache``), so re-scoring after a rule change takes seconds, not minutes.

The data is used only to measure. Rules were developed looking at errors on the even-numbered
records only; ``--split`` reports the two halves apart so the difference can be seen.

    nice .venv/bin/python benchmarks/ner_wikipedia.py                 # parse once, then score
    nice .venv/bin/python benchmarks/ner_wikipedia.py --ablation      # component table
    nice .venv/bin/python benchmarks/ner_wikipedia.py --split         # even / odd halves
    nice .venv/bin/python benchmarks/ner_wikipedia.py --tiers         # fast / balanced / full, by half
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEFAULT_DATA = Path("/work/shared/data/ner-wikipedia/ner.json")
DEFAULT_CACHE = Path("/tmp/privacy-kit-ner-wikipedia.spacy")
LABELS = ("PERSON", "LOCATION")


def load_docs(texts: Sequence[str], cache: Path, engine: Any) -> list[Any]:
    """GiNZA Docs for ``texts``: from the cache when it matches, else parsed and cached."""
    from spacy.tokens import DocBin

    from recognizers.nlp_engine import prepare_text

    if cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(engine.nlp.vocab))
        if len(docs) == len(texts) and all(d.text == prepare_text(t) for d, t in zip(docs, texts)):
            return docs
        print(f"cache {cache} does not match the data; parsing again", file=sys.stderr)
    t0 = time.perf_counter()
    docs = list(engine.pipe_docs(list(texts)))
    print(f"parsed {len(texts)} texts with GiNZA in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    DocBin(attrs=["ORTH", "TAG", "POS", "LEMMA", "NORM", "ENT_IOB", "ENT_TYPE", "SPACY"], docs=docs).to_disk(cache)
    return docs


@dataclass
class Pipeline:
    """The pack split in two: recognizers that do not change between rows (run once per
    record and cached) and the person/location recognizers that an ablation row replaces."""

    texts: Sequence[str]
    docs: Sequence[Any]
    engine: Any
    fixed: list[list[Any]]  # Detections of the other recognizers, per record
    order: dict[str, int]

    def run(self, person: Callable[[Any], list[Any]], location: Callable[[Any], list[Any]]) -> list[list[Any]]:
        from privacy_kit.detect import DEFAULT_MIN_SCORE, resolve_overlaps
        from privacy_kit.evaluation.spans import Span
        from privacy_kit.findings import Detection

        out = []
        for text, doc, fixed in zip(self.texts, self.docs, self.fixed):
            dets = list(fixed)
            dets += [Detection("PERSON", s, e, sc, "jp.person.v1") for s, e, sc in person(doc)]
            dets += [Detection("LOCATION", s, e, sc, "jp.location.v1") for s, e, sc in location(doc)]
            dets = [d for d in dets if d.score >= DEFAULT_MIN_SCORE]  # the Detector's default threshold
            out.append([Span(d.start, d.end, d.entity_type) for d in resolve_overlaps(dets, self.order)])
        return out


def build_pipeline(texts: Sequence[str], docs: Sequence[Any], engine: Any) -> Pipeline:
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry

    from privacy_kit.findings import Detection
    from recognizers.analyzer import add_to
    from recognizers.offline import ensure_offline

    ensure_offline()
    registry = RecognizerRegistry(supported_languages=["ja"])
    built = add_to(registry)
    order = {rec.name: i for i, rec in enumerate(built)}
    others = [r for r in built if r.name not in ("jp.person.v1", "jp.location.v1")]
    analyzer = AnalyzerEngine(registry=RecognizerRegistry(others, supported_languages=["ja"]),
                              nlp_engine=engine, supported_languages=["ja"])
    entities = sorted({e for r in others for e in r.supported_entities})
    fixed = []
    for text, doc in zip(texts, docs):
        arts = engine.to_artifacts(doc)
        results = analyzer.analyze(text=text, language="ja", entities=entities, nlp_artifacts=arts)
        fixed.append([Detection(r.entity_type, r.start, r.end, float(r.score),
                                str((r.recognition_metadata or {}).get("recognizer_name", "unknown")))
                      for r in results])
    return Pipeline(texts, docs, engine, fixed, order)


def ginza_only(labels: frozenset[str]) -> Callable[[Any], list[tuple[int, int, float]]]:
    """GiNZA's own entities through the explicit label map, no rules: the "GiNZA alone" row."""
    def run(doc: Any) -> list[tuple[int, int, float]]:
        return [(e.start_char, e.end_char, 0.85) for e in doc.ents if e.label_ in labels]
    return run


def persons_with(config: Any) -> Callable[[Any], list[tuple[int, int, float]]]:
    from recognizers.names import find_persons

    return lambda doc: [(h.start, h.end, h.score) for h in find_persons(doc, config)]


def locations_with(config: Any) -> Callable[[Any], list[tuple[int, int, float]]]:
    from recognizers.places import find_locations

    return lambda doc: [(h.start, h.end, h.score) for h in find_locations(doc, config)]


def score_rows(gold: Sequence[Sequence[Any]], pred: Sequence[Sequence[Any]], idx: Sequence[int]) -> dict[str, Any]:
    from privacy_kit.evaluation.metrics import score

    g = [gold[i] for i in idx]
    p = [pred[i] for i in idx]
    out: dict[str, Any] = {}
    for crit in ("overlap", "strict"):
        sc = score(g, p, LABELS, crit)
        for label in LABELS:
            c = sc.per_type[label]
            out.setdefault(label, {})[crit] = {"p": round(c.precision, 4), "r": round(c.recall, 4),
                                               "f1": round(c.f1, 4), "tp": c.tp, "fp": c.fp, "fn": c.fn}
    return out


def ablation_rows() -> list[tuple[str, str, Callable[[Any], Any], Callable[[Any], Any]]]:
    """(entity, row name, person fn, location fn): cumulative, one component added per row."""
    from recognizers.ginza_labels import LOCATION_LABELS, PERSON_LABELS
    from recognizers.names import PersonConfig
    from recognizers.places import PlaceConfig

    full_p = persons_with(PersonConfig())
    full_l = locations_with(PlaceConfig())
    p0 = PersonConfig(sudachi=False, honorifics=False, dictionary=False, organization_filter=False,
                      compound_filter=False, ginza_alone=True, unknown_katakana=False, kanji_split=False,
                      lone_sudachi_names=False)
    p1 = replace(p0, sudachi=True, lone_sudachi_names=True)
    p2 = replace(p1, honorifics=True, unknown_katakana=True)
    p3 = replace(p2, dictionary=True, kanji_split=True)
    p4 = replace(p3, organization_filter=True, compound_filter=True)
    p5 = replace(p4, ginza_alone=False)
    l0 = PlaceConfig(sudachi=False, facilities=False, nationality=False, organization_filter=False,
                     locative_context=False)
    l1 = replace(l0, sudachi=True)
    l2 = replace(l1, facilities=True)
    l3 = replace(l2, nationality=True)
    l4 = replace(l3, organization_filter=True)
    l5 = replace(l4, locative_context=True)
    return [
        ("PERSON", "GiNZA Person alone (explicit ENE map, no rules)", ginza_only(PERSON_LABELS), full_l),
        ("PERSON", "GiNZA spans judged (trim, merge)", persons_with(p0), full_l),
        ("PERSON", "+ Sudachi 人名 tokens and ・-joined names", persons_with(p1), full_l),
        ("PERSON", "+ honorific / role context", persons_with(p2), full_l),
        ("PERSON", "+ packaged name dictionary", persons_with(p3), full_l),
        ("PERSON", "+ organisation / compound vetoes", persons_with(p4), full_l),
        ("PERSON", "- GiNZA-only spans without evidence (= shipped)", persons_with(p5), full_l),
        ("LOCATION", "GiNZA Location+Facility alone (explicit ENE map, no rules)", full_p, ginza_only(LOCATION_LABELS)),
        ("LOCATION", "GiNZA spans judged (trim, merge)", full_p, locations_with(l0)),
        ("LOCATION", "+ Sudachi 地名 runs", full_p, locations_with(l1)),
        ("LOCATION", "+ facility head nouns", full_p, locations_with(l2)),
        ("LOCATION", "+ nationality words (日本|人)", full_p, locations_with(l3)),
        ("LOCATION", "+ organisation / event / team filters", full_p, locations_with(l4)),
        ("LOCATION", "+ locative context for one-source places (= shipped)", full_p, locations_with(l5)),
    ]


def print_tiers(texts: Sequence[str], gold: Sequence[Sequence[Any]], docs: Sequence[Any], engine: Any) -> int:
    """F1 of each detector tier on each half, and the share of tokens NER reads.

    A sentence of the ``fast`` tier is its cached Doc without entities (the same tokens: NER does
    not change them); ``full`` is the cached Doc; ``balanced`` goes through the engine with the
    tier's gate (``recognizers.ner_gate``), which runs NER on windows of the tokens.
    """
    from recognizers.names import PersonConfig
    from recognizers.ner_gate import ner_windows
    from recognizers.nlp_engine import GinzaNlpEngine
    from recognizers.places import PlaceConfig
    from recognizers.sudachi_tags import doc_tokens

    bare = []
    for doc in docs:
        copy = doc.copy()
        copy.user_data.clear()  # no token view cached with the entities of the original
        copy.set_ents([], default="missing")  # as the engine leaves a text NER did not run on
        bare.append(copy)
    gated = GinzaNlpEngine(nlp=engine.nlp, ner_gate=ner_windows)
    balanced = [artifacts.tokens for _, artifacts in gated.process_batch(texts, "ja")]
    tiers = {"fast": bare, "balanced": balanced, "full": list(docs)}
    halves = {"all": list(range(len(texts))), "even (dev)": list(range(0, len(texts), 2)),
              "odd (held out)": list(range(1, len(texts), 2))}
    pfn, lfn = persons_with(PersonConfig()), locations_with(PlaceConfig())
    pipe = build_pipeline(texts, docs, engine)  # the other recognizers do not read entities
    for tier, tier_docs in tiers.items():
        pred = replace(pipe, docs=tier_docs).run(pfn, lfn)
        seen = [sum(doc_tokens(d).ner_seen) for d in tier_docs]
        for half, idx in halves.items():
            share = sum(seen[i] for i in idx) / max(1, sum(len(tier_docs[i]) for i in idx))
            sc = score_rows(gold, pred, idx)
            print(f"{tier:<9} {half:<15} NER reads {share:6.1%} of tokens   "
                  + "   ".join(f"{label} F1 {sc[label]['overlap']['f1']:.3f}" for label in LABELS))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--ablation", action="store_true", help="the cumulative component table")
    parser.add_argument("--split", action="store_true", help="also score even / odd records apart")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--tiers", action="store_true",
                        help="the detector tiers (fast, balanced, full) on each half, with the share of "
                             "tokens NER reads")
    args = parser.parse_args(argv)

    from privacy_kit.evaluation.datasets import load_dataset
    from recognizers.names import PersonConfig
    from recognizers.nlp_engine import GinzaNlpEngine
    from recognizers.places import PlaceConfig

    dataset = load_dataset(args.data, format="ner-wikipedia")
    texts = [r.text for r in dataset.records]
    gold = [list(r.entities) for r in dataset.records]
    engine = GinzaNlpEngine()
    docs = load_docs(texts, args.cache, engine)
    t0 = time.perf_counter()
    pipe = build_pipeline(texts, docs, engine)
    t_fixed = time.perf_counter() - t0

    splits = {"all": list(range(len(texts)))}
    if args.split:
        splits["even (dev)"] = list(range(0, len(texts), 2))
        splits["odd (held out)"] = list(range(1, len(texts), 2))

    if args.tiers:
        return print_tiers(texts, gold, docs, engine)

    rows: list[dict[str, Any]] = []
    t0 = time.perf_counter()
    shipped = pipe.run(persons_with(PersonConfig()), locations_with(PlaceConfig()))
    t_rules = time.perf_counter() - t0
    for name, idx in splits.items():
        rows.append({"row": f"privacy-kit ({name})", "entity": "*", **score_rows(gold, shipped, idx)})
    if args.ablation:
        for entity, name, pfn, lfn in ablation_rows():
            rows.append({"row": name, "entity": entity, **score_rows(gold, pipe.run(pfn, lfn), splits["all"])})

    if args.json:
        print(json.dumps({"records": len(texts), "rows": rows, "seconds": {
            "other_recognizers": round(t_fixed, 1), "person_location_rules": round(t_rules, 1)}},
            ensure_ascii=False, indent=1))
        return 0
    print(f"{len(texts)} records; other recognizers {t_fixed:.1f} s, person+location rules {t_rules:.1f} s")
    for row in rows:
        labels = LABELS if row["entity"] == "*" else (row["entity"],)
        cells = []
        for label in labels:
            o, s = row[label]["overlap"], row[label]["strict"]
            cells.append(f"{label} P {o['p']:.3f} R {o['r']:.3f} F1 {o['f1']:.3f} (strict F1 {s['f1']:.3f})")
        print(f"{row['row']:<62} " + "   ".join(cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
