"""Readers turn inputs into streams of records (and problems), one record at a time.

``read_path`` picks the format (``--format`` or detection), the encoding (``--encoding`` or
detection) and the decompression (magic bytes), and guarantees that a broken input never
raises mid-scan: truncated archives, binary files and empty files become ``ReadProblem``s.
"""

from __future__ import annotations

import codecs
import glob
import os
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from privacy_kit.errors import InputError

from .columnar import read_parquet
from .delimited import read_delimited, sniff_dialect
from .json_stream import read_json_array
from .jsonl import read_jsonl
from .logs import looks_like_access_log, read_access_log, read_text
from .opening import COMPRESSED_SUFFIXES, detect_encoding, looks_binary, open_text, read_sample
from .records import ReadProblem, Record
from .social import MARKERS, read_meta_export

__all__ = ["FORMATS", "InputSpec", "ReadProblem", "Record", "detect_format", "expand_inputs", "read_path"]

from .formats import FORMATS
_BY_SUFFIX = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "tsv", ".tab": "tsv",
              ".parquet": "parquet", ".pq": "parquet", ".txt": "text", ".js": "x-archive"}


@dataclass(frozen=True)
class InputSpec:
    """What was decided about one input (reported in scan summaries)."""

    path: Path
    fmt: str
    encoding: str


def _base_suffix(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    while suffixes and suffixes[-1] in COMPRESSED_SUFFIXES:
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def expand_inputs(items: Iterable[str | Path]) -> list[Path]:
    """Files named, files under directories (recursively, hidden ones skipped) and glob matches."""
    out: list[Path] = []
    for item in items:
        text = str(item)
        if any(c in text for c in "*?[") and not Path(text).exists():
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                raise InputError(f"no files match {text!r}")
            out.extend(Path(m) for m in matches if Path(m).is_file())
            continue
        path = Path(text)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                out.extend(Path(root) / f for f in sorted(files) if not f.startswith("."))
        elif path.exists():
            out.append(path)
        else:
            raise InputError(f"no such file or directory: {text}")
    return out


def detect_format(path: Path, sample: bytes, encoding: str) -> str:
    """The format from the name, then from the content."""
    suffix = _base_suffix(path)
    if suffix == ".parquet" or sample.startswith(b"PAR1"):
        return "parquet"
    text = sample.decode(encoding, errors="replace").lstrip("\ufeff \t\r\n")
    if suffix == ".js" or text.startswith("window.YTD"):
        return "x-archive"
    if suffix in _BY_SUFFIX and suffix != ".txt":
        return _BY_SUFFIX[suffix]
    if text.startswith("["):
        return "json"
    if text.startswith("{"):
        if any(f'"{m}"' in text[:8192] for m in MARKERS):
            return "meta-json"
        lines = [ln for ln in text.splitlines()[:5] if ln.strip()]
        one_object_per_line = len(lines) > 1 and all(ln.rstrip().endswith("}") for ln in lines[:-1])
        if suffix == ".json" and not one_object_per_line:
            return "meta-json"  # a single JSON document: its one list of items, or itself
        return "jsonl"
    if looks_like_access_log(text.splitlines()[:20]):
        return "access-log"
    return "text"


def resolve(path: Path, *, fmt: str | None = None, encoding: str | None = None) -> tuple[InputSpec, bytes]:
    if fmt is not None and fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}", hint=f"one of: {', '.join(FORMATS)}")
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError as exc:
            raise InputError(f"unknown encoding {encoding!r}", hint="utf-8, cp932, euc_jp, utf-16…") from exc
    sample = read_sample(path)
    enc = encoding or detect_encoding(sample)
    return InputSpec(path, fmt or detect_format(path, sample, enc), enc), sample


def _records(spec: InputSpec, source: str, text_fields: Sequence[str] | None,
             sample: bytes, every_field: bool) -> Iterator[Record | ReadProblem]:
    fmt, path = spec.fmt, spec.path
    if fmt == "parquet":
        yield from read_parquet(path, source, text_fields=text_fields)
        return
    newline = "" if fmt in ("csv", "tsv") else None
    with open_text(path, spec.encoding, newline=newline) as stream:
        if fmt == "jsonl":
            yield from read_jsonl(stream, source, text_fields=text_fields, every_field=every_field)
        elif fmt in ("json", "x-archive"):
            yield from read_json_array(stream, source, text_fields=text_fields, every_field=every_field)
        elif fmt == "meta-json":
            yield from read_meta_export(stream, source, text_fields=text_fields, every_field=every_field)
        elif fmt in ("csv", "tsv"):
            text = sample.decode(spec.encoding, errors="replace")
            delimiter, has_header = sniff_dialect(text[: 32 * 1024], "\t" if fmt == "tsv" else ",")
            yield from read_delimited(stream, source, delimiter=delimiter, has_header=has_header,
                                      text_fields=text_fields)
        elif fmt == "access-log":
            yield from read_access_log(stream, source, every_field=every_field)
        else:
            yield from read_text(stream, source)


def read_path(path: Path, *, fmt: str | None = None, text_fields: Sequence[str] | None = None,
              encoding: str | None = None, specs: list[InputSpec] | None = None, every_field: bool = False,
              ) -> Iterator[Record | ReadProblem]:
    """Records of one file. Problems are yielded, never raised, once the file exists.

    ``every_field`` yields every field that has a value, as text, not only the text a scan reads:
    JSON numbers and booleans, and an access log's time, method, status and size. Parquet
    still yields only its string columns (structural analyses read Parquet with DuckDB).
    """
    if not path.exists():
        raise InputError(f"no such file: {path}")
    if path.is_dir():
        raise InputError(f"{path} is a directory", hint="pass it to expand_inputs or give a file")
    source = str(path)
    if path.stat().st_size == 0:
        yield ReadProblem(source, None, "empty file")
        return
    spec, sample = resolve(path, fmt=fmt, encoding=encoding)
    if specs is not None:
        specs.append(spec)
    if spec.fmt != "parquet" and looks_binary(sample, spec.encoding):
        yield ReadProblem(source, None, "binary file (NUL bytes), skipped")
        return
    last = -1
    try:
        for item in _records(spec, source, text_fields, sample, every_field):
            if isinstance(item, Record):
                last = item.index
            yield item
    except (EOFError, zlib.error, OSError) as exc:
        yield ReadProblem(source, last + 1, f"input ended early ({type(exc).__name__}: {exc}); "
                                            "records before this point were scanned")
    except LookupError as exc:
        raise InputError(f"unknown encoding {spec.encoding!r}") from exc
