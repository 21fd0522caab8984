"""Wall time of `privacy-kit risk` on a generated activity log, and whether it names exactly the
planted routine subjects.

Generates the log (benchmarks/generate_activity_log.py; 1,000,000 rows by default) unless
``--input`` is given with its ``.truth.json`` beside it, then runs the real command in a
subprocess, as a user would, and prints: wall time (target: under a minute on the project's
2-core machine), the command's own time per step, peak RSS, and precision / recall of the
routine subjects against the ground truth.

    python benchmarks/risk_throughput.py                       # 1,000,000 rows
    python benchmarks/risk_throughput.py --rows 100000 --users 5000
    python benchmarks/risk_throughput.py --input build/bench/activity.csv
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate_activity_log import main as generate_main  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--users", type=int, default=20_000)
    parser.add_argument("--routines", type=int, default=24)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--input", type=Path, default=None, help="an existing log (with INPUT.truth.json)")
    parser.add_argument("--keep", type=Path, default=None, help="also write the JSON report here")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="pk-risk-bench-") as tmp:
        log = args.input
        if log is None:
            log = Path(tmp) / "activity.csv"
            started = time.perf_counter()
            generate_main(["--rows", str(args.rows), "--users", str(args.users), "--routines", str(args.routines),
                           "--seed", str(args.seed), "-o", str(log)])
            print(f"generated in {time.perf_counter() - started:.1f}s", file=sys.stderr)
        truth = json.loads(log.with_name(log.name + ".truth.json").read_text(encoding="utf-8"))
        report_path = args.keep or Path(tmp) / "report.json"
        command = [sys.executable, "-c", "from privacy_kit.cli import main; main()", "risk", str(log),
                   "--subject", truth["subject"], "--time", truth["time"], "--place", truth["place"],
                   "--format", "json", "--show-values", "-q", "-o", str(report_path)]
        started = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        wall = time.perf_counter() - started
        if done.returncode not in (0, 1):
            print(done.stderr, file=sys.stderr)
            return done.returncode
        rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        report = json.loads(report_path.read_text(encoding="utf-8"))

    planted = {p["user_id"] for p in truth["planted"]}
    found = set(report["routines"]["routine_subjects"])
    tp = len(found & planted)
    precision = tp / len(found) if found else 1.0
    recall = tp / len(planted) if planted else 1.0
    print(f"rows: {report['input']['records']:,} ({report['input']['read_by']}); "
          f"subjects: {report['routines']['subjects']:,}")
    print(f"wall time of privacy-kit risk: {wall:.1f}s (target < 60s); peak RSS {rss_mb:.0f} MB")
    print("steps: " + ", ".join(f"{k} {v:.1f}s" for k, v in report["timings_seconds"].items()))
    print(f"routine subjects: planted {len(planted)}, found {len(found)}, true positives {tp}; "
          f"precision {precision:.3f}, recall {recall:.3f}"
          + ("  EXACT" if found == planted else f"  extra {sorted(found - planted)[:5]} missed "
                                                f"{sorted(planted - found)[:5]}"))
    ka = report["k_anonymity"]
    if ka:
        print(f"k-anonymity of ({', '.join(ka['quasi'])}): smallest class {ka['smallest_class']}, "
              f"{ka['share_below_k']:.1%} of records below k={ka['k']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
