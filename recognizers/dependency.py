"""Reading GiNZA's dependency parse for the context recognizers: who a word is said about.

GiNZA (ja_ginza 5.3) attaches each bunsetsu head to the head of another bunsetsu with Universal
Dependencies labels, written with a ``_bunsetu`` suffix when the bunsetsu recognizer is not in
the pipeline (``nsubj_bunsetu``); ``dep`` strips it. 「母が乳がんの手術を受けた」 parses as
乳がん -nmod-> 手術 -obj-> 受け <-nsubj- 母, so walking up from the candidate (乳がん, 手術,
受け) and looking at the arguments of each step finds 母.

The walk stops where the statement stops being about someone's own case:

* at a **relative clause** (``acl``): 「乳がんを患う母」 is about 母 (the modified noun), and
  「乳がんと診断された患者の多くは」 about 患者 — people in general;
* at a **topic head**: a noun that makes the candidate a subject matter (乳がん検診, がん対策,
  膵臓がんの最新治療の講演, ガイドライン);
* at a **generic subject** (患者, 人, 皆さん): a general statement.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["Link", "dep", "has_parse", "tokens_in", "link_subject"]

#: Relations whose dependent can be the person a statement is about.
ARGUMENT_DEPS = frozenset({"nsubj", "obl", "nmod", "obj", "iobj", "dislocated", "vocative", "compound",
                           "appos", "advmod", "csubj", "amod", "det", "root"})
_MAX_STEPS = 8
_POSSESSIVE_DEPS = frozenset({"nmod", "compound"})


def dep(tok: Token) -> str:
    """The UD relation without GiNZA's ``_bunsetu`` suffix."""
    label = tok.dep_
    return label[:-8] if label.endswith("_bunsetu") else label


def has_parse(doc: Doc) -> bool:
    return bool(doc.has_annotation("DEP"))


def tokens_in(doc: Doc, start: int, end: int) -> list[Token]:
    """Tokens overlapping the character span ``[start, end)``."""
    return [t for t in doc if t.idx < end and t.idx + len(t.text) > start]


@dataclass(frozen=True, slots=True)
class Link:
    """How a candidate was tied to a person: ``kind`` is explicit (a cue token) or implicit
    (an experience predicate with no other subject); ``via`` is the cue or predicate word."""

    kind: str  # "explicit" | "implicit"
    via: str


def _ancestors(tok: Token) -> Iterator[tuple[Token, Token]]:
    """(child, parent) steps from ``tok`` up to its sentence root, at most ``_MAX_STEPS``."""
    node = tok
    for _ in range(_MAX_STEPS):
        head = node.head
        if head.i == node.i:
            return
        yield node, head
        node = head


def link_subject(
    doc: Doc,
    start: int,
    end: int,
    *,
    is_cue: Callable[[Token], bool],
    is_generic: Callable[[Token], bool],
    is_topic_head: Callable[[Token], bool],
    is_experience: Callable[[Token], bool],
    is_hypothetical: Callable[[Token], bool],
) -> Link | None:
    """The person the candidate at ``[start, end)`` is said about, through the parse, or None.

    Walks up from the candidate's head token. At each step a cue among the step's own token or
    its argument dependents links the candidate explicitly; a relative clause links to the noun it
    modifies (or, when that noun is generic, to no one); a topic head or a generic subject ends the
    walk. Failing an explicit cue, an experience predicate on the path (診断, 闘病, 入院…) whose
    subject is not written links it implicitly to the poster, unless the predicate is hypothetical
    (〜たら, 〜場合).
    """
    toks = tokens_in(doc, start, end)
    if not toks:
        return None
    cand = toks[-1]  # Japanese heads are on the right
    inside = {t.i for t in toks}
    path = [cand]
    topic = False
    for child, parent in _ancestors(cand):
        if dep(child) == "acl":
            # 乳がんを患う母: the clause describes the noun it modifies, and ends there.
            if is_cue(parent):
                return Link("explicit", parent.text)
            if is_generic(parent):
                return None
            break
        if parent.i in inside:
            continue
        if is_topic_head(parent):
            topic = True
            break
        if is_cue(parent):
            return Link("explicit", parent.text)
        path.append(parent)
    on_path = {t.i for t in path}
    for node in path:
        for ch in node.children:
            if ch.i in on_path or ch.i in inside or dep(ch) not in ARGUMENT_DEPS:
                continue
            if is_cue(ch):
                return Link("explicit", ch.text)
            # one possessive level down: 母の介護 (the parse often attaches a clause to the
            # predicate rather than to the noun it modifies)
            for grand in ch.children:
                if dep(grand) in _POSSESSIVE_DEPS and grand.i not in inside and is_cue(grand):
                    return Link("explicit", grand.text)
    if topic:
        return None
    for node in path:
        subjects = [ch for ch in node.children if dep(ch) in ("nsubj", "csubj") and ch.i not in inside]
        if any(is_generic(s) for s in subjects):
            return None
        if is_experience(node) and not subjects and not is_hypothetical(node):
            return Link("implicit", node.text)
    return None
