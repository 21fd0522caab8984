"""Policy packs: an organisation's own moderation rules as data (see docs/policy.md)."""

from __future__ import annotations

from privacy_kit.policy.loader import load_pack_file, parse_pack
from privacy_kit.policy.registry import resolve_pack, shipped_names, shipped_packs
from privacy_kit.policy.rules import Hit, evaluate, reason
from privacy_kit.policy.schema import ACTIONS, SEVERITIES, SIGNALS, Clause, Pack, Rule

__all__ = ["ACTIONS", "SEVERITIES", "SIGNALS", "Clause", "Hit", "Pack", "Rule", "evaluate", "load_pack_file",
           "parse_pack", "reason", "resolve_pack", "shipped_names", "shipped_packs"]
