"""Round trip of `privacy-kit redact` with the real detector, and what redaction costs.

For the project's labelled posts (303 records of posts, logs and forms, written as JSON Lines) and
for a generated access log, prints:

* findings by type in the input, and findings of the *replaced* types left in each redacted copy
  (scanned again with the same settings: the target is 0);
* the records whose bytes changed, and that every record without a finding is byte-identical;
* seconds for a scan and for a redaction of the same file (redaction = scan + rewrite);
* for anonymise, k before and after and the records suppressed.

    python benchmarks/redact_round_trip.py            # labelled posts + a 5,000-line log
    python benchmarks/redact_round_trip.py --lines 500
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate_logs import write as write_log  # noqa: E402
from recognizers.offline import ensure_offline  # noqa: E402

ensure_offline()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=int, default=5000, help="access-log lines (default 5000)")
    args = parser.parse_args(argv)

    from privacy_kit.detect import Detector
    from privacy_kit.redact.actions import replaced_types
    from privacy_kit.redact.engine import RedactOptions, redact_file
    from privacy_kit.redact.pseudonyms import Pseudonymiser
    from privacy_kit.scan import ScanOptions, ScanSummary, scan_findings

    detector = Detector()
    detector.analyze("山田太郎です。")  # load and warm up

    def scan(path: Path) -> tuple[Counter[str], set[int], float]:
        started = time.perf_counter()
        found = list(scan_findings([path], ScanOptions(), detector=detector, summary=ScanSummary()))
        return Counter(f.entity_type for f in found), {f.record for f in found}, time.perf_counter() - started

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        posts = work / "posts.jsonl"
        posts.write_text("".join(json.dumps({"id": r["id"], "kind": r["kind"], "text": r["text"]}, ensure_ascii=False)
                                 + "\n" for r in map(json.loads, (ROOT / "tests/data/labelled_posts.jsonl")
                                                     .read_text(encoding="utf-8").splitlines())), encoding="utf-8")
        log = work / "access.log"
        with log.open("w", encoding="utf-8") as fh:
            write_log(fh, args.lines, seed=7)
        for src in (posts, log):
            types, with_findings, scan_s = scan(src)
            print(f"\n== {src.name}: {sum(1 for _ in src.open(encoding='utf-8'))} records; "
                  f"findings {dict(sorted(types.items()))}; scan {scan_s:.1f}s")
            raw_in = src.read_bytes().splitlines(keepends=True)
            for mode in ("mask", "pseudonymise", "anonymise"):
                out = work / f"{mode}-{src.name}"
                started = time.perf_counter()
                summary = redact_file(src, out, RedactOptions(mode, k=5), pseudonymiser=Pseudonymiser(bytes(32)),
                                      detector=detector)
                redact_s = time.perf_counter() - started
                left, _, _ = scan(out)
                replaced = set(replaced_types(mode, tuple(types)))
                residue = {t: n for t, n in left.items() if t in replaced}
                raw_out = out.read_bytes().splitlines(keepends=True)
                identical = (len(raw_in) == len(raw_out) and all(
                    raw_in[i] == raw_out[i] for i in range(len(raw_in)) if i not in with_findings)) \
                    if mode != "anonymise" else None
                rw = summary.rewrite
                print(f"{mode:>13}: {redact_s:.1f}s (scan {scan_s:.1f}s); {rw.changed} changed, {rw.deleted} deleted, "
                      f"{rw.unchanged} unchanged; replaced {summary.replaced} "
                      f"({dict(sorted(summary.by_action.items()))}); kept {dict(sorted(summary.kept.items()))}")
                print(f"{'':>13}  left of the replaced types after a second scan: {residue or 0}"
                      + (f"; records without findings byte-identical: {identical}" if identical is not None else ""))
                if summary.anonymisation:
                    a = summary.anonymisation
                    before = a.get("before", {}).get("smallest_class")
                    print(f"{'':>13}  k=5: quasi {[(q['field'], q['generalised_to']) for q in a['quasi']]}; "
                          f"smallest class before {before}, after {a['achieved_k']}; suppressed {a['suppressed']}; "
                          f"linking IDs {a['linking_ids']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
