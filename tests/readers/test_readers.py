from __future__ import annotations

import bz2
import csv
import gzip
import io
import json
import lzma
from pathlib import Path

import pytest
import zstandard
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from privacy_kit.errors import InputError
from privacy_kit.readers import ReadProblem, Record, expand_inputs, read_path
from privacy_kit.readers.opening import detect_encoding
from privacy_kit.readers.social import fix_mojibake


def read_all(path: Path, **kw: object) -> tuple[list[Record], list[ReadProblem]]:
    records, problems = [], []
    for item in read_path(path, **kw):  # type: ignore[arg-type]
        (records if isinstance(item, Record) else problems).append(item)
    return records, problems


def fields(rec: Record) -> dict[str | None, str]:
    return dict(rec.fields)


# --- encodings ---------------------------------------------------------------------------------

SJIS_CSV = '氏名,電話,備考\r\n山田 太郎,090-1234-5678,"改行を含む\r\nメモ"\r\n鈴木花子,03-1234-5678,髙橋さんの紹介\r\n'


# fmt: off
ENCODINGS = [
    ("cp932", "cp932"),          # Excel's "CSV" on Japanese Windows
    ("euc_jp", "euc_jp"),
    ("utf-8", "utf-8"),
    ("utf-8-sig", "utf-8-sig"),  # Excel's "CSV UTF-8"
    ("utf-16", "utf-16"),        # BOM + UTF-16LE
]
# fmt: on


@pytest.mark.parametrize(("codec", "expected"), ENCODINGS)
def test_csv_in_each_encoding_reads_the_same(tmp_path: Path, codec: str, expected: str) -> None:
    text = SJIS_CSV.replace("髙", "高") if codec == "euc_jp" else SJIS_CSV
    path = tmp_path / "form.csv"
    path.write_bytes(text.encode(codec))
    assert detect_encoding(path.read_bytes()) == expected
    records, problems = read_all(path)
    assert problems == []
    assert [r.index for r in records] == [0, 1]
    assert fields(records[0]) == {"氏名": "山田 太郎", "電話": "090-1234-5678", "備考": "改行を含む\r\nメモ"}
    assert fields(records[1])["備考"] in ("髙橋さんの紹介", "高橋さんの紹介")


