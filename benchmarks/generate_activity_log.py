"""Generate a synthetic activity log with planted routine subjects, and its ground truth.

The log of a society's member site over four weeks: many pseudonymous users browse at random,
with heavy-tailed activity (a few users make thousands of requests), favourite pages they return
to at any time of day, and a diurnal rhythm (morning, lunch and late-evening peaks). Planted
among them are routine subjects: each opens one page at the same time of day on the same
weekdays, e.g. ``/timetable/line-3`` every weekday between 07:50 and 08:10 (missing a day now
and then), or ``/gym/booking`` every Tuesday around 19:00, on top of their own random browsing.

The ground truth (the planted subjects, their page, window and weekdays) is printed and saved
as JSON beside the log. Deterministic for a given ``--seed``.

    python benchmarks/generate_activity_log.py -o build/bench/activity.csv            # 1,000,000 rows
    python benchmarks/generate_activity_log.py --rows 5000 --users 200 --routines 6 -o small.jsonl
"""

from __future__ import annotations

import argparse
import bisect
import csv
import gzip
import itertools
import json
import random
import sys
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, TextIO

JST = timezone(timedelta(hours=9))
START = datetime(2026, 11, 2, tzinfo=JST)  # a Monday
SECTIONS = ("journal/vol", "news/2026/", "seminar/", "member/", "jobs/", "case/", "forum/thread/", "guideline/")
DEVICES = ("iPhone", "Android", "Windows", "Mac", "iPad")
PREFECTURES = ("東京都", "神奈川県", "大阪府", "愛知県", "福岡県", "北海道", "京都府", "兵庫県", "埼玉県", "千葉県")
COLUMNS = ("time", "user_id", "page", "device", "prefecture")
WEEKLY_PATTERNS = ((2,), (4,), (6,), (1, 3))  # ISO weekdays: Tuesdays; Thursdays; Saturdays; Mon+Wed


@dataclass(frozen=True)
class Planted:
    user_id: str
    page: str
    start: str  # HH:MM, earliest visit
    end: str    # HH:MM, latest visit
    weekdays: list[int]
    kind: str   # "weekdays" (Mon-Fri, some days missed) or "weekly" (the given weekdays, never missed)


def _pages(rng: random.Random, n: int) -> list[str]:
    return ["/"] + [f"/{rng.choice(SECTIONS)}{i}" for i in range(1, n)]


def _diurnal() -> list[float]:
    """Weight of each minute of the day: quiet nights, peaks at 8-9, 12-13 and 21-23."""
    weights = []
    for minute in range(1440):
        h = minute / 60
        w = 0.15 if h < 6 else 1.0
        w += 1.6 if 8 <= h < 9 else 0.0
        w += 1.2 if 12 <= h < 13 else 0.0
        w += 1.8 if 21 <= h < 23 else 0.0
        weights.append(w)
    return list(itertools.accumulate(weights))


