"""Values in logs and exports: key=value, JSON and CSV rows, where the field name is the label."""

from __future__ import annotations

import pytest

from recognizers.context import field_label
from recognizers.normalize import normalize

from .helpers import assert_spans, found

CSV_PAYMENTS = (
    "氏名,個人番号,法人番号,年齢,組合員番号,銀行,種目,口座番号\n"
    "山田 太郎,123456789018,7123456789012,61,40219934,○○銀行,普通,7654321\n"
    "佐藤 花子,987654321018,,72,40219951,△△信金,普通,1234567,30,000"   # an unquoted amount
)

# fmt: off
POSITIVES = [
    # spec id, text, expected values
    ("jp.my_number.v1", CSV_PAYMENTS, ["123456789018", "987654321018"]),
    ("jp.corporate_number.v1", CSV_PAYMENTS, ["7123456789012"]),
    ("jp.age.v1", CSV_PAYMENTS, ["61", "72"]),
    ("jp.bank_account.v1", CSV_PAYMENTS, ["7654321", "1234567"]),       # not the 組合員番号 column
    ("jp.resident_code.v1", "INFO juminhyo.request resident_code=24727059608 zip=060-0042", ["24727059608"]),
    ("jp.passport.v1", "ekyc doc_type=passport number=TK1234567 surname=YAMADA", ["TK1234567"]),
    ("jp.residence_card.v1", 'ekyc doc_type=residence_card number=AB12345678CD name="X"', ["AB12345678CD"]),
    ("jp.drivers_license.v1", "review doc=drivers_license doc_no=301234567810 ok", ["301234567810"]),
    ("jp.my_number.v1", 'form.validate field=mynumber value="1234-5678-9018" ok=true', ["1234-5678-9018"]),
    ("jp.health_insurance.v1", '{"insurer_no":"06130017","symbol":"7301","number":"1402"}',
     ["06130017", "7301", "1402"]),
    ("jp.health_insurance.v1", 'row=3 hokensha_no=06130017 kigo="2410" bango="35"',
     ["06130017", "2410", "35"]),
    ("jp.health_insurance.v1", "保険者番号,記号,番号\n06130017,都ア12,34", ["06130017", "都ア12", "34"]),
    ("jp.health_insurance.v1", "kiso_nenkin_no=1234-567890 status=ok", ["1234-567890"]),
    ("jp.date_of_birth.v1", "name,birthday,age\n山田,1985/03/12,41", ["1985/03/12"]),
    ("jp.date_of_birth.v1", 'field=birth value="平成2年4月8日" ok=true', ["平成2年4月8日"]),
    ("jp.age.v1", "name,birthday,age\n山田,1985/03/12,41", ["41"]),
    ("jp.age.v1", 'user_age=29 {"年齢": 52}', ["29", "52"]),
    ("jp.sns_account.v1", "platform=x author=@taro_yamada mentions=@hanako_s", ["@taro_yamada", "@hanako_s"]),
    ("jp.bank_account.v1", "debit member=40221004 account=12340-12345671 amount=4,000", ["12340-12345671"]),
    ("jp.corporate_number.v1", "協賛：株式会社サンプル,7123456789012", ["7123456789012"]),
    ("jp.url.v1", '"Feedbot/1.0 (+http://www.example.com/bot.html; 3 subscribers)"',
     ["http://www.example.com/bot.html"]),
]
NEGATIVES = [
    # the column header says member number; the 銀行 and 普通 columns say nothing about it
    ("jp.bank_account.v1", "組合員番号,銀行,種目\n40219934,○○銀行,普通"),
    ("jp.health_insurance.v1", '{"symbol":"7203","price":"2500"}'),            # a ticker, no 番号 pair
    ("jp.health_insurance.v1", "番号,氏名\n12,山田"),                           # 番号 alone is any number
    ("jp.age.v1", "page=3 image=12 usage=45"),        # "age" must be a word of the key
    ("jp.age.v1", "年齢制限：18歳以上、定員30名"),
    ("jp.date_of_birth.v1", "event,birthday,age\n2026-11-20 14:02:11,x,y"),    # timestamp in the wrong column
    ("jp.date_of_birth.v1", "2026-11-21T17:02:45+09:00 INFO birth check"),
    ("jp.ip_address.v1", '"Mozilla/5.0 AppleWebKit/537.36 Chrome/131.0.0.0 Safari/537.36"'),
    ("jp.email.v1", "msgid=<20261121101601.3f9a@mx.example.jp> status=sent"),
    ("jp.my_number.v1", "tracking=123456789018 carrier=yamato"),
]
# fmt: on


@pytest.mark.parametrize(("spec_id", "text", "expected"), POSITIVES)
def test_structured_positives(build, spec_id: str, text: str, expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    results = [r for r in found(build(spec_id), text) if r.score >= 0.5]
    assert_spans(results, text, expected)


@pytest.mark.parametrize(("spec_id", "text"), NEGATIVES)
def test_structured_negatives(build, spec_id: str, text: str) -> None:  # type: ignore[no-untyped-def]
    assert [r for r in found(build(spec_id), text) if r.score >= 0.5] == []


# fmt: off
LABELS = [
    # text, value, (name, kind) or None
    ('kigo="2410" bango="35"', "35", ("bango", "key")),
    ('{"insurer_no":"06139014"}', "06139014", ("insurer_no", "key")),
    ("DOB: 1985-03-12", "1985-03-12", ("dob", "key")),
    ("id,氏名,住民票コード\n1,山田,24727059608", "24727059608", ("住民票コード", "column")),
    ('id,氏名,住民票コード\n1,"山田, 太郎",24727059608', "24727059608", ("住民票コード", "column")),
    ("a,b,c\n1,2,3\n4,5,6", "6", ("c", "column")),
    ("電話：090-1234-5678", "090-1234-5678", None),          # a Japanese label is handled by the window
    ("1,2,3\n4,5,6", "6", None),                              # no header row
    ("見出し\n\n1,2,3", "3", None),
]
# fmt: on


@pytest.mark.parametrize(("text", "value", "expected"), LABELS)
def test_field_label(text: str, value: str, expected: tuple[str, str] | None) -> None:
    norm = normalize(text)
    start = norm.text.rindex(normalize(value).text)
    label = field_label(norm, start, start + len(normalize(value).text))
    assert (None if label is None else (label.name, label.kind)) == expected


def test_field_name_is_explained(build) -> None:  # type: ignore[no-untyped-def]
    r = found(build("jp.resident_code.v1"), "resident_code=24727059608")[0]
    assert "field name" in r.analysis_explanation.textual_explanation
    assert r.analysis_explanation.supportive_context_word == "resident code"
