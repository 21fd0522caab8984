"""Throughput of `privacy-kit scan` against the naive Presidio + ja_ginza baseline, in one run.

Prints, for real Japanese sentences (ner-wikipedia) and for a generated access log:
records/s of each system in steady state (models loaded and warmed up first), the ratio, F1 of
each on the labelled sentences, and peak RSS of the scan for a log and a 10x larger log; and the
cost of the context detections (要配慮, behaviour patterns, and the dependency parser they need on
the few texts with a person cue): privacy-kit's throughput with them on and off, in the same run.

    python benchmarks/scan_throughput.py                       # full run (minutes)
    python benchmarks/scan_throughput.py --quick               # small sizes, for a smoke test
    python benchmarks/scan_throughput.py --only context --sentences 1000   # on/off ratio only
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

# As the CLI does (privacy_kit/cli/__init__.py): one BLAS thread per process, parallelism is by
# workers. Without it each worker's OpenBLAS spins up threads that fight over the two cores.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate_logs import write as write_log  # noqa: E402
from recognizers.offline import ensure_offline  # noqa: E402

ensure_offline()

from privacy_kit.evaluation.datasets import load_dataset  # noqa: E402
from privacy_kit.evaluation.metrics import score  # noqa: E402
from privacy_kit.evaluation.spans import Span  # noqa: E402
from privacy_kit.pool import DetectionPool  # noqa: E402
from privacy_kit.detect import Detector  # noqa: E402
from privacy_kit.scan import ScanOptions, ScanSummary, make_detector, scan_findings  # noqa: E402
from recognizers.entities import CONTEXT_TYPES as CONTEXT_ENTITY_TYPES  # noqa: E402

NER_WIKIPEDIA = Path("/work/shared/data/ner-wikipedia/ner.json")


def baseline_rate(texts: list[str], warmup: int = 16) -> tuple[float, list[list[Span]]]:
    from privacy_kit.evaluation.baseline import build_baseline

    system = build_baseline()
    system.analyze_batch(texts[:warmup])
    t0 = time.perf_counter()
    preds: list[list[Span]] = []
    for i in range(0, len(texts), system.batch_size):
        preds.extend(system.analyze_batch(texts[i : i + system.batch_size]))
    return len(texts) / (time.perf_counter() - t0), preds


def warm_pool(options: ScanOptions, workers: int, sample: list[str]) -> DetectionPool:
    pool = DetectionPool(lambda: make_detector(options), workers)
    for _ in range(2):  # every worker loads its models and sees a batch
        futures = [pool.submit(sample[:8]) for _ in range(2 * workers)]
        for f in futures:
            f.result()
    return pool


def scan_rate(path: Path, options: ScanOptions, pool: DetectionPool) -> tuple[float, ScanSummary, list]:
    summary = ScanSummary()
    t0 = time.perf_counter()
    findings = list(scan_findings([path], options, summary=summary, pool=pool))
    return summary.records / (time.perf_counter() - t0), summary, findings


def detector_without_context(options: ScanOptions) -> Detector:
    """The detector as it was before the context detections: no 要配慮 or behaviour recognizers,
    no dependency parser (online identifiers are values and stay)."""
    from recognizers import build_analyzer
    from recognizers.entities import CONTEXT_TYPES, ENTITY_TYPES
    from recognizers.nlp_engine import GinzaNlpEngine, has_japanese

    entities = [t for t in ENTITY_TYPES if t not in CONTEXT_TYPES]
    engine = GinzaNlpEngine(ner=options.ner, ner_when=has_japanese)
    return Detector(entities=entities, min_score=options.min_score, batch_size=options.batch_size,
                    analyzer=build_analyzer(nlp_engine=engine, entities=entities))


def context_cost(path: Path, options: ScanOptions, workers: int, sample: list[str],
                 rounds: int = 2) -> dict[str, object]:
    """Records/s with the context detections on and off, alternating (on, off, on, off…) so both
    see the same load on a shared machine. With one worker detection runs in this process, so
    its CPU time is measured too: records per CPU-second is far less sensitive to what other
    processes do than wall time. Ratios are medians of the per-round on/off ratios."""
    import statistics

    on_pool = warm_pool(options, workers, sample)
    off_pool = DetectionPool(lambda: detector_without_context(options), workers)
    for _ in range(2):
        for f in [off_pool.submit(sample[:8]) for _ in range(2 * workers)]:
            f.result()

    def timed(pool: DetectionPool) -> tuple[float, float, ScanSummary]:
        cpu = time.process_time()
        rate, summary, _ = scan_rate(path, options, pool)
        return rate, summary.records / (time.process_time() - cpu), summary

    runs: list[tuple[float, float, float, float]] = []
    found: dict[str, int] = {}
    for _ in range(rounds):
        on_wall, on_cpu, summary = timed(on_pool)
        found = {k: v for k, v in summary.findings.items() if k in CONTEXT_ENTITY_TYPES}
        off_wall, off_cpu, _ = timed(off_pool)
        runs.append((on_wall, off_wall, on_cpu, off_cpu))
    on_pool.close()
    off_pool.close()
    wall_ratio = statistics.median(a / b for a, b, _, _ in runs)
    out: dict[str, object] = {
        "records_per_s_on": [round(r[0], 1) for r in runs], "records_per_s_off": [round(r[1], 1) for r in runs],
        "wall_ratio_on_to_off": round(wall_ratio, 3), "wall_drop": f"{(1 - wall_ratio) * 100:.1f}%",
        "rounds": rounds, "context_findings": found,
    }
    if workers == 1:
        cpu_ratio = statistics.median(c / d for _, _, c, d in runs)
        out |= {"records_per_cpu_s_on": [round(r[2], 1) for r in runs],
                "records_per_cpu_s_off": [round(r[3], 1) for r in runs],
                "cpu_ratio_on_to_off": round(cpu_ratio, 3), "cpu_drop": f"{(1 - cpu_ratio) * 100:.1f}%"}
    return out


def peak_rss_mb(args: list[str]) -> float:
    """Peak RSS (largest single process: the scan or one of its workers) of a CLI run."""
    code = ("import resource,subprocess,sys;"
            "subprocess.run(sys.argv[1:],check=True,stdout=subprocess.DEVNULL);"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True, text=True)
    return int(out.stdout.strip()) / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--baseline-sample", type=int, default=400, help="sentences timed for the baseline")
    ap.add_argument("--sentences", type=int, default=0, help="ner-wikipedia sentences for privacy-kit (0: all)")
    ap.add_argument("--log-lines", type=int, default=200_000)
    ap.add_argument("--rss-lines", type=int, default=20_000, help="log size for the RSS check (and 10x that)")
    ap.add_argument("--quick", action="store_true", help="small sizes: a smoke test, not a measurement")
    ap.add_argument("--json", type=Path, help="also write the results here")
    ap.add_argument("--ner-wikipedia", type=Path, default=NER_WIKIPEDIA,
                    help="ner.json (default: /work/shared/data/ner-wikipedia/ner.json, also from a worktree)")
    ap.add_argument("--only", choices=["context"], help="context: only the context detections' on/off ratio")
    ap.add_argument("--rounds", type=int, default=2, help="alternating on/off runs for the context ratio")
    ap.add_argument("--tiers", default="full",
                    help="comma-separated detector tiers timed on the sentences (fast,balanced,full); "
                         "the first is the one reported as 'sentences'")
    ap.add_argument("--skip-context-ratio", action="store_true", help="do not time the context detections on/off")
    args = ap.parse_args(argv)
    if args.quick:
        args.baseline_sample, args.sentences, args.log_lines, args.rss_lines = 40, 200, 5_000, 1_000

    data = load_dataset(args.ner_wikipedia)
    tiers = [t.strip() for t in args.tiers.split(",") if t.strip()]
    records = list(data.records)
    if args.sentences:
        records = random.Random(0).sample(records, min(args.sentences, len(records)))
    texts = [r.text for r in records]
    sample_idx = sorted(random.Random(1).sample(range(len(records)), min(args.baseline_sample, len(records))))
    results: dict[str, object] = {"workers": args.workers, "cpu_count": os.cpu_count()}

    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        sentences = tmpdir / "sentences.jsonl"
        sentences.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts),
                             encoding="utf-8")
        options = ScanOptions(text_fields=["text"], batch_size=64)
        if not args.skip_context_ratio:
            results["context_detections"] = context_cost(sentences, options, args.workers, texts, args.rounds)
            results["context_detections"]["records"] = len(texts)  # type: ignore[index]
        if args.only == "context":
            print(json.dumps(results, ensure_ascii=False, indent=2))
            return 0
        gold = [r.entities for r in records]

        def f1s(s: object) -> dict[str, float]:
            return {k: round(v.f1, 3) for k, v in s.per_type.items()} | {"micro": round(s.micro.f1, 3)}  # type: ignore[attr-defined]

        b_rate, b_preds = baseline_rate([texts[i] for i in sample_idx])
        b_f1 = score([gold[i] for i in sample_idx], b_preds, data.labels, "overlap")
        per_tier: dict[str, dict[str, object]] = {}
        for tier in tiers:
            tier_options = replace(options, tier=tier)
            pool = warm_pool(tier_options, args.workers, texts)
            pk_rate, _, findings = scan_rate(sentences, tier_options, pool)
            pool.close()
            preds: list[list[Span]] = [[] for _ in texts]
            for f in findings:
                preds[f.record].append(Span(f.start, f.end, f.entity_type))
            pk_f1 = score(gold, preds, data.labels, "overlap")
            pk_f1_same = score([gold[i] for i in sample_idx], [preds[i] for i in sample_idx], data.labels, "overlap")
            per_tier[tier] = {
                "records": len(texts), "baseline_sample": len(sample_idx),
                "privacy_kit_records_per_s": round(pk_rate, 1), "baseline_records_per_s": round(b_rate, 1),
                "ratio": round(pk_rate / b_rate, 1),
                "privacy_kit_f1_all": f1s(pk_f1), "privacy_kit_f1_on_baseline_sample": f1s(pk_f1_same),
                "baseline_f1": f1s(b_f1),
            }
        results["sentences"] = {"tier": tiers[0], **per_tier[tiers[0]]}
        results["tiers"] = per_tier

        log = tmpdir / "access.log"
        with log.open("w", encoding="utf-8") as fh:
            write_log(fh, args.log_lines, seed=7)
        log_options = ScanOptions(batch_size=256)
        log_pool = warm_pool(log_options, args.workers, log.read_text(encoding="utf-8").splitlines()[:64])
        log_rate, log_summary, _ = scan_rate(log, log_options, log_pool)
        log_lines = log.read_text(encoding="utf-8").splitlines()
        lb_rate, _ = baseline_rate(random.Random(2).sample(log_lines, min(500, len(log_lines))))
        results["access_log"] = {
            "lines": args.log_lines, "privacy_kit_records_per_s": round(log_rate, 1),
            "baseline_records_per_s": round(lb_rate, 1), "ratio": round(log_rate / lb_rate, 1),
            "findings": dict(log_summary.findings), "cache_hits": log_summary.cache_hits,
        }
        log_pool.close()

        small = tmpdir / "access_rss.log"
        with small.open("w", encoding="utf-8") as fh:
            write_log(fh, args.rss_lines, seed=8)
        big = tmpdir / "access_rss10x.log"
        with big.open("w", encoding="utf-8") as fh:
            write_log(fh, args.rss_lines * 10, seed=9)
        cli = [str(Path(sys.executable).parent / "privacy-kit"), "scan", "-q", "--no-store", "--workers", str(args.workers), "-o"]
        rss_small = peak_rss_mb(cli + [str(tmpdir / "o1.jsonl"), str(small)])
        rss_big = peak_rss_mb(cli + [str(tmpdir / "o2.jsonl"), str(big)])
        results["peak_rss_mb"] = {"lines": args.rss_lines, "log": round(rss_small, 1), "log_10x": round(rss_big, 1),
                                  "increase": f"{(rss_big / rss_small - 1) * 100:.1f}%"}

    print(json.dumps(results, ensure_ascii=False, indent=2))
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
