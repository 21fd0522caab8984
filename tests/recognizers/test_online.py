"""jp.email.v1, jp.url.v1, jp.sns_account.v1, jp.ip_address.v1: ASCII tokens inside Japanese text."""

from __future__ import annotations

import pytest

from recognizers.online import is_profile_url

from .helpers import assert_spans, found

# fmt: off
EMAIL_POSITIVES = [
    ("連絡先はtaro@example.comです", ["taro@example.com"]),
    ("メール：ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏ．ｊｐまで", ["ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏ．ｊｐ"]),
    ("taro.yamada+news@mail.example.co.jp。", ["taro.yamada+news@mail.example.co.jp"]),
    ("ドコモ時代のtaro..yamada.@docomo.ne.jpも", ["taro..yamada.@docomo.ne.jp"]),
    ("（hanako_s@example.org）", ["hanako_s@example.org"]),
    ("<a@b.io>,c@d.jp", ["a@b.io", "c@d.jp"]),
    ("user,taro@example.com,2024-01-01", ["taro@example.com"]),
    ("Mail: taro(at)example.com", ["taro(at)example.com"]),
    ("taro [at] example.com へ", ["taro [at] example.com"]),
    ("info@xn--eckwd4c7c.xn--zckzah", ["info@xn--eckwd4c7c.xn--zckzah"]),
    ("GET /apply?mail=yuki.tsuchiya%40example.com&step=2", ["yuki.tsuchiya%40example.com"]),
]
EMAIL_NEGATIVES = [
    "image@2x.png", "icon@3x.jpg", "@taro_yamada", "taro@localhost", "taro@", "@example.com",
    "a@b.c", "メールは後で", "foo@bar", "taro@example.123",
    "msgid=<20261121101601.3f9a@mx.example.jp>", "Message-ID: <abc.def@mail.example.com>",
]
URL_POSITIVES = [
    ("詳細はhttps://example.com/path?q=1です", ["https://example.com/path?q=1"]),
    ("（https://example.com/a_(b)）", ["https://example.com/a_(b)"]),
    ("リンク：https://example.com。次", ["https://example.com"]),
    ("「http://example.jp/info」参照", ["http://example.jp/info"]),
    ("www.example.co.jp/abc、ほか", ["www.example.co.jp/abc"]),
    ("see https://example.com/x.", ["https://example.com/x"]),
    ("https://example.com/検索", ["https://example.com/"]),
    ("http://192.168.0.1:8080/admin", ["http://192.168.0.1:8080/admin"]),
    ("https://example.com/a,https://example.org/b", ["https://example.com/a,https://example.org/b"]),
    # a link to one post is content, not the account
    ("https://twitter.com/taro_yamada/status/1234567890です", ["https://twitter.com/taro_yamada/status/1234567890"]),
    ("https://www.instagram.com/p/ABC123/", ["https://www.instagram.com/p/ABC123/"]),
    ("https://youtu.be/abc123", ["https://youtu.be/abc123"]),
    ("https://note.com/taro_yamada/n/n1234abcd", ["https://note.com/taro_yamada/n/n1234abcd"]),
]
URL_NEGATIVES = [
    "https://x.com/taro_yamada", "https://www.instagram.com/taro.yamada/", "example.com",
    "http://", "wwwexample", "ファイルはreport.pdfです", "https://localhost",
]
SNS_POSITIVES = [
    ("@taro_yamada さんへ", ["@taro_yamada"]),
    ("返信@taro_yamadaさん", ["@taro_yamada"]),
    ("インスタ＠ｔａｒｏ．ｙａｍａｄａ見てね", ["＠ｔａｒｏ．ｙａｍａｄａ"]),
    ("Follow me @Taro.Yamada.", ["@Taro.Yamada"]),
    ("https://x.com/taro_yamada", ["https://x.com/taro_yamada"]),
    ("https://note.com/taro_yamada をフォロー", ["https://note.com/taro_yamada"]),
    ("x.com/taro_yamada をフォロー", ["x.com/taro_yamada"]),
    ("https://www.instagram.com/taro.yamada/", ["https://www.instagram.com/taro.yamada/"]),
    ("https://www.facebook.com/profile.php?id=1000123", ["https://www.facebook.com/profile.php?id=1000123"]),
    ("TikTok：https://www.tiktok.com/@taro.y", ["https://www.tiktok.com/@taro.y"]),
    ("https://www.youtube.com/@taro-ch）", ["https://www.youtube.com/@taro-ch"]),
    ("https://www.threads.net/@taro.yamada", ["https://www.threads.net/@taro.yamada"]),
]
SNS_NEGATIVES = [
    "連絡先はtaro@example.comです", "#緩和ケア", "#taro_yamada", "@渋谷で", "あと@3人", "@3000円",
    "@gmail.com", "@everyone", "x.com/home", "https://x.com/search?q=abc", "instagram.com/p/ABC123",
    "https://www.facebook.com/sharer.php?u=x", "inbox.com/taro", "https://example.com/@taro",
    "https://x.com/taro_yamada/status/1234567890", "https://note.com/taro_yamada/n/n1234abcd",
]
IP_POSITIVES = [
    ("接続元192.168.0.1から", ["192.168.0.1"]),
    ("IP：10.0.0.255", ["10.0.0.255"]),
    ("client=203.0.113.5:443 status=200", ["203.0.113.5"]),
    ("１９２．１６８．０．１", ["１９２．１６８．０．１"]),
    ("2024-01-01 12:00:00 198.51.100.7 GET /", ["198.51.100.7"]),
    ("IPv6：2001:db8::1 から", ["2001:db8::1"]),
    ("fe80::1%eth0", ["fe80::1"]),
    ("[2001:db8:85a3::8a2e:370:7334]:443", ["2001:db8:85a3::8a2e:370:7334"]),
    ("2001:0db8:0000:0000:0000:ff00:0042:8329", ["2001:0db8:0000:0000:0000:ff00:0042:8329"]),
    ("::ffff:192.0.2.1", ["::ffff:192.0.2.1"]),
]
IP_NEGATIVES = [
    "バージョン1.2.3.4", "v1.2.3.4", "Version 10.0.0.1", "256.1.1.1", "1.2.3", "1.2.3.4.5",
    "255.255.255.0", "12:30:45", "00:1A:2B:3C:4D:5E", "::1", "10:30::", "3.14159",
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), EMAIL_POSITIVES)
def test_email_positives(build, text: str, expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert_spans(found(build("jp.email.v1"), text), text, expected)


@pytest.mark.parametrize("text", EMAIL_NEGATIVES)
def test_email_negatives(build, text: str) -> None:  # type: ignore[no-untyped-def]
    assert found(build("jp.email.v1"), text) == []


@pytest.mark.parametrize(("text", "expected"), URL_POSITIVES)
def test_url_positives(build, text: str, expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert_spans(found(build("jp.url.v1"), text), text, expected)


@pytest.mark.parametrize("text", URL_NEGATIVES)
def test_url_negatives(build, text: str) -> None:  # type: ignore[no-untyped-def]
    assert found(build("jp.url.v1"), text) == []


@pytest.mark.parametrize(("text", "expected"), SNS_POSITIVES)
def test_sns_positives(build, text: str, expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert_spans(found(build("jp.sns_account.v1"), text), text, expected)


@pytest.mark.parametrize("text", SNS_NEGATIVES)
def test_sns_negatives(build, text: str) -> None:  # type: ignore[no-untyped-def]
    assert found(build("jp.sns_account.v1"), text) == []


@pytest.mark.parametrize(("text", "expected"), IP_POSITIVES)
def test_ip_positives(build, text: str, expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert_spans(found(build("jp.ip_address.v1"), text), text, expected)


@pytest.mark.parametrize("text", IP_NEGATIVES)
def test_ip_negatives(build, text: str) -> None:  # type: ignore[no-untyped-def]
    assert found(build("jp.ip_address.v1"), text) == []


def test_handle_with_sns_word_scores_higher(build) -> None:  # type: ignore[no-untyped-def]
    rec = build("jp.sns_account.v1")
    assert found(rec, "Xのアカウントは@taro_yamada")[0].score > found(rec, "@taro_yamada")[0].score
    # a reply to the account holder outranks a name found inside the handle (PERSON scores 0.9)
    assert found(rec, "@dr_sato_onc 先生、拝見しました")[0].score > 0.9


def test_profile_url_is_sns_not_url(build) -> None:  # type: ignore[no-untyped-def]
    text = "プロフィール https://x.com/taro_yamada と https://example.com/"
    assert [r.entity_type for r in found(build("jp.sns_account.v1"), text)] == ["SNS_ACCOUNT"]
    assert_spans(found(build("jp.url.v1"), text), text, ["https://example.com/"])


# fmt: off
PROFILE_URLS = [
    ("https://x.com/taro", True), ("x.com/taro/status/1", False), ("https://twitter.com/i/web", False),
    ("https://note.com/taro", True), ("https://note.com/taro/n/n1", False),
    ("https://www.instagram.com/explore/", False), ("https://youtube.com/watch?v=abc", False),
    ("https://youtube.com/channel/UC" + "a" * 22, True), ("https://example.com/taro", False),
]
# fmt: on


@pytest.mark.parametrize(("url", "expected"), PROFILE_URLS)
def test_is_profile_url(url: str, expected: bool) -> None:
    assert is_profile_url(url) is expected
