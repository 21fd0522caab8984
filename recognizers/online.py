"""Online identifiers: e-mail addresses, URLs, SNS accounts and IP addresses.

All four are ASCII tokens written inside Japanese text with no space around them
(「連絡先はtaro@example.comです」), so every boundary is an explicit ASCII lookaround, never a
word-boundary escape. Two Japanese habits need care:

* NFKC turns full-width brackets and punctuation into ASCII (「（https://example.com）」 →
  ``(https://example.com)``), so URL-like values are cut where the ORIGINAL character was
  not ASCII;
* mobile-carrier addresses that break RFC 5322 (``taro..yamada.@docomo.ne.jp``) were
  issued for years and are still in use, so the local part allows any dots.

A profile URL (x.com/taro, instagram.com/taro, youtube.com/@taro, note.com/taro, …) names an
account, so it is reported as SNS_ACCOUNT and never as URL: one value, one entity type. A link
to one post, reel or video (x.com/taro/status/1…, instagram.com/p/…, youtu.be/…) points at
content, not at the account, and stays a URL.
"""

from __future__ import annotations

import ipaddress

import regex

from .base import DIGITS_AFTER, Candidate, Evidence, JapanesePatternRecognizer, Pattern
from .normalize import NormalizedText
from .triggers import AT_SIGN, IP, SNS, URL

__all__ = [
    "EmailRecognizer", "IpAddressRecognizer", "SnsAccountRecognizer", "UrlRecognizer",
    "is_profile_url",
]

# -- e-mail ---------------------------------------------------------------------------------

EMAIL_CONTEXT = ("メール", "mail", "email", "アドレス", "連絡先", "宛先", "送信先", "✉", "📧")
#: Message-IDs have the shape of an address but name a message, not a mailbox.
EMAIL_DENY_CONTEXT = ("Message-ID", "msgid", "message_id", "In-Reply-To", "References")

_LOCAL = r"[A-Za-z0-9_%+\-][A-Za-z0-9._%+\-]*"
_DOMAIN = (
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+"
    r"(?P<tld>[A-Za-z]{2,24}|xn--[A-Za-z0-9\-]{1,59})"
)
_DOMAIN_END = r"(?![A-Za-z0-9\-])(?!\.[A-Za-z0-9])"
#: File names such as image@2x.png look like addresses; these "TLDs" are file extensions.
_FILE_EXTENSIONS = frozenset(
    "png jpg jpeg gif svg webp bmp ico css js json xml txt pdf gz tar html htm php py rb java csv log md "
    "yml yaml mp3 mp4 wav avi heic".split()
)


class EmailRecognizer(JapanesePatternRecognizer):
    """EMAIL_ADDRESS, CJK-safe, with the TLD shape checked locally (no tldextract, no network)."""

    NAME = "jp.email.v1"
    TRIGGER = AT_SIGN
    ENTITIES = ("EMAIL_ADDRESS",)
    CONTEXT = EMAIL_CONTEXT
    DENY_CONTEXT = EMAIL_DENY_CONTEXT
    PATTERNS = (
        # %40 is how an address sits in a query string (?mail=taro%40example.com).
        Pattern("email", rf"(?<![A-Za-z0-9._%+\-])(?P<v>{_LOCAL}(?:@|%40){_DOMAIN}){_DOMAIN_END}",
                score=0.9, context_score=0.95, group="v"),
        # Anti-spam spellings: taro(at)example.com, taro [at] example.com.
        Pattern("email.obfuscated",
                rf"(?<![A-Za-z0-9._%+\-])(?P<v>{_LOCAL}[ ]?[(\[<]at[)\]>][ ]?{_DOMAIN}){_DOMAIN_END}",
                score=0.7, context_score=0.9, group="v", flags=regex.IGNORECASE),
    )

    def plausible(self, cand: Candidate) -> bool:
        tld = (cand.group("tld") or "").lower()
        local = regex.split(r"@|%40|[ ]?[(\[<]at[)\]>]", cand.value, maxsplit=1, flags=regex.I)[0]
        # .invalid is reserved (RFC 6761): no mailbox can exist there (pseudonymised copies use it).
        if tld in _FILE_EXTENSIONS or tld == "invalid" or local.startswith("."):
            return False
        # <20261121101601.3f9a@mx.example.jp>: a timestamp-and-hash local part is a Message-ID.
        return not regex.match(r"[0-9]{8,}[.$]", local)


