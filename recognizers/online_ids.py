"""ONLINE_IDENTIFIER: cookie, client, advertising, device and session ids (個人関連情報, Art 31).

These values name a browser, a device or a login session rather than a person, which is what
makes them 個人関連情報 (Art 2(7)): browsing history keyed on them is "information about a living
individual" that becomes personal data as soon as a recipient joins it to a member record. A
log export that keeps them is therefore not anonymous, and providing it to a partner who can
join it needs the consent confirmation of Art 31.

What counts, and why each needs no further context or does:

* Google Analytics cookies: ``_ga=GA1.2.1234567890.1700000000`` (GA1 + domain depth + random
  client number + first-visit time), ``_gid``, GA4's ``_ga_<id>=GS1.1.…``/``GS2.…``, the legacy
  ``__utma``; the ``GA1.n.…`` shape is distinctive on its own. ``client_id``/``cid`` values of the
  Measurement Protocol (``1234567890.1700000000``) only after such a key.
* Other analytics and ad cookies written as ``name=value``: ``_fbp``/``_fbc`` (Meta pixel,
  ``fb.1.<ms>.<random>``, also distinctive alone), ``_gcl_au``, ``_ym_uid``, ``ajs_anonymous_id``,
  ``_uetvid``, ``_clck``, ``_hjSessionUser_<n>``.
* Advertising and device ids: IDFA, AAID/GAID, IDFV — UUIDs, which are also request ids, file
  names and database keys, so a UUID is reported only with a label (``idfa=``, 広告ID, デバイスID);
  the all-zero UUID is what a device sends when tracking is limited and identifies nobody.
  ``android_id`` (16 hex digits) likewise only after its label.
* Session ids: ``PHPSESSID``, ``JSESSIONID`` (also ``;jsessionid=`` in a path),
  ``ASP.NET_SessionId``, ``connect.sid``, ``laravel_session``, ``CFID``/``CFTOKEN`` and the generic
  ``sid``/``session``/``session_id``/``sessionid``/``sessid`` keys in query strings and cookie headers.
  A logged-in session id is the user's key for as long as the session lives. Generic keys need a
  token-like value (16+ characters mixing letters and digits): ``session=expired``, ``sid=3``
  are not ids.

The span is the value, never the key (``PHPSESSID=`` is not personal). A user agent together
with a client IP in one access-log record is a device fingerprint; that needs two fields of a
record, so it is not a text recognizer: see :func:`user_agent_with_ip`.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

import regex

from .base import Candidate, JapanesePatternRecognizer, Pattern, pattern_spec
from .normalize import NormalizedText
from .registry import RecognizerSpec

__all__ = [
    "OnlineIdentifierRecognizer", "SPECS", "UA_IP_RULE_ID", "UA_IP_SCORE", "is_user_agent_field",
    "user_agent_with_ip",
]

_NOT_TOKEN_BEFORE = r"(?<![A-Za-z0-9_.\-])"
_NOT_TOKEN_AFTER = r"(?![A-Za-z0-9_\-])"
#: ``key=value`` / ``key: value`` / ``"key": "value"``; the value's span is group ``v``.
_ASSIGN = r"""["']?[ ]?[=:][ ]?["']?"""

#: Analytics and advertising cookies whose value is a browser's id.
_ANALYTICS_COOKIES = (
    r"_ga(?:_[A-Z0-9]{4,12})?|_gid|__utma|__utmz|_gcl_au|_fbp|_fbc|_ym_uid|ajs_anonymous_id|ajs_user_id"
    r"|_uetvid|_uetsid|_clck|_hjSessionUser_[0-9]+|_hjSession_[0-9]+"
)
#: Session cookies and URL parameters of common web stacks: named, so 8+ characters suffice.
_NAMED_SESSIONS = (
    r"PHPSESSID|JSESSIONID|jsessionid|ASP\.NET_SessionId|ASPSESSIONID[A-Z]{8}|connect\.sid|laravel_session"
    r"|CFID|CFTOKEN|_session_id|SESS[0-9a-f]{32}"
)
#: Generic session keys: the value must look like a token (see ``plausible``).
_GENERIC_SESSIONS = r"sid|sessid|session|session_?id|sessionId|sess_id"

AD_ID_CONTEXT = (
    "IDFA", "IDFV", "AAID", "GAID", "ADID", "advertising id", "advertising_id", "advertisingId",
    "ad_id", "adid", "gps_adid", "idfa", "広告ID", "広告識別子", "device id", "device_id", "deviceId",
    "デバイスID", "端末ID", "端末識別番号", "端末識別子",
)
ONLINE_ID_CONTEXT = (
    "cookie", "クッキー", "Cookie", "_ga", "_gid", "client_id", "clientId", "cid", "トラッキング",
    *AD_ID_CONTEXT,
)

_UUID = r"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"
_TOKEN = r"[A-Za-z0-9%._\-+/]"
_HAS_LETTER_AND_DIGIT = regex.compile(r"(?=.*[A-Za-z])(?=.*[0-9])")


class OnlineIdentifierRecognizer(JapanesePatternRecognizer):
    """ONLINE_IDENTIFIER: analytics/ad cookies, advertising and device ids, session ids."""

    NAME = "jp.online_identifier.v1"
    ENTITIES = ("ONLINE_IDENTIFIER",)
    CONTEXT = ONLINE_ID_CONTEXT
    PATTERNS = (
        # GA1.2.1234567890.1700000000: the _ga/_gid shape is unmistakable even without its key.
        Pattern("ga.cookie_value",
                rf"{_NOT_TOKEN_BEFORE}(?P<v>GA1\.[0-9]\.[0-9]{{5,10}}\.[0-9]{{9,10}}){_NOT_TOKEN_AFTER}",
                score=0.85, context_score=0.95, group="v"),
        # GA4 session cookie (_ga_<container>): GS1.1.1700000000.3.1.1700000100.0.0.0, GS2.1.s…$o3…
        Pattern("ga4.session_value",
                rf"{_NOT_TOKEN_BEFORE}(?P<v>GS[12]\.[0-9]\.[A-Za-z0-9$.]{{10,120}}){_NOT_TOKEN_AFTER}",
                score=0.8, context_score=0.95, group="v"),
        # Meta pixel: fb.1.1596403881668.1116446470 (_fbp) or fb.1.<ms>.<fbclid> (_fbc).
        Pattern("fb.pixel_value",
                rf"{_NOT_TOKEN_BEFORE}(?P<v>fb\.[0-9]\.[0-9]{{13}}\.[A-Za-z0-9_\-]{{6,}}){_NOT_TOKEN_AFTER}",
                score=0.85, context_score=0.95, group="v"),
        Pattern("cookie.analytics",
                rf"(?<![A-Za-z0-9_])(?:{_ANALYTICS_COOKIES}){_ASSIGN}(?P<v>{_TOKEN}{{6,200}})",
                score=0.9, context_score=0.95, group="v"),
        # Measurement Protocol client id after its key (cid=1234567890.1700000000).
        Pattern("ga.client_id",
                rf"(?<![A-Za-z0-9_])(?:cid|client_?id|clientId){_ASSIGN}"
                rf"(?P<v>[0-9]{{5,10}}\.[0-9]{{9,10}}){_NOT_TOKEN_AFTER}",
                score=0.9, context_score=0.95, group="v"),
        # IDFA / AAID / IDFV: a UUID, reported only with an advertising or device label.
        Pattern("ad.uuid", rf"(?<![A-Za-z0-9\-])(?P<v>{_UUID})(?![A-Za-z0-9\-])",
                score=0.0, context_score=0.9, group="v", context=AD_ID_CONTEXT),
        Pattern("device.android_id",
                r"(?<![A-Za-z0-9])(?P<v>[0-9a-f]{16})(?![A-Za-z0-9])",
                score=0.0, context_score=0.85, group="v",
                context=("android_id", "androidId", "Android ID", "ANDROID_ID")),
        Pattern("session.named",
                rf"(?<![A-Za-z0-9_])(?:{_NAMED_SESSIONS}){_ASSIGN}(?P<v>{_TOKEN}{{8,256}})",
                score=0.9, context_score=0.95, group="v"),
        Pattern("session.generic",
                rf"(?<![A-Za-z0-9_.])(?:{_GENERIC_SESSIONS})=(?P<v>{_TOKEN}{{16,256}})",
                score=0.8, context_score=0.9, group="v", flags=regex.IGNORECASE),
    )

    def span(self, norm: NormalizedText, match: regex.Match[str], pattern: Pattern) -> tuple[int, int] | None:
        start, end = match.span("v")
        # A value ends where the next parameter, cookie or quoted string starts.
        text = norm.text
        while end > start and text[end - 1] in ".,;\"'":
            end -= 1
        return start, end

    def plausible(self, cand: Candidate) -> bool:
        value = cand.value
        name = cand.pattern.name
        if name == "ad.uuid":
            return value.strip("0-") != ""
        if name == "session.generic":
            return _HAS_LETTER_AND_DIGIT.match(value) is not None
        if name in ("cookie.analytics", "session.named"):
            return any(c.isalnum() for c in value) and value.lower() not in ("deleted", "null", "undefined")
        return True


SPECS: tuple[RecognizerSpec, ...] = (
    pattern_spec(OnlineIdentifierRecognizer,
                 "Cookie and client ids (GA _ga/_gid/GA4, Meta _fbp/_fbc, other analytics), advertising "
                 "and device ids with a label (IDFA/AAID UUIDs, android_id), session ids in URLs, query "
                 "strings and cookie headers (個人関連情報)"),
)


# -- record level: user agent + client IP ------------------------------------------------------

#: The id findings of the record-level rule carry (not a Presidio recognizer: it needs two fields).
UA_IP_RULE_ID = "jp.online_identifier.ua_ip.v1"
UA_IP_SCORE = 0.7
#: Field names a client address and a user agent are written under (access-log reader: ip,
#: user_agent; CSV and JSON exports: the usual spellings).
IP_FIELDS = frozenset({"ip", "client_ip", "remote_addr", "remote_ip", "ip_address", "clientip", "c-ip",
                       "src_ip", "x_forwarded_for", "ipアドレス", "ip_addr"})
UA_FIELDS = frozenset({"user_agent", "useragent", "user-agent", "ua", "http_user_agent", "cs(user-agent)",
                       "ユーザーエージェント"})
#: A user agent that names a browser build carries enough detail to narrow down a device;
#: crawlers announce themselves and identify no one.
_BROWSER_UA = regex.compile(r"Mozilla/|AppleWebKit/|Gecko/|Chrome/|Safari/|Dalvik/|CFNetwork/|okhttp/")
_BOT_UA = regex.compile(r"bot(?![A-Za-z0-9_])|crawler|spider|slurp|curl/|wget/|python-requests|Go-http-client|HeadlessChrome",
                        regex.IGNORECASE)


def _last_name(name: str | None) -> str:
    return (name or "").rsplit(".", 1)[-1].casefold()


def is_user_agent_field(name: str | None) -> bool:
    """Is this (possibly dotted) field name one a user agent is written under?"""
    return _last_name(name) in UA_FIELDS


def _is_client_ip(value: str) -> bool:
    try:
        addr = ipaddress.ip_address(value.strip().split(",")[0].strip())
    except ValueError:
        return False
    return not (addr.is_loopback or addr.is_unspecified)


def user_agent_with_ip(fields: Iterable[tuple[str | None, str]]) -> tuple[str, int, int] | None:
    """The device fingerprint in one record: ``(user-agent field name, start, end)`` or None.

    A record (an access-log line, a CSV row) that holds both a client IP address and a browser's
    user agent identifies a device far better than either alone (the IP narrows a network, the
    full user-agent string a browser build on it): together they are an online identifier, the
    way a cookie is. The finding covers the whole user-agent value of that record; the IP is
    reported on its own field as IP_ADDRESS as usual. Crawler and command-line user agents and
    loopback addresses are not fingerprints of anyone.
    """
    pairs = list(fields)
    if not any(_last_name(n) in IP_FIELDS and _is_client_ip(v) for n, v in pairs):
        return None
    for name, value in pairs:
        if is_user_agent_field(name) and _BROWSER_UA.search(value) and not _BOT_UA.search(value):
            stripped = value.strip()
            start = value.index(stripped) if stripped else 0
            return (name or "", start, start + len(stripped))
    return None
