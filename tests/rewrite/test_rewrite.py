from __future__ import annotations

import bz2
import gzip
import json
import lzma
import os
from collections.abc import Callable
from pathlib import Path

import pytest
import zstandard

from privacy_kit.errors import InputError, RewriteError
from privacy_kit.readers import Record, read_path
from privacy_kit.rewrite import DELETE, Rewriter, Row, rewrite_file

SJIS_CSV = '氏名,電話,備考\r\n山田 太郎,090-1234-5678,"改行を含む\r\nメモ"\r\n鈴木花子,03-1234-5678,髙橋さんの紹介\r\n'
ACCESS_LOG = (
    '203.0.113.5 - yamada [10/Oct/2026:13:55:36 +0900] "GET /search?q=山田 HTTP/1.1" 200 512 '
    '"https://example.jp/" "Mozilla/5.0"\n'
    '198.51.100.7 - - [10/Oct/2026:13:56:01 +0900] "POST /login HTTP/1.1" 302 0 "-" "curl/8.0"\n'
)

# fmt: off
# (name, bytes, format or None to detect, encoding or None)
SAMPLES = [
    ("cp932.csv", SJIS_CSV.encode("cp932"), None, None),
    ("utf8bom.csv", SJIS_CSV.encode("utf-8-sig"), None, None),
    ("utf16.csv", SJIS_CSV.encode("utf-16"), None, None),
    ("eucjp.csv", SJIS_CSV.replace("髙", "高").encode("euc_jp"), None, None),
    ("lf.tsv", "名前\t住所\n山田\t東京都千代田区\n\n鈴木\t\"大阪\n北区\"\n".encode(), None, None),
    ("posts.jsonl", '{"id": 1, "text": "山田です"}\r\n\n{"id": 2, "user": {"name": "鈴木"}, "tags": ["a", "b"]}\n'.encode(), None, None),
    ("escaped.jsonl", b'{"id":1,"text":"\\u5c71\\u7530"}\n{"id":2,"text":"x"}', None, None),
    ("items.json", json.dumps([{"a": "山田", "n": 1.50}, {"a": None, "b": [True, "z"]}], ensure_ascii=False, indent=2).encode(), None, None),
    ("compact.json", b'[{"a":"x"},{"a":"y"},{"a":"z"}]', None, None),
    ("tweets.js", 'window.YTD.tweets.part0 = [\n  {"tweet": {"full_text": "山田さん"}},\n  {"tweet": {"full_text": "b"}}\n]'.encode(), None, None),
    ("meta.json", b'{"comments_v2": [{"data": [{"comment": {"comment": "\\u00e5\\u00b1\\u00b1\\u00e7\\u0094\\u00b0"}}]}]}', None, None),
    ("notes.txt", "一行目 山田\r\n\r\n三行目\n最後の行".encode("cp932"), "text", "cp932"),
    ("access.log", ACCESS_LOG.encode(), None, None),
    ("iso2022.txt", "山田太郎\n東京\n".encode("iso2022_jp"), "text", "iso2022_jp"),
]
# fmt: on

COMPRESSORS: dict[str, Callable[[bytes], bytes]] = {
    ".gz": gzip.compress, ".bz2": bz2.compress, ".xz": lzma.compress,
    ".zst": lambda b: zstandard.ZstdCompressor().compress(b),
}
DECOMPRESSORS: dict[str, Callable[[bytes], bytes]] = {
    ".gz": gzip.decompress, ".bz2": bz2.decompress, ".xz": lzma.decompress,
    ".zst": lambda b: zstandard.ZstdDecompressor().decompressobj().decompress(b),
}


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def records_of(path: Path, **kw: object) -> list[Record]:
    return [r for r in read_path(path, **kw) if isinstance(r, Record)]  # type: ignore[arg-type]


# --- identity ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "data", "fmt", "encoding"), SAMPLES, ids=[s[0] for s in SAMPLES])
def test_identity_transform_is_byte_identical(tmp_path: Path, name: str, data: bytes, fmt: str | None,
                                              encoding: str | None) -> None:
    src = write(tmp_path, name, data)
    out = tmp_path / "out" / name
    result = rewrite_file(src, out, lambda row: None, fmt=fmt, encoding=encoding)
    assert out.read_bytes() == data
    assert result.records == result.unchanged > 0
    assert (result.changed, result.deleted, result.problems) == (0, 0, [])
    assert result.byte_exact == (encoding != "iso2022_jp")


