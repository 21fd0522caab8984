"""Assessing an incident: scan what leaked (or read a stored scan), count the people, decide.

The files involved are scanned with the ordinary scan pipeline and recorded in the audit store
as a scan run like any other (keyed hashes only), so the evidence is itself on the ledger; the
people are then counted from that run's stored findings, which is also how a scan made earlier
(``--run``) is used. Declarations alone are enough to assess an incident whose data cannot be
scanned (a lost laptop): the categories then rest on what was declared.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audit.errors import IncidentStateError, ValidationError
from audit.incidents import (
    DECISION_INPUTS,
    AssessmentData,
    Incident,
    IncidentFile,
    get_incident,
    record_assessment,
    record_step,
    update_incident,
)
from privacy_kit.incidents.people import PeopleCount, count_people, records_of
from privacy_kit.incidents.rules import (
    FINANCIAL_TYPES,
    RULE_SET,
    SENSITIVE_TYPES,
    BreachPolicy,
    Decision,
    decide,
)
from privacy_kit.scan import ScanOptions

if TYPE_CHECKING:
    from audit.store import Store, StoreConfig
    from privacy_kit.scan import ScanSummary

#: The groups of entity types whose people each category counts.
GROUPS: dict[str, frozenset[str]] = {
    "sensitive": frozenset(SENSITIVE_TYPES),
    "financial": frozenset(FINANCIAL_TYPES),
}


@dataclass(frozen=True, slots=True)
class AssessOptions:
    """How to gather the evidence: scan options for the files, or stored runs instead."""

    scan: ScanOptions = field(default_factory=ScanOptions)
    runs: tuple[str, ...] = ()  # use these stored scan runs and scan nothing
    workers: int = 1


@dataclass(frozen=True, slots=True)
class Step:
    """A report filed or a notice sent (``incident update --done``)."""

    kind: str
    done_on: date
    ref: str | None = None
    people_notified: int | None = None
    method: str | None = None


@dataclass
class AssessmentResult:
    incident: Incident
    decision: Decision
    count: PeopleCount
    run_ids: tuple[str, ...]
    scanned_run: str | None = None
    records_read: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "incident_id": self.incident.incident_id,
            "assessment_no": self.incident.assessment.assessment_no if self.incident.assessment else None,
            "run_ids": list(self.run_ids),
            "scanned_run": self.scanned_run,
            "records_read": self.records_read,
            "evidence": self.count.to_dict(),
            **self.decision.to_dict(),
            "deadlines": [d.to_dict(date.today()) for d in self.incident.deadlines],
        }


def _paths(store: Store, inc: Incident) -> list[str]:
    from audit.datasets import get_dataset

    paths: list[str] = []
    for f in inc.files:
        if f.kind == "file":
            paths.append(f.ref)
        elif f.kind == "dataset":
            ds = get_dataset(store, f.ref)
            if "://" in ds.location:
                raise ValidationError(
                    f"data set {ds.dataset_id!r} is at {ds.location}, which privacy-kit cannot read",
                    hint="scan a local copy and pass the run: privacy-kit incident assess ID --run RUN_ID",
                )
            paths.append(ds.location)
    return paths


def _scan(
    config: StoreConfig,
    incident_id: str,
    paths: Sequence[str],
    options: AssessOptions,
    on_batch: Callable[[ScanSummary], None] | None,
) -> tuple[str, int]:
    """Scan ``paths`` into a new stored run (keyed hashes only); its id and the records read."""
    from privacy_kit import __version__
    from privacy_kit.readers import expand_inputs
    from privacy_kit.recording import RecordingOptions, ScanRecording
    from privacy_kit.scan import ScanSummary, scan_findings

    summary = ScanSummary()
    run_options = {k: (list(v) if isinstance(v, tuple) else v) for k, v in asdict(options.scan).items()}
    run_options["incident"] = incident_id
    recording = ScanRecording(
        RecordingOptions(config),
        expand_inputs(paths),
        {"options": run_options, "tool_version": __version__},
        stats=summary,
    )
    with recording:
        findings = scan_findings(
            [Path(p) for p in paths], options.scan, summary=summary, workers=options.workers, on_batch=on_batch
        )
        for _ in recording.tee(findings):
            pass
    return recording.run_id, summary.records


def _count(store: Store, run_ids: Iterable[str]) -> PeopleCount:
    from audit.scans import iter_finding_keys

    return count_people(records_of(iter_finding_keys(store, list(run_ids))), GROUPS)


def _decide_and_record(
    store: Store,
    inc: Incident,
    count: PeopleCount,
    *,
    basis: str,
    run_ids: Sequence[str],
    policy: BreachPolicy | None,
) -> tuple[Incident, Decision]:
    policy = policy or BreachPolicy(preliminary_days=inc.preliminary_days)
    decision = decide(inc, count, policy)
    data = AssessmentData(
        basis=basis,
        rule_set=RULE_SET,
        run_ids=tuple(run_ids),
        records=count.records,
        people=max(count.people, inc.people_declared or 0),
        entity_types=dict(count.entity_types),
        evidence={**count.to_dict(), "notes": list(decision.notes)},
        categories=[c.to_dict() for c in decision.categories],
        encryption_exempt=decision.encryption_exempt,
        mandatory=decision.mandatory,
        preliminary_due=decision.preliminary_due,
        final_due=decision.final_due,
    )
    return record_assessment(store, inc.incident_id, data, decision.deadlines(policy)), decision


def assess_incident(
    config: StoreConfig,
    incident_id: str,
    options: AssessOptions | None = None,
    *,
    policy: BreachPolicy | None = None,
    on_batch: Callable[[ScanSummary], None] | None = None,
) -> AssessmentResult:
    """Gather the evidence for ``incident_id``, decide, and store the assessment and deadlines."""
    from audit.store import Store

    options = options or AssessOptions()
    with Store.open(config, read_only=True) as store:
        inc = get_incident(store, incident_id)
        if inc.status == "closed":
            raise IncidentStateError(f"incident {incident_id} is closed; it cannot be assessed again")
        stored = options.runs or tuple(f.ref for f in inc.files if f.kind == "scan-run")
        paths = [] if options.runs else _paths(store, inc)
    scanned: str | None = None
    records_read: int | None = None
    if paths:
        scanned, records_read = _scan(config, incident_id, paths, options, on_batch)
    run_ids = tuple(dict.fromkeys((*stored, *([scanned] if scanned else []))))
    basis = "scan" if scanned else ("stored-scan" if run_ids else "declarations")
    with Store.open(config) as store:
        count = _count(store, run_ids)
        inc, decision = _decide_and_record(
            store, get_incident(store, incident_id), count, basis=basis, run_ids=run_ids, policy=policy
        )
    return AssessmentResult(inc, decision, count, run_ids, scanned, records_read)


def update_and_redecide(
    store: Store,
    incident_id: str,
    changes: Mapping[str, Any],
    *,
    add_files: Sequence[IncidentFile] = (),
    step: Step | None = None,
    policy: BreachPolicy | None = None,
) -> tuple[Incident, Decision | None]:
    """Record changed declarations and steps done, in one transaction; when a change can alter an
    existing assessment's decision (when it was learned of, encryption, wrongful act, …), decide
    again from that assessment's evidence, so deadlines follow at once without a rescan."""
    if not changes and not add_files and step is None:
        raise ValidationError(f"nothing to change in {incident_id}")
    with store.transaction():
        before = inc = get_incident(store, incident_id)
        if changes or add_files:
            inc = update_incident(store, incident_id, changes, add_files=add_files)
        if step is not None:
            inc = record_step(
                store,
                incident_id,
                step.kind,
                done_on=step.done_on,
                ref=step.ref,
                people_notified=step.people_notified,
                method=step.method,
            )
        decision: Decision | None = None
        if inc.assessment is not None and any(getattr(before, k) != getattr(inc, k) for k in DECISION_INPUTS):
            prior = inc.assessment.data
            inc, decision = _decide_and_record(
                store,
                inc,
                PeopleCount.from_dict(prior.evidence),
                basis="redecided",
                run_ids=prior.run_ids,
                policy=policy,
            )
        return inc, decision
