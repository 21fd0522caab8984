"""A rewrite of one file: records out to the caller, decisions back, the same format written.

``Rewriter`` is the streaming form (a caller may look ahead, e.g. to detect in batches, and
decide later; decided records are written in file order as soon as everything before them is
decided). ``rewrite_file`` is the one-call form for a per-record transform.
"""

from __future__ import annotations

import bz2
import gzip
import lzma
import os
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from privacy_kit.atomic import atomic_write
from privacy_kit.errors import InputError, RewriteError
from privacy_kit.readers import ReadProblem, resolve
from privacy_kit.readers.delimited import sniff_dialect
from privacy_kit.readers.opening import compression_of, looks_binary, open_binary

from .columnar import ParquetSink, parquet_pieces, parquet_schema
from .edits import splice
from .model import DELETE, Change, RewriteResult, Row
from .pieces import Broken, Gap, Item, Note, Piece, TableRow
from .segment import csv_pieces, json_array_pieces, line_pieces, meta_json_pieces
from .tracked import TrackedText

Transform = Callable[[Row], Change]


def same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def _compressor(fh: IO[bytes], kind: str | None, target: Path, stack: ExitStack) -> IO[bytes]:
    """``fh`` wrapped in the input's compression (closed, so flushed, before the rename)."""
    if kind == "gzip":
        name = target.name[:-3] if target.name.endswith(".gz") else target.name
        return stack.enter_context(gzip.GzipFile(filename=name, fileobj=fh, mode="wb"))  # type: ignore[return-value]
    if kind == "bz2":
        return stack.enter_context(bz2.BZ2File(fh, "wb"))  # type: ignore[return-value]
    if kind == "xz":
        return stack.enter_context(lzma.LZMAFile(fh, "wb"))  # type: ignore[return-value]
    if kind == "zstd":
        import zstandard

        return stack.enter_context(zstandard.ZstdCompressor().stream_writer(fh, closefd=False))  # type: ignore[return-value]
    return fh


@dataclass
class Source:
    """An input opened for rewriting: its pieces, and what the output must begin with or be."""

    pieces: Iterator[Piece]
    preamble: bytes = b""  # a byte-order mark, written back first
    codec: str = ""
    parquet: tuple[Any, str] | None = None  # (Arrow schema, compression) for Parquet output


def open_source(source: Path, result: RewriteResult, stack: ExitStack, *, fmt: str | None = None,
                encoding: str | None = None, text_fields: Sequence[str] | None = None) -> Source:
    """Open ``source`` (closed by ``stack``) and cut it into pieces; fill in what ``result``
    reports about the input (format, encoding, compression, byte exactness, file-level problems)."""
    name = str(source)
    result.compression = compression_of(source)
    if source.stat().st_size == 0:
        result.problems.append(ReadProblem(name, None, "empty file"))
        return Source(iter(()))
    spec, sample = resolve(source, fmt=fmt, encoding=encoding)
    result.fmt, result.encoding = spec.fmt, spec.encoding
    if spec.fmt == "parquet":
        result.byte_exact = False
        return Source(parquet_pieces(source, name, text_fields), parquet=parquet_schema(source))
    binary = stack.enter_context(open_binary(source))
    if looks_binary(sample, spec.encoding):
        return Source(iter([Broken(binary.read(), ReadProblem(name, None, "binary file (NUL bytes), not read"))]))
    tt = TrackedText(binary, spec.encoding)
    result.byte_exact = tt.exact
    if spec.fmt in ("csv", "tsv"):
        text = sample.decode(spec.encoding, errors="replace")
        delimiter, has_header = sniff_dialect(text[: 32 * 1024], "\t" if spec.fmt == "tsv" else ",")
        pieces = csv_pieces(tt, name, delimiter=delimiter, has_header=has_header, text_fields=text_fields)
    elif spec.fmt in ("json", "x-archive"):
        pieces = json_array_pieces(tt, name, text_fields)
    elif spec.fmt == "meta-json":
        pieces = meta_json_pieces(tt, name, text_fields)
    else:
        pieces = line_pieces(tt, name, spec.fmt, text_fields)
    return Source(pieces, tt.preamble, tt.codec)


