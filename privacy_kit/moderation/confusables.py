"""Confusable skeletons of account and display names (after Unicode TR39 §4 "skeleton").

TR39 defines ``skeleton(X)`` as: NFD, map each character through the confusables table, NFD
again; two strings are confusable when their skeletons are equal. The full table (Unicode's
confusables.txt) is large and not shipped with Python, so this module writes down the small part
that matters for SNS handles and Japanese display names, from general knowledge:

* width and compatibility forms, by NFKC (``ｊｓｍｏ`` → ``jsmo``, ``㈱`` → ``(株)``);
* Latin look-alikes: ``0/o``, ``1/l/I/|``, ``rn/m``, ``vv/w``, ``5/s``, ``$/s``, ``@/a``…;
* Cyrillic and Greek letters drawn like Latin ones (``а е о р с х у і ј ѕ`` / ``α ο ρ ν ι``);
* separators a handle may add or drop (``. _ -`` spaces, ``・``), and case;
* Japanese: hiragana folded to katakana, and kana spelled as romaji (``ジェイエスエムオー`` and
  ``じぇいえすえむおー`` → ``jsmo``; ``セイカツクラブ`` → ``seikatsukurabu``), so a display name
  written in kana meets a handle written in Latin letters.

This is deliberately more aggressive than TR39 (digits fold to letters, separators vanish): the
result is a key for "looks or reads the same", used only to raise review items.
"""

from __future__ import annotations

import re
import unicodedata

from recognizers.kana import to_katakana

# Single characters drawn like a Latin letter (after NFKC, casefolded).
_CHARS: dict[str, str] = {
    "0": "o", "1": "l", "i": "l", "|": "l", "!": "l", "5": "s", "$": "s", "@": "a", "3": "e", "4": "a",
    "7": "t", "8": "b", "9": "g",
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
    "т": "t", "у": "y", "х": "x", "і": "l", "ї": "l", "ј": "j", "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w",
    "ь": "b", "п": "n", "г": "r",
    # Greek
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "l", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t",
    "υ": "u", "χ": "x", "ω": "w",
}
# Letter pairs drawn like one letter (applied after the single-character map).
_PAIRS: tuple[tuple[str, str], ...] = (("rn", "m"), ("vv", "w"), ("cl", "d"), ("nn", "m"))
_SEPARATORS = re.compile(r"[\s._\-‐‑‒–—―ー・･/\\'\"`~^*+=:;,、。()\[\]{}<>（）【】「」『』〈〉《》]+")

# Katakana → Hepburn romaji (with the combinations a name needs). Letter names (エス, エム…)
# come first so that ``ジェイエスエムオー`` reads as the letters J-S-M-O.
_LETTER_NAMES: dict[str, str] = {
    "エイチ": "h", "エッチ": "h", "ダブリュー": "w", "ダブリュ": "w", "エックス": "x", "キュー": "q", "ジェイ": "j",
    "ジェー": "j", "ディー": "d", "ティー": "t", "ゼット": "z", "ビー": "b", "シー": "c", "エフ": "f", "ジー": "g",
    "アイ": "i", "ケイ": "k", "ケー": "k", "エル": "l", "エム": "m", "エヌ": "n", "オー": "o", "ピー": "p",
    "アール": "r", "エス": "s", "ユー": "u", "ブイ": "v", "ヴィ": "v", "ワイ": "y", "エー": "a", "エイ": "a",
    "イー": "e",
}
_KANA: dict[str, str] = {}
for _row, _latin in (
    ("アイウエオ", ["a", "i", "u", "e", "o"]), ("カキクケコ", ["ka", "ki", "ku", "ke", "ko"]),
    ("ガギグゲゴ", ["ga", "gi", "gu", "ge", "go"]), ("サシスセソ", ["sa", "shi", "su", "se", "so"]),
    ("ザジズゼゾ", ["za", "ji", "zu", "ze", "zo"]), ("タチツテト", ["ta", "chi", "tsu", "te", "to"]),
    ("ダヂヅデド", ["da", "ji", "zu", "de", "do"]), ("ナニヌネノ", ["na", "ni", "nu", "ne", "no"]),
    ("ハヒフヘホ", ["ha", "hi", "fu", "he", "ho"]), ("バビブベボ", ["ba", "bi", "bu", "be", "bo"]),
    ("パピプペポ", ["pa", "pi", "pu", "pe", "po"]), ("マミムメモ", ["ma", "mi", "mu", "me", "mo"]),
    ("ヤユヨ", ["ya", "yu", "yo"]), ("ラリルレロ", ["ra", "ri", "ru", "re", "ro"]),
    ("ワヲン", ["wa", "o", "n"]), ("ァィゥェォ", ["a", "i", "u", "e", "o"]), ("ャュョ", ["ya", "yu", "yo"]),
):
    _KANA.update(zip(_row, _latin, strict=True))