def test_encoding_option_overrides_detection(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes("東京".encode("euc_jp"))
    records, _ = read_all(path, encoding="euc_jp")
    assert fields(records[0]) == {None: "東京"}


def test_undecodable_line_is_skipped_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_bytes('{"t": "一"}\n'.encode() + b'{"t": "\xff\xfe"}\n' + '{"t": "三"}\n'.encode())
    records, problems = read_all(path)
    assert [r.index for r in records] == [0, 2]
    assert [(p.record, "undecodable" in p.reason) for p in problems] == [(1, True)]


# --- compression ---------------------------------------------------------------------------------

JSONL = "".join(json.dumps({"id": i, "text": f"投稿{i}"}, ensure_ascii=False) + "\n" for i in range(50)).encode()

# fmt: off
COMPRESSORS = [
    ("gz", gzip.compress),
    ("bz2", bz2.compress),
    ("xz", lzma.compress),
    ("zst", lambda b: zstandard.ZstdCompressor().compress(b)),
]
# fmt: on


@pytest.mark.parametrize(("suffix", "compress"), COMPRESSORS)
def test_compressed_inputs_are_transparent(tmp_path: Path, suffix: str, compress: object) -> None:
    path = tmp_path / f"c.jsonl.{suffix}"
    path.write_bytes(compress(JSONL))  # type: ignore[operator]
    records, problems = read_all(path)
    assert problems == [] and len(records) == 50
    assert fields(records[49])["text"] == "投稿49"


def test_truncated_gzip_keeps_records_before_the_cut(tmp_path: Path) -> None:
    big = "".join(json.dumps({"id": i, "text": f"コメント{i} " * 20}, ensure_ascii=False) + "\n"
                  for i in range(3000)).encode()
    blob = gzip.compress(big)
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(blob[: len(blob) // 2])
    records, problems = read_all(path)
    assert 0 < len(records) < 3000
    assert [r.index for r in records] == list(range(len(records)))
    assert len(problems) == 1 and "ended early" in problems[0].reason
    assert problems[0].record == len(records)


# --- formats ----------------------------------------------------------------------------------------

def test_json_array_streams_items_and_resyncs_after_a_broken_one(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text('[\n{"text": "一"},\n{"text": "二" BROKEN},\n{"text": "三"}\n]', encoding="utf-8")
    records, problems = read_all(path)
    assert [fields(r)["text"] for r in records] == ["一", "三"]
    assert [p.record for p in problems] == [1]


def test_x_archive_tweets_js(tmp_path: Path) -> None:
    path = tmp_path / "tweets.js"
    items = [{"tweet": {"id_str": "1", "full_text": "明日は大宮駅で待ち合わせ @hanako_y"}},
             {"tweet": {"id_str": "2", "full_text": "おはよう"}}]
    path.write_text("window.YTD.tweets.part0 = " + json.dumps(items, ensure_ascii=False, indent=2), encoding="utf-8")
    records, problems = read_all(path, text_fields=["full_text"])
    assert problems == []
    assert [fields(r) for r in records] == [{"tweet.full_text": "明日は大宮駅で待ち合わせ @hanako_y"},
                                           {"tweet.full_text": "おはよう"}]


def test_facebook_comments_export_fixes_mojibake(tmp_path: Path) -> None:
    comment = "田中さんの電話は090-1234-5678"
    mojibake = comment.encode("utf-8").decode("latin-1")
    doc = {"comments_v2": [{"timestamp": 1700000000, "data": [{"comment": {"comment": mojibake, "author": "Hanako"}}],
                            "title": "Hanako commented on a post."}]}
    path = tmp_path / "comments.json"
    path.write_text(json.dumps(doc), encoding="utf-8")  # ensure_ascii: \u00e7… escapes, as Meta writes
    records, problems = read_all(path, text_fields=["comment"])
    assert problems == []
    assert fields(records[0]) == {"data.0.comment.comment": comment}


def test_access_log_fields(tmp_path: Path) -> None:
    line = ('203.0.113.9 - taro [21/Nov/2026:10:00:00 +0900] "GET /member?email=taro%40example.jp&sid=abc HTTP/1.1" '
            '200 512 "https://example.org/" "Mozilla/5.0"\n')
    path = tmp_path / "access.log"
    path.write_text(line + "not a log line 090-1234-5678\n", encoding="utf-8")
    records, _ = read_all(path)
    assert fields(records[0]) == {"ip": "203.0.113.9", "user": "taro", "path": "/member?email=taro%40example.jp&sid=abc",
                                  "referer": "https://example.org/", "user_agent": "Mozilla/5.0"}
    assert fields(records[1]) == {"line": "not a log line 090-1234-5678"}


def test_parquet_string_columns(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "t.parquet"
    pq.write_table(pa.table({"id": [1, 2], "name": ["山田", None], "note": ["a", "b"]}), path)
    records, _ = read_all(path)
    assert [fields(r) for r in records] == [{"name": "山田", "note": "a"}, {"note": "b"}]


def test_tsv_and_headerless_csv(tmp_path: Path) -> None:
    tsv = tmp_path / "x.tsv"
    tsv.write_text("名前\tメモ\n佐藤\tこんにちは\n", encoding="utf-8")
    assert [fields(r) for r in read_all(tsv)[0]] == [{"名前": "佐藤", "メモ": "こんにちは"}]
    headerless = tmp_path / "y.csv"
    headerless.write_text("1,090-1234-5678\n2,03-1111-2222\n", encoding="utf-8")
    assert fields(read_all(headerless)[0][0]) == {"column1": "1", "column2": "090-1234-5678"}


def test_empty_and_binary_files_are_problems_not_errors(tmp_path: Path) -> None:
    empty = tmp_path / "e.jsonl"
    empty.write_bytes(b"")
    binary = tmp_path / "b.bin"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    assert [p.reason for p in read_all(empty)[1]] == ["empty file"]
    assert "binary" in read_all(binary)[1][0].reason


def test_expand_inputs_directories_and_globs(tmp_path: Path) -> None:
    (tmp_path / "d" / "sub").mkdir(parents=True)
    for name in ("d/a.jsonl", "d/sub/b.csv", "d/.hidden", "c.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert expand_inputs([tmp_path / "d"]) == [tmp_path / "d" / "a.jsonl", tmp_path / "d" / "sub" / "b.csv"]
    assert expand_inputs([str(tmp_path / "**" / "*.csv")]) == [tmp_path / "d" / "sub" / "b.csv"]
    with pytest.raises(InputError):
        expand_inputs([tmp_path / "nope"])
    with pytest.raises(InputError):
        expand_inputs([str(tmp_path / "*.nothing")])


def test_mojibake_fix_leaves_real_text_alone() -> None:
    assert fix_mojibake("Café 東京") == "Café 東京"
    assert fix_mojibake("あ".encode().decode("latin-1")) == "あ"


# --- properties ----------------------------------------------------------------------------------------

texts = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=40)
CP932_SAFE = st.text(st.sampled_from(list("あいうえお東京都山田太郎ｱｲｳ０１２abc ,\"\n-:@。、")), min_size=1, max_size=30)
settings_ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@settings_
@given(st.lists(st.dictionaries(st.sampled_from(["a", "b", "text"]), texts, min_size=1), min_size=1, max_size=8))
def test_jsonl_round_trip(tmp_path: Path, rows: list[dict[str, str]]) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    records, problems = read_all(path, fmt="jsonl")
    assert problems == []
    assert [fields(r) for r in records] == [{k: v for k, v in row.items() if v} for row in rows]


@settings_
@given(st.lists(st.lists(CP932_SAFE, min_size=2, max_size=2), min_size=1, max_size=8), st.sampled_from(["cp932", "utf-8"]))
def test_csv_round_trip_with_quotes_and_newlines(tmp_path: Path, rows: list[list[str]], codec: str) -> None:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(["列A", "列B"])
    writer.writerows(rows)
    path = tmp_path / "p.csv"
    path.write_bytes(buf.getvalue().encode(codec))
    records, problems = read_all(path, fmt="csv", encoding=codec)
    assert problems == []
    expected = [{k: v for k, v in zip(["列A", "列B"], row) if v} for row in rows if any(c.strip() for c in row)]
    assert [fields(r) for r in records] == expected


@settings_
@given(st.lists(st.dictionaries(st.sampled_from(["x", "text"]), texts, min_size=1), max_size=30))
def test_json_array_stream_equals_json_loads(tmp_path: Path, items: list[dict[str, str]]) -> None:
    path = tmp_path / "p.json"
    path.write_text(json.dumps(items, ensure_ascii=False, indent=1), encoding="utf-8")
    from privacy_kit.readers import json_stream

    old = json_stream._CHUNK
    json_stream._CHUNK = 7  # force items to straddle buffer refills
    try:
        records, problems = read_all(path, fmt="json")
    finally:
        json_stream._CHUNK = old
    assert problems == []
    assert [fields(r) for r in records] == [{k: v for k, v in it.items() if v} for it in items]