@pytest.mark.parametrize(("name", "data", "fmt", "encoding"), SAMPLES, ids=[s[0] for s in SAMPLES])
def test_rows_carry_the_records_the_readers_yield(tmp_path: Path, name: str, data: bytes, fmt: str | None,
                                                  encoding: str | None) -> None:
    src = write(tmp_path, name, data)
    seen: list[Record] = []
    rewrite_file(src, tmp_path / "o", lambda row: seen.append(row.record), fmt=fmt, encoding=encoding)
    assert seen == records_of(src, fmt=fmt, encoding=encoding)


@pytest.mark.parametrize("suffix", sorted(COMPRESSORS))
def test_compressed_input_gives_the_same_compression(tmp_path: Path, suffix: str) -> None:
    plain = SAMPLES[5][1]
    src = write(tmp_path, "posts.jsonl" + suffix, COMPRESSORS[suffix](plain))
    out = tmp_path / ("out.jsonl" + suffix)
    result = rewrite_file(src, out, lambda row: {"id": 9} if row.index == 0 else None)
    assert result.compression == {".gz": "gzip", ".bz2": "bz2", ".xz": "xz", ".zst": "zstd"}[suffix]
    assert DECOMPRESSORS[suffix](out.read_bytes()) == plain.replace(b'"id": 1', b'"id": 9')


# --- changes, in each format's own dialect -------------------------------------------------------


def test_csv_change_keeps_encoding_quoting_and_line_breaks(tmp_path: Path) -> None:
    src = write(tmp_path, "form.csv", SJIS_CSV.encode("cp932"))
    out = tmp_path / "out.csv"
    result = rewrite_file(src, out, lambda row: {"電話": "〈電話番号〉", "備考": 'a,"b"'} if row.index == 0 else None)
    expected = '氏名,電話,備考\r\n山田 太郎,〈電話番号〉,"a,""b"""\r\n鈴木花子,03-1234-5678,髙橋さんの紹介\r\n'
    assert out.read_bytes() == expected.encode("cp932")
    assert (result.changed, result.unchanged, dict(result.changed_fields)) == (1, 1, {"電話": 1, "備考": 1})


def test_csv_quoted_cell_stays_quoted_and_other_bytes_stay(tmp_path: Path) -> None:
    # 0x8790 is ≒ in NEC's row 13; the codec would write it as 0x81E0. It must survive a change
    # elsewhere in the same row.
    raw = b'"name","note"\n"\x8eR\x93c","\x87\x90 x"\n'
    src = write(tmp_path, "q.csv", raw)
    out = tmp_path / "out.csv"
    rewrite_file(src, out, lambda row: {"name": "X"}, encoding="cp932")
    assert out.read_bytes() == b'"name","note"\n"X","\x87\x90 x"\n'


def test_json_change_keeps_layout_numbers_and_escaping(tmp_path: Path) -> None:
    src = write(tmp_path, "a.jsonl", b'{"id":1.50,"user":{"name":"\\u5c71\\u7530"},"t":"x"}\n{"t" : "\xe5\xb1\xb1"}\n')
    out = tmp_path / "o.jsonl"
    rewrite_file(src, out, lambda row: {"user.name": "鈴木"} if row.index == 0 else {"t": "鈴木"})
    assert out.read_bytes() == b'{"id":1.50,"user":{"name":"\\u9234\\u6728"},"t":"x"}\n{"t" : "\xe9\x88\xb4\xe6\x9c\xa8"}\n'


def test_meta_export_value_is_written_back_in_metas_escaping(tmp_path: Path) -> None:
    src = write(tmp_path, "meta.json", SAMPLES[10][1])
    out = tmp_path / "o.json"
    rewrite_file(src, out, lambda row: {"data.0.comment.comment": "鈴木"})
    assert records_of(out)[0].fields == (("data.0.comment.comment", "鈴木"),)
    assert b"\\u00e9\\u0088\\u00b4" in out.read_bytes()


