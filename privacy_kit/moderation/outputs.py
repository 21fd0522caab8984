"""Decision files for the platforms' moderation tools: CSV (a header row, one decision a row) or
JSON Lines. Columns: see :data:`privacy_kit.moderation.triage.DECISION_COLUMNS`."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from typing import IO

from privacy_kit.moderation.triage import DECISION_COLUMNS, Decision

DECISION_FORMATS = ("csv", "jsonl")


def write_decisions(decisions: Sequence[Decision], out: IO[str], *, fmt: str) -> None:
    rows = (d.to_row(rank) for rank, d in enumerate(decisions, 1))
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=DECISION_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
