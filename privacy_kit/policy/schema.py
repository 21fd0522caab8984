"""What a policy pack holds: an organisation's own clauses, and rules that map signals to them.

A moderator needs more than "a phone number was found": they need "this comment breaks clause オ
of our deletion criteria: delete it, and here is the reason". A pack is the bridge, written
from the organisation's published rules (the seeds), with the clause ids and texts quoted
exactly so that a decision can be traced back to the sentence that justifies it.

The vocabulary here (actions, severities, signals, APPI categories) is stable: packs, decision
files and the audit store key on these strings, so they are never renamed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: The pack format this code reads (``schema = "privacy-kit.policy/1"`` at the top of a pack).
SCHEMA = "privacy-kit.policy/1"

#: What a moderator can do with a comment, strongest first (ties in severity sort by this).
ACTIONS: tuple[str, ...] = ("block_user", "delete", "report", "hide", "review")

#: Severity names and their rank: decisions are listed highest first.
SEVERITIES: dict[str, int] = {"critical": 4, "high": 3, "medium": 2, "low": 1}

#: Moderation signals beyond personal data, computed from the export (privacy_kit.moderation).
SIGNALS: dict[str, str] = {
    "repeat": "同一ユーザーによる同一または似通ったコメントの繰り返し",
    "impersonation": "公式アカウントに紛らわしいアカウント名・表示名",
    "link_shortener": "短縮URLへのリンク",
    "link_known_bad": "危険とされるドメインへのリンク",
    "repeat_offender": "この実行で複数回対処対象となったユーザー",
}

#: The APPI categories a finding can carry (Art 2(1), 2(3), 2(7); recognizers.entities).
APPI_CATEGORIES: tuple[str, ...] = ("個人情報", "要配慮個人情報", "個人関連情報")

#: Where a rule applies: to comments (``privacy-kit moderate``) and/or to scan findings.
SCOPES: tuple[str, ...] = ("comments", "scans")

#: Placeholders a reason template may use; each rule's template is checked against this set.
REASON_FIELDS: tuple[str, ...] = ("clause", "clause_text", "labels", "signals", "action", "organisation")


@dataclass(frozen=True, slots=True)
class Clause:
    """One clause of the organisation's rules, quoted exactly from its source file."""

    id: str
    text: str
    source: str
    section: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "source": self.source, "section": self.section}


@dataclass(frozen=True, slots=True)
class Match:
    """When a rule applies: ANY listed entity type, APPI category, 要配慮 category or signal."""

    entities: tuple[str, ...] = ()
    appi_categories: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    signals: tuple[str, ...] = ()
    min_score: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"entities": list(self.entities), "appi_categories": list(self.appi_categories),
                "categories": list(self.categories), "signals": list(self.signals),
                "min_score": self.min_score}


@dataclass(frozen=True, slots=True)
class Rule:
    """Signals → a clause, an action, a severity and a Japanese reason for the user."""

    id: str
    clause: str
    action: str
    severity: str
    reason: str
    when: Match
    applies_to: tuple[str, ...] = SCOPES

    @property
    def rank(self) -> tuple[int, int]:
        """Sort key: higher severity first, then the stronger action."""
        return (-SEVERITIES[self.severity], ACTIONS.index(self.action))

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "clause": self.clause, "action": self.action, "severity": self.severity,
                "reason": self.reason, "when": self.when.to_dict(), "applies_to": list(self.applies_to)}


@dataclass(frozen=True, slots=True)
class OfficialAccount:
    """An account of the organisation: lookalikes of these are impersonation candidates.

    ``source`` says where the name comes from (a seed file, or "configured" for a handle the
    seed does not name, which the organisation must confirm)."""

    platform: str
    handle: str = ""
    display_name: str = ""
    source: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"platform": self.platform, "handle": self.handle, "display_name": self.display_name,
                "source": self.source}


@dataclass(frozen=True, slots=True)
class Links:
    """Domains whose links become review items; ``allow`` lists the organisation's own."""

    shorteners: tuple[str, ...] = ()
    known_bad: tuple[str, ...] = ()
    allow: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Settings:
    """Tuning of the moderation signals (documented defaults; a pack may override them)."""

    repeat_window_hours: float = 24.0
    repeat_similarity: float = 0.85
    repeat_min_chars: int = 12
    lookalike_max_distance: int = 2
    repeat_offender_min: int = 3


@dataclass(frozen=True)
class Pack:
    """A validated policy pack (see docs/policy.md for the file format)."""

    id: str
    version: str
    name: str
    organisation: str
    sources: tuple[str, ...]
    clauses: dict[str, Clause]
    rules: tuple[Rule, ...]
    official_accounts: tuple[OfficialAccount, ...] = ()
    links: Links = Links()
    public_values: tuple[str, ...] = ()
    settings: Settings = Settings()
    notes: str = ""
    path: str = ""
    sha256: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def clause(self, clause_id: str) -> Clause:
        return self.clauses[clause_id]

    def summary(self) -> dict[str, Any]:
        """What ``policy list`` shows and the ledger records about the pack used."""
        return {"id": self.id, "version": self.version, "name": self.name, "organisation": self.organisation,
                "clauses": len(self.clauses), "rules": len(self.rules), "sha256": self.sha256,
                "path": self.path}

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.summary(),
            "sources": list(self.sources),
            "notes": self.notes,
            "official_accounts": [a.to_dict() for a in self.official_accounts],
            "links": {"shorteners": list(self.links.shorteners), "known_bad": list(self.links.known_bad),
                      "allow": list(self.links.allow)},
            "public_values": list(self.public_values),
            "settings": {k: getattr(self.settings, k) for k in Settings.__dataclass_fields__},
            "clauses": [c.to_dict() for c in self.clauses.values()],
            "rules": [r.to_dict() for r in self.rules],
        }
