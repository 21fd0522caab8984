"""Generate a synthetic Apache/nginx combined access log with planted personal data.

Deterministic for a given seed, so benchmark runs compare like with like. Lines look like a
society's member site: most requests are anonymous page views; some carry an e-mail address or
a phone number in the query string, a logged-in user name, or a client IP from a few ranges.

    python benchmarks/generate_logs.py --lines 200000 -o build/bench/access.log[.gz]
"""

from __future__ import annotations

import argparse
import gzip
import random
import sys
from datetime import datetime, timedelta, timezone
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

PATHS = ["/", "/about", "/seminar/2026", "/news/2026/11/21", "/member/login", "/member/profile",
         "/journal/vol12", "/search?q=%E7%B7%A9%E5%92%8C%E3%82%B1%E3%82%A2", "/contact", "/static/app.js"]
AGENTS = ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36",
          "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
          "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15"]
USERS = ["taro.yamada", "hanako.suzuki", "k.tanaka", "m_sato", "yuki.ito"]


#: (entity type, value) planted in one line.
Planted = list[tuple[str, str]]


def line(rng: random.Random, when: datetime) -> tuple[str, Planted]:
    """One log line and the personal values planted in it: the client IP always, a logged-in
    user name on some lines, an e-mail address and a phone number in some query strings."""
    ip = f"203.0.113.{rng.randrange(1, 255)}" if rng.random() < 0.7 else f"198.51.100.{rng.randrange(1, 255)}"
    user = rng.choice(USERS) if rng.random() < 0.1 else "-"
    path = rng.choice(PATHS)
    planted: Planted = [("IP_ADDRESS", ip)] + ([("USER", user)] if user != "-" else [])
    r = rng.random()
    if r < 0.05:
        email, tel = f"{rng.choice(USERS)}%40example.jp", f"090-{rng.randrange(1000, 9999)}-{rng.randrange(1000, 9999)}"
        path = f"/contact/submit?email={email}&tel={tel}"
        planted += [("EMAIL_ADDRESS", email), ("PHONE_NUMBER", tel)]
    elif r < 0.08:
        email = f"{rng.choice(USERS)}@example.com"
        path = f"/member/reset?mail={email}"
        planted.append(("EMAIL_ADDRESS", email))
    stamp = when.strftime("%d/%b/%Y:%H:%M:%S %z")
    status = rng.choice([200, 200, 200, 304, 404])
    return (f'{ip} - {user} [{stamp}] "GET {path} HTTP/1.1" {status} {rng.randrange(200, 90000)} '
            f'"https://www.example.org/" "{rng.choice(AGENTS)}"'), planted


def lines(count: int, seed: int) -> Iterator[tuple[str, Planted]]:
    """The log's lines with what each holds, deterministic for a seed."""
    rng = random.Random(seed)
    when = datetime(2026, 10, 1, tzinfo=timezone(timedelta(hours=9)))
    for _ in range(count):
        when += timedelta(seconds=rng.randrange(1, 20))
        yield line(rng, when)


def write(out: TextIO, count: int, seed: int) -> int:
    """Write ``count`` lines; return how many personal values were planted."""
    planted = 0
    for text, values in lines(count, seed):
        planted += len(values)
        out.write(text + "\n")
    return planted


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-o", "--output", type=Path, required=True, help="ends in .gz for gzip")
    args = parser.parse_args(argv)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    opener = gzip.open if args.output.suffix == ".gz" else open
    with opener(args.output, "wt", encoding="utf-8") as out:  # type: ignore[operator]
        planted = write(out, args.lines, args.seed)
    print(f"{args.lines} lines, {planted} planted values -> {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
