"""Run the Japanese recognizer pack over texts and resolve overlapping results.

Presidio removes duplicates only within one entity type; a Japanese text often yields nested
results of different types (LOCATION inside JP_ADDRESS, PERSON inside an e-mail address,
PHONE_NUMBER inside a My Number). We keep the strongest non-overlapping set: higher score
first, then the longer span, then catalogue order.

The fast path (the default) calls the recognizers directly instead of through
``AnalyzerEngine.analyze``, which per text re-filters its registry into a set, deep-copies
every result for a lemma context enhancer that has nothing to do for this pack (every pattern
recognizer weighs context itself; the NLP-tier ones have no context words), and runs every
recognizer. The detector builds one ordered plan per process (``RecognizerStep``: recognizer,
tier, trigger) and skips a recognizer when its trigger (``recognizers.triggers``) says it cannot
match. The findings are the same as the analyzer's (tests/test_detect_fast.py compares them);
``fast=False`` keeps the analyzer path as the reference.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from privacy_kit.findings import Detection
from recognizers.entities import CATEGORY_KEY, overlap_layer

if TYPE_CHECKING:
    from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerResult
    from presidio_analyzer.nlp_engine import NlpArtifacts

    from recognizers.registry import Tier
    from recognizers.triggers import Trigger


#: Scores are calibrated so that 0.5 separates findings from weak candidates (a bare 12-digit
#: number that happens to pass the My Number check digit scores 0.4). Scans and evaluations
#: use the same default.
DEFAULT_MIN_SCORE = 0.5


def resolve_overlaps(detections: Iterable[Detection], order: dict[str, int] | None = None) -> list[Detection]:
    """Keep the best non-overlapping detections, returned in text order.

    Overlaps compete only within a layer (``recognizers.entities.overlap_layer``): a behaviour
    sentence contains the name it is about, and 「パーキンソン病」 is an illness whatever a name
    recognizer thinks of パーキンソン, so context findings never knock out values or each other's layer.
    """
    rank = order or {}
    ranked = sorted(
        detections,
        key=lambda d: (-d.score, -(d.end - d.start), rank.get(d.recognizer, len(rank)), d.start),
    )
    kept: list[Detection] = []
    for det in ranked:
        layer = overlap_layer(det.entity_type)
        if all(not det.overlaps(k) or overlap_layer(k.entity_type) != layer for k in kept):
            kept.append(det)
    return sorted(kept, key=lambda d: (d.start, d.end, d.entity_type))


def resolved(results: Iterable[RecognizerResult], order: dict[str, int] | None = None) -> list[Detection]:
    """Presidio results as the best non-overlapping detections, in text order."""
    return resolve_overlaps((_to_detection(r) for r in results), order)


def _to_detection(res: RecognizerResult) -> Detection:
    meta = res.recognition_metadata or {}
    name = meta.get("recognizer_name") or "unknown"
    category = meta.get(CATEGORY_KEY)
    return Detection(res.entity_type, res.start, res.end, float(res.score), str(name),
                     str(category) if category else None)


@dataclass(frozen=True, slots=True)
class RecognizerStep:
    """One recognizer in a detector's plan: what it needs (``tier``) and when it can match
    (``trigger``; None: always run)."""

    recognizer: EntityRecognizer
    tier: Tier
    trigger: Trigger | None


def recognizer_plan(analyzer: AnalyzerEngine, entities: Sequence[str]) -> list[RecognizerStep]:
    """The analyzer's Japanese recognizers that serve ``entities``, in registry (catalogue)
    order, each with the tier and trigger of its catalogue spec (a recognizer from outside
    the pack has none: it always runs, as an ``nlp``-tier one)."""
    from recognizers.catalog import all_specs

    specs = {spec.id: spec for spec in all_specs()}
    wanted = set(entities)
    plan: list[RecognizerStep] = []
    for rec in analyzer.registry.recognizers:
        if rec.supported_language != "ja" or not wanted & set(rec.supported_entities):
            continue
        if not rec.is_loaded:
            rec.load()
            rec.is_loaded = True
        spec = specs.get(rec.name)
        plan.append(RecognizerStep(rec, spec.tier if spec else "nlp", spec.trigger if spec else None))
    return plan


def run_plan(plan: Sequence[RecognizerStep], text: str, entities: list[str], artifacts: NlpArtifacts | None,
             min_score: float) -> list[RecognizerResult]:
    """What ``AnalyzerEngine.analyze`` returns for ``text`` (with ``score_threshold=min_score``),
    running only the recognizers whose trigger holds.

    One difference, deliberate: when two recognizers report the same type, span and score, the
    earlier one in the plan is kept. Presidio keeps whichever its sets yield first, which
    depends on the process's string-hash seed, so the recognizer id of such a finding could
    differ between runs.
    """
    from presidio_analyzer import EntityRecognizer, RecognizerResult

    from recognizers.normalize import normalize

    normalized = normalize(text).text
    results: list[RecognizerResult] = []
    seen: set[tuple[str, int, int, float]] = set()
    for step in plan:
        if step.trigger is not None and not step.trigger(normalized):
            continue
        found = step.recognizer.analyze(text=text, entities=entities, nlp_artifacts=artifacts)
        for res in found or ():
            meta = res.recognition_metadata
            if meta is None:
                meta = res.recognition_metadata = {}
            meta.setdefault(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY, step.recognizer.id)
            meta.setdefault(RecognizerResult.RECOGNIZER_NAME_KEY, step.recognizer.name)
            key = (res.entity_type, res.start, res.end, res.score)
            if res.score >= min_score and key not in seen:
                seen.add(key)
                results.append(res)
    return EntityRecognizer.remove_duplicates(results)


#: How much of the text pays for GiNZA's NER (docs/performance.md has the measured trade-off):
#: ``full`` every text in Japanese script; ``balanced`` a few tokens round weak person evidence,
#: surnames and unknown katakana words (``recognizers.ner_gate``); ``fast`` none (= ``--no-ner``).
TIERS = ("fast", "balanced", "full")


def _prose(text: str) -> bool:
    """Japanese script outside a redaction's own placeholders (〈氏名〉, 住所_kqzmxbtd): only
    that makes a text worth GiNZA's NER, so a redacted log line costs what the original did."""
    from privacy_kit.redact.placeholders import without_placeholders
    from recognizers.nlp_engine import has_japanese

    return has_japanese(without_placeholders(text))


