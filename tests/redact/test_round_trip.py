"""Round trips with the real detector (GiNZA): scanning a pseudonymised copy with the same settings
finds none of the replaced types; an anonymised copy meets the required k."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from privacy_kit.detect import Detector
from privacy_kit.redact.actions import replaced_types
from privacy_kit.redact.engine import RedactOptions, redact_file
from privacy_kit.redact.pseudonyms import Pseudonymiser
from privacy_kit.risk import k_anonymity
from privacy_kit.scan import ScanOptions, ScanSummary, scan_findings
from recognizers import build_analyzer
from recognizers.nlp_engine import GinzaNlpEngine
from tests.data.checkdigits import luhn_check, my_number_check

pytestmark = pytest.mark.ginza

MY_NUMBER = "12345678901" + str(my_number_check("12345678901"))
CARD = "411111111111111" + str(luhn_check("411111111111111"))
HEADER = ["受付ID", "氏名", "年齢", "住所", "郵便番号", "電話", "メール", "コメント"]
PEOPLE = [
    ("r001", "山田 太郎", "34", "東京都千代田区丸の内1-1-1", "〒100-0005", "090-1234-5678", "taro.yamada@example.jp",
     f"山田太郎です。マイナンバーは{MY_NUMBER[:4]} {MY_NUMBER[4:8]} {MY_NUMBER[8:]}、携帯090-1234-5678まで。"),
    ("r002", "鈴木花子", "36", "東京都千代田区大手町2-3-4", "〒100-0004", "03-3211-4567", "hanako@example.co.jp",
     f"鈴木花子と申します。カード番号{CARD[:4]}-{CARD[4:8]}-{CARD[8:12]}-{CARD[12:]}で支払いました。"),
    ("r003", "佐藤一郎", "31", "東京都千代田区神田3-5", "〒101-0047", "080-2345-6789", "ichiro@example.com",
     "佐藤一郎さんにメールichiro@example.comで連絡してください。"),
    ("r004", "高橋美咲", "45", "大阪府大阪市北区梅田1-2-3", "〒530-0001", "06-6345-1234", "misaki@example.ne.jp",
     "高橋美咲です。〒530-0001 大阪府大阪市北区梅田1-2-3に住んでいます。"),
    ("r005", "田中健", "47", "大阪府大阪市北区中之島4-5", "〒530-0005", "070-3456-7890", "ken.tanaka@example.jp",
     "田中健の電話は070-3456-7890です。"),
    ("r006", "伊藤さくら", "44", "大阪府大阪市北区天満6-7", "〒530-0043", "06-6123-9876", "sakura@example.org",
     "伊藤さくらより、会員登録の件で問い合わせ。"),
]


@pytest.fixture(scope="module")
def real_detector(ginza_engine: GinzaNlpEngine) -> Detector:
    return Detector(analyzer=build_analyzer(nlp_engine=ginza_engine))


@pytest.fixture
def members(tmp_path: Path) -> Path:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(PEOPLE)
    path = tmp_path / "members.csv"
    path.write_bytes(buf.getvalue().encode("cp932"))
    return path


def found(path: Path, detector: Detector) -> list[tuple[str, str, str]]:
    return [(f.field or "", f.entity_type, f.value)
            for f in scan_findings([path], ScanOptions(), detector=detector, summary=ScanSummary())]


def test_pseudonymised_copy_has_none_of_the_replaced_types(members: Path, tmp_path: Path,
                                                           real_detector: Detector) -> None:
    before = found(members, real_detector)
    types = {t for _, t, _ in before}
    assert {"PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "JP_POSTAL_CODE", "JP_MY_NUMBER", "CREDIT_CARD"} <= types
    out = tmp_path / "pseudo.csv"
    summary = redact_file(members, out, RedactOptions("pseudonymise"), pseudonymiser=Pseudonymiser(bytes(32)),
                          detector=real_detector)
    assert summary.rewrite.encoding == "cp932" and summary.by_action["delete"] >= 2
    out.read_bytes().decode("cp932")
    replaced = set(replaced_types("pseudonymise", tuple(types)))
    left = [(f, t, v) for f, t, v in found(out, real_detector) if t in replaced]
    assert left == []
    text = out.read_bytes().decode("cp932")
    assert MY_NUMBER[:4] + " " not in text and CARD[:4] + "-" not in text
    assert "〈削除:個人番号〉" in text and "〈削除:クレジットカード番号〉" in text


def test_masked_copy_has_no_findings_at_all(members: Path, tmp_path: Path, real_detector: Detector) -> None:
    out = tmp_path / "masked.csv"
    redact_file(members, out, RedactOptions("mask"), detector=real_detector)
    assert found(out, real_detector) == []


def test_anonymised_copy_meets_k(members: Path, tmp_path: Path, real_detector: Detector) -> None:
    out = tmp_path / "anon.csv"
    summary = redact_file(members, out, RedactOptions("anonymise", k=3), detector=real_detector)
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("cp932"), newline="")))
    quasi = [q["field"] for q in summary.anonymisation["quasi"]]
    assert set(quasi) >= {"年齢", "住所", "郵便番号"}
    table = pa.table({q: [r[q] for r in rows] for q in quasi})
    assert k_anonymity(duckdb.connect().from_arrow(table), quasi, 3).is_k_anonymous
    assert all(r["受付ID"].startswith("ID_") for r in rows)
    left = {t for _, t, _ in found(out, real_detector)}
    assert not left & {"PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "JP_MY_NUMBER", "CREDIT_CARD", "JP_ADDRESS"}