def generate(rows: int, users: int, routines: int, days: int, seed: int) -> tuple[list[tuple[str, ...]], list[Planted]]:
    """The log's rows (time-ordered) and the planted routine subjects."""
    rng = random.Random(seed)
    pages = _pages(rng, 800)
    popularity = list(itertools.accumulate(1.0 / (i + 1) ** 1.1 for i in range(len(pages))))
    minutes = _diurnal()
    ids = [f"u{n:07d}" for n in rng.sample(range(10**6, 10**7), users)]
    profile = {u: (rng.choice(DEVICES), rng.choice(PREFECTURES)) for u in ids}
    activity = list(itertools.accumulate(rng.lognormvariate(0, 1.6) for _ in ids))
    favourites = {u: [pages[bisect.bisect(popularity, rng.random() * popularity[-1])] for _ in range(3)]
                  for u in ids}
    # each user is around on a fixed set of days (from a few to all of them)
    around = {u: rng.sample(range(days), max(1, round(days * rng.uniform(0.15, 1.0)))) for u in ids}
    out: list[tuple[datetime, str, str]] = []

    planted: list[Planted] = []
    for n, user in enumerate(rng.sample(ids, routines)):
        page = rng.choice(pages[1:]) + ("?sid=" if n % 3 == 0 else "")
        centre = rng.randrange(6 * 60, 22 * 60)
        weekly = n % 4 == 3
        weekdays = list(WEEKLY_PATTERNS[(n // 4) % len(WEEKLY_PATTERNS)]) if weekly else [1, 2, 3, 4, 5]
        lo = hi = None
        for d in range(days):
            day = START + timedelta(days=d)
            if day.isoweekday() not in weekdays or (not weekly and rng.random() < 0.1):
                continue
            minute = centre + rng.randint(-10, 10)
            lo = minute if lo is None else min(lo, minute)
            hi = minute if hi is None else max(hi, minute)
            when = day + timedelta(minutes=minute, seconds=rng.randrange(60))
            url = page + (f"{rng.getrandbits(40):010x}" if page.endswith("=") else "")
            out.append((when, user, url))
        assert lo is not None and hi is not None
        planted.append(Planted(user, page.split("?")[0], f"{lo // 60:02d}:{lo % 60:02d}",
                               f"{hi // 60:02d}:{hi % 60:02d}", weekdays, "weekly" if weekly else "weekdays"))

    for _ in range(max(0, rows - len(out))):
        user = ids[bisect.bisect(activity, rng.random() * activity[-1])]
        day = rng.choice(around[user])
        minute = bisect.bisect(minutes, rng.random() * minutes[-1])
        when = START + timedelta(days=day, minutes=minute, seconds=rng.randrange(60))
        page = (rng.choice(favourites[user]) if rng.random() < 0.3
                else pages[bisect.bisect(popularity, rng.random() * popularity[-1])])
        out.append((when, user, page))
    out.sort()
    table = [(when.isoformat(), user, page, *profile[user]) for when, user, page in out]
    return table, planted


def write(table: list[tuple[str, ...]], out: TextIO, fmt: str) -> None:
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(table)
    else:
        for row in table:
            out.write(json.dumps(dict(zip(COLUMNS, row)), ensure_ascii=False) + "\n")


def truth_document(planted: list[Planted], *, rows: int, seed: int) -> dict[str, Any]:
    return {"rows": rows, "seed": seed, "columns": list(COLUMNS),
            "subject": "user_id", "time": "time", "place": "page",
            "planted": [asdict(p) for p in planted]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--users", type=int, default=20_000)
    parser.add_argument("--routines", type=int, default=24, help="planted routine subjects")
    parser.add_argument("--days", type=int, default=56)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("-o", "--output", type=Path, required=True,
                        help="log file: .csv or .jsonl, optionally .gz")
    parser.add_argument("--truth", type=Path, default=None, help="ground truth JSON (default: OUTPUT.truth.json)")
    args = parser.parse_args(argv)
    table, planted = generate(args.rows, args.users, args.routines, args.days, args.seed)
    name = args.output.name.removesuffix(".gz")
    fmt = "jsonl" if name.endswith((".jsonl", ".ndjson")) else "csv"
    args.output.parent.mkdir(parents=True, exist_ok=True)
    opener = gzip.open if args.output.suffix == ".gz" else open
    with opener(args.output, "wt", encoding="utf-8", newline="") as fh:  # type: ignore[operator]
        write(table, fh, fmt)
    truth = args.truth or args.output.with_name(args.output.name + ".truth.json")
    truth.write_text(json.dumps(truth_document(planted, rows=len(table), seed=args.seed), ensure_ascii=False,
                                indent=2) + "\n", encoding="utf-8")
    print(f"{len(table):,} rows, {args.users:,} users, {len(planted)} planted routine subjects -> {args.output}; "
          f"ground truth -> {truth}", file=sys.stderr)
    for p in planted:
        print(f"  {p.user_id}  {p.page}  {p.start}-{p.end}  weekdays {p.weekdays}  ({p.kind})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
