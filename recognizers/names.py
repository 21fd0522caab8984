"""PERSON: people's names in Japanese text, from GiNZA, Sudachi and context evidence.

GiNZA's ``Person`` label alone scores F1 0.69 (ja_ginza meta.json; 0.685 on ner-wikipedia) and
makes two kinds of error that the tokenizer and the context can correct:

* it misses names that Sudachi's dictionary knows (姓 + 名 such as 最上義光; foreign names tagged
  人名-一般) and cuts foreign names joined by ・ or ＝ after one piece;
* it calls ordinary words, places and organisations people (トランペット, カーディフ, 松下電器).

A candidate is a GiNZA ``Person`` span (widened to a whole ・-joined katakana name, cut at ・
between kanji names, which lists two people), a run of Sudachi 人名 tokens, a word before an
honorific, or a katakana word Sudachi does not know next to a role. Overlapping candidates are
merged, trimmed to their name-like tokens, and judged:

=========================================================================  =====
evidence                                                                   score
=========================================================================  =====
honorific after it (さん, 様, 氏, 先生, くん, ちゃん, 殿…)                       0.90
role after or before it (部長, 教授, 選手, 大統領; 担当の, 氏名：, 研究者の)       0.90
full name: Sudachi 姓 + 名 (+ a given name from the packaged dictionary)      0.85
katakana/latin name joined by ・ or ＝ with a Sudachi 人名 piece               0.85
GiNZA Person containing a Sudachi 人名 token                                 0.85
kanji run that reads as surname + given name in the packaged dictionary      0.60
one Sudachi 人名-名/一般 token that GiNZA did not mark (not one character)     0.60
a lone surname that is a whole argument of its clause (岩下が, 田中の, 西沢・高木)  0.60
unknown katakana word with a role next to it                                0.60
without NER only: ・-joined katakana words Sudachi does not know             0.60
without NER only: an unknown katakana word opening its clause as topic (Xは)  0.50
=========================================================================  =====

The last two stand in for GiNZA's Person where NER did not look (the fast tier, and the tokens
outside the balanced tier's windows; ``DocTokens.ner_saw``): where GiNZA looked and marked
nothing, its silence counts against them. A lone surname is reported only as a clause argument: before
a noun it is as often part of a place, a company or a shop (中村区, 田中駅, 山田電機).

Not reported, by decision (measured on the development half of ner-wikipedia, see
docs/evaluation-ner-wikipedia.md): a GiNZA Person span with no Sudachi 人名 token and no
context, which is wrong more often than right (precision about 0.3); it can be switched on in
``PersonConfig``.

Vetoes (``organization_filter``): a name followed, within its noun compound, by an organisation
or facility head (田中病院, 松下電器, 森建築事務所, マイルス・グループ) or preceded by 株式会社;
inside a longer GiNZA organisation, place, facility or work entity; only place tokens with no
person evidence (カーディフ); a name written into a longer noun (吉田内閣, レイクチャールズ;
``compound_filter``), except before verbal nouns (ジダーノフ批判) and family words (常磐井家);
a title alone in quotes (「アイ・ラブ・ルーシー」).

Names in forms, logs and romaji are found from text alone by the pattern-tier recognizers in
``recognizers.name_patterns`` (labelled fields, kana names, romaji names); their specs are
part of this module's ``SPECS``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from presidio_analyzer import EntityRecognizer, LocalRecognizer, RecognizerResult

from .ginza_labels import LOCATION_LABELS, ORGANIZATION_LABELS
from .name_dictionary import name_dictionary
from .name_patterns import SPECS as NAME_PATTERN_SPECS
from .registry import RecognizerSpec
from .triggers import LETTER
from .sudachi_tags import NAME_TAGS, PLACE_TAGS, DocTokens, Script, Tag, derived, doc_tokens, script_of

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts
    from spacy.tokens import Doc

__all__ = [
    "PersonConfig", "PersonHit", "find_persons", "JapanesePersonRecognizer",
    "SPECS", "HONORIFICS", "ROLES_AFTER", "ROLE_BEFORE", "ORGANIZATION_HEADS",
]

# -- word lists (general Japanese; see module docstring) ---------------------------------------

#: Honorifics written right after a name: decisive on their own (ブウさん, 田中様).
HONORIFICS: frozenset[str] = frozenset({
    "さん", "様", "さま", "サマ", "サン", "氏", "君", "くん", "クン", "ちゃん", "チャン", "殿", "どの",
    "先生", "先輩", "嬢", "夫人", "女史", "翁", "卿", "陛下", "殿下", "氏ら", "さんら", "たん", "っち",
})

#: Roles written right after a name (佐藤部長, 山田選手): evidence only for a word that is
#: already name-like, because an organisation takes the same roles (FIFA会長).
ROLES_AFTER: frozenset[str] = frozenset({
    "社長", "会長", "副社長", "専務", "常務", "取締役", "部長", "課長", "係長", "主任", "店長", "院長",
    "校長", "教頭", "園長", "理事長", "委員長", "局長", "所長", "室長", "班長", "支店長", "工場長",
    "教授", "准教授", "助教授", "講師", "助教", "博士", "医師", "看護師", "薬剤師", "弁護士", "税理士",
    "司法書士", "行政書士", "記者", "議員", "知事", "市長", "町長", "村長", "区長", "大臣", "首相",
    "総理", "大統領", "長官", "選手", "監督", "コーチ", "投手", "捕手", "騎手", "棋士", "容疑者",
    "被告", "被告人", "受刑者", "被害者", "牧師", "神父", "住職", "和尚", "上人", "アナ",
    "アナウンサー", "代表", "CEO", "代表取締役", "会計士", "画伯", "名誉教授", "伯爵", "公爵", "侯爵",
    "男爵", "子爵", "王子", "王女", "皇太子", "国王", "女王", "将軍", "大将", "中将", "少将", "大佐",
    "船長", "艦長", "機長", "師匠", "親方", "関", "ら", "ら兄弟", "師", "達", "たち", "総統", "参議", "候補", "候補者", "議長",
    "皇子", "皇女", "親王", "内親王", "帝", "法師", "禅師", "大師", "女流", "兄", "姉", "弟", "妹",
    # ranks and offices
    "元帥", "大尉", "中尉", "少尉", "少佐", "中佐", "准将", "提督", "司令官", "参謀", "外相", "内相",
    "蔵相", "法相", "文相", "厚相", "農相", "防衛相", "外務大臣", "副大統領", "副首相", "幹事長",
    "総裁", "副総裁", "頭取", "皇帝", "王", "天皇", "法王", "教皇", "主席", "書記長", "大使", "領事",
    "判事", "検事", "裁判官", "研究員", "社員", "職員", "店員", "部員", "会員", "隊員", "団員",
    "夫妻", "夫婦", "一家", "兄弟", "姉妹", "親子", "父子", "母子", "本人", "自身", "自ら", "一行", "陣営",
    # what people do, written after their name (宮崎駿監督作品, 手塚治虫原作)
    "作", "著", "訳", "画", "編", "監修", "原作", "作画", "脚本", "演出", "主演", "出演", "司会",
    "作詞", "作曲", "編曲", "撮影", "談", "述", "筆", "選", "死後", "没後", "生前", "時代", "邸",
})

#: Written right after a name to mean the person's family, faction or alias (常磐井家, 安倍派).
PERSON_GROUP_WORDS: frozenset[str] = frozenset({
    "家", "派", "一族", "一門", "一家", "兄弟", "姉妹", "夫妻", "夫婦", "親子", "こと", "個人", "本人", "自身",
})

#: Written right before a name (directly or with の): labels and roles.
ROLE_BEFORE: frozenset[str] = frozenset({
    "氏名", "名前", "お名前", "担当", "担当者", "患者", "利用者", "会員", "申込者", "送り主", "宛名",
    "差出人", "受取人", "依頼人", "代表", "代表者", "代表取締役", "社長", "会長", "部長", "課長",
    "教授", "監督", "医師", "主治医", "弁護士", "議員", "首相", "大統領", "首席", "作家", "俳優",
    "女優", "歌手", "選手", "記者", "容疑者", "被告", "被害者", "故", "父", "母", "兄", "姉", "弟",
    "妹", "夫", "妻", "息子", "娘", "長男", "長女", "次男", "次女", "祖父", "祖母", "友人", "知人",
    "同僚", "上司", "部下", "創業者", "創設者", "発明者", "著者", "作者", "講師", "院長", "店長",
    "ファン", "Mr", "Ms", "Mrs", "Dr",
})

#: Head nouns of organisation and facility names: a name directly before one of these is the
#: name of the organisation (田中病院, 松下電器, 鈴木建設), not of a person present in the text.
ORGANIZATION_HEADS: frozenset[str] = frozenset({
    "株式会社", "有限会社", "合同会社", "合資会社", "社", "会社", "商事", "商店", "商会", "工業",
    "工務店", "電器", "電機", "電気", "製作所", "製薬", "建設", "銀行", "証券", "保険", "産業", "興業",
    "物産", "食品", "病院", "医院", "クリニック", "診療所", "歯科", "薬局", "学会", "協会", "連盟",
    "連合", "組合", "財団", "基金", "委員会", "研究所", "研究会", "事務所", "法律事務所", "大学",
    "学園", "学院", "学校", "高校", "中学", "小学校", "幼稚園", "保育園", "グループ", "ホールディングス",
    "記念", "記念館", "記念病院", "賞", "杯", "神社", "寺", "教会", "会館", "ホール", "劇場", "美術館",
    "博物館", "文庫", "ビル", "駅", "線", "通り", "橋", "屋", "党", "会", "団", "店", "堂", "館", "園",
    "クラブ", "法人", "症候群", "病", "定理", "効果", "方程式", "家具", "書店", "出版", "新聞",
    "放送", "テレビ", "スタジオ", "プロダクション", "事務局", "ホテル", "旅館", "農園", "牧場", "酒造",
    "醸造", "運輸", "交通", "鉄道", "航空", "自動車", "模型", "製菓", "本舗", "精機", "化学", "重工",
    "百貨店", "艦隊", "部隊", "軍団", "師団", "内閣", "政権", "商社",
    # katakana heads of company, team, venue and brand names
    "グループ", "カンパニー", "コーポレーション", "インターナショナル", "ホールディングス", "キャピタル",
    "エンタテインメント", "エンターテインメント", "エンタープライズ", "プロダクション", "プロダクツ",
    "レコード", "レコーズ", "ミュージック", "ピクチャーズ", "フィルム", "フィルムズ", "スタジオ",
    "モータース", "モータースポーツ", "モーターズ", "レーシング", "ブラザーズ", "アソシエイツ",
    "システムズ", "テクノロジー", "テクノロジーズ", "ラボ", "ジャパン", "ユナイテッド", "シティ",
    "スタジアム", "アリーナ", "ホール", "センター", "パーク", "ガーデン", "ホテル", "タワー", "ビル",
    "ハウス", "ストリート", "アベニュー", "ブリッジ", "ステーション", "エアポート", "ミュージアム",
    "ギャラリー", "シアター", "クリニック", "ホスピタル", "カレッジ", "ユニバーシティ", "スクール",
    "アカデミー", "クラブ", "チーム", "ショップ", "ストア", "マート", "カフェ", "レストラン", "ベーカリー",
    "バンド", "オーケストラ", "トリオ", "カルテット", "アンサンブル", "賞", "記念",
})

#: Written right before a company name.
ORGANIZATION_PREFIXES: frozenset[str] = frozenset({
    "株式会社", "有限会社", "合同会社", "合資会社", "(株)", "(有)", "㈱", "㈲", "医療法人", "社会福祉法人",
    "学校法人", "宗教法人", "一般社団法人", "公益社団法人", "一般財団法人", "公益財団法人", "NPO法人",
})

_CONNECTORS = frozenset({"・", "=", "＝", "･", "゠"})
_FOREIGN_SCRIPTS = frozenset({Script.KATAKANA, Script.LATIN})
_PIECE_TAGS = NAME_TAGS | {Tag.NOUN, Tag.PROPER, Tag.PLACE}
#: GiNZA labels for titles of works and events: a name inside one is part of the title.
_WORK_LABELS = frozenset({
    "Movie", "Music", "Book", "Broadcast_Program", "Show", "Magazine", "Newspaper", "Game",
    "Product_Other", "Event_Other", "Occasion_Other", "Conference", "Incident_Other", "War",
    "Printing_Other", "Art_Other", "Award", "Rule_Other", "Law", "Treaty", "Plan",
})
_BLOCKING_LABELS = ORGANIZATION_LABELS | LOCATION_LABELS | _WORK_LABELS
_OPEN_QUOTES = frozenset("「『“\"'(（【")
_CLOSE_QUOTES = frozenset("」』”\"')）】")


@dataclass(frozen=True, slots=True)
class PersonConfig:
    """Which evidence the person recognizer uses (all on by default; off for ablation)."""

    ginza: bool = True
    sudachi: bool = True
    honorifics: bool = True
    dictionary: bool = True
    organization_filter: bool = True
    #: Drop a name written into a longer noun compound (吉田内閣, 中島飛行機).
    compound_filter: bool = True
    #: Report single Sudachi 人名-一般/名 tokens that GiNZA did not mark.
    lone_sudachi_names: bool = True
    #: Report a lone surname with no other evidence (off: see module docstring).
    lone_surnames: bool = False
    #: Report a lone surname that stands as a whole argument of its clause: followed by a
    #: case or topic particle (岩下が, 鈴木は, 加藤と) and not written into a compound.
    surname_arguments: bool = True
    #: Report ・-joined katakana groups of unknown words (オルガー・クラウセン) without GiNZA.
    joined_unknown: bool = True
    #: Report GiNZA Person spans that have no Sudachi 人名 token and no context.
    ginza_alone: bool = False
    #: ... except unknown katakana words that are the topic or subject (X は / X が).
    ginza_subject: bool = True
    #: Re-read kanji runs as surname + given name with the packaged dictionary.
    kanji_split: bool = True
    #: Propose katakana/latin words Sudachi does not know when a role is next to them.
    unknown_katakana: bool = True


@dataclass(frozen=True, slots=True)
class PersonHit:
    start: int
    end: int
    score: float
    evidence: str


# -- the Sudachi lexicon (is a word in the dictionary, and can it be a name?) --------------------

@cache
def _sudachi_dictionary() -> Any:
    from sudachipy import Dictionary

    return Dictionary()


@lru_cache(maxsize=65536)
def _lexicon_entry(surface: str) -> tuple[bool, bool]:
    """(known to Sudachi's dictionary, has a 人名 reading). Cached: surfaces repeat a lot."""
    try:
        entries = _sudachi_dictionary().lookup(surface)
    except Exception:  # a dictionary problem must not break detection
        return True, False
    known = len(entries) > 0
    return known, any(e.part_of_speech()[2] == "人名" for e in entries)


def is_unknown_word(surface: str) -> bool:
    """Sudachi's dictionary has no entry for this surface form (a name it does not know)."""
    return not _lexicon_entry(surface)[0]


# -- candidate building ------------------------------------------------------------------------

def _is_foreign_piece(toks: DocTokens, k: int) -> bool:
    return (0 <= k < len(toks) and toks.tags[k] in _PIECE_TAGS
            and script_of(toks.words[k]) in _FOREIGN_SCRIPTS)


def _sudachi_chains(toks: DocTokens) -> list[tuple[int, int]]:
    """Runs of 人名 tokens, plus katakana/latin pieces joined to them by ・ or ＝ (token ranges)."""
    chains: list[tuple[int, int]] = []
    n = len(toks)
    tags, words = toks.tags, toks.words
    i = 0
    while i < n:
        if tags[i] not in NAME_TAGS:
            i += 1
            continue
        s, j = _foreign_group(toks, i)
        while j < n:
            if tags[j] in NAME_TAGS and tags[j - 1] != Tag.SYMBOL:
                j += 1
            elif words[j] in _CONNECTORS and _is_foreign_piece(toks, j - 1) and _is_foreign_piece(toks, j + 1):
                j += 2
            elif (words[j] == " " and tags[j - 1] == Tag.SURNAME and j + 1 < n
                  and tags[j + 1] in (Tag.GIVEN_NAME, Tag.PERSON_NAME)):
                j += 2  # 山田 太郎 (a space between surname and given name)
            elif _katakana_continuation(toks, s, j):
                j += 1  # シュー|ザック: Sudachi cut the last piece of a foreign name in two
            else:
                break
        if j < n and tags[j] == Tag.NUMBER and j + 1 < n and words[j + 1] == "世":
            j += 2  # ルイ15世, エリザベス2世: the regnal number is part of the name
        chains.append((s, j))
        i = j
    return chains


def _katakana_continuation(toks: DocTokens, s: int, j: int) -> bool:
    """Token ``j`` continues the katakana name piece before it, with no space: it is katakana,
    the name already has several ・-joined pieces, it is not an organisation word, and the name
    ends after it."""
    n = len(toks)
    if j >= n or toks.tags[j] not in (Tag.NOUN, Tag.PROPER) or toks.starts[j] != toks.ends[j - 1]:
        return False
    if script_of(toks.words[j]) != Script.KATAKANA or script_of(toks.words[j - 1]) != Script.KATAKANA:
        return False
    if toks.words[j] in ORGANIZATION_HEADS or not any(toks.words[k] in _CONNECTORS for k in range(s, j)):
        return False
    return j + 1 == n or toks.tags[j + 1] in _NAME_FOLLOWERS or toks.words[j + 1] in HONORIFICS


def _foreign_group(toks: DocTokens, k: int) -> tuple[int, int]:
    """The ・/＝-joined katakana or latin group around token ``k`` (just ``k`` if none)."""
    s, e = k, k + 1
    if not _is_foreign_piece(toks, k):
        return s, e
    while s >= 2 and toks.words[s - 1] in _CONNECTORS and _is_foreign_piece(toks, s - 2):
        s -= 2
    while e + 1 < len(toks) and toks.words[e] in _CONNECTORS and _is_foreign_piece(toks, e + 1):
        e += 2
    return s, e


@dataclass(slots=True)
class _Candidate:
    s: int
    e: int
    ginza: bool = False
    chain: bool = False
    unknown: bool = False  # a word Sudachi does not know, proposed only for role context
    kanji_split: bool = False  # a kanji run read as surname + given name by the dictionary


def _merge(ginza_spans: Iterable[tuple[int, int]], chains: Iterable[tuple[int, int]]) -> list[_Candidate]:
    items = sorted([(s, e, True) for s, e in ginza_spans] + [(s, e, False) for s, e in chains])
    out: list[_Candidate] = []
    for s, e, from_ginza in items:
        if out and s < out[-1].e:
            last = out[-1]
            last.e = max(last.e, e)
        else:
            out.append(_Candidate(s, e))
        if from_ginza:
            out[-1].ginza = True
        else:
            out[-1].chain = True
    return out


def _followed_by(toks: DocTokens, e: int, words: frozenset[str]) -> bool:
    n = len(toks)
    if e >= n:
        return False
    if toks.words[e] in words:
        return True
    return e + 1 < n and toks.words[e] + toks.words[e + 1] in words


def _preceded_by(toks: DocTokens, s: int, words: frozenset[str], *, allow_no: bool = False) -> bool:
    if s >= 1 and toks.words[s - 1] in words:
        return True
    if s >= 2 and toks.words[s - 2] + toks.words[s - 1] in words:
        return True
    if allow_no and s >= 2 and toks.words[s - 1] == "の" and toks.words[s - 2] in words:
        return True
    return allow_no and s >= 2 and toks.words[s - 1] in (":", "：", " ") and toks.words[s - 2] in words


def _inside_bigger_entity(doc_ents: Sequence[tuple[int, int, str]], s: int, e: int) -> bool:
    """Part of a longer GiNZA organisation/facility/place entity (松下電器, 宗次ホール)."""
    for es, ee, label in doc_ents:
        if es <= s and e <= ee and (ee - es) > (e - s) and label in _BLOCKING_LABELS:
            return True
    return False


def _honorific_candidates(toks: DocTokens, taken: list[_Candidate]) -> list[_Candidate]:
    """Words right before an honorific that no other source proposed (ブウさん, たかしくん).

    Only words that could be names: unknown to Sudachi, or with a 人名 reading, and not
    ordinary nouns (お客さん and 皆さん are one token or a known noun, so they never qualify).
    """
    covered = {k for c in taken for k in range(c.s, c.e)}
    out: list[_Candidate] = []
    for k in range(1, len(toks)):
        if toks.words[k] not in HONORIFICS:
            continue
        j = k - 1
        if j in covered or toks.tags[j] not in (Tag.NOUN, Tag.PROPER):
            continue
        word = toks.words[j]
        if script_of(word) not in (Script.KANJI, Script.KATAKANA, Script.HIRAGANA, Script.LATIN):
            continue
        known, nameish = _lexicon_entry(word)
        if known and not nameish:
            continue
        out.append(_Candidate(j, j + 1))
    return out


def _kanji_split_candidates(toks: DocTokens, taken: list[_Candidate]) -> list[_Candidate]:
    """Kanji runs that Sudachi cut wrongly but that read as surname + given name from the
    packaged dictionary (山|根明 = 山根 + 明, 水|野良 = 水野 + 良)."""
    names = name_dictionary()
    covered = {k for c in taken for k in range(c.s, c.e)}
    out: list[_Candidate] = []
    n = len(toks)
    k = 0
    while k < n:
        if k in covered or toks.tags[k] not in (Tag.NOUN, Tag.PROPER, Tag.SUFFIX, Tag.PREFIX) \
                or script_of(toks.words[k]) != Script.KANJI:
            k += 1
            continue
        j = k
        while j < n and j not in covered and toks.tags[j] in (Tag.NOUN, Tag.PROPER, Tag.SUFFIX, Tag.PREFIX) \
                and script_of(toks.words[j]) == Script.KANJI:
            j += 1
        run = "".join(toks.words[k:j])
        if j - k >= 2 and 3 <= len(run) <= 5 and (j == n or toks.tags[j] in _NAME_FOLLOWERS) \
                and (k == 0 or toks.tags[k - 1] in _NAME_FOLLOWERS):
            # the split must fall inside the run's first token boundary region
            for cut in range(2, min(4, len(run) - 1) + 1):
                if names.is_surname(run[:cut]) and names.is_given_name(run[cut:]) and is_unknown_word(run):
                    out.append(_Candidate(k, j, kanji_split=True))
                    break
        k = j
    return out


def _ginza_person_spans(toks: DocTokens, ents: Sequence[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """GiNZA Person spans, widened to whole ・-joined katakana names (GiNZA often marks only
    one piece: ヴィトゥス|・ベーリング) and cut at ・ between kanji names, which lists two
    people (西沢・高木)."""
    out: list[tuple[int, int]] = []
    for s, e, label in ents:
        if label != "Person":
            continue
        s = min(s, _foreign_group(toks, s)[0])
        e = max(e, _foreign_group(toks, e - 1)[1])
        start = s
        for k in range(s, e):
            if toks.words[k] in _CONNECTORS and not (_is_foreign_piece(toks, k - 1) and _is_foreign_piece(toks, k + 1)):
                if k > start:
                    out.append((start, k))
                start = k + 1
        if e > start:
            out.append((start, e))
    return out


def _unknown_katakana_candidates(toks: DocTokens, taken: list[_Candidate]) -> list[_Candidate]:
    """Katakana/latin words (or ・-joined groups) unknown to Sudachi and not part of a longer
    katakana compound: judged later, and kept only with role or honorific context."""
    covered = {k for c in taken for k in range(c.s, c.e)}
    out: list[_Candidate] = []
    k = 0
    n = len(toks)
    while k < n:
        if k in covered or not _is_foreign_piece(toks, k) or toks.tags[k] not in (Tag.NOUN, Tag.PROPER):
            k += 1
            continue
        s, e = _foreign_group(toks, k)
        if any(j in covered for j in range(s, e)):
            k = e
            continue
        pieces = [toks.words[j] for j in range(s, e, 2)]
        if all(is_unknown_word(p) for p in pieces) or (e - s > 1 and any(is_unknown_word(p) for p in pieces)):
            out.append(_Candidate(s, e, unknown=True))
        k = e
    return out


def find_persons(doc: Doc, config: PersonConfig = PersonConfig()) -> list[PersonHit]:
    """Person-name spans in a GiNZA Doc (character offsets of ``doc.text``).

    Cached on the Doc per config: the balanced tier's NER gate asks first, the recognizer after.
    """
    cache = derived(doc)
    key = ("persons", config)
    if key not in cache:
        cache[key] = tuple(_find_persons(doc, config))
    return list(cache[key])


def _find_persons(doc: Doc, config: PersonConfig) -> list[PersonHit]:
    toks = doc_tokens(doc)
    if not len(toks):
        return []
    ents = [(ent.start, ent.end, ent.label_) for ent in doc.ents]
    ginza_spans = _ginza_person_spans(toks, ents) if config.ginza else []
    chains = _sudachi_chains(toks) if config.sudachi else []
    candidates = _merge(ginza_spans, chains)
    if config.honorifics:
        candidates.extend(_honorific_candidates(toks, candidates))
    if config.unknown_katakana:
        candidates.extend(_unknown_katakana_candidates(toks, candidates))
    if config.dictionary and config.kanji_split:
        candidates.extend(_kanji_split_candidates(toks, candidates))
    names = name_dictionary() if config.dictionary else None
    # Tokens that belong to a multi-piece name: Sudachi chains, and ・-joined katakana groups
    # that GiNZA marked as a person (プリンセス・レーヴァン).
    chained_ranges = [(cs, ce) for cs, ce in chains if ce - cs > 1]
    for gs, ge in ginza_spans:
        for k in range(gs, ge):
            fs, fe = _foreign_group(toks, k)
            if fe - fs > 1:
                chained_ranges.append((fs, fe))
    chained = frozenset(k for cs, ce in chained_ranges for k in range(cs, ce))

    hits: list[PersonHit] = []
    for cand in candidates:
        hit = _judge(toks, ents, cand, config, names, chained)
        if hit is not None:
            hits.append(hit)
    return sorted(hits, key=lambda h: (h.start, h.end))


def _nameish(toks: DocTokens, k: int, chained: frozenset[int], in_ginza: bool) -> bool:
    """A token that can be (part of) a name: tagged 人名, a piece of a ・-joined name, a word
    Sudachi does not know, or, inside a GiNZA Person span, a word with a 人名 reading."""
    if k in chained:
        return True
    tag = toks.tags[k]
    if tag in NAME_TAGS:
        return True
    if in_ginza and tag == Tag.PLACE:
        return True  # GiNZA says person, Sudachi says place: decided by context below
    if tag not in (Tag.NOUN, Tag.PROPER):
        return False
    word = toks.words[k]
    script = script_of(word)
    if script not in (Script.KATAKANA, Script.LATIN, Script.KANJI):
        return False
    if in_ginza and _given_after_one_kanji_surname(toks, k):
        return True  # 蔡+長庚, 楊+秀麗: a one-kanji (Chinese, Korean) surname + given name
    known, has_name_reading = _lexicon_entry(word)
    return not known or (in_ginza and has_name_reading)


def _given_after_one_kanji_surname(toks: DocTokens, k: int) -> bool:
    """Token ``k`` is a short kanji word after a one-kanji surname, ending the name (蔡+長庚,
    楊+秀麗): Chinese and Korean given names Sudachi does not tag."""
    word = toks.words[k]
    return (k > 0 and toks.tags[k - 1] == Tag.SURNAME and len(toks.words[k - 1]) == 1
            and script_of(word) == Script.KANJI and len(word) <= 2 and word not in ORGANIZATION_HEADS
            and (k + 1 == len(toks) or toks.tags[k + 1] in _NAME_FOLLOWERS))


#: One-kanji words that end place and organisation names, never a given name.
_NOT_NAME_TAIL: frozenset[str] = frozenset("市区町村郡県都府道州国島山川橋駅港線寺院宮社殿門城邸跡家派党軍組流屋館園堂店会団製戦式号側方長事員官部課局")
_NAME_FOLLOWERS = frozenset({Tag.PARTICLE, Tag.PUNCT, Tag.SYMBOL, Tag.SPACE, Tag.OTHER})
#: Last characters of role nouns (官房長, 報道官, 上院議員, 外相, 弁護士, 技師, 投手).
_ROLE_ENDINGS = ("長", "官", "員", "相", "士", "師", "手", "臣")
#: ... and of nouns written before a name with の (最高指導者の, 研究者の, 作家の).
_ROLE_BEFORE_ENDINGS = _ROLE_ENDINGS + ("者", "家", "人")
#: Words with those endings that are not people (国家, 本家) or not one person (個人, 人々).
_NOT_PERSON_NOUNS = frozenset({
    "国家", "王家", "武家", "公家", "実家", "本家", "分家", "旧家", "名家", "一家", "商家", "農家", "民家",
    "人家", "隣家", "個人", "法人", "他人", "万人", "成人", "住人", "外国人", "日本人", "手", "相手",
    "選手権", "社長室", "委員会",
})
#: Roles that name an office of a place (成田市長, 上海支店長): after a place-tagged word they
#: make the word the place, not a person.
_JURISDICTION_ROLES = frozenset({
    "市長", "町長", "村長", "区長", "知事", "県知事", "府知事", "都知事", "支店長", "支社長", "署長", "駅長",
    "局長", "工場長", "所長", "店長", "領事", "総領事", "大使", "市議", "県議", "市議会議員", "県議会議員",
    "代表", "監督",
})


def _is_acronym(words: Sequence[str]) -> bool:
    return len(words) == 1 and words[0].isascii() and words[0].isupper() and 2 <= len(words[0]) <= 6


def _role_precedes(toks: DocTokens, s: int) -> bool:
    """A label or role right before the name, directly or with の/:/space (担当の鈴木, 氏名：山田)."""
    k = s - 1
    if k >= 0 and toks.words[k] in ("の", ":", "：", " ", "・"):
        k -= 1
    if k < 0:
        return False
    word = toks.words[k]
    if word in ROLE_BEFORE:
        return True
    if k >= 1 and toks.words[k - 1] + word in ROLE_BEFORE:
        return True
    return (toks.tags[k] == Tag.NOUN and len(word) >= 2 and word.endswith(_ROLE_BEFORE_ENDINGS)
            and word not in _NOT_PERSON_NOUNS)


def _role_follows(toks: DocTokens, e: int) -> bool:
    """A role noun right after the name, or after up to two modifiers in the same noun
    compound (国務長官, 上院議員, 米国務長官, 山梨県知事)."""
    n = len(toks)
    for k in range(e, min(e + 3, n)):
        word = toks.words[k]
        if word in ROLES_AFTER or (toks.tags[k] == Tag.NOUN and len(word) >= 2 and word.endswith(_ROLE_ENDINGS)):
            return True
        if k + 1 < n and word + toks.words[k + 1] in ROLES_AFTER:
            return True
        if toks.tags[k] not in (Tag.NOUN, Tag.PREFIX, Tag.SUFFIX, Tag.PLACE, Tag.COUNTRY):
            return False
    return False


def _org_head_follows(toks: DocTokens, e: int) -> bool:
    """An organisation head within the noun compound that follows (森|建築事務所, 田中|病院)."""
    if _followed_by(toks, e, ORGANIZATION_HEADS):
        return True
    k = e
    while k < len(toks) and k < e + 3 and toks.tags[k] in (Tag.NOUN, Tag.SUFFIX, Tag.PROPER):
        if toks.words[k] in ORGANIZATION_HEADS:
            return True
        k += 1
    return False


def _quoted_alone(toks: DocTokens, s: int, e: int) -> bool:
    return (s > 0 and e < len(toks) and toks.words[s - 1] in _OPEN_QUOTES
            and toks.words[e] in _CLOSE_QUOTES)


def _common_noun_head(toks: DocTokens, e: int) -> bool:
    """The last piece of a ・-joined name is an organisation or facility word (マイルス・グループ,
    カウフマン・スタジアム)."""
    return toks.words[e - 1] in ORGANIZATION_HEADS


def _latin_identifier(toks: DocTokens, s: int, e: int) -> bool:
    """Latin-only candidates that are identifiers: all lower case, or a key of key=value, or
    part of a query string or path."""
    words = [toks.words[k] for k in range(s, e) if toks.tags[k] not in (Tag.SYMBOL, Tag.SPACE)]
    if not words or not all(script_of(w) == Script.LATIN for w in words):
        return False
    if all(w.islower() for w in words):
        return True
    text = toks.text
    start, end = toks.starts[s], toks.ends[e - 1]
    after = text[end:end + 1]
    before = text[start - 1:start] if start > 0 else ""
    return after in ("=", ":", "_", ".", "/") or before in ("&", "?", "=", "/", "_", ".")


#: Particles after a noun phrase that is a whole argument of its clause (subject, topic,
#: object, partner, list member, possessor).
_ARGUMENT_PARTICLES = frozenset({
    "は", "が", "に", "と", "を", "も", "や", "、", "の", "から", "より", "へ", "まで", "ら", "等",
})


def _argument_particle(toks: DocTokens, e: int) -> bool:
    if e + 1 < len(toks) and toks.words[e] == "・" and toks.tags[e + 1] == Tag.SURNAME:
        return True  # 西沢・高木: a list of surnames
    return e < len(toks) and toks.words[e] in _ARGUMENT_PARTICLES


def _clause_start(toks: DocTokens, s: int) -> bool:
    """Nothing before the word in its clause but a time word or punctuation."""
    k = s - 1
    while k >= 0 and toks.tags[k] in (Tag.NUMBER, Tag.SUFFIX):
        k -= 1
    return k < 0 or toks.tags[k] in (Tag.PUNCT, Tag.SPACE) or toks.words[k] in ("、", "。", "」", "）", ")")


def _unknown_subject(toks: DocTokens, content: Sequence[tuple[str, Tag]], e: int) -> bool:
    return (e < len(toks) and toks.words[e] in ("は", "が")
            and all(script_of(w) == Script.KATAKANA and is_unknown_word(w) for w, _ in content))


def _compound_head(toks: DocTokens, s: int, e: int) -> bool:
    """The name modifies a noun it is written into: 中島飛行機, 吉田内閣, レイクチャールズ.

    Not when the noun is a verbal noun (いかりや逝去, ジダーノフ批判: the name is its subject or
    object) or a word for the person's family or group (常磐井家, 太田派).
    """
    n = len(toks)
    if (e < n and toks.tags[e] in (Tag.NOUN, Tag.PROPER, Tag.SUFFIX, Tag.PLACE)
            and toks.words[e] not in _CONNECTORS and toks.words[e] not in PERSON_GROUP_WORDS
            and "サ変" not in toks.fine_tags[e]):
        return True
    if s > 0 and toks.tags[s - 1] in (Tag.NOUN, Tag.PROPER, Tag.PLACE, Tag.SUFFIX) \
            and script_of(toks.words[s - 1]) == script_of(toks.words[s]) == Script.KATAKANA:
        return True  # レイク|チャールズ: the end of a longer katakana name
    return False


def _judge(toks: DocTokens, ents: Sequence[tuple[int, int, str]], cand: _Candidate,
           config: PersonConfig, names: Any, chained: frozenset[int]) -> PersonHit | None:
    s, e = cand.s, cand.e
    # Without NER (the fast tier, or tokens outside the balanced tier's windows) weaker kinds of
    # evidence stand in for GiNZA's Person; where GiNZA looked and said nothing, they are not used.
    ner_saw = toks.ner_saw(cand.s, cand.e)
    if cand.kanji_split:
        honorific = config.honorifics and _followed_by(toks, e, HONORIFICS)
        role = config.honorifics and (_role_follows(toks, e) or _role_precedes(toks, s))
        score = 0.85 if (honorific or role) else 0.6
        return PersonHit(toks.starts[s], toks.ends[e - 1], score, "kanji-split:dictionary")
    # The name proper: from the first to the last name-like token (GiNZA spans often carry a
    # role or a head noun along: ギターYU, ボールドウィン製).
    while s < e and not _nameish(toks, s, chained, cand.ginza):
        s += 1
    while e > s and not _nameish(toks, e - 1, chained, cand.ginza):
        e -= 1
    # A Japanese name is not written glued to latin letters (ＡＢ山田太郎): drop latin edges.
    if any(script_of(toks.words[k]) in (Script.KANJI, Script.HIRAGANA) for k in range(s, e)):
        while s < e and script_of(toks.words[s]) == Script.LATIN:
            s += 1
        while e > s and script_of(toks.words[e - 1]) == Script.LATIN:
            e -= 1
    if s >= e:
        return None
    if _latin_identifier(toks, s, e):
        return None  # page=2, jobs=14, ua="…": a key in a log line, not a name
    words = toks.words[s:e]
    content = [(w, t) for w, t in zip(words, toks.tags[s:e]) if t not in (Tag.SYMBOL, Tag.SPACE, Tag.PUNCT)]
    name_tags = [t for _, t in content if t in NAME_TAGS]
    has_place = any(t in PLACE_TAGS for _, t in content)

    surname_only = bool(name_tags) and all(t == Tag.SURNAME for t in name_tags) and len(content) == 1
    full_name = Tag.SURNAME in name_tags and (Tag.GIVEN_NAME in name_tags or Tag.PERSON_NAME in name_tags)
    joined_group = any(w in _CONNECTORS for w in words)
    joined = joined_group and bool(name_tags)
    evidence: list[str] = []

    # A surname directly followed by a given name Sudachi did not tag: one from the packaged
    # dictionary (近藤+ナツ子), or a short kanji word Sudachi does not know (李+炳鉄).
    if surname_only and e < len(toks) and toks.tags[e] in (Tag.NOUN, Tag.PROPER):
        nxt = toks.words[e]
        if names is not None and names.is_given_name(nxt):
            e += 1
            full_name = True
            evidence.append("dictionary")
        elif script_of(nxt) == Script.KANJI and len(nxt) <= 2 and is_unknown_word(nxt):
            e += 1
            full_name = True
            evidence.append("unknown-given")
        elif (not ner_saw and _given_after_one_kanji_surname(toks, e)
              and not any(ch in _NOT_NAME_TAIL for ch in nxt)):
            e += 1  # 楊+秀麗 without GiNZA (inside a GiNZA span ``_nameish`` takes it)
            full_name = True
            evidence.append("one-kanji-surname")
    # Sudachi often cuts the last kanji off a given name (張愛|萍, 金正|恩, 今井徳|順): take up
    # to two one-kanji nouns when a particle, punctuation, an honorific or the end follows.
    if name_tags and script_of(toks.words[e - 1]) == Script.KANJI:
        k = e
        while (k < len(toks) and k - e < 2 and len(toks.words[k]) == 1
               and toks.tags[k] in (Tag.NOUN, Tag.SUFFIX, Tag.PROPER)
               and script_of(toks.words[k]) == Script.KANJI and toks.words[k] not in _NOT_NAME_TAIL
               and toks.words[k] not in HONORIFICS and toks.words[k] not in ROLES_AFTER):
            k += 1
        if k > e and (k == len(toks) or toks.tags[k] in _NAME_FOLLOWERS or toks.words[k] in HONORIFICS):
            e = k
            evidence.append("tail")

    honorific = config.honorifics and _followed_by(toks, e, HONORIFICS)
    role = config.honorifics and (_role_follows(toks, e) or _role_precedes(toks, s))
    if role and not name_tags and (has_place or _is_acronym(words)) and not honorific:
        if has_place and _followed_by(toks, e, _JURISDICTION_ROLES) or _is_acronym(words):
            role = False  # 成田市長 (the mayor of Narita), FIFA会長 (an organisation's role)

    if config.organization_filter:
        if (_org_head_follows(toks, e) or (e - s > 1 and toks.words[e - 1] in ORGANIZATION_HEADS)) \
                and not (honorific or role):
            return None
        if _preceded_by(toks, s, ORGANIZATION_PREFIXES):
            return None
        if not (honorific or role) and _inside_bigger_entity(ents, s, e):
            return None
        if has_place and not name_tags and (Tag.COUNTRY in [t for _, t in content]
                                            or not (cand.ginza and (honorific or role))):
            return None  # カーディフ, 磐田: a place, not a person (but ワシントン大統領 is)
        if config.compound_filter and not (honorific or role or full_name) and _compound_head(toks, s, e):
            return None
        if not (honorific or role or full_name) and _quoted_alone(toks, s, e):
            return None  # 「アイ・ラブ・ルーシー」: a title in quotes
        if joined_group and not (honorific or role) and _common_noun_head(toks, e):
            return None  # マイルス・グループ, カウフマン・スタジアム: an organisation or a place

    if cand.ginza:
        evidence.append("ginza")
    if name_tags:
        evidence.append("sudachi")
    if honorific or role:
        evidence.append("honorific" if honorific else "role")

    if honorific:
        score, kind = 0.9, "honorific"
    elif role and (name_tags or cand.ginza):
        score, kind = 0.9, "role"
    elif full_name:
        score, kind = 0.85, "full"
    elif joined:
        score, kind = 0.85, "joined"
    elif cand.ginza and name_tags:
        first_place = next((i for i, (_, t) in enumerate(content) if t in PLACE_TAGS), None)
        first_surname = next((i for i, (_, t) in enumerate(content) if t == Tag.SURNAME), None)
        if (has_place and all(t == Tag.SURNAME for t in name_tags) and first_place is not None
                and first_surname is not None and first_place < first_surname):
            return None  # 長春富奥: a surname-looking piece after a place (but 田中加賀 is a name)
        score, kind = 0.85, "ginza+sudachi"
    elif cand.ginza:
        if joined_group and not has_place and config.ginza_alone:
            score, kind = 0.6, "ginza-joined"  # エフセイ・グリゴリエヴィチ・リーベルマン
        elif config.ginza_subject and _unknown_subject(toks, content, e):
            # A katakana word Sudachi does not know, as the topic or subject of its clause
            # (フリッチュは…): GiNZA's Person is right about as often as not here.
            score, kind = 0.5, "ginza-subject"
        elif not config.ginza_alone:
            return None  # GiNZA alone, no 人名 token, no context: wrong more often than right
        else:
            score, kind = 0.5, "ginza-alone"
    elif cand.unknown:
        if honorific or role:
            score, kind = 0.6, "unknown+role"
        elif (config.joined_unknown and not ner_saw and joined_group and not has_place
              and not _quoted_alone(toks, s, e)):
            score, kind = 0.6, "joined-unknown"  # オルガー・クラウセン
        elif (config.ginza_subject and not ner_saw and _unknown_subject(toks, content, e)
              and _clause_start(toks, s)):
            score, kind = 0.5, "unknown-subject"  # 。ペトリーは…
        else:
            return None
    elif surname_only:
        if config.surname_arguments and _argument_particle(toks, e) and not has_place:
            score, kind = 0.6, "surname-argument"
        elif not config.lone_surnames:
            return None
        else:
            score, kind = 0.4, "lone-surname"
    elif name_tags:
        if not config.lone_sudachi_names or has_place:
            return None
        if len(content) == 1 and len(content[0][0]) == 1:
            return None  # 潤, 翔, 回: one character tagged as a given name is a name only with more evidence
        score, kind = 0.6, "lone-sudachi"
    else:
        return None
    start, end = toks.starts[s], toks.ends[e - 1]
    return PersonHit(start, end, score, kind + ":" + "+".join(evidence))


# -- Presidio recognizers ----------------------------------------------------------------------

class JapanesePersonRecognizer(LocalRecognizer):
    """PERSON from the GiNZA Doc in NlpArtifacts (see the module docstring for the evidence)."""

    def __init__(self, *, config: PersonConfig = PersonConfig(), name: str = "jp.person.v1") -> None:
        self.config = config
        super().__init__(supported_entities=["PERSON"], supported_language="ja", name=name)

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        if nlp_artifacts is None or "PERSON" not in entities:
            return []
        doc = nlp_artifacts.tokens
        if doc is None or len(doc_tokens(doc).text) != len(text):
            return []  # offsets would not index ``text``
        return [
            RecognizerResult("PERSON", h.start, h.end, h.score, recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                "evidence": h.evidence,
            })
            for h in find_persons(doc, self.config)
        ]


def _person_factory() -> EntityRecognizer:
    return JapanesePersonRecognizer()


SPECS: tuple[RecognizerSpec, ...] = (
    RecognizerSpec(
        id="jp.person.v1", entities=("PERSON",), tier="nlp", factory=_person_factory, trigger=LETTER,
        description="Person names: GiNZA Person + Sudachi 人名 tokens + honorific context, "
                    "organisation/facility names vetoed",
    ),
    *NAME_PATTERN_SPECS,
)
