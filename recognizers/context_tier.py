"""Which texts the dependency parser should see: the cheap pre-check of the context recognizers.

Parsing costs a few milliseconds per post (docs/performance.md), and almost no text needs it:
only one with a 要配慮 candidate and someone it could be about, or with a person and a place or
time (a behaviour pattern). Everything else is never parsed — ``GinzaNlpEngine(parser=True,
parser_when=needs_parse)`` runs the parser on the texts for which this returns True and leaves
every other Doc without a dependency annotation. The recognizers then fall back to close
patterns, which on those texts find nothing anyway: the same two conditions are required.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from .behaviour import behaviour_precheck
from .entities import CONTEXT_TYPES
from .nlp_engine import GinzaNlpEngine, has_japanese
from .sensitive import experience_cue_regex
from .sensitive_lexicon import has_candidate
from .subjects import has_person_cue, poster_regex

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["engine_tiers", "needs_parse", "sensitive_precheck"]


def sensitive_precheck(text: str) -> bool:
    """A 要配慮 candidate and a person cue (or an experience predicate, which implies the poster)."""
    if not has_candidate(text):
        return False
    return (poster_regex().search(text) is not None or experience_cue_regex().search(text) is not None
            or has_person_cue(text))


def needs_parse(text: str) -> bool:
    """Every cue is Japanese, so a text without kana or kanji (a log field, a URL) is never parsed
    and costs one regex search."""
    return has_japanese(text) and (sensitive_precheck(text) or behaviour_precheck(text))


def engine_tiers(*, ner: bool = True, tiered: bool = True, entities: Iterable[str] | None = None,
                 ner_when: Callable[[str], bool] = has_japanese,
                 ner_gate: Callable[[Doc], list[tuple[int, int]]] | None = None) -> GinzaNlpEngine:
    """The pack's GinzaNlpEngine with its tiers: NER only for texts in Japanese script (or what
    ``ner_when`` says), the parser only for texts that ``needs_parse`` (and not at all when no
    context type is wanted). ``tiered=False`` runs NER, and the parser when wanted, on every text."""
    wants_context = entities is None or bool(set(entities) & set(CONTEXT_TYPES))
    return GinzaNlpEngine(ner=ner, parser=wants_context, ner_when=ner_when if tiered else None,
                          parser_when=needs_parse if tiered else None, ner_gate=ner_gate)
