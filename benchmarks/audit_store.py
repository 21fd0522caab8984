"""Cost of recording findings in the audit store, and of verifying it.

Synthetic findings (no NLP): each value distinct every ``--repeat`` findings, like a log where the
same addresses recur. Reports findings/s for recording with keyed hashes only and with
``--keep-values`` (per-subject AES-GCM), the store's size, and ``audit verify`` time (chain only
and with the table digests).

    nice .venv/bin/python benchmarks/audit_store.py --findings 200000
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from audit.keys import KeyRing
from audit.scans import record_scan
from audit.store import Store, StoreConfig
from audit.verify import verify_store


def findings(n: int, repeat: int) -> Iterator[dict[str, object]]:
    for i in range(n):
        value = f"user{i // repeat:07d}@example.jp"
        yield {
            "source": "/logs/app.jsonl",
            "record": i // 2,
            "field": "text",
            "start": 10,
            "end": 10 + len(value),
            "entity_type": "EMAIL_ADDRESS",
            "score": 1.0,
            "recognizer": "jp.email.v1",
            "value": value,
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--findings", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=4, help="findings per distinct value")
    parser.add_argument("--batch", type=int, default=5_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for keep in (False, True):
            path = Path(tmp) / f"bench-{keep}.duckdb"
            with Store.open(StoreConfig(path)) as st:
                ring = KeyRing.open(st)
                t0 = time.perf_counter()
                record_scan(
                    st,
                    {"inputs": []},
                    findings(args.findings, args.repeat),
                    keyring=ring,
                    encrypt_values=keep,
                    batch_size=args.batch,
                )
                took = time.perf_counter() - t0
            size = path.stat().st_size
            with Store.open(StoreConfig(path), read_only=True) as st:
                t1 = time.perf_counter()
                chain = verify_store(st, tables=False)
                t2 = time.perf_counter()
                full = verify_store(st)
                t3 = time.perf_counter()
            assert chain.ok and full.ok
            label = "keyed hashes + ciphertext" if keep else "keyed hashes only"
            print(
                f"{label:27s} {args.findings:,} findings in {took:.2f}s = {args.findings / took:,.0f}/s; "
                f"store {size / 1e6:.1f} MB; verify chain {t2 - t1:.2f}s ({chain.chain.count} events), "
                f"chain+tables {t3 - t2:.2f}s"
            )


if __name__ == "__main__":
    main()
