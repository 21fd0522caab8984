"""Run the Japanese recognizer pack over texts and resolve overlapping results.

Presidio removes duplicates only within one entity type; a Japanese text often yields nested
results of different types (LOCATION inside JP_ADDRESS, PERSON inside an e-mail address,
PHONE_NUMBER inside a My Number). We keep the strongest non-overlapping set: higher score
first, then the longer span, then catalogue order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from privacy_kit.findings import Detection
from recognizers.entities import CATEGORY_KEY, overlap_layer

if TYPE_CHECKING:
    from presidio_analyzer import AnalyzerEngine, RecognizerResult


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


def _to_detection(res: RecognizerResult) -> Detection:
    meta = res.recognition_metadata or {}
    name = meta.get("recognizer_name") or "unknown"
    category = meta.get(CATEGORY_KEY)
    return Detection(res.entity_type, res.start, res.end, float(res.score), str(name),
                     str(category) if category else None)


@dataclass
class Detector:
    """The pack's analyzer plus overlap resolution, built once and reused for many texts.

    ``entities`` limits what is reported; ``min_score`` drops weak results; ``with_nlp=False``
    skips GiNZA NER for every text (names and places then rest on Sudachi tags and context);
    ``tiered`` skips it only for texts without Japanese script.
    """

    entities: Sequence[str] | None = None
    min_score: float = DEFAULT_MIN_SCORE
    with_nlp: bool = True
    batch_size: int = 64
    tiered: bool = True
    analyzer: AnalyzerEngine | None = None
    _order: dict[str, int] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        if self.analyzer is None:
            from recognizers import build_analyzer
            from recognizers.context_tier import engine_tiers

            # Tiered: GiNZA's NER (the one expensive step) only for texts with Japanese script,
            # the dependency parser only for texts the context recognizers need it for;
            # everything else is tokenized only and left to the pattern recognizers.
            engine = engine_tiers(ner=self.with_nlp, tiered=self.tiered, entities=self.entities)
            self.analyzer = build_analyzer(nlp_engine=engine)
        self._order = {
            rec.name: i for i, rec in enumerate(self.analyzer.registry.recognizers)
        }
        if self.entities is None:
            self.entities = sorted(self.analyzer.get_supported_entities(language="ja"))

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
                results = self.analyzer.analyze(
                    text=text, language="ja", entities=entities,
                    nlp_artifacts=arts, score_threshold=self.min_score,
                )
                out.append(resolve_overlaps((_to_detection(r) for r in results), self._order))
        return out