# -- URLs and SNS accounts ----------------------------------------------------------------------

_URL_CHARS = r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]"
_TRAILING = ".,;:!?'\"*"

_X_RESERVED = (
    "home|search|explore|i|intent|share|hashtag|settings|login|logout|signup|tos|privacy|notifications"
    "|messages|compose|download|about|help|jobs|en|ja"
)
_IG_RESERVED = "p|reel|reels|explore|accounts|about|developer|legal|direct|tv|web"
_FB_RESERVED = (
    "sharer|sharer\\.php|share|share\\.php|dialog|plugins|login|watch|events|groups|pages|marketplace"
    "|gaming|help|policies|privacy|settings|hashtag|photo\\.php|story\\.php|permalink\\.php|l\\.php"
)
_NOT_NAME = r"(?![A-Za-z0-9_.])"
_PROFILE = (
    r"(?:https?://)?(?:(?:www|m|mobile|mbasic|web)\.)?"
    r"(?:"
    rf"(?:twitter|x)\.com/(?!(?:{_X_RESERVED}){_NOT_NAME})[A-Za-z0-9_]{{1,15}}{_NOT_NAME}"
    rf"|instagram\.com/(?!(?:{_IG_RESERVED}){_NOT_NAME})[A-Za-z0-9_.]{{1,30}}"
    rf"|(?:facebook|fb)\.com/(?:profile\.php\?id=[0-9]+|(?!(?:{_FB_RESERVED}){_NOT_NAME})[A-Za-z0-9.]{{5,50}})"
    r"|tiktok\.com/@[A-Za-z0-9_.]{2,24}"
    r"|youtube\.com/(?:@[A-Za-z0-9_.\-]{3,30}|c/[A-Za-z0-9_.\-%]+|channel/UC[A-Za-z0-9_\-]{22}|user/[A-Za-z0-9]+)"
    r"|threads\.(?:net|com)/@[A-Za-z0-9_.]{1,30}"
    r"|note\.com/(?!(?:info|hashtag|search|topic|notes|api|login|signup|sitesettings|premium){_NOT_NAME})"
    r"[A-Za-z0-9_]{3,30}"
    r")"
)
#: Paths below a profile that are one piece of content: a post, reel, video or article.
_CONTENT_PATH = r"/(?:status|statuses|p|reel|reels|posts|videos|video|photo|photos|post|n|story|stories)/"
_PROFILE_RE = regex.compile(
    rf"{_PROFILE}(?!{_CONTENT_PATH})(?:[/?#]{_URL_CHARS}*)?$", regex.IGNORECASE
)


def is_profile_url(url: str) -> bool:
    """Does ``url`` (already trimmed) point at an SNS account rather than at one of its posts?"""
    return _PROFILE_RE.match(url) is not None


def _trim_url(norm: NormalizedText, start: int, end: int) -> tuple[int, int]:
    """Cut a URL-like match where Japanese text resumes, then drop trailing punctuation.

    The original characters decide: 「（」「。」「、」 become ASCII after NFKC but are never
    part of a URL someone meant to write.
    """
    for i in range(start, end):
        a, b = norm.to_original(i, i + 1)
        if not norm.original[a:b].isascii():
            end = i
            break
    text = norm.text
    while end > start:
        c = text[end - 1]
        if c in _TRAILING:
            end -= 1
        elif c == ")" and text.count("(", start, end) < text.count(")", start, end):
            end -= 1
        elif c == "]" and text.count("[", start, end) < text.count("]", start, end):
            end -= 1
        else:
            break
    return start, end


