"""The transition-based NER and parser stepped with the GIL held give spaCy's own annotations."""

from __future__ import annotations

import pytest

from recognizers.ginza_pipe import greedy_parse, pipe_docs, steps_with_gil
from recognizers.nlp_engine import GinzaNlpEngine, prepare_text

pytestmark = pytest.mark.ginza

TEXTS = [
    "山田太郎さんは東京都千代田区の会社に勤めている。",
    "ジョン・スミスはロンドン大学を卒業後、トヨタ自動車に入社した。",
    "昨日、佐藤さんを大宮駅で見かけました。",
    "1600年、関ヶ原の戦いで徳川家康が勝利した。",
    "こんにちは",
    "",
    "株式会社ABCの鈴木部長（45）と、大阪市北区梅田で会った。",
    "〒100-0001 東京都千代田区千代田1-1",
] * 3


def _ents(docs: list) -> list[list[tuple[int, int, str]]]:  # type: ignore[type-arg]
    return [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in docs]


def test_only_greedy_transition_parsers_are_stepped(ginza_engine: GinzaNlpEngine) -> None:
    nlp = ginza_engine.nlp
    assert nlp is not None
    stepped = {name: steps_with_gil(proc) for name, proc in nlp.pipeline}
    assert stepped == {"tok2vec": False, "ner": True, "parser": True}  # the session engine has the parser


@pytest.mark.parametrize("batch_size", [1, 3, 64])
def test_entities_are_spacys_own(ginza_engine: GinzaNlpEngine, batch_size: int) -> None:
    nlp = ginza_engine.nlp
    assert nlp is not None
    texts = [prepare_text(t) for t in TEXTS]
    want = _ents(list(nlp.pipe(texts, batch_size=batch_size)))
    got = _ents(list(pipe_docs(nlp, (nlp.make_doc(t) for t in texts), batch_size)))
    assert got == want
    assert sum(map(len, got)) > 10


def test_a_batch_of_empty_docs_is_annotated_empty(ginza_engine: GinzaNlpEngine) -> None:
    nlp = ginza_engine.nlp
    assert nlp is not None
    docs = [nlp.make_doc(""), nlp.make_doc("")]
    for _, proc in nlp.pipeline:
        if steps_with_gil(proc):
            greedy_parse(proc, docs)
        else:
            docs = list(proc.pipe(docs))
    assert _ents(docs) == [[], []]


def test_dependency_parses_are_spacys_own() -> None:
    engine = GinzaNlpEngine(ner=False, parser=True)
    nlp = engine.nlp
    assert nlp is not None and "parser" in nlp.pipe_names
    texts = [prepare_text(t) for t in TEXTS]
    want = [[(t.dep_, t.head.i) for t in d] for d in nlp.pipe(texts, batch_size=8)]
    got = [[(t.dep_, t.head.i) for t in d] for d in pipe_docs(nlp, (nlp.make_doc(t) for t in texts), 8)]
    assert got == want
    assert any(dep.startswith("nsubj") for doc in got for dep, _ in doc)
