"""Provision and receipt records: Rule 20/24 items, Rule 21/25 retention, the seeds' provision rules."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from audit.datasets import add_dataset
from audit.errors import ProvisionRefusedError, RecordNotFoundError, ValidationError
from audit.keys import KeyRing
from audit.provisions import (
    ProvisionRequest,
    add_years,
    extend_provision,
    get_provision,
    list_provisions,
    record_provision,
    retention_until,
)
from audit.purposes import add_purpose
from audit.store import Store
from audit.verify import verify_store

D = date.fromisoformat

# fmt: off
#: (record method, record made on, last provision covered, kept until) - Rule 21 / Rule 25
RETENTION_TABLE = [
    ("each",     D("2026-04-01"), None,             D("2029-04-01")),  # 3 years from the record
    ("each",     D("2018-02-01"), D("2018-01-15"),  D("2021-02-01")),  # PPC FAQ Q13-35: recorded 2018-02-01
    ("each",     D("2024-02-29"), None,             D("2027-03-01")),  # leap day: never earlier
    ("bulk",     D("2026-04-01"), D("2027-03-31"),  D("2030-03-31")),  # 3 years from the last provision
    ("bulk",     D("2026-04-01"), D("2028-02-29"),  D("2031-03-01")),
    ("contract", D("2026-04-01"), D("2026-12-31"),  D("2027-12-31")),  # 1 year from the last provision
    ("contract", D("2023-01-10"), D("2024-02-29"),  D("2025-03-01")),
]
# fmt: on


@pytest.mark.parametrize(("method", "recorded_on", "last", "until"), RETENTION_TABLE)
def test_rule_21_retention(method: str, recorded_on: date, last: date | None, until: date) -> None:
    assert retention_until(method, recorded_on=recorded_on, last_provision_on=last) == until


@pytest.mark.parametrize("method", ["bulk", "contract"])
def test_bulk_and_contract_retention_need_the_last_provision(method: str) -> None:
    with pytest.raises(ValidationError, match="last provision"):
        retention_until(method, recorded_on=D("2026-01-01"), last_provision_on=None)


def test_add_years_never_moves_earlier() -> None:
    assert add_years(D("2024-02-29"), 1) == D("2025-03-01")
    assert add_years(D("2024-02-29"), 4) == D("2028-02-29")
    assert add_years(D("2025-12-31"), 3) == D("2028-12-31")


CONSENT = ProvisionRequest(
    direction="provide",
    legal_path="consent",
    counterparty_name="株式会社サンプル印刷",
    data_items=("氏名", "住所"),
    subjects_description="2026年度学術集会の参加者",
    subject_count=120,
    consent_ref="参加申込フォーム 同意欄 v3",
    recorded_on=D("2026-05-10"),
)
OPT_OUT = ProvisionRequest(
    direction="provide",
    legal_path="opt-out",
    counterparty_name="名簿業者サンプル",
    data_items=("氏名",),
    subjects_description="退会会員",
    provided_on=D("2026-05-01"),
    recorded_on=D("2026-05-01"),
)
RECEIPT = ProvisionRequest(
    direction="receive",
    legal_path="consent",
    counterparty_name="一般社団法人サンプル学会",
    counterparty_address="東京都千代田区神田三崎町一丁目1番1号",
    counterparty_rep="代表理事 山田",
    acquisition="同学会の会員登録時に本人から取得",
    data_items=("氏名", "メールアドレス"),
    subjects_description="合同セミナー申込者",
    consent_ref="合同セミナー申込規約 第4条",
    recorded_on=D("2026-06-01"),
)

# fmt: off
MISSING_ITEMS = [
    (replace(CONSENT, consent_ref=None),                              "consent was obtained"),
    (replace(CONSENT, subjects_description=None, subject_count=None), "identify the individuals"),
    (replace(CONSENT, data_items=()),                                 "items of personal data"),
    (replace(CONSENT, counterparty_name=" "),                         "name or title"),
    (replace(OPT_OUT, provided_on=None),                              "record the date"),
    (replace(OPT_OUT, record_method="bulk", period_start=D("2026-01-01")), r"Rule 19\(2\)"),
    (replace(OPT_OUT, record_method="contract", period_start=D("2026-01-01")), r"Rule 19\(3\)"),
    (replace(CONSENT, record_method="bulk"),                          "start of the provision period"),
    (replace(CONSENT, record_method="bulk", period_start=D("2026-02-01"), period_end=D("2026-01-01")), "ends before"),
    (replace(RECEIPT, acquisition=None),                              r"Art 30\(1\)\(ii\)"),
    (replace(RECEIPT, counterparty_address=None),                     "address"),
    (replace(RECEIPT, legal_path="opt-out", consent_ref=None, provided_on=D("2026-06-01")), "publication"),
    (replace(CONSENT, legal_path="legal-exemption"),                  "Art 27\\(1\\) item"),
    (replace(CONSENT, legal_path="legal-exemption", exemption="27-1-9"), "Art 27\\(1\\) item"),
    (replace(CONSENT, exemption="27-1-1"),                            "only for --legal-path legal-exemption"),
    (replace(CONSENT, direction="sell"),                              "direction"),
    (replace(CONSENT, legal_path="gift"),                             "legal path"),
    (replace(CONSENT, record_method="monthly"),                       "record method"),
]
VALID = [
    CONSENT,
    OPT_OUT,
    RECEIPT,
    replace(RECEIPT, legal_path="opt-out", consent_ref=None, provided_on=D("2026-06-01"),
            optout_publication_ref="個人情報保護委員会 オプトアウト届出 公表番号 0000"),
    # not third-party provision (Art 27(5)) or exempt (Art 27(1)): no Rule 20 items required
    ProvisionRequest("provide", "outsourcing", "配送委託先サンプル運輸", ("氏名", "住所")),
    ProvisionRequest("provide", "legal-exemption", "警察署", ("投稿者の登録情報",), exemption="27-1-4"),
    replace(CONSENT, record_method="bulk", period_start=D("2026-04-01"), period_end=D("2027-03-31")),
    replace(CONSENT, record_method="contract", period_start=D("2026-04-01"), last_provision_on=D("2026-09-30")),
]
# fmt: on


@pytest.mark.parametrize(("req", "needle"), MISSING_ITEMS)
def test_a_record_lacking_a_required_item_is_refused(
    store: Store, req: ProvisionRequest, needle: str
) -> None:
    with pytest.raises(ValidationError, match=needle):
        record_provision(store, req)
    assert list_provisions(store) == []


@pytest.mark.parametrize("req", VALID)
def test_complete_records_are_kept_with_their_retention(store: Store, req: ProvisionRequest) -> None:
    prov = record_provision(store, req)
    assert prov.provision_id == "PR-000001"
    stored = get_provision(store, "PR-000001")
    assert stored.retention_until == prov.retention_until >= (req.recorded_on or date.today())
    assert stored.record_required is (req.legal_path in ("consent", "opt-out"))
    assert [e.kind for e in store.events()][-1] == "provision.recorded"
    assert verify_store(store).ok


def test_bulk_records_can_be_extended(store: Store) -> None:
    bulk = record_provision(
        store,
        replace(
            CONSENT, record_method="bulk", period_start=D("2026-04-01"), last_provision_on=D("2026-04-30")
        ),
    )
    assert bulk.retention_until == D("2029-04-30")
    later = extend_provision(store, bulk.provision_id, last_provision_on=D("2026-10-31"))
    assert (later.last_provision_on, later.period_end, later.retention_until) == (
        D("2026-10-31"),
        D("2026-10-31"),
        D("2029-10-31"),
    )
    with pytest.raises(ValidationError, match="already covers"):
        extend_provision(store, bulk.provision_id, last_provision_on=D("2026-05-01"))
    single = record_provision(store, CONSENT)
    with pytest.raises(ValidationError, match="single provision"):
        extend_provision(store, single.provision_id, last_provision_on=D("2026-10-31"))
    assert verify_store(store).ok


@pytest.fixture
def datasets(store: Store) -> None:
    pv = add_purpose(
        store, text="アクセスログによるサービス改善のため", categories=["IP_ADDRESS", "SNS_ACCOUNT"]
    )
    # the imaging society's log terms: logs "will not be provided to third parties"
    add_dataset(
        store,
        "isj-logs",
        location="/var/log/isj/*.log",
        format="log",
        owner="広報",
        purposes=[pv.purpose_id],
        retention="1y",
        third_party=False,
    )
    # the oncology society's policy: only with consent, to an outsourcing contractor, or by law
    add_dataset(
        store,
        "jsco-members",
        location="/data/members.csv",
        format="csv",
        owner="事務局",
        purposes=[pv.purpose_id],
        retention="3y",
        allowed_paths=["consent", "outsourcing", "legal-exemption"],
    )


# fmt: off
POLICY = [
    ("isj-logs",     "provide", "consent",         None,     False),
    ("isj-logs",     "provide", "outsourcing",     None,     False),
    ("isj-logs",     "provide", "joint-use",       None,     False),
    ("isj-logs",     "provide", "legal-exemption", "27-1-1", True),
    ("isj-logs",     "receive", "consent",         None,     True),   # receiving is not providing
    ("jsco-members", "provide", "consent",         None,     True),
    ("jsco-members", "provide", "outsourcing",     None,     True),
    ("jsco-members", "provide", "opt-out",         None,     False),
    ("jsco-members", "provide", "joint-use",       None,     False),
    ("jsco-members", "provide", "legal-exemption", "27-1-1", True),
]
# fmt: on


@pytest.mark.parametrize(("dataset", "direction", "path", "exemption", "allowed"), POLICY)
def test_the_data_sets_provision_rule_is_enforced(
    store: Store,
    datasets: None,
    dataset: str,
    direction: str,
    path: str,
    exemption: str | None,
    allowed: bool,
) -> None:
    req = replace(
        RECEIPT if direction == "receive" else CONSENT,
        legal_path=path,
        exemption=exemption,
        dataset_id=dataset,
        provided_on=D("2026-05-01"),
    )
    if allowed:
        assert record_provision(store, req).dataset_id == dataset
    else:
        with pytest.raises(ProvisionRefusedError, match=dataset):
            record_provision(store, req)
        assert list_provisions(store) == []


def test_an_unknown_data_set_is_an_error(store: Store) -> None:
    with pytest.raises(RecordNotFoundError, match="no data set"):
        record_provision(store, replace(CONSENT, dataset_id="nope"))


def test_subject_identifiers_are_stored_only_encrypted(store: Store, ring: KeyRing) -> None:
    subjects = ("taro.yamada@example.jp", "会員番号 A-10293")
    prov = record_provision(store, replace(CONSENT, subjects=subjects, subject_count=None), keyring=ring)
    assert prov.subject_count == 2 and len(prov.subject_refs) == 2
    assert get_provision(store, prov.provision_id).subject_values is None
    assert get_provision(store, prov.provision_id, keyring=ring).subject_values == list(subjects)
    store.con.execute("CHECKPOINT")
    raw = store.config.path.read_bytes()
    for value in subjects:
        assert value.encode("utf-8") not in raw
    assert verify_store(store).ok


def test_subjects_need_the_key(store: Store) -> None:
    with pytest.raises(ValidationError, match="master key"):
        record_provision(store, replace(CONSENT, subjects=("taro@example.jp",)))


def test_records_are_listed_and_filtered(store: Store) -> None:
    record_provision(store, CONSENT)
    record_provision(store, RECEIPT)
    record_provision(store, replace(CONSENT, recorded_on=D("2020-01-01")))  # kept until 2023-01-01
    assert [p.provision_id for p in list_provisions(store)] == ["PR-000003", "PR-000002", "PR-000001"]
    assert [p.provision_id for p in list_provisions(store, direction="receive")] == ["PR-000002"]
    assert [p.provision_id for p in list_provisions(store, counterparty="サンプル学会")] == ["PR-000002"]
    assert [p.provision_id for p in list_provisions(store, held_on=D("2026-11-21"))] == [
        "PR-000002",
        "PR-000001",
    ]
