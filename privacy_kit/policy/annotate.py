"""The scan hook: ``privacy-kit scan --policy NAME`` adds to each finding the clauses it breaks.

Only a pack's rules for scans (``applies_to`` containing ``scans``) whose data conditions a
single finding can meet apply; moderation signals need a whole comment export (``moderate``).
The finding itself is unchanged: the annotation is two extra fields in the output.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from typing import Any

from privacy_kit.findings import Finding
from privacy_kit.outputs import CSV_COLUMNS
from privacy_kit.policy.rules import evaluate, public_value_filter
from privacy_kit.policy.schema import Pack

POLICY_COLUMNS = (*CSV_COLUMNS, "clauses", "action")


@dataclass(frozen=True, slots=True)
class PolicyFinding(Finding):
    """A finding with the clauses of the pack it breaks and the strongest rule's action."""

    clauses: tuple[str, ...] = ()
    action: str | None = None

    def to_dict(self, *, show_values: bool = False) -> dict[str, Any]:
        out = Finding.to_dict(self, show_values=show_values)
        out["clauses"] = ";".join(self.clauses)
        out["action"] = self.action or ""
        return out


_FINDING_FIELDS = tuple(f.name for f in fields(Finding))


def annotate(findings: Iterable[Finding], pack: Pack) -> Iterator[PolicyFinding]:
    public = public_value_filter(pack)
    for f in findings:
        hits = evaluate(pack, [f], (), scope="scans", public=public)
        clauses = tuple(dict.fromkeys(h.rule.clause for h in hits))
        own = {name: getattr(f, name) for name in _FINDING_FIELDS}  # whatever fields Finding has
        yield PolicyFinding(**own, clauses=clauses, action=hits[0].rule.action if hits else None)
