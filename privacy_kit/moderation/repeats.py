"""Repeated comments: the same or nearly the same text from one author within a time window.

The palliative-care society deletes 「同一ユーザーにより繰り返し投稿される、同一内容のコメントや
似通ったコメント」 (コ). The first comment of a run stays; each later one whose text is identical,
or whose similarity (rapidfuzz's normalised Indel ratio on width- and space-folded text) to an
earlier comment by the same author within ``window`` is at least ``similarity``, is a repeat.
Short texts (under ``min_chars``: 「ありがとうございます」) are never repeats: people say thanks
more than once. A comment without a usable time is compared with all of its author's comments.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from rapidfuzz import fuzz

#: An author's earlier comments kept for comparison (bounds the work a flood of spam costs).
HISTORY = 200


@dataclass(frozen=True, slots=True)
class Repeat:
    """Comment ``index`` repeats comment ``of`` (indexes into the sequence given)."""

    index: int
    of: int
    similarity: float


def _key(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


def find_repeats(authors: Sequence[str], texts: Sequence[str], times: Sequence[datetime | None], *,
                 window: timedelta, similarity: float, min_chars: int) -> dict[int, Repeat]:
    """Repeats among comments given as parallel sequences; keyed by the repeating comment's index."""
    by_author: dict[str, list[int]] = defaultdict(list)
    for i, author in enumerate(authors):
        if author:
            by_author[author.casefold()].append(i)
    found: dict[int, Repeat] = {}
    cutoff = similarity * 100
    for indexes in by_author.values():
        ordered = sorted(indexes, key=lambda i: (times[i] is None, times[i] or datetime.min, i))
        history: list[tuple[int, str]] = []
        for i in ordered:
            key = _key(texts[i])
            if len(key) < min_chars:
                continue
            for j, earlier in history:
                if times[i] is not None and times[j] is not None and times[i] - times[j] > window:
                    continue
                score = 100.0 if key == earlier else fuzz.ratio(key, earlier, score_cutoff=cutoff)
                if score >= cutoff:
                    first = found[j].of if j in found else j
                    found[i] = Repeat(i, first, round(score / 100, 3))
                    break
            history.append((i, key))
            del history[:-HISTORY]
    return found
