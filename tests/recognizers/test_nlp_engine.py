"""GinzaNlpEngine: trimmed pipeline, offsets equal to the original text, U+3000, long input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recognizers.ginza_labels import ENE_TO_PRESIDIO, LOCATION_LABELS, PERSON_LABELS, presidio_entity
from recognizers.nlp_engine import (
    SUDACHI_MAX_BYTES,
    GinzaModelMissingError,
    GinzaNlpEngine,
    prepare_text,
    split_for_sudachi,
)

# -- pure functions (no model) ---------------------------------------------------------------

# fmt: off
PREPARE_CASES = [
    ("山田\u3000太郎", "山田 太郎"),          # ginza#148: U+3000 becomes an ASCII space
    ("０９０－１２３４", "090-1234"),          # full-width digits and minus fold one for one
    ("ＡＢＣ株式会社", "ABC株式会社"),
    ("㈱テスト", "㈱テスト"),                 # NFKC gives 3 characters: kept as is
    ("ｶﾞｽ", "カ\u3099ス"),                    # one-to-one: the voiced mark is its own character
    ("plain ascii", "plain ascii"),
    ("", ""),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), PREPARE_CASES)
def test_prepare_text(text: str, expected: str) -> None:
    assert prepare_text(text) == expected


@given(st.text(max_size=200))
def test_prepare_text_keeps_every_offset(text: str) -> None:
    prepared = prepare_text(text)
    assert len(prepared) == len(text)
    assert "\u3000" not in prepared


@given(st.text(alphabet=st.sampled_from("あ漢A1。！？\n、 \u3000😀"), max_size=3000),
       st.integers(min_value=8, max_value=400))
@settings(max_examples=60, deadline=None)
def test_split_for_sudachi_rejoins_and_respects_the_limit(text: str, chunk: int) -> None:
    pieces = split_for_sudachi(text, max_bytes=chunk, chunk_bytes=chunk)
    assert "".join(pieces) == text
    assert all(len(p.encode("utf-8")) <= chunk for p in pieces)
    assert all(p for p in pieces) or text == ""


def test_split_prefers_sentence_ends() -> None:
    text = "今日は晴れ。" * 10
    pieces = split_for_sudachi(text, max_bytes=40, chunk_bytes=40)
    assert all(p.endswith("。") for p in pieces)


def test_split_leaves_short_text_whole() -> None:
    assert split_for_sudachi("短い。" * 5) == ["短い。" * 5]


def test_missing_model_is_a_clear_error() -> None:
    with pytest.raises(GinzaModelMissingError, match="pip install ja-ginza"):
        GinzaNlpEngine(model="ja_ginza_not_installed_anywhere")


def test_bad_chunk_sizes_are_rejected() -> None:
    with pytest.raises(ValueError):
        GinzaNlpEngine(chunk_bytes=60_000, load=False)


# -- label map ----------------------------------------------------------------------------------

# fmt: off
LABEL_CASES = [
    ("Person", "PERSON"), ("City", "LOCATION"), ("Province", "LOCATION"), ("Station", "LOCATION"),
    ("Airport", "LOCATION"), ("Park", "LOCATION"), ("Postal_Address", "LOCATION"),
    ("N_Person", None), ("N_Location_Other", None), ("God", None), ("Character", None),
    ("Company", None), ("Email", None), ("Phone_Number", None), ("Planet", None),
    ("Facility_Part", None), ("Date", None),
]
# fmt: on


@pytest.mark.parametrize(("label", "entity"), LABEL_CASES)
def test_label_map(label: str, entity: str | None) -> None:
    assert presidio_entity(label) == entity


def test_no_counter_label_is_mapped() -> None:
    assert not [label for label in ENE_TO_PRESIDIO if label.startswith("N_")]
    assert set(ENE_TO_PRESIDIO.values()) == {"PERSON", "LOCATION"}


# -- the engine on the real model -----------------------------------------------------------------

@pytest.mark.ginza
def test_every_mapped_label_exists_in_the_model(ginza_engine: GinzaNlpEngine) -> None:
    model_labels = set(ginza_engine._pipeline().get_pipe("ner").labels)
    assert PERSON_LABELS | LOCATION_LABELS <= model_labels


@pytest.mark.ginza
def test_pipeline_is_trimmed_and_keeps_sudachi_tags(ginza_engine: GinzaNlpEngine) -> None:
    assert ginza_engine._pipeline().pipe_names == ["tok2vec", "parser", "ner"]
    doc = ginza_engine.process_text("山田太郎さんは東京都に住む。", "ja").tokens
    assert doc[0].tag_ == "名詞-固有名詞-人名-姓"
    assert doc[1].tag_ == "名詞-固有名詞-人名-名"
    assert doc[0].lemma_ == "山田"


@pytest.mark.ginza
def test_entities_are_mapped_and_offsets_index_the_original(ginza_engine: GinzaNlpEngine) -> None:
    text = "ＡＢＣの山田太郎さんは大阪府に住む。"
    arts = ginza_engine.process_text(text, "ja")
    found = {(text[e.start_char:e.end_char], e.label_) for e in arts.entities}
    assert ("山田太郎", "PERSON") in found
    assert ("大阪府", "LOCATION") in found
    assert len(arts.tokens.text) == len(text)
    assert arts.tokens_indices[0] == 0
    assert len(arts.lemmas) == len(arts.tokens)


@pytest.mark.ginza
def test_counter_expressions_are_not_people(ginza_engine: GinzaNlpEngine) -> None:
    arts = ginza_engine.process_text("会議には3人が出席し、5名が欠席した。", "ja")
    assert [e for e in arts.entities if e.label_ == "PERSON"] == []


@pytest.mark.ginza
def test_ideographic_space_is_folded_before_ner(ginza_engine: GinzaNlpEngine) -> None:
    # ginza#148: U+3000 is glued onto neighbouring Person spans. Unfolded, this model returns
    # 「山田\u3000」 and 「太郎」 as two persons; folded, one name with exact original offsets.
    text = "山田\u3000太郎さんが来た"
    arts = ginza_engine.process_text(text, "ja")
    assert [(e.start_char, e.end_char, e.label_) for e in arts.entities] == [(0, 5, "PERSON")]
    assert arts.tokens.text == prepare_text(text)
    raw = ginza_engine._pipeline()(text)
    assert [(e.start_char, e.end_char) for e in raw.ents if e.label_ == "Person"] != [(0, 5)]


@pytest.mark.ginza
def test_ner_false_runs_the_tokenizer_only() -> None:
    engine = GinzaNlpEngine(ner=False)
    assert engine._pipeline().pipe_names == []
    arts = engine.process_text("山田太郎さん", "ja")
    assert arts.entities == []
    assert arts.tokens[0].tag_ == "名詞-固有名詞-人名-姓"
    assert engine.get_supported_entities() == []


@pytest.mark.ginza
def test_input_over_the_sudachi_limit_keeps_offsets(ginza_engine: GinzaNlpEngine) -> None:
    filler = "今日はとても良い天気でした。\n"
    text = filler * (SUDACHI_MAX_BYTES // len(filler.encode()) + 50) + "最後に山田太郎さんが来た。"
    assert len(text.encode("utf-8")) > SUDACHI_MAX_BYTES
    arts = ginza_engine.process_text(text, "ja")
    assert arts.tokens.text == text
    people = [(e.start_char, e.end_char) for e in arts.entities if e.label_ == "PERSON"]
    start = text.rindex("山田太郎")
    assert (start, start + 4) in people


@pytest.mark.ginza
def test_process_batch_keeps_order_and_original_text(ginza_engine: GinzaNlpEngine) -> None:
    long_text = "東京に行った。" * 3000 + "佐藤花子さん"
    texts = ["佐藤さん", long_text, "", "ｶﾞｽ代"]
    out = list(ginza_engine.process_batch(texts, "ja", batch_size=2))
    assert [t for t, _ in out] == texts
    assert [len(a.tokens.text) for _, a in out] == [len(t) for t in texts]
    with_context = list(ginza_engine.process_batch([("田中", 1), ("鈴木", 2)], "ja", as_tuples=True))
    assert [(t, c) for t, _, c in with_context] == [("田中", 1), ("鈴木", 2)]


@pytest.mark.ginza
def test_other_languages_are_refused(ginza_engine: GinzaNlpEngine) -> None:
    with pytest.raises(ValueError, match="only language 'ja'"):
        ginza_engine.process_text("hello", "en")


@pytest.mark.ginza
def test_parser_is_opt_in() -> None:
    engine = GinzaNlpEngine(parser=True)
    assert engine._pipeline().pipe_names == ["tok2vec", "parser", "ner"]
    doc = engine.process_text("山田さんが本を読んだ。", "ja").tokens
    assert any(t.dep_ for t in doc)
    assert [e.label_ for e in engine.to_artifacts(doc).entities] == ["PERSON"]


# -- parser tier: only texts with a person cue and a candidate are parsed -------------------------

# fmt: off
PARSE_TIER_CASES = [
    ("田中さんは膵臓がんで入院しています。", True),     # a person and a 要配慮 candidate
    ("先月、乳がんと診断されました。", True),           # a candidate and an experience predicate (the poster)
    ("隣の部屋の人、毎晩11時過ぎに帰ってくる。", True), # a person and a time
    ("膵臓がんは早期発見が難しい。", False),            # a candidate, no one it could be about
    ("田中さんの講演、とても分かりやすかったです。", False),  # a person, no candidate, no place or time
    ("今日は横浜で教育セミナーでした。", False),
    ("GET /index.html HTTP/1.1", False),
    ("", False),
]
# fmt: on


class _CountingParser:
    """Stands in for the parser component: counts the Docs it is given, then parses them."""

    def __init__(self, real: object) -> None:
        self.real = real
        self.docs: list[str] = []

    def pipe(self, docs: object, **kwargs: object) -> object:
        docs = list(docs)  # type: ignore[call-overload]
        self.docs.extend(d.text for d in docs)
        return self.real.pipe(docs, **kwargs)  # type: ignore[attr-defined]


@pytest.mark.ginza
def test_parser_runs_only_on_texts_with_a_person_cue_and_a_candidate(
        ginza_engine: GinzaNlpEngine, monkeypatch: pytest.MonkeyPatch) -> None:
    nlp = ginza_engine._pipeline()
    counting = _CountingParser(nlp.get_pipe("parser"))
    real_get_pipe = nlp.get_pipe
    monkeypatch.setattr(nlp, "get_pipe", lambda name: counting if name == "parser" else real_get_pipe(name))
    texts = [t for t, _ in PARSE_TIER_CASES]
    before = ginza_engine.parsed_pieces
    out = list(ginza_engine.process_batch(texts, "ja", batch_size=3))
    expected = [t for t, want in PARSE_TIER_CASES if want]
    assert counting.docs == expected
    assert ginza_engine.parsed_pieces - before == len(expected)
    # (an empty Doc "has" every annotation vacuously)
    assert [len(a.tokens) > 0 and a.tokens.has_annotation("DEP") for _, a in out] == [
        want for _, want in PARSE_TIER_CASES]
    # NER ran on every Japanese text, parsed or not
    assert [e.label_ for e in out[0][1].entities] == ["PERSON"]


@pytest.mark.ginza
def test_parse_after_ner_gives_the_same_tree_as_the_whole_pipeline(ginza_engine: GinzaNlpEngine) -> None:
    text = "母が乳がんの手術を受けた。"
    tiered = ginza_engine.process_text(text, "ja").tokens
    whole = ginza_engine._pipeline()(text)
    assert [(t.dep_, t.head.i) for t in tiered] == [(t.dep_, t.head.i) for t in whole]
