"""Payment cards and Japanese identification numbers: checksums, keywords, and look-alikes."""

from __future__ import annotations

import pytest

from recognizers.identifiers import card_brand

from .helpers import assert_spans, found

# fmt: off
POSITIVES = [
    # spec id, text, expected values, minimum score
    ("jp.credit_card.v1", "カード番号4111111111111111です", ["4111111111111111"], 0.9),
    ("jp.credit_card.v1", "ｶｰﾄﾞ：４１１１ １１１１ １１１１ １１１１",
     ["４１１１ １１１１ １１１１ １１１１"], 0.9),
    ("jp.credit_card.v1", "VISA 4111-1111-1111-1111 有効期限 12/25", ["4111-1111-1111-1111"], 0.9),
    ("jp.credit_card.v1", "4111 1111 1111 1111 12/25", ["4111 1111 1111 1111"], 0.8),
    ("jp.credit_card.v1", "JCB:3530111333300000", ["3530111333300000"], 0.9),
    ("jp.credit_card.v1", "アメックス 3782 822463 10005", ["3782 822463 10005"], 0.9),
    ("jp.credit_card.v1", "ダイナース30569309025904", ["30569309025904"], 0.9),
    ("jp.credit_card.v1", "Master 5555555555554444", ["5555555555554444"], 0.9),
    ("jp.credit_card.v1", "2223003122003222で決済", ["2223003122003222"], 0.9),
    ("jp.credit_card.v1", "4111111111111111", ["4111111111111111"], 0.5),
    ("jp.credit_card.v1", "カード 4222222222222", ["4222222222222"], 0.9),

    ("jp.my_number.v1", "マイナンバー：1234 5678 9018", ["1234 5678 9018"], 0.9),
    ("jp.my_number.v1", "個人番号は１２３４－５６７８－９０１８です", ["１２３４－５６７８－９０１８"], 0.9),
    ("jp.my_number.v1", "987654321018（マイナンバー）", ["987654321018"], 0.9),
    ("jp.my_number.v1", "マイナンバー\n621498320257", ["621498320257"], 0.9),
    ("jp.my_number.v1", "番号 123456789018", ["123456789018"], 0.3),   # checksum alone: low

    ("jp.corporate_number.v1", "法人番号 7123456789012", ["7123456789012"], 0.9),
    ("jp.corporate_number.v1", "登録番号：T7123456789012", ["T7123456789012"], 0.9),
    ("jp.corporate_number.v1", "適格請求書発行事業者 Ｔ９０１０４０１０１２３４５",
     ["Ｔ９０１０４０１０１２３４５"], 0.9),
    ("jp.corporate_number.v1", "T4011001098993", ["T4011001098993"], 0.8),

    ("jp.resident_code.v1", "住民票コード 24727059608", ["24727059608"], 0.9),
    ("jp.resident_code.v1", "住民票コード：１２３４５６７８９０３", ["１２３４５６７８９０３"], 0.9),
    ("jp.resident_code.v1", "住民票コード 24727059609", ["24727059609"], 0.5),  # check digit [verify]
    ("jp.resident_code.v1", "住民票コード：24727059608\n本籍：不要", ["24727059608"], 0.9),
    ("jp.resident_code.v1", "住民票コード（任意）：24727059608", ["24727059608"], 0.9),

    ("jp.passport.v1", "パスポート番号：TK1234567", ["TK1234567"], 0.8),
    ("jp.passport.v1", "旅券番号ｍｚ７６５４３２１", ["ｍｚ７６５４３２１"], 0.8),
    ("jp.passport.v1", "TR9876543（パスポート）", ["TR9876543"], 0.8),
    ("jp.passport.v1", "パスポート番号（入国審査用）：XS3412478", ["XS3412478"], 0.8),
    ("jp.passport.v1", "I need to change my passport number to TH9786519 please", ["TH9786519"], 0.8),

    ("jp.drivers_license.v1", "運転免許証番号 301234567810", ["301234567810"], 0.85),
    ("jp.drivers_license.v1", "免許証：第441234567821号", ["441234567821"], 0.85),
    ("jp.drivers_license.v1", "免許証：3012 3456 7810", ["3012 3456 7810"], 0.85),
    ("jp.drivers_license.v1", "免許証番号 301234567820", ["301234567820"], 0.75),  # check fails: lower

    ("jp.residence_card.v1", "在留カード番号：AB12345678CD", ["AB12345678CD"], 0.8),
    ("jp.residence_card.v1", "在留カード ａｂ１２３４５６７８ｃｄ", ["ａｂ１２３４５６７８ｃｄ"], 0.8),
    ("jp.residence_card.v1", "在留カード番号AB12345678CDで組合員登録", ["AB12345678CD"], 0.8),
    ("jp.residence_card.v1", "My residence card number is AB12345678CD.", ["AB12345678CD"], 0.8),

    ("jp.bank_account.v1", "三菱UFJ銀行 渋谷支店 普通 1234567", ["1234567"], 0.85),
    ("jp.bank_account.v1", "振込先：○○銀行(普)７６５４３２１", ["７６５４３２１"], 0.85),
    ("jp.bank_account.v1", "口座番号：1234567", ["1234567"], 0.8),
    # 名義 after the number is not a unit (名 is a counter)
    ("jp.bank_account.v1", "普通預金 口座番号7654321 名義 ヤマダ タロウ", ["7654321"], 0.8),
    ("jp.bank_account.v1", "振込先 0005-123-1234567", ["0005-123-1234567"], 0.85),
    ("jp.bank_account.v1", "支店番号123 口座番号7654321", ["7654321"], 0.8),
    ("jp.bank_account.v1", "ゆうちょ銀行 記号12340 番号12345671", ["12340", "12345671"], 0.85),
    ("jp.bank_account.v1", "ゆうちょ 12340-12345671", ["12340-12345671"], 0.85),

    ("jp.health_insurance.v1", "保険証の記号 12345 番号 67", ["12345", "67"], 0.8),
    ("jp.health_insurance.v1", "保険証 記号都ア3521 番号52", ["都ア3521", "52"], 0.8),
    ("jp.health_insurance.v1", "保険者番号01130012、記号5512、番号203です", ["01130012", "5512", "203"], 0.8),
    ("jp.health_insurance.v1", "保険証の記号は12-34、番号は5", ["12-34", "5"], 0.8),
    ("jp.health_insurance.v1", "被保険者番号：12345678", ["12345678"], 0.8),
    ("jp.health_insurance.v1", "保険者番号 06130017", ["06130017"], 0.85),
    ("jp.health_insurance.v1", "国保の保険者番号は１３８０５７", ["１３８０５７"], 0.85),
    ("jp.health_insurance.v1", "基礎年金番号 1234-567890", ["1234-567890"], 0.8),
    ("jp.health_insurance.v1", "年金手帳の番号は1234567890", ["1234567890"], 0.8),
    ("jp.health_insurance.v1", "雇用保険被保険者番号 1234-567890-1", ["1234-567890-1"], 0.8),
    # A header-less 保険証 row: insurer number (valid 法別/都道府県/検証番号), 記号, 番号.
    ("jp.health_insurance.v1", "2026/11/19 17:02,申込,01136845,3021,187,092-481-7730", ["01136845", "3021", "187"], 0.7),
    ("jp.health_insurance.v1", '"06130017","都ア3521","52"', ["06130017", "都ア3521", "52"], 0.7),
    ("jp.health_insurance.v1", "39131016\t12-34\t5", ["39131016", "12-34", "5"], 0.7),
]
NEGATIVES = [
    ("jp.credit_card.v1", "注文番号 4111111111111111"),
    ("jp.credit_card.v1", "4111111111111112"),                 # Luhn fails
    ("jp.credit_card.v1", "1234567890123456"),                 # no card scheme starts with 1
    ("jp.credit_card.v1", "9999999999999995"),
    ("jp.credit_card.v1", "4444444444444444"),                 # all one digit
    ("jp.credit_card.v1", "5f4111111111111111ab"),             # inside a hex hash
    ("jp.credit_card.v1", "12345678901234567890123"),
    ("jp.credit_card.v1", "4222222222222"),                    # 13 digits: JAN-shaped, needs a keyword
    ("jp.credit_card.v1", "JAN 4901234567894"),
    ("jp.credit_card.v1", "4111-****-****-1111"),

    ("jp.my_number.v1", "123456789019"),                       # bad check digit, no keyword
    ("jp.my_number.v1", "マイナンバー 123456789019"),          # bad check digit, even with keyword
    ("jp.my_number.v1", "291417776317"),
    ("jp.my_number.v1", "注文番号 123456789018"),
    ("jp.my_number.v1", "4111 1111 1111 1111"),                # a card, not a My Number + 4
    ("jp.my_number.v1", "1234567890180"),
    ("jp.my_number.v1", "123456789018円"),
    ("jp.my_number.v1", "000000000000"),

    ("jp.corporate_number.v1", "法人番号 6123456789012"),      # bad check digit
    ("jp.corporate_number.v1", "会員番号 7123456789012"),
    ("jp.corporate_number.v1", "ABCT7123456789012"),

    ("jp.resident_code.v1", "24727059608"),                    # needs a keyword
    ("jp.resident_code.v1", "住民票の写し 電話09012345678"),
    ("jp.resident_code.v1", "住民票コード 11111111111"),

    ("jp.passport.v1", "TK1234567"),
    ("jp.passport.v1", "型番 AB1234567 パスポートケース"),
    ("jp.passport.v1", "パスポート TK12345678"),
    ("jp.passport.v1", "パスポート XTK1234567"),

    ("jp.drivers_license.v1", "301234567810"),
    ("jp.drivers_license.v1", "免許の更新は 2024年"),
    ("jp.drivers_license.v1", "免許証 1234567890"),

    ("jp.residence_card.v1", "在留カード AB1234567CD"),
    ("jp.residence_card.v1", "ABC12345678CD"),

    ("jp.bank_account.v1", "1234567"),
    ("jp.bank_account.v1", "注文番号1234567 銀行振込"),
    ("jp.bank_account.v1", "〒1234567 銀行前"),
    ("jp.bank_account.v1", "1234567円を口座に振込"),
    ("jp.bank_account.v1", "振込日20240115"),
    ("jp.bank_account.v1", "銀行 電話 0312345678"),
    ("jp.bank_account.v1", "口座 7777777"),
    ("jp.bank_account.v1", "記号12340 番号12345671"),          # ゆうちょ needs its own keyword

    ("jp.health_insurance.v1", "保険証の有効期限20240401"),
    ("jp.health_insurance.v1", "12345678"),
    ("jp.health_insurance.v1", "保険証を忘れた。受付番号 1234"),
    ("jp.health_insurance.v1", "保険証 電話 0312345678"),
    ("jp.health_insurance.v1", "番号 1234 保険"),
    ("jp.health_insurance.v1", "20261119,3021,187"),           # 法別番号 20 is not health insurance
    ("jp.health_insurance.v1", "01136846,3021,187"),           # 検証番号 wrong
    ("jp.health_insurance.v1", "01486844,3021,187"),           # 都道府県番号 48
    ("jp.health_insurance.v1", "01136845,3021"),               # no 番号 field: not the card layout
    ("jp.health_insurance.v1", "注文01136845,3021,187"),       # not a whole field
    ("jp.health_insurance.v1", "01136845,3021,187円"),         # an amount, not a 番号 field
]
# fmt: on


