"""Contact data: telephone numbers, e-mail addresses, URLs, IP addresses and SNS accounts.

The recognizers live in ``phone`` and ``online``; this module is their place in the catalogue.
"""

from __future__ import annotations

from .base import pattern_spec
from .online import EmailRecognizer, IpAddressRecognizer, SnsAccountRecognizer, UrlRecognizer
from .phone import PhoneRecognizer
from .registry import RecognizerSpec

__all__ = ["SPECS"]

SPECS: tuple[RecognizerSpec, ...] = (
    pattern_spec(PhoneRecognizer,
                 "Japanese phone numbers: 0AB-J, 070/080/090, 050, 0120/0800, +81, parentheses, full width"),
    pattern_spec(EmailRecognizer,
                 "E-mail addresses, CJK-safe boundaries, TLD shape checked locally (no network)"),
    pattern_spec(SnsAccountRecognizer,
                 "@handles (not e-mail, not hashtags) and X/Instagram/Facebook/TikTok/YouTube/Threads "
                 "profile URLs"),
    pattern_spec(UrlRecognizer,
                 "http(s)/ftp and www. URLs, cut at Japanese text and full-width punctuation; "
                 "not profile URLs"),
    pattern_spec(IpAddressRecognizer,
                 "IPv4 with valid octets (not versions or netmasks) and IPv6 validated by ipaddress"),
)
