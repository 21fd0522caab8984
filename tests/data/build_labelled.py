"""Build the labelled JSONL sets from their hand-edited ``*.src.txt`` sources.

Three sets share one markup: ``labelled_posts`` (the 20 detection types), ``sensitive_posts``
(要配慮個人情報 about a person) and ``behaviour_posts`` (behaviour patterns of a person).

Annotators edit inline markup because code-point offsets cannot be written or reviewed by hand;
this converter is the only place offsets are computed, and it refuses anything ambiguous
(unbalanced brackets, unknown types, whitespace around a span, duplicate ids)
instead of guessing, so a typo can never become a silently wrong label.

Run from the repository root::

    .venv/bin/python tests/data/build_labelled.py          # rewrite every set's JSONL
    .venv/bin/python tests/data/build_labelled.py --check  # exit 1 if any JSONL is stale

The markup itself is documented at the top of the source file and in docs/labelling-guidelines.md.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "labelled_posts.src.txt"
OUTPUT = HERE / "labelled_posts.jsonl"

#: The entity types privacy-kit reports (recognizers/entities.py); written out here so the data
#: does not depend on the package it evaluates. The test cross-checks the two lists.
ENTITY_TYPES: tuple[str, ...] = (
    "PERSON", "LOCATION", "JP_ADDRESS", "JP_POSTAL_CODE", "PHONE_NUMBER", "EMAIL_ADDRESS", "URL",
    "IP_ADDRESS", "SNS_ACCOUNT", "CREDIT_CARD", "JP_MY_NUMBER", "JP_CORPORATE_NUMBER",
    "JP_RESIDENT_CODE", "JP_PASSPORT", "JP_DRIVERS_LICENSE", "JP_RESIDENCE_CARD", "JP_BANK_ACCOUNT",
    "JP_HEALTH_INSURANCE", "DATE_OF_BIRTH", "AGE",
)

#: Categories of deliberately placed hard negatives (``[[text|~category]]``). They are not
#: entities and are not written to the JSONL; they let the test prove the set really contains
#: the traps the detection issue asks for, and tell a reader why a number was left unlabelled.
NEGATIVE_CATEGORIES: tuple[str, ...] = (
    "order_no",      # 注文番号・受付番号・伝票番号・予約番号・問い合わせ番号
    "member_no",     # 会員番号・組合員番号・登録番号・参加登録番号
    "date",          # event dates, 受付日, timestamps
    "time",          # 10:30-12:00, 9:00～17:00
    "amount",        # prices, totals, 1,234,567円
    "venue",         # event venues and their access directions
    "org",           # organisation names, incl. ones containing place or person-like words
    "hashtag",       # #緩和ケア ＃がん検診
    "product_code",  # 品番, JAN, model numbers
    "version",       # app / OS / protocol versions
    "isbn",          # ISBN, DOI, PMID
    "general_age",   # 65歳以上の方, 3歳児健診: ages not describing a person
    "quantity",      # counts, capacities, measurements, percentages
    "trial_id",      # jRCT / UMIN clinical-trial registrations, approval numbers
    "masked",        # values already masked (4111-****-****-1111)
    "code",          # other codes: session ids, request ids, hashes, error codes
    "user_id",       # internal numeric or login user ids (not @handles)
)

#: The seven 要配慮個人情報 categories (APPI Art 2(3) and Cabinet Order Art 2) as entity types.
SENSITIVE_TYPES: tuple[str, ...] = (
    "MEDICAL_CONDITION", "CREED", "CRIMINAL_RECORD", "DISABILITY", "RACE_ETHNICITY",
    "SOCIAL_STATUS", "CRIME_VICTIM",
)

#: Hard-negative categories of the two context sets (see docs/labelling-guidelines.md).
CONTEXT_NEGATIVE_CATEGORIES: tuple[str, ...] = (
    "topic",         # event topics, campaign and awareness-day names: がん征圧月間
    "title",         # titles of lectures, books, guidelines, laws in 「」『』
    "hashtag",       # #緩和ケア
    "general",       # general statements with no particular subject: 膵臓がんは早期発見が難しい
    "org",           # organisations, patient groups, institutions
    "own_event",     # the poster's (organisation's) own public events and plans
    "public_role",   # a named person in a public role at a public event (講師, 会長の挨拶)
    "schedule",      # opening hours and routines of shops, offices, services
    "no_cue",        # a person cue without any sensitive or whereabouts cue
)

KINDS: tuple[str, ...] = ("post", "comment", "log", "form", "dm")

_HEADER = re.compile(r"^### (?P<attrs>.*)$")
_ATTR = re.compile(r"(?P<key>[a-z_]+)=(?P<value>\S+)")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_MARK = re.compile(r"\[\[(?P<body>.*?)\]\]")
_TYPE = re.compile(r"^~?[A-Za-z_]+$")


class LabelledDataError(ValueError):
    """Malformed source markup; the message names the source line."""


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    type: str


@dataclass(frozen=True, slots=True)
class LabelledRecord:
    id: str
    kind: str
    text: str
    entities: tuple[Span, ...]
    hard_negatives: tuple[Span, ...]
    line: int  # source line of the header, for error messages

    def to_json(self) -> str:
        obj = {
            "id": self.id,
            "kind": self.kind,
            "text": self.text,
            "entities": [{"start": s.start, "end": s.end, "type": s.type} for s in self.entities],
        }
        return json.dumps(obj, ensure_ascii=False)


def _blocks(source: str) -> Iterator[tuple[int, str, list[tuple[int, str]]]]:
    """(header line number, header attrs, [(line number, body line)]) per record."""
    header: tuple[int, str] | None = None
    body: list[tuple[int, str]] = []
    for lineno, raw in enumerate(source.replace("\r\n", "\n").split("\n"), start=1):
        if raw.startswith("#!"):
            continue
        m = _HEADER.match(raw)
        if m:
            if header is not None:
                yield header[0], header[1], body
            header, body = (lineno, m.group("attrs")), []
            continue
        if raw.startswith("###"):
            raise LabelledDataError(f"line {lineno}: malformed header {raw!r} (expected '### id=... kind=...')")
        if header is None:
            if raw.strip():
                raise LabelledDataError(f"line {lineno}: text before the first '### id=' header")
            continue
        body.append((lineno, raw.rstrip()))
    if header is not None:
        yield header[0], header[1], body


def _parse_header(lineno: int, attrs: str) -> tuple[str, str]:
    fields: dict[str, str] = {}
    rest = _ATTR.sub("", attrs).strip()
    if rest:
        raise LabelledDataError(f"line {lineno}: cannot read header attributes {rest!r}")
    for m in _ATTR.finditer(attrs):
        key, value = m.group("key"), m.group("value")
        if key in fields:
            raise LabelledDataError(f"line {lineno}: attribute {key!r} given twice")
        fields[key] = value
    unknown = set(fields) - {"id", "kind"}
    if unknown:
        raise LabelledDataError(f"line {lineno}: unknown header attributes {sorted(unknown)}")
    if "id" not in fields or "kind" not in fields:
        raise LabelledDataError(f"line {lineno}: header needs both id= and kind=")
    if not _ID.match(fields["id"]):
        raise LabelledDataError(f"line {lineno}: bad id {fields['id']!r}")
    if fields["kind"] not in KINDS:
        raise LabelledDataError(f"line {lineno}: unknown kind {fields['kind']!r}; use one of {', '.join(KINDS)}")
    return fields["id"], fields["kind"]


@dataclass(frozen=True, slots=True)
class LabelledSet:
    """One labelled set: its source, its JSONL and the labels its markup may use."""

    name: str
    source: Path
    output: Path
    entity_types: tuple[str, ...]
    negative_categories: tuple[str, ...]


def _parse_line(lineno: int, line: str, offset: int, spec: LabelledSet) -> tuple[str, list[Span], list[Span]]:
    """Strip the markup of one body line; spans are offset by ``offset`` (the line's start in the text)."""
    for triple in ("[[[", "]]]"):
        if triple in line:
            raise LabelledDataError(f"line {lineno}: {triple!r} is ambiguous (which bracket is the markup?)")
    out: list[str] = []
    entities: list[Span] = []
    negatives: list[Span] = []
    pos = 0
    length = 0
    for m in _MARK.finditer(line):
        plain = line[pos:m.start()]
        out.append(plain)
        length += len(plain)
        body = m.group("body")
        if "|" not in body:
            raise LabelledDataError(f"line {lineno}: markup {m.group(0)!r} has no '|TYPE'")
        surface, label = body.rsplit("|", 1)
        if not surface:
            raise LabelledDataError(f"line {lineno}: empty span in {m.group(0)!r}")
        if surface != surface.strip():
            raise LabelledDataError(f"line {lineno}: span {surface!r} has leading/trailing whitespace")
        if "[[" in surface or "]]" in surface:
            raise LabelledDataError(f"line {lineno}: nested markup in {m.group(0)!r}")
        if not _TYPE.match(label):
            raise LabelledDataError(f"line {lineno}: bad label {label!r} in {m.group(0)!r}")
        span_start = offset + length
        if label.startswith("~"):
            category = label[1:]
            if category not in spec.negative_categories:
                raise LabelledDataError(
                    f"line {lineno}: unknown hard-negative category {category!r}; "
                    f"use one of {', '.join(spec.negative_categories)}"
                )
            negatives.append(Span(span_start, span_start + len(surface), category))
        else:
            if label not in spec.entity_types:
                raise LabelledDataError(f"line {lineno}: unknown entity type {label!r} in {m.group(0)!r}")
            entities.append(Span(span_start, span_start + len(surface), label))
        out.append(surface)
        length += len(surface)
        pos = m.end()
    out.append(line[pos:])
    plain_line = "".join(out)
    for stray in ("[[", "]]"):
        # Look in the unmarked parts only: a stray bracket pair is an unfinished or broken mark.
        if stray in _MARK.sub("", line):
            raise LabelledDataError(f"line {lineno}: unbalanced {stray!r} in {line!r}")
    return plain_line, entities, negatives


def _parse_record(header_line: int, attrs: str, body: list[tuple[int, str]], spec: LabelledSet) -> LabelledRecord:
    rid, kind = _parse_header(header_line, attrs)
    while body and not body[0][1].strip():
        body = body[1:]
    while body and not body[-1][1].strip():
        body = body[:-1]
    if not body:
        raise LabelledDataError(f"line {header_line}: record {rid!r} has no text")
    lines: list[str] = []
    entities: list[Span] = []
    negatives: list[Span] = []
    offset = 0
    for lineno, raw in body:
        plain, ents, negs = _parse_line(lineno, raw, offset, spec)
        lines.append(plain)
        entities.extend(ents)
        negatives.extend(negs)
        offset += len(plain) + 1  # the "\n" joining lines
    text = "\n".join(lines)
    return LabelledRecord(rid, kind, text, tuple(entities), tuple(negatives), header_line)


def parse_source(source: str, spec: LabelledSet | None = None) -> list[LabelledRecord]:
    """All records of a source text, in order; raises :class:`LabelledDataError` on any problem."""
    spec = spec or POSTS
    records: list[LabelledRecord] = []
    seen: dict[str, int] = {}
    for header_line, attrs, body in _blocks(source):
        record = _parse_record(header_line, attrs, body, spec)
        if record.id in seen:
            raise LabelledDataError(
                f"line {header_line}: duplicate id {record.id!r} (first at line {seen[record.id]})"
            )
        seen[record.id] = header_line
        records.append(record)
    if not records:
        raise LabelledDataError("the source has no records")
    return records


POSTS = LabelledSet("labelled_posts", SOURCE, OUTPUT, ENTITY_TYPES, NEGATIVE_CATEGORIES)
SENSITIVE = LabelledSet(
    "sensitive_posts", HERE / "sensitive_posts.src.txt", HERE / "sensitive_posts.jsonl",
    SENSITIVE_TYPES, CONTEXT_NEGATIVE_CATEGORIES,
)
BEHAVIOUR = LabelledSet(
    "behaviour_posts", HERE / "behaviour_posts.src.txt", HERE / "behaviour_posts.jsonl",
    ("BEHAVIOR_PATTERN",), CONTEXT_NEGATIVE_CATEGORIES,
)
SETS: dict[str, LabelledSet] = {s.name: s for s in (POSTS, SENSITIVE, BEHAVIOUR)}


def to_jsonl(records: list[LabelledRecord]) -> str:
    return "".join(r.to_json() + "\n" for r in records)


def build(spec: LabelledSet | None = None) -> str:
    """The JSONL text a set's source file should produce."""
    spec = spec or POSTS
    return to_jsonl(parse_source(spec.source.read_text(encoding="utf-8"), spec))


def main(argv: list[str]) -> int:
    check = "--check" in argv
    status = 0
    for spec in SETS.values():
        try:
            expected = build(spec)
        except LabelledDataError as exc:
            print(f"{spec.source.name}: {exc}", file=sys.stderr)
            return 2
        if check:
            current = spec.output.read_text(encoding="utf-8") if spec.output.exists() else ""
            if current != expected:
                print(f"{spec.output.name} is out of date; run {Path(__file__).name} without --check", file=sys.stderr)
                status = 1
            continue
        spec.output.write_text(expected, encoding="utf-8")
        print(f"wrote {expected.count(chr(10))} records to {spec.output}")
    return status


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
