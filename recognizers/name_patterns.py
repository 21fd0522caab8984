"""PERSON from text alone (pattern tier): labelled names, kana names, romaji names.

GiNZA reads running Japanese prose; the places where names sit in forms and logs are read
better by their shape and their label:

* **labelled names** (``jp.person_labelled.v1``): the value after a name label —
  「お名前：鈴木 花子」, 「ご担当者：総務部 堤 真一郎」, 「名義 ミウラ タカユキ」,
  ``name="Chen Wei"``, ``holder=YOKO+MATSUDA``, a CSV cell under a 氏名 column. Score 0.85.
* **kana names** (``jp.person_kana.v1``): two kana words that read as a surname and a given
  name in the packaged dictionary (スズキ ハナコ, ｸﾎﾞﾀ ﾏｻﾙ — how forms write フリガナ and how
  bank transfers print 名義). Score 0.8.
* **romaji names** (``jp.person_romaji.v1``): capitalised latin words with evidence — a title
  (Mr. Tanaka, Dr. Maria Gonzalez), a Japanese honorific or copula after them (Tanaka-san,
  Ana Souzaです, Hanaより), an introduction before them (I'm, this is, my name is), an e-mail
  address nearby, or two words of which one is a known Japanese name in romaji (Kaito
  Sugimoto). Scores 0.7–0.85.

Latin capitalised words and kana words are everywhere in Japanese posts (product names, English
phrases, onomatopoeia), so none of these fires on shape alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import regex
from presidio_analyzer import LocalRecognizer, RecognizerResult

from .context import field_label
from .kana import to_hiragana
from .name_dictionary import name_dictionary
from .normalize import NormalizedText, normalize
from .registry import RecognizerSpec
from .triggers import KANA_PAIR, LATIN, LETTER, Trigger

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

__all__ = ["LabelledNameRecognizer", "KanaNameRecognizer", "RomajiNameRecognizer", "SPECS",
           "NAME_LABELS", "NAME_KEYS"]


#: A name found in the normalised text: (start, end, score).
Hit = tuple[int, int, float]


class _TextNameRecognizer(LocalRecognizer):
    """What the three recognizers below share: they read the text alone (no NlpArtifacts, so
    they run in the pattern tier), search its normalised form, and report PERSON spans mapped
    back to the original text."""

    ID: ClassVar[str]
    #: A cheap necessary condition for any name (``recognizers.triggers``).
    TRIGGER: ClassVar[Trigger] = LETTER

    def __init__(self, *, name: str | None = None) -> None:
        super().__init__(supported_entities=["PERSON"], supported_language="ja", name=name or self.ID)

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        if "PERSON" not in entities or not text:
            return []
        norm = normalize(text)
        return [self._result(norm, s, e, score) for s, e, score in self.find(norm)]

    def find(self, norm: NormalizedText) -> list[Hit]:
        """The names in ``norm.text``, with offsets into the normalised text."""
        raise NotImplementedError

    def _result(self, norm: NormalizedText, s: int, e: int, score: float) -> RecognizerResult:
        start, end = norm.to_original(s, e)
        return RecognizerResult("PERSON", start, end, score, recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
            RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY: True,
        })


def _spec(cls: type[_TextNameRecognizer], description: str) -> RecognizerSpec:
    """The catalogue entry of a recognizer below: its id comes from the class, so they cannot drift."""
    return RecognizerSpec(id=cls.ID, entities=("PERSON",), tier="pattern", factory=cls,
                          description=description, trigger=cls.TRIGGER)


# -- labelled names -------------------------------------------------------------------------------

#: Japanese labels written before a person's name in forms, messages and exports.
NAME_LABELS: tuple[str, ...] = (
    "氏名(ローマ字)", "申請者氏名", "演者氏名", "ご氏名", "お名前", "氏名", "名前", "フリガナ", "ふりがな",
    "口座名義", "名義人", "名義", "宛名", "ご担当者", "担当者", "担当", "申請者", "請求者", "申込者", "講師",
    "代表者", "受取人", "差出人", "送り主", "依頼人", "患者名", "利用者名", "会員名", "契約者", "保護者",
    "Full name", "Name",
)
#: ASCII keys (key=value, "key": "value", CSV headers) whose value is a person's name.
NAME_KEYS: frozenset[str] = frozenset({
    "name", "full_name", "fullname", "first_name", "firstname", "last_name", "lastname", "given",
    "given_name", "surname", "family_name", "kana", "name_kana", "holder", "card_holder", "cardholder",
    "customer", "customer_name", "account_name", "account_holder", "recipient", "applicant", "patient",
    "contact_name", "member_name", "user_full_name", "氏名", "お名前", "名前", "フリガナ", "名義", "口座名義",
    "担当者", "申請者", "請求者", "申込者",
})

#: A name word: kanji (鈴木, 真一郎), kana (あかり, スズキ), kana + kanji (あや子), or latin;
#: not a phrase that mixes them (変更の手続き). It ends where letters end, not before ``.``
#: or ``@`` (k.huang@…) or a digit.
_WORD = (r"(?:[\p{Han}々〆ヶ]{1,6}|[\p{Hiragana}ー]{1,6}[\p{Han}]{0,2}|[\p{Katakana}ー]{1,12}"
         r"|[A-Za-z][A-Za-z'\-]{0,14})"
         r"(?=$|[^\p{L}.@_0-9]|です|でござい|と申|様|さま|さん|殿|宛|より|の(?:[^\p{Han}\p{Katakana}]|$))")
_NAME_VALUE = rf"(?P<v>{_WORD}(?:[ +]{_WORD}){{0,3}})"
_LABEL_RE = "|".join(regex.escape(normalize(label).text) for label in NAME_LABELS)
#: A label, an optional qualifier in brackets (as in passport), a separator, the value.
_LABELLED = regex.compile(
    rf"(?<![\p{{L}}])(?:{_LABEL_RE})(?:[ ]?\([^)\n]{{1,24}}\))?"
    # with a separator any name; written straight after the label (氏名丹羽 直人) it must not
    # start with hiragana, which would be a particle (名前のない…)
    rf"(?:[ ]?[:=][ ]?|[ ]|(?=[\p{{Han}}\p{{Katakana}}A-Za-z])){_NAME_VALUE}",
    regex.IGNORECASE,
)
_KEYED = regex.compile(
    rf"""(?<![A-Za-z0-9_])(?P<key>[A-Za-z_][A-Za-z0-9_]{{0,24}})"?[ ]?[=:][ ]?["']?{_NAME_VALUE}""",
)
_CELL = regex.compile(rf"(?:^|(?<=[,\t]))[ ]?\"?{_NAME_VALUE}\"?[ ]?(?=[,\t]|$)", regex.MULTILINE)
#: Words before a name that are not part of it (a department in 総務部 堤 真一郎).
_ORG_UNIT = regex.compile(r"(?:部|課|室|係|科|局|社|所|センター|支店|本店|グループ|チーム)$")
_NOT_NAME_TAILS = ("です", "でございます", "と申します", "様", "さま", "さん", "殿", "宛", "より")


