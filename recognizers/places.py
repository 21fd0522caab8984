"""LOCATION: place and facility names in Japanese text, from GiNZA, Sudachi and head nouns.

Three sources, merged into one span where they overlap:

* GiNZA entities whose ENE label is in the Location or Facility subtree
  (``recognizers.ginza_labels.LOCATION_LABELS``; see that module for the choice);
* runs of Sudachi 名詞-固有名詞-地名 tokens with the administrative suffixes written after them
  (佐賀県|三養基郡|基山町 is one place; アメリカ・サンフランシスコ too);
* facility names: a name-like run ending in a facility head noun (○○駅, ○○公園, ○○神社,
  ○○高校, ○○スタジアム). GiNZA often labels these as a person or a company.

and two filters:

* a place written into an organisation, event or work name is not reported on its own: a
  place directly followed by an organisation head (ポーランド銀行, イギリス軍, 大阪ガス) or
  inside a longer GiNZA organisation/event/work entity (日本臨床腫瘍学会);
* a GiNZA place made only of ordinary nouns (首都圏, 地元) is not a named place.

Nationality words (日本人, ドイツ人) mark the place they are made of: the place part is
reported (it says where a person is from as much as 日本出身 does).

==========================================================  =====
evidence                                                    score
==========================================================  =====
GiNZA and Sudachi agree, or a Sudachi place run with suffix  0.85
facility name (name + facility head, or one token: 三宮駅)   0.80
one source only (a GiNZA place, a Sudachi place token)      0.70
place inside a nationality word (日本|人)                    0.60
==========================================================  =====

A lone Sudachi place word with one source needs a locative particle or noun after it (東京に,
札幌在住), except when the token carries its own administrative suffix (浜松市, デラウェア州)
or is listed with another place (台湾、香港; 九州・沖縄): without GiNZA's agreement (the fast
tier) these decide. A country written straight before the noun it modifies names an
organisation, team or event (スイス選手団, 日本ダンロップ) and is not reported, unless the noun
keeps it a place (中国側, ドイツ最大, フランス国内).

Street addresses are the address recognizer's (JP_ADDRESS scores 0.90 and above), so an
address wins over the LOCATION inside it when overlaps are resolved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from presidio_analyzer import EntityRecognizer, LocalRecognizer, RecognizerResult

from .ginza_labels import LOCATION_LABELS, ORGANIZATION_LABELS
from .names import ORGANIZATION_PREFIXES, _lexicon_entry
from .registry import RecognizerSpec
from .triggers import LETTER
from .sudachi_tags import NAME_TAGS, PLACE_TAGS, DocTokens, Script, Tag, doc_tokens, script_of

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts
    from spacy.tokens import Doc

__all__ = [
    "PlaceConfig", "PlaceHit", "find_locations", "JapaneseLocationRecognizer", "SPECS",
    "FACILITY_HEADS", "PLACE_SUFFIXES", "ORGANIZATION_AFTER_PLACE",
]

#: Written right after a place name, part of it (大阪|府, 伊那|市, 八雲|町, ミネソタ|州).
PLACE_SUFFIXES: frozenset[str] = frozenset({
    "都", "道", "府", "県", "市", "区", "町", "村", "郡", "州", "省", "国", "島", "諸島", "半島", "地区",
    "地方", "地域", "丁目", "町内", "市内", "県内", "区内", "沖", "湾", "海", "川", "湖", "山", "岳", "峠",
    "平野", "盆地", "高原", "台地", "海峡", "列島", "村落", "自治区", "特別区", "特別市", "広域市", "直轄市",
    "民国", "共和国", "合衆国", "連邦", "王国", "公国", "砂漠", "山脈", "山地", "連峰", "水道", "運河", "大陸", "東部", "西部", "南部", "北部", "中部", "中央部",
    "北東部", "北西部", "南東部", "南西部", "沿岸", "近郊", "郊外", "市街", "市街地", "旧市街", "中心部",
    "全域", "全土", "一帯", "周辺", "地下", "駅前", "本土", "北", "南", "東", "西",
    "藩", "本島", "諸国", "畔", "湖畔", "山麓", "都心", "以北", "以南", "以東", "以西",
})

#: Heads of facility names (ENE Facility: GOE, Line, Archaeological_Place): a name before one
#: of these makes a place someone can be at.
FACILITY_HEADS: frozenset[str] = frozenset({
    "駅", "空港", "港", "漁港", "公園", "神社", "神宮", "大社", "寺", "寺院", "院", "城", "城跡", "橋",
    "大橋", "病院", "医院", "クリニック", "診療所", "療養所", "高校", "高等学校", "中学校", "中学",
    "小学校", "幼稚園", "保育園", "ホール", "会館", "公会堂", "劇場", "美術館", "博物館", "図書館",
    "資料館", "記念館", "動物園", "植物園", "水族館", "球場", "野球場", "競技場", "陸上競技場",
    "スタジアム", "アリーナ", "ドーム", "体育館", "ホテル", "旅館", "温泉", "百貨店", "デパート", "ビル",
    "タワー", "古墳", "古墳群", "遺跡", "史跡", "貝塚", "通り", "街道", "道路", "国道", "高速道路",
    "自動車道", "線", "本線", "トンネル", "ダム", "広場", "商店街", "市場", "教会", "大聖堂", "聖堂",
    "宮殿", "パレス", "庭園", "霊園", "墓地", "基地", "飛行場", "競馬場", "刑務所", "拘置所",
    "大使館", "領事館", "役所", "市役所", "区役所", "役場", "町役場", "村役場", "警察署", "消防署",
    "郵便局", "キャンプ", "センター", "プラザ", "モール", "ショッピングセンター", "パーク", "ガーデン",
    "サーキット", "ゴルフ場", "スキー場", "キャンパス", "寮", "団地", "ニュータウン", "マンション",
    "ハイツ", "学舎", "校舎", "祠", "堂", "塔", "灯台", "牧場", "農場", "浜", "海岸", "岬", "滝",
    "インターチェンジ", "ジャンクション", "IC", "JCT", "サービスエリア", "パーキングエリア", "SA", "PA",
    "ハイウェイ", "バイパス", "発電所", "変電所", "渓谷", "峡谷", "自然公園", "国立公園", "国定公園",
    "工場", "場", "ファーム", "リゾート", "ランド", "ワールド", "ヴィレッジ",
    "店", "駅舎", "学校", "国民学校", "干潟", "湿原",
})

#: Administrative suffixes that make the word before them a place even when Sudachi does not
#: tag it as one (浦口|区, コロニー|町, ルイジアナ|州).
ADMIN_SUFFIXES: frozenset[str] = frozenset({"都", "道", "府", "県", "市", "区", "町", "村", "郡", "州", "省"})

#: Facility heads that Sudachi writes into one proper-noun token with the name before them
#: (三宮駅, 東海道線, 対馬空港, 東京ドーム): the token is a facility name in itself.
TOKEN_FACILITY_HEADS: tuple[str, ...] = ("駅", "線", "空港", "ドーム", "公園", "神宮", "神社", "球場", "競技場")


def _facility_token(word: str) -> bool:
    return any(len(word) > len(head) and word.endswith(head) for head in TOKEN_FACILITY_HEADS)


def _admin_place_token(word: str) -> bool:
    """One place token that ends in its administrative suffix (浜松市, 東京都渋谷区, デラウェア州):
    the suffix says it is a place, whatever follows."""
    return len(word) > 1 and word[-1] in ADMIN_SUFFIXES


#: Heads that make a place part of an organisation, event or work name (ポーランド銀行,
#: イギリス軍, 大阪ガス, マリアナ沖海戦): the place is then not reported on its own.
ORGANIZATION_AFTER_PLACE: frozenset[str] = frozenset({
    "銀行", "信用金庫", "航空", "鉄道", "電鉄", "交通", "バス", "証券", "保険", "生命", "製紙", "製鉄",
    "電力", "ガス", "電気", "電灯", "工業", "商事", "物産", "建設", "新聞", "放送", "テレビ", "株式会社",
    "グループ", "軍", "陸軍", "海軍", "空軍", "艦隊", "政府", "議会", "代表", "党", "協会", "学会", "連盟",
    "委員会", "財団", "大学", "学園", "短期大学", "大学院", "FC", "ユナイテッド", "クラブ", "チーム",
    "戦", "海戦", "会戦", "戦争", "事件", "事故", "条約", "宣言", "会議", "大会", "映画祭", "祭", "賞",
    "万博", "五輪", "オリンピック", "虐殺", "大虐殺", "地震", "大震災", "空襲", "作戦", "方面軍",
    "放送局", "出版", "書店", "製作所", "研究所", "法人", "合衆国軍", "王国軍", "帝国軍",
    "支店", "支社", "本店", "本社", "営業所", "出張所", "事業所", "営業部",
})

_CONNECTORS = frozenset({"・", "=", "＝", "･"})
_FOREIGN = frozenset({Script.KATAKANA, Script.LATIN})
#: GiNZA labels that make a place inside them a modifier (organisations, events, works).
_CONTAINER_LABELS = (ORGANIZATION_LABELS - {"Nationality", "Ethnic_Group_Other"}) | frozenset({
    "Event_Other", "Occasion_Other", "Conference", "Incident_Other", "War", "Natural_Disaster",
    "Earthquake", "Game", "Award", "Movie", "Music", "Book", "Broadcast_Program", "Show", "Magazine",
    "Newspaper", "Product_Other", "Treaty", "Law", "Rule_Other", "Plan",
})


@dataclass(frozen=True, slots=True)
class PlaceConfig:
    """Which evidence the location recognizer uses (all on by default; off for ablation)."""

    ginza: bool = True
    sudachi: bool = True
    facilities: bool = True
    nationality: bool = True
    organization_filter: bool = True
    compound_filter: bool = False
    #: A lone Sudachi place token needs a locative particle or noun after it.
    locative_context: bool = True
    #: A place token with its administrative suffix written in (浜松市) and a facility token
    #: (三宮駅) stand alone, without locative context or GiNZA's agreement.
    suffixed_tokens: bool = True
    #: A country name written before the noun it modifies (スイス選手団, 日本ダンロップ) is part
    #: of an organisation's, team's or event's name, not a place of its own.
    country_modifiers: bool = True
    #: A lone place word listed with another place word needs no locative context.
    place_lists: bool = True
    #: Event venues, meeting points and affiliations are not reported (labelling guidelines).
    venue_filter: bool = True


@dataclass(frozen=True, slots=True)
class PlaceHit:
    start: int
    end: int
    score: float
    evidence: str


@dataclass(slots=True)
class _Candidate:
    s: int
    e: int
    ginza: bool = False
    sudachi: bool = False
    facility: bool = False
    nationality: bool = False


def _is_place_piece(toks: DocTokens, k: int) -> bool:
    return 0 <= k < len(toks) and toks.tags[k] in PLACE_TAGS


def _is_foreign_word(toks: DocTokens, k: int) -> bool:
    return (0 <= k < len(toks) and toks.tags[k] in (Tag.PLACE, Tag.COUNTRY, Tag.NOUN, Tag.PROPER)
            and script_of(toks.words[k]) in _FOREIGN)


def _sudachi_runs(toks: DocTokens) -> list[tuple[int, int]]:
    """Place tokens with their suffixes and neighbours: 佐賀県|三養基郡|基山町, 伊那|市,
    アメリカ・サンフランシスコ, バーデン=ヴュルテンベルク|州."""
    runs: list[tuple[int, int]] = []
    n = len(toks)
    k = 0
    while k < n:
        if not _is_place_piece(toks, k):
            k += 1
            continue
        s, j = k, k + 1
        while j < n:
            word = toks.words[j]
            if _is_place_piece(toks, j) or word in PLACE_SUFFIXES:
                j += 1
            elif (word in _CONNECTORS and _is_foreign_word(toks, j - 1) and _joins_place(toks, j + 1)
                  and not (word == "・" and _is_place_piece(toks, j - 1) and _is_place_piece(toks, j + 1))):
                j += 2  # バーデン=ヴュルテンベルク州; but ベルギー・フランス is a list of two places
            else:
                break
        while s >= 2 and toks.words[s - 1] in _CONNECTORS and _joins_place(toks, s - 2) \
                and _is_foreign_word(toks, s) \
                and not (toks.words[s - 1] == "・" and _is_place_piece(toks, s - 2) and _is_place_piece(toks, s)):
            s -= 2
        runs.append((s, j))
        k = j
    return runs


def _joins_place(toks: DocTokens, k: int) -> bool:
    """A foreign word that continues a place across ・/＝: itself a place (アメリカ・サンフランシスコ)
    or followed by a place suffix (バーデン=ヴュルテンベルク州); not a team name (ロサンゼルス・レイカーズ)."""
    if not _is_foreign_word(toks, k):
        return False
    return toks.tags[k] in PLACE_TAGS or (k + 1 < len(toks) and toks.words[k + 1] in PLACE_SUFFIXES)


def _nameish(toks: DocTokens, k: int) -> bool:
    """A token that can be part of a proper name (of a facility)."""
    tag = toks.tags[k]
    if tag in PLACE_TAGS or tag in NAME_TAGS or tag == Tag.PROPER:
        return True
    if tag != Tag.NOUN:
        return False
    word = toks.words[k]
    return script_of(word) in (Script.KATAKANA, Script.LATIN, Script.KANJI, Script.MIXED) \
        and not _lexicon_entry(word)[0]


_NOMINAL = frozenset({Tag.NOUN, Tag.PROPER, Tag.PLACE, Tag.COUNTRY, Tag.SURNAME, Tag.GIVEN_NAME,
                      Tag.PERSON_NAME, Tag.NUMBER, Tag.SUFFIX, Tag.PREFIX})


def _facility_candidates(toks: DocTokens) -> list[tuple[int, int]]:
    """Name + facility head: the nominal run before the head, from its first name-like token."""
    out: list[tuple[int, int]] = []
    n = len(toks)
    for h in range(n):
        if toks.tags[h] == Tag.PROPER and _facility_token(toks.words[h]):
            out.append((h, h + 1))  # 三宮駅: name and head in one token
        if h == 0 or (toks.words[h] not in FACILITY_HEADS and toks.words[h] not in ADMIN_SUFFIXES):
            continue
        s = h
        while s > 0 and (toks.tags[s - 1] in _NOMINAL or toks.words[s - 1] in _CONNECTORS):
            s -= 1
        # start at the first name-like token: 「地元の」, 「国立療養所」 are not part of the name
        while s < h and not _nameish(toks, s):
            s += 1
        if s == h:
            continue
        e = h + 1
        # a head can carry a number or a branch name after it (第二ビル, 3号館) - keep it simple
        out.append((s, e))
    return out


#: Affixes that make a word out of a place name: 日本|人, 日本|製, 在|日, 全|米, 対|ソ, 訪|中.
_PLACE_WORD_SUFFIXES = ("人", "製", "産", "系", "出身", "在住")
_PLACE_WORD_PREFIXES = ("在", "対", "訪", "来")


def _nationality_candidates(toks: DocTokens) -> list[tuple[int, int, int]]:
    """(token, start char, end char) of the place inside a word made from it (日本人, 全米)."""
    out: list[tuple[int, int, int]] = []
    for k, word in enumerate(toks.words):
        if len(word) < 2 or toks.tags[k] != Tag.NOUN or script_of(word) not in (Script.KANJI, Script.KATAKANA, Script.MIXED):
            continue
        start = toks.starts[k]
        for suffix in _PLACE_WORD_SUFFIXES:
            stem = word[: -len(suffix)]
            if word.endswith(suffix) and len(stem) >= 2 and _is_place_word(stem):
                out.append((k, start, start + len(stem)))
                break
        else:
            if word[0] in _PLACE_WORD_PREFIXES and len(word) >= 3 and _is_place_word(word[1:]):
                out.append((k, start + 1, start + len(word)))
    return out


@lru_cache(maxsize=16384)
def _is_place_word(word: str) -> bool:
    from .names import _sudachi_dictionary

    try:
        entries = _sudachi_dictionary().lookup(word)
    except Exception:
        return False
    return any(e.part_of_speech()[2] == "地名" for e in entries)


def _merge(toks: DocTokens, items: list[tuple[int, int, str]]) -> list[_Candidate]:
    """Union of overlapping candidates, cut again where the text has a space between tokens
    (京都　嵐山 names two places, whatever GiNZA joined)."""
    merged: list[_Candidate] = []
    for s, e, source in sorted(items):
        if merged and s < merged[-1].e:
            merged[-1].e = max(merged[-1].e, e)
        else:
            merged.append(_Candidate(s, e))
        setattr(merged[-1], source, True)
    out: list[_Candidate] = []
    for c in merged:
        start = c.s
        for k in range(c.s, c.e - 1):
            if toks.ends[k] < toks.starts[k + 1] or toks.tags[k + 1] == Tag.SPACE:
                out.append(_Candidate(start, k + 1, c.ginza, c.sudachi, c.facility, c.nationality))
                start = k + 1
        out.append(_Candidate(start, c.e, c.ginza, c.sudachi, c.facility, c.nationality))
    return out


def find_locations(doc: Doc, config: PlaceConfig = PlaceConfig()) -> list[PlaceHit]:
    """Place and facility spans in a GiNZA Doc (character offsets of ``doc.text``)."""
    toks = doc_tokens(doc)
    if not len(toks):
        return []
    ents = [(ent.start, ent.end, ent.label_) for ent in doc.ents]
    items: list[tuple[int, int, str]] = []
    if config.ginza:
        items += [(s, e, "ginza") for s, e, label in ents if label in LOCATION_LABELS]
    if config.sudachi:
        items += [(s, e, "sudachi") for s, e in _sudachi_runs(toks)]
    if config.facilities:
        items += [(s, e, "facility") for s, e in _facility_candidates(toks)]
    hits = [h for c in _merge(toks, items) if (h := _judge(toks, ents, c, config)) is not None]
    if config.nationality:
        covered = [(h.start, h.end) for h in hits]
        for _, start, end in _nationality_candidates(toks):
            if not any(s < end and start < e for s, e in covered):
                hits.append(PlaceHit(start, end, 0.6, "nationality"))
    return sorted(hits, key=lambda h: (h.start, h.end))


#: Written after a place: case particles that mark a location, and nouns about where someone
#: is from or goes (東京に, 大阪から, 京都出身, 札幌在住, 博多行き).
LOCATIVE_AFTER: frozenset[str] = frozenset({
    "に", "で", "へ", "から", "まで", "より", "の", "を", "にて", "出身", "在住", "生まれ", "育ち", "方面",
    "行き", "発", "付近", "近く", "周辺", "沖", "出張", "旅行", "観光", "滞在", "在", "人", "産", "県内",
    "市内", "都内", "近郊", "郊外", "駅前", "地元", "移民", "大使", "公使", "領事", "代表", "担当", "国籍",
    "間", "経由", "着", "版", "同郷", "市長", "町長", "村長", "区長", "知事", "総督", "領", "国境", "国民",
    "市民", "県民", "都民", "府民", "道民", "州知事", "州民",
})


#: Between the members of a list of places (台湾、香港; 九州・沖縄; 京橋や日本橋; 井荻-高田馬場).
_PLACE_LIST_MARKS = frozenset({"、", "，", ",", "・", "や", "と", "-", "－", "‐", "〜", "～", "及び", "および", "または"})


def _listed_with_place(toks: DocTokens, s: int, e: int) -> bool:
    """A lone place word listed with another place word: the list says what it is."""
    if e + 1 < len(toks) and toks.words[e] in _PLACE_LIST_MARKS and _is_place_piece(toks, e + 1):
        return True
    return s >= 2 and toks.words[s - 1] in _PLACE_LIST_MARKS and _is_place_piece(toks, s - 2)


#: Nouns after a country that keep it a place: a side, a time, a part or a superlative of
#: the country (中国側, 日本統治時代, フランス国内, ドイツ最大), and its offices (米国国務長官).
_COUNTRY_PLACE_NOUNS = frozenset({
    "側", "時代", "統治", "国内", "国外", "全国", "全土", "各地", "帝国", "以外", "自体", "向け", "史上",
    "王政", "成立", "首相", "大統領", "国王", "王子", "王女", "女王", "皇帝", "国務長官", "司法長官",
    "政府", "公開", "上演", "式", "型",
})


def _country_still_a_place(word: str) -> bool:
    return word in LOCATIVE_AFTER or word in _COUNTRY_PLACE_NOUNS or word.startswith("最")


def _noun_follows(toks: DocTokens, e: int) -> bool:
    """A noun right after the place: it may be a modifier (茨城県|代表, 東京都|大学), not a place."""
    return e < len(toks) and toks.tags[e] in (Tag.NOUN, Tag.PROPER, Tag.PLACE, Tag.COUNTRY, Tag.NUMBER) \
        and toks.words[e] not in _PART_OF_PLACE_AFTER


def _locative_context(toks: DocTokens, e: int) -> bool:
    return e < len(toks) and toks.words[e] in LOCATIVE_AFTER


#: GiNZA labels whose names denote a built place in themselves (a station, a park), unlike
#: GOE_Other/School/Public_Institution, which GiNZA also gives to companies and universities.
_BUILT_PLACE_LABELS = frozenset({
    "Station", "Airport", "Port", "Car_Stop", "Park", "Museum", "Zoo", "Amusement_Park",
    "Sports_Facility", "Worship_Place", "Road", "Railroad", "Bridge", "Tunnel", "Canal",
    "Water_Route", "Tumulus", "Archaeological_Place_Other", "Island", "Lake", "River", "Mountain",
    "Bay", "Sea", "Spa",
})


def _built_place_label(ents: Sequence[tuple[int, int, str]], s: int, e: int) -> bool:
    return any(es < e and s < ee and label in _BUILT_PLACE_LABELS for es, ee, label in ents)


def _org_head_follows(toks: DocTokens, e: int) -> bool:
    """An organisation/event head within the noun compound after the place (ポーランド銀行,
    北海道|公安委員会, 長野|県警察本部)."""
    k = e
    while k < len(toks) and k < e + 3:
        word = toks.words[k]
        if word in ORGANIZATION_AFTER_PLACE or _ends_with_org_head(word):
            return True
        if k + 1 < len(toks) and word + toks.words[k + 1] in ORGANIZATION_AFTER_PLACE:
            return True
        if toks.tags[k] not in (Tag.NOUN, Tag.SUFFIX, Tag.PROPER, Tag.PREFIX):
            return False
        k += 1
    return False


#: Labels before a place that make it an event's venue or someone's affiliation, and words
#: after it that make it an event's location (labelling guidelines: not LOCATION).
_VENUE_LABELS = frozenset({"会場", "集合", "集合場所", "開催地", "開催場所", "所属", "主催", "共催", "後援",
                           "勤務先", "会場は", "於"})
_VENUE_AFTER = frozenset({"開催", "大会", "公演", "集合"})


def _venue_or_affiliation(toks: DocTokens, s: int, e: int) -> bool:
    k = s - 1
    while k >= 0 and toks.words[k] in (":", "：", " ", "は", "の"):
        k -= 1
    if k >= 0 and toks.words[k] in _VENUE_LABELS:
        return True
    if e < len(toks) and toks.words[e] in _VENUE_AFTER:
        return True
    return e + 1 < len(toks) and toks.words[e] == "から" and toks.words[e + 1].startswith("徒歩")


def _in_foreign_name(toks: DocTokens, s: int, e: int) -> bool:
    """Joined by ・/＝ to a katakana word that is not a place: a team, company or person name."""
    n = len(toks)
    if e + 1 < n and toks.words[e] in _CONNECTORS and _is_foreign_word(toks, e + 1) \
            and not _is_place_piece(toks, e + 1):
        return True
    return (s >= 2 and toks.words[s - 1] in _CONNECTORS and _is_foreign_word(toks, s - 2)
            and not _is_place_piece(toks, s - 2))


def _after_foreign_word(toks: DocTokens, s: int) -> bool:
    return s > 0 and toks.tags[s - 1] in (Tag.NOUN, Tag.PROPER) and script_of(toks.words[s - 1]) in _FOREIGN


_EVENT_AFTER_NO = frozenset({"戦い", "乱", "変", "役", "陣", "合戦", "会戦", "戦", "和約", "盟約", "誓い"})


def _battle_name(toks: DocTokens, e: int) -> bool:
    return e + 1 < len(toks) and toks.words[e] == "の" and toks.words[e + 1] in _EVENT_AFTER_NO


@cache
def _org_head_suffixes() -> tuple[str, ...]:
    return tuple(head for head in ORGANIZATION_AFTER_PLACE if len(head) >= 2)


@lru_cache(maxsize=65536)
def _ends_with_org_head(word: str) -> bool:
    """One token that ends in an organisation head (福建|省政府, 小樽商科大学, 東濃鉄道)."""
    return any(len(word) > len(head) and word.endswith(head) for head in _org_head_suffixes())


def _modifies_noun(toks: DocTokens, e: int) -> bool:
    """The place is followed directly by a noun it modifies (not a suffix of its own)."""
    if e >= len(toks):
        return False
    word = toks.words[e]
    if word in PLACE_SUFFIXES or word in FACILITY_HEADS:
        return False
    return toks.tags[e] in (Tag.NOUN, Tag.PROPER, Tag.SURNAME, Tag.GIVEN_NAME, Tag.PERSON_NAME, Tag.SUFFIX)


#: Words after a place that say "around it": not part of its name (新宿駅南口|あたり).
_PART_OF_PLACE_AFTER = frozenset({"周辺", "付近", "近く", "あたり", "辺り", "界隈", "方面"})


def _judge(toks: DocTokens, ents: Sequence[tuple[int, int, str]], cand: _Candidate,
           config: PlaceConfig) -> PlaceHit | None:
    s, e = cand.s, cand.e
    while s < e and toks.tags[s] in (Tag.PUNCT, Tag.SYMBOL, Tag.SPACE, Tag.PARTICLE):
        s += 1
    while e > s and (toks.tags[e - 1] in (Tag.PUNCT, Tag.SYMBOL, Tag.SPACE, Tag.PARTICLE)
                     or toks.words[e - 1] in _PART_OF_PLACE_AFTER):
        e -= 1  # 新宿駅|南口あたり: the station is the place
    if s >= e:
        return None
    if e - s > 3 and any(toks.tags[k] == Tag.OTHER for k in range(s, e)):
        return None  # a clause with a verb, not a name (GiNZA sometimes spans one)
    words = toks.words[s:e]
    has_place = any(t in PLACE_TAGS for t in toks.tags[s:e])
    facility = cand.facility and (words[-1] in FACILITY_HEADS or words[-1] in ADMIN_SUFFIXES
                                  or _facility_token(words[-1]))

    if config.organization_filter:
        if config.compound_filter and not facility and _modifies_noun(toks, e):
            return None  # 江戸時代, 甲州征伐, クリーヴランド管弦楽団: a place inside another name
        if not facility:
            if _org_head_follows(toks, e):
                return None
            if (words[-1] in ORGANIZATION_AFTER_PLACE and len(words) > 1) or _ends_with_org_head(words[-1]):
                return None
            if _battle_name(toks, e):
                return None  # 長篠の戦い, 応仁の乱: the place names an event
        if s > 0 and toks.words[s - 1] in ORGANIZATION_PREFIXES:
            return None
        if _in_foreign_name(toks, s, e):
            return None  # ロサンゼルス|・レイカーズ, ヴィトゥス・|ベーリング: part of a longer name
        if not facility and _after_foreign_word(toks, s):
            return None  # ヴェルディ川崎, ミシュランガイド東京: a team or title that ends in a place
        for es, ee, label in ents:
            if es <= s and e <= ee and (ee - es) > (e - s) and label in _CONTAINER_LABELS \
                    and not all(toks.tags[k] in PLACE_TAGS or toks.words[k] in _CONNECTORS for k in range(es, ee)):
                return None
        if cand.ginza and not (has_place or facility or cand.sudachi) and all(
                toks.tags[k] == Tag.NOUN and _lexicon_entry(toks.words[k])[0] for k in range(s, e)):
            return None  # 首都圏, 地元: ordinary nouns, not a named place

    if (config.organization_filter and config.country_modifiers and e - s == 1 and toks.tags[s] == Tag.COUNTRY
            and not facility
            and _modifies_noun(toks, e) and not _country_still_a_place(toks.words[e])):
        return None  # スイス|選手団, 日本|ダンロップ, ドイツ|連邦国防省: the country names an organisation's

    if config.venue_filter and _venue_or_affiliation(toks, s, e):
        return None  # 会場：パシフィコ横浜, 来年は仙台開催, 所属：〇〇病院 — not where a person is

    if config.locative_context and not facility and not (cand.ginza and cand.sudachi):
        if (cand.sudachi and e - s == 1 and toks.tags[s] != Tag.COUNTRY and not _locative_context(toks, e)
                and not (config.suffixed_tokens and _admin_place_token(words[0]) and not _noun_follows(toks, e))
                and not (config.place_lists and _listed_with_place(toks, s, e))):
            return None  # one place-tagged word as a topic or subject (瀬戸が, 大村は) is often a person
        if cand.ginza and not cand.sudachi and not has_place and not _locative_context(toks, e) \
                and not _built_place_label(ents, s, e):
            return None  # GiNZA alone on a word Sudachi does not call a place: often a company
        if cand.ginza and not cand.sudachi and not has_place and all(
                toks.tags[k] in NAME_TAGS or toks.words[k] in _CONNECTORS for k in range(s, e)):
            return None  # スターリン, 尊氏: Sudachi's dictionary knows the word as a person's name

    sources = [name for name in ("ginza", "sudachi", "facility") if getattr(cand, name)]
    if facility:
        score = 0.8
    elif cand.ginza and (cand.sudachi or has_place):
        score = 0.85
    elif cand.sudachi and e - s > 1:
        score = 0.85
    else:
        score = 0.7
    return PlaceHit(toks.starts[s], toks.ends[e - 1], score, "+".join(sources))


class JapaneseLocationRecognizer(LocalRecognizer):
    """LOCATION from the GiNZA Doc in NlpArtifacts (see the module docstring)."""

    def __init__(self, *, config: PlaceConfig = PlaceConfig(), name: str = "jp.location.v1") -> None:
        self.config = config
        super().__init__(supported_entities=["LOCATION"], supported_language="ja", name=name)

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        if nlp_artifacts is None or "LOCATION" not in entities:
            return []
        doc = nlp_artifacts.tokens
        if doc is None or len(doc_tokens(doc).text) != len(text):
            return []
        return [
            RecognizerResult("LOCATION", h.start, h.end, h.score, recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                "evidence": h.evidence,
            })
            for h in find_locations(doc, self.config)
        ]


def _location_factory() -> EntityRecognizer:
    return JapaneseLocationRecognizer()


SPECS: tuple[RecognizerSpec, ...] = (
    RecognizerSpec(
        id="jp.location.v1", entities=("LOCATION",), tier="nlp", factory=_location_factory,
        trigger=LETTER,
        description="Place and facility names: GiNZA Location/Facility ENE labels + Sudachi 地名 "
                    "runs + facility head nouns; places inside organisation/event names dropped",
    ),
)