def read_rows(source: Path | str, *, fmt: str | None = None, encoding: str | None = None,
              text_fields: Sequence[str] | None = None) -> Iterator[Row]:
    """The rows a rewrite of ``source`` would hand out, without writing anything (for callers
    that must see the whole file before deciding, such as 匿名加工's k-anonymity search)."""
    path = Path(source)
    if not path.is_file():
        raise InputError(f"no such file: {path}")
    with ExitStack() as stack:
        for piece in open_source(path, RewriteResult(str(path), ""), stack, fmt=fmt, encoding=encoding,
                                 text_fields=text_fields).pieces:
            if isinstance(piece, (Item, TableRow)):
                yield piece.row


class Rewriter:
    """Rewrite ``source`` to ``target`` in the same format, encoding and compression.

    Use as a context manager; iterate ``rows()`` and ``decide`` each row (in any order, possibly
    later). On a clean exit the output is committed atomically (temp file beside the target,
    fsync, rename); on an exception nothing is written. Rows never handed out (the caller
    stopped iterating) are copied unchanged; a row handed out but never decided is an error.

    ``target`` may not be the source unless ``in_place=True`` (then ``target`` defaults to it).
    Records that cannot be read are kept as they are unless ``keep_unreadable=False`` (for a
    copy that must not carry anything unexamined); either way they are in ``result.problems``.
    """

    def __init__(self, source: Path | str, target: Path | str | None = None, *, in_place: bool = False,
                 fmt: str | None = None, encoding: str | None = None,
                 text_fields: Sequence[str] | None = None, keep_unreadable: bool = True) -> None:
        self.source = Path(source)
        self._keep_unreadable = keep_unreadable
        if target is None and not in_place:
            raise RewriteError("no output file given", hint="name an output, or ask for an in-place rewrite")
        self.target = Path(target) if target is not None else self.source
        if not self.source.exists():
            raise InputError(f"no such file: {self.source}")
        if self.source.is_dir():
            raise InputError(f"{self.source} is a directory", hint="rewrite one file at a time")
        if self.target.is_dir():
            raise RewriteError(f"the output {self.target} is a directory")
        if same_file(self.source, self.target):
            if not in_place:
                raise RewriteError(f"refusing to overwrite the input {self.source}",
                                   hint="write to another file (in-place rewriting must be asked for explicitly)")
            self.target = self.source.resolve()  # replace the file itself, not a symlink to it
        elif in_place:
            raise RewriteError("an in-place rewrite writes to its input; do not name another output")
        self._fmt, self._encoding, self._text_fields = fmt, encoding, text_fields
        self.result = RewriteResult(str(self.source), str(self.target))
        self._queue: deque[Piece] = deque()
        self._pending: dict[int, Item | TableRow] = {}
        self._stack: ExitStack | None = None
        self._out: IO[bytes] | None = None
        self._table: ParquetSink | None = None
        self._pieces: Iterator[Piece] = iter(())
        self._in_array = False  # a record has been written since the array opened
        self._held: Gap | None = None  # a separator waiting for the next record
        self._codec = ""  # the codec the text is decoded with (its BOM written apart)

    # -- opening -------------------------------------------------------------------------------

    def __enter__(self) -> Rewriter:
        stack = ExitStack()
        try:
            self._open(stack)
        except BaseException as err:
            stack.__exit__(type(err), err, err.__traceback__)  # an output already begun is removed
            raise
        self._stack = stack
        return self

    def _open(self, stack: ExitStack) -> None:
        src = open_source(self.source, self.result, stack, fmt=self._fmt, encoding=self._encoding,
                          text_fields=self._text_fields)
        self._pieces, self._codec = src.pieces, src.codec
        fh = stack.enter_context(atomic_write(self.target, "wb"))
        if src.parquet is not None:
            self._table = ParquetSink(fh, *src.parquet)
            stack.callback(self._table.close)
            return
        self._out = _compressor(fh, self.result.compression, self.target, stack)
        self._out.write(src.preamble)

    # -- the caller's side -----------------------------------------------------------------------

    def rows(self) -> Iterator[Row]:
        """Every readable record, in file order."""
        for piece in self._pieces:
            self._queue.append(piece)
            if isinstance(piece, (Item, TableRow)):
                self.result.records += 1
                self._pending[piece.row.index] = piece
                yield piece.row
            else:
                self._flush()

    def decide(self, row: Row, change: Change) -> None:
        """Keep (``None``), delete (``DELETE``) or change (field → new value) a row handed out."""
        piece = self._pending.pop(row.index, None)
        if piece is None:
            raise RewriteError(f"record {row.index} was not handed out or was already decided")
        piece.change = self._normalise(row, change)
        piece.decided = True
        self._flush()

    @staticmethod
    def _normalise(row: Row, change: Change) -> Change:
        if change is None or change is DELETE:
            return change
        if not isinstance(change, Mapping):
            raise TypeError(f"a change is None, DELETE or a mapping, not {type(change).__name__}")
        updates: dict[int, Any] = {}
        for key, value in change.items():
            try:
                position = row.position(key)
            except KeyError as exc:
                raise RewriteError(str(exc.args[0])) from exc
            if row.fields[position][1] != value or type(row.fields[position][1]) is not type(value):
                updates[position] = value
        return updates or None

    # -- writing ---------------------------------------------------------------------------------

    def _flush(self) -> None:
        while self._queue:
            piece = self._queue[0]
            if isinstance(piece, (Item, TableRow)) and not piece.decided:
                return
            self._queue.popleft()
            self._write(piece)

    def _write(self, piece: Piece) -> None:
        result = self.result
        if isinstance(piece, Note):
            result.problems.append(piece.problem)
            return
        if isinstance(piece, Gap):
            if piece.separator:
                self._held = piece  # written only if a record follows one already written
            else:
                self._emit(piece.raw)
            return
        if isinstance(piece, Broken):
            result.problems.append(piece.problem)
            if self._keep_unreadable:
                self._emit_record(piece.raw)
            else:
                result.dropped_unreadable += 1
                self._held = None
            return
        change = piece.change
        if change is DELETE:
            result.deleted += 1
            self._held = None
            return
        if change is None:
            result.unchanged += 1
        else:
            assert isinstance(change, dict)
            result.changed += 1
            result.changed_fields.update(str(piece.row.fields[i][0]) for i in change)
        if isinstance(piece, TableRow):
            assert self._table is not None
            values = dict(piece.values)
            for i, value in (change or {}).items():  # type: ignore[union-attr]
                values[piece.row.fields[i][0]] = value  # type: ignore[index]
            self._table.write(values, piece.row)
            return
        raw = piece.raw if change is None else splice(
            piece.text, piece.raw, piece.row, piece.editor, change, self._codec, result.byte_exact)  # type: ignore[arg-type]
        self._emit_record(raw)

    def _emit_record(self, raw: bytes) -> None:
        if self._held is not None and self._in_array:
            self._emit(self._held.raw)
        self._held = None
        self._in_array = True
        self._emit(raw)

    def _emit(self, raw: bytes) -> None:
        assert self._out is not None
        self._out.write(raw)

    # -- closing ---------------------------------------------------------------------------------

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        stack, self._stack = self._stack, None
        assert stack is not None
        if exc_type is not None:
            stack.__exit__(exc_type, exc, tb)  # atomic_write removes its temp file
            return
        try:
            if self._pending:
                first = min(self._pending)
                raise RewriteError(f"record {first} was handed out but never decided; nothing was written")
            for piece in self._pieces:  # rows the caller did not ask for are kept as they are
                if isinstance(piece, (Item, TableRow)):
                    self.result.records += 1
                    piece.decided = True
                self._queue.append(piece)
            self._flush()
        except BaseException as err:
            stack.__exit__(type(err), err, err.__traceback__)
            raise
        stack.close()


def rewrite_file(source: Path | str, target: Path | str | None, transform: Transform, *,
                 in_place: bool = False, fmt: str | None = None, encoding: str | None = None,
                 text_fields: Sequence[str] | None = None, keep_unreadable: bool = True) -> RewriteResult:
    """Rewrite one file, calling ``transform`` once per readable record, in file order."""
    rewriter = Rewriter(source, target, in_place=in_place, fmt=fmt, encoding=encoding, text_fields=text_fields,
                        keep_unreadable=keep_unreadable)
    with rewriter:
        for row in rewriter.rows():
            rewriter.decide(row, transform(row))
    return rewriter.result
