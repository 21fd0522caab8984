"""The hash chain: any single edit, deletion, insertion or reordering is detected; truncation and
whole-chain recomputation are detected against a checkpoint."""

from __future__ import annotations

import dataclasses
import json

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from audit.errors import CheckpointError
from audit.ledger import (
    GENESIS,
    Checkpoint,
    Event,
    canonical_json,
    check_against_checkpoint,
    event_hash,
    make_event,
    verify_chain,
)

_payloads = st.dictionaries(
    st.text(min_size=1, max_size=6),
    st.one_of(st.integers(), st.text(max_size=12), st.booleans(), st.none()),
    max_size=3,
)
_kinds = st.sampled_from(["purpose.added", "scan.batch", "provision.recorded", "subject.shredded"])


@st.composite
def chains(draw: st.DrawFn, min_size: int = 2, max_size: int = 12) -> list[Event]:
    n = draw(st.integers(min_size, max_size))
    events: list[Event] = []
    for i in range(n):
        prev = events[-1] if events else None
        events.append(
            make_event(
                prev,
                draw(_kinds),
                draw(_payloads),
                actor=draw(st.sampled_from(["a", "b"])),
                ts=f"2026-11-21T00:00:{i:02d}.000000+00:00",
            )
        )
    return events


def _checkpoint(events: list[Event]) -> Checkpoint:
    return Checkpoint("store-1", len(events), events[-1].hash, "2026-11-21T00:00:00+00:00")


def _rehash(events: list[Event]) -> list[Event]:
    """What an attacker who controls the whole file does: renumber and recompute every hash."""
    out: list[Event] = []
    for ev in events:
        prev = out[-1] if out else None
        out.append(make_event(prev, ev.kind, json.loads(ev.payload), actor=ev.actor, ts=ev.ts))
    return out


@given(chains())
def test_an_untouched_chain_verifies(events: list[Event]) -> None:
    report = verify_chain(events)
    assert report.ok and report.count == len(events) and report.head == events[-1].hash
    assert check_against_checkpoint(events, _checkpoint(events)) == []


@given(chains(), st.data())
def test_any_single_edit_is_detected(events: list[Event], data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(events) - 1))
    name = data.draw(st.sampled_from(["seq", "ts", "kind", "actor", "payload", "prev_hash", "hash"]))
    old = getattr(events[i], name)
    if name == "seq":
        new = data.draw(st.integers(0, 10_000).filter(lambda v: v != old))
    elif name in ("prev_hash", "hash"):
        new = data.draw(st.text("0123456789abcdef", min_size=64, max_size=64).filter(lambda v: v != old))
    elif name == "payload":
        new = canonical_json(data.draw(_payloads))
        assume(new != old)
    else:
        new = data.draw(st.text(min_size=1, max_size=20).filter(lambda v: v != old))
    tampered = list(events)
    tampered[i] = dataclasses.replace(events[i], **{name: new})
    assert not verify_chain(tampered).ok


@given(chains(), st.data())
def test_any_single_deletion_is_detected(events: list[Event], data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(events) - 1))
    tampered = events[:i] + events[i + 1 :]
    if i < len(events) - 1:  # inside the chain: the chain itself shows it
        assert not verify_chain(tampered).ok
    # anywhere, including the newest event: the checkpoint shows it
    assert check_against_checkpoint(tampered, _checkpoint(events)) != []


@given(chains(), st.data())
def test_any_single_insertion_is_detected(events: list[Event], data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(events) - 1))  # before an existing event (appending is not tampering)
    prev = events[i - 1] if i else None
    forged = make_event(prev, data.draw(_kinds), data.draw(_payloads), actor="mallory")
    tampered = events[:i] + [forged] + events[i:]
    assert not verify_chain(tampered).ok


@given(chains(), st.data())
def test_any_reordering_is_detected(events: list[Event], data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(events) - 2))
    j = data.draw(st.integers(i + 1, len(events) - 1))
    tampered = list(events)
    tampered[i], tampered[j] = tampered[j], tampered[i]
    assert not verify_chain(tampered).ok


@given(chains(), st.data())
def test_truncation_is_detected_only_with_a_checkpoint(events: list[Event], data: st.DataObject) -> None:
    keep = data.draw(st.integers(0, len(events) - 1))
    truncated = events[:keep]
    assert verify_chain(truncated).ok  # a shorter chain is self-consistent: why checkpoints exist
    problems = check_against_checkpoint(truncated, _checkpoint(events))
    assert problems and "removed from the end" in problems[0].reason


@given(chains(min_size=3), st.data())
def test_a_recomputed_chain_passes_alone_but_fails_the_checkpoint(
    events: list[Event], data: st.DataObject
) -> None:
    i = data.draw(st.integers(0, len(events) - 2))
    forged = _rehash(events[:i] + events[i + 1 :] + [make_event(None, "x", {}, actor="m")])
    assert verify_chain(forged).ok
    assert check_against_checkpoint(forged, _checkpoint(events)) != []


@given(chains(), chains(min_size=1, max_size=4))
def test_events_appended_after_a_checkpoint_still_match_it(events: list[Event], more: list[Event]) -> None:
    cp = _checkpoint(events)
    extended = list(events)
    for ev in more:
        extended.append(make_event(extended[-1], ev.kind, json.loads(ev.payload), actor=ev.actor))
    assert verify_chain(extended).ok
    assert check_against_checkpoint(extended, cp) == []


def test_the_first_event_links_to_genesis_and_hashes_its_fields() -> None:
    ev = make_event(None, "store.created", {"store_id": "s"}, actor="a", ts="t")
    assert ev.seq == 1 and ev.prev_hash == GENESIS
    assert ev.hash == event_hash(1, "t", "store.created", "a", '{"store_id":"s"}', GENESIS)
    # each field contributes
    assert ev.hash != event_hash(1, "t", "store.created", "b", '{"store_id":"s"}', GENESIS)
    assert ev.hash != event_hash(2, "t", "store.created", "a", '{"store_id":"s"}', GENESIS)


def test_canonical_json_is_key_order_independent_and_keeps_japanese() -> None:
    assert (
        canonical_json({"b": 1, "a": "氏名"}) == canonical_json({"a": "氏名", "b": 1}) == '{"a":"氏名","b":1}'
    )


# fmt: off
BAD_CHECKPOINTS = [
    ("not json", "is not a privacy-kit ledger checkpoint"),
    ('{"format": "other/1", "store_id": "s", "count": 1, "head": "' + "0" * 64 + '"}', "format"),
    ('{"format": "privacy-kit-checkpoint/1", "store_id": "s", "count": -1, "head": "' + "0" * 64 + '"}', "count"),
    ('{"format": "privacy-kit-checkpoint/1", "store_id": "s", "count": 1, "head": "xyz"}', "head"),
    ('{"format": "privacy-kit-checkpoint/1", "count": 1, "head": "' + "0" * 64 + '"}', "store_id"),
]
# fmt: on


@pytest.mark.parametrize(("text", "needle"), BAD_CHECKPOINTS)
def test_a_malformed_checkpoint_is_a_clear_error(text: str, needle: str) -> None:
    with pytest.raises(CheckpointError, match=needle):
        Checkpoint.from_json(text, source="cp.json")


def test_a_checkpoint_round_trips() -> None:
    cp = Checkpoint("s1", 3, "a" * 64, "2026-11-21T00:00:00+00:00")
    assert Checkpoint.from_json(cp.to_json()) == cp
