"""Who a statement is about: the poster, a relative, or a named, addressed or described person.

要配慮 information and behaviour patterns are personal only when the text ties them to
someone. This module finds the words that can be that someone ("person cues"), both as cheap
regular expressions over the raw text (to decide which texts the dependency parser should see
at all, and as the close-pattern fallback) and as tokens of a GiNZA Doc (to link a cue to a
candidate through the parse).

* **poster**: 私, 僕, 俺, 自分, 当方…; implicitly, a first-person experience predicate with no
  other subject (「先月、乳がんと診断されました」).
* **relatives and close people**: 母, 父, 夫, 妻, 娘, 息子, 祖母, 義母, 主人, 彼女, 友人, 同僚,
  上司… A generic kinship or group word is a cue only when it is someone's (「うちの子」,
  「私の家族」): 「がん患者の家族のケア」 is about families in general.
* **named or addressed persons**: a word before an honorific (田中さん, 佐藤先生, ゆうくん),
  never a generic one (患者さん, 皆さん, お客様); a Sudachi person-name token; a role
  (部長, 店長, 担任); a described person (隣の部屋の人, 2階の奥さん, 近所の人).

Generic persons (患者, 人, 方, 皆さん, 多く…) are the opposite signal: a statement whose subject
is one of them is a general statement.
"""

from __future__ import annotations

from functools import cache

import regex

from .names import HONORIFICS

__all__ = [
    "POSTER_WORDS", "RELATIVE_WORDS", "POSSESSED_WORDS", "ROLE_WORDS", "GENERIC_PERSONS",
    "GENERIC_HONORED", "person_cues", "has_person_cue", "poster_regex", "is_person_word", "is_generic_person",
]

# fmt: off
POSTER_WORDS: frozenset[str] = frozenset({
    "私", "わたし", "ワタシ", "わたくし", "僕", "ぼく", "ボク", "俺", "おれ", "オレ", "あたし", "自分", "当方",
    "小生", "拙者", "うち",
})
#: Relatives and close people: cues on their own (母が…, 友人は…).
RELATIVE_WORDS: frozenset[str] = frozenset({
    "母", "父", "母親", "父親", "お母さん", "お父さん", "母さん", "父さん", "おかあさん", "おとうさん", "ママ", "パパ",
    "夫", "妻", "主人", "旦那", "旦那さん", "嫁", "嫁さん", "家内", "奥さん", "奥様", "妻子",
    "娘", "息子", "娘さん", "息子さん", "長男", "長女", "次男", "次女", "三男", "三女", "末っ子",
    "祖母", "祖父", "おばあちゃん", "おじいちゃん", "ばあちゃん", "じいちゃん", "祖父母", "曾祖母", "曾祖父",
    "義母", "義父", "義姉", "義兄", "義妹", "義弟", "姑", "舅", "兄", "姉", "弟", "妹", "兄貴", "姉貴",
    "お兄さん", "お姉さん", "兄さん", "姉さん", "叔父", "叔母", "伯父", "伯母", "孫", "姪", "甥",
    "いとこ", "従兄弟", "従姉妹", "両親", "彼氏", "彼女", "彼", "恋人", "パートナー", "元夫", "元妻", "元彼",
    "元カレ", "元カノ", "友人", "友達", "友だち", "親友", "知人", "知り合い", "同僚", "上司", "部下", "先輩",
    "後輩", "同級生", "幼なじみ", "隣人", "婚約者",
})
#: Kinship and group words that are a cue only when someone's: うちの子, 私の家族, 妹の子.
POSSESSED_WORDS: frozenset[str] = frozenset({
    "子", "子ども", "子供", "こども", "家族", "親", "親族", "身内", "家",
})
#: Roles that name one identifiable person in a workplace, school or building.
ROLE_WORDS: frozenset[str] = frozenset({
    "部長", "課長", "係長", "社長", "副社長", "専務", "常務", "店長", "副店長", "院長", "校長", "教頭", "担任",
    "主任", "室長", "所長", "工場長", "支店長", "局長", "会長", "理事長", "監督", "コーチ", "大家", "管理人",
    "マネージャー", "リーダー", "先生",
})
#: People in general: a statement about them is a general statement, not anyone's information.
GENERIC_PERSONS: frozenset[str] = frozenset({
    "患者", "患者さん", "患者様", "人", "人々", "方", "方々", "皆", "皆さん", "みなさん", "皆様", "みなさま",
    "みんな", "多く", "誰", "誰か", "誰も", "誰でも", "国民", "市民", "住民", "利用者", "参加者", "会員", "組合員",
    "高齢者", "若者", "子どもたち", "家族の方", "ご家族", "遺族", "当事者", "本人", "被害者", "加害者", "容疑者",
    "医師", "看護師", "専門家", "研究者", "男性", "女性", "日本人", "外国人",
})
#: Words before an honorific that do not name anyone: 患者さん, 皆さん, お客様, 看護師さん.
GENERIC_HONORED: frozenset[str] = frozenset({
    "患者", "皆", "みな", "客", "お客", "利用者", "参加者", "会員", "組合員", "看護師", "医者", "お医者", "職員",
    "店員", "業者", "ご家族", "家族", "ご遺族", "みなさ", "皆さ", "お子", "奥", "旦那", "息子", "娘", "お母",
    "お父", "お兄", "お姉", "おばあ", "おじい", "先", "後", "受講者", "読者", "視聴者", "生徒", "学生", "患者家族",
    "ファン", "スタッフ", "講師", "演者", "登壇者", "各位", "有志",
})
# fmt: on

