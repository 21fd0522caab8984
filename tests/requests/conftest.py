"""Two registered data sets in which one person appears under different spellings.

* ``comments``: a JSONL export of comments on the society's SNS account (UTF-8);
* ``members``: a membership CSV exported from Excel (Shift_JIS / CP932, CRLF line ends).

山田 太郎 is 山田太郎 in one comment, ヤマダタロウ in another, taro.yamada@example.jp in a third,
and a row of the member list. Everyone else's records must survive whatever is done to his.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from audit.datasets import add_dataset
from audit.keys import KeyRing
from audit.provisions import ProvisionRequest, record_provision
from audit.purposes import add_purpose
from audit.requests import Identifier, NewRequest, file_request, verify_request
from audit.store import Store, StoreConfig
from privacy_kit.findings import Detection

EMAIL = "taro.yamada@example.jp"
SUBJECT = (Identifier("name", "山田 太郎"), Identifier("email", EMAIL))

# fmt: off
COMMENTS = [
    {"id": "c1", "user": "@hanako_s", "text": "学会の資料ありがとうございました"},
    {"id": "c2", "user": "@taro_y",   "text": "山田太郎です。先日の件、よろしくお願いします"},
    {"id": "c3", "user": "@ken_h",    "text": "ヤマダタロウさんの発表よかったです（ken@example.jp）"},
    {"id": "c4", "user": "@ken_h",    "text": "次回も参加します。連絡は ken@example.jp へ"},
    {"id": "c5", "user": "@guest",    "text": f"資料の送付先は {EMAIL} までお願いします"},
    {"id": "c6", "user": "@hanako_s", "text": "山田花子です。よろしくお願いします"},
]
MEMBERS = [
    ["会員番号", "氏名", "フリガナ", "メール", "電話"],
    ["M-0001", "鈴木 花子", "スズキ ハナコ", "hanako@example.jp", "03-1111-2222"],
    ["M-0042", "山田 太郎", "ヤマダ タロウ", EMAIL, "090-1234-5678"],
    ["M-0043", "本間 健", "ホンマ ケン", "ken@example.jp", "06-3333-4444"],
]
# fmt: on
#: Records of the subject: (data set, record index).
SUBJECT_RECORDS = {("comments", 1), ("comments", 2), ("comments", 4), ("members", 1)}

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_PHONE = re.compile(r"0\d{1,3}-\d{2,4}-\d{4}")


class FakeDetector:
    """E-mail addresses and hyphenated phones only: stands in for the GiNZA-backed detector."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def analyze_batch(self, texts: Sequence[str]) -> list[list[Detection]]:
        self.texts.extend(texts)
        return [
            [Detection("EMAIL_ADDRESS", m.start(), m.end(), 1.0, "fake.email.v1") for m in _EMAIL.finditer(t)]
            + [Detection("PHONE_NUMBER", m.start(), m.end(), 0.9, "fake.phone.v1") for m in _PHONE.finditer(t)]
            for t in texts
        ]


@pytest.fixture
def fake_detector(monkeypatch: pytest.MonkeyPatch) -> FakeDetector:
    fake = FakeDetector()
    monkeypatch.setattr("privacy_kit.scan.make_detector", lambda options: fake)
    return fake


@dataclass
class World:
    root: Path
    comments: Path
    members: Path

    def file_bytes(self) -> dict[str, bytes]:
        return {"comments": self.comments.read_bytes(), "members": self.members.read_bytes()}


def write_world(root: Path) -> World:
    (root / "sns").mkdir()
    comments = root / "sns" / "comments-2026-06.jsonl"
    comments.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in COMMENTS), encoding="utf-8")
    members = root / "members.csv"
    members.write_bytes("".join(",".join(row) + "\r\n" for row in MEMBERS).encode("cp932"))
    return World(root, comments, members)


def register(store: Store, world: World) -> None:
    add_purpose(
        store,
        purpose_id="P-members",
        text="会員管理、学術集会の案内及び会費の請求のため",
        categories=["PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER"],
        published_on=date(2026, 4, 1),
    )
    add_purpose(
        store,
        purpose_id="P-sns",
        text="公式SNSアカウントに寄せられたコメントへの対応及び不適切な投稿の削除のため",
        categories=["*"],
        published_on=date(2026, 4, 1),
    )
    add_dataset(
        store, "comments", location=str(world.root / "sns" / "*.jsonl"), format="jsonl",
        owner="広報委員会", purposes=["P-sns"], retention="1y",
    )
    add_dataset(
        store, "members", location=str(world.members), format="csv", owner="事務局",
        purposes=["P-members"], retention="5y",
    )


def provide(store: Store, ring: KeyRing, subjects: Sequence[str], recorded_on: date) -> str:
    """A consent-based provision of member data naming ``subjects`` (under hold for 3 years)."""
    return record_provision(
        store,
        ProvisionRequest(
            direction="provide",
            legal_path="consent",
            counterparty_name="株式会社サンプル印刷",
            counterparty_address="東京都千代田区1-1",
            data_items=("氏名", "メールアドレス"),
            subjects=tuple(subjects),
            consent_ref="学術集会申込フォーム同意欄",
            dataset_id="members",
            provided_on=recorded_on,
            recorded_on=recorded_on,
        ),
        keyring=ring,
    ).provision_id


def file_verified(store: Store, ring: KeyRing, request_type: str, identifiers=SUBJECT, **kw) -> str:
    rid = file_request(store, ring, NewRequest(request_type, tuple(identifiers), **kw)).request_id
    verify_request(store, rid, method="member-login")
    return rid


@pytest.fixture
def world(tmp_path: Path) -> World:
    return write_world(tmp_path)


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> StoreConfig:
    for name in ("PRIVACY_KIT_STORE", "PRIVACY_KIT_KEY", "PRIVACY_KIT_NEW_KEY", "PRIVACY_KIT_KEY_FILE"):
        monkeypatch.delenv(name, raising=False)
    return StoreConfig(tmp_path / "audit.duckdb", lock_timeout=2.0, actor="tester")


@pytest.fixture
def store(config: StoreConfig, world: World) -> Iterator[Store]:
    with Store.open(config) as st:
        register(st, world)
        yield st


@pytest.fixture
def ring(store: Store) -> KeyRing:
    return KeyRing.open(store)


@pytest.fixture
def runner():
    from click.testing import CliRunner

    return CliRunner()
