"""Cost of counting the distinct people of a leak (union-find over keyed hashes), no NLP.

Synthetic records as a member export gives them: ``--people`` members spread over ``--records``
rows (so most appear several times), each row with an e-mail, a name shared by many members, and
sometimes a phone. Prints records/s, the count (which must equal the number of distinct members
drawn) and peak RSS.
Scanning the same records with the detector takes far longer (tens to hundreds of records/s), so
counting is not an assessment's bottleneck.

    nice .venv/bin/python benchmarks/incident_people.py --records 1000000 --people 400000
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from collections.abc import Iterator

from privacy_kit.incidents.people import count_people


def rows(
    records: int, people: int, seed: int, drawn: set[int]
) -> Iterator[tuple[int, list[tuple[str, str]]]]:
    rng = random.Random(seed)
    for i in range(records):
        p = rng.randrange(people)
        drawn.add(p)
        values = [("EMAIL_ADDRESS", f"e{p:064d}"), ("PERSON", f"n{p % 50_000:064d}")]
        if rng.random() < 0.3:
            values.append(("PHONE_NUMBER", f"t{p:064d}"))
        yield i, values


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--people", type=int, default=80_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    started = time.perf_counter()
    drawn: set[int] = set()
    count = count_people(rows(args.records, args.people, args.seed, drawn))
    elapsed = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{args.records:,} records -> {count.people:,} people (distinct members drawn: {len(drawn):,}) "
        f"in {elapsed:.1f} s "
        f"({args.records / elapsed:,.0f} records/s); largest group {count.largest_group:,}; peak RSS {rss:,.0f} MB"
    )


if __name__ == "__main__":
    main()
