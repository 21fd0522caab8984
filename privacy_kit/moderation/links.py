"""Links to URL shorteners and known-bad domains: review items, never automatic deletions.

A shortened link hides where it goes (the co-op's rule 10 and the palliative-care society's シ
forbid links to inappropriate pages and harmful programs, which a moderator cannot judge without
following it), and a pack may list domains known to be bad. ``t.co`` is not a shortener here:
X wraps every link in it. The organisation's own domains (``allow``) are never flagged.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from privacy_kit.policy.schema import Links

# A URL with a scheme, or a bare host with a path (bit.ly/abc). Never preceded by @ (e-mail).
_URL = re.compile(r"(?i)(?:https?://|(?<![A-Za-z0-9_.@/-]))((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,})"
                  r"(?=[/:?#]|https?://|$|[^A-Za-z0-9.-])")


def hosts(text: str) -> Iterator[str]:
    """Host names of the links in ``text`` (lower case)."""
    for m in _URL.finditer(unicodedata.normalize("NFKC", text)):
        yield m.group(1).lower()


def _under(host: str, domains: tuple[str, ...]) -> str | None:
    return next((d for d in domains if host == d or host.endswith("." + d)), None)


def link_signals(text: str, links: Links) -> dict[str, str]:
    """``{"link_known_bad": host, "link_shortener": host}`` for the links found in ``text``."""
    out: dict[str, str] = {}
    for host in hosts(text):
        if _under(host, links.allow):
            continue
        if _under(host, links.known_bad):
            out.setdefault("link_known_bad", host)
        elif _under(host, links.shorteners):
            out.setdefault("link_shortener", host)
    return out
