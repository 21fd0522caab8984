"""Recognizer ids are stable finding-source ids (stored in findings and the audit store).

Changing, removing or re-ordering one must be a deliberate act: update tests/registry_golden.json
in the same change and bump the id's version when behaviour changes.
"""

from __future__ import annotations

import json
from pathlib import Path

from recognizers import ENTITY_TYPES
from recognizers.catalog import all_specs

GOLDEN = Path(__file__).with_name("registry_golden.json")


def test_catalogue_matches_golden_file() -> None:
    current = [{"id": s.id, "entities": list(s.entities), "tier": s.tier} for s in all_specs()]
    assert current == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_every_entity_type_has_a_recognizer_and_ids_are_versioned() -> None:
    specs = all_specs()
    covered = {e for s in specs for e in s.entities}
    assert covered == set(ENTITY_TYPES)
    for spec in specs:
        assert spec.id.startswith("jp.") and spec.id.rsplit(".", 1)[-1].startswith("v"), spec.id
