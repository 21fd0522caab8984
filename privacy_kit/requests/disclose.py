"""Disclosure packages (Arts 32(2), 33(1), 33(5)): what the person receives, in the form they asked for.

A package is a folder (or a zip of it) with

* ``disclosure.json``: everything, machine-readable (format ``privacy-kit-disclosure/1``);
* ``records.csv``, ``purposes.csv``, ``provisions.csv``: the same as tables (UTF-8 with BOM, so
  Excel opens them as Japanese text);
* ``index.html``: the same in Japanese for people, one self-contained file (inline style, no
  scripts, nothing fetched), printable for a written answer (Art 33(1) lets the person choose
  electronic records, a written document or another method).

What goes in depends on the request: 32-2 the purposes of use of the data sets the person appears
in; 33-1 the records found, those purposes and the provision records about them; 33-5 the
provision records. The package holds the person's data in clear (it is theirs), so files are
created owner-only (0600, folder 0700) and written atomically: a folder is renamed into place
when complete, a zip goes through ``atomic_write``. A reviewer should read it before it is sent:
a comment about the person may also name others (Art 33(2)(i)).
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audit.vocab import REQUEST_TYPES
from privacy_kit.atomic import atomic_write
from privacy_kit.errors import InputError

if TYPE_CHECKING:
    from audit.keys import KeyRing
    from audit.provisions import Provision
    from audit.store import Store
    from audit.purposes import PurposeVersion
    from audit.requests import DataSubjectRequest
    from privacy_kit.requests.search import SearchResult

FORMAT = "privacy-kit-disclosure/1"

#: Which sections each request type's package holds.
SECTIONS: dict[str, tuple[str, ...]] = {
    "32-2": ("purposes",),
    "33-1": ("records", "purposes", "provisions"),
    "33-5": ("provisions",),
}

_TITLES = {
    "32-2": "利用目的の通知",
    "33-1": "保有個人データの開示",
    "33-5": "第三者提供記録の開示",
}
_METHODS = {"electronic": "電磁的記録の提供", "written": "書面の交付", "other": "その他の方法"}
_DIRECTIONS = {"provide": "第三者への提供", "receive": "第三者からの受領"}
_PATHS = {
    "consent": "本人の同意",
    "opt-out": "オプトアウト",
    "outsourcing": "委託",
    "merger": "事業承継",
    "joint-use": "共同利用",
    "legal-exemption": "法令に基づく例外",
}


@dataclass
class Package:
    """The content of one package (in memory), built by :func:`build_package`."""

    request: DataSubjectRequest
    result: SearchResult | None
    purposes: list[tuple[PurposeVersion, list[str]]]  # purpose and the data sets it applies to
    provisions: list[tuple[Provision, list[str]]]  # record and the person's identifiers it names
    produced_at: datetime = field(default_factory=lambda: datetime.now(UTC).replace(tzinfo=None))

    @property
    def sections(self) -> tuple[str, ...]:
        return SECTIONS[self.request.request_type]

    def records(self) -> list[dict[str, Any]]:
        if self.result is None or "records" not in self.sections:
            return []
        return [
            {
                "dataset": hit.dataset_id,
                "file": Path(hit.source).name,
                "record": hit.record + 1,
                "fields": [
                    {
                        "field": f.field,
                        "value": f.text,
                        "found": [
                            {
                                "start": s.start,
                                "end": s.end,
                                "text": f.text[s.start : s.end],
                                "matched": list(s.kinds),
                            }
                            for s in f.spans
                        ],
                    }
                    for f in hit.fields
                ],
            }
            for hit in self.result.hits
        ]

    def to_dict(self) -> dict[str, Any]:
        req = self.request
        out: dict[str, Any] = {
            "format": FORMAT,
            "request": {
                "request_id": req.request_id,
                "request_type": req.request_type,
                "title": _TITLES[req.request_type],
                "received_on": req.received_on.isoformat(),
                "disclosure_method": req.disclosure_method,
                "produced_at": self.produced_at.isoformat(timespec="seconds") + "Z",
            },
        }
        if "records" in self.sections:
            out["records"] = self.records()
        if "purposes" in self.sections:
            out["purposes"] = [
                {
                    "purpose_id": pv.purpose_id,
                    "version": pv.version,
                    "text": pv.text,
                    "categories": list(pv.categories),
                    "published_on": pv.published_on.isoformat() if pv.published_on else None,
                    "datasets": datasets,
                }
                for pv, datasets in self.purposes
            ]
        if "provisions" in self.sections:
            out["provisions"] = [_provision_dict(p, ids) for p, ids in self.provisions]
        return out


def _provision_dict(prov: Provision, identifiers: list[str]) -> dict[str, Any]:
    return {
        "provision_id": prov.provision_id,
        "direction": prov.direction,
        "legal_path": prov.legal_path,
        "counterparty_name": prov.counterparty_name,
        "counterparty_address": prov.counterparty_address,
        "data_items": list(prov.data_items),
        "provided_on": _iso(prov.provided_on),
        "period_start": _iso(prov.period_start),
        "period_end": _iso(prov.period_end),
        "consent_ref": prov.consent_ref,
        "foreign_country": prov.foreign_country,
        "recorded_on": _iso(prov.recorded_on),
        "your_identifiers": identifiers,
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def build_package(
    store: Store,
    request: DataSubjectRequest,
    result: SearchResult | None,
    subject_values: Sequence[str],
    keyring: KeyRing,
) -> Package:
    """Collect the purposes that apply and the provision records naming any of ``subject_values``."""
    from audit.datasets import get_dataset
    from audit.provisions import provisions_naming
    from audit.purposes import current

    found_in = sorted({h.dataset_id for h in result.hits}) if result is not None else []
    provisions = provisions_naming(store, keyring, subject_values)
    datasets = sorted(set(found_in) | {p.dataset_id for p, _ in provisions if p.dataset_id})
    applies: dict[str, list[str]] = {}
    for ds_id in datasets:
        for pid in get_dataset(store, ds_id).purposes:
            applies.setdefault(pid, []).append(ds_id)
    purposes = [(current(store, pid), ds) for pid, ds in sorted(applies.items())]
    return Package(request, result, purposes, provisions)


# --- writing -----------------------------------------------------------------------------------


def _csv(rows: list[list[Any]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8-sig")


_RECORD_HEAD = ["データセット", "ファイル", "レコード", "項目", "開始", "終了", "該当箇所", "内容"]
_PURPOSE_HEAD = ["利用目的ID", "版", "利用目的", "データ項目", "公表日", "データセット"]
_PROVISION_HEAD = ["記録ID", "区分", "根拠", "相手方", "相手方住所", "項目", "提供日", "期間", "同意", "外国", "識別子"]


def _record_rows(data: dict[str, Any]) -> list[list[Any]]:
    return [
        [r["dataset"], r["file"], r["record"], f["field"] or "", s["start"], s["end"], s["text"], f["value"]]
        for r in data["records"]
        for f in r["fields"]
        for s in f["found"]
    ]


def _purpose_rows(data: dict[str, Any]) -> list[list[Any]]:
    return [
        [
            p["purpose_id"],
            p["version"],
            p["text"],
            " ".join(p["categories"]),
            p["published_on"] or "",
            " ".join(p["datasets"]),
        ]
        for p in data["purposes"]
    ]


def _provision_rows(data: dict[str, Any]) -> list[list[Any]]:
    return [
        [
            p["provision_id"],
            _DIRECTIONS[p["direction"]],
            _PATHS.get(p["legal_path"], p["legal_path"]),
            p["counterparty_name"],
            p["counterparty_address"] or "",
            " ".join(p["data_items"]),
            p["provided_on"] or "",
            _period(p),
            p["consent_ref"] or "",
            p["foreign_country"] or "",
            " ".join(p["your_identifiers"]),
        ]
        for p in data["provisions"]
    ]


def render_files(pkg: Package) -> dict[str, bytes]:
    """The package's files by name."""
    data = pkg.to_dict()
    files = {"disclosure.json": json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")}
    if "records" in pkg.sections:
        files["records.csv"] = _csv([_RECORD_HEAD, *_record_rows(data)])
    if "purposes" in pkg.sections:
        files["purposes.csv"] = _csv([_PURPOSE_HEAD, *_purpose_rows(data)])
    if "provisions" in pkg.sections:
        files["provisions.csv"] = _csv([_PROVISION_HEAD, *_provision_rows(data)])
    files["index.html"] = render_html(pkg, data).encode("utf-8")
    return files


def _period(p: dict[str, Any]) -> str:
    return f"{p['period_start']}〜{p['period_end'] or ''}" if p["period_start"] else ""


_STYLE = """
body{font-family:"Hiragino Kaku Gothic ProN","Noto Sans JP","Yu Gothic",sans-serif;margin:2em;
line-height:1.6;color:#222}h1{font-size:1.4em}h2{font-size:1.15em;border-bottom:1px solid #999;
margin-top:2em}table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border:1px solid #bbb;
padding:.3em .5em;vertical-align:top;text-align:left}th{background:#f0f0f0}mark{background:#ffe08a}
.note{color:#555;font-size:.9em}@media print{body{margin:0}}
"""

#: What the HTML says when a section is empty.
_NONE = {
    "records": "登録されたデータセットに、ご本人を識別できる保有個人データは見つかりませんでした。",
    "purposes": "ご本人の保有個人データが見つからなかったため、該当する利用目的はありません。",
    "provisions": "ご本人に関する第三者提供・受領の記録はありません。",
}


def _esc(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Rows are already-escaped HTML cells."""
    th = "".join(f"<th>{_esc(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def _highlight(value: str, spans: list[dict[str, Any]]) -> str:
    out, pos = [], 0
    for span in sorted(spans, key=lambda s: s["start"]):
        out.append(_esc(value[pos : span["start"]]))
        out.append(f"<mark>{_esc(value[span['start'] : span['end']])}</mark>")
        pos = span["end"]
    out.append(_esc(value[pos:]))
    return "".join(out)


def _html_records(data: dict[str, Any]) -> str:
    rows = [
        [_esc(r["dataset"]), _esc(r["file"]), _esc(r["record"]), _esc(f["field"] or "—"),
         _highlight(f["value"], f["found"])]
        for r in data["records"]
        for f in r["fields"]
    ]
    return _table(["データセット", "ファイル", "レコード", "項目", "内容（該当箇所を強調）"], rows)


def _html_purposes(data: dict[str, Any]) -> str:
    rows = [
        [_esc(p["text"]), _esc("、".join(p["categories"])), _esc(p["published_on"] or "未公表"),
         _esc("、".join(p["datasets"]))]
        for p in data["purposes"]
    ]
    return _table(["利用目的", "データ項目", "公表日", "該当するデータセット"], rows)


def _html_provisions(data: dict[str, Any]) -> str:
    rows = []
    for p in data["provisions"]:
        address = f"<br>{_esc(p['counterparty_address'])}" if p["counterparty_address"] else ""
        rows.append(
            [
                _esc(p["provision_id"]),
                _esc(_DIRECTIONS[p["direction"]]),
                _esc(_PATHS.get(p["legal_path"], p["legal_path"])),
                _esc(p["counterparty_name"]) + address,
                _esc("、".join(p["data_items"])),
                _esc(p["provided_on"] or _period(p) or p["recorded_on"]),
                _esc("、".join(p["your_identifiers"])),
            ]
        )
    head = ["記録", "区分", "根拠", "相手方", "提供した項目", "提供日・期間", "記録された識別子"]
    return _table(head, rows)


_HTML_SECTIONS = (
    ("records", "保有個人データ", _html_records),
    ("purposes", "利用目的", _html_purposes),
    ("provisions", "第三者提供記録", _html_provisions),
)


def render_html(pkg: Package, data: dict[str, Any]) -> str:
    req = data["request"]
    kind = REQUEST_TYPES[req["request_type"]].split(" (")[0] + f"（第{_article(req['request_type'])}）"
    parts = [
        f"<h1>{_esc(req['title'])}（{_esc(req['request_id'])}）</h1>",
        _table(
            ["項目", "内容"],
            [
                ["請求の種類", _esc(kind)],
                ["受付日", _esc(req["received_on"])],
                ["開示の方法", _esc(_METHODS.get(req["disclosure_method"] or "", "—"))],
                ["作成日時 (UTC)", _esc(req["produced_at"])],
            ],
        ),
    ]
    for key, title, render in _HTML_SECTIONS:
        if key in data:
            parts.append(f"<h2>{title}</h2>")
            parts.append(render(data) if data[key] else f"<p>{_NONE[key]}</p>")
    parts.append(
        '<p class="note">この文書は個人情報の保護に関する法律に基づく請求への回答です。'
        "機械判読可能な同内容のデータを disclosure.json および CSV ファイルに収めています。</p>"
    )
    body = "\n".join(parts)
    return (
        '<!DOCTYPE html>\n<html lang="ja"><head><meta charset="utf-8">'
        f"<title>{_esc(req['title'])} {_esc(req['request_id'])}</title><style>{_STYLE}</style></head>"
        f"<body>\n{body}\n</body></html>\n"
    )


def _article(request_type: str) -> str:
    law, _, para = request_type.partition("-")
    return f"{law}条第{para}項" if para else f"{law}条"


def check_package_path(out: Path) -> None:
    """A package goes to a new path in an existing folder: never over anything."""
    if out.exists():
        raise InputError(
            f"{out} already exists", hint="give a new folder or .zip name; a package is never overwritten"
        )
    if not out.parent.is_dir():
        raise InputError(f"folder {out.parent} does not exist")


def write_package(files: dict[str, bytes], out: Path) -> list[dict[str, Any]]:
    """Write the files as a folder, or as a zip when ``out`` ends in .zip; never over an existing path.

    Returns each file's name, size and SHA-256 (for the evidence).
    """
    import hashlib

    check_package_path(out)
    if out.suffix.lower() == ".zip":
        with atomic_write(out, "wb") as fh:
            with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                for name, content in files.items():
                    zf.writestr(name, content)
        os.chmod(out, 0o600)
    else:
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
        try:
            for name, content in files.items():
                fd = os.open(tmp / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(fd, "wb") as fh:
                    fh.write(content)
                    fh.flush()
                    os.fsync(fh.fileno())
            os.rename(tmp, out)
        except BaseException:
            for child in tmp.iterdir():
                child.unlink()
            tmp.rmdir()
            raise
    return [
        {"name": name, "bytes": len(content), "sha256": hashlib.sha256(content).hexdigest()}
        for name, content in files.items()
    ]
