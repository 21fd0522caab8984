"""Candidate expressions of 要配慮個人情報, per statutory category: candidates, never findings.

Written from general medical and legal vocabulary and the list of APPI Art 2(3) and 施行令
Art 2 (appi.md §4), not from any evaluation file. A word here is only a candidate: 「膵臓がん」
in 「膵臓がんは早期発見が難しい」 is a topic, in 「田中さんは膵臓がんで入院」 it is 田中さん's
medical history. Whether a candidate is said about a person is decided in
``recognizers.sensitive`` (with ``recognizers.subjects``).

Each entry is a regular expression over NFKC-normalised text (see ``recognizers.normalize``), an
entity type and its statutory category id (``recognizers.entities.SENSITIVE_CATEGORIES``). The span
is the expression itself — the condition, treatment, creed, record, disability, origin or
victimisation — without particles, honorifics or stages (「ステージ3の」 is not part of it).

Japanese has no spaces, so words are delimited by what may not continue them: がん inside
がんばる (頑張る) or 抗がん剤 is not the illness; 障害 inside 障害物 is not a disability; 前科 is
not inside 前科目.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

__all__ = ["LexiconEntry", "LEXICON", "find_candidates", "has_candidate"]


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    entity: str
    category: str
    pattern: str




def _words(*words: str) -> str:
    """An alternation of plain words, longest first (a regex alternation takes the first that
    matches: 身体障害者手帳 must be tried before 身体障害)."""
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


#: Japanese word characters: a candidate may not start right after a kanji or katakana run
#: that would make it part of a longer noun (except where the entry says so).
_NOT_AFTER_WORD = r"(?<![\p{Han}\p{Katakana}ー])"

# -- medical history, health checks, treatment ---------------------------------------------------

_ORGANS = (
    "膵臓|すい臓|膵|肺|胃|肝臓|肝|腎臓|腎|乳|大腸|直腸|結腸|食道|子宮頸|子宮体|子宮|卵巣|前立腺|膀胱|甲状腺"
    "|咽頭|喉頭|口腔|舌|皮膚|胆管|胆のう|胆嚢|骨|脳|血液|小細胞肺|非小細胞肺|末期|進行|転移性|再発|小児|若年性"
)
#: がん not followed by what makes it がんばる/頑張る or ガンダム, ガン見.
_CANCER = rf"(?:{_ORGANS})?(?:がん|癌|ガン)(?!ば|ダム|見|ガン|ジー|マン|ギ)"
_ILLNESSES = _words(
    "白血病", "悪性リンパ腫", "リンパ腫", "多発性骨髄腫", "骨髄腫", "骨肉腫", "肉腫", "脳腫瘍",
    "悪性腫瘍", "腫瘍", "中皮腫", "メラノーマ", "糖尿病", "心臓病", "腎臓病", "肝臓病", "膠原病",
    "難病", "パーキンソン病", "アルツハイマー型認知症", "アルツハイマー病", "アルツハイマー", "若年性認知症",
    "認知症", "ハンセン病", "クローン病", "バセドウ病", "橋本病", "メニエール病", "ベーチェット病",
    "潰瘍性大腸炎", "ALS", "筋萎縮性側索硬化症", "筋ジストロフィー", "多発性硬化症", "心筋梗塞", "狭心症",
    "心筋症", "心不全", "不整脈", "脳梗塞", "脳出血", "くも膜下出血", "脳卒中", "高血圧", "肝硬変",
    "肝炎", "腎不全", "呼吸不全", "喘息", "ぜんそく", "COPD", "肺炎", "結核", "HIV",
    "エイズ", "AIDS", "梅毒", "性感染症", "性病", "新型コロナ", "コロナ", "インフルエンザ",
    "帯状疱疹", "胃潰瘍", "痛風", "関節リウマチ", "リウマチ", "骨粗しょう症", "骨粗鬆症", "椎間板ヘルニア",
    "ヘルニア", "白内障", "緑内障", "網膜剥離", "アトピー性皮膚炎", "アトピー", "花粉症", "てんかん",
    "脳炎", "髄膜炎", "敗血症", "感染症", "後遺症", "B型肝炎", "C型肝炎",
)
_MENTAL = _words(
    "うつ病", "鬱病", "躁うつ病", "双極性障害", "統合失調症", "パニック障害", "不安障害", "社交不安障害",
    "適応障害", "摂食障害", "拒食症", "過食症", "強迫性障害", "PTSD", "心的外傷後ストレス障害",
    "睡眠障害", "不眠症", "アルコール依存症", "ギャンブル依存症", "薬物依存症", "薬物依存", "依存症",
    "自律神経失調症", "解離性障害", "境界性パーソナリティ障害", "パーソナリティ障害", "人格障害", "うつ状態",
    "鬱",
)
_TREATMENTS = _words(
    "抗がん剤治療", "抗がん剤", "抗癌剤", "化学療法", "放射線治療", "放射線療法", "免疫療法",
    "ホルモン療法", "分子標的薬", "人工透析", "透析", "緩和ケア", "ホスピス", "不妊治療", "人工授精",
    "体外受精", "抗うつ薬", "抗精神病薬", "睡眠薬", "精神安定剤", "インスリン注射", "インスリン",
    "ペースメーカー", "臓器移植", "骨髄移植", "人工肛門", "ストーマ", "胃ろう", "在宅酸素", "精神科",
    "心療内科",
)
_HEALTH_CHECKS = r"要精密検査|要精検|要再検査|陽性反応|陽性"

# -- creed ----------------------------------------------------------------------------------------

_RELIGIONS = "キリスト|イスラム|仏|ヒンドゥー|ユダヤ|天理|カトリック|プロテスタント|モルモン|統一|神道|ヒンズー"
_CREEDS = (
    rf"(?:{_RELIGIONS})教(?:徒|の信者|信者|の信徒|信徒)|クリスチャン|ムスリム|モスレム|創価学会員|創価学会"
    r"|エホバの証人|旧統一教会|統一教会|幸福の科学|立正佼成会|真如苑|天理教|生長の家|霊友会|PL教団"
    r"|無神論者|[\p{Han}\p{Katakana}ー]{1,8}(?:党員|党の党員|党支持者|党の支持者)|共産党員|党員"
)

# -- criminal record and procedures -------------------------------------------------------------

_RECORDS = r"前科(?!目)|前歴|逮捕歴|犯罪歴|補導歴|服役|受刑|実刑(?:判決)?|懲役(?:刑)?|禁錮(?:刑)?|執行猶予|有罪判決|罰金刑|仮釈放|刑務所"
_PROCEDURES = r"逮捕|書類送検|送検|起訴|勾留|家宅捜索|取り調べ|取調べ|指名手配"
_JUVENILE = r"少年院|保護観察|少年鑑別所|家庭裁判所送致|補導"

# -- disability ---------------------------------------------------------------------------------

_DISABILITIES = _words(
    "知的障害", "知的障がい", "発達障害", "発達障がい", "身体障害", "身体障がい", "精神障害", "精神障がい",
    "聴覚障害", "聴覚障がい", "視覚障害", "視覚障がい", "言語障害", "学習障害", "高次脳機能障害",
    "肢体不自由", "重度障害", "重症心身障害", "自閉スペクトラム症", "自閉症スペクトラム", "自閉症",
    "アスペルガー症候群", "アスペルガー", "ASD", "ADHD", "注意欠如多動症", "注意欠陥多動性障害",
    "ダウン症", "脳性麻痺", "下半身不随", "半身不随", "四肢麻痺", "全盲", "弱視", "難聴", "ろう者",
    "聾", "身体障害者手帳", "療育手帳", "精神障害者保健福祉手帳", "障害者手帳", "障害年金", "障害等級",
)
#: A bare 障害 only where it starts a word: 通信障害, システム障害 are failures, not disabilities.
_BARE_DISABILITY = rf"{_NOT_AFTER_WORD}(?:障害者|障がい者|障害|障がい|障碍)"

# -- race and ethnic origin, social status -------------------------------------------------------

_ORIGINS = (
    r"在日韓国人|在日朝鮮人|在日コリアン|在日韓国・朝鮮人|在日|アイヌ民族|アイヌ|琉球民族|黒人|白人|混血"
    r"|日系[\p{Katakana}ー]{1,10}人|[\p{Katakana}ー]{2,10}系(?:日本人|アメリカ人)|[\p{Katakana}\p{Han}ー]{1,8}民族"
)
_SOCIAL_STATUS = r"被差別部落|同和地区|部落出身|非嫡出子|婚外子|嫡出でない子"

# -- crime victims ------------------------------------------------------------------------------

_CRIMES = _words(
    "ストーカー", "痴漢", "性犯罪", "性暴力", "性的暴行", "強制わいせつ", "わいせつ", "強制性交",
    "レイプ", "盗撮", "DV", "ドメスティックバイオレンス", "虐待", "児童虐待", "詐欺", "特殊詐欺",
    "振り込め詐欺", "オレオレ詐欺", "空き巣", "窃盗", "盗難", "強盗", "ひったくり", "暴行", "傷害",
    "誘拐", "通り魔",
)
_VICTIMS = (
    rf"(?:{_CRIMES})(?:の)?(?:被害者|被害)|性被害|犯罪被害者|犯罪被害"
)

# fmt: off
LEXICON: tuple[LexiconEntry, ...] = (
    # the longer, more specific entries first: the candidate regex takes alternatives in order
    LexiconEntry("CRIME_VICTIM", "statutory.crime_victim", _VICTIMS),
    LexiconEntry("DISABILITY", "order.disability", _DISABILITIES),
    LexiconEntry("MEDICAL_CONDITION", "statutory.medical_history", _MENTAL),
    LexiconEntry("MEDICAL_CONDITION", "order.treatment", _TREATMENTS),
    LexiconEntry("MEDICAL_CONDITION", "statutory.medical_history", _ILLNESSES),
    LexiconEntry("MEDICAL_CONDITION", "statutory.medical_history", _CANCER),
    LexiconEntry("MEDICAL_CONDITION", "order.health_check", _HEALTH_CHECKS),
    LexiconEntry("CREED", "statutory.creed", _CREEDS),
    LexiconEntry("CRIMINAL_RECORD", "statutory.criminal_record", _RECORDS),
    LexiconEntry("CRIMINAL_RECORD", "order.juvenile_procedure", _JUVENILE),
    LexiconEntry("CRIMINAL_RECORD", "order.criminal_procedure", _PROCEDURES),
    LexiconEntry("RACE_ETHNICITY", "statutory.race", _ORIGINS),
    LexiconEntry("SOCIAL_STATUS", "statutory.social_status", _SOCIAL_STATUS),
    LexiconEntry("DISABILITY", "order.disability", _BARE_DISABILITY),
)
# fmt: on

#: What may not follow a candidate: it would continue the word into something else
#: (障害物, 在日米軍, コロナ禍 is the pandemic, not anyone's infection), or an ASCII
#: abbreviation into a longer one (DVD, ALSO).
_NOT_CONTINUED = r"(?!物|者数|米軍|大使館|禍|[A-Za-z])"


@cache
def _compiled() -> tuple[regex.Pattern[str], ...]:
    # One regex per entry: a single alternation of all of them is five times slower, because it
    # defeats the engine's literal-prefix search (measured on ner-wikipedia sentences).
    return tuple(regex.compile(rf"(?<![#A-Za-z])(?:{e.pattern}){_NOT_CONTINUED}") for e in LEXICON)


def find_candidates(text: str) -> list[tuple[int, int, LexiconEntry]]:
    """Every candidate in ``text`` (already normalised): ``(start, end, entry)``, left to right,
    without overlaps. Where two entries match at overlapping places, the one starting first wins,
    then the one listed first in ``LEXICON`` (the specific, longer forms are listed first)."""
    found = sorted(
        (m.start(), i, m.end()) for i, rx in enumerate(_compiled()) for m in rx.finditer(text)
    )
    out: list[tuple[int, int, LexiconEntry]] = []
    last_end = -1
    for start, i, end in found:
        if start >= last_end:
            out.append((start, end, LEXICON[i]))
            last_end = end
    return out


def has_candidate(text: str) -> bool:
    """Is there any candidate at all (the cheap pre-check)?"""
    return any(rx.search(text) is not None for rx in _compiled())
