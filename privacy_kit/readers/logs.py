"""Web server access logs (Apache/nginx common and combined formats) and plain text lines.

In a combined log the client IP, the authenticated user, the request path with its query string,
the referer and the user agent are separate fields, so a finding says which one it came from.
A line that is not in the format is still scanned, as a ``line`` field: nothing is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .opening import has_undecodable
from .records import ReadProblem, Record

COMBINED = re.compile(
    r'^(?P<ip>\S+) (?P<ident>\S+) (?P<user>\S+) \[(?P<time>[^\]]+)\] '
    r'"(?P<method>[A-Z]+) (?P<path>\S+)(?: (?P<protocol>[^"]*))?" (?P<status>\d{3}) (?P<bytes>\S+)'
    r'(?: "(?P<referer>[^"]*)" "(?P<user_agent>[^"]*)")?'
)
_SCANNED = ("ip", "user", "path", "referer", "user_agent")
#: Every field of the format, for structural analyses (``privacy-kit risk`` needs the time).
ALL_FIELDS = ("ip", "ident", "user", "time", "method", "path", "protocol", "status", "bytes", "referer",
              "user_agent")


def looks_like_access_log(sample_lines: list[str]) -> bool:
    lines = [ln for ln in sample_lines if ln.strip()][:20]
    return bool(lines) and sum(1 for ln in lines if COMBINED.match(ln)) >= max(1, len(lines) * 3 // 4)


def _lines(lines: Iterable[str], source: str) -> Iterator[tuple[int, str] | ReadProblem]:
    """Non-blank lines without their line ending, numbered; undecodable ones as problems."""
    for index, raw in enumerate(lines):
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue
        bad = has_undecodable(line)
        if bad is not None:
            yield ReadProblem(source, index, f"undecodable bytes at character {bad}")
        else:
            yield index, line


def access_log_fields(line: str, names: tuple[str, ...] = _SCANNED) -> tuple[tuple[str | None, str], ...]:
    m = COMBINED.match(line)
    if not m:
        return (("line", line),)
    return tuple((name, m.group(name)) for name in names if m.group(name) not in (None, "", "-"))


def read_access_log(lines: Iterable[str], source: str, *, every_field: bool = False
                    ) -> Iterator[Record | ReadProblem]:
    names = ALL_FIELDS if every_field else _SCANNED
    for item in _lines(lines, source):
        yield item if isinstance(item, ReadProblem) else Record(source, item[0], access_log_fields(item[1], names))


def read_text(lines: Iterable[str], source: str) -> Iterator[Record | ReadProblem]:
    for item in _lines(lines, source):
        yield item if isinstance(item, ReadProblem) else Record(source, item[0], ((None, item[1]),))
