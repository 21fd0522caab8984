"""``request search``: the subject found in every registered data set, with fields and offsets."""

from __future__ import annotations

import json
from datetime import date

import pytest

from audit.errors import RecordNotFoundError, RequestStateError
from audit.keys import KeyRing
from audit.requests import Identifier, get_request
from audit.store import Store
from audit.verify import verify_store
from privacy_kit.requests.fulfil import search_request
from privacy_kit.requests.search import SearchOptions, search_subject
from tests.requests.conftest import EMAIL, SUBJECT, SUBJECT_RECORDS, FakeDetector, World, file_verified


def _found(result) -> set[tuple[str, int]]:
    return {(h.dataset_id, h.record) for h in result.hits}


def test_every_record_of_the_subject_under_every_spelling(store: Store, fake_detector: FakeDetector) -> None:
    result = search_subject(store, SUBJECT)
    assert _found(result) == SUBJECT_RECORDS
    assert result.datasets == ["comments", "members"] and result.unreadable == 0
    member = next(h for h in result.hits if h.dataset_id == "members")
    assert {f.field: [(s.start, s.end) for s in f.spans] for f in member.fields} == {
        "氏名": [(0, 5)],
        "フリガナ": [(0, 7)],
        "メール": [(0, len(EMAIL))],
    }
    c3 = next(h for h in result.hits if h.record == 2 and h.dataset_id == "comments")
    assert [(f.field, f.text[s.start : s.end]) for f in c3.fields for s in f.spans] == [("text", "ヤマダタロウ")]


def test_the_csv_is_read_as_shift_jis(store: Store, world: World, fake_detector: FakeDetector) -> None:
    assert world.members.read_bytes().decode("cp932")  # really CP932 on disk
    result = search_subject(store, SUBJECT, SearchOptions(datasets=("members",)))
    assert [(h.source, h.record) for h in result.hits] == [(str(world.members), 1)]


def test_scanner_findings_widen_a_partial_match(store: Store, fake_detector: FakeDetector) -> None:
    """Given only the name, the romaji 'taro.yamada' inside the address matches; the scanner's
    EMAIL_ADDRESS finding that overlaps it makes the whole address the subject's."""
    result = search_subject(store, (Identifier("name", "山田 太郎"),), SearchOptions(datasets=("comments",)))
    c5 = next(h for h in result.hits if h.record == 4)
    (field,) = c5.fields
    (span,) = field.spans
    assert field.text[span.start : span.end] == EMAIL and set(span.kinds) == {"name", "EMAIL_ADDRESS"}
    assert field.entity_types() == ["EMAIL_ADDRESS"]
    assert len(fake_detector.texts) == 3 and all("次回も参加します" not in t for t in fake_detector.texts)  # matching fields only
    c3 = next(h for h in result.hits if h.record == 2)  # Ken's address in it does not overlap the name
    assert [c3.fields[0].text[s.start : s.end] for s in c3.fields[0].spans] == ["ヤマダタロウ"]


def test_without_the_scanner_spans_are_the_exact_matches(store: Store) -> None:
    result = search_subject(store, (Identifier("name", "山田 太郎"),), SearchOptions(scanner=False, datasets=("comments",)))
    c5 = next(h for h in result.hits if h.record == 4)
    assert [c5.fields[0].text[s.start : s.end] for s in c5.fields[0].spans] == ["taro.yamada"]


@pytest.mark.parametrize(
    ("identifiers", "expected"),
    [
        ((Identifier("email", EMAIL),), {("comments", 4), ("members", 1)}),
        ((Identifier("phone", "09012345678"),), {("members", 1)}),
        # given in kana only: its kana and romaji forms, not the kanji (no reading-to-kanji guess)
        ((Identifier("name", "ヤマダ タロウ"),), {("comments", 2), ("comments", 4), ("members", 1)}),
        ((Identifier("account", "@taro_y"),), {("comments", 1)}),
        ((Identifier("member_id", "m-0042"),), {("members", 1)}),
        ((Identifier("name", "山田 花子"),), {("comments", 5)}),
        ((Identifier("name", "田中 一郎"),), set()),
    ],
)
def test_each_kind_of_identifier(store: Store, fake_detector: FakeDetector, identifiers, expected) -> None:
    assert _found(search_subject(store, identifiers)) == expected


def test_evidence_holds_no_value(store: Store, ring: KeyRing, fake_detector: FakeDetector) -> None:
    rid = file_verified(store, ring, "35-1")
    req, result = search_request(store, ring, rid)
    assert req.state == "in_progress" and req.evidence[-1].kind == "search"
    doc = req.evidence[-1].document
    assert doc["records_found"] == 4 and doc["keys"] == {"email": 1, "name": 11}
    assert [f["records"] for f in doc["files"]] == [6, 3] and all(len(f["sha256"]) == 64 for f in doc["files"])
    text = json.dumps(doc, ensure_ascii=False)
    for value in ("山田", "ヤマダ", "taro", "090"):
        assert value not in text
    assert verify_store(store).ok


def test_search_needs_a_verified_request(store: Store, ring: KeyRing) -> None:
    from audit.requests import NewRequest, file_request

    rid = file_request(store, ring, NewRequest("33-1", SUBJECT)).request_id
    with pytest.raises(RequestStateError, match="verified request"):
        search_request(store, ring, rid)
    assert get_request(store, rid).state == "received"


def test_unknown_dataset_is_a_clear_error(store: Store) -> None:
    with pytest.raises(RecordNotFoundError, match="no data set 'nope'"):
        search_subject(store, SUBJECT, SearchOptions(datasets=("nope",)))


def test_a_data_set_without_files_is_reported_not_searched(store: Store, world: World) -> None:
    world.members.unlink()
    result = search_subject(store, SUBJECT, SearchOptions(scanner=False))
    assert result.not_searched == [{"dataset": "members", "reason": "no file matches its location"}]


def test_unreadable_records_are_counted(store: Store, world: World) -> None:
    with world.comments.open("ab") as fh:
        fh.write(b'{"id": "c7", "text": "broken\n')
    result = search_subject(store, SUBJECT, SearchOptions(scanner=False))
    assert result.unreadable == 1 and _found(result) == SUBJECT_RECORDS
    assert date.today()  # the search itself never fails on a broken record


@pytest.mark.ginza
def test_the_real_scanner_confirms_and_widens_matches(store: Store, ginza_engine) -> None:
    """With the pack's own detector: the subject's name is a PERSON finding where it matched, and
    the address that only the romaji name matched inside becomes the whole EMAIL_ADDRESS."""
    from privacy_kit.detect import Detector
    from recognizers import build_analyzer

    detector = Detector(analyzer=build_analyzer(nlp_engine=ginza_engine))
    result = search_subject(store, (Identifier("name", "山田 太郎"),), SearchOptions(datasets=("comments",)), detector=detector)
    by_record = {h.record: h.fields[0] for h in result.hits}
    assert set(by_record) == {1, 2, 4}
    c5 = by_record[4]
    assert [c5.text[s.start : s.end] for s in c5.spans] == [EMAIL] and "EMAIL_ADDRESS" in c5.entity_types()
    assert [by_record[1].text[s.start : s.end] for s in by_record[1].spans] == ["山田太郎"]
