"""BEHAVIOR_PATTERN: a sentence that ties an identifiable person to where they are, live, work or
study, or to their schedule — sightings, routines, residences, absences.

The co-op's guideline counts behaviour (daily patterns, where someone lives, how far they move)
as personal information, and 「誰々を見た」「誰々が何をしていた」 as a possible infringement. The
finding is the whole sentence (from after the previous 。！？!? or line break to its own terminator
inclusive, ``recognizers.sentences``), because no single word in 「隣の部屋の人、毎晩11時過ぎに
帰ってくる」 is the disclosure: the combination is.

A sentence is reported when it has

* a **person cue** (``recognizers.subjects``): a name with an honorific, a relative or close
  person, a role (部長, 店長, 担任), a described person (隣の部屋の人, 2階の奥さん, 近所の人) — not
  the poster: the poster's own plans are theirs to publish; and
* a **whereabouts cue**: a place someone is at (駅, 店, スーパー, 病院, 〇〇駅前), a residence
  (住んでる, 一人暮らし, 実家), a workplace or school (通ってる, 勤めてる, 通勤, 転勤), a hospital
  stay or absence (入院してる, 留守, 出張で家にいない), a sighting (見かけた); or a **time cue**
  (いつも, 毎週火曜, 毎朝7時, 夜11時過ぎ) together with a movement (帰ってくる, 出かける, 来る);

and none of the public-event or service words that make it an announcement: the poster's or
organisation's own events (セミナー, 講演, 開催, 登壇, 挨拶), shop and office schedules (休館日,
定休日, 営業時間, 診療時間).

When the NLP engine parsed the sentence (``recognizers.context_tier``), the parse must also tie the
person to the behaviour: a person inside a clause that modifies something else (「田中さんに
教えてもらったカフェ」) or the speaker of an unrelated report (「田中さんが言ってたけど、駅前の店が
閉店」) is not the one whose whereabouts are told.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

import regex
from presidio_analyzer import AnalysisExplanation, EntityRecognizer, LocalRecognizer, RecognizerResult

from .base import result_metadata
from .dependency import dep, has_parse, tokens_in
from .ginza_labels import LOCATION_LABELS
from .nlp_engine import has_japanese
from .registry import RecognizerSpec
from .sentences import sentences
from .subjects import has_person_cue, person_cues

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts
    from spacy.tokens import Doc, Token

__all__ = ["BehaviourPatternRecognizer", "SPECS", "behaviour_precheck", "behaviour_sentences"]

SCORE_PARSED = 0.8
SCORE_PATTERN = 0.65

_PLACE_NOUNS = (
    "駅|駅前|店|スーパー|コンビニ|カフェ|喫茶店|スタバ|マック|ファミレス|居酒屋|パチンコ|病院|医院|クリニック|公園|ジム"
    "|図書館|学校|大学|高校|中学|小学校|保育園|幼稚園|塾|会社|事務所|銀行|郵便局|モール|ショッピングセンター"
    "|商店街|交差点|バス停|ホーム|改札|ロータリー|駐車場|駐輪場|マンション|アパート|団地|寮|実家|自宅|家の前|部屋"
    "|号室|ホテル|旅館|温泉|空港|病棟|施設|老人ホーム|デイサービス|職場|現場|工場|オフィス|本社|支社|支店"
)
_WHEREABOUTS = (
    rf"(?:{_PLACE_NOUNS})(?:で|に|の前|から|まで|へ|を|近く|の近く|付近|周辺)"
    r"|見かけ|見掛け|目撃|住んで|住んでる|住んでい|在住|暮らし|引っ越|通って|通ってる|通勤|通学|勤めて|勤務して"
    r"|働いて|バイトして|転勤|単身赴任|入院して|入院中|入所|留守|不在|出張|帰省|旅行中|旅行に|家にいない"
    r"|いないらしい|いないみたい|帰宅|出勤|退勤|登校|下校|送り迎え"
    # sightings and presence: someone was seen or is somewhere
    r"|見た(?:よ|わ|けど|んだ|って|。|！|!)|見ました|見かけ|すれ違|遭遇|でばったり|にいた|にいました|にいる(?:よ|らしい|みたい|って)"
    r"|で働いて|で会った|に行ってる|に来てる|に泊まって|に住み|に引っ越"
    # work and school schedules, care
    r"|在宅勤務|テレワーク|リモート勤務|夜勤|早番|遅番|シフト|当直|非番|休職|部活|習い事|稽古|レッスン|デイサービス"
    r"|通院|付き添い|面会|一人で|家にいる|家に一人|帰りが遅|朝が早"
)
_TIMES = (
    r"いつも|毎朝|毎晩|毎日|毎週|毎月|毎年|平日|週末|土日|[月火水木金土日]曜|決まって|夜遅く|深夜|早朝|夕方"
    r"|[0-9０-９一二三四五六七八九十]{1,2}時(?:過ぎ|頃|ごろ|半|台)?"
)
_MOVEMENT = (
    r"帰って|帰る|帰宅|出かけ|出掛け|出て(?:いく|行く|くる|来る)|来る|来て|行って|行く|通る|通って|歩いて|走って|散歩"
    r"|寄って|寄る|戻って|戻る|乗って|会う|会って|迎え|送って|ジョギング|ランニング|散歩|出勤|通勤|通学|帰宅"
)
#: Announcements, not disclosures: events and service hours.
_EVENT_OR_SERVICE = (
    r"セミナー|講演|講座|勉強会|研修|シンポジウム|フォーラム|学会|学術集会|大会|総会|説明会|開催|登壇|挨拶|開会|閉会"
    r"|基調|司会|発表|ワークショップ|イベント|ライブ|公演|出演|配信|放送|会見|受賞|表彰|展示|上映|募集|申し込み|申込"
    r"|休館|定休|営業|開館|閉館|受付時間|診療時間|休診|開店|閉店|休業|営業日|入場|参加費|定員|お知らせ|予定です|行います"
)


@cache
def _regexes() -> tuple[regex.Pattern[str], regex.Pattern[str], regex.Pattern[str], regex.Pattern[str]]:
    return (regex.compile(_WHEREABOUTS), regex.compile(_TIMES), regex.compile(_MOVEMENT),
            regex.compile(_EVENT_OR_SERVICE))


def _third_person_cues(cues: Sequence[tuple[int, int, str]], start: int, end: int) -> list[tuple[int, int]]:
    return [(s, e) for s, e, _ in cues if start <= s and e <= end]


_PLACE_PARTICLE = regex.compile(r"(?:で|に|へ|から|まで|の近く|駅|方面)")


def _named_places(doc: Doc | None) -> list[tuple[int, int]]:
    """Places GiNZA names (渋谷, 横浜市, 〇〇病院) followed by a place particle: 「渋谷で」「横浜に」."""
    if doc is None:
        return []
    out = []
    for ent in doc.ents:
        if ent.label_ in LOCATION_LABELS and _PLACE_PARTICLE.match(doc.text, ent.end_char):
            out.append((ent.start_char, ent.end_char))
    return out


def _behaviour_cues(text: str, start: int, end: int,
                    places: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Whereabouts cues (words, or named places with a particle), or time cues when the sentence
    also has a movement."""
    where, when, moving, _ = _regexes()
    found = [m.span() for m in where.finditer(text, start, end)]
    found += [p for p in places if start <= p[0] and p[1] <= end]
    if moving.search(text, start, end):
        found += [m.span() for m in when.finditer(text, start, end)]
    return sorted(found)


