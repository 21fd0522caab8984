"""Where the balanced tier pays for GiNZA's NER: a few tokens either side of the evidence the
rules cannot settle from Sudachi's tags alone.

GiNZA's NER (tok2vec and the entity recogniser) costs about 7 ms a sentence on one core, sixty
times Sudachi's tokenisation. Run on every token it changes the person and place findings of
only a few percent of sentences, and those changes cluster round two kinds of token:

* a person the rules report on a lone Sudachi 人名 tag (a katakana word like モルガン, ミラン,
  セドリック is as often a firm, a club or a car): GiNZA's organisation, product and work
  entities veto it;
* a surname (名詞-固有名詞-人名-姓) the rules left unreported, or an unknown katakana word
  before a particle or a comma that is not yet part of a reported name: only GiNZA's Person
  can add it.

``ner_windows`` returns those tokens with ``BEFORE`` and ``AFTER`` tokens of context, merged.
The engine runs NER on each window as a short Doc of its own and copies the entities back; the
tokens outside the windows keep no entity annotation, so the recognizers use the fast tier's
stand-in evidence there (``DocTokens.ner_saw``). On ner-wikipedia this reads 2.5% of the
tokens, in 0.2 windows a sentence, and keeps person and place F1 within 0.002 of NER on every
token (docs/performance.md, ``benchmarks/ner_wikipedia.py --tiers``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .names import find_persons, is_unknown_word
from .sudachi_tags import DocTokens, Script, Tag, doc_tokens, script_of

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["BEFORE", "AFTER", "ner_windows", "WEAK_PERSON_EVIDENCE"]

#: Tokens of context before and after a seed. GiNZA's tok2vec sees 8 tokens either side, but
#: its decisions about a seed barely change beyond these (development half, PERSON F1: two
#: either side 0.856, two before and one after 0.857, three before 0.858); what follows a
#: Japanese name is mostly a particle or an honorific. A window costs its tokens plus 8 padding
#: rows in each of tok2vec's layers, so the number of windows matters more than their length.
BEFORE = 2
AFTER = 1

#: Kinds of person evidence (``PersonHit.evidence``) that GiNZA's NER is asked to confirm.
WEAK_PERSON_EVIDENCE = frozenset({"lone-sudachi"})

_WORD_TAGS = frozenset({Tag.NOUN, Tag.PROPER})
_ARGUMENT_MARKERS = frozenset({"は", "が", "と", "に", "を", "も", "の", "ら", "、", "，"})


def ner_windows(doc: Doc, *, before: int = BEFORE, after: int = AFTER) -> list[tuple[int, int]]:
    """Token ranges ``[start, end)`` of a tokenized Doc (no NER yet) that NER should read.

    The token view and person hits it computes stay cached on the Doc for the recognizers; the
    engine refreshes them once NER has set entities (``sudachi_tags.entities_changed``).
    """
    if not len(doc):
        return []
    toks = doc_tokens(doc)
    hits = find_persons(doc)
    seeds: list[tuple[int, int]] = []
    reported: set[int] = set()
    for hit in hits:
        s, e = _token_span(toks, hit.start, hit.end)
        reported.update(range(s, e))
        if hit.evidence.split(":")[0] in WEAK_PERSON_EVIDENCE:
            seeds.append((s, e))
    for k, (word, tag) in enumerate(zip(toks.words, toks.tags)):
        if k in reported:
            continue
        if tag == Tag.SURNAME or (tag in _WORD_TAGS and script_of(word) == Script.KATAKANA
                                  and _argument_follows(toks, k) and is_unknown_word(word)):
            seeds.append((k, k + 1))
    return _merge(((max(0, s - before), min(len(toks), e + after)) for s, e in seeds))


def _argument_follows(toks: DocTokens, k: int) -> bool:
    """A particle or a comma follows: the word stands as a clause argument or a list item, where
    a foreign name stands; before a noun it is part of a compound (テスラ社, ボルト締め)."""
    return k + 1 < len(toks) and toks.words[k + 1] in _ARGUMENT_MARKERS


def _token_span(toks: DocTokens, start: int, end: int) -> tuple[int, int]:
    """The tokens overlapping the characters ``[start, end)``."""
    return bisect_right(toks.ends, start), bisect_left(toks.starts, end)


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged
