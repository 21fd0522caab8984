"""Deletion, redaction and correction requests (Arts 34, 35): the data sets rewritten, what is
left proven by a second search, the subject crypto-shredded, provision records held."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.errors import KeyShreddedError, RequestStateError, ValidationError
from audit.keys import KeyRing
from audit.provisions import add_years, get_provision
from audit.requests import Identifier, get_request
from audit.store import Store, StoreConfig
from audit.verify import verify_store
from privacy_kit.errors import InputError, RewriteError
from privacy_kit.requests.changes import REDACTED, ChangeOptions, fulfil_change, fulfil_stop, subject_values
from privacy_kit.requests.search import SearchOptions, SearchResult, search_subject
from tests.cli.audit_env import run, run_json, store_path_fixture  # noqa: F401 (fixture)
from tests.requests.conftest import (
    COMMENTS,
    EMAIL,
    MEMBERS,
    SUBJECT,
    FakeDetector,
    World,
    file_verified,
    provide,
    write_world,
)

OTHERS_COMMENTS = [c for i, c in enumerate(COMMENTS) if i not in (1, 2, 4)]
OTHERS_MEMBERS = [m for i, m in enumerate(MEMBERS) if i != 2]


def _jsonl_lines(comments: list[dict]) -> bytes:
    return "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in comments).encode("utf-8")


def _csv_bytes(rows: list[list[str]]) -> bytes:
    return "".join(",".join(r) + "\r\n" for r in rows).encode("cp932")


# --- the end-to-end test ------------------------------------------------------------------


def test_deletion_request_end_to_end(
    runner: CliRunner, store_path: Path, tmp_path: Path, fake_detector: FakeDetector
) -> None:
    """Two registered data sets (a JSONL comment export and a Shift_JIS CSV); a deletion request
    for 山田 太郎, who is 山田太郎, ヤマダタロウ, ヤマダ タロウ and taro.yamada@… in them. After
    fulfilment every record of his is gone, every other record is byte for byte what it was, the
    ledger verifies, and his ciphertext in the store no longer decrypts."""
    (tmp_path / "data").mkdir()
    world = write_world(tmp_path / "data")
    run(runner, "purpose", "add", "公式SNSへのコメントの管理と不適切投稿への対応のため", "--category", "*",
        "--id", "P-sns", "--published-on", "2026-04-01")
    run(runner, "purpose", "add", "会員管理及び学術集会の案内のため", "--category", "*", "--id", "P-members",
        "--published-on", "2026-04-01")
    run(runner, "dataset", "add", "comments", "--path", str(world.root / "sns" / "*.jsonl"), "--format", "jsonl",
        "--owner", "広報委員会", "--purpose", "P-sns", "--retention", "1y")
    run(runner, "dataset", "add", "members", "--path", str(world.members), "--format", "csv",
        "--owner", "事務局", "--purpose", "P-members", "--retention", "5y")
    # Earlier scans kept the values found, encrypted under each value's subject key.
    for path in (world.comments, world.members):
        run(runner, "scan", str(path), "--workers", "1", "--keep-values", "-q")

    ids = tmp_path / "ids.txt"
    ids.write_text(f"name: 山田 太郎\nemail: {EMAIL}\n", encoding="utf-8")
    rid = run(runner, "request", "new", "--type", "35-1", "--identifiers-file", str(ids)).stdout.split(":")[0][6:]
    run(runner, "request", "verify", rid, "--method", "member-login")
    dry = run(runner, "request", "fulfil", rid, "--dry-run").stdout
    assert "would delete 4 record(s) in 2 file(s)" in dry and world.comments.read_bytes() == _jsonl_lines(COMMENTS)
    out = run(runner, "request", "fulfil", rid).stdout
    assert f"{rid}: fulfilled" in out

    # every record of his is gone, every other record is unchanged (byte for byte, CP932, CRLF)
    assert world.comments.read_bytes() == _jsonl_lines(OTHERS_COMMENTS)
    assert world.members.read_bytes() == _csv_bytes(OTHERS_MEMBERS)
    # the ledger and the tables verify
    assert "ok:" in run(runner, "audit", "verify").stdout
    # his ciphertext no longer decrypts; everyone else's does
    with Store.open(StoreConfig(store_path), read_only=True) as st:
        ring = KeyRing.open(st)
        rows = st.con.execute(
            "SELECT value_hash, ciphertext FROM findings WHERE ciphertext IS NOT NULL ORDER BY seq"
        ).fetchall()
        readable, unreadable = [], 0
        for ref, blob in rows:
            try:
                readable.append(ring.decrypt(ref, bytes(blob)))
            except KeyShreddedError:
                unreadable += 1
        assert unreadable == 3  # his address twice (comment, member row) and his phone
        assert EMAIL not in readable and "090-1234-5678" not in readable and "hanako@example.jp" in readable
        # Ken's address was in a deleted comment, but is his too (his comment, his member row): kept
        assert readable.count("ken@example.jp") == 3
        req = get_request(st, rid, keyring=ring)
        assert req.identifier_values == [None, None] and req.state == "fulfilled"
        erasure = req.evidence[-1].document
        assert erasure["subject_keys_shredded"] == 3 and erasure["held"] == [] and erasure["shared_values_kept"] == 1
        deletion = next(e.document for e in req.evidence if e.kind == "deletion")
        assert [(f["records_before"], f["records_after"], f["deleted"]) for f in deletion["files"]] == [(6, 3, 3), (3, 2, 1)]
        assert deletion["left"]["records_found"] == 0
    shown = run(runner, "request", "show", rid).stdout
    assert "evidence" in shown and "deletion" in shown and "山田" not in shown and EMAIL not in shown


# --- library -----------------------------------------------------------------------------------------


def test_provision_records_under_retention_are_held(
    store: Store, ring: KeyRing, world: World, fake_detector: FakeDetector
) -> None:
    pid = provide(store, ring, [EMAIL], date.today())
    rid = file_verified(store, ring, "35-5")
    done = fulfil_change(store, ring, rid, ChangeOptions(rotate=False))
    req = get_request(store, rid, keyring=ring)
    assert done.outcome == req.state == "partially_fulfilled"
    assert "第三者提供記録" in (req.reason or "") and "保存期間" in (req.reason or "")
    until = add_years(date.today(), 3).isoformat()
    assert done.evidence["erasure"]["held"] == [{"provision_id": pid, "retention_until": until}]
    assert req.identifier_values == [None, EMAIL]  # the held address is still readable for the record
    assert get_provision(store, pid, keyring=ring).subject_values == [EMAIL]
    assert world.comments.read_bytes() == _jsonl_lines(OTHERS_COMMENTS)
    assert verify_store(store).ok


def test_redaction_keeps_the_records_without_the_person(
    store: Store, ring: KeyRing, world: World, fake_detector: FakeDetector
) -> None:
    rid = file_verified(store, ring, "35-1")
    done = fulfil_change(store, ring, rid, ChangeOptions(action="redact", rotate=False))
    assert done.outcome == "fulfilled"
    lines = [json.loads(line) for line in world.comments.read_text(encoding="utf-8").splitlines()]
    assert [c["text"] for c in lines] == [
        COMMENTS[0]["text"],
        f"{REDACTED}です。先日の件、よろしくお願いします",
        f"{REDACTED}さんの発表よかったです（ken@example.jp）",
        COMMENTS[3]["text"],
        f"資料の送付先は {REDACTED} までお願いします",
        COMMENTS[5]["text"],
    ]
    rows = world.members.read_bytes().decode("cp932").split("\r\n")
    assert rows[2] == f"M-0042,{REDACTED},{REDACTED},{REDACTED},090-1234-5678"
    assert rows[1] == ",".join(MEMBERS[1]) and rows[3] == ",".join(MEMBERS[3])
    assert search_subject(store, SUBJECT).hits == []


def test_correction_rewrites_the_given_fields(store: Store, ring: KeyRing, world: World, fake_detector) -> None:
    rid = file_verified(store, ring, "34")
    done = fulfil_change(store, ring, rid, ChangeOptions(action="correct", corrections={"電話": "080-9999-0000"}))
    assert done.outcome == "fulfilled" and done.evidence["left"] == {"uncorrected": []}
    rows = world.members.read_bytes().decode("cp932").split("\r\n")
    assert rows[2] == f"M-0042,山田 太郎,ヤマダ タロウ,{EMAIL},080-9999-0000"
    assert world.comments.read_bytes() == _jsonl_lines(COMMENTS)  # no 電話 field there: untouched
    assert get_request(store, rid, keyring=ring).identifier_values == ["山田 太郎", EMAIL]  # nothing shredded


@pytest.mark.parametrize(
    ("request_type", "options", "error", "message"),
    [
        ("34", ChangeOptions(action="correct"), ValidationError, "--set"),
        ("35-1", ChangeOptions(action="correct", corrections={"電話": "x"}), ValidationError, "34 request"),
        ("35-1", ChangeOptions(corrections={"電話": "x"}), ValidationError, "--set is for a correction"),
        ("34", ChangeOptions(action="correct", corrections={"住所": "x"}), InputError, "住所"),
        ("33-1", ChangeOptions(), ValidationError, "data sets are changed only for"),
        ("35-1", ChangeOptions(action="burn"), ValidationError, "action"),
    ],
)
def test_change_options_are_checked_before_anything_is_written(
    store: Store, ring: KeyRing, world: World, request_type: str, options: ChangeOptions, error: type, message: str
) -> None:
    before = world.file_bytes()
    rid = file_verified(store, ring, request_type)
    with pytest.raises(error, match=message):
        fulfil_change(store, ring, rid, options)
    assert world.file_bytes() == before and get_request(store, rid).is_open


def test_dry_run_changes_nothing(store: Store, ring: KeyRing, world: World, fake_detector: FakeDetector) -> None:
    before = world.file_bytes()
    rid = file_verified(store, ring, "35-1")
    done = fulfil_change(store, ring, rid, ChangeOptions(dry_run=True))
    assert done.dry_run and [f["records_found"] for f in done.evidence["would_change"]] == [3, 1]
    assert world.file_bytes() == before and get_request(store, rid, keyring=ring).identifier_values == ["山田 太郎", EMAIL]


def test_a_file_changed_after_the_search_is_refused(
    store: Store, ring: KeyRing, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    import privacy_kit.requests.changes as changes

    real = changes.file_sha256
    monkeypatch.setattr(changes, "file_sha256", lambda p: "0" * 64 if p == world.members else real(p))
    rid = file_verified(store, ring, "35-1")
    with pytest.raises(RewriteError, match="changed since it was searched"):
        fulfil_change(store, ring, rid, ChangeOptions(rotate=False), SearchOptions(scanner=False))
    req = get_request(store, rid)
    assert req.state == "in_progress" and req.evidence[-1].kind == "interrupted"  # the comments were rewritten
    assert world.members.read_bytes() == _csv_bytes(MEMBERS)


def test_unreadable_records_are_kept_and_make_it_partial(
    store: Store, ring: KeyRing, world: World, fake_detector: FakeDetector
) -> None:
    with world.comments.open("ab") as fh:
        fh.write('{"id": "c7", "text": "山田太郎 broken\n'.encode())
    rid = file_verified(store, ring, "35-1")
    done = fulfil_change(store, ring, rid, ChangeOptions(rotate=False))
    assert done.outcome == "partially_fulfilled"
    assert world.comments.read_bytes().endswith('{"id": "c7", "text": "山田太郎 broken\n'.encode())  # never dropped


def test_stop_of_provision_records_the_provision_records(store: Store, ring: KeyRing) -> None:
    pid = provide(store, ring, [EMAIL], date(2026, 5, 1))
    rid = file_verified(store, ring, "35-3")
    done = fulfil_stop(store, ring, rid, reason="提供先との契約を変更し、以後の提供を停止")
    assert done.outcome == "fulfilled" and [p["provision_id"] for p in done.evidence["provisions"]] == [pid]
    with pytest.raises(RequestStateError):
        fulfil_stop(store, ring, rid)


def test_subject_values_cover_account_handles() -> None:
    values = subject_values([Identifier("account", "@taro_y"), Identifier("email", EMAIL)], SearchResult([]))
    assert values == sorted({"@taro_y", "taro_y", EMAIL})


# No ASCII letters or digits: a Latin form next to one is another word (taro_yamada2), by design.
_OTHER_TEXT = st.text(alphabet=st.sampled_from(list("あいうえおかきくけこアイウエオ学会資料発表参加、。！ 　")), max_size=15)
_SUBJECT_FORMS = st.sampled_from(["山田太郎", "山田 太郎", "ヤマダタロウ", "ﾔﾏﾀﾞ ﾀﾛｳ", "やまだ たろう", EMAIL, "Taro Yamada"])


@st.composite
def _comments(draw: st.DrawFn) -> list[tuple[bool, dict]]:
    """Comments, each flagged whether it holds the subject (somewhere in its text)."""
    out = []
    for i in range(draw(st.integers(min_value=1, max_value=8))):
        text = draw(_OTHER_TEXT)
        mine = draw(st.booleans())
        if mine:
            at = draw(st.integers(min_value=0, max_value=len(text)))
            text = text[:at] + draw(_SUBJECT_FORMS) + text[at:]
        out.append((mine, {"id": f"c{i}", "text": text}))
    return out


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(comments=_comments())
def test_deletion_removes_exactly_the_subjects_records(
    store: Store, ring: KeyRing, world: World, comments: list[tuple[bool, dict]]
) -> None:
    """Whatever the comments, deletion leaves exactly the others, byte for byte, in order."""
    world.comments.write_bytes(_jsonl_lines([c for _, c in comments]))
    rid = file_verified(store, ring, "35-1")
    fulfil_change(store, ring, rid, ChangeOptions(rotate=False), SearchOptions(scanner=False, datasets=("comments",)))
    assert world.comments.read_bytes() == _jsonl_lines([c for mine, c in comments if not mine])
