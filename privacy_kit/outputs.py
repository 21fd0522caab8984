"""Findings writers: JSON Lines (streamed), CSV, a JSON document, and SARIF 2.1.0.

SARIF lets findings appear in code-scanning viewers (GitHub, VS Code's SARIF viewer): one rule
per entity type, one result per finding, with the record and field as a logical location and
the line as a region where the input is line-based.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any

from privacy_kit import __version__
from privacy_kit.findings import Finding

OUTPUT_FORMATS = ("jsonl", "csv", "json", "sarif")
CSV_COLUMNS = ("source", "record", "field", "start", "end", "entity_type", "score", "recognizer", "value",
               "appi_category", "category")
_LINE_BASED = ("jsonl", "text", "access-log")


def write_jsonl(findings: Iterable[Finding], out: IO[str], *, show_values: bool) -> None:
    for f in findings:
        out.write(json.dumps(f.to_dict(show_values=show_values), ensure_ascii=False) + "\n")


def write_csv(findings: Iterable[Finding], out: IO[str], *, show_values: bool,
              columns: tuple[str, ...] = CSV_COLUMNS) -> None:
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for f in findings:
        writer.writerow(f.to_dict(show_values=show_values))


def write_json(findings: Iterable[Finding], out: IO[str], *, show_values: bool,
               summary: dict[str, Any] | None = None) -> None:
    items = [f.to_dict(show_values=show_values) for f in findings]
    json.dump({"findings": items, "summary": summary or {}}, out, ensure_ascii=False, indent=2)
    out.write("\n")


def sarif_document(findings: Iterable[Finding], *, show_values: bool,
                   formats: dict[str, str] | None = None) -> dict[str, Any]:
    from recognizers.entities import ENTITY_LABELS, SENSITIVE

    formats = formats or {}
    results = []
    seen_rules: dict[str, int] = {}
    for f in findings:
        if f.entity_type not in seen_rules:
            seen_rules[f.entity_type] = len(seen_rules)
        location: dict[str, Any] = {
            "physicalLocation": {"artifactLocation": {"uri": f.source}},
            "logicalLocations": [{"fullyQualifiedName": f"record[{f.record}]" + (f".{f.field}" if f.field else ""),
                                  "kind": "member"}],
        }
        if formats.get(f.source) in _LINE_BASED:
            location["physicalLocation"]["region"] = {"startLine": f.record + 1}
        value = f.to_dict(show_values=show_values)["value"]
        results.append({
            "ruleId": f.entity_type,
            "ruleIndex": seen_rules[f.entity_type],
            # 要配慮個人情報: one leaked record is reportable to the PPC (Art 26, Rule 7(1)).
            "level": "error" if f.appi_category == SENSITIVE else "warning",
            "message": {"text": f"{ENTITY_LABELS.get(f.entity_type, f.entity_type)} ({f.entity_type}): {value}"},
            "locations": [location],
            "properties": {"record": f.record, "field": f.field, "start": f.start, "end": f.end,
                           "score": f.score, "recognizer": f.recognizer,
                           "appi_category": f.appi_category, "category": f.category},
        })
    rules = [{"id": et, "name": et, "shortDescription": {"text": ENTITY_LABELS.get(et, et)}}
             for et in seen_rules]
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "privacy-kit", "version": __version__,
                                "informationUri": "https://pypi.org/project/privacy-kit/", "rules": rules}},
            "results": results,
        }],
    }


def write_sarif(findings: Iterable[Finding], out: IO[str], *, show_values: bool,
                formats: dict[str, str] | None = None) -> None:
    json.dump(sarif_document(findings, show_values=show_values, formats=formats), out, ensure_ascii=False, indent=2)
    out.write("\n")
