"""Coarse classes of Sudachi part-of-speech tags, as the name and place recognizers use them.

GiNZA's tokenizer writes Sudachi's full tag into ``token.tag_`` (名詞-固有名詞-人名-姓); the
recognizers only need to know which of a dozen classes a token is in, and a Doc repeats the
same few hundred tags, so the class of each distinct tag string is computed once.

Also here: a view of a Doc as plain tuples (``DocTokens``), built once per Doc and shared by
the person and place recognizers, so each reads spaCy's Cython objects only once per token.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from enum import IntEnum
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Tag", "tag_class", "DocTokens", "doc_tokens", "entities_changed", "derived", "script_of", "Script"]


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
    #: Per token: GiNZA's NER looked at it (entity annotation, even if only "outside"). The full
    #: tier's NER sees every token, the balanced tier's only windows around weak evidence
    #: (``recognizers.ner_gate``). Recognizers use weaker stand-in evidence only where it did not.
    ner_seen: tuple[bool, ...] = ()

    def __len__(self) -> int:
        return len(self.words)

    @property
    def ner_ran(self) -> bool:
        """NER looked at some token of this Doc."""
        return any(self.ner_seen)

    def ner_saw(self, s: int, e: int) -> bool:
        """NER looked at a token in ``[s, e)``: its silence about them is evidence."""
        return any(self.ner_seen[s:e])


_TOKENS_KEY = "privacy_kit.tokens"
#: Words, spaces and Sudachi tags as the tokenizer made them (``lean_tokenizer``): reading them
#: back from the Doc's Token objects costs as much as the rest of the view.
LEXICAL_KEY = "privacy_kit.lexical"
#: Results other modules derive from the view (``derived``); dropped with the entities.
_DERIVED_KEY = "privacy_kit.derived"


def doc_tokens(doc: Doc) -> DocTokens:
    """Read a Doc once into tuples; cached on the Doc (``doc.user_data``) for the next recognizer."""
    cached = doc.user_data.get(_TOKENS_KEY)
    if isinstance(cached, DocTokens):
        return cached
    text, starts, ends, words, fine = _lexical(doc)
    labels, seen = _entities(doc)
    view = DocTokens(text, starts, ends, words, tuple(tag_class(t) for t in fine), fine, labels, seen)
    doc.user_data[_TOKENS_KEY] = view
    return view


def _lexical(doc: Doc) -> tuple[str, tuple[int, ...], tuple[int, ...], tuple[str, ...], tuple[str, ...]]:
    stash = doc.user_data.get(LEXICAL_KEY)
    if stash is not None and len(stash[0]) == len(doc):
        words, spaces, fine = stash
    else:
        words, spaces, fine = [], [], []
        for tok in doc:
            words.append(tok.text)
            spaces.append(bool(tok.whitespace_))
            fine.append(tok.tag_)
    starts: list[int] = []
    ends: list[int] = []
    pieces: list[str] = []
    at = 0
    for word, space in zip(words, spaces):
        starts.append(at)
        at += len(word)
        ends.append(at)
        pieces.append(word)
        if space:
            pieces.append(" ")
            at += 1
    return "".join(pieces), tuple(starts), tuple(ends), tuple(words), tuple(fine)


def _entities(doc: Doc) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    """Per token: the ENE label of the entity covering it (or ""), and whether NER looked at it."""
    if not len(doc):
        return (), ()
    from spacy.attrs import ENT_IOB, ENT_TYPE

    strings = doc.vocab.strings
    rows = doc.to_array([ENT_IOB, ENT_TYPE]).tolist()
    return tuple(strings[t] if t else "" for _, t in rows), tuple(bool(iob) for iob, _ in rows)


def entities_changed(doc: Doc) -> None:
    """NER has just set the Doc's entities (after ``ner_gate`` read its tokens): refresh the
    cached view's entity columns and drop what was derived from the old ones."""
    doc.user_data.pop(_DERIVED_KEY, None)
    cached = doc.user_data.get(_TOKENS_KEY)
    if isinstance(cached, DocTokens):
        labels, seen = _entities(doc)
        doc.user_data[_TOKENS_KEY] = replace(cached, ent_labels=labels, ner_seen=seen)


def derived(doc: Doc) -> dict[Any, Any]:
    """A per-Doc cache for results computed from its tokens and entities (cleared by
    ``entities_changed``)."""
    cache = doc.user_data.get(_DERIVED_KEY)
    if cache is None:
        cache = doc.user_data[_DERIVED_KEY] = {}
    return cache
