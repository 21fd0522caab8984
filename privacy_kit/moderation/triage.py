"""Comment triage: one decision per comment to act on, highest severity first.

For each comment of an export the evidence is gathered (personal-data findings from the real
detector, and the moderation signals: repeats, lookalike authors, links), the pack's rules are
applied, and the strongest matching rule becomes the decision: clause, action and a Japanese
reason. Other matching rules are kept as ``also`` so nothing is hidden. Comments no rule
matches are counted, not listed. The comment text is never copied into a decision.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from privacy_kit.findings import Finding
from privacy_kit.moderation.comments import Comment, FieldNames, read_comments
from privacy_kit.moderation.impersonation import find_lookalike
from privacy_kit.moderation.links import link_signals
from privacy_kit.moderation.repeats import find_repeats
from privacy_kit.policy.rules import Hit, evaluate, public_value_filter, reason
from privacy_kit.policy.schema import SEVERITIES, Pack
from privacy_kit.readers import ReadProblem
from privacy_kit.scan import ScanOptions, ScanSummary, scan_findings

DECISION_COLUMNS = ("rank", "comment_id", "author", "clause", "action", "severity", "reason", "also",
                    "evidence", "rule", "source", "record", "time")


@dataclass(frozen=True, slots=True)
class Decision:
    """What to do with one comment, and why."""

    comment: Comment
    hit: Hit
    reason: str
    also: tuple[Hit, ...]
    evidence: tuple[str, ...]

    @property
    def clause(self) -> str:
        return self.hit.rule.clause

    @property
    def action(self) -> str:
        return self.hit.rule.action

    @property
    def severity(self) -> str:
        return self.hit.rule.severity

    def to_row(self, rank: int) -> dict[str, Any]:
        c = self.comment
        return {
            "rank": rank, "comment_id": c.comment_id, "author": c.author, "clause": self.clause,
            "action": self.action, "severity": self.severity, "reason": self.reason,
            "also": ";".join(f"{h.rule.clause}:{h.rule.action}" for h in self.also),
            "evidence": ";".join(self.evidence), "rule": self.hit.rule.id, "source": c.source,
            "record": c.record, "time": c.time.isoformat() if c.time else "",
        }


@dataclass
class ModerationResult:
    pack: Pack
    decisions: list[Decision] = field(default_factory=list)
    comments: int = 0
    problems: list[ReadProblem] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    scan: ScanSummary = field(default_factory=ScanSummary)

    @property
    def not_listed(self) -> int:
        return self.comments - len(self.decisions)

    def counts(self) -> dict[str, Any]:
        """Totals for the summary and the ledger (no personal data)."""
        return {
            "comments": self.comments,
            "decisions": len(self.decisions),
            "not_listed": self.not_listed,
            "skipped_records": len(self.problems),
            "by_action": dict(sorted(Counter(d.action for d in self.decisions).items())),
            "by_clause": dict(sorted(Counter(d.clause for d in self.decisions).items())),
            "by_severity": {s: n for s in SEVERITIES if (n := sum(d.severity == s for d in self.decisions))},
        }


def _signals(comments: Sequence[Comment], pack: Pack) -> list[dict[str, str]]:
    """Per comment: signal name → evidence text (what the moderator is shown)."""
    s = pack.settings
    out: list[dict[str, str]] = [dict(link_signals(c.text, pack.links)) for c in comments]
    for sig, c in zip(out, comments):
        for key, host in list(sig.items()):
            sig[key] = f"{key}={host}"
    repeats = find_repeats([c.author for c in comments], [c.text for c in comments], [c.time for c in comments],
                           window=timedelta(hours=s.repeat_window_hours), similarity=s.repeat_similarity,
                           min_chars=s.repeat_min_chars)
    for i, rep in repeats.items():
        out[i]["repeat"] = f"repeat of {comments[rep.of].comment_id} (similarity {rep.similarity:.2f})"
    seen: dict[tuple[str, str], str | None] = {}
    for i, c in enumerate(comments):
        key = (c.author, c.display_name)
        if key not in seen:
            look = find_lookalike(c.author, c.display_name, pack.official_accounts,
                                  max_distance=s.lookalike_max_distance)
            seen[key] = f"impersonation of {look.official} ({look.field}: {look.how})" if look else None
        if seen[key]:
            out[i]["impersonation"] = seen[key]  # type: ignore[assignment]
    return out


def triage(comments: Sequence[Comment], findings: Sequence[Sequence[Finding]], pack: Pack) -> list[Decision]:
    """Decisions for ``comments`` (``findings[i]`` are comment i's), highest severity first."""
    public = public_value_filter(pack)
    signals = _signals(comments, pack)

    def hits_for(i: int) -> list[Hit]:
        return evaluate(pack, findings[i], signals[i], scope="comments", public=public)

    hits = [hits_for(i) for i in range(len(comments))]
    # 4(3)-style rules: an author with several comments to act on in this run
    flagged: Counter[str] = Counter(c.author.casefold() for c, h in zip(comments, hits) if h and c.author)
    for i, c in enumerate(comments):
        if hits[i] and c.author and flagged[c.author.casefold()] >= pack.settings.repeat_offender_min:
            signals[i]["repeat_offender"] = f"repeat_offender ({flagged[c.author.casefold()]} comments)"
            hits[i] = hits_for(i)
    decisions = []
    for i, c in enumerate(comments):
        if not hits[i]:
            continue
        top, *rest = hits[i]
        evidence = tuple(dict.fromkeys([*(t for h in hits[i] for t in h.entity_types),
                                        *(signals[i][s] for h in hits[i] for s in h.signals)]))
        decisions.append(Decision(c, top, reason(pack, top), tuple(rest), evidence))
    order = {id(d): n for n, d in enumerate(decisions)}
    return sorted(decisions, key=lambda d: (d.hit.rule.rank, order[id(d)]))


def moderate_export(paths: Sequence[Path], pack: Pack, names: FieldNames, *, fmt: str | None = None,
                    encoding: str | None = None, min_score: float | None = None, ner: bool = True,
                    workers: int = 1, on_batch: Callable[[ScanSummary], None] | None = None) -> ModerationResult:
    """Read the export(s), detect personal data in each comment's text, and triage."""
    result = ModerationResult(pack)
    comments = list(read_comments(paths, names, fmt=fmt, encoding=encoding, problems=result.problems))
    result.comments = len(comments)
    result.sources = sorted({c.source for c in comments})
    if not comments:
        return result
    from privacy_kit.detect import DEFAULT_MIN_SCORE

    options = ScanOptions(text_fields=sorted({c.text_field for c in comments}), fmt=fmt, encoding=encoding,
                          min_score=DEFAULT_MIN_SCORE if min_score is None else min_score, ner=ner)
    where = {(c.source, c.record, c.text_field): i for i, c in enumerate(comments)}
    per_comment: list[list[Finding]] = [[] for _ in comments]
    for f in scan_findings(list(paths), options, summary=result.scan, workers=workers, on_batch=on_batch):
        i = where.get((f.source, f.record, f.field or ""))
        if i is not None:
            per_comment[i].append(f)
    result.decisions = triage(comments, per_comment, pack)
    return result