def test_access_log_part_and_text_line(tmp_path: Path) -> None:
    log = write(tmp_path, "access.log", ACCESS_LOG.encode())
    rewrite_file(log, tmp_path / "o.log", lambda row: {"ip": "0.0.0.0", "user": "〈ID〉"} if row.index == 0 else None)
    assert (tmp_path / "o.log").read_text().splitlines()[0].startswith('0.0.0.0 - 〈ID〉 [10/Oct/2026')
    txt = write(tmp_path, "n.txt", "a\r\nb\n".encode())
    rewrite_file(txt, tmp_path / "o.txt", lambda row: {None: "〈氏名〉"} if row.index == 1 else None, fmt="text")
    assert (tmp_path / "o.txt").read_bytes() == "a\r\n〈氏名〉\n".encode()


@pytest.mark.parametrize("gone", [[0], [1], [2], [0, 1], [1, 2], [0, 2], [0, 1, 2]])
@pytest.mark.parametrize("name", ["items3.json", "compact.json", "tweets3.js"])
def test_deleting_array_items_keeps_valid_json(tmp_path: Path, gone: list[int], name: str) -> None:
    items = [{"a": "x"}, {"a": "y", "n": [1, 2]}, {"a": "z"}]
    text = {"items3.json": json.dumps(items, indent=2), "compact.json": json.dumps(items, separators=(",", ":")),
            "tweets3.js": "window.YTD.tweets.part0 = " + json.dumps(items, indent=1)}[name]
    src = write(tmp_path, name, text.encode())
    out = tmp_path / ("o" + name)
    result = rewrite_file(src, out, lambda row: DELETE if row.index in gone else None)
    body = out.read_text()
    if name.endswith(".js"):
        body = body.split("=", 1)[1]
    assert json.loads(body) == [it for i, it in enumerate(items) if i not in gone]
    assert (result.deleted, result.unchanged) == (len(gone), 3 - len(gone))


def test_deleting_lines_and_rows(tmp_path: Path) -> None:
    src = write(tmp_path, "form.csv", SJIS_CSV.encode("cp932"))
    rewrite_file(src, tmp_path / "o.csv", lambda row: DELETE if row.index == 0 else None)
    assert (tmp_path / "o.csv").read_bytes() == '氏名,電話,備考\r\n鈴木花子,03-1234-5678,髙橋さんの紹介\r\n'.encode("cp932")
    src = write(tmp_path, "p.jsonl", SAMPLES[5][1])
    rewrite_file(src, tmp_path / "o.jsonl", lambda row: DELETE if row.index == 0 else None)
    assert (tmp_path / "o.jsonl").read_bytes() == b'\n{"id": 2, "user": {"name": "\xe9\x88\xb4\xe6\x9c\xa8"}, "tags": ["a", "b"]}\n'


# --- bad input is kept ------------------------------------------------------------------------------


# fmt: off
BROKEN = [
    ("bad.jsonl", b'{"t": "a"}\n{"t": broken\n{"t": "\xff\xfe"}\n{"t": "c"}\n', [1, 2]),
    ("bad.json", b'[{"t": "a"}, {"t": oops}, {"t": "c"}]', [1]),
    ("bad.csv", b'name,note\nyamada,ok\nsuzuki,\xff\xfe\ntanaka,ok\n', [1]),
    ("bad.txt", b'line one\n\xff\xfe bad\nline three\n', [1]),
]
# fmt: on


@pytest.mark.parametrize(("name", "data", "bad"), BROKEN, ids=[b[0] for b in BROKEN])
def test_unreadable_records_are_kept_as_they_are_and_reported(tmp_path: Path, name: str, data: bytes,
                                                              bad: list[int]) -> None:
    src = write(tmp_path, name, data)
    out = tmp_path / ("o" + name)
    result = rewrite_file(src, out, lambda row: None, encoding="utf-8")
    assert out.read_bytes() == data
    assert [p.record for p in result.problems] == bad
    assert result.unparsed == len(bad)
    # Deleting every readable record still keeps the unreadable ones.
    result = rewrite_file(src, out, lambda row: DELETE, encoding="utf-8")
    kept = out.read_bytes()
    assert all(b"\xff\xfe" in kept or b"\xff" not in data for _ in [0])
    assert result.deleted == result.records and result.unparsed == len(bad)


