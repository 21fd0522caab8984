"""Japanese personal names from the packaged ``japanese-personal-name-dataset`` (PyPI).

Used as evidence, never as the only reason to report a name: a surname token followed by a
known given name (「近藤」+「ナツ子」) is very likely a full name, and a romaji word that is a
known surname (Tanaka, Satoh) next to ``Mr.`` or an e-mail address is likely a person. The
dataset holds about 2,000 surnames (kanji, reading, romaji, estimated population) and about
9,500 given-name readings with 70,000 kanji spellings. Loaded lazily, once per process.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .kana import to_hiragana

__all__ = ["NameDictionary", "name_dictionary", "romaji_variants"]




def romaji_variants(r: str) -> set[str]:
    """Hepburn spellings people actually write: satou -> satou, sato, satoh, satō."""
    out = {r}
    for long_vowel in ("ou", "oo", "uu"):
        if long_vowel in r:
            out.add(r.replace(long_vowel, long_vowel[0]))
            if long_vowel == "ou":
                out.add(r.replace("ou", "oh"))
    return out


@dataclass(frozen=True, slots=True)
class NameDictionary:
    surnames: frozenset[str]            # kanji
    surname_readings: frozenset[str]    # hiragana readings of the surnames (すずき)
    given_kanji: frozenset[str]         # kanji spellings of given names
    given_kana: frozenset[str]          # hiragana readings of given names
    surname_romaji: frozenset[str]      # lower-case
    given_romaji: frozenset[str]        # lower-case

    def is_given_name(self, word: str) -> bool:
        return word in self.given_kanji or to_hiragana(word) in self.given_kana

    def is_surname(self, word: str) -> bool:
        return word in self.surnames

    def is_romaji_name(self, word: str) -> bool:
        w = word.lower()
        return w in self.surname_romaji or w in self.given_romaji


@cache
def name_dictionary() -> NameDictionary:
    """The packaged dataset as lookup sets (about 0.2 s and a few MB, once)."""
    from japanese_personal_name_dataset import load_dataset

    men, women, last = load_dataset("org", include_last_names=True)
    given_kanji: set[str] = set()
    given_kana: set[str] = set()
    given_romaji: set[str] = set()
    for table in (men, women):
        for reading, entry in table.items():
            # One-character readings (e.g. あい) are too often ordinary words to be evidence alone.
            if len(reading) >= 2:
                given_kana.add(reading)
            given_kanji.update(k for k in entry["kanji"] if k)
            if len(entry["en"]) >= 3:
                given_romaji.update(romaji_variants(entry["en"].lower()))
    surname_romaji: set[str] = set()
    surname_readings = {entry["reading"] for entry in last.values() if len(entry["reading"]) >= 2}
    for entry in last.values():
        if len(entry["en"]) >= 3:
            surname_romaji.update(romaji_variants(entry["en"].lower()))
    return NameDictionary(
        surnames=frozenset(last),
        surname_readings=frozenset(surname_readings),
        given_kanji=frozenset(given_kanji),
        given_kana=frozenset(given_kana),
        surname_romaji=frozenset(surname_romaji),
        given_romaji=frozenset(given_romaji),
    )