_KANA["ヴ"] = "vu"
# Loanword spellings with a small vowel (フィ fi, ティ ti, ジェ je…): read as one syllable.
_SMALL_VOWEL: dict[str, str] = {
    "フィ": "fi", "フェ": "fe", "ファ": "fa", "フォ": "fo", "ティ": "ti", "ディ": "di", "ウィ": "wi", "ウェ": "we",
    "ヴィ": "vi", "シェ": "she", "ジェ": "je", "チェ": "che", "トゥ": "tu", "ドゥ": "du",
}
_YOON = {"ャ": "a", "ュ": "u", "ョ": "o", "ェ": "e"}
_KANA_RUN = re.compile(r"[ァ-ヴー]+")
_NAMES_LONGEST_FIRST = sorted(_LETTER_NAMES, key=len, reverse=True)
_LETTER_NAME_RUN = re.compile("(?:" + "|".join(_NAMES_LONGEST_FIRST) + ")+ー?")




def _letter_names(kana: str) -> str | None:
    """``ジェイエスエムオー`` → ``jsmo`` when the run is nothing but names of Latin letters."""
    if not _LETTER_NAME_RUN.fullmatch(kana):
        return None
    out, rest = [], kana
    while rest and rest != "ー":
        name = next((n for n in _NAMES_LONGEST_FIRST if rest.startswith(n)), None)
        if name is None:
            return None
        out.append(_LETTER_NAMES[name])
        rest = rest[len(name):]
    return "".join(out)


def _romaji(kana: str) -> str:
    """Hepburn romaji of a katakana run (long-vowel marks and small tsu folded away)."""
    letters = _letter_names(kana)
    if letters is not None:  # spelled-out Latin letters: ジェイエスエムオー → jsmo
        return letters
    for pair, latin in _SMALL_VOWEL.items():
        kana = kana.replace(pair, f"\0{latin}\0")
    out: list[str] = []
    double = False
    for ch in (part for chunk in kana.split("\0") for part in ([chunk] if chunk.isascii() else chunk)):
        if ch.isascii():
            if double:
                ch = ch[0] + ch
            out.append(ch)
            double = False
            continue
        if ch == "ッ":
            double = True
            continue
        if ch == "ー":
            continue
        if ch in _YOON and out and len(out[-1]) >= 2 and out[-1][-1] == "i":
            prev = out.pop()
            head = prev[:-1] if prev[:-1] in ("sh", "ch", "j") else prev[:-1] + "y"
            out.append(head + _YOON[ch])
            continue
        latin = _KANA.get(ch, "")
        if double and latin:
            latin = latin[0] + latin
        double = False
        out.append(latin)
    return "".join(out)


def fold(text: str) -> str:
    """NFKC, casefold, hiragana → katakana, kana → romaji, separators removed."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _KANA_RUN.sub(lambda m: _romaji(m.group(0)), to_katakana(text))
    return _SEPARATORS.sub("", text)


def skeleton(text: str) -> str:
    """The confusable skeleton: ``fold`` plus the look-alike maps (``jsmo_0fficial`` → ``jsmoofflclal``)."""
    folded = fold(text)
    folded = "".join(_CHARS.get(c, c) for c in unicodedata.normalize("NFD", folded)
                     if not unicodedata.combining(c))
    for pair, single in _PAIRS:
        folded = folded.replace(pair, single)
    return folded