def test_truncated_archive_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    data = gzip.compress(b"".join(b'{"t": "%d"}\n' % i for i in range(5000)))
    src = write(tmp_path, "cut.jsonl.gz", data[: len(data) // 2])
    out = tmp_path / "o.jsonl.gz"
    with pytest.raises(RewriteError, match="ends early"):
        rewrite_file(src, out, lambda row: None)
    assert not out.exists() and os.listdir(tmp_path) == ["cut.jsonl.gz"]


def test_empty_and_binary_files_are_copied_and_reported(tmp_path: Path) -> None:
    empty = write(tmp_path, "e.jsonl", b"")
    assert [p.reason for p in rewrite_file(empty, tmp_path / "o1", lambda r: DELETE).problems] == ["empty file"]
    assert (tmp_path / "o1").read_bytes() == b""
    binary = write(tmp_path, "b.txt", b"\x00\x01\x02abc")
    result = rewrite_file(binary, tmp_path / "o2", lambda r: DELETE)
    assert (tmp_path / "o2").read_bytes() == b"\x00\x01\x02abc" and "binary" in result.problems[0].reason


# --- the output -----------------------------------------------------------------------------------


def test_refuses_to_overwrite_its_input(tmp_path: Path) -> None:
    src = write(tmp_path, "a.jsonl", b'{"t": "a"}\n')
    (tmp_path / "link.jsonl").symlink_to(src)
    os.link(src, tmp_path / "hard.jsonl")
    for target in (src, tmp_path / "link.jsonl", tmp_path / "hard.jsonl", tmp_path / "." / "a.jsonl"):
        with pytest.raises(RewriteError, match="refusing to overwrite"):
            rewrite_file(src, target, lambda row: DELETE)
    assert src.read_bytes() == b'{"t": "a"}\n'
    with pytest.raises(RewriteError, match="in-place"):
        rewrite_file(src, tmp_path / "other.jsonl", lambda row: DELETE, in_place=True)
    with pytest.raises(RewriteError, match="directory"):
        rewrite_file(src, tmp_path, lambda row: DELETE)
    with pytest.raises(InputError):
        rewrite_file(tmp_path / "missing.jsonl", tmp_path / "x", lambda row: None)


def test_in_place_rewrite_replaces_the_file_atomically(tmp_path: Path) -> None:
    src = write(tmp_path, "a.jsonl", b'{"t": "a"}\n{"t": "b"}\n')
    os.chmod(src, 0o640)
    (tmp_path / "link.jsonl").symlink_to(src)
    result = rewrite_file(tmp_path / "link.jsonl", None, lambda row: DELETE if row.index == 0 else None, in_place=True)
    assert src.read_bytes() == b'{"t": "b"}\n' and (tmp_path / "link.jsonl").is_symlink()
    assert oct(src.stat().st_mode & 0o777) == "0o640"
    assert result.deleted == 1
    assert sorted(os.listdir(tmp_path)) == ["a.jsonl", "link.jsonl"]  # no temp file left


def test_a_failing_transform_leaves_no_output(tmp_path: Path) -> None:
    src = write(tmp_path, "a.jsonl", b'{"t": "a"}\n{"t": "b"}\n')
    out = write(tmp_path, "out.jsonl", b"old")

    def boom(row: Row) -> None:
        if row.index == 1:
            raise ValueError("boom")

    with pytest.raises(ValueError):
        rewrite_file(src, out, boom)
    assert out.read_bytes() == b"old" and sorted(os.listdir(tmp_path)) == ["a.jsonl", "out.jsonl"]


def test_decisions_may_come_later_and_out_of_order(tmp_path: Path) -> None:
    lines = [f'{{"n": {i}}}\n'.encode() for i in range(10)]
    src = write(tmp_path, "a.jsonl", b"".join(lines))
    out = tmp_path / "o.jsonl"
    with Rewriter(src, out) as rw:
        batch: list[Row] = []
        for row in rw.rows():
            batch.append(row)
            if len(batch) == 4:
                for r in reversed(batch):
                    rw.decide(r, {"n": r.fields[0][1] * 10} if r.index % 2 else DELETE)
                batch = []
        for r in batch:
            rw.decide(r, None)
    assert out.read_bytes() == b"".join(
        [b'{"n": 10}\n', b'{"n": 30}\n', b'{"n": 50}\n', b'{"n": 70}\n', lines[8], lines[9]])


def test_undecided_row_unknown_field_and_unwritable_value_are_errors(tmp_path: Path) -> None:
    src = write(tmp_path, "a.csv", "名前,メモ\n山田,x\n".encode("cp932"))
    with pytest.raises(RewriteError, match="never decided"):
        with Rewriter(src, tmp_path / "o.csv") as rw:
            next(rw.rows())
    with pytest.raises(RewriteError, match="no field"):
        rewrite_file(src, tmp_path / "o.csv", lambda row: {"住所": "x"})
    with pytest.raises(RewriteError, match="cp932 cannot hold") as err:
        rewrite_file(src, tmp_path / "o.csv", lambda row: {"名前": "山田😀"})
    assert "山田" not in str(err.value)  # the value is never shown
    assert not (tmp_path / "o.csv").exists()


def test_rows_not_asked_for_are_kept(tmp_path: Path) -> None:
    src = write(tmp_path, "a.jsonl", b'{"t": "a"}\n{"t": "b"}\n{"t": "c"}\n')
    out = tmp_path / "o.jsonl"
    with Rewriter(src, out) as rw:
        first = next(rw.rows())
        rw.decide(first, DELETE)
    assert out.read_bytes() == b'{"t": "b"}\n{"t": "c"}\n'
    assert (rw.result.records, rw.result.deleted, rw.result.unchanged) == (3, 1, 2)


def test_duplicate_csv_names_need_a_position(tmp_path: Path) -> None:
    src = write(tmp_path, "d.csv", b"name,name,age\nab,b,10\nc,d,20\n")
    with pytest.raises(RewriteError, match="give a position"):
        rewrite_file(src, tmp_path / "o.csv", lambda row: {"name": "c"})
    rewrite_file(src, tmp_path / "o.csv", lambda row: {1: "x"})
    assert (tmp_path / "o.csv").read_bytes() == b"name,name,age\nab,x,10\nc,x,20\n"


# --- Parquet ------------------------------------------------------------------------------------


def test_parquet_keeps_schema_and_untouched_values(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([("id", pa.int64()), ("name", pa.string()), ("score", pa.float64())],
                       metadata={b"origin": b"test"})
    table = pa.table({"id": [1, 2, 3], "name": ["山田", None, "鈴木"], "score": [0.5, 1.0, None]}, schema=schema)
    src = tmp_path / "t.parquet"
    pq.write_table(table, src, compression="zstd")
    out = tmp_path / "o.parquet"
    result = rewrite_file(src, out, lambda row: DELETE if row.index == 1 else {"name": "〈氏名〉"})
    back = pq.read_table(out)
    assert back.schema.equals(schema, check_metadata=True)
    assert back.to_pylist() == [{"id": 1, "name": "〈氏名〉", "score": 0.5}, {"id": 3, "name": "〈氏名〉", "score": None}]
    assert pq.ParquetFile(out).metadata.row_group(0).column(0).compression == "ZSTD"
    assert (result.byte_exact, result.changed, result.deleted) == (False, 2, 1)
    with pytest.raises(RewriteError, match="type"):
        rewrite_file(src, out, lambda row: {"id": "not a number"})


def test_a_mojibake_like_string_in_plain_json_lines_is_written_as_given(tmp_path: Path) -> None:
    """Only a Meta export's strings are written back as mojibake; in any other JSON "Â\\x80" is data."""
    src = tmp_path / "in.jsonl"
    src.write_bytes((json.dumps({"name": "Â\x80", "id": 1}, ensure_ascii=False) + "\n").encode())
    rewrite_file(src, tmp_path / "out.jsonl", lambda row: {"name": "〈氏名〉Â\x80"})
    assert json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8")) == {"name": "〈氏名〉Â\x80", "id": 1}
