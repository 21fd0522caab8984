"""Cost of the moderation signals (repeats, lookalike authors, links) without detection.

Synthetic comments: ``--authors`` authors posting ``--comments`` comments over a week, a tenth of
them near-copies of the author's previous comment, one author in fifty a lookalike of the pack's
official account, one comment in twenty with a shortened link. Prints comments/s for the signals
and for the rule evaluation, to compare with the detector's records/s (docs/performance.md): the
signals should never be what limits ``privacy-kit moderate``.

    nice .venv/bin/python benchmarks/moderation_signals.py --comments 100000
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import datetime, timedelta

from privacy_kit.moderation.comments import Comment
from privacy_kit.moderation.triage import _signals, triage
from privacy_kit.policy import resolve_pack

WORDS = ["学術大会", "セミナー", "資料", "緩和ケア", "参加", "ありがとうございます", "届いていません", "教えてください",
         "在宅医療", "研修会", "動画", "申込み", "会場", "講演", "とても", "勉強になりました"]


def comments(n: int, authors: int, seed: int = 7) -> list[Comment]:
    rng = random.Random(seed)
    t0 = datetime(2026, 10, 1)
    last: dict[str, str] = {}
    out = []
    for i in range(n):
        a = rng.randrange(authors)
        author = f"jspm_0fficial{a}" if a % 50 == 0 else f"user{a:05d}"
        if author in last and rng.random() < 0.1:
            text = last[author] + "！"
        else:
            text = "".join(rng.choice(WORDS) for _ in range(rng.randint(3, 12))) + "。"
            if rng.random() < 0.05:
                text += " https://bit.ly/" + str(i)
        last[author] = text
        out.append(Comment("bench.jsonl", i, f"c{i}", author, "", t0 + timedelta(seconds=rng.randrange(604800)),
                           text, "text"))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=20_000)
    parser.add_argument("--authors", type=int, default=2_000)
    args = parser.parse_args()
    pack = resolve_pack("jspm")
    data = comments(args.comments, args.authors)
    started = time.perf_counter()
    signals = _signals(data, pack)
    mid = time.perf_counter()
    decisions = triage(data, [[] for _ in data], pack)
    done = time.perf_counter()
    flagged = sum(bool(s) for s in signals)
    print(f"{len(data):,} comments, {args.authors:,} authors: signals {len(data) / (mid - started):,.0f} comments/s "
          f"({flagged:,} with a signal); signals + rules {len(data) / (done - mid):,.0f} comments/s "
          f"({len(decisions):,} decisions)")


if __name__ == "__main__":
    main()
