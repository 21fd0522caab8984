"""jp.sensitive.v1: 要配慮個人情報 about a person — lexicon candidates, subject linking through the
dependency parse (GiNZA) and the close-pattern fallback (no parse)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from presidio_analyzer import AnalyzerEngine

from recognizers import build_analyzer
from recognizers.empty_nlp import pattern_analyzer
from recognizers.entities import APPI_CATEGORY_KEY, CATEGORY_KEY, SENSITIVE_CATEGORIES, SENSITIVE_TYPES
from recognizers.nlp_engine import GinzaNlpEngine
from recognizers.sensitive import SPECS, sensitive_candidates
from recognizers.sensitive_lexicon import LEXICON

# fmt: off
CANDIDATES = [
    ("膵臓がんと乳癌", [("膵臓がん", "MEDICAL_CONDITION"), ("乳癌", "MEDICAL_CONDITION")]),
    ("抗がん剤治療を続ける", [("抗がん剤治療", "MEDICAL_CONDITION")]),
    ("若年性認知症", [("若年性認知症", "MEDICAL_CONDITION")]),
    ("双極性障害と知的障害", [("双極性障害", "MEDICAL_CONDITION"), ("知的障害", "DISABILITY")]),
    ("ＡＤＨＤの診断", [("ＡＤＨＤ", "DISABILITY")]),
    ("キリスト教徒の友人", [("キリスト教徒", "CREED")]),
    ("前科と逮捕歴と少年院", [("前科", "CRIMINAL_RECORD"), ("逮捕歴", "CRIMINAL_RECORD"), ("少年院", "CRIMINAL_RECORD")]),
    ("アイヌ民族の祖父", [("アイヌ民族", "RACE_ETHNICITY")]),
    ("被差別部落の出身", [("被差別部落", "SOCIAL_STATUS")]),
    ("ストーカー被害と痴漢の被害", [("ストーカー被害", "CRIME_VICTIM"), ("痴漢の被害", "CRIME_VICTIM")]),
    ("身体障害者手帳", [("身体障害者手帳", "DISABILITY")]),
    ("人工透析を週3回", [("人工透析", "MEDICAL_CONDITION")]),
]
NOT_CANDIDATES = [
    "がんばって！", "ガンダムを見た", "通信障害が発生", "システム障害のお知らせ", "コロナ禍の学会運営", "DVDを買った",
    "前科目の復習", "在日米軍基地", "障害物競走", "#緩和ケア", "#がんと生きる", "ALSOK", "学会員の皆様へ",
]

# Said about someone: (text, expected [(surface, type)])
POSITIVES = [
    ("田中さんは膵臓がんで入院しています。", [("膵臓がん", "MEDICAL_CONDITION")]),
    ("母が乳がんの手術を受けた。", [("乳がん", "MEDICAL_CONDITION")]),
    ("父は認知症で施設に入った。", [("認知症", "MEDICAL_CONDITION")]),
    ("乳がんを患う母の介護をしています。", [("乳がん", "MEDICAL_CONDITION")]),
    ("先月、乳がんと診断されました。", [("乳がん", "MEDICAL_CONDITION")]),
    ("妻は双極性障害で通院中です。", [("双極性障害", "MEDICAL_CONDITION")]),
    ("私は糖尿病です。", [("糖尿病", "MEDICAL_CONDITION")]),
    ("僕は去年から人工透析を受けています。", [("人工透析", "MEDICAL_CONDITION")]),
    ("祖父が肺がんの抗がん剤治療を始めた。", [("肺がん", "MEDICAL_CONDITION"), ("抗がん剤治療", "MEDICAL_CONDITION")]),
    ("夫は若い頃に前科があるんです。", [("前科", "CRIMINAL_RECORD")]),
    ("隣の鈴木さんはイスラム教徒です。", [("イスラム教徒", "CREED")]),
    ("息子には知的障害があります。", [("知的障害", "DISABILITY")]),
    ("祖母は在日韓国人でした。", [("在日韓国人", "RACE_ETHNICITY")]),
    ("友人がストーカー被害に遭っている。", [("ストーカー被害", "CRIME_VICTIM")]),
    ("うちの子、ADHDと診断されました。", [("ADHD", "DISABILITY")]),
    ("義母は被差別部落の出身だと聞いた。", [("被差別部落", "SOCIAL_STATUS")]),
    ("兄は昔逮捕されたことがある。", [("逮捕", "CRIMINAL_RECORD")]),
    ("佐藤さん、うつ病で休職してるらしい。", [("うつ病", "MEDICAL_CONDITION")]),
    ("娘が療育手帳をもらいました。", [("療育手帳", "DISABILITY")]),
    ("同僚の山本さんはクリスチャンです。", [("クリスチャン", "CREED")]),
]
# Not about anyone in particular, or not a sensitive fact
NEGATIVES = [
    "がん患者の家族のケアについて考える会",
    "抗がん剤の副作用対策について講演します。",
    "膵臓がんは早期発見が難しい。",
    "がんになったらまず相談を。",
    "#緩和ケア #がん",
    "看護師として、がん患者さんのケアに携わっています。",
    "『膵癌診療ガイドライン2022』が公開されました。",
    "世界アルツハイマーデーのイベントを開催します。",
    "乳がん検診を受けましょう。",
    "認知症の方への接し方セミナー",
    "【特集】発達障害と職場",
    "患者さんの多くは糖尿病を抱えています。",
    "母と一緒に美術館へ行きました。",
    "田中さん、いつもありがとうございます。",
    "被差別部落の歴史を学ぶ講座",
    "ストーカー被害の相談窓口はこちら",
    "コロナ禍で学会がオンラインになった。",
    "うつ病の正しい知識を広めたい。",
    "在日外国人の人権について考える",
    "前科者の社会復帰を支援する団体",
]
# fmt: on


def _found(analyzer: AnalyzerEngine, text: str, engine: GinzaNlpEngine | None = None) -> list[tuple[str, str]]:
    kwargs = {}
    if engine is not None:
        kwargs["nlp_artifacts"] = engine.process_text(text, "ja")
    results = analyzer.analyze(text=text, language="ja", entities=list(SENSITIVE_TYPES), **kwargs)
    return sorted(((text[r.start:r.end], r.entity_type) for r in results), key=lambda x: text.index(x[0]))


# -- lexicon (no model) -------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), CANDIDATES)
def test_lexicon_candidates(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(text[s:e], ent) for s, e, ent, _ in sensitive_candidates(text)] == expected


@pytest.mark.parametrize("text", NOT_CANDIDATES)
def test_not_candidates(text: str) -> None:
    assert sensitive_candidates(text) == []


def test_every_lexicon_entry_names_a_sensitive_type_and_a_statutory_category() -> None:
    for entry in LEXICON:
        assert entry.entity in SENSITIVE_TYPES
        assert entry.category in SENSITIVE_CATEGORIES


_filler = st.text(alphabet="あいうえおかきくけこ、。 　今日は晴れ", max_size=12)
_word = st.sampled_from(["膵臓がん", "ＡＬＳ", "ＡＤＨＤ", "認知症", "前科", "療育手帳", "ＨＩＶ"])


@given(_filler, _word, _filler)
def test_candidate_offsets_index_the_original_text(before: str, word: str, after: str) -> None:
    text = before + word + after
    spans = [(s, e) for s, e, _, _ in sensitive_candidates(text)]
    start = len(before)
    assert (start, start + len(word)) in spans
    for s, e in spans:
        assert unicodedata.normalize("NFKC", text[s:e]) == unicodedata.normalize("NFKC", text[s:e]).strip()


# -- close-pattern fallback (no parse) ------------------------------------------------------------


@pytest.fixture(scope="module")
def pattern_only() -> AnalyzerEngine:
    return pattern_analyzer(SPECS)


@pytest.mark.parametrize(("text", "expected"), POSITIVES)
def test_close_patterns_find_positives(pattern_only: AnalyzerEngine, text: str,
                                       expected: list[tuple[str, str]]) -> None:
    found = _found(pattern_only, text)
    assert set(found) <= set(expected), found
    assert found, f"nothing found in {text!r}"


@pytest.mark.parametrize("text", NEGATIVES)
def test_close_patterns_skip_negatives(pattern_only: AnalyzerEngine, text: str) -> None:
    assert _found(pattern_only, text) == []


# -- dependency parse (GiNZA) ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def parsed(ginza_engine: GinzaNlpEngine) -> AnalyzerEngine:
    return build_analyzer(nlp_engine=ginza_engine, entities=list(SENSITIVE_TYPES))


@pytest.mark.ginza
@pytest.mark.parametrize(("text", "expected"), POSITIVES)
def test_parse_links_positives(parsed: AnalyzerEngine, ginza_engine: GinzaNlpEngine, text: str,
                               expected: list[tuple[str, str]]) -> None:
    assert _found(parsed, text, ginza_engine) == expected


@pytest.mark.ginza
@pytest.mark.parametrize("text", NEGATIVES)
def test_parse_skips_negatives(parsed: AnalyzerEngine, ginza_engine: GinzaNlpEngine, text: str) -> None:
    assert _found(parsed, text, ginza_engine) == []


@pytest.mark.ginza
def test_results_carry_the_appi_class_and_category(parsed: AnalyzerEngine, ginza_engine: GinzaNlpEngine) -> None:
    text = "母が乳がんの手術を受けた。"
    [res] = parsed.analyze(text=text, language="ja", entities=["MEDICAL_CONDITION"],
                           nlp_artifacts=ginza_engine.process_text(text, "ja"), return_decision_process=True)
    assert res.recognition_metadata[APPI_CATEGORY_KEY] == "要配慮個人情報"
    assert res.recognition_metadata[CATEGORY_KEY] == "statutory.medical_history"
    assert res.recognition_metadata["recognizer_name"] == "jp.sensitive.v1"
    assert "'母'" in res.analysis_explanation.textual_explanation
    assert res.score >= 0.8
