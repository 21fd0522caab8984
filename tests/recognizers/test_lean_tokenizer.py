"""The lean tokenizer gives the same tokens, spaces, tags and lemmas as spaCy's Japanese
tokenizer (GiNZA's), and NER over its Docs finds the same entities."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recognizers.lean_tokenizer import LeanJapaneseTokenizer, install
from recognizers.nlp_engine import GinzaNlpEngine, prepare_text


def _view(doc: Any) -> list[tuple[str, str, str, str]]:
    return [(t.text, t.whitespace_, t.tag_, t.lemma_) for t in doc]


@pytest.fixture(scope="module")
def tokenizers(ginza_engine: GinzaNlpEngine) -> tuple[Any, LeanJapaneseTokenizer]:
    assert ginza_engine.nlp is not None
    lean = ginza_engine.nlp.tokenizer
    assert isinstance(lean, LeanJapaneseTokenizer)  # installed when the engine loads
    return lean.original, lean


# fmt: off
TEXTS = [
    "",
    " ",
    "\u3000",
    "  前後に  空白  ",
    "東京\u3000都庁",
    "テスト…です",                       # Sudachi emits an empty token around …
    "\t改行\nあり\n\n終わり",
    "😀絵文字 です ",
    "ＡＢＣ　１２３ abc 123",
    "山田太郎さんは昨日、大阪府大阪市北区梅田1-2-3に行きました。",
    "Mail: taro@example.com / TEL 090-1234-5678",
    "a" * 200,
]
# fmt: on


@pytest.mark.ginza
@pytest.mark.parametrize("text", TEXTS)
def test_same_tokens_as_spacy(tokenizers: tuple[Any, LeanJapaneseTokenizer], text: str) -> None:
    original, lean = tokenizers
    text = prepare_text(text)
    a, b = original(text), lean(text)
    assert b.text == a.text == text
    assert _view(b) == _view(a)


_ALPHABET = st.sampled_from(list("東京都山田太郎さんはがのにをへ、。・ーアイウカタナ 　\t\n…😀ab1２-@"))


@pytest.mark.ginza
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_same_tokens_on_any_text(tokenizers: tuple[Any, LeanJapaneseTokenizer], raw: str) -> None:
    original, lean = tokenizers
    text = prepare_text(raw)
    assert _view(lean(text)) == _view(original(text))


@pytest.mark.ginza
def test_ner_finds_the_same_entities(ginza_engine: GinzaNlpEngine) -> None:
    import spacy

    texts = ["山田太郎さんは昨日、大阪府の梅田に行きました。", "ヴィトゥス・ベーリングが海峡を発見した。",
             "東京ドームで巨人と阪神が戦った。"]
    reference = spacy.load("ja_ginza", exclude=["attribute_ruler", "morphologizer", "compound_splitter",
                                                "bunsetu_recognizer", "parser"])
    assert not isinstance(reference.tokenizer, LeanJapaneseTokenizer)
    for text in texts:
        ours = ginza_engine.process_text(text, "ja").tokens
        theirs = reference(text)
        assert [(e.start_char, e.end_char, e.label_) for e in ours.ents] == \
            [(e.start_char, e.end_char, e.label_) for e in theirs.ents]


@pytest.mark.ginza
def test_install_is_idempotent_and_only_for_japanese(ginza_engine: GinzaNlpEngine) -> None:
    import spacy

    assert install(ginza_engine.nlp) is True  # already installed: unchanged
    assert isinstance(ginza_engine.nlp.tokenizer, LeanJapaneseTokenizer)
    english = spacy.blank("en")
    assert install(english) is False
    assert not isinstance(english.tokenizer, LeanJapaneseTokenizer)


# -- the token view read from the tokenizer's own lists ------------------------------------------

@pytest.mark.ginza
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_the_token_view_from_the_tokenizers_lists_is_the_view_from_the_tokens(
        tokenizers: tuple[Any, LeanJapaneseTokenizer], raw: str) -> None:
    from recognizers.sudachi_tags import LEXICAL_KEY, doc_tokens

    _, lean = tokenizers
    text = prepare_text(raw)
    stashed, plain = lean(text), lean(text)
    assert (LEXICAL_KEY in stashed.user_data) is (len(stashed) > 0)
    plain.user_data.clear()
    view = doc_tokens(stashed)
    assert view == doc_tokens(plain)
    assert view.text == text and list(view.starts) == [t.idx for t in stashed]


@pytest.mark.ginza
def test_entities_changed_refreshes_the_view_and_what_was_derived(ginza_engine: GinzaNlpEngine) -> None:
    from spacy.tokens import Span

    from recognizers.names import find_persons
    from recognizers.sudachi_tags import doc_tokens, entities_changed

    assert ginza_engine.nlp is not None
    doc = ginza_engine.nlp.make_doc("決勝ではACミランを破った。")
    assert [doc.text[h.start:h.end] for h in find_persons(doc)] == ["ミラン"]  # no NER: a lone 人名 tag
    assert not doc_tokens(doc).ner_ran
    team = next(t.i for t in doc if t.text == "AC")
    doc.set_ents([Span(doc, team, team + 2, label="Product_Other")], default="outside")  # as GiNZA labels it
    entities_changed(doc)
    view = doc_tokens(doc)
    assert view.ner_ran and view.ent_labels[team:team + 2] == ("Product_Other", "Product_Other")
    assert find_persons(doc) == []  # recomputed: inside the team's name