class UrlRecognizer(JapanesePatternRecognizer):
    """URL: http(s)://… and www.… up to the first Japanese character or full-width punctuation.

    SNS profile URLs are left to SnsAccountRecognizer.
    """

    NAME = "jp.url.v1"
    TRIGGER = URL
    ENTITIES = ("URL",)
    PATTERNS = (
        Pattern("url", rf"(?<![A-Za-z0-9@._%\-])(?P<v>(?:https?|ftp)://{_URL_CHARS}+)",
                score=0.9, context_score=0.9, group="v", flags=regex.IGNORECASE),
        Pattern("url.www", rf"(?<![A-Za-z0-9@._%+\-/])(?P<v>www\.{_URL_CHARS}+)",
                score=0.85, context_score=0.85, group="v", flags=regex.IGNORECASE),
    )

    def span(self, norm: NormalizedText, match: regex.Match[str], pattern: Pattern) -> tuple[int, int] | None:
        start, end = _trim_url(norm, *match.span("v"))
        value = norm.text[start:end]
        host = regex.sub(r"^(?:(?:https?|ftp)://)?", "", value, flags=regex.IGNORECASE)
        host = regex.split(r"[/?#]", host, maxsplit=1)[0]
        if "." not in host.strip("."):
            return None  # http://localhost/, http://intranet/: a machine, not anyone's address
        if is_profile_url(value):
            return None
        return start, end


SNS_CONTEXT = (
    "twitter", "ツイッター", "Instagram", "インスタ", "TikTok", "ティックトック", "YouTube", "Facebook",
    "フェイスブック", "Threads", "スレッズ", "X(旧Twitter)", "フォロー", "アカウント", "垢", "DM", "リプ",
    "メンション", "ユーザー名", "ID", "author", "mention", "handle", "screen name",
    # 「@taro_y さん」: a reply addresses the account holder by handle.
    "さん", "先生", "様", "くん", "ちゃん",
)
#: Handles that are not accounts: mentions of everyone, code annotations, CSS at-rules.
_NOT_HANDLES = frozenset(
    "everyone here channel all media import charset font-face keyframes supports page property "
    "staticmethod classmethod override param return returns author see since throws deprecated "
    "todo example test dataclass".split()
)
_DOMAIN_LIKE = regex.compile(r"\.(?:com|net|org|jp|co|ne|or|ac|go|io|info|biz|me|us|uk|tv|app|dev)$", regex.I)


class SnsAccountRecognizer(JapanesePatternRecognizer):
    """SNS_ACCOUNT: @handles (not inside an e-mail address) and profile or post URLs."""

    NAME = "jp.sns_account.v1"
    TRIGGER = SNS
    ENTITIES = ("SNS_ACCOUNT",)
    CONTEXT = SNS_CONTEXT
    PATTERNS = (
        Pattern("sns.profile_url",
                rf"(?<![A-Za-z0-9.\-@/])(?P<v>{_PROFILE}(?:[/?#]{_URL_CHARS}*)?)",
                score=0.95, context_score=0.95, group="v", flags=regex.IGNORECASE),
        Pattern("sns.handle",
                r"(?<![A-Za-z0-9_.@/+\-#&])(?P<v>@(?P<h>[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?))"
                r"(?![A-Za-z0-9_@])",
                score=0.85, context_score=0.95, group="v"),
    )

    def span(self, norm: NormalizedText, match: regex.Match[str], pattern: Pattern) -> tuple[int, int] | None:
        if pattern.name == "sns.profile_url":
            start, end = _trim_url(norm, *match.span("v"))
            return (start, end) if is_profile_url(norm.text[start:end]) else None
        return match.span("v")

    def plausible(self, cand: Candidate) -> bool:
        if cand.pattern.name != "sns.handle":
            return True
        handle = cand.group("h") or ""
        # All digits is a count or a unit price (あと@3人, @3000円).
        return not (handle.isdigit() or handle.lower() in _NOT_HANDLES or _DOMAIN_LIKE.search(handle))


