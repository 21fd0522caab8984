"""Which finds Japanese phone numbers better: jp.phone.v1 or the ``phonenumbers`` library?

Runs three candidates over the PHONE_NUMBER labels of a JSONL set (overlap criterion, IoU ≥ 0.5):

* ``native``: jp.phone.v1 as shipped (shapes + numbering-plan digit counts + context);
* ``phonenumbers-matcher``: ``phonenumbers.PhoneNumberMatcher(text, "JP")`` (what Presidio's
  PhoneRecognizer uses), leniency VALID;
* ``native+is_valid``: jp.phone.v1, keeping only numbers ``phonenumbers.is_valid_number`` accepts.

    .venv/bin/python benchmarks/phone_validators.py [SET.jsonl]

It also runs them over the positive and negative tables of tests/recognizers/test_phone.py,
which hold the formats and look-alikes (order numbers, dates, postal codes, ISBNs) on purpose.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import phonenumbers  # noqa: E402

from privacy_kit.evaluation.datasets import load_dataset  # noqa: E402
from privacy_kit.evaluation.metrics import score  # noqa: E402
from privacy_kit.evaluation.spans import Span  # noqa: E402
from recognizers.phone import PhoneRecognizer  # noqa: E402

TYPE = "PHONE_NUMBER"


def _valid(value: str) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(value, "JP"))
    except phonenumbers.NumberParseException:
        return False


def compare(name: str, texts: list[str], gold: list[list[Span]]) -> None:
    rec = PhoneRecognizer()
    native = [[Span(x.start, x.end, TYPE) for x in rec.analyze(t, [TYPE], None) if x.score >= 0.5]
              for t in texts]
    matcher = [[Span(m.start, m.end, TYPE) for m in phonenumbers.PhoneNumberMatcher(t, "JP")]
               for t in texts]
    checked = [[s for s in spans if _valid(t[s.start : s.end])]
               for t, spans in zip(texts, native, strict=True)]
    print(f"{name}: {len(texts)} texts, {sum(map(len, gold))} phone numbers")
    for label, pred in (("native", native), ("phonenumbers-matcher", matcher), ("native+is_valid", checked)):
        c = score(gold, pred, [TYPE], "overlap").per_type[TYPE]
        print(f"  {label:22} P {c.precision:.3f} R {c.recall:.3f} F1 {c.f1:.3f} "
              f"(tp {c.tp} fp {c.fp} fn {c.fn})")
    rejected = [t[s.start : s.end] for t, spans in zip(texts, gold, strict=True) for s in spans
                if not _valid(t[s.start : s.end])]
    print(f"  phone numbers that phonenumbers.is_valid_number rejects: {rejected}")


def _table_gold(text: str, values: list[str]) -> list[Span]:
    spans, pos = [], 0
    for v in values:
        start = text.index(v, pos)
        spans.append(Span(start, start + len(v), TYPE))
        pos = start + len(v)
    return spans


def main() -> None:
    path = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "tests/data/labelled_posts.jsonl")
    data = load_dataset(path)
    compare(Path(path).name, [r.text for r in data.records],
            [[s for s in r.entities if s.type == TYPE] for r in data.records])
    from tests.recognizers.test_phone import NEGATIVES, POSITIVES

    texts = [t for t, _, _ in POSITIVES] + list(NEGATIVES)
    gold = [_table_gold(t, v) for t, v, _ in POSITIVES] + [[] for _ in NEGATIVES]
    compare("test_phone.py tables", texts, gold)


if __name__ == "__main__":
    main()
