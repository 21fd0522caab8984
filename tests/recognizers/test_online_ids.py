"""jp.online_identifier.v1 (cookie, client, advertising, device and session ids) and the
record-level user agent + IP rule: 個人関連情報 (APPI Art 2(7), Art 31)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recognizers.entities import APPI_CATEGORY_KEY
from recognizers.online_ids import OnlineIdentifierRecognizer, user_agent_with_ip

from .helpers import assert_spans, found

REC = OnlineIdentifierRecognizer()
UA = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 Version/17.1 Safari/604.1"

# fmt: off
POSITIVES = [
    # Google Analytics cookies, in a Cookie header, alone, and in Japanese text
    ("Cookie: _ga=GA1.2.1234567890.1700000000; _gid=GA1.2.987654321.1700000001",
     ["GA1.2.1234567890.1700000000", "GA1.2.987654321.1700000001"]),
    ("クッキーの値はGA1.3.1122334455.1699999999でした", ["GA1.3.1122334455.1699999999"]),
    ("_ga_ABC123XYZ=GS1.1.1700000000.3.1.1700000100.0.0.0", ["GS1.1.1700000000.3.1.1700000100.0.0.0"]),
    ("__utma=173272373.1234567890.1700000000.1700000000.1700000000.1",
     ["173272373.1234567890.1700000000.1700000000.1700000000.1"]),
    ('{"client_id": "1234567890.1700000000", "event": "page_view"}', ["1234567890.1700000000"]),
    ("/collect?v=1&cid=555666777.1700000000&t=pageview", ["555666777.1700000000"]),
    # Meta pixel
    ("_fbp=fb.1.1596403881668.1116446470", ["fb.1.1596403881668.1116446470"]),
    ("fb.2.1700000000000.IwAR3xYzAbCdEf のクリックID", ["fb.2.1700000000000.IwAR3xYzAbCdEf"]),
    ("_gcl_au=1.1.1234567890.1700000000;", ["1.1.1234567890.1700000000"]),
    # advertising and device ids with a label
    ("idfa=6D92078A-8246-4BA4-AE5B-76104861E7DC", ["6D92078A-8246-4BA4-AE5B-76104861E7DC"]),
    ("広告ID：38400000-8cf0-11bd-b23e-10b96e40000d", ["38400000-8cf0-11bd-b23e-10b96e40000d"]),
    ("端末ID ６Ｄ９２０７８Ａ-８２４６-４ＢＡ４-ＡＥ５Ｂ-７６１０４８６１Ｅ７ＤＣ",
     ["６Ｄ９２０７８Ａ-８２４６-４ＢＡ４-ＡＥ５Ｂ-７６１０４８６１Ｅ７ＤＣ"]),
    ('{"gps_adid": "cdda802e-fb9c-47ad-9866-0794d394c912"}', ["cdda802e-fb9c-47ad-9866-0794d394c912"]),
    ("android_id=9774d56d682e549c", ["9774d56d682e549c"]),
    # session ids
    ("Cookie: PHPSESSID=9f8e7d6c5b4a3210abcd; lang=ja", ["9f8e7d6c5b4a3210abcd"]),
    ("GET /shop/cart;jsessionid=A1B2C3D4E5F6G7H8I9J0?item=3 HTTP/1.1", ["A1B2C3D4E5F6G7H8I9J0"]),
    ("/mypage?sid=8f3a9c2e7b1d4f60a5e3&lang=ja", ["8f3a9c2e7b1d4f60a5e3"]),
    ("https://example.jp/login?session_id=Zk3J9xQ2mP7wL4vB8nR1", ["Zk3J9xQ2mP7wL4vB8nR1"]),
    ("ASP.NET_SessionId=ab12cd34ef56gh78ij90kl12", ["ab12cd34ef56gh78ij90kl12"]),
    ("connect.sid=s%3AabcDEF123456.xyz789QRS", ["s%3AabcDEF123456.xyz789QRS"]),
]
NEGATIVES = [
    "request_id=6D92078A-8246-4BA4-AE5B-76104861E7DC",         # a UUID without an ad/device label
    "ファイル名 6d92078a-8246-4ba4-ae5b-76104861e7dc.png",
    "IDFA 00000000-0000-0000-0000-000000000000",                # tracking limited: identifies no one
    "session=expired", "sid=3", "?sid=abcdefghijklmnopqrstu",   # not token-like
    "session_timeout=30", "sessionStorage.setItem('a', 1)",
    "バージョンGA1.2.3", "GA1.2.3.4", "ga1_2_1234567890",
    "PHPSESSID=deleted", "client_id=abc", "cid=12.34",
    "#緩和ケア セミナーのお知らせ", "9774d56d682e549c",           # hex without android_id label
    "fb.com/taro", "1.1.1234567890.1700000000",
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), POSITIVES)
def test_positives(text: str, expected: list[str]) -> None:
    results = found(REC, text)
    assert_spans(results, text, expected)
    assert all(r.recognition_metadata[APPI_CATEGORY_KEY] == "個人関連情報" for r in results)
    assert all(r.score >= 0.8 for r in results)


@pytest.mark.parametrize("text", NEGATIVES)
def test_negatives(text: str) -> None:
    assert found(REC, text) == []


_token = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=20, max_size=40)
_japanese = st.text(alphabet="あいうえおかきくけこ漢字。、テスト　", max_size=15)


@given(_japanese, _token.filter(lambda t: any(c.isdigit() for c in t) and any(c.isalpha() for c in t)),
       _japanese)
def test_session_value_offsets_index_the_original_text(before: str, token: str, after: str) -> None:
    text = f"{before}PHPSESSID={token}{after}"
    results = found(REC, text)
    assert [text[r.start:r.end] for r in results] == [token]


@given(st.integers(1_000_000, 9_999_999_999), st.integers(1_000_000_000, 1_999_999_999), _japanese)
def test_ga_cookie_shape_is_found_anywhere_in_japanese_text(client: int, first_visit: int, around: str) -> None:
    value = f"GA1.2.{client}.{first_visit}"
    text = f"{around}{value}{around}"
    assert [text[r.start:r.end] for r in found(REC, text)] == [value]


# -- user agent + IP in one record -------------------------------------------------------------

# fmt: off
FINGERPRINTS = [
    ([("ip", "203.0.113.7"), ("path", "/"), ("user_agent", UA)], ("user_agent", 0, len(UA))),
    ([("client_ip", "2001:db8::7"), ("ua", f" {UA} ")], ("ua", 1, 1 + len(UA))),
    ([("request.remote_addr", "198.51.100.2"), ("request.user_agent", UA)], ("request.user_agent", 0, len(UA))),
]
NOT_FINGERPRINTS = [
    [("user_agent", UA)],                                              # no IP in the record
    [("ip", "203.0.113.7")],                                           # no user agent
    [("ip", "127.0.0.1"), ("user_agent", UA)],                         # loopback: a health check
    [("ip", "-"), ("user_agent", UA)],
    [("ip", "203.0.113.7"), ("user_agent", "Googlebot/2.1 (+http://www.google.com/bot.html)")],
    [("ip", "203.0.113.7"), ("user_agent", "curl/8.4.0")],
    [("ip", "203.0.113.7"), ("user_agent", "Mozilla/5.0 (compatible; bingbot/2.0)")],
    [("ip", "203.0.113.7"), ("comment", UA)],                          # not a user-agent field
]
# fmt: on


@pytest.mark.parametrize(("fields", "expected"), FINGERPRINTS)
def test_user_agent_with_ip(fields: list[tuple[str, str]], expected: tuple[str, int, int]) -> None:
    assert user_agent_with_ip(fields) == expected


@pytest.mark.parametrize("fields", NOT_FINGERPRINTS)
def test_not_a_fingerprint(fields: list[tuple[str, str]]) -> None:
    assert user_agent_with_ip(fields) is None
