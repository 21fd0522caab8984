"""Comments from a platform export: which field holds the id, the author, the time and the text.

Exports differ (X's tweets.js, Meta's JSON, a CSV from a social-media tool), so each role is a
field name given on the command line, or the first of a list of common names. A name matches a
field exactly (``data.user.screen_name``) or as its last dotted parts (``screen_name``,
``user.screen_name``), as ``--text-field`` does for scans. Records are read with the scan readers, so every format,
encoding and compression the scanner reads works here, and unreadable records are reported.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from privacy_kit.readers import ReadProblem, Record, expand_inputs, read_path

DEFAULTS: dict[str, tuple[str, ...]] = {
    "id": ("comment_id", "id", "id_str", "post_id", "commentId", "comment.id"),
    "author": ("author", "username", "screen_name", "user_name", "author.username", "user", "from.id"),
    "name": ("display_name", "author_name", "author_display_name", "user.name", "from.name"),
    "time": ("created_at", "timestamp", "created_time", "posted_at", "time", "date"),
    "text": ("text", "comment", "message", "body", "full_text", "content"),
}


@dataclass(frozen=True, slots=True)
class FieldNames:
    """The field holding each role; ``None``: the first of :data:`DEFAULTS` present."""

    id: str | None = None
    author: str | None = None
    name: str | None = None
    time: str | None = None
    text: str | None = None

    def candidates(self, role: str) -> tuple[str, ...]:
        given = getattr(self, role)
        return (given,) if given else DEFAULTS[role]


@dataclass(frozen=True, slots=True)
class Comment:
    """One comment: where it is (source, record), who wrote it, when, and its text."""

    source: str
    record: int
    comment_id: str
    author: str
    display_name: str
    time: datetime | None
    text: str
    text_field: str


def _pick(fields: Sequence[tuple[str | None, str]], names: tuple[str, ...]) -> tuple[str | None, str] | None:
    for name in names:
        for field, value in fields:
            if field is not None and (field == name or field.endswith("." + name)):
                return field, value
    return None


_FORMATS = ("%a %b %d %H:%M:%S %z %Y", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y-%m-%d %H:%M")


def parse_time(text: str) -> datetime | None:
    """ISO 8601, epoch seconds or milliseconds, X's ``Wed Oct 10 20:19:24 +0000 2018``, or
    ``2026/10/01 09:12``: as naive UTC (a time without a zone is taken as given)."""
    value = text.strip()
    if not value:
        return None
    parsed: datetime | None = None
    if value.isdigit() and len(value) in (10, 13):
        parsed = datetime.fromtimestamp(int(value) / (1000 if len(value) == 13 else 1), UTC)
    else:
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            for fmt in _FORMATS:
                try:
                    parsed = datetime.strptime(value, fmt)
                    break
                except ValueError:
                    continue
    if parsed is None:
        return None
    return parsed.astimezone(UTC).replace(tzinfo=None) if parsed.tzinfo else parsed


def comment_from(record: Record, names: FieldNames) -> Comment | None:
    """The comment a record holds, or None when it has no text field."""
    text = _pick(record.fields, names.candidates("text"))
    if text is None or text[0] is None:
        return None
    got = {role: _pick(record.fields, names.candidates(role)) for role in ("id", "author", "name", "time")}
    value = {role: (hit[1] if hit else "") for role, hit in got.items()}
    return Comment(
        source=record.source, record=record.index,
        comment_id=value["id"] or f"#{record.index + 1}",
        author=value["author"].strip(), display_name=value["name"].strip(),
        time=parse_time(value["time"]), text=text[1], text_field=text[0],
    )


def read_comments(paths: Sequence[Path], names: FieldNames, *, fmt: str | None = None,
                  encoding: str | None = None, problems: list[ReadProblem] | None = None) -> Iterator[Comment]:
    """Every comment in ``paths``; records without a text field and unreadable ones go to ``problems``."""
    for path in expand_inputs(paths):
        for item in read_path(path, fmt=fmt, encoding=encoding):
            if isinstance(item, ReadProblem):
                if problems is not None:
                    problems.append(item)
                continue
            comment = comment_from(item, names)
            if comment is None:
                if problems is not None:
                    problems.append(ReadProblem(item.source, item.index,
                                                f"no text field ({', '.join(names.candidates('text'))})"))
                continue
            yield comment