@pytest.mark.parametrize(("spec_id", "text", "expected", "min_score"), POSITIVES)
def test_positives(build, spec_id: str, text: str, expected: list[str], min_score: float) -> None:  # type: ignore[no-untyped-def]
    rec = build(spec_id)
    results = found(rec, text)
    assert_spans(results, text, expected)
    assert all(r.score >= min_score for r in results), [r.score for r in results]
    assert {r.entity_type for r in results} == set(rec.supported_entities)


@pytest.mark.parametrize(("spec_id", "text"), NEGATIVES)
def test_negatives(build, spec_id: str, text: str) -> None:  # type: ignore[no-untyped-def]
    assert found(build(spec_id), text) == []


# fmt: off
SCORE_ORDER = [
    # spec id, weaker text, stronger text
    ("jp.my_number.v1", "123456789018", "マイナンバー 123456789018"),
    ("jp.corporate_number.v1", "7123456789012", "法人番号 7123456789012"),
    ("jp.credit_card.v1", "4111111111111111", "4111 1111 1111 1111"),
    ("jp.credit_card.v1", "4111 1111 1111 1111", "クレジットカード 4111 1111 1111 1111"),
    ("jp.resident_code.v1", "住民票コード 24727059609", "住民票コード 24727059608"),
    ("jp.drivers_license.v1", "免許証 301234567820", "免許証 301234567810"),
    ("jp.residence_card.v1", "AB12345678CD", "在留カード AB12345678CD"),
]
# fmt: on