def _trim_value(value: str) -> tuple[int, int]:
    """(start, end) of the name inside a captured value: no department before it, no
    honorific or copula after it."""
    words = value.split(" ")
    start = 0
    while len(words) > 1 and _ORG_UNIT.search(words[0]):
        start += len(words[0]) + 1
        words = words[1:]
    end = len(value)
    for tail in _NOT_NAME_TAILS:
        if value.endswith(tail) and end - len(tail) > start:
            end -= len(tail)
            break
    return start, end


def _plausible_name(value: str) -> bool:
    if not value or len(value) > 30:
        return False
    if _ORG_UNIT.search(value) and " " not in value:
        return False  # 担当：営業部
    # One hiragana-only word is too often a phrase (お名前：なし, 担当：いません).
    return not regex.fullmatch(r"\p{Hiragana}{1,5}", value)


class LabelledNameRecognizer(_TextNameRecognizer):
    """The value of a name label or name field (see the module docstring)."""

    ID = "jp.person_labelled.v1"

    def find(self, norm: NormalizedText) -> list[Hit]:
        t = norm.text
        spans: list[tuple[int, int]] = []
        for m in _LABELLED.finditer(t):
            spans.append(m.span("v"))
        for m in _KEYED.finditer(t):
            if m.group("key").casefold() in NAME_KEYS:
                spans.append(m.span("v"))
        if "," in t or "\t" in t:
            for m in _CELL.finditer(t):
                s, e = m.span("v")
                label = field_label(norm, s, e)
                if label is not None and label.kind == "column" and label.name in NAME_KEYS:
                    spans.append((s, e))
        out: list[Hit] = []
        taken: list[tuple[int, int]] = []
        for s, e in sorted(set(spans)):
            value = t[s:e].replace("+", " ")
            a, b = _trim_value(value)
            s, e = s + a, s + b
            if not _plausible_name(t[s:e].strip()) or any(x < e and s < y for x, y in taken):
                continue
            taken.append((s, e))
            out.append((s, e, 0.85))
        return out


# -- kana names ------------------------------------------------------------------------------------

_KANA_PAIR = regex.compile(r"(?<![\p{Katakana}\p{Hiragana}ー])(\p{Katakana}[\p{Katakana}ー]{0,7})[ ](\p{Katakana}[\p{Katakana}ー]{0,7})(?![\p{Katakana}ー])")




class KanaNameRecognizer(_TextNameRecognizer):
    """Katakana surname + space + katakana given name, both in the packaged dictionary."""

    ID = "jp.person_kana.v1"
    TRIGGER = KANA_PAIR

    def find(self, norm: NormalizedText) -> list[Hit]:
        t = norm.text
        if " " not in t:
            return []
        names = name_dictionary()
        out: list[Hit] = []
        for m in _KANA_PAIR.finditer(t):
            surname, given = to_hiragana(m.group(1)), to_hiragana(m.group(2))
            if surname in names.surname_readings and given in names.given_kana:
                out.append((m.start(), m.end(), 0.8))
        return out


# -- romaji names ---------------------------------------------------------------------------------

