"""Impersonation: author names confusable with the organisation's official accounts.

The imaging society warns of "account names that are similar to the official account"; the
palliative-care society deletes comments that impersonate others (サ) and the co-op asks the
platform to remove なりすまし. A lookalike is an author who is NOT an official account but whose
handle or display name, reduced to its confusable skeleton (privacy_kit.moderation.confusables),

* equals an official handle's or display name's skeleton (``jsmo_0fficial``, ``ｊｓｍｏ_official``,
  ``jsmo.official`` against ``@jsmo_official``);
* is within ``lookalike_max_distance`` edits of an official handle (``jsmo_oficial``), for handles
  long enough that a couple of edits still leave them recognisable (6+ characters);
* contains a whole official handle (``jsmo_official_jp``), or, for display names, the whole official
  name together with a word claiming officialdom (``日本緩和医療学会【公式】``); a display name that
  only mentions the organisation (``日本緩和医療学会の会員``, ``jsmo_fan_club``) is not flagged;
* differs from an official display name by one substituted character (``日本緩和医療学曾``).

Every hit is a review item for a person: the skeleton is a "looks or reads the same" key, not proof.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from privacy_kit.moderation.confusables import skeleton
from privacy_kit.policy.schema import OfficialAccount

#: Words by which a name claims to BE the organisation rather than mention it.
_OFFICIAL_MARKERS = re.compile(r"公式|official|koushiki|kohshiki|事務局|広報|運営|本部|staff|admin|support|サポート|"
                               r"窓口|オフィシャル", re.IGNORECASE)
#: Generic parts of a handle: what is left (``jsmo`` of ``jsmo_official``) names the organisation.
_GENERIC = re.compile(r"official|koushiki|jp|japan|pr|info|staff|news|koho|kouhou|\d+", re.IGNORECASE)
_MIN_EDIT_LENGTH = 6


@dataclass(frozen=True, slots=True)
class Lookalike:
    """Why an author looks like an official account (no personal data beyond the names compared)."""

    account: OfficialAccount
    field: str  # "handle" | "display_name"
    how: str

    @property
    def official(self) -> str:
        return f"@{self.account.handle}" if self.account.handle else self.account.display_name


def _handle(text: str) -> str:
    return text.strip().lstrip("@").casefold()


def is_official(handle: str, accounts: Sequence[OfficialAccount]) -> bool:
    """Is this the organisation's own account? Exactly its handle, ignoring case only: a
    full-width or dotted variant (``ｊｓｍｏ_official``, ``jsmo.official``) is someone else."""
    mine = _handle(handle)
    return bool(mine) and any(a.handle and _handle(a.handle) == mine for a in accounts)


def _against_handle(name: str, official: str, max_distance: int) -> str | None:
    mine, theirs = skeleton(name), skeleton(official)
    if not mine or not theirs:
        return None
    if mine == theirs:
        return "same skeleton"
    if (len(theirs) >= _MIN_EDIT_LENGTH and Levenshtein.distance(mine, theirs) <= max_distance
            and _keeps_stem(name, official)):
        return f"{Levenshtein.distance(mine, theirs)} edit(s) apart"
    if len(theirs) >= _MIN_EDIT_LENGTH and theirs in mine:
        return "contains the official handle"
    return None


def _against_display(name: str, official: str) -> str | None:
    mine, theirs = skeleton(name), skeleton(official)
    if not mine or not theirs:
        return None
    if mine == theirs:
        return "same skeleton"
    if len(theirs) >= _MIN_EDIT_LENGTH and Levenshtein.distance(mine, theirs, weights=(2, 2, 1)) <= 1:
        return "one character substituted"
    if theirs in mine and _OFFICIAL_MARKERS.search(name.replace(official, "")):
        return "official name with a claim of officialdom"
    return None


def _stem(handle: str) -> str:
    """The organisation's own part of a handle: ``jsmo_official`` → ``jsmo``."""
    parts = [p for p in re.split(r"[._\-]+", handle.lstrip("@")) if p and not _GENERIC.fullmatch(p)]
    return skeleton("".join(parts))


def _keeps_stem(name: str, official_handle: str) -> bool:
    """Do the edits spare the organisation's own part of the handle? ``asco_official`` is two
    edits from ``jsmo_official`` but names another society; ``jsmo_oficial`` keeps ``jsmo``."""
    stem, mine = _stem(official_handle), skeleton(name)
    if not stem or stem in mine:
        return True
    return len(stem) >= _MIN_EDIT_LENGTH and Levenshtein.distance(_stem(name), stem) <= 1


def _claims_officialdom(name: str, official_handle: str) -> str | None:
    """``jsmo公式``, ``JSMO事務局``, ``jsmo_staff``: the organisation's name plus a claim to be it."""
    stem = _stem(official_handle)
    mine = skeleton(name)
    if len(stem) >= 3 and stem in mine and _OFFICIAL_MARKERS.search(unicodedata.normalize("NFKC", name)):
        return "organisation's name with a claim of officialdom"
    return None


def find_lookalike(handle: str, display_name: str, accounts: Sequence[OfficialAccount], *,
                   max_distance: int = 2) -> Lookalike | None:
    """The first official account that ``handle`` / ``display_name`` can be mistaken for."""
    if not accounts or is_official(handle, accounts):
        return None
    for account in accounts:
        checks: list[tuple[str, str | None]] = []
        if account.handle:
            checks += [("handle", handle and _against_handle(handle, account.handle, max_distance))]
        if account.display_name:
            checks += [("handle", handle and _against_display(handle, account.display_name)),
                       ("display_name", display_name and _against_display(display_name, account.display_name))]
        if account.handle:
            checks += [("handle", handle and _claims_officialdom(handle, account.handle)),
                       ("display_name", display_name and (_against_handle(display_name, account.handle, 0)
                                                          or _claims_officialdom(display_name, account.handle)))]
        for field, how in checks:
            if how:
                return Lookalike(account, field, how)
    return None
