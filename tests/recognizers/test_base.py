"""The shared JapanesePatternRecognizer: metadata, explanations, filtering, generic use."""

from __future__ import annotations

from presidio_analyzer import RecognizerResult

from recognizers.base import JapanesePatternRecognizer, Pattern, pattern_spec

from .helpers import PATTERN_SPECS, assert_spans, found


def test_every_result_names_its_spec(build) -> None:  # type: ignore[no-untyped-def]
    text = "電話090-1234-5678、メールtaro@example.com、マイナンバー123456789018、45歳"
    for spec in PATTERN_SPECS:
        for r in found(build(spec.id), text):
            assert r.recognition_metadata[RecognizerResult.RECOGNIZER_NAME_KEY] == spec.id
            assert r.entity_type in spec.entities


def test_spec_ids_are_versioned_and_unique() -> None:
    ids = [s.id for s in PATTERN_SPECS]
    assert len(ids) == len(set(ids)) == 16
    assert all(i.startswith("jp.") and i.rsplit(".", 1)[1].startswith("v") for i in ids)
    assert all(s.tier == "pattern" and s.description for s in PATTERN_SPECS)


def test_explanation_says_what_fired(build) -> None:  # type: ignore[no-untyped-def]
    r = found(build("jp.my_number.v1"), "マイナンバー：123456789018")[0]
    ex = r.analysis_explanation
    assert ex.pattern_name == "my_number"
    assert ex.validation_result is True
    assert ex.supportive_context_word == "マイナンバー"
    assert "checksum passed" in ex.textual_explanation
    assert ex.original_score == r.score


def test_results_are_marked_context_enhanced(build) -> None:  # type: ignore[no-untyped-def]
    # so that Presidio's English lemma enhancer does not boost them a second time
    r = found(build("jp.phone.v1"), "090-1234-5678")[0]
    assert r.recognition_metadata[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] is True


def test_other_entities_are_not_reported(build) -> None:  # type: ignore[no-untyped-def]
    rec = build("jp.phone.v1")
    assert rec.analyze("090-1234-5678", ["EMAIL_ADDRESS"], None) == []
    assert rec.analyze("", ["PHONE_NUMBER"], None) == []


def test_language_is_japanese(build) -> None:  # type: ignore[no-untyped-def]
    assert {build(s.id).supported_language for s in PATTERN_SPECS} == {"ja"}


class _TicketRecognizer(JapanesePatternRecognizer):
    """A recognizer built only from declarations, as another module of the pack would."""

    NAME = "test.ticket.v1"
    ENTITIES = ("TICKET",)
    CONTEXT = ("チケット",)
    DENY_CONTEXT = ("注文番号",)
    PATTERNS = (Pattern("ticket", r"(?<![0-9A-Z])(?P<v>TK[0-9]{4})(?![0-9])", score=0.3, context_score=0.8,
                        group="v"),)


def test_base_is_generic() -> None:
    rec = pattern_spec(_TicketRecognizer, "test").build()
    text = "チケットＴＫ１２３４、TK5678、注文番号TK9999"
    results = found(rec, text)
    assert_spans(results, text, ["ＴＫ１２３４", "TK5678"])
    # チケット is the topic of both; 注文番号 is nearer TK5678 but labels TK9999, so no veto.
    assert [r.score for r in results] == [0.8, 0.8]
    assert found(rec, "TK0001")[0].score == 0.3


def test_constructor_arguments_override_declarations() -> None:
    rec = _TicketRecognizer(name="custom.v2", context=["券"], deny_context=[])
    results = found(rec, "券TK1234 注文番号TK9999")
    names = [r.recognition_metadata[RecognizerResult.RECOGNIZER_NAME_KEY] for r in results]
    assert names == ["custom.v2"] * 2
    assert [r.score for r in results] == [0.8, 0.8]


def test_overlapping_patterns_keep_the_best(build) -> None:  # type: ignore[no-untyped-def]
    # 「ゆうちょ 12340-12345671」 matches the ゆうちょ pattern and, inside it, bare 7-digit runs.
    results = found(build("jp.bank_account.v1"), "ゆうちょ口座 12340-12345671")
    assert [(r.start, r.end) for r in results] == [(7, 21)]
