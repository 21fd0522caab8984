"""PERSON: GiNZA + Sudachi + honorific evidence, organisation names vetoed, romaji names."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from presidio_analyzer import RecognizerResult

from recognizers.name_patterns import KanaNameRecognizer, LabelledNameRecognizer, RomajiNameRecognizer
from recognizers.names import SPECS, JapanesePersonRecognizer, PersonConfig, find_persons
from recognizers.nlp_engine import GinzaNlpEngine


def persons(engine: GinzaNlpEngine, text: str, config: PersonConfig = PersonConfig()) -> list[str]:
    doc = engine.process_text(text, "ja").tokens
    return [text[h.start:h.end] for h in find_persons(doc, config)]


# fmt: off
POSITIVES = [
    # text                                   expected names, in order
    ("山田太郎さんが来ました",                    ["山田太郎"]),
    ("担当の鈴木です",                          ["鈴木"]),            # label before
    ("佐藤部長が承認した",                       ["佐藤"]),            # role after
    ("ジョン・スミス氏と会った",                   ["ジョン・スミス"]),    # ・-joined foreign name
    ("ＡＢＣ社の田中花子様へ",                    ["田中花子"]),         # full-width letters before
    ("山田\u3000太郎さんに連絡",                  ["山田\u3000太郎"]),    # U+3000 between names
    ("鈴木一郎先生の外来は火曜日",                 ["鈴木一郎"]),
    ("佐藤さん、田中さん、鈴木さん",               ["佐藤", "田中", "鈴木"]),
    ("ひろしくんと公園で遊んだ",                   ["ひろし"]),
    ("山形県出身の佐々木健介選手が優勝",            ["佐々木健介"]),
    ("横浜市中区のカフェで働く山本さん",            ["山本"]),
    ("最上義光の援軍として戦った",                  ["最上義光"]),         # 姓 + 名, no context
]

NEGATIVES = [
    "日本臨床腫瘍学会に参加した",      # organisation
    "生活クラブの配達が来た",
    "田中病院に通院している",          # a name that is part of a hospital's name
    "松下電器の製品を買った",
    "株式会社田中の社員です",
    "吉田内閣の方針",                 # a name written into a longer noun
    "会議には3人が出席した",            # N_Person counter, not a name
    "#緩和ケア について話した",         # hashtag
    "お客さんが来た",                 # honorific after an ordinary noun
    "皆さん、おはようございます",
    "「アイ・ラブ・ルーシー」を観た",    # a title in quotes
    "マイルス・グループの演奏",         # ・-joined name ending in an organisation head
]
# fmt: on


@pytest.mark.ginza
@pytest.mark.parametrize(("text", "expected"), POSITIVES)
def test_person_positives(ginza_engine: GinzaNlpEngine, text: str, expected: list[str]) -> None:
    assert persons(ginza_engine, text) == expected


@pytest.mark.ginza
@pytest.mark.parametrize("text", NEGATIVES)
def test_person_negatives(ginza_engine: GinzaNlpEngine, text: str) -> None:
    assert persons(ginza_engine, text) == []


@pytest.mark.ginza
def test_lone_surname_needs_evidence(ginza_engine: GinzaNlpEngine) -> None:
    # 中村 alone is as often a place (中村区) as a person: not reported without context...
    text = "中村区役所に行った"
    assert persons(ginza_engine, text) == []
    # ...but with an honorific it is.
    assert persons(ginza_engine, "中村さんに聞いた") == ["中村"]


@pytest.mark.ginza
def test_each_component_can_be_switched_off(ginza_engine: GinzaNlpEngine) -> None:
    doc = ginza_engine.process_text("担当の鈴木です", "ja").tokens
    assert [h.score for h in find_persons(doc)] == [0.9]               # the label raises the score
    assert [h.score for h in find_persons(doc, PersonConfig(honorifics=False))] == [0.85]
    text = "山田太郎記念病院に通院している"
    assert persons(ginza_engine, text) == []
    assert persons(ginza_engine, text, PersonConfig(organization_filter=False)) == ["山田太郎"]


@pytest.mark.ginza
def test_recognizer_reports_exact_offsets_and_its_id(ginza_engine: GinzaNlpEngine) -> None:
    rec = SPECS[0].build()
    assert isinstance(rec, JapanesePersonRecognizer)
    text = "今日は山田太郎さんと会った"
    arts = ginza_engine.process_text(text, "ja")
    results = rec.analyze(text, ["PERSON"], arts)
    assert [(r.start, r.end, r.entity_type) for r in results] == [(3, 7, "PERSON")]
    assert results[0].recognition_metadata[RecognizerResult.RECOGNIZER_NAME_KEY] == "jp.person.v1"
    assert 0.0 < results[0].score <= 1.0
    assert rec.analyze(text, ["LOCATION"], arts) == []
    assert rec.analyze(text + "x", ["PERSON"], arts) == []  # artifacts of another text: no offsets to trust


_FILLER = st.text(alphabet=st.sampled_from("今日は、。ＡＢ１２\u3000 とのでに"), max_size=12)


@pytest.mark.ginza
@given(before=_FILLER, after=_FILLER)
@settings(max_examples=25, deadline=None)
def test_offsets_index_the_original_text(ginza_engine: GinzaNlpEngine, before: str, after: str) -> None:
    # The "、" keeps the filler's last character from joining the surname in Sudachi's
    # tokenization (今|山田 can become 今山|田): what is tested is the offset mapping across
    # full-width and folded characters, not where the name starts.
    text = before + "、山田太郎さん" + after
    doc = ginza_engine.process_text(text, "ja").tokens
    spans = [(h.start, h.end) for h in find_persons(doc)]
    start = len(before) + 1
    assert (start, start + 4) in spans
    assert all(0 <= s < e <= len(text) for s, e in spans)


# -- romaji names (pattern tier, no GiNZA) -----------------------------------------------------

# fmt: off
ROMAJI_CASES = [
    ("Mr. Tanaka から連絡がありました",                   ["Tanaka"]),
    ("Tanaka-san へ資料を送付",                         ["Tanaka"]),
    ("Yamada様 ご確認ください",                          ["Yamada"]),
    ("担当: Taro Yamada <taro.yamada@example.com>",     ["Taro Yamada"]),
    ("Please contact Hiroshi Kobayashi <hiroshi.kobayashi@example.com> today", ["Hiroshi Kobayashi"]),  # echoed in the address
    ("Please contact Sales Team <sales@example.com>",    []),               # not echoed: an English phrase
    ("Ｍｒ．Ｓｕｚｕｋｉ に電話",                          ["Ｓｕｚｕｋｉ"]),   # full width
    ("Ana Souzaです。ブラジル出身です",                     ["Ana Souza"]),     # Japanese copula after
    ("I'm Priya Raman, a care fellow",                  ["Priya Raman"]),   # introduction before
    ("本人確認の件、よろしくお願いします。Kaito Sugimoto",   ["Kaito Sugimoto"]),  # known Japanese names
    ("申請者：NAKANISHI Hayate",                         ["NAKANISHI Hayate"]),
    ("新しい iPhone Pro を買った",                        []),
    ("連絡先 taro@example.com まで",                     []),               # the address itself is not a name
    ("Apple Music で聴いた",                            []),
    ("Tokyo Dome で観戦",                               []),               # a place, not a known name
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), ROMAJI_CASES)
def test_romaji_names(text: str, expected: list[str]) -> None:
    rec = RomajiNameRecognizer()
    results = rec.analyze(text, ["PERSON"], None)
    assert [text[r.start:r.end] for r in results] == expected
    assert all(r.recognition_metadata[RecognizerResult.RECOGNIZER_NAME_KEY] == "jp.person_romaji.v1"
               for r in results)


# -- labelled and kana names (pattern tier, no GiNZA) ----------------------------------------------

# fmt: off
LABELLED_CASES = [
    ("お名前：鈴木 花子（スズキ ハナコ）",                       ["鈴木 花子"]),
    ("ご担当者：総務部 堤 真一郎\nTEL：06-1234-5678",          ["堤 真一郎"]),     # department dropped
    ("氏名丹羽 直人です。",                                   ["丹羽 直人"]),     # no separator, copula dropped
    ("名義 ミウラ タカユキ",                                   ["ミウラ タカユキ"]),
    ("担当：Kevin Huang k.huang@example.com",                ["Kevin Huang"]),
    ('member.signup id=88412 name="Sophie Dubois" kana="ソフィー デュボア"', ["Sophie Dubois", "ソフィー デュボア"]),
    ("GET /apply/done?name=Sato+Haruka&tel=03-0000-0000",    ["Sato+Haruka"]),
    ("Full name (as in passport): WANG Lihua",               ["WANG Lihua"]),
    ("会員番号,氏名,支店\n40219934,中島 千尋,浦和中央支店",       ["中島 千尋"]),    # a CSV column
    ("ｵﾅﾏｴ: なし",                                           []),
    ("名前のない猫",                                          []),
    ("名義変更の手続きをした",                                  []),
    ("担当：営業部",                                          []),
    ("filename=report.pdf",                                  []),
]

KANA_CASES = [
    ("振込名義 イシダ ケンイチ です",       ["イシダ ケンイチ"]),
    ("ｸﾎﾞﾀ ﾏｻﾙ様",                        ["ｸﾎﾞﾀ ﾏｻﾙ"]),         # half width
    ("スーパー セール 開催中",              []),                   # not names
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), LABELLED_CASES)
def test_labelled_names(text: str, expected: list[str]) -> None:
    results = LabelledNameRecognizer().analyze(text, ["PERSON"], None)
    assert [text[r.start:r.end] for r in results] == expected
    assert all(r.recognition_metadata[RecognizerResult.RECOGNIZER_NAME_KEY] == "jp.person_labelled.v1"
               for r in results)


@pytest.mark.parametrize(("text", "expected"), KANA_CASES)
def test_kana_names(text: str, expected: list[str]) -> None:
    results = KanaNameRecognizer().analyze(text, ["PERSON"], None)
    assert [text[r.start:r.end] for r in results] == expected


@pytest.mark.ginza
@pytest.mark.parametrize("text", ["GET /items?page=2&sort=asc", "scheduler started jobs=14", 'ua="okhttp/4.9"'])
def test_log_keys_are_not_names(ginza_engine: GinzaNlpEngine, text: str) -> None:
    assert persons(ginza_engine, text) == []