# -- IP addresses --------------------------------------------------------------------------------

IP_CONTEXT = (
    "IP", "IPv4", "IPv6", "アドレス", "接続元", "アクセス元", "送信元", "送信先", "接続先", "接続",
    "アクセス", "src", "dst", "from", "client", "remote", "host", "hostname", "forwarded", "サーバ",
    "ホスト", "addr", "ログイン",
)
_OCTET = r"[0-9]{1,3}"
#: Four dotted numbers after "v", "ver", "バージョン" or a product token (Chrome/131.0.0.0 in a
#: user agent) are a version.
_NOT_VERSION = r"(?<!(?:[Vv]|[Vv]er|[Vv]er\.|[Vv]ersion|バージョン|ver |version )\s?)"
_NETMASK_OCTETS = frozenset({0, 128, 192, 224, 240, 248, 252, 254, 255})


class IpAddressRecognizer(JapanesePatternRecognizer):
    """IP_ADDRESS: IPv4 with valid octets and IPv6 validated by the ``ipaddress`` module."""

    NAME = "jp.ip_address.v1"
    TRIGGER = IP
    ENTITIES = ("IP_ADDRESS",)
    CONTEXT = IP_CONTEXT
    PATTERNS = (
        Pattern("ipv4",
                rf"(?<![0-9.])(?<![0-9][A-Za-z_]+)(?<![A-Za-z]/){_NOT_VERSION}"
                rf"(?P<v>{_OCTET}\.{_OCTET}\.{_OCTET}\.{_OCTET}){DIGITS_AFTER}",
                score=0.75, context_score=0.95, group="v"),
        Pattern("ipv6",
                r"(?<![0-9A-Za-z_.])(?P<v>:?(?:[0-9A-Fa-f]{1,4}|:)(?::[0-9A-Fa-f]{0,4}){2,7}"
                r"(?:(?<=:)[0-9]{1,3}(?:\.[0-9]{1,3}){3})?)(?:%[0-9A-Za-z]+)?(?![0-9A-Za-z_:]|\.[0-9])",
                score=0.9, context_score=0.95, group="v"),
    )

    def span(self, norm: NormalizedText, match: regex.Match[str], pattern: Pattern) -> tuple[int, int] | None:
        start, end = match.span("v")
        if pattern.name == "ipv6":
            # 「IPv6：fe80::1」: NFKC made the label's full-width colon ASCII and glued it on.
            value = norm.text[start:end]
            if value.startswith(":") and not value.startswith("::"):
                start += 1
        return start, end

    def plausible(self, cand: Candidate) -> bool:
        value = cand.value
        if cand.pattern.name == "ipv4":
            octets = [int(o) for o in value.split(".")]
            if any(o > 255 for o in octets):
                return False
            # 255.255.255.0 is a netmask, not a host.
            return not (octets[0] == 255 and all(o in _NETMASK_OCTETS for o in octets))
        try:
            ipaddress.IPv6Address(value)
        except ValueError:
            return False
        groups = [g for g in value.split(":") if g]
        if "::" not in value and len(groups) < 8:
            return False
        if len(groups) < 2:
            return False  # ::1, fe80:: and the like: too short to be anyone's address
        # 12:30::, a time or a ratio
        return not all(g.isdigit() and len(g) <= 2 for g in groups)

    def evaluate(self, cand: Candidate) -> Evidence | None:
        ev = super().evaluate(cand)
        if ev is not None:
            ev.notes.append("ipv6 parsed" if cand.pattern.name == "ipv6" else "octets ≤ 255")
        return ev
