"""Coarse classes of Sudachi part-of-speech tags, as the name and place recognizers use them.

GiNZA's tokenizer writes Sudachi's full tag into ``token.tag_`` (名詞-固有名詞-人名-姓); the
recognizers only need to know which of a dozen classes a token is in, and a Doc repeats the
same few hundred tags, so the class of each distinct tag string is computed once.

Also here: a view of a Doc as plain tuples (``DocTokens``), built once per Doc and shared by
the person and place recognizers, so each reads spaCy's Cython objects only once per token.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import IntEnum
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Tag", "tag_class", "DocTokens", "doc_tokens", "script_of", "Script"]


class Tag(IntEnum):
    SURNAME = 1        # 名詞-固有名詞-人名-姓
    GIVEN_NAME = 2     # 名詞-固有名詞-人名-名
    PERSON_NAME = 3    # 名詞-固有名詞-人名-一般 (foreign names, mononyms)
    PLACE = 4          # 名詞-固有名詞-地名-一般
    COUNTRY = 5        # 名詞-固有名詞-地名-国
    PROPER = 6         # 名詞-固有名詞-一般 (brand, work, organisation names)
    NOUN = 7           # 名詞-普通名詞-*
    NUMBER = 8         # 名詞-数詞
    SUFFIX = 9         # 接尾辞-*
    PREFIX = 10        # 接頭辞
    SYMBOL = 11        # 補助記号-一般, 記号-* (・, =, &, -)
    PUNCT = 12         # 補助記号-句点/読点/括弧
    SPACE = 13         # 空白
    PARTICLE = 14      # 助詞
    OTHER = 15         # verbs, adjectives, auxiliaries, ...


NAME_TAGS = frozenset({Tag.SURNAME, Tag.GIVEN_NAME, Tag.PERSON_NAME})
PLACE_TAGS = frozenset({Tag.PLACE, Tag.COUNTRY})


@lru_cache(maxsize=1024)
def tag_class(tag: str) -> Tag:
    """The coarse class of one Sudachi tag string."""
    if tag.startswith("名詞-固有名詞-"):
        if tag.startswith("名詞-固有名詞-人名-"):
            if tag.endswith("姓"):
                return Tag.SURNAME
            if tag.endswith("名"):
                return Tag.GIVEN_NAME
            return Tag.PERSON_NAME
        if tag.startswith("名詞-固有名詞-地名-"):
            return Tag.COUNTRY if tag.endswith("国") else Tag.PLACE
        return Tag.PROPER
    if tag.startswith("名詞-数詞"):
        return Tag.NUMBER
    if tag.startswith("名詞"):
        return Tag.NOUN
    if tag.startswith("接尾辞"):
        return Tag.SUFFIX
    if tag.startswith("接頭辞"):
        return Tag.PREFIX
    if tag.startswith(("補助記号-句点", "補助記号-読点", "補助記号-括弧")):
        return Tag.PUNCT
    if tag.startswith(("補助記号", "記号")):
        return Tag.SYMBOL
    if tag.startswith("空白"):
        return Tag.SPACE
    if tag.startswith("助詞"):
        return Tag.PARTICLE
    return Tag.OTHER


class Script(IntEnum):
    KANJI = 1
    HIRAGANA = 2
    KATAKANA = 3
    LATIN = 4
    DIGIT = 5
    MIXED = 6
    OTHER = 7


def _char_script(c: str) -> Script:
    o = ord(c)
    if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF or c in "々〆ヶ" \
            or 0x20000 <= o <= 0x2FFFF:
        return Script.KANJI
    if 0x3041 <= o <= 0x309F:
        return Script.HIRAGANA
    if 0x30A1 <= o <= 0x30FF or 0x31F0 <= o <= 0x31FF:
        return Script.KATAKANA
    if c.isascii() and c.isalpha():
        return Script.LATIN
    if c.isdigit():
        return Script.DIGIT
    if unicodedata.category(c).startswith("L"):
        return Script.LATIN if c.isalpha() and ord(c) < 0x250 else Script.OTHER
    return Script.OTHER


@lru_cache(maxsize=65536)
def script_of(word: str) -> Script:
    """The script of a word; KATAKANA allows the long-vowel mark, LATIN allows . ' -."""
    scripts = {_char_script(c) for c in word if c not in "ー'.-"}
    if not scripts:
        return Script.OTHER
    if len(scripts) == 1:
        return next(iter(scripts))
    return Script.MIXED


@dataclass(frozen=True, slots=True)
class DocTokens:
    """Plain per-token arrays of one Doc: character offsets, text, tag class, GiNZA entity."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    words: tuple[str, ...]
    tags: tuple[Tag, ...]
    fine_tags: tuple[str, ...]  # the full Sudachi tag (名詞-普通名詞-サ変可能)
    ent_labels: tuple[str, ...]  # ENE label of the entity covering the token, or ""
    #: GiNZA's NER ran on this Doc (its tokens carry entity annotation, even if only "outside").
    #: Recognizers use weaker stand-in evidence only where it did not.
    ner_ran: bool = False

    def __len__(self) -> int:
        return len(self.words)


def doc_tokens(doc: Doc) -> DocTokens:
    """Read a Doc once into tuples; cached on the Doc (``doc.user_data``) for the next recognizer."""
    cached = doc.user_data.get("privacy_kit.tokens")
    if isinstance(cached, DocTokens):
        return cached
    starts: list[int] = []
    ends: list[int] = []
    words: list[str] = []
    tags: list[Tag] = []
    fine: list[str] = []
    labels: list[str] = []
    pieces: list[str] = []
    for tok in doc:
        word = tok.text
        starts.append(tok.idx)
        words.append(word)
        ends.append(tok.idx + len(word))
        pieces.append(word + tok.whitespace_)  # ``doc.text`` would iterate the tokens again
        tag = tok.tag_
        fine.append(tag)
        tags.append(tag_class(tag))
        labels.append(tok.ent_type_)
    ner_ran = bool(len(doc)) and bool(doc.to_array("ENT_IOB").any())
    view = DocTokens("".join(pieces), tuple(starts), tuple(ends), tuple(words), tuple(tags), tuple(fine),
                     tuple(labels), ner_ran)
    doc.user_data["privacy_kit.tokens"] = view
    return view
