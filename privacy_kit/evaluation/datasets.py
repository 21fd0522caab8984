"""Labelled evaluation sets: privacy-kit's own JSONL and the ner-wikipedia JSON array.

Both are read into the same :class:`Dataset`, whose ``labels`` is the set of entity types the
data actually labels. Scoring is limited to those types, because a dataset that never marks
phone numbers cannot say whether a detected phone number is wrong.

Broken input is reported with its line (JSONL) or item (JSON array) number and a
:class:`~privacy_kit.errors.DatasetFormatError`, never a traceback: evaluation files are often
written by hand.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from privacy_kit.errors import DatasetFormatError, InputError
from privacy_kit.evaluation.spans import Span

Format = Literal["jsonl", "ner-wikipedia"]
FORMATS: tuple[str, ...] = ("auto", "jsonl", "ner-wikipedia")

#: ner-wikipedia type -> privacy-kit entity type. Organisation, product and event names are not
#: information about an individual, so they are dropped rather than scored.
NER_WIKIPEDIA_TYPES: Mapping[str, str] = {
    "人名": "PERSON",
    "地名": "LOCATION",
    "施設名": "LOCATION",
}
NER_WIKIPEDIA_LABELS: frozenset[str] = frozenset(NER_WIKIPEDIA_TYPES.values())


@dataclass(frozen=True, slots=True)
class Record:
    """One labelled text. ``id`` is for error reports; it is the curid or the JSONL ``id`` or line number."""

    id: str
    text: str
    entities: tuple[Span, ...]


@dataclass(frozen=True)
class Dataset:
    """Records plus the label set they are scored on.

    ``dropped`` counts source labels that were read but deliberately not kept (ner-wikipedia's
    organisation/product/event names), so a report can say what was left out.
    """

    name: str
    format: Format
    records: tuple[Record, ...]
    labels: frozenset[str]
    dropped: Mapping[str, int] = field(default_factory=dict)
    selection: Mapping[str, int | None] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.records)

    def support(self) -> dict[str, int]:
        """Gold span count per type, for the label set only."""
        counts = Counter(s.type for r in self.records for s in r.entities if s.type in self.labels)
        return {t: counts.get(t, 0) for t in sorted(self.labels)}

    def with_labels(self, labels: Iterable[str]) -> Dataset:
        """The same records scored on an explicit label set (e.g. only PERSON)."""
        return replace(self, labels=frozenset(labels))


def detect_format(text: str) -> Format:
    """A JSON array is ner-wikipedia; one object per line is JSONL."""
    head = text.lstrip("\ufeff \t\r\n")[:1]
    if head == "[":
        return "ner-wikipedia"
    if head == "{":
        return "jsonl"
    if not head:
        raise DatasetFormatError("the dataset file is empty",
                                 hint="expected JSONL or a ner-wikipedia JSON array")
    raise DatasetFormatError(
        f"cannot tell the dataset format: the file starts with {head!r}",
        hint="JSONL starts with '{', a ner-wikipedia file with '['; or pass --format",
    )


def load_dataset(path: str | Path, *, format: str = "auto") -> Dataset:
    """Read a labelled dataset file. ``format`` is ``auto``, ``jsonl`` or ``ner-wikipedia``."""
    p = Path(path)
    if format not in FORMATS:
        raise DatasetFormatError(f"unknown dataset format {format!r}",
                                 hint=f"use one of {', '.join(FORMATS)}")
    try:
        raw = p.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(f"dataset file not found: {p}") from exc
    except IsADirectoryError as exc:
        raise InputError(f"dataset path is a directory, not a file: {p}") from exc
    except OSError as exc:
        raise InputError(f"cannot read dataset file {p}: {exc.strerror}") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DatasetFormatError(
            f"{p}: not UTF-8 (invalid byte at offset {exc.start})", hint="save the dataset as UTF-8"
        ) from exc
    fmt: Format = detect_format(text) if format == "auto" else format  # type: ignore[assignment]
    if fmt == "jsonl":
        return parse_jsonl(text, name=p.name)
    return parse_ner_wikipedia(text, name=p.name)


def parse_jsonl(text: str, *, name: str = "<jsonl>") -> Dataset:
    """One ``{"text", "entities": [{"start", "end", "type"}]}`` object per line; blank lines are skipped."""
    records: list[Record] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{name} line {lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DatasetFormatError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})",
                                     hint="JSONL is one complete JSON object per line") from exc
        if not isinstance(obj, dict):
            raise DatasetFormatError(f"{where}: expected a JSON object, got {type(obj).__name__}",
                                     hint="a JSON array is read with --format ner-wikipedia")
        body = _text_of(obj, where)
        spans = []
        for ewhere, ent in _entities_of(obj, where, fields="start, end, type"):
            start, end = _int_field(ent, "start", ewhere), _int_field(ent, "end", ewhere)
            spans.append(_checked_span(body, start, end, ent.get("type"), ent.get("name"), ewhere))
        rid = obj.get("id")
        records.append(Record(str(rid) if rid is not None else str(lineno), body, tuple(spans)))
    if not records:
        raise DatasetFormatError(f"{name}: no records (the file has only blank lines)")
    labels = frozenset(s.type for r in records for s in r.entities)
    return Dataset(name, "jsonl", tuple(records), labels)


def parse_ner_wikipedia(text: str, *, name: str = "<ner-wikipedia>") -> Dataset:
    """The stockmark ner-wikipedia array, mapped to PERSON/LOCATION (see ``NER_WIKIPEDIA_TYPES``)."""
    try:
        items = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DatasetFormatError(
            f"{name}: not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})",
            hint="a ner-wikipedia file is one JSON array; for one object per line use --format jsonl",
        ) from exc
    if not isinstance(items, list):
        raise DatasetFormatError(
            f"{name}: expected a JSON array of items, got {type(items).__name__}",
            hint="for one object per line use --format jsonl",
        )
    if not items:
        raise DatasetFormatError(f"{name}: the JSON array is empty")
    records: list[Record] = []
    dropped: Counter[str] = Counter()
    for idx, item in enumerate(items):
        where = f"{name} item {idx}"
        if not isinstance(item, dict):
            raise DatasetFormatError(f"{where}: expected an object with curid, text, entities")
        body = _text_of(item, where)
        spans = []
        for ewhere, ent in _entities_of(item, where, fields="name, span, type"):
            span = ent.get("span")
            if (not isinstance(span, list) or len(span) != 2
                    or not all(isinstance(v, int) and not isinstance(v, bool) for v in span)):
                raise DatasetFormatError(
                    f"{ewhere}: 'span' must be [start, end] integers",
                    hint="is this a ner-wikipedia file? JSONL uses start/end, not span",
                )
            source_type = ent.get("type")
            checked = _checked_span(body, span[0], span[1], source_type, ent.get("name"), ewhere)
            mapped = NER_WIKIPEDIA_TYPES.get(checked.type)
            if mapped is None:
                dropped[checked.type] += 1
                continue
            spans.append(Span(checked.start, checked.end, mapped))
        rid = item.get("curid")
        records.append(Record(f"{idx}:{rid}" if rid is not None else str(idx), body, tuple(spans)))
    return Dataset(name, "ner-wikipedia", tuple(records), NER_WIKIPEDIA_LABELS, dict(sorted(dropped.items())))


def select_records(dataset: Dataset, *, limit: int | None = None, sample: int | None = None,
                   seed: int = 0) -> Dataset:
    """A deterministic subset: ``sample`` records drawn with ``seed`` (kept in file order), then
    the first ``limit``.

    The label set is the full dataset's, so a small sample is scored on the same types.
    """
    for opt, val in (("limit", limit), ("sample", sample)):
        if val is not None and val < 1:
            raise DatasetFormatError(f"--{opt} must be at least 1, got {val}")
    records = dataset.records
    if sample is not None and sample < len(records):
        chosen = sorted(random.Random(seed).sample(range(len(records)), sample))
        records = tuple(records[i] for i in chosen)
    if limit is not None:
        records = records[:limit]
    selection = {"total_records": len(dataset.records), "sample": sample, "seed": seed if sample else None,
                 "limit": limit}
    return replace(dataset, records=records, selection=selection)


def _text_of(obj: dict[str, Any], where: str) -> str:
    if "text" not in obj:
        raise DatasetFormatError(f"{where}: missing 'text'")
    body = obj["text"]
    if not isinstance(body, str):
        raise DatasetFormatError(f"{where}: 'text' must be a string, got {type(body).__name__}")
    return body


def _entities_of(obj: dict[str, Any], where: str, *, fields: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """A record's entity objects, each with its place for error messages. Lazy on purpose: an
    entity is checked only when the one before it has been read, so the first error in the
    file is the one reported."""
    ents = obj.get("entities", [])
    if not isinstance(ents, list):
        raise DatasetFormatError(f"{where}: 'entities' must be a list")
    for i, ent in enumerate(ents):
        ewhere = f"{where}, entity {i}"
        if not isinstance(ent, dict):
            raise DatasetFormatError(f"{ewhere}: expected an object with {fields}")
        yield ewhere, ent


def _int_field(ent: dict[str, Any], key: str, where: str) -> int:
    val = ent.get(key)
    if not isinstance(val, int) or isinstance(val, bool):
        raise DatasetFormatError(f"{where}: '{key}' must be an integer, got {val!r}")
    return val


def _checked_span(body: str, start: int, end: int, etype: Any, name: Any, where: str) -> Span:
    if not isinstance(etype, str) or not etype:
        raise DatasetFormatError(f"{where}: 'type' must be a non-empty string, got {etype!r}")
    if not 0 <= start < end <= len(body):
        raise DatasetFormatError(
            f"{where}: span [{start}, {end}) is outside the text (length {len(body)}) or empty",
            hint="offsets are code-point indexes into 'text', end exclusive",
        )
    if name is not None and body[start:end] != name:
        raise DatasetFormatError(
            f"{where}: text[{start}:{end}] is {body[start:end]!r} but the entity's name is {name!r}",
            hint="offsets must index the text exactly (code points, end exclusive)",
        )
    return Span(start, end, etype)
