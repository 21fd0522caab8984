"""Readers turn files into streams of records (and problems), one record at a time."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from privacy_kit.errors import InputError

from .jsonl import read_jsonl
from .records import ReadProblem, Record
from .text import read_text

__all__ = ["FORMATS", "ReadProblem", "Record", "detect_format", "read_path"]

FORMATS = ("jsonl", "text")
_BY_SUFFIX = {".jsonl": "jsonl", ".ndjson": "jsonl", ".txt": "text", ".log": "text"}


def detect_format(path: Path) -> str:
    """The format from the file name, else from the first non-blank bytes."""
    fmt = _BY_SUFFIX.get(path.suffix.lower())
    if fmt:
        return fmt
    with path.open("rb") as fh:
        head = fh.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    return "jsonl" if head.startswith(b"{") else "text"


def read_path(path: Path, *, fmt: str | None = None, text_fields: Sequence[str] | None = None,
              encoding: str = "utf-8") -> Iterator[Record | ReadProblem]:
    if not path.exists():
        raise InputError(f"no such file: {path}")
    if path.is_dir():
        raise InputError(f"{path} is a directory", hint="give a file")
    fmt = fmt or detect_format(path)
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}", hint=f"one of: {', '.join(FORMATS)}")
    source = str(path)
    with path.open("rb") as stream:
        if fmt == "jsonl":
            yield from read_jsonl(stream, source, text_fields=text_fields, encoding=encoding)
        else:
            yield from read_text(stream, source, encoding=encoding)
