"""Sentence spans in Japanese text, as the context recognizers and the labelling guidelines cut them.

A sentence runs from after the previous terminator (。！？!? or a line break) to its own
terminator inclusive (a run such as ！！ or ？！ is one terminator), trimmed of spaces (ASCII and
U+3000); the last sentence of a text may have no terminator. Offsets are those of the text given (no normalisation: full-width ！？ are
terminators as written).
"""

from __future__ import annotations

from collections.abc import Iterator

__all__ = ["TERMINATORS", "sentence_at", "sentences"]

TERMINATORS = frozenset("。！？!?\n")
_SPACES = " \u3000\t\r"


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of every non-blank sentence, in order; ``end`` includes the terminator
    (a line break is not part of the sentence it ends)."""
    start = 0
    n = len(text)
    for i, c in enumerate(text):
        if c in TERMINATORS:
            if c != "\n" and i + 1 < n and text[i + 1] in TERMINATORS and text[i + 1] != "\n":
                continue  # 「！！」「？！」: one sentence end
            end = i if c == "\n" else i + 1
            span = _trim(text, start, end)
            if span is not None:
                yield span
            start = i + 1
    if start < n:
        span = _trim(text, start, n)
        if span is not None:
            yield span


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start] in _SPACES:
        start += 1
    while end > start and text[end - 1] in _SPACES:
        end -= 1
    # a terminator alone (「！！」 after a sentence) is not a sentence of its own
    if start >= end or all(c in TERMINATORS for c in text[start:end]):
        return None
    return start, end


def sentence_at(text: str, pos: int) -> tuple[int, int]:
    """The sentence containing character ``pos`` (or the nearest one before it)."""
    best = (0, len(text))
    for start, end in sentences(text):
        if start > pos:
            break
        best = (start, end)
    return best
