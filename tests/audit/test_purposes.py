"""Purposes of use: specified, changed only with a basis (Art 17(2) / 18(1)), history kept, published."""

from __future__ import annotations

from datetime import date

import pytest

from audit.errors import DuplicateRecordError, PurposeChangeError, RecordNotFoundError, ValidationError
from audit.purposes import (
    add_purpose,
    change_purpose,
    history,
    list_purposes,
    publish_purpose,
    vagueness_warnings,
)
from audit.store import Store

TEXT = "公式SNSアカウントに寄せられたコメントの管理と、不適切な投稿への対応のため"


def test_add_assigns_ids_and_records_an_event(store: Store) -> None:
    a = add_purpose(store, text=TEXT, categories=["PERSON", "EMAIL_ADDRESS"])
    b = add_purpose(
        store, text="会員名簿の管理と会費の請求のため", categories=["PERSON"], policy_ref="定款第5条"
    )
    assert (a.purpose_id, b.purpose_id) == ("P001", "P002")
    assert (a.version, a.basis, a.published) == (1, "initial", False)
    assert [e.kind for e in store.events()][-2:] == ["purpose.added", "purpose.added"]
    assert [p.purpose_id for p in list_purposes(store)] == ["P001", "P002"]


# fmt: off
INVALID_ADDS = [
    ({"text": "  ", "categories": ["PERSON"]},                      ValidationError, "empty"),
    ({"text": TEXT, "categories": []},                              ValidationError, "at least one data category"),
    ({"text": TEXT, "categories": ["氏名"]},                         ValidationError, "not an entity type"),
    ({"text": TEXT, "categories": ["PERSON"], "purpose_id": "a b"}, ValidationError, "letters, digits"),
]
# fmt: on


@pytest.mark.parametrize(("kwargs", "error", "needle"), INVALID_ADDS)
def test_invalid_purposes_are_refused(store: Store, kwargs: dict, error: type, needle: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(error, match=needle):
        add_purpose(store, **kwargs)
    assert list_purposes(store) == []


def test_a_purpose_id_is_unique(store: Store) -> None:
    add_purpose(store, purpose_id="sns", text=TEXT, categories=["PERSON"])
    with pytest.raises(DuplicateRecordError, match="purpose change"):
        add_purpose(store, purpose_id="sns", text=TEXT, categories=["PERSON"])


def test_a_change_without_justification_or_consent_is_refused(store: Store) -> None:
    add_purpose(store, text=TEXT, categories=["PERSON"])
    with pytest.raises(PurposeChangeError, match=r"Art 17\(2\).*Art 18\(1\)"):
        change_purpose(store, "P001", text="新しい目的のため（広告配信）")
    with pytest.raises(PurposeChangeError):
        change_purpose(store, "P001", text="x" * 20, justification="   ")
    assert len(history(store, "P001")) == 1


def test_a_change_keeps_the_history_and_needs_publishing(store: Store) -> None:
    add_purpose(
        store,
        text=TEXT,
        categories=["PERSON"],
        published_on=date(2026, 4, 1),
        publication_ref="https://example.org/privacy",
    )
    related = change_purpose(
        store,
        "P001",
        categories=["PERSON", "SNS_ACCOUNT"],
        justification="アカウント名での返信も同じコメント対応の範囲内",
    )
    consent = change_purpose(
        store,
        "P001",
        text="コメント対応と、同意を得た会員への学会案内の送付のため",
        consent_ref="2026年度会員登録フォーム同意欄",
    )
    versions = history(store, "P001")
    assert [(v.version, v.basis) for v in versions] == [(1, "initial"), (2, "related"), (3, "consent")]
    assert versions[0].text == TEXT and versions[0].published_on == date(2026, 4, 1)  # old version untouched
    assert related.categories == ("PERSON", "SNS_ACCOUNT") and related.text == TEXT
    assert consent.categories == ("PERSON", "SNS_ACCOUNT") and not consent.published
    published = publish_purpose(store, "P001", published_on=date(2026, 11, 21), publication_ref="会報 11月号")
    assert (published.version, published.published_on, published.publication_ref) == (
        3,
        date(2026, 11, 21),
        "会報 11月号",
    )
    assert list_purposes(store)[0].version == 3


def test_a_change_that_changes_nothing_is_refused(store: Store) -> None:
    add_purpose(store, text=TEXT, categories=["PERSON"])
    with pytest.raises(ValidationError, match="nothing changed"):
        change_purpose(store, "P001", text=TEXT, justification="同じ")


def test_unknown_purposes_are_clear_errors(store: Store) -> None:
    for call in (
        lambda: history(store, "P404"),
        lambda: publish_purpose(store, "P404"),
        lambda: change_purpose(store, "P404", text=TEXT, justification="j"),
    ):
        with pytest.raises(RecordNotFoundError, match="P404"):
            call()


# fmt: off
VAGUE = [
    ("事業活動のため", True),
    ("サービス向上のため", True),
    ("広告", True),                                                  # too short to be specific
    ("会員向けメールマガジンの配信と配信停止手続のため", False),
    ("For business purposes", True),
]
# fmt: on


@pytest.mark.parametrize(("text", "vague"), VAGUE)
def test_vague_purposes_get_a_warning(text: str, vague: bool) -> None:
    assert bool(vagueness_warnings(text)) is vague
