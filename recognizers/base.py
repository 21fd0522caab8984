"""The shared engine of the pack's pattern recognizers: normalise once, match, validate,
weigh context, map back.

Presidio's ``PatternRecognizer`` matches on the raw text and boosts scores through the lemma
enhancer. For Japanese both are wrong: full-width digits and the many dash characters
(「０９０－１２３４」, 「090ー1234」) need one normalised copy of the text with an exact offset map,
and labels sit on either side of a value inside compounds that lemmas cannot see (see
``recognizers.context``). ``JapanesePatternRecognizer`` does those steps in one place so each
recognizer only declares its patterns, keywords and checks. It knows nothing of any entity in
particular; the address and name recognizers can build on it too.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import regex
from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult

from .context import (
    DEFAULT_AFTER,
    DEFAULT_BEFORE,
    ContextHit,
    FieldLabel,
    field_label,
    nearest_context,
    prepare_keywords,
)
from .entities import APPI_CATEGORY_KEY, CATEGORY_KEY, appi_category
from .normalize import NormalizedText, normalize
from .registry import RecognizerSpec
from .triggers import Trigger

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

__all__ = [
    "Candidate", "Evidence", "JapanesePatternRecognizer", "Pattern",
    "DIGITS_BEFORE", "DIGITS_AFTER", "NOT_A_QUANTITY", "label_has", "pattern_spec", "result_metadata",
]

#: A number starts here: no digit, decimal point or digit-hyphen just before it, and no
#: letter run that itself follows a digit (so a hex hash ``5f4111…`` is not a card, while
#: a label glued to the value, ``TEL0312345678`` or ``No.4111…``, still works).
DIGITS_BEFORE = r"(?<![0-9])(?<![0-9][-.])(?<![0-9][A-Za-z_]+)"
#: A number ends here: no further digit, and no hyphen or decimal point followed by one.
DIGITS_AFTER = r"(?![0-9])(?![-.][0-9])"
#: Not an amount or a count: values written with a unit after them are quantities. Only on
#: the same line, and not where the "unit" starts a word (名義, 本日, 人目, 年生).
NOT_A_QUANTITY = (
    r"(?![ ]?(?:円|万|億|件|個|人(?!目)|名(?!義|前)|回|歳|才|%|ドル|ポイント|pt|年(?!生)|ヶ月|か月|カ月"
    r"|時間|秒|枚|冊|km|kg|mm|cm|MB|GB|KB|TB|bytes?))"
)


@dataclass(frozen=True, slots=True)
class Pattern:
    """One way a value is written, and how much each kind of evidence is worth for it.

    ``score`` is the confidence with no keyword nearby; 0 means "never reported without a
    keyword" (weak formats such as a bare 7-digit number). ``context_score`` applies when a
    keyword is in the window. The two ``checksum_*`` scores replace them when the
    recognizer's ``validate`` hook says the check digit is right. A wrong check digit drops
    the candidate, unless ``failed_checksum_score`` is set: then a candidate WITH a keyword
    survives at that score (for community-sourced formulas that may be wrong).
    ``context`` overrides the recognizer's keywords for this pattern only. ``field_only``
    patterns take their keyword only from the value's own field name (key=, JSON key, CSV
    column), never from the surrounding text: a bare 45 is an age in an ``age`` column, and
    nothing at all next to the word 年齢 in a sentence about age limits.
    """

    name: str
    regex: str
    score: float = 0.0
    context_score: float = 0.85
    checksum_score: float | None = None
    checksum_context_score: float | None = None
    failed_checksum_score: float | None = None
    context: tuple[str, ...] | None = None
    field_only: bool = False
    group: int | str = 0
    entity: str | None = None
    flags: int = 0


@dataclass(frozen=True, slots=True)
class Candidate:
    """A pattern match on the normalised text; ``start``/``end`` index ``norm.text``."""

    norm: NormalizedText
    match: regex.Match[str]
    pattern: Pattern
    start: int
    end: int

    @property
    def value(self) -> str:
        return self.norm.text[self.start : self.end]

    @property
    def digits(self) -> str:
        return "".join(c for c in self.value if "0" <= c <= "9")

    def group(self, name: int | str) -> str | None:
        return self.match.group(name)


@dataclass(slots=True)
class Evidence:
    """Why a candidate is reported, for the score and the ``AnalysisExplanation``."""

    score: float
    checksum: bool | None = None
    context: ContextHit | None = None
    notes: list[str] = field(default_factory=list)

    def explain(self) -> str:
        parts = []
        if self.checksum is not None:
            parts.append("checksum " + ("passed" if self.checksum else "failed"))
        if self.context is not None and self.context.side == "field":
            parts.append(f"field name '{self.context.keyword}'")
        elif self.context is not None:
            c = self.context
            parts.append(f"context '{c.keyword}' {c.distance} chars {c.side}")
        else:
            parts.append("no context word")
        parts.extend(self.notes)
        return "; ".join(parts)


class JapanesePatternRecognizer(EntityRecognizer):
    """Base class for regex recognizers over normalised Japanese text (language ``ja``).

    Subclasses set the class attributes (or pass the same names to ``__init__``) and may
    override the hooks ``span``, ``validate`` and ``evaluate``. Results carry
    ``recognizer_name`` (the spec id) in ``recognition_metadata`` and an
    ``AnalysisExplanation`` naming the pattern, the checksum outcome and the context word.

    Context is weighed here, on both sides of the value, so every result is marked as
    already context-enhanced; Presidio's lemma enhancer then leaves it alone instead of
    adding a second, English-style boost.
    """

    NAME: str = ""
    ENTITIES: tuple[str, ...] = ()
    PATTERNS: tuple[Pattern, ...] = ()
    #: Words that support the candidate (labels such as 電話, 口座番号).
    CONTEXT: tuple[str, ...] = ()
    #: Words that contradict it (注文番号 before a number that looks like a phone number).
    #: When the nearest label is one of these, the candidate is dropped.
    DENY_CONTEXT: tuple[str, ...] = ()
    #: A cheap necessary condition for any match (``recognizers.triggers``), or None.
    TRIGGER: Trigger | None = None
    CONTEXT_BEFORE: int = DEFAULT_BEFORE
    CONTEXT_AFTER: int = DEFAULT_AFTER

    def __init__(
        self,
        *,
        name: str | None = None,
        entities: Sequence[str] | None = None,
        patterns: Sequence[Pattern] | None = None,
        context: Sequence[str] | None = None,
        deny_context: Sequence[str] | None = None,
        context_before: int | None = None,
        context_after: int | None = None,
        supported_language: str = "ja",
    ) -> None:
        self.patterns: tuple[Pattern, ...] = tuple(patterns if patterns is not None else self.PATTERNS)
        self.deny_context: tuple[str, ...] = tuple(
            deny_context if deny_context is not None else self.DENY_CONTEXT
        )
        self.context_before = context_before if context_before is not None else self.CONTEXT_BEFORE
        self.context_after = context_after if context_after is not None else self.CONTEXT_AFTER
        self._compiled: list[tuple[Pattern, regex.Pattern[str]]] = []
        ents = list(entities if entities is not None else self.ENTITIES)
        if not ents:
            raise ValueError(f"{type(self).__name__} declares no entities")
        super().__init__(
            supported_entities=ents,
            name=name or self.NAME or type(self).__name__,
            supported_language=supported_language,
            context=list(context if context is not None else self.CONTEXT),
        )

    # -- Presidio interface -------------------------------------------------------------

    def load(self) -> None:
        self._compiled = [(p, regex.compile(p.regex, p.flags)) for p in self.patterns]

    def analyze(
        self, text: str, entities: list[str] | None, nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        wanted = set(entities) if entities else set(self.supported_entities)
        if not text or not wanted & set(self.supported_entities):
            return []
        norm = normalize(text)
        found: list[tuple[Candidate, Evidence]] = []
        for cand in self.candidates(norm):
            if self.entity_of(cand) not in wanted:
                continue
            evidence = self.evaluate(cand)
            if evidence is not None and evidence.score > 0:
                found.append((cand, evidence))
        return [self._result(c, e) for c, e in self._without_overlaps(found)]

    # -- hooks ----------------------------------------------------------------------------

    def candidates(self, norm: NormalizedText) -> Iterator[Candidate]:
        """Every match of every pattern, trimmed by ``span``."""
        if not self._compiled:
            self.load()
        for pattern, compiled in self._compiled:
            for m in compiled.finditer(norm.text):
                span = self.span(norm, m, pattern)
                if span is None:
                    continue
                start, end = span
                if start < end:
                    yield Candidate(norm, m, pattern, start, end)

    def span(self, norm: NormalizedText, match: regex.Match[str], pattern: Pattern) -> tuple[int, int] | None:
        """The part of the match that is the value (default: the pattern's ``group``)."""
        if match.group(pattern.group) is None:
            return None
        return match.span(pattern.group)

    def plausible(self, cand: Candidate) -> bool:
        """Cheap sanity checks that rule a candidate out whatever its context (a date, 0000…)."""
        return True

    def validate(self, cand: Candidate) -> bool | None:
        """Check-digit validation: True (passes), False (fails), or None (nothing to check)."""
        return None

    def context_hit(self, cand: Candidate, keywords: Sequence[str], *,
                    skip_labelled: bool = False) -> ContextHit | None:
        """The keyword nearest the candidate within the recognizer's window, or None."""
        return nearest_context(
            cand.norm, cand.start, cand.end, keywords,
            before=self.context_before, after=self.context_after, skip_labelled=skip_labelled,
        )

    def supporting_context(self, cand: Candidate, keywords: Sequence[str]) -> ContextHit | None:
        """The supporting keyword nearest the candidate (override for special cues)."""
        return self.context_hit(cand, keywords)

    def field_label(self, cand: Candidate) -> FieldLabel | None:
        """The key or CSV column header that names the candidate, if it sits in a record."""
        return field_label(cand.norm, cand.start, cand.end)

    def evaluate(self, cand: Candidate) -> Evidence | None:
        """Score a candidate from its checksum and its label: the field name when the value
        sits in a record, otherwise the nearest keyword on either side (see docs/recognizers.md)."""
        p = cand.pattern
        if not self.plausible(cand):
            return None
        checksum = self.validate(cand)
        if checksum is False and p.failed_checksum_score is None:
            return None
        keywords = p.context if p.context is not None else self.context
        label = self.field_label(cand)
        verdict = _judge_label(label, keywords, self.deny_context)
        if verdict == "deny":
            return None
        if verdict is not None:
            hit: ContextHit | None = ContextHit(verdict, "field", 0)
        elif p.field_only or (label is not None and label.kind == "column"):
            # A column's header is its only label; the rest of the line is other values.
            hit = None
        else:
            hit = self.supporting_context(cand, keywords) if keywords else None
            if self.deny_context:
                deny = self.context_hit(cand, self.deny_context, skip_labelled=True)
                if deny is not None and (hit is None or _closer(deny, hit)):
                    return None
        if checksum is True:
            score = p.checksum_context_score if hit else p.checksum_score
            if score is None:
                score = p.context_score if hit else p.score
        elif checksum is False:
            score = p.failed_checksum_score if hit and p.failed_checksum_score is not None else 0.0
        else:
            score = p.context_score if hit else p.score
        return Evidence(score=score, checksum=checksum, context=hit)

    def entity_of(self, cand: Candidate) -> str:
        return cand.pattern.entity or self.supported_entities[0]

    # -- internals ------------------------------------------------------------------------

    @staticmethod
    def _without_overlaps(found: list[tuple[Candidate, Evidence]]) -> list[tuple[Candidate, Evidence]]:
        """Several patterns of one recognizer can match the same value; keep the best."""
        ranked = sorted(found, key=lambda ce: (-ce[1].score, -(ce[0].end - ce[0].start), ce[0].start))
        kept: list[tuple[Candidate, Evidence]] = []
        for cand, ev in ranked:
            if all(cand.end <= k.start or k.end <= cand.start for k, _ in kept):
                kept.append((cand, ev))
        return sorted(kept, key=lambda ce: ce[0].start)

    def _result(self, cand: Candidate, ev: Evidence) -> RecognizerResult:
        start, end = cand.norm.to_original(cand.start, cand.end)
        explanation = AnalysisExplanation(
            recognizer=self.name,
            original_score=ev.score,
            pattern_name=cand.pattern.name,
            pattern=cand.pattern.regex,
            validation_result=ev.checksum,
            textual_explanation=ev.explain(),
        )
        if ev.context is not None:
            explanation.set_supportive_context_word(ev.context.keyword)
        return RecognizerResult(
            entity_type=self.entity_of(cand), start=start, end=end, score=round(ev.score, 4),
            analysis_explanation=explanation, recognition_metadata=result_metadata(self, self.entity_of(cand)),
        )


def result_metadata(recognizer: EntityRecognizer, entity: str, category: str | None = None) -> dict[str, Any]:
    """``recognition_metadata`` of a result of this pack: the recognizer's id, "context already
    weighed" (so Presidio's English lemma enhancer leaves the score alone), the APPI class of the
    entity and, for 要配慮 findings, the statutory category."""
    metadata: dict[str, Any] = {
        RecognizerResult.RECOGNIZER_NAME_KEY: recognizer.name,
        RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
        RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY: True,
        APPI_CATEGORY_KEY: appi_category(entity),
    }
    if category is not None:
        metadata[CATEGORY_KEY] = category
    return metadata


def label_has(name: str, keyword: str) -> bool:
    """Does a (case-folded) field name contain ``keyword``?

    Japanese keywords match anywhere (口座番号 contains 口座). ASCII keywords match whole
    words of the name, so ``age`` is in ``age`` and ``user_age`` but not in ``page``/``image``;
    trailing digits are ignored (``tel2``).
    """
    if not keyword.isascii():
        return keyword in name
    return f" {keyword} " in _label_words(name)


_NOT_ALNUM = regex.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=4096)
def _label_words(name: str) -> str:
    return " " + " ".join(w.rstrip("0123456789") for w in _NOT_ALNUM.split(name) if w) + " "


def _judge_label(label: FieldLabel | None, keywords: Sequence[str], deny: Sequence[str]) -> str | None:
    """What a field name says: a supporting keyword it contains, "deny", or None (neutral)."""
    if label is None:
        return None
    for original, kw in prepare_keywords(keywords):
        if label_has(label.name, kw):
            return original
    for _, kw in prepare_keywords(deny):
        if label_has(label.name, kw):
            return "deny"
    return None


def _closer(a: ContextHit, b: ContextHit) -> bool:
    """Is label ``a`` nearer the value than ``b``? A tie goes to the one written before."""
    if a.distance != b.distance:
        return a.distance < b.distance
    return a.side == "before" and b.side == "after"


def pattern_spec(cls: type[JapanesePatternRecognizer], description: str) -> RecognizerSpec:
    """The catalogue entry of a pattern recognizer class: its id and entities come from the
    class, so the two cannot drift apart."""
    return RecognizerSpec(id=cls.NAME, entities=cls.ENTITIES, tier="pattern", factory=cls,
                          description=description, trigger=cls.TRIGGER)
