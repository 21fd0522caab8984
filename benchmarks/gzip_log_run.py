"""Scan a large gzip access log end to end and check every planted e-mail address and phone number.

Generates (once) a combined-format access log of ``--lines`` lines with ``generate_logs``
(about 231 bytes a line: 4.4 million lines ≈ 1 GB uncompressed), gzips it, runs
``privacy-kit scan LOG.gz --workers N --stats --show-values --no-store -q`` as a subprocess and
reads its findings from the pipe, so nothing the size of the input is stored. Then it checks,
line by line, that each planted e-mail address and phone number was found with its exact value,
and counts any other e-mail or phone finding. Prints one JSON object: sizes, wall time,
records/s, peak RSS of the scan (largest process), finding counts, and the check.

    nice python benchmarks/gzip_log_run.py --lines 4400000 --log /tmp/access-1g.log.gz
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate_logs import lines as log_lines  # noqa: E402

CHECKED = ("EMAIL_ADDRESS", "PHONE_NUMBER")


def generate(path: Path, count: int, seed: int) -> int:
    """Write the gzip log; return its uncompressed size in bytes."""
    size = 0
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=6) as out:
        for text, _ in log_lines(count, seed):
            out.write(text + "\n")
            size += len(text) + 1
    return size


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--lines", type=int, default=4_400_000)
    ap.add_argument("--seed", type=int, default=21)
    ap.add_argument("--log", type=Path, default=Path("/tmp/privacy-kit-access-1g.log.gz"))
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--extra", nargs="*", default=[], help="more scan options (e.g. --fast-columns)")
    args = ap.parse_args(argv)

    result: dict[str, object] = {"lines": args.lines, "workers": args.workers, "extra": args.extra}
    if not args.log.exists():
        t0 = time.perf_counter()
        result["uncompressed_bytes"] = generate(args.log, args.lines, args.seed)
        result["generate_seconds"] = round(time.perf_counter() - t0, 1)
    result["gzip_bytes"] = args.log.stat().st_size

    cmd = [str(Path(sys.executable).parent / "privacy-kit"), "scan", str(args.log), "--workers", str(args.workers),
           "--stats", "--show-values", "--no-store", "-q", *args.extra]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    found: dict[int, set[tuple[str, str]]] = {}
    counts: Counter[str] = Counter()
    t0 = time.perf_counter()
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        for raw in proc.stdout:
            f = json.loads(raw)
            counts[f["entity_type"]] += 1
            if f["entity_type"] in CHECKED:
                found.setdefault(f["record"], set()).add((f["entity_type"], f["value"]))
        stderr = proc.stderr.read()
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        print(stderr, file=sys.stderr)
        return 2
    stats = json.loads(stderr.strip().splitlines()[-1])
    missed = extra = planted = 0
    for index, (_, values) in enumerate(log_lines(args.lines, args.seed)):
        want = {(t, v) for t, v in values if t in CHECKED}
        got = found.pop(index, set())
        planted += len(want)
        missed += len(want - got)
        extra += len(got - want)
    extra += sum(len(v) for v in found.values())
    result.update({
        "wall_seconds": round(wall, 1),
        "records": stats["records"],
        "records_per_second": round(stats["records"] / wall, 1),
        "scan_elapsed_seconds": stats["elapsed_seconds"],
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
        "findings": dict(sorted(counts.items())),
        "distinct_value_cache_hits": stats.get("distinct_value_cache_hits"),
        "fast_columns": stats.get("fast_columns"),
        "skipped": len(stats.get("skipped", [])),
        "planted_email_phone": planted, "missed": missed, "unexpected_email_phone": extra,
    })
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0 if missed == 0 and extra == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