_HONORIFIC_RE = "|".join(sorted((h for h in HONORIFICS if len(h) >= 1 and h not in ("たん", "っち", "翁")),
                                key=len, reverse=True))
_NAME_BEFORE_HONORIFIC = r"[\p{Han}\p{Katakana}ー々]{1,6}|(?<!\p{Hiragana})\p{Hiragana}{2,4}|[A-Za-z]{2,12}"


def _alternation(words: frozenset[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def poster_regex() -> regex.Pattern[str]:
    """First-person words, as the subject or owner of something (私は, 僕の, 自分が)."""
    return regex.compile(rf"(?<![\p{{Han}}\p{{Katakana}}])(?:{_alternation(POSTER_WORDS - {'うち'})})"
                         r"(?=[はがもの、]|って|自身|も|、)|うちの(?=[\p{Han}\p{Katakana}\p{Hiragana}])")


@cache
def _cue_regexes() -> tuple[tuple[str, regex.Pattern[str]], ...]:
    """One regex per kind of cue (one alternation of all of them is several times slower)."""
    relatives = _alternation(RELATIVE_WORDS)
    possessed = _alternation(POSSESSED_WORDS)
    roles = _alternation(ROLE_WORDS)
    generic = _alternation(GENERIC_HONORED)
    parts = {
        "relative": rf"(?<![\p{{Han}}\p{{Katakana}}])(?:{relatives})(?![\p{{Han}}\p{{Katakana}}])",
        "possessed": rf"(?:うちの|私の|僕の|俺の|自分の|我が|(?:{relatives})の)(?:{possessed})(?![\p{{Han}}])",
        "role": rf"(?:{roles})(?![\p{{Han}}])",
        "described": (
            r"(?:隣|となり|向かい|上|下|[0-9０-９一二三四五六七八九]+階|近所|同じ(?:マンション|アパート|職場|クラス|部署))"
            r"の(?:部屋の|家の|席の)?(?:人|方|奥さん|おばさん|おじさん|おばあさん|おじいさん|子|住人|家族|男性|女性|学生)"
        ),
        # the honorific is searched first (a literal), the name is checked behind it
        "named": (rf"(?<=(?<![\p{{Han}}\p{{Katakana}}ー々])(?!(?:{generic})(?:{_HONORIFIC_RE}))"
                  rf"(?:{_NAME_BEFORE_HONORIFIC}))(?:{_HONORIFIC_RE})"),
        "handle": r"(?<![A-Za-z0-9_])@[A-Za-z0-9_]{2,30}",
    }
    return tuple((kind, regex.compile(rx)) for kind, rx in parts.items())


def person_cues(text: str) -> list[tuple[int, int, str]]:
    """Third-person cues in ``text``: ``(start, end, kind)`` with kind relative, possessed, role,
    described, named (a name with its honorific: the span covers both) or handle."""
    out: list[tuple[int, int, str]] = []
    for kind, rx in _cue_regexes():
        for m in rx.finditer(text):
            start = _name_start(text, m.start()) if kind == "named" else m.start()
            out.append((start, m.end(), kind))
    return sorted(out)


def has_person_cue(text: str) -> bool:
    return any(rx.search(text) is not None for _, rx in _cue_regexes())


@cache
def _name_before() -> regex.Pattern[str]:
    return regex.compile(rf"(?r)(?:{_NAME_BEFORE_HONORIFIC})$")


def _name_start(text: str, honorific_start: int) -> int:
    """Where the name before an honorific starts (the longest name-like run, as the forward
    pattern would have matched it)."""
    m = _name_before().search(text, 0, honorific_start)
    return m.start() if m else honorific_start


def is_person_word(word: str) -> bool:
    """A single token that is a person cue by itself (relatives, roles, first person)."""
    return word in RELATIVE_WORDS or word in ROLE_WORDS or word in POSTER_WORDS


def is_generic_person(word: str) -> bool:
    return word in GENERIC_PERSONS
