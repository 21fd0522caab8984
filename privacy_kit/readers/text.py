"""Plain text: one record per line; the field name is ``None``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from .records import ReadProblem, Record


def read_text(stream: BinaryIO, source: str, *, encoding: str = "utf-8") -> Iterator[Record | ReadProblem]:
    for index, raw in enumerate(stream):
        if index == 0 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            line = raw.decode(encoding).rstrip("\r\n")
        except UnicodeDecodeError as exc:
            yield ReadProblem(source, index, f"undecodable bytes as {encoding} at byte {exc.start}")
            continue
        if line.strip():
            yield Record(source, index, ((None, line),))
