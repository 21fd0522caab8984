"""Opening inputs: transparent decompression and text decoding that never loses track.

Decompression is chosen by magic bytes, not by file name, so a mis-named ``.log`` that is really
gzip still reads. Text is decoded with ``surrogateescape``: an undecodable byte becomes a lone
surrogate instead of aborting the file, and the reader that meets it reports that one record as
skipped and goes on.
"""

from __future__ import annotations

import bz2
import codecs
import gzip
import io
import lzma
import re
from pathlib import Path
from typing import BinaryIO

from privacy_kit.errors import InputError

_MAGIC = (
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bz2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
)
COMPRESSED_SUFFIXES = (".gz", ".bz2", ".xz", ".zst")
SAMPLE_BYTES = 64 * 1024


def compression_of(path: Path) -> str | None:
    with path.open("rb") as fh:
        head = fh.read(8)
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    return None


def open_binary(path: Path) -> BinaryIO:
    """The decompressed byte stream of ``path``."""
    kind = compression_of(path)
    if kind == "gzip":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    if kind == "bz2":
        return bz2.open(path, "rb")  # type: ignore[return-value]
    if kind == "xz":
        return lzma.open(path, "rb")  # type: ignore[return-value]
    if kind == "zstd":
        try:
            import zstandard
        except ImportError as exc:  # pragma: no cover - zstandard is a dependency
            raise InputError(f"{path} is Zstandard-compressed but zstandard is not installed") from exc
        raw = path.open("rb")
        return zstandard.ZstdDecompressor().stream_reader(raw, closefd=True)  # type: ignore[return-value]
    return path.open("rb")


def read_sample(path: Path, size: int = SAMPLE_BYTES) -> bytes:
    """The first ``size`` decompressed bytes (a truncated archive yields what it has)."""
    try:
        with open_binary(path) as fh:
            return fh.read(size)
    except (EOFError, OSError):
        with open_binary(path) as fh:
            chunks = []
            try:
                while len(b"".join(chunks)) < size:
                    chunk = fh.read(4096)
                    if not chunk:
                        break
                    chunks.append(chunk)
            except (EOFError, OSError):
                pass
            return b"".join(chunks)


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# charset-normalizer names -> the codec Japanese exports really use (Excel writes CP932, a superset of Shift_JIS).
_JAPANESE = {"shift_jis": "cp932", "cp932": "cp932", "euc_jp": "euc_jp", "euc_jis_2004": "euc_jp",
             "shift_jis_2004": "cp932", "shift_jisx0213": "cp932", "iso2022_jp": "iso2022_jp"}


def _decodes(sample: bytes, encoding: str) -> bool:
    try:
        codecs.getincrementaldecoder(encoding)().decode(sample, final=False)
        return True
    except UnicodeDecodeError:
        return False


def _mostly_utf8(sample: bytes) -> bool:
    """True when nearly every non-ASCII line is valid UTF-8: a UTF-8 file with a few corrupt
    lines stays UTF-8 (and those lines are reported), instead of being misread as CP932,
    which accepts almost any byte sequence."""
    lines = [ln for ln in sample.split(b"\n")[:-1] if not ln.isascii()]
    if not lines:
        return False
    good = sum(1 for ln in lines if _decodes(ln, "utf-8"))
    return good >= 1 and good >= 0.9 * len(lines)


_SUSPECT = re.compile("[\ue000-\uf8ff\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")


def _decodes_cleanly(sample: bytes, encoding: str) -> bool:
    """Decodes, and yields no private-use or control characters (CP932 maps stray bytes
    such as 0xFF to the private-use area instead of failing)."""
    try:
        text = codecs.getincrementaldecoder(encoding)().decode(sample, final=False)
    except UnicodeDecodeError:
        return False
    return not _SUSPECT.search(text)


def detect_encoding(sample: bytes) -> str:
    """Guess the encoding of a sample: BOM, UTF-8, UTF-16, then Japanese legacy codecs."""
    for bom, name in _BOMS:
        if sample.startswith(bom):
            return name
    if not sample or _decodes(sample, "utf-8"):
        return "utf-8"
    # UTF-16 without BOM: many NULs in alternate positions.
    if sample.count(b"\x00") > len(sample) // 4:
        return "utf-16-le" if sample[1::2].count(b"\x00") > sample[0::2].count(b"\x00") else "utf-16-be"
    if _mostly_utf8(sample):
        return "utf-8"
    clean = [enc for enc in ("cp932", "euc_jp") if _decodes_cleanly(sample, enc)]
    if len(clean) == 1:
        return clean[0]
    if clean:
        from charset_normalizer import from_bytes

        best = from_bytes(sample, cp_isolation=["cp932", "euc_jp"]).best()
        if best is not None:
            return _JAPANESE.get(best.encoding, best.encoding)
        return clean[0]
    return "utf-8"  # undecodable lines will be reported one by one


def looks_binary(sample: bytes, encoding: str) -> bool:
    return not encoding.startswith("utf-16") and b"\x00" in sample[:8192]


def open_text(path: Path, encoding: str, *, newline: str | None = None) -> io.TextIOWrapper:
    return io.TextIOWrapper(open_binary(path), encoding=encoding, errors="surrogateescape", newline=newline)


_SURROGATE = re.compile("[\udc80-\udcff]")


def has_undecodable(text: str) -> int | None:
    """Index of the first byte that could not be decoded (a lone surrogate), or None."""
    m = _SURROGATE.search(text)
    return m.start() if m else None
