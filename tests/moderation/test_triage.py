"""Triage invariants: one decision per comment with evidence, ordered by severity then action."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from privacy_kit.findings import Finding
from privacy_kit.moderation.comments import Comment, parse_time
from privacy_kit.moderation.triage import triage
from privacy_kit.policy import resolve_pack
from privacy_kit.policy.schema import ACTIONS, SEVERITIES

PACK = resolve_pack("jspm")
TEXTS = ["参加します！", "資料の発送状況を教えてください。まだ届いていません。", "関連記事 https://bit.ly/abc",
         "学会の案内ありがとうございます。", "来月の教育セミナーの会場と時間を教えてください。"]
AUTHORS = ["hana", "hiro", "jspm_0fficial", "jspm_official", "yui"]
TYPES = ["PHONE_NUMBER", "PERSON", "LOCATION", "MEDICAL_CONDITION", "EMAIL_ADDRESS"]

_comment = st.tuples(st.sampled_from(AUTHORS), st.sampled_from(TEXTS), st.integers(0, 48),
                     st.lists(st.sampled_from(TYPES), max_size=2))


@settings(max_examples=60, deadline=None)
@given(st.lists(_comment, min_size=1, max_size=25))
def test_decisions_are_ordered_unique_and_justified(raw: list[tuple[str, str, int, list[str]]]) -> None:
    t0 = datetime(2026, 10, 1)
    comments = [Comment("x.jsonl", i, f"c{i}", a, "", t0 + timedelta(hours=h), text, "text")
                for i, (a, text, h, _) in enumerate(raw)]
    findings = [[Finding("x.jsonl", i, "text", 0, 1, t, 0.9, "fake", "v") for t in types]
                for i, (*_, types) in enumerate(raw)]
    decisions = triage(comments, findings, PACK)
    ids = [d.comment.comment_id for d in decisions]
    assert len(ids) == len(set(ids))
    keys = [(-SEVERITIES[d.severity], ACTIONS.index(d.action)) for d in decisions]
    assert keys == sorted(keys)
    for d in decisions:
        assert d.evidence and d.reason and "{" not in d.reason
        assert d.clause in PACK.clauses
        assert all(h.rule.rank >= d.hit.rule.rank for h in d.also)
    listed = set(ids)
    for c, f in zip(comments, findings):
        if any(x.entity_type in ("PHONE_NUMBER", "EMAIL_ADDRESS", "MEDICAL_CONDITION") for x in f):
            assert c.comment_id in listed  # a disclosure is never dropped
        if c.author == "jspm_0fficial":
            assert c.comment_id in listed


@given(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1)),
       st.integers(min_value=-12, max_value=14))
def test_parse_time_reads_iso_8601_back_as_utc(moment: datetime, offset_hours: int) -> None:
    zone = timezone(timedelta(hours=offset_hours))
    aware = moment.replace(tzinfo=zone)
    assert parse_time(aware.isoformat()) == aware.astimezone(UTC).replace(tzinfo=None)
