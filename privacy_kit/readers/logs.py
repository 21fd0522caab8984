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


def looks_like_access_log(sample_lines: list[str]) -> bool:
    lines = [ln for ln in sample_lines if ln.strip()][:20]
    return bool(lines) and sum(1 for ln in lines if COMBINED.match(ln)) >= max(1, len(lines) * 3 // 4)


def _problem_or_none(source: str, index: int, line: str) -> ReadProblem | None:
    bad = has_undecodable(line)
    return ReadProblem(source, index, f"undecodable bytes at character {bad}") if bad is not None else None


def read_access_log(lines: Iterable[str], source: str) -> Iterator[Record | ReadProblem]:
    for index, raw in enumerate(lines):
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue
        problem = _problem_or_none(source, index, line)
        if problem:
            yield problem
            continue
        m = COMBINED.match(line)
        if not m:
            yield Record(source, index, (("line", line),))
            continue
        fields = tuple((name, m.group(name)) for name in _SCANNED if m.group(name) not in (None, "", "-"))
        yield Record(source, index, fields)


def read_text(lines: Iterable[str], source: str) -> Iterator[Record | ReadProblem]:
    for index, raw in enumerate(lines):
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue
        problem = _problem_or_none(source, index, line)
        if problem:
            yield problem
            continue
        yield Record(source, index, ((None, line),))
