"""Properties of every pattern recognizer, for any input: offsets stay in bounds and index the
original text, and writing digits and hyphens in full width changes nothing but the characters."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .helpers import PATTERN_SPECS

RECOGNIZERS = [spec.build() for spec in PATTERN_SPECS]

# Fragments of realistic posts and log lines (no URLs: a URL written in full width is cut at
# the first full-width character on purpose, so it is not width-invariant).
FRAGMENTS = [
    "携帯090-1234-5678", "電話：03-1234-5678", "(048)424-2763", "+81 90-1234-5678", "注文番号 0312345678",
    "taro@example.com", "@taro_yamada", "192.168.0.1", "2001:db8::1", "カード番号4111111111111111",
    "マイナンバー 1234 5678 9018", "法人番号 7123456789012", "住民票コード 24727059608",
    "パスポート TK1234567",
    "免許証 301234567810", "在留カード AB12345678CD", "普通 1234567", "ゆうちょ 12340-12345671",
    "保険証 記号 12345 番号 67", "生年月日：昭和52年4月8日", "1985/03/12生まれ", "45歳", "30代", "年齢=45",
    "山田太郎（45）", "、", "。", "\n", " ", "です", "から", "（", "）", "2024-01-15", "¥1,234,567",
    "〒123-4567",
    "id,氏名,個人番号\n1,山田,123456789018", "kigo=\"2410\" bango=\"35\"",
]
texts = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=8).map("".join)
_FULL = str.maketrans("0123456789-", "０１２３４５６７８９－")


def _results(text: str) -> list[tuple[str, int, int, str]]:
    out = []
    for rec in RECOGNIZERS:
        for r in rec.analyze(text, list(rec.supported_entities), None):
            out.append((r.entity_type, r.start, r.end, rec.name))
    return sorted(out)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(texts, st.text(max_size=60)))
def test_results_index_the_original_text(text: str) -> None:
    for rec in RECOGNIZERS:
        for r in rec.analyze(text, list(rec.supported_entities), None):
            assert 0 <= r.start < r.end <= len(text)
            assert r.entity_type in rec.supported_entities
            assert 0 < r.score <= 1
            value = text[r.start : r.end]
            assert value == value.strip(), f"{rec.name} span has outer whitespace: {value!r}"


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_full_width_digits_and_hyphens_give_the_same_spans(text: str) -> None:
    wide = text.translate(_FULL)
    assert len(wide) == len(text)
    assert _results(wide) == _results(text)
