"""Purposes of use (利用目的): specified, published, and changed only with a recorded basis.

APPI Art 17(1) asks for purposes specified as far as possible; Art 17(2) allows a change only
within what is reasonably related to the old purpose, and anything beyond needs the individual's
prior consent (Art 18(1)); Art 21(3) requires a changed purpose to be notified or published, and
Art 32(1) requires all purposes of retained personal data to be knowable. So a purpose is a
history of versions: a change never overwrites, it adds a version that records *why* it was
allowed (a relatedness justification or a consent reference), unpublished until published.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from audit import digests
from audit.errors import DuplicateRecordError, PurposeChangeError, RecordNotFoundError, ValidationError
from audit.results import first_row, required_row
from audit.store import Store, utc_now

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_CATEGORY = re.compile(r"^[A-Za-z0-9_*?.\[\]-]{1,64}$")

#: Phrases the PPC guideline gives as examples of purposes NOT specified enough (Art 17(1)).
VAGUE_PHRASES: tuple[str, ...] = (
    "事業活動のため",
    "事業活動に用いるため",
    "業務上必要な",
    "当社の業務",
    "サービス向上のため",
    "マーケティング活動に用いるため",
    "for business purposes",
    "to improve our services",
)

_COLUMNS = (
    "purpose_id",
    "version",
    "text",
    "categories",
    "policy_ref",
    "basis",
    "justification",
    "consent_ref",
    "created_at",
    "created_by",
    "published_on",
    "publication_ref",
)


@dataclass(frozen=True, slots=True)
class PurposeVersion:
    purpose_id: str
    version: int
    text: str
    categories: tuple[str, ...]
    policy_ref: str | None
    basis: str  # initial | related | consent
    justification: str | None
    consent_ref: str | None
    created_at: datetime
    created_by: str
    published_on: date | None
    publication_ref: str | None

    @property
    def published(self) -> bool:
        return self.published_on is not None

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["categories"] = list(self.categories)
        out["created_at"] = self.created_at.isoformat()
        out["published_on"] = self.published_on.isoformat() if self.published_on else None
        return out


def _row(row: Sequence[Any]) -> PurposeVersion:
    data = dict(zip(_COLUMNS, row, strict=False))
    data["categories"] = tuple(data["categories"] or ())
    return PurposeVersion(**data)


def vagueness_warnings(text: str) -> list[str]:
    """Why ``text`` may not be specific enough for Art 17(1) (advice; never blocks)."""
    warnings = [
        f"「{p}」 alone is an example of an unspecified purpose (Art 17(1))"
        for p in VAGUE_PHRASES
        if p.lower() in text.lower()
    ]
    if len(text.strip()) < 10:
        warnings.append("very short: say what is done with the data and to what end (Art 17(1))")
    return warnings


def _clean_categories(categories: Sequence[str]) -> tuple[str, ...]:
    out: list[str] = []
    for cat in categories:
        cat = cat.strip()
        if not _CATEGORY.fullmatch(cat):
            raise ValidationError(
                f"data category {cat!r} is not an entity type or pattern",
                hint="use entity types such as EMAIL_ADDRESS or PERSON, or patterns such as JP_* or *",
            )
        if cat not in out:
            out.append(cat)
    if not out:
        raise ValidationError("a purpose needs at least one data category (--category)")
    return tuple(out)


def _clean_text(text: str) -> str:
    text = text.strip()
    if not text:
        raise ValidationError("the purpose text is empty")
    return text


def _next_id(store: Store) -> str:
    rows = store.con.execute("SELECT DISTINCT purpose_id FROM purpose_versions").fetchall()
    taken = {r[0] for r in rows}
    n = len(taken) + 1
    while f"P{n:03d}" in taken:
        n += 1
    return f"P{n:03d}"


def current(store: Store, purpose_id: str) -> PurposeVersion:
    row = required_row(
        store.con,
        f"SELECT {', '.join(_COLUMNS)} FROM purpose_versions WHERE purpose_id = ? "
        "ORDER BY version DESC LIMIT 1",
        [purpose_id],
        missing=f"no purpose of use {purpose_id!r}",
        hint="see `privacy-kit purpose list`",
    )
    return _row(row)


def history(store: Store, purpose_id: str) -> list[PurposeVersion]:
    """Every version, oldest first (the change log Art 17(2) / 21(3) asks to be able to show)."""
    rows = store.con.execute(
        f"SELECT {', '.join(_COLUMNS)} FROM purpose_versions WHERE purpose_id = ? ORDER BY version",
        [purpose_id],
    ).fetchall()
    if not rows:
        raise RecordNotFoundError(f"no purpose of use {purpose_id!r}", hint="see `privacy-kit purpose list`")
    return [_row(r) for r in rows]


def list_purposes(store: Store) -> list[PurposeVersion]:
    """The current version of every purpose."""
    rows = store.con.execute(
        f"SELECT {', '.join(_COLUMNS)} FROM purpose_versions QUALIFY "
        "row_number() OVER (PARTITION BY purpose_id ORDER BY version DESC) = 1 ORDER BY purpose_id"
    ).fetchall()
    return [_row(r) for r in rows]


def _insert(store: Store, pv: PurposeVersion) -> None:
    store.con.execute(
        f"INSERT INTO purpose_versions ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})",
        [
            pv.purpose_id,
            pv.version,
            pv.text,
            list(pv.categories),
            pv.policy_ref,
            pv.basis,
            pv.justification,
            pv.consent_ref,
            pv.created_at,
            pv.created_by,
            pv.published_on,
            pv.publication_ref,
        ],
    )


def add_purpose(
    store: Store,
    *,
    text: str,
    categories: Sequence[str],
    purpose_id: str | None = None,
    policy_ref: str | None = None,
    published_on: date | None = None,
    publication_ref: str | None = None,
) -> PurposeVersion:
    """Register a purpose (version 1); published now only if ``published_on`` is given."""
    text, cats = _clean_text(text), _clean_categories(categories)
    with store.transaction():
        pid = purpose_id or _next_id(store)
        if not _ID.fullmatch(pid):
            raise ValidationError(f"purpose id {pid!r} must be letters, digits, '.', '_' or '-' (max 64)")
        if first_row(
            store.con.execute("SELECT 1 FROM purpose_versions WHERE purpose_id = ?", [pid]).fetchall()
        ):
            raise DuplicateRecordError(
                f"purpose {pid!r} already exists", hint="use `privacy-kit purpose change` to change it"
            )
        pv = PurposeVersion(
            pid,
            1,
            text,
            cats,
            policy_ref,
            "initial",
            None,
            None,
            utc_now(),
            store.actor,
            published_on,
            publication_ref,
        )
        _insert(store, pv)
        store.append_event(
            "purpose.added",
            {"purpose_id": pid, "version": 1, "record": digests.entry(store, "purpose_versions", [pid, 1])},
        )
    return pv


def change_purpose(
    store: Store,
    purpose_id: str,
    *,
    text: str | None = None,
    categories: Sequence[str] | None = None,
    justification: str | None = None,
    consent_ref: str | None = None,
    policy_ref: str | None = None,
) -> PurposeVersion:
    """Add a new version. Needs a relatedness justification (Art 17(2)) or a consent ref (Art 18(1)).

    The new version is unpublished: Art 21(3) requires the changed purpose to be notified or
    published, which ``publish_purpose`` records.
    """
    justification = (justification or "").strip() or None
    consent_ref = (consent_ref or "").strip() or None
    if justification is None and consent_ref is None:
        raise PurposeChangeError(
            "a change of purpose needs a justification that the new purpose is reasonably related to "
            "the old one (Art 17(2)) or a reference to the individuals' consent (Art 18(1))",
            hint="pass --justification TEXT or --consent-ref REF",
        )
    with store.transaction():
        old = current(store, purpose_id)
        new_text = _clean_text(text) if text is not None else old.text
        new_cats = _clean_categories(categories) if categories else old.categories
        new_policy = policy_ref if policy_ref is not None else old.policy_ref
        if new_text == old.text and new_cats == old.categories and new_policy == old.policy_ref:
            raise ValidationError(
                f"purpose {purpose_id!r}: nothing changed",
                hint="give a new --text, --category or --policy-ref",
            )
        pv = PurposeVersion(
            purpose_id,
            old.version + 1,
            new_text,
            new_cats,
            new_policy,
            "consent" if consent_ref else "related",
            justification,
            consent_ref,
            utc_now(),
            store.actor,
            None,
            None,
        )
        _insert(store, pv)
        store.append_event(
            "purpose.changed",
            {
                "purpose_id": purpose_id,
                "version": pv.version,
                "basis": pv.basis,
                "record": digests.entry(store, "purpose_versions", [purpose_id, pv.version]),
            },
        )
    return pv


def publish_purpose(
    store: Store, purpose_id: str, *, published_on: date | None = None, publication_ref: str | None = None
) -> PurposeVersion:
    """Record that the current version was published (Art 21(1)/(3), Art 32(1))."""
    on = published_on or date.today()
    with store.transaction():
        pv = current(store, purpose_id)
        store.con.execute(
            "UPDATE purpose_versions SET published_on = ?, publication_ref = coalesce(?, publication_ref) "
            "WHERE purpose_id = ? AND version = ?",
            [on, publication_ref, purpose_id, pv.version],
        )
        store.append_event(
            "purpose.published",
            {
                "purpose_id": purpose_id,
                "version": pv.version,
                "published_on": on.isoformat(),
                "record": digests.entry(store, "purpose_versions", [purpose_id, pv.version]),
            },
        )
        return current(store, purpose_id)
