"""Which texts pay for GiNZA's NER in the balanced tier: those whose names and places the rules
cannot settle from Sudachi's tags alone.

GiNZA's NER changes the person and place findings of only a minority of texts (18% of
ner-wikipedia sentences), but the ones it changes cannot be told apart without running it. What
can be seen from the tokens is where its evidence is consulted (``recognizers.names``,
``recognizers.places``):

* a place name (名詞-固有名詞-地名-一般): reported alone only with a locative particle after it,
  with GiNZA's support otherwise; and GiNZA's organisation and facility spans veto places inside
  them;
* a surname (名詞-固有名詞-人名-姓): a lone surname is a person only with GiNZA's agreement or an
  honorific;
* a katakana word Sudachi does not know: a foreign name that only GiNZA may recognise.

A text with none of these is only tokenized. On ner-wikipedia's development half this sends 58%
of the sentences to NER and keeps F1 within 0.001 (PERSON) and 0.011 (LOCATION) of running NER
on all of them (docs/performance.md, ``benchmarks/ner_wikipedia.py --tiers``). Country names are
left out on purpose: they are in half the sentences and NER changes them rarely.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .names import is_unknown_word
from .sudachi_tags import Script, Tag, script_of, tag_class

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["needs_ner"]

_SETTLED_BY_NER = frozenset({Tag.PLACE, Tag.SURNAME})
_WORD_TAGS = frozenset({Tag.NOUN, Tag.PROPER})


def needs_ner(doc: Doc) -> bool:
    """Does this tokenized Doc hold a place name, a surname or an unknown katakana word?

    Reads the tokens directly, not through ``doc_tokens``: that view is cached on the Doc with
    its entity labels, and NER has not run yet.
    """
    for tok in doc:
        tag, word = tag_class(tok.tag_), tok.text
        if tag in _SETTLED_BY_NER:
            return True
        if tag in _WORD_TAGS and script_of(word) == Script.KATAKANA and is_unknown_word(word):
            return True
    return False
