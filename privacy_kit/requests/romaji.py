"""Kana to Hepburn romaji, for searching a person's name as people write it in Latin letters.

A request usually gives the name in kanji (山田 太郎) and perhaps its reading; the same person
signs English comments "Taro Yamada" and has the address taro.yamada@…. No romanisation package
is installed (and nothing may be downloaded), and names need only the kana of the syllabary, so
the table is here. Long vowels are kept as the kana write them (タロウ → ``tarou``); the spellings
people actually use (taro, taroh, tarō) come from :func:`spellings`.
"""

from __future__ import annotations

from recognizers.kana import to_hiragana, to_katakana
from recognizers.name_dictionary import romaji_variants

# fmt: off
_BASE = {
    "ア": "a", "イ": "i", "ウ": "u", "エ": "e", "オ": "o",
    "カ": "ka", "キ": "ki", "ク": "ku", "ケ": "ke", "コ": "ko",
    "サ": "sa", "シ": "shi", "ス": "su", "セ": "se", "ソ": "so",
    "タ": "ta", "チ": "chi", "ツ": "tsu", "テ": "te", "ト": "to",
    "ナ": "na", "ニ": "ni", "ヌ": "nu", "ネ": "ne", "ノ": "no",
    "ハ": "ha", "ヒ": "hi", "フ": "fu", "ヘ": "he", "ホ": "ho",
    "マ": "ma", "ミ": "mi", "ム": "mu", "メ": "me", "モ": "mo",
    "ヤ": "ya", "ユ": "yu", "ヨ": "yo",
    "ラ": "ra", "リ": "ri", "ル": "ru", "レ": "re", "ロ": "ro",
    "ワ": "wa", "ヰ": "i", "ヱ": "e", "ヲ": "o", "ン": "n",
    "ガ": "ga", "ギ": "gi", "グ": "gu", "ゲ": "ge", "ゴ": "go",
    "ザ": "za", "ジ": "ji", "ズ": "zu", "ゼ": "ze", "ゾ": "zo",
    "ダ": "da", "ヂ": "ji", "ヅ": "zu", "デ": "de", "ド": "do",
    "バ": "ba", "ビ": "bi", "ブ": "bu", "ベ": "be", "ボ": "bo",
    "パ": "pa", "ピ": "pi", "プ": "pu", "ペ": "pe", "ポ": "po",
    "ヴ": "vu", "ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o",
    "ャ": "ya", "ュ": "yu", "ョ": "yo",
}
#: Consonant + small ya/yu/yo (and the few foreign-sound pairs names use).
_DIGRAPHS = {
    "キャ": "kya", "キュ": "kyu", "キョ": "kyo", "シャ": "sha", "シュ": "shu", "ショ": "sho",
    "チャ": "cha", "チュ": "chu", "チョ": "cho", "ニャ": "nya", "ニュ": "nyu", "ニョ": "nyo",
    "ヒャ": "hya", "ヒュ": "hyu", "ヒョ": "hyo", "ミャ": "mya", "ミュ": "myu", "ミョ": "myo",
    "リャ": "rya", "リュ": "ryu", "リョ": "ryo", "ギャ": "gya", "ギュ": "gyu", "ギョ": "gyo",
    "ジャ": "ja", "ジュ": "ju", "ジョ": "jo", "ビャ": "bya", "ビュ": "byu", "ビョ": "byo",
    "ピャ": "pya", "ピュ": "pyu", "ピョ": "pyo", "ヂャ": "ja", "ヂュ": "ju", "ヂョ": "jo",
    "シェ": "she", "ジェ": "je", "チェ": "che", "ティ": "ti", "ディ": "di", "ファ": "fa",
    "フィ": "fi", "フェ": "fe", "フォ": "fo", "ウィ": "wi", "ウェ": "we", "ウォ": "wo",
}
# fmt: on
_VOWELS = "aeiou"
_MACRONS = (("ou", "ō"), ("oo", "ō"), ("uu", "ū"))


def is_kana(text: str) -> bool:
    return bool(text) and all("ぁ" <= c <= "ゖ" or "ァ" <= c <= "ヺ" or c == "ー" for c in text)


def to_romaji(kana: str) -> str | None:
    """Hepburn romaji of a kana word (``None`` if it holds anything else).

    ッ doubles the next consonant (ch → tch), ン before b/m/p stays n (the modern passport rule
    writes m; both appear, so :func:`spellings` adds it), ー repeats the vowel before it.
    """
    text = to_katakana(kana)
    out: list[str] = []
    i, double = 0, False
    while i < len(text):
        pair, char = text[i : i + 2], text[i]
        if pair in _DIGRAPHS:
            syllable, i = _DIGRAPHS[pair], i + 2
        elif char in _BASE:
            syllable, i = _BASE[char], i + 1
        elif char == "ッ":
            double, i = True, i + 1
            continue
        elif char == "ー" and out and out[-1][-1] in _VOWELS:
            syllable, i = out[-1][-1], i + 1
        else:
            return None
        if double:
            syllable = ("t" if syllable.startswith("ch") else syllable[0]) + syllable
            double = False
        out.append(syllable)
    return "".join(out) or None


def spellings(romaji: str) -> set[str]:
    """The Latin spellings people write for one name word: tarou, taro, taroh, tarō; honma, homma."""
    out = set(romaji_variants(romaji))
    for long_vowel, macron in _MACRONS:
        if long_vowel in romaji:
            out.add(romaji.replace(long_vowel, macron))
    for before in "bmp":
        if f"n{before}" in romaji:
            out |= {s.replace(f"n{before}", f"m{before}") for s in set(out)}
    return out