@dataclass
class Detector:
    """The pack's analyzer plus overlap resolution, built once and reused for many texts.

    ``entities`` limits what is reported; ``min_score`` drops weak results; ``with_nlp=False``
    skips GiNZA NER for every text (names and places then rest on Sudachi tags and context);
    ``tiered`` skips it only for texts without Japanese script; ``tier`` picks how many of the
    remaining texts pay for NER (``TIERS``); ``fast=False`` runs each text through
    ``AnalyzerEngine.analyze`` instead of the detector's own plan (the reference path).
    """

    entities: Sequence[str] | None = None
    min_score: float = DEFAULT_MIN_SCORE
    with_nlp: bool = True
    batch_size: int = 64
    tiered: bool = True
    analyzer: AnalyzerEngine | None = None
    fast: bool = True
    tier: str = "full"
    _order: dict[str, int] = field(default_factory=dict, init=False)
    _plan: list[RecognizerStep] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        if self.analyzer is None:
            from recognizers import build_analyzer
            from recognizers.context_tier import engine_tiers

            # Tiered: GiNZA's NER (the one expensive step) only for texts with Japanese script,
            # the dependency parser only for texts the context recognizers need it for;
            # everything else is tokenized only and left to the pattern recognizers.
            if self.tier not in TIERS:
                raise ValueError(f"unknown tier {self.tier!r}; one of {', '.join(TIERS)}")
            gate = None
            if self.tier == "balanced":
                from recognizers.ner_gate import ner_windows

                gate = ner_windows
            engine = engine_tiers(ner=self.with_nlp and self.tier != "fast", tiered=self.tiered,
                                  entities=self.entities, ner_when=_prose, ner_gate=gate)
            self.analyzer = build_analyzer(nlp_engine=engine)
        self._order = {
            rec.name: i for i, rec in enumerate(self.analyzer.registry.recognizers)
        }
        if self.entities is None:
            self.entities = sorted(self.analyzer.get_supported_entities(language="ja"))
        self._plan = recognizer_plan(self.analyzer, self.entities)

    def analyze(self, text: str) -> list[Detection]:
        return self.analyze_batch([text])[0]

    def analyze_batch(self, texts: Sequence[str]) -> list[list[Detection]]:
        """Analyse texts; NLP runs batched (nlp.pipe), recognizers once per text."""
        assert self.analyzer is not None
        out: list[list[Detection]] = []
        nlp_engine = self.analyzer.nlp_engine
        entities = list(self.entities or [])
        for start in range(0, len(texts), self.batch_size):
            chunk = list(texts[start : start + self.batch_size])
            artifacts = nlp_engine.process_batch(chunk, language="ja", batch_size=self.batch_size)
            for text, (_, arts) in zip(chunk, artifacts):
                if not text.strip():
                    out.append([])
                    continue
                if self.fast:
                    results = run_plan(self._plan, text, entities, arts, self.min_score)
                else:
                    results = self.analyzer.analyze(
                        text=text, language="ja", entities=entities,
                        nlp_artifacts=arts, score_threshold=self.min_score,
                    )
                out.append(resolved(results, self._order))
        return out
