"""The report model from a store with known contents: counts, sections, skips, schema, determinism."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import duckdb
import jsonschema
import pytest

from audit.store import Store, StoreConfig
from privacy_kit.reports import (
    ReportOptions,
    ReportRequest,
    build_report,
    json_schema,
    output_path,
    render,
    write_reports,
)
from privacy_kit.reports.labels import CATALOGUE
from privacy_kit.reports.model import LEDGER_FAILED, Report
from privacy_kit.reports.period import parse_period
from privacy_kit.reports.sections import ReportContext, SectionSpec
from tests.reports.sample_store import OCTOBER


def _report(config: StoreConfig, period: str = "2026-10", **options: Any) -> Report:
    with Store.open(config, read_only=True) as store:
        return build_report(store, parse_period(period), ReportOptions(**options))


def test_october_counts_are_exact(sample: StoreConfig) -> None:
    data = _report(sample).to_dict()["sections"]
    assert {d["entity_type"]: d["count"] for d in data["findings"]["by_entity_type"]} == OCTOBER
    assert data["findings"]["total"] == sum(OCTOBER.values())
    assert data["findings"]["sensitive"] == {
        "total": 1, "by_entity_type": [{"entity_type": "MEDICAL_CONDITION", "count": 1}],
        "categories_recorded": False, "by_category": [],
    }
    assert data["findings"]["by_appi_category"] == [
        {"appi_category": "個人情報", "count": 5}, {"appi_category": "要配慮個人情報", "count": 1}
    ]
    assert data["findings"]["trend"]["periods"] == ["2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"]
    assert data["findings"]["trend"]["totals"] == [0, 0, 2, 0, 3, 6]
    assert data["scans"]["totals"] == {
        "runs": 1, "completed": 1, "running": 0, "discarded": 0, "inputs": 1, "findings": 6,
    }
    assert data["scans"]["datasets_covered"] == ["sns"]
    assert data["scans"]["datasets_not_scanned"] == ["access-logs"]


def test_datasets_purposes_and_provisions(sample: StoreConfig) -> None:
    data = _report(sample).to_dict()["sections"]
    sns = next(d for d in data["datasets"]["datasets"] if d["dataset_id"] == "sns")
    # JP_* joined the purpose's categories in October: only the medical condition is outside it
    assert sns["uncovered_types"] == ["MEDICAL_CONDITION"]
    assert [c["version"] for c in data["purposes"]["changed"]] == [2]
    assert data["purposes"]["changed"][0]["basis"] == "related"
    assert data["purposes"]["unpublished_at_end"] == [{"purpose_id": "P-comments", "version": 2}]
    provisions = data["provisions"]
    assert [p["provision_id"] for p in provisions["recorded"]] == ["PR-000001"]
    assert provisions["by_legal_path"] == [
        {"direction": "provide", "legal_path": "consent", "records": 1, "subjects": 12}
    ]
    # recorded 2023-11-20, kept 3 years: ends 2026-11-20, inside 90 days after October
    assert [p["provision_id"] for p in provisions["retention_ending"]] == ["PR-000002"]
    assert provisions["retention_ended"] == []


def test_sensitive_categories_from_a_category_column(sample: StoreConfig) -> None:
    con = duckdb.connect(str(sample.path))
    con.execute("ALTER TABLE findings ADD COLUMN category VARCHAR")  # as a later schema may carry it
    con.execute("UPDATE findings SET category = 'statutory.medical_history' WHERE entity_type = 'MEDICAL_CONDITION'")
    con.close()
    report = _report(sample)
    sensitive = report.to_dict()["sections"]["findings"]["sensitive"]
    assert sensitive["categories_recorded"] is True
    assert sensitive["by_category"] == [{"category": "statutory.medical_history", "count": 1}]
    assert "| 病歴 | 1 |" in render(report, "md")
    assert "| medical history (Art 2(3)) | 1 |" in render(_report(sample, lang="en"), "md")


def test_requests_in_october(sample: StoreConfig) -> None:
    requests = _report(sample).to_dict()["sections"]["requests"]
    assert requests["received"] == 1 and requests["received_by_type"] == [{"request_type": "33-1", "count": 1}]
    closed = {r["request_id"]: r for r in requests["closed"]}
    assert closed["RQ-000001"]["state"] == "fulfilled" and closed["RQ-000001"]["response_days"] == 7
    assert closed["RQ-000001"]["on_time"] is True
    assert closed["RQ-000002"]["state"] == "refused" and closed["RQ-000002"]["response_days"] == 30
    assert closed["RQ-000002"]["on_time"] is False and closed["RQ-000002"]["refusal_ground"] == "34-not-untrue"
    assert requests["response_days"] == {"answered": 2, "median": 18.5, "max": 30, "late": 1}
    assert requests["open_at_end"] == 0 and requests["overdue"] == []


@pytest.mark.parametrize(
    ("period", "open_at_end", "overdue", "status"),
    [
        ("2026-09", ["RQ-000002"], [], "attention"),  # received 09-20, due 10-04: open, not yet overdue
        ("2026-10", [], [], "attention"),  # both closed by the end (RQ-000002 late, on 10-20)
        ("2026-W41", ["RQ-000002"], ["RQ-000002"], "fail"),  # 10-05..10-11: refused only on the 20th
        ("2026-11", ["RQ-000003"], ["RQ-000003"], "fail"),  # received 11-02, due 11-16, never answered
    ],
)
def test_overdue_requests_fail_the_report(
    sample: StoreConfig, period: str, open_at_end: list[str], overdue: list[str], status: str
) -> None:
    report = _report(sample, period)
    requests = report.to_dict()["sections"]["requests"]
    assert requests["open_at_end"] == len(open_at_end)
    assert [r["request_id"] for r in requests["overdue"]] == overdue
    assert report.status == status
    assert ("PK311" in [a.code for a in report.failed]) is bool(overdue)


@pytest.mark.parametrize(
    ("period", "late", "upcoming", "fail_codes"),
    [
        ("2026-09", [], [], []),  # before the incident: not listed at all
        ("2026-W40", [], ["ppc-preliminary", "ppc-final"], []),  # 09-28..10-04: assessed; both due within 30 days
        ("2026-W41", [], ["ppc-final"], []),  # 10-05..10-11: the preliminary report was filed on 10-06
        ("2026-10", [], ["ppc-final"], []),  # the final report is due 11-02, just after the period
        ("2026-11", ["ppc-final"], [], ["PK312"]),  # never filed
    ],
)
def test_incident_deadlines(
    sample: StoreConfig, period: str, late: list[str], upcoming: list[str], fail_codes: list[str]
) -> None:
    report = _report(sample, period)
    incidents = report.to_dict()["sections"]["incidents"]
    assert [d["kind"] for d in incidents["late"]] == late
    assert [d["kind"] for d in incidents["upcoming"]] == upcoming
    assert [a.code for a in report.failed if a.section == "incidents"] == fail_codes
    if period != "2026-09":
        [incident] = incidents["incidents"]
        assert incident["mandatory"] is True and incident["people"] == 3 and incident["categories"] == ["Rule 7(i)"]
    else:
        assert incidents["incidents"] == []


def test_moderation_counts(sample: StoreConfig) -> None:
    moderation = _report(sample).to_dict()["sections"]["moderation"]
    assert moderation["comments"] == 40 and moderation["decisions"] == 3 and len(moderation["runs"]) == 1
    assert moderation["by_action"] == [{"action": "delete", "count": 2}, {"action": "review", "count": 1}]
    assert moderation["by_clause"] == [{"clause": "jspm jspm-3", "count": 2}, {"clause": "jspm jspm-5", "count": 1}]
    assert _report(sample, "2026-09").to_dict()["sections"]["moderation"]["decisions"] == 0


@pytest.mark.parametrize(
    ("period", "findings", "purpose_changes", "provisions"),
    [
        ("2026-09", 3, 0, 0),
        ("2026-08", 0, 0, 0),
        ("2026-W41", 6, 0, 0),  # 2026-10-05 .. 10-11: the October scan (10th)
        ("2026-W42", 0, 1, 1),  # 2026-10-12 .. 10-18: the purpose change and the provision (15th)
        ("2026-10-01_2026-10-31", 6, 1, 1),
    ],
)
def test_each_period_sees_only_its_own_records(
    sample: StoreConfig, period: str, findings: int, purpose_changes: int, provisions: int
) -> None:
    data = _report(sample, period).to_dict()["sections"]
    assert data["findings"]["total"] == findings
    assert len(data["purposes"]["changed"]) == purpose_changes
    assert len(data["provisions"]["recorded"]) == provisions


def test_same_period_gives_identical_bytes(sample: StoreConfig, tmp_path: Path) -> None:
    outputs = []
    for run in ("a", "b"):
        outcome = write_reports(
            sample, ReportRequest(parse_period("2026-10"), ("html", "md", "json"), str(tmp_path / run) + "/")
        )
        outputs.append({p.name: p.read_bytes() for p in outcome.written})
    assert outputs[0] == outputs[1] and len(outputs[0]) == 3
    assert sorted(outputs[0]) == [f"privacy-kit-report-2026-10.{e}" for e in ("html", "json", "md")]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_json_validates_against_the_shipped_schema(sample: StoreConfig, lang: str) -> None:
    data = json.loads(render(_report(sample, lang=lang), "json"))
    jsonschema.Draft202012Validator.check_schema(json_schema())
    jsonschema.Draft202012Validator(json_schema()).validate(data)


@pytest.mark.parametrize(
    "breakage",
    [
        lambda d: d.pop("status"),
        lambda d: d["sections"]["findings"].update(total=-1),
        lambda d: d["sections"]["ledger"].update(head="not-a-hash"),
        lambda d: d["sections"]["scans"]["runs"][0].update(started_at="2026-10-10 12:00"),
        lambda d: d["sections"]["provisions"]["recorded"][0].update(legal_path="by-magic"),
        lambda d: d["period"].update(label="October"),
        lambda d: d.update(extra=1),
        lambda d: d["sections"]["moderation"]["by_action"][0].update(count="2"),
    ],
)
def test_schema_rejects_malformed_reports(sample: StoreConfig, breakage: Any) -> None:
    data = json.loads(render(_report(sample), "json"))
    broken = copy.deepcopy(data)
    breakage(broken)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, json_schema(), cls=jsonschema.Draft202012Validator)


def test_tampered_store_fails_the_ledger_section(sample: StoreConfig) -> None:
    con = duckdb.connect(str(sample.path))
    con.execute("UPDATE provisions SET subject_count = 99 WHERE provision_id = 'PR-000001'")
    con.close()
    report = _report(sample)
    ledger = report.to_dict()["sections"]["ledger"]
    assert ledger["ok"] is False and ledger["problem_count"] == 1
    assert "provisions PR-000001" in ledger["problems"][0]
    assert report.status == "fail" and [a.code for a in report.failed] == [LEDGER_FAILED]


def test_sections_whose_tables_are_missing_are_skipped(sample: StoreConfig, monkeypatch: pytest.MonkeyPatch) -> None:
    from privacy_kit.reports import build as build_module

    def never(ctx: ReportContext) -> Any:
        raise AssertionError("a section without its tables must not run")

    real = build_module.registry()
    # Tables no store has (the requests tables themselves exist since schema v5).
    extra = SectionSpec("requests", "section.requests", ("requests_v99", "request_events_v99"), never)
    monkeypatch.setattr(build_module, "registry", lambda: (*real, extra))
    report = _report(sample)
    assert [s.id for s in report.skipped] == ["requests"]
    assert report.to_dict()["skipped_sections"] == [
        {"id": "requests", "missing_tables": ["requests_v99", "request_events_v99"]}
    ]
    assert "本人からの請求" in render(report, "md") and "本人からの請求" in render(report, "html")


def test_no_finding_value_or_keyed_hash_reaches_any_output(sample: StoreConfig) -> None:
    con = duckdb.connect(str(sample.path), read_only=True)
    hashes = [r[0] for r in con.execute("SELECT value_hash FROM findings").fetchall()]
    con.close()
    for fmt in ("html", "md", "json"):
        text = render(_report(sample), fmt)
        assert "value-2026-" not in text
        assert not [h for h in hashes if h in text]


def test_html_is_self_contained(sample: StoreConfig) -> None:
    html = render(_report(sample), "html")
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert not re.search(r"\s(src|srcset|action|poster)=", html)
    assert not re.search(r"@import|url\(|<link|<script|<iframe", html)
    assert set(re.findall(r'href="([^"]*)"', html)) <= {f"#sec-{s}" for s in
                                                         ("ledger", "scans", "findings", "datasets", "purposes",
                                                          "provisions", "requests", "incidents",
                                                          "moderation")}
    assert set(re.findall(r"https?://[^\s\"'<>]+", html)) == {"http://www.w3.org/2000/svg"}  # a namespace
    assert html.count("<svg") >= 6 and "@media print" in html
    assert '<dd class="status-attention">要確認</dd>' in html


@pytest.mark.parametrize(
    ("output", "fmt", "several", "expected"),
    [
        ("out/", "html", False, "out/privacy-kit-report-2026-10.html"),
        ("r.md", "md", False, "r.md"),
        ("r-{period}.{ext}", "json", True, "r-2026-10.json"),
        ("{period}/report.{ext}", "md", True, "2026-10/report.md"),
    ],
)
def test_output_paths(output: str, fmt: str, several: bool, expected: str) -> None:
    assert output_path(output, parse_period("2026-10"), fmt, several=several) == Path(expected)


def test_an_existing_folder_gets_the_default_name(tmp_path: Path) -> None:
    got = output_path(str(tmp_path), parse_period("2026-W42"), "md", several=True)
    assert got == tmp_path / "privacy-kit-report-2026-W42.md"


def test_english_report(sample: StoreConfig) -> None:
    md = render(_report(sample, lang="en"), "md")
    assert md.startswith("# Personal information audit report 2026-10\n")
    assert "## 1. Ledger verification" in md and "| PERSON | 2 |" in md


def test_both_languages_have_the_same_labels() -> None:
    assert set(CATALOGUE["ja"]) == set(CATALOGUE["en"])
    for key in CATALOGUE["ja"]:
        assert re.findall(r"{\w+}", CATALOGUE["ja"][key]) == re.findall(r"{\w+}", CATALOGUE["en"][key]) or sorted(
            re.findall(r"{\w+}", CATALOGUE["ja"][key])
        ) == sorted(re.findall(r"{\w+}", CATALOGUE["en"][key])), key


def test_an_empty_store_still_reports(tmp_path: Path) -> None:
    config = StoreConfig(tmp_path / "empty.duckdb")
    Store.open(config).close()
    report = _report(config)
    data = json.loads(render(report, "json"))
    jsonschema.validate(data, json_schema(), cls=jsonschema.Draft202012Validator)
    assert data["status"] == "ok" and data["sections"]["findings"]["total"] == 0
    assert "期間中のスキャンはありません。" in render(report, "md")
