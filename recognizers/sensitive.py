"""要配慮個人情報 about a person: MEDICAL_CONDITION, CREED, CRIMINAL_RECORD, DISABILITY,
RACE_ETHNICITY, SOCIAL_STATUS, CRIME_VICTIM (APPI Art 2(3); 施行令 Art 2).

A lexicon word (``recognizers.sensitive_lexicon``) is only a candidate. It becomes a finding when
the text ties it to a person (``recognizers.subjects``):

* through GiNZA's dependency parse (``recognizers.dependency.link_subject``), when the NLP engine
  parsed the text — it does so only for texts that have both a candidate and a person cue
  (``recognizers.context_tier.needs_parse``): 「田中さんは膵臓がんで入院」, 「母が乳がんの手術を受けた」,
  「乳がんを患う母」; or implicitly, the poster, through a first-person experience predicate with
  no other subject: 「先月、乳がんと診断されました」, 「膵臓がんで闘病中です」;
* otherwise through a close pattern in the same sentence (a cue, or an experience predicate right
  after the candidate), at a lower score.

Not findings: event topics and titles (「がん患者の家族のケア」講演会, 『膵癌診療ガイドライン』),
hashtags (#緩和ケア), general statements (膵臓がんは早期発見が難しい, 抗がん剤の副作用対策),
hypotheticals (がんになったら), people in general (看護師として、がん患者さんのケアに).

Each result carries ``appi_category`` (要配慮個人情報) and ``category`` (the statutory category id,
``recognizers.entities.SENSITIVE_CATEGORIES``) in ``recognition_metadata``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

import regex
from presidio_analyzer import AnalysisExplanation, EntityRecognizer, LocalRecognizer, RecognizerResult

from .base import result_metadata
from .dependency import Link, has_parse, link_subject
from .entities import SENSITIVE_TYPES
from .normalize import normalize
from .nlp_engine import has_japanese
from .registry import RecognizerSpec
from .sensitive_lexicon import find_candidates
from .sentences import sentence_at
from .subjects import (
    GENERIC_HONORED,
    GENERIC_PERSONS,
    person_cues,
    poster_regex,
)

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts
    from spacy.tokens import Doc, Token

__all__ = [
    "SensitiveInfoRecognizer", "SPECS", "sensitive_candidates", "experience_regex", "experience_cue_regex", "Cues",
]

SCORE_PARSED = 0.85
SCORE_PARSED_IMPLICIT = 0.75
SCORE_PATTERN = 0.7
SCORE_PATTERN_IMPLICIT = 0.6

#: Predicates of one's own illness, treatment or record (lemma or surface of the head token).
EXPERIENCE_WORDS: frozenset[str] = frozenset({
    "診断", "告知", "宣告", "闘病", "治療", "通院", "入院", "手術", "服用", "服薬", "患う", "罹る", "罹患",
    "発症", "再発", "転移", "寛解", "完治", "療養", "抱える", "見つかる", "判明", "発覚", "受ける", "言う",
    "わずらう", "かかる", "なる", "持つ", "飲む", "受診", "検査", "投与", "逮捕", "起訴", "服役", "入信",
    "受給", "取得", "交付", "遭う", "あう", "受け", "被る", "持病", "休職", "退職", "入所",
})
#: Nouns that make a candidate a subject matter rather than someone's case.
TOPIC_HEADS: frozenset[str] = frozenset({
    "対策", "研究", "講演", "講演会", "セミナー", "勉強会", "講座", "学会", "シンポジウム", "フォーラム", "ガイドライン",
    "治療法", "診療", "予防", "検診", "健診", "啓発", "支援", "相談", "相談会", "患者会", "家族会", "教室", "センター",
    "専門医", "情報", "特集", "本", "書籍", "記事", "番組", "月間", "デー", "週間", "撲滅", "基金", "財団", "協会",
    "団体", "ワークショップ", "イベント", "キャンペーン", "プロジェクト", "ニュース", "報道", "統計", "調査", "制度",
    "政策", "法", "条例", "差別", "問題", "理解", "正しい知識", "知識", "リスク", "早期発見", "最新", "新薬",
    "臨床試験", "治験", "病棟", "外来", "科", "クリニック", "病院", "療法", "ケア", "事件", "被害者支援", "歴史",
    "文化", "関係", "撤廃", "人権", "運動", "教育", "福祉", "施設", "手当", "年金制度", "サービス", "ナース",
    "医", "医療", "看護", "介護", "疑い", "予備軍", "かも", "対応", "体験談",
})
_HYPOTHETICAL = frozenset({"たら", "ば", "なら", "場合", "とき", "時", "だら"})
_TITLE_OPEN = "『【《〈"
_TITLE_CLOSE = "』】》〉"
_NOT_A_SUBJECT_ROLE = frozenset({"先生"})  # 主治医の先生に言われた: the doctor is not the patient


#: Predicates that say, on their own, that someone has or had the thing (the poster, when no
#: one else is named): the pre-check's stand-in for a written subject.
_EXPERIENCE_CUE = (
    r"診断|告知|宣告|闘病|治療中|通院|入院|手術|服用|患っ|罹患|発症|再発|転移|寛解|完治|療養|見つか|判明|発覚"
    r"|と言われ|逮捕され|起訴され|服役|被害に遭|被害にあ|被害を受け|手帳を"
)


@cache
def experience_regex() -> regex.Pattern[str]:
    """An experience predicate directly after a candidate (「乳がんと診断され」「で闘病中」): the
    same predicates as the pre-check's, so a text the pre-check did not send to the parser
    cannot be linked by the fallback either."""
    return regex.compile(rf"(?:と|で|が|の|を|に|は)?(?:{_EXPERIENCE_CUE})")


@cache
def experience_cue_regex() -> regex.Pattern[str]:
    """An experience predicate anywhere (the pre-check): 診断, 闘病, 入院, 逮捕され…"""
    return regex.compile(_EXPERIENCE_CUE)


def sensitive_candidates(text: str) -> list[tuple[int, int, str, str]]:
    """``(start, end, entity, category)`` of every lexicon candidate, offsets into ``text``
    (the original), hashtags and bracketed titles excluded."""
    norm = normalize(text)
    out = []
    for n_start, n_end, entry in find_candidates(norm.text):
        start, end = norm.to_original(n_start, n_end)
        if _in_hashtag(text, start) or _in_title(text, start, end):
            continue
        out.append((start, end, entry.entity, entry.category))
    return out


def _in_hashtag(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and not text[i].isspace() and text[i] not in "。、！？!?,.#＃":
        i -= 1
    return i >= 0 and text[i] in "#＃"


def _in_title(text: str, start: int, end: int) -> bool:
    """Inside 『…』, 【…】, 《…》: a book, lecture or guideline title, or a heading."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    for o, c in zip(_TITLE_OPEN, _TITLE_CLOSE):
        if before.rfind(o) > before.rfind(c):
            return True
    return False


