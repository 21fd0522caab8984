"""`recognizers` and `audit` are generic top-level names: make sure the ones imported are ours."""

from __future__ import annotations

from pathlib import Path

import audit
import privacy_kit
import recognizers

ROOT = Path(__file__).resolve().parent.parent


def test_top_level_packages_come_from_this_project() -> None:
    for module in (privacy_kit, recognizers, audit):
        assert Path(module.__file__).resolve().parent.parent == ROOT, module.__file__


def test_recognizers_and_audit_never_import_privacy_kit() -> None:
    for package in ("recognizers", "audit"):
        for path in (ROOT / package).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            assert "import privacy_kit" not in text and "from privacy_kit" not in text, path


def test_audit_knows_nothing_of_nlp() -> None:
    for path in (ROOT / "audit").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for lib in ("presidio", "spacy", "ginza", "sudachipy", "recognizers"):
            assert f"import {lib}" not in text and f"from {lib}" not in text, (path, lib)
