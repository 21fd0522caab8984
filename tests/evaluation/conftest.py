from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import pytest

from privacy_kit.evaluation import runner
from privacy_kit.evaluation.spans import Span

DATA = Path(__file__).parent / "data"


class FakeSystem:
    """Finds fixed strings: a stand-in for a GiNZA-backed system whose answers a test can compute by hand."""

    def __init__(self, name: str, finds: Mapping[str, str], batch_size: int = 2) -> None:
        self.name = name
        self.batch_size = batch_size
        self.batches: list[int] = []
        self._pattern = re.compile("|".join(re.escape(k) for k in sorted(finds, key=len, reverse=True)))
        self._finds = dict(finds)

    def analyze_batch(self, texts: Sequence[str]) -> list[list[Span]]:
        self.batches.append(len(texts))
        return [[Span(m.start(), m.end(), self._finds[m.group()]) for m in self._pattern.finditer(t)]
                for t in texts]


#: On five_posts.jsonl: every span exact, misses 札幌市, one false LOCATION (天気).
FAKE_PK = {"佐藤花子": "PERSON", "鈴木一郎": "PERSON", "大阪": "LOCATION",
           "090-1234-5678": "PHONE_NUMBER", "taro@example.com": "EMAIL_ADDRESS", "天気": "LOCATION"}
#: Partial spans only (IoU 1/2, 4/5, 2/3), plus a type outside the label set.
FAKE_BASELINE = {"佐藤": "PERSON", "鈴木一郎の": "PERSON", "札幌": "LOCATION", "昨日": "DATE_TIME"}


@pytest.fixture
def fake_systems(monkeypatch: pytest.MonkeyPatch) -> dict[str, FakeSystem]:
    """Replace both real systems in the runner's factory table; nothing loads GiNZA."""
    systems = {"privacy-kit": FakeSystem("privacy-kit", FAKE_PK),
               "baseline": FakeSystem("baseline", FAKE_BASELINE, batch_size=3)}
    for name, system in systems.items():
        monkeypatch.setitem(runner.DEFAULT_FACTORIES, name, lambda s=system: s)
    return systems


@pytest.fixture(scope="session")
def ginza_systems(ginza_engine: object) -> Iterator[dict[str, object]]:
    """The real privacy-kit detector (on the session's shared GinzaNlpEngine) and the real
    baseline (Presidio's own SpacyNlpEngine, by definition), each built once per test run."""
    from privacy_kit.detect import Detector
    from privacy_kit.evaluation.runner import PrivacyKitSystem, build_baseline
    from recognizers import build_analyzer

    detector = Detector(analyzer=build_analyzer(nlp_engine=ginza_engine))  # type: ignore[arg-type]
    yield {"privacy-kit": PrivacyKitSystem(detector), "baseline": build_baseline()}
