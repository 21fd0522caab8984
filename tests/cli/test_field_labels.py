from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from privacy_kit.findings import Detection
from privacy_kit.scan import ScanOptions, analysis_text, field_label, scan_findings

# fmt: off
LABELS = [
    ("口座番号", "口座番号"),
    ("data.0.tel", "tel"),
    ("tweet.full_text", None),
    ("column3", None),
    ("comments.0", None),
    (None, None),
    ("3", None),
]
# fmt: on


@pytest.mark.parametrize(("name", "label"), LABELS)
def test_field_label(name: str | None, label: str | None) -> None:
    assert field_label(name) == label


class LabelAware:
    """Finds the digits only when a 口座番号 label precedes them; also 'finds' the label itself."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def analyze_batch(self, texts: Sequence[str]) -> list[list[Detection]]:
        self.seen.extend(texts)
        out = []
        for t in texts:
            dets = [Detection("NOISE", 0, 4, 0.9, "fake")] if t.startswith("口座番号") else []
            if t.startswith("口座番号: "):
                dets.append(Detection("JP_BANK_ACCOUNT", 6, len(t), 0.9, "fake"))
            out.append(dets)
        return out


def test_cells_are_analysed_with_their_header_and_offsets_index_the_cell(tmp_path: Path) -> None:
    src = tmp_path / "members.csv"
    src.write_text("氏名,口座番号\r\n山田,1234567\r\n", encoding="utf-8")
    fake = LabelAware()
    findings = list(scan_findings([src], ScanOptions(), detector=fake))  # type: ignore[arg-type]
    assert "口座番号: 1234567" in fake.seen and "氏名: 山田" in fake.seen
    assert [(f.field, f.start, f.end, f.entity_type, f.value) for f in findings] == [
        ("口座番号", 0, 7, "JP_BANK_ACCOUNT", "1234567")
    ]


def test_analysis_text_round_trip() -> None:
    text, shift = analysis_text("x.tel", "090-1234-5678")
    assert text[shift:] == "090-1234-5678"
    assert analysis_text("text", "本文") == ("本文", 0)