def behaviour_sentences(text: str, doc: Doc | None = None,
                        ) -> list[tuple[int, int, list[tuple[int, int]], list[tuple[int, int]]]]:
    """Candidate sentences: ``(start, end, person cue spans, behaviour cue spans)``, announcements
    excluded. ``doc`` (GiNZA's, offsets equal to the text's) adds its named places; the parse
    check is the recognizer's."""
    out = []
    event = _regexes()[3]
    places = _named_places(doc)
    cues = person_cues(text)
    if not cues:
        return []
    for start, end in sentences(text):
        people = _third_person_cues(cues, start, end)
        if not people:
            continue
        behaviour = _behaviour_cues(text, start, end, places)
        if not behaviour or event.search(text, start, end):
            continue
        out.append((start, end, people, behaviour))
    return out


def behaviour_precheck(text: str) -> bool:
    """Cheap: a person cue and a whereabouts or time cue anywhere in the text."""
    if not has_person_cue(text):
        return False
    where, when, _, _ = _regexes()
    return where.search(text) is not None or when.search(text) is not None


# -- the parse check ---------------------------------------------------------------------------

_EMBEDDING = frozenset({"acl", "csubj", "ccomp"})
#: 「田中さんが言ってたけど、…」: the person is the source of the report, not its subject.
_REPORTING = frozenset({"言う", "聞く", "話す", "教える", "書く", "投稿", "紹介", "勧める", "おすすめ"})


