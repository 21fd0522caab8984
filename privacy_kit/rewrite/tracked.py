"""A decoded text stream that remembers the exact bytes behind every character not yet cut.

Parsers work on text, but a rewrite must copy the records it leaves alone byte for byte: a
CP932 file may spell ≒ as 0x8790 where the codec would write 0x81E0, and decoding with
``surrogateescape`` keeps undecodable bytes as lone surrogates. So the stream keeps the bytes it
read next to the text it decoded, and ``cut`` hands out both for a span. For a stateless codec
whose every character comes from as many bytes as it encodes to (UTF-8, UTF-16 after its BOM,
CP932, Shift_JIS, EUC-JP, Latin-1…) the byte length of a text prefix is the length of its
encoding, and each cut is checked by decoding its bytes again. Stateful codecs (ISO-2022-JP,
UTF-7) have no such mapping: their text is re-encoded and ``exact`` is False.
"""

from __future__ import annotations

import codecs
import lzma
import re
import zlib
from typing import BinaryIO

from privacy_kit.errors import RewriteError

CHUNK = 1 << 16

#: Codecs (by ``codecs.lookup`` name) for which a text prefix encodes to exactly the bytes it was
#: decoded from, length for length.
EXACT_CODECS = frozenset({
    "utf-8", "utf-16-le", "utf-16-be", "cp932", "shift_jis", "euc_jp", "euc_jis_2004", "euc_jisx0213",
    "shift_jis_2004", "shift_jisx0213", "iso8859-1", "ascii", "cp1252",
})
# A byte-order mark is not part of the text: it is written back as it was, and the rest is
# decoded with the codec it names.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_NEWLINE = re.compile(r"\r\n|\r|\n")  # universal newlines, as the readers' text streams split lines


def _stream_errors() -> tuple[type[BaseException], ...]:
    errors: list[type[BaseException]] = [EOFError, OSError, zlib.error, lzma.LZMAError]
    try:
        import zstandard

        errors.append(zstandard.ZstdError)
    except ImportError:  # pragma: no cover - zstandard is a dependency
        pass
    return tuple(errors)


class TrackedText:
    """Text decoded from ``binary`` in ``encoding``; positions are absolute code-point offsets.

    ``read``/``line`` advance a read position (for parsers); ``cut(end)`` removes the text from
    the last cut up to ``end`` and returns it with its bytes. Memory holds only what lies between
    the last cut and the read position.
    """

    def __init__(self, binary: BinaryIO, encoding: str) -> None:
        self._binary = binary
        self._errors = _stream_errors()
        first = self._read_chunk()
        self.preamble = b""
        codec = codecs.lookup(encoding).name
        if codec in ("utf-8-sig", "utf-16"):
            for bom, name in _BOMS:
                if first.startswith(bom):
                    self.preamble, first, codec = bom, first[len(bom):], name
                    break
            else:
                codec = {"utf-8-sig": "utf-8", "utf-16": "utf-16-le"}.get(codec, codec)
        self.codec = codec
        self.exact = codec in EXACT_CODECS
        self._decoder = codecs.getincrementaldecoder(codec)(errors="surrogateescape")
        self._text = ""  # decoded text; self._text[self._start:] begins at absolute offset self.base
        self._start = 0
        self._raw = bytearray()  # bytes behind self._text[self._start:] (and any not yet decoded)
        self._raw_start = 0
        self.base = 0
        self._pos = 0  # absolute read position
        self.eof = False
        self._feed(first)

    # -- reading -------------------------------------------------------------------------------

    def _read_chunk(self) -> bytes:
        try:
            return self._binary.read(CHUNK)
        except self._errors as exc:
            raise RewriteError(
                f"the input ends early or is corrupt ({type(exc).__name__}: {exc}); nothing was written",
                hint="a truncated archive cannot be rewritten without losing its tail; repair or re-export it",
            ) from exc

    def _feed(self, chunk: bytes) -> None:
        # Compact what has been cut before growing the buffers (amortised: once per chunk).
        if self._start:
            self._text, self._start = self._text[self._start:], 0
        if self._raw_start:
            del self._raw[: self._raw_start]
            self._raw_start = 0
        if self.exact:
            self._raw += chunk
        self._text += self._decoder.decode(chunk, final=not chunk)
        if not chunk:
            self.eof = True

    def _fill(self) -> bool:
        """Decode one more chunk; False at the end of the input."""
        if self.eof:
            return False
        self._feed(self._read_chunk())
        return True

    @property
    def _end(self) -> int:
        return self.base + len(self._text) - self._start

    def _rel(self, pos: int) -> int:
        return pos - self.base + self._start

    def read(self, n: int = -1) -> str:
        """Up to ``n`` more characters (all the rest when ``n < 0``): the TextIO ``read`` parsers use."""
        while (n < 0 or self._end - self._pos < n) and self._fill():
            pass
        rel = self._rel(self._pos)
        out = self._text[rel:] if n < 0 else self._text[rel : rel + n]
        self._pos += len(out)
        return out

    def line(self) -> tuple[int, int] | None:
        """The span of the next line, its line break included (``\\r\\n``, ``\\r`` or ``\\n``)."""
        while True:
            rel = self._rel(self._pos)
            m = _NEWLINE.search(self._text, rel)
            # A lone \r at the end of what is decoded may be the first half of \r\n.
            if m is not None and (m.end() < len(self._text) or m.group() != "\r" or self.eof):
                start, self._pos = self._pos, self._pos + m.end() - rel
                return start, self._pos
            if not self._fill():
                if rel < len(self._text):
                    start, self._pos = self._pos, self._end
                    return start, self._pos
                return None

    def text(self, start: int, end: int) -> str:
        """Text between two positions not yet cut."""
        return self._text[self._rel(start) : self._rel(end)]

    # -- cutting ---------------------------------------------------------------------------------

    def cut(self, end: int) -> tuple[str, bytes]:
        """The text from the last cut up to ``end``, and the bytes it was decoded from."""
        rel = self._rel(end)
        text = self._text[self._start : rel]
        self._start, self.base = rel, end
        self._pos = max(self._pos, end)
        if not self.exact:
            return text, text.encode(self.codec, "surrogateescape")
        n = len(text.encode(self.codec, "surrogateescape"))
        raw = bytes(self._raw[self._raw_start : self._raw_start + n])
        self._raw_start += n
        if raw.decode(self.codec, "surrogateescape") != text:  # never expected for EXACT_CODECS
            raise RewriteError(f"encoding {self.codec} does not map text back to its bytes one to one",
                               hint="give the file's encoding with --encoding")
        return text, raw

    def cut_rest(self) -> tuple[str, bytes]:
        """Everything not yet cut, to the end of the input (undecodable tail bytes included)."""
        self.read()
        return self.cut(self._end)