# Two to three capitalised words (Taro Yamada, NGUYEN THI HOA, YAMADA Taro), or one after a title.
_ROMAJI_WORD = r"(?:[A-Z][a-z]{1,15}|[A-Z]{2,15})"
_ROMAJI_NAME = regex.compile(
    rf"(?:(?P<title>(?<![A-Za-z])(?:Mr|Ms|Mrs|Miss|Dr|Prof)\.?[ ]?)|(?<![0-9A-Za-z_.@-]))"
    rf"(?P<name>{_ROMAJI_WORD}(?:[ ]{_ROMAJI_WORD}){{0,2}})(?![0-9A-Za-z_@])"
)
_ROMAJI_TITLE_BEFORE = regex.compile(r"(?:Mr|Ms|Mrs|Miss|Dr|Prof)\.?[ ]?$")
_INTRODUCTION_BEFORE = regex.compile(r"(?:I'm|I am|[Mm]y name is|[Tt]his is|[Ss]incerely,?|[Rr]egards,?)[ ]$")
_HONORIFIC_AFTER = regex.compile(
    r"^(?:-?san|-?sama|-?kun|-?chan|-?sensei|さん|様|さま|氏|くん|君|ちゃん|先生|です|と申します|より|宛)(?![a-z])"
)
_EMAIL = regex.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_JAPANESE = regex.compile(r"[\p{Hiragana}\p{Katakana}\p{Han}]")


class RomajiNameRecognizer(_TextNameRecognizer):
    """Romaji person names with evidence (see the module docstring)."""

    ID = "jp.person_romaji.v1"
    TRIGGER = LATIN

    def __init__(self, *, name: str | None = None, email_window: int = 40) -> None:
        self.email_window = email_window
        super().__init__(name=name)

    def find(self, norm: NormalizedText) -> list[Hit]:
        t = norm.text
        if not regex.search(r"[A-Z]", t):
            return []
        emails = [m.span() for m in _EMAIL.finditer(t)]
        names = name_dictionary()
        japanese = bool(_JAPANESE.search(t))
        out: list[Hit] = []
        for m in _ROMAJI_NAME.finditer(t):
            s, e = m.span("name")
            if any(es <= s < ee for es, ee in emails):
                continue  # inside an e-mail address
            before, after = t[max(0, s - 20):s], t[e:e + 8]
            words = m.group("name").split(" ")
            known = any(names.is_romaji_name(w) for w in words)
            phrase = bool(regex.match(r"[ ](?:of|and|the|&|in|at|on|for)(?![A-Za-z])", after, regex.IGNORECASE)) \
                or bool(regex.search(r"[A-Za-z][ ]$", before))
            titled = m.group("title") is not None or bool(_ROMAJI_TITLE_BEFORE.search(before))
            honorific = bool(_HONORIFIC_AFTER.match(after))
            introduced = bool(_INTRODUCTION_BEFORE.search(before))
            nearby = [t[es:ee] for es, ee in emails
                      if abs(es - e) <= self.email_window or abs(s - ee) <= self.email_window]
            near_email = bool(nearby)
            # The name spelled out in the local part of an address next to it (Hiroshi Kobayashi
            # <hiroshi.kobayashi@…>) is evidence whatever English words precede it.
            echoed = len(words) >= 2 and any(
                all(w.lower() in regex.split(r"[._+-]", addr.split("@", 1)[0].lower()) for w in words)
                for addr in nearby)
            if echoed:
                out.append((s, e, 0.85))
                continue
            if phrase and not (titled or introduced):
                continue  # part of an English phrase or title (Yokohama Arena, NO TENNIS NO LIFE)
            if titled or honorific:
                score = 0.85 if (known or len(words) >= 2) else (0.7 if not phrase else 0.0)
            elif introduced and (known or len(words) >= 2):
                score = 0.8
            elif japanese and len(words) >= 2 and _given_and_surname(names, words):
                score = 0.8  # Kaito Sugimoto, NAKANISHI Hayate in Japanese text
            elif near_email and len(words) >= 2 and known:
                score = 0.75
            else:
                continue
            if score > 0:
                out.append((s, e, score))
        return out


def _given_and_surname(names: object, words: list[str]) -> bool:
    """One word is a Japanese given name and another a Japanese surname, in romaji."""
    lowered = [w.lower() for w in words]
    given = [w in names.given_romaji for w in lowered]  # type: ignore[attr-defined]
    surname = [w in names.surname_romaji for w in lowered]  # type: ignore[attr-defined]
    return any(g and any(s for j, s in enumerate(surname) if j != i) for i, g in enumerate(given))


SPECS: tuple[RecognizerSpec, ...] = (
    _spec(RomajiNameRecognizer,
          "Romaji names with a title, honorific, introduction, e-mail nearby, or a known "
          "Japanese name in romaji"),
    _spec(LabelledNameRecognizer,
          "The value of a name label or field: お名前：…, 名義 …, name=\"…\", a 氏名 column"),
    _spec(KanaNameRecognizer, "Katakana surname + given name pairs from the packaged name dictionary"),
)