@pytest.mark.parametrize(("spec_id", "weaker", "stronger"), SCORE_ORDER)
def test_more_evidence_scores_higher(build, spec_id: str, weaker: str, stronger: str) -> None:  # type: ignore[no-untyped-def]
    rec = build(spec_id)
    assert found(rec, weaker)[0].score < found(rec, stronger)[0].score


def test_checksum_alone_stays_below_the_default_threshold(build) -> None:  # type: ignore[no-untyped-def]
    assert found(build("jp.my_number.v1"), "123456789018")[0].score < 0.5
    assert found(build("jp.corporate_number.v1"), "7123456789012")[0].score < 0.5
    assert found(build("jp.residence_card.v1"), "AB12345678CD")[0].score < 0.5


# fmt: off
BRANDS = [
    ("4111111111111111", "visa"), ("4222222222222", "visa"), ("5555555555554444", "mastercard"),
    ("2223003122003222", "mastercard"), ("3530111333300000", "jcb"), ("3589000000000000", "jcb"),
    ("378282246310005", "amex"), ("30569309025904", "diners"), ("6011111111111117", "discover"),
    ("6212345678901232", "unionpay"), ("3527000000000000", None), ("37828224631000", None),
    ("1234567890123456", None), ("411111111111", None),
]
# fmt: on


@pytest.mark.parametrize(("digits", "brand"), BRANDS)
def test_card_brand(digits: str, brand: str | None) -> None:
    assert card_brand(digits) == brand