def _path_to_root(tok: Token) -> list[tuple[Token, str]]:
    """(node, relation to its parent) from ``tok`` up to the root."""
    out = []
    node = tok
    for _ in range(12):
        out.append((node, dep(node)))
        if node.head.i == node.i:
            break
        node = node.head
    return out


def _tied(doc: Doc, person: tuple[int, int], cue: tuple[int, int]) -> bool:
    """Does the parse make the person the one at the place or time? The person's path up to
    where it meets the cue's path must not leave a clause (acl, advcl, ccomp): 「田中さんに教えて
    もらったカフェ」, 「田中さんが言ってたけど、駅前の店が…」 are about the café and the shop."""
    p_toks = tokens_in(doc, *person)
    c_toks = tokens_in(doc, *cue)
    if not p_toks or not c_toks:
        return True
    p_path = _path_to_root(p_toks[-1])
    c_nodes = {n.i for n, _ in _path_to_root(c_toks[-1])}
    for node, relation in p_path:
        if node.i in c_nodes:
            return True
        if relation in _EMBEDDING or (relation == "advcl" and node.lemma_ in _REPORTING):
            return False
    return True


class BehaviourPatternRecognizer(LocalRecognizer):
    """BEHAVIOR_PATTERN: whole sentences tying a person to whereabouts or a schedule."""

    NAME = "jp.behaviour.v1"
    ENTITIES = ("BEHAVIOR_PATTERN",)

    def __init__(self) -> None:
        super().__init__(supported_entities=list(self.ENTITIES), name=self.NAME, supported_language="ja")

    def load(self) -> None:
        _regexes()

    def analyze(self, text: str, entities: Sequence[str] | None,
                nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        if not text or (entities and "BEHAVIOR_PATTERN" not in entities) or not has_japanese(text):
            return []  # every cue is Japanese: log fields and URLs cost one search
        tokens = getattr(nlp_artifacts, "tokens", None)
        parsed = tokens is not None and hasattr(tokens, "has_annotation") and len(tokens) and has_parse(tokens)
        doc = tokens if parsed else None
        # Named places count only on a parsed Doc: a text the pre-check did not send to the
        # parser has no person + place/time cue, and the fallback must not find more than it.
        found = behaviour_sentences(text, doc)
        if not found:
            return []
        results = []
        for start, end, people, cues in found:
            if doc is not None:
                pairs = [(p, c) for p in people for c in cues if _tied(doc, p, c)]
                if not pairs:
                    continue
                score, how = SCORE_PARSED, "dependency parse"
            else:
                pairs = [(people[0], cues[0])]
                score, how = SCORE_PATTERN, "same sentence"
            (ps, pe), (cs, ce) = pairs[0]
            explanation = AnalysisExplanation(
                recognizer=self.name, original_score=score,
                textual_explanation=f"person '{text[ps:pe]}' + whereabouts/schedule '{text[cs:ce]}' ({how})")
            results.append(RecognizerResult(entity_type="BEHAVIOR_PATTERN", start=start, end=end, score=score,
                                            analysis_explanation=explanation,
                                            recognition_metadata=result_metadata(self, "BEHAVIOR_PATTERN")))
        return results


def _factory() -> EntityRecognizer:
    return BehaviourPatternRecognizer()


SPECS: tuple[RecognizerSpec, ...] = (
    RecognizerSpec(
        id=BehaviourPatternRecognizer.NAME, entities=BehaviourPatternRecognizer.ENTITIES, tier="nlp",
        factory=_factory,
        description="Behaviour patterns: sentences tying a named, related or described person to a place, "
                    "residence, workplace, school, hospital stay, absence or routine (the sentence is the span); "
                    "announcements of events and service hours excluded",
    ),
)