@cache
def _generic_subject() -> regex.Pattern[str]:
    """A generic person as subject or topic: 患者さんの多くは, 人は, 皆さんが."""
    words = "|".join(regex.escape(w) for w in sorted(GENERIC_PERSONS, key=len, reverse=True))
    return regex.compile(rf"(?:{words})(?:さん|様)?(?:の多く|の方|たち)?(?:は|が|も)")


class Cues:
    """Person cues of one text, by character span, and the token predicates built on them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans: list[tuple[int, int, str]] = []
        self.spans.extend(person_cues(text))
        for m in poster_regex().finditer(text):
            self.spans.append((m.start(), m.end(), "poster"))

    def __bool__(self) -> bool:
        return bool(self.spans)

    def at(self, start: int, end: int) -> str | None:
        for s, e, kind in self.spans:
            if s < end and start < e:
                return kind
        return None

    def in_range(self, start: int, end: int) -> list[tuple[int, int, str]]:
        return [c for c in self.spans if start <= c[0] and c[1] <= end]

    # -- token predicates for recognizers.dependency ----------------------------------------------

    def is_cue(self, tok: Token) -> bool:
        if tok.text in _NOT_A_SUBJECT_ROLE:
            return False
        if tok.tag_.startswith("名詞-固有名詞-人名"):
            return True
        return self.at(tok.idx, tok.idx + len(tok.text)) is not None


def is_generic(tok: Token) -> bool:
    word = tok.text
    if word in GENERIC_PERSONS:
        return True
    # 患者さん: the honorific token heads the phrase; the noun before it says who.
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    return prev is not None and prev.text in GENERIC_HONORED and word in ("さん", "様", "さま")


def is_topic_head(tok: Token) -> bool:
    return tok.text in TOPIC_HEADS or tok.lemma_ in TOPIC_HEADS


def is_experience(tok: Token) -> bool:
    return tok.lemma_ in EXPERIENCE_WORDS or tok.text in EXPERIENCE_WORDS or tok.text.endswith("中")


def is_hypothetical(tok: Token) -> bool:
    doc = tok.doc
    for k in range(tok.i + 1, min(len(doc), tok.i + 5)):
        t = doc[k]
        if t.text in _HYPOTHETICAL:
            return True
        if t.text in "。！？!?、":
            break
    return False


_MODIFIES_PERSON = regex.compile(r"(?:を患う|を患っている|で闘病中の|で療養中の|で入院中の|の)")


def _modified_person(text: str, cues: Cues, end: int) -> Link | None:
    """「乳がんを患う母」「膵臓がんで闘病中の父」「認知症の祖母」: the candidate directly describes
    the person written right after it."""
    m = _MODIFIES_PERSON.match(text, end)
    if m is None:
        return None
    for s, e, _ in cues.spans:
        if s == m.end():
            return Link("explicit", text[s:e])
    return None


def _pattern_link(text: str, cues: Cues, start: int, end: int) -> Link | None:
    """Close-pattern fallback (no parse): a person the candidate directly describes, a cue earlier
    in the same sentence, or an experience predicate right after it with no other subject."""
    modified = _modified_person(text, cues, end)
    if modified is not None:
        return modified
    s_start, s_end = sentence_at(text, start)
    after = text[end:s_end]
    before = cues.in_range(s_start, start)
    if before:
        s, e, _ = before[-1]
        between = text[e:start]
        if not regex.search(r"(?:患者|皆さん|みなさん|の方|人たち|たち)", between):
            return Link("explicit", text[s:e])
        return None
    head = normalize(after).text
    if any(head.startswith(w) for w in TOPIC_HEADS) or regex.match(r"(?:患者|の患者)", head):
        return None
    if _generic_subject().search(text, s_start, start):
        return None  # 患者さんの多くは…を抱えています: people in general
    m = experience_regex().match(head)
    if m and not regex.search(r"(?:たら|れば|場合|なら)", after[: m.end() + 6]):
        return Link("implicit", m.group())
    return None


class SensitiveInfoRecognizer(LocalRecognizer):
    """The seven 要配慮 types: lexicon candidates linked to a person (see module docstring)."""

    NAME = "jp.sensitive.v1"
    ENTITIES = SENSITIVE_TYPES

    def __init__(self) -> None:
        super().__init__(supported_entities=list(self.ENTITIES), name=self.NAME, supported_language="ja")

    def load(self) -> None:
        find_candidates("")
        person_cues("")

    def analyze(self, text: str, entities: Sequence[str] | None,
                nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        wanted = set(entities) if entities else set(self.supported_entities)
        if not text or not wanted & set(self.supported_entities) or not has_japanese(text):
            return []  # every cue is Japanese: log fields and URLs cost one search
        candidates = [c for c in sensitive_candidates(text) if c[2] in wanted]
        if not candidates:
            return []
        cues = Cues(text)
        doc = _doc_of(nlp_artifacts)
        parsed = doc is not None and has_parse(doc)
        results = []
        for start, end, entity, category in candidates:
            if parsed:
                assert doc is not None
                link = link_subject(doc, start, end, is_cue=cues.is_cue, is_generic=is_generic,
                                    is_topic_head=is_topic_head, is_experience=is_experience,
                                    is_hypothetical=is_hypothetical) or _modified_person(text, cues, end)
                score = SCORE_PARSED if link and link.kind == "explicit" else SCORE_PARSED_IMPLICIT
            else:
                link = _pattern_link(text, cues, start, end)
                score = SCORE_PATTERN if link and link.kind == "explicit" else SCORE_PATTERN_IMPLICIT
            if link is None:
                continue
            results.append(self._result(entity, category, start, end, score, link, parsed))
        return results

    def _result(self, entity: str, category: str, start: int, end: int, score: float, link: Link,
                parsed: bool) -> RecognizerResult:
        how = "dependency parse" if parsed else "close pattern"
        who = f"subject '{link.via}'" if link.kind == "explicit" else f"poster (implicit, '{link.via}')"
        explanation = AnalysisExplanation(recognizer=self.name, original_score=score,
                                          textual_explanation=f"{category}; {who} via {how}")
        return RecognizerResult(entity_type=entity, start=start, end=end, score=score,
                                analysis_explanation=explanation,
                                recognition_metadata=result_metadata(self, entity, category))


def _doc_of(artifacts: NlpArtifacts | None) -> Doc | None:
    tokens = getattr(artifacts, "tokens", None)
    return tokens if tokens is not None and hasattr(tokens, "has_annotation") else None


def _factory() -> EntityRecognizer:
    return SensitiveInfoRecognizer()


SPECS: tuple[RecognizerSpec, ...] = (
    RecognizerSpec(
        id=SensitiveInfoRecognizer.NAME, entities=SensitiveInfoRecognizer.ENTITIES, tier="nlp", factory=_factory,
        description="要配慮個人情報 about a person: lexicon candidates (illness, treatment, creed, criminal "
                    "record, disability, origin, social status, victimisation) linked to the poster, a relative "
                    "or a named person by GiNZA's dependency parse or a close pattern",
    ),
)
