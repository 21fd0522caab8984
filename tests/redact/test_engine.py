"""redact_file over every format with a regex detector: what is replaced, and what is not."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from privacy_kit.errors import RewriteError
from privacy_kit.readers import Record, read_path
from privacy_kit.redact.engine import RedactOptions, redact_file
from privacy_kit.redact.pseudonyms import Pseudonymiser
from privacy_kit.redact.tags import parse_mask_styles
from privacy_kit.scan import ScanOptions, ScanSummary, detect_records

from .conftest import RegexDetector

KEY = bytes(range(32))
SJIS = ("会員ID,氏名,年齢,住所,メモ\r\n"
        "m001,山田 太郎,34,東京都千代田区丸の内1-1,\"電話090-1234-5678\r\n個人番号1234 5678 9012\"\r\n"
        "m002,鈴木花子,41,大阪府大阪市北区梅田2-2,〒530-0001 hanako@example.jp\r\n")


def redact(src: Path, out: Path, mode: str, **kw: Any) -> Any:
    options = RedactOptions(mode, **{k: v for k, v in kw.items() if k != "key"})
    return redact_file(src, out, options, pseudonymiser=Pseudonymiser(kw.get("key", KEY)),
                       detector=RegexDetector())


def rows_of(path: Path, codec: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode(codec), newline="")))


def test_mask_a_shift_jis_csv_stays_shift_jis(tmp_path: Path) -> None:
    src = tmp_path / "members.csv"
    src.write_bytes(SJIS.encode("cp932"))
    out = tmp_path / "out.csv"
    summary = redact(src, out, "mask")
    data = out.read_bytes()
    data.decode("cp932")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert b"\r\n" in data and summary.rewrite.encoding == "cp932"
    rows = rows_of(out, "cp932")
    assert rows[0] == ["会員ID", "氏名", "年齢", "住所", "メモ"]
    assert rows[1] == ["m001", "〈氏名〉", "34", "〈地名〉都千代田区丸の内1-1", "電話〈電話番号〉\r\n個人番号〈個人番号〉"]
    assert rows[2][4] == "〒〈郵便番号〉 〈メールアドレス〉"
    assert rows[2][3] == "〈地名〉府〈地名〉市北区梅田2-2"
    assert dict(summary.by_type) == {"PERSON": 2, "LOCATION": 3, "PHONE_NUMBER": 1, "JP_MY_NUMBER": 1,
                                     "JP_POSTAL_CODE": 1, "EMAIL_ADDRESS": 1}
    assert dict(summary.by_field) == {"氏名": 2, "住所": 3, "メモ": 4}


def test_mask_styles_per_type(tmp_path: Path) -> None:
    src = tmp_path / "a.jsonl"
    src.write_text('{"t": "山田太郎 090-1234-5678"}\n', encoding="utf-8")
    redact(src, tmp_path / "o.jsonl", "mask", mask_styles=parse_mask_styles(["PHONE_NUMBER=char:*"]))
    assert json.loads((tmp_path / "o.jsonl").read_text())["t"] == "〈氏名〉 *************"


def test_pseudonymise_deletes_identification_codes_and_keeps_shapes(tmp_path: Path) -> None:
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"name": "山田 太郎", "note": "山田太郎 090-1234-5678 カード4111-1111-1111-1111 "
                                                        "番号1234 5678 9012 東京 34歳", "n": 7}, ensure_ascii=False)
                   + "\n", encoding="utf-8")
    summary = redact(src, tmp_path / "o.jsonl", "pseudonymise")
    obj = json.loads((tmp_path / "o.jsonl").read_text())
    p = Pseudonymiser(KEY)
    token = p.token("PERSON", "山田太郎")
    assert obj["name"] == token  # with and without the space: one pseudonym
    assert obj["note"] == (f"{token} {p.shaped('PHONE_NUMBER', '090-1234-5678')} カード〈削除:クレジットカード番号〉 "
                           "番号〈削除:個人番号〉 東京 34歳")
    assert obj["n"] == 7 and list(obj) == ["name", "note", "n"]
    assert summary.by_action["delete"] == 2 and dict(summary.kept) == {"LOCATION": 1, "AGE": 1}


def test_same_key_same_pseudonyms_other_key_other_pseudonyms(tmp_path: Path) -> None:
    src = tmp_path / "a.csv"
    src.write_bytes(SJIS.encode("cp932"))
    one, two, other = tmp_path / "1.csv", tmp_path / "2.csv", tmp_path / "3.csv"
    redact(src, one, "pseudonymise")
    redact(src, two, "pseudonymise")
    redact(src, other, "pseudonymise", key=bytes(32))
    assert one.read_bytes() == two.read_bytes() != other.read_bytes()
    assert rows_of(one, "cp932")[1][1] != rows_of(other, "cp932")[1][1]


def test_anonymise_generalises_replaces_ids_and_meets_k(tmp_path: Path) -> None:
    lines = ["会員ID,年齢,住所,性別,メモ"]
    people = [("34", "東京都千代田区丸の内1-1", "女"), ("36", "東京都千代田区大手町2-2", "女"),
              ("31", "東京都千代田区神田3-3", "女"), ("45", "大阪府大阪市北区梅田1-1", "男"),
              ("47", "大阪府大阪市北区中之島2", "男"), ("44", "大阪府大阪市北区天満3", "男"),
              ("99", "沖縄県那覇市泉崎1", "男")]
    for i, (age, addr, sex) in enumerate(people):
        lines.append(f"m{i:03d},{age},{addr},{sex},山田太郎さんから電話090-1234-567{i}")
    src = tmp_path / "members.csv"
    src.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    out = tmp_path / "anon.csv"
    summary = redact(src, out, "anonymise", k=3, max_suppress=0.2)
    rows = rows_of(out, "utf-8")
    assert rows[0] == ["会員ID", "年齢", "住所", "性別", "メモ"]
    assert len(rows) == 1 + 6  # the one outlier (99, 沖縄) is suppressed
    classes: dict[tuple[str, ...], int] = {}
    for row in rows[1:]:
        classes[(row[1], row[2], row[3])] = classes.get((row[1], row[2], row[3]), 0) + 1
        assert re.fullmatch(r"ID_[bcdfghjkmnpqrstvwxz]{10}", row[0])  # never the member's own ID
        assert "山田" not in row[4] and "090-1234" not in row[4]
    assert min(classes.values()) >= 3
    report = summary.anonymisation
    assert report["achieved_k"] >= 3 and report["suppressed"] == 1 and report["linking_ids"] == ["会員ID"]
    assert {q["field"] for q in report["quasi"]} == {"年齢", "住所", "性別"}
    assert report["before"]["k_anonymous"] is False and report["after"]["k_anonymous"] is True
    assert summary.rewrite.deleted == 1
    # Two runs share no pseudonyms or IDs: the key is made per run and dropped.
    redact(src, tmp_path / "anon2.csv", "anonymise", k=3, max_suppress=0.2)
    assert rows_of(tmp_path / "anon2.csv", "utf-8")[1][0] != rows[1][0]


def test_quasi_and_ids_can_be_named(tmp_path: Path) -> None:
    src = tmp_path / "a.jsonl"
    src.write_text("".join(json.dumps({"uid": f"u{i}", "ts": f"2026-11-{10 + i % 2}T1{i}:00:00", "v": "x"}) + "\n"
                           for i in range(6)), encoding="utf-8")
    summary = redact(src, tmp_path / "o.jsonl", "anonymise", k=3, quasi={"ts": "time"}, id_fields=("uid",))
    out = [json.loads(line) for line in (tmp_path / "o.jsonl").read_text().splitlines()]
    assert [o["ts"] for o in out] == ["2026-11-10", "2026-11-11"] * 3
    assert all(o["uid"].startswith("ID_") for o in out) and summary.anonymisation["achieved_k"] == 3


def test_unreadable_records_are_copied_or_dropped(tmp_path: Path) -> None:
    src = tmp_path / "a.jsonl"
    src.write_bytes(b'{"t": "\xe5\xb1\xb1\xe7\x94\xb0\xe5\xa4\xaa\xe9\x83\x8e"}\n{"t": broken 090-1234-5678\n')
    summary = redact(src, tmp_path / "o.jsonl", "mask")
    assert (tmp_path / "o.jsonl").read_bytes().endswith(b"broken 090-1234-5678\n")
    assert [p.record for p in summary.rewrite.problems] == [1]
    options = RedactOptions("mask")
    summary = redact_file(src, tmp_path / "o2.jsonl", options, detector=RegexDetector(), keep_unreadable=False)
    assert (tmp_path / "o2.jsonl").read_text(encoding="utf-8") == '{"t": "〈氏名〉"}\n'
    assert summary.rewrite.dropped_unreadable == 1


def test_refuses_its_input(tmp_path: Path) -> None:
    src = tmp_path / "a.jsonl"
    src.write_text('{"t": "x"}\n', encoding="utf-8")
    with pytest.raises(RewriteError, match="refusing to overwrite"):
        redact(src, src, "mask")


def test_detect_records_yields_every_record_once_in_order() -> None:
    records = [Record("s", i, fields) for i, fields in enumerate(
        [(("t", "山田太郎"),), (), (("a", "東京"), ("b", "090-1234-5678")), (), (("t", "なし"),)])]
    out = list(detect_records(iter(records), ScanOptions(batch_size=2), detector=RegexDetector()))
    assert [r for r, _ in out] == records
    assert [[f.entity_type for f in found] for _, found in out] == [["PERSON"], [], ["LOCATION", "PHONE_NUMBER"], [], []]


# --- properties: counts, field order, encoding and non-personal values unchanged ---------------------

CELL = st.text(st.sampled_from(list('あいう東京山田太郎鈴木花子abc ,"\n-0123456789')), max_size=14)
settings_ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _apply(text: str, det: list[Any]) -> str:
    from privacy_kit.redact.tags import tag

    for d in sorted(det, key=lambda d: -d.start):
        text = text[:d.start] + tag(d.entity_type) + text[d.end:]
    return text


@settings_
@given(st.lists(st.tuples(CELL, CELL), min_size=1, max_size=6), st.sampled_from(["cp932", "utf-8"]))
def test_property_csv_mask(tmp_path: Path, rows: list[tuple[str, str]], codec: str) -> None:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(["番号", "メモ"])
    writer.writerows([[f"{i:05d}", memo + note] for i, (memo, note) in enumerate(rows)])
    src = tmp_path / "in.csv"
    src.write_bytes(buf.getvalue().encode(codec))
    out = tmp_path / "out.csv"
    summary = redact(src, out, "mask", scan=ScanOptions(encoding=codec))
    before, after = rows_of(src, codec), rows_of(out, codec)  # decodes in the same encoding
    assert len(after) == len(before) and after[0] == before[0]  # count, header (field order)
    for old, new in zip(before[1:], after[1:]):
        assert new[0] == old[0]  # the non-personal value is untouched
        assert new[1] == _apply(old[1], RegexDetector().analyze_batch([old[1]])[0])
    assert summary.rewrite.records == len(rows)


@settings_
@given(st.lists(st.fixed_dictionaries({"id": st.integers(0, 10**6), "text": CELL, "ok": st.booleans()}),
                min_size=1, max_size=6))
def test_property_jsonl_pseudonymise(tmp_path: Path, objs: list[dict[str, Any]]) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objs), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    redact(src, out, "pseudonymise")
    back = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(back) == len(objs)
    for old, new in zip(objs, back):
        assert list(new) == list(old) and new["id"] == old["id"] and new["ok"] == old["ok"]
        found = RegexDetector().analyze_batch([old["text"]])[0]
        assert (new["text"] == old["text"]) == (not [d for d in found if d.entity_type != "LOCATION"])
    seen = [r for r in read_path(out) if isinstance(r, Record)]
    assert len(seen) == len(objs)


def test_overlapping_findings_are_replaced_once() -> None:
    from privacy_kit.findings import Finding
    from privacy_kit.redact.engine import RedactionSummary, Replacer, _Decider
    from privacy_kit.redact.tags import MaskStyles
    from privacy_kit.rewrite import RewriteResult, Row

    ua = "Mozilla/5.0 (+https://bot.example.com/) 203.0.113.9"
    row = Row(0, (("ip", "203.0.113.9"), ("user_agent", ua)), Record("s", 0, (("user_agent", ua),)))
    inner = Finding("s", 0, "user_agent", 15, 38, "URL", 0.9, "t", ua[15:38])
    whole = Finding("s", 0, "user_agent", 0, len(ua), "ONLINE_IDENTIFIER", 0.7, "t", ua)
    summary = RedactionSummary("mask", RewriteResult("s", "t"), ScanSummary())
    change = _Decider(Replacer("mask", MaskStyles(), None), summary).spans(row, [inner, whole], set())
    assert change == {1: "〈オンライン識別子〉"}
    assert dict(summary.by_type) == {"ONLINE_IDENTIFIER": 1}


class ContextDetector(RegexDetector):
    """Finds "Sarah Lee" only once the name before it has become a tag (as GiNZA may), and, like
    GiNZA, reads the 氏名 inside a tag as a name (which the scan pipeline must drop)."""

    def analyze_batch(self, texts: Any) -> Any:
        out = super().analyze_batch(texts)
        for text, found in zip(texts, out):
            from privacy_kit.findings import Detection

            if "〈氏名〉 and Sarah Lee" in text:
                i = text.index("Sarah Lee")
                found.append(Detection("PERSON", i, i + 9, 0.8, "test.context"))
            for i in range(len(text)):
                if text.startswith("氏名", i):
                    found.append(Detection("PERSON", i, i + 2, 0.6, "test.label"))
        return out


@pytest.mark.parametrize("recheck", [True, False])
def test_recheck_replaces_what_shows_once_a_neighbour_is_replaced(tmp_path: Path, recheck: bool) -> None:
    src = tmp_path / "a.jsonl"
    src.write_text('{"t": "thanks to 山田太郎 and Sarah Lee"}\n', encoding="utf-8")
    summary = redact_file(src, tmp_path / "o.jsonl", RedactOptions("mask"), detector=ContextDetector(),
                          recheck=recheck)
    text = json.loads((tmp_path / "o.jsonl").read_text(encoding="utf-8"))["t"]
    assert text == ("thanks to 〈氏名〉 and 〈氏名〉" if recheck else "thanks to 〈氏名〉 and Sarah Lee")
    assert dict(summary.rechecked) == ({"PERSON": 1} if recheck else {})
    assert summary.by_type["PERSON"] == (2 if recheck else 1)


def test_scan_does_not_report_the_redactions_own_placeholders() -> None:
    records = [Record("s", 0, (("t", "申請者氏名：〈氏名〉と〈削除:個人番号〉、氏名_bcdfghjk"),))]
    (record, found), = detect_records(iter(records), ScanOptions(), detector=ContextDetector())
    assert [(f.value, f.start) for f in found] == [("氏名", 3)]  # the label word, not the tag or token
