"""Purposes of use added, changed (with the basis that allowed it: Art 17(2) relatedness or
Art 18(1) consent) and published (Art 21) in the period, and those unpublished at its end."""

from __future__ import annotations

from typing import Any

from privacy_kit.reports.model import PURPOSES_UNPUBLISHED, Attention, Facts, SectionResult, Table
from privacy_kit.reports.sections import ReportContext, SectionSpec


def build(ctx: ReportContext) -> SectionResult:
    L = ctx.labels
    start, end = ctx.bounds()
    period = ctx.period
    versions = ctx.rows(
        "SELECT purpose_id, version, basis, justification, consent_ref, created_at, published_on, "
        "categories FROM purpose_versions WHERE created_at >= ? AND created_at < ? ORDER BY created_at, "
        "purpose_id, version",
        [start, end],
    )
    changes: list[dict[str, Any]] = [
        {
            "purpose_id": pid,
            "version": int(version),
            "basis": basis,
            "justification": justification,
            "consent_ref": consent_ref,
            "categories": list(categories or ()),
            "created_at": L.iso(created),
            "published_on": published.isoformat() if published else None,
        }
        for pid, version, basis, justification, consent_ref, created, published, categories in versions
    ]
    published = [
        {"purpose_id": pid, "version": int(v), "published_on": on.isoformat()}
        for pid, v, on in ctx.rows(
            "SELECT purpose_id, version, published_on FROM purpose_versions "
            "WHERE published_on >= ? AND published_on < ? ORDER BY published_on, purpose_id, version",
            [period.start, period.end],
        )
    ]
    unpublished = [
        {"purpose_id": pid, "version": int(v)}
        for pid, v in ctx.rows(
            "SELECT purpose_id, version FROM purpose_versions WHERE created_at < ? "
            "QUALIFY row_number() OVER (PARTITION BY purpose_id ORDER BY version DESC) = 1 "
            "AND (published_on IS NULL OR published_on >= ?) ORDER BY purpose_id",
            [end, period.end],
        )
    ]
    total = ctx.rows("SELECT count(DISTINCT purpose_id) FROM purpose_versions WHERE created_at < ?", [end])
    data = {
        "purposes": int(total[0][0]) if total else 0,
        "added": [c for c in changes if c["version"] == 1],
        "changed": [c for c in changes if c["version"] > 1],
        "published": published,
        "unpublished_at_end": unpublished,
    }
    result = SectionResult("purposes", L("section.purposes"), data)
    result.blocks = [
        Facts(
            (
                (L("purposes.total"), L.count(data["purposes"])),
                (L("purposes.added"), L.count(len(data["added"]))),
                (L("purposes.changed"), L.count(len(data["changed"]))),
                (L("purposes.published"), L.count(len(published))),
                (L("purposes.unpublished"), L.join([f"{u['purpose_id']} v{u['version']}" for u in unpublished])),
            )
        ),
        Table(
            (L("col.purpose"), L("col.version"), L("col.basis"), L("col.grounds"), L("col.created_at"),
             L("col.published_on")),
            tuple(
                (
                    c["purpose_id"],
                    str(c["version"]),
                    L.basis(c["basis"]),
                    c["justification"] or c["consent_ref"] or "–",
                    L.dt(c["created_at"]),
                    c["published_on"] or L("purposes.not_published"),
                )
                for c in changes
            ),
            title=L("purposes.table"),
            empty=L("purposes.none"),
        ),
    ]
    if unpublished:
        result.attention.append(
            Attention(
                PURPOSES_UNPUBLISHED,
                "warn",
                "purposes",
                L("attention.purposes", ids=", ".join(u["purpose_id"] for u in unpublished)),
            )
        )
    return result


SECTION = SectionSpec("purposes", "section.purposes", ("purpose_versions",), build)
