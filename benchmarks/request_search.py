"""Cost of finding a person in a registered data set, and of deleting their records.

A synthetic JSONL comment export of ``--records`` comments, one in ``--every`` naming the subject
(山田太郎, ヤマダタロウ or taro.yamada@example.jp in turn), registered in a temporary store. Reports
records/s for the identifier search alone (no scanner: the scanner runs only on matching fields,
so its cost depends on the number of matches, not on the size of the data set) and for a full
35-1 fulfilment (search, in-place rewrite, re-search, crypto-shred; no key rotation).

    nice .venv/bin/python benchmarks/request_search.py --records 100000
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from audit.datasets import add_dataset
from audit.keys import KeyRing
from audit.purposes import add_purpose
from audit.requests import Identifier, NewRequest, file_request, verify_request
from audit.store import Store, StoreConfig
from privacy_kit.requests.changes import ChangeOptions, fulfil_change
from privacy_kit.requests.search import SearchOptions, search_subject

FORMS = ("山田太郎です", "ヤマダタロウさんへ", "連絡先 taro.yamada@example.jp")
SUBJECT = (Identifier("name", "山田 太郎"), Identifier("email", "taro.yamada@example.jp"))


def write_comments(path: Path, n: int, every: int) -> int:
    mine = 0
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            if i % every == 0:
                text = f"{FORMS[mine % len(FORMS)]}。第{i}回の発表資料ありがとうございました"
                mine += 1
            else:
                text = f"第{i}回の発表資料ありがとうございました。次回も参加します user{i}@example.jp"
            record = {"id": f"c{i}", "user": f"@user{i}", "text": text}
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return mine


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--every", type=int, default=1_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        export = root / "comments.jsonl"
        mine = write_comments(export, args.records, args.every)
        size = export.stat().st_size
        with Store.open(StoreConfig(root / "s.duckdb")) as store:
            ring = KeyRing.open(store)
            add_purpose(store, purpose_id="P", text="公式SNSのコメント対応のため", categories=["*"])
            add_dataset(store, "comments", location=str(export), format="jsonl", owner="広報", purposes=["P"],
                        retention="1y")
            options = SearchOptions(scanner=False)
            started = time.perf_counter()
            result = search_subject(store, SUBJECT, options)
            search_s = time.perf_counter() - started
            assert len(result.hits) == mine, (len(result.hits), mine)
            rid = file_request(store, ring, NewRequest("35-1", SUBJECT)).request_id
            verify_request(store, rid, method="member-login")
            started = time.perf_counter()
            done = fulfil_change(store, ring, rid, ChangeOptions(rotate=False), options)
            fulfil_s = time.perf_counter() - started
        after = sum(1 for _ in export.open(encoding="utf-8"))
    print(f"records {args.records:,} ({size / 1e6:.1f} MB), subject's records {mine}")
    print(f"search (identifiers only): {search_s:.2f} s, {args.records / search_s:,.0f} records/s")
    print(f"fulfil 35-1 (search, rewrite, re-search, shred): {fulfil_s:.2f} s, "
          f"{args.records / fulfil_s:,.0f} records/s; {done.outcome}, {after:,} records left")


if __name__ == "__main__":
    main()
