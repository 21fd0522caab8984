"""Repeats, links and export fields: the moderation signals other than impersonation."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from privacy_kit.moderation.comments import FieldNames, parse_time, read_comments
from privacy_kit.moderation.links import link_signals
from privacy_kit.moderation.repeats import find_repeats
from privacy_kit.policy.schema import Links

T0 = datetime(2026, 10, 1, 9, 0)
H = timedelta(hours=1)
LONG = "資料の発送状況を教えてください。先週申し込んだのにまだ届いていません。"


def _repeats(*comments: tuple[str, str, datetime | None], window: float = 24, similarity: float = 0.85,
             min_chars: int = 12) -> dict[int, int]:
    found = find_repeats([c[0] for c in comments], [c[1] for c in comments], [c[2] for c in comments],
                         window=timedelta(hours=window), similarity=similarity, min_chars=min_chars)
    return {i: r.of for i, r in found.items()}


@pytest.mark.parametrize(
    ("comments", "expected"),
    [
        ([("a", LONG, T0), ("a", LONG, T0 + H)], {1: 0}),
        ([("a", LONG, T0), ("a", LONG.replace("。", "！"), T0 + H), ("a", LONG + "！", T0 + 2 * H)], {1: 0, 2: 0}),
        ([("a", LONG, T0 + H), ("a", LONG, T0)], {0: 1}),  # time order, not file order
        ([("a", LONG, T0), ("A", "　" + LONG, T0 + H)], {1: 0}),  # author case, width, spaces
        ([("a", LONG, None), ("a", LONG, None)], {1: 0}),  # no times: the whole export is the window
        ([("a", LONG, T0), ("b", LONG, T0 + H)], {}),  # another author
        ([("a", LONG, T0), ("a", LONG, T0 + 25 * H)], {}),  # outside the window
        ([("a", "ありがとうございます！", T0), ("a", "ありがとうございます！", T0 + H)], {}),  # short
        ([("a", LONG, T0), ("a", "来月の教育セミナーの会場と開始時刻を教えてください。", T0 + H)], {}),  # different
        ([("", LONG, T0), ("", LONG, T0 + H)], {}),  # no author: cannot be "the same user"
    ],
)
def test_repeats(comments: list[tuple[str, str, datetime | None]], expected: dict[int, int]) -> None:
    assert _repeats(*comments) == expected


@given(st.text(min_size=12, max_size=60).filter(lambda t: len("".join(t.split())) >= 12),
       st.integers(min_value=2, max_value=6))
def test_copies_of_one_text_all_repeat_the_first(text: str, copies: int) -> None:
    found = _repeats(*[("a", text, T0 + i * H) for i in range(copies)])
    assert found == {i: 0 for i in range(1, copies)}


LINKS = Links(shorteners=("bit.ly", "tinyurl.com"), known_bad=("malware.example",), allow=("jspm.ne.jp",))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("詳細は https://bit.ly/3abcDEF へ", {"link_shortener": "bit.ly"}),
        ("bit.ly/xyz を見て", {"link_shortener": "bit.ly"}),
        ("ｈｔｔｐｓ：／／ｂｉｔ．ｌｙ／ａｂｃ", {"link_shortener": "bit.ly"}),
        ("見てhttps://tinyurl.com/abcとか", {"link_shortener": "tinyurl.com"}),
        ("https://dl.malware.example/x.exe", {"link_known_bad": "dl.malware.example"}),
        ("https://bit.ly/a と https://malware.example/b", {"link_shortener": "bit.ly",
                                                           "link_known_bad": "malware.example"}),
        ("https://www.jspm.ne.jp/inquiry/index.html", {}),
        ("https://t.co/abc", {}),  # X wraps every link in t.co
        ("taro@bit.ly に送って", {}),  # an e-mail address, not a link
        ("notbit.ly.example.com/page", {}),
        ("Node.js の話", {}),
        ("bitly の話", {}),
    ],
)
def test_link_signals(text: str, expected: dict[str, str]) -> None:
    assert link_signals(text, LINKS) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-10-01T09:12:00+09:00", datetime(2026, 10, 1, 0, 12)),
        ("2026-10-01T00:12:00Z", datetime(2026, 10, 1, 0, 12)),
        ("2026-10-01 09:12", datetime(2026, 10, 1, 9, 12)),
        ("2026/10/01 09:12", datetime(2026, 10, 1, 9, 12)),
        ("Thu Oct 01 00:12:00 +0000 2026", datetime(2026, 10, 1, 0, 12)),
        ("1790813520", datetime(2026, 10, 1, 0, 12)),
        ("1790813520000", datetime(2026, 10, 1, 0, 12)),
        ("", None),
        ("先週", None),
    ],
)
def test_parse_time(value: str, expected: datetime | None) -> None:
    assert parse_time(value) == expected


def test_fields_by_name_or_last_part(tmp_path: Path) -> None:
    src = tmp_path / "c.jsonl"
    src.write_text(
        '{"data": {"id": "9", "user": {"screen_name": "u1", "name": "ユーザー"}, "created_at": "2026-10-01", '
        '"comment": {"message": "本文"}}}\n{"data": {"id": "10"}}\n', encoding="utf-8")
    problems: list = []
    names = FieldNames(id="data.id", author="screen_name", name="user.name", text="message")
    (c,) = read_comments([src], names, problems=problems)
    assert (c.comment_id, c.author, c.display_name, c.text, c.text_field) == (
        "9", "u1", "ユーザー", "本文", "data.comment.message")
    assert c.time == datetime(2026, 10, 1)
    assert [p.record for p in problems] == [1] and "no text field (message)" in problems[0].reason


def test_missing_id_falls_back_to_the_record_number(tmp_path: Path) -> None:
    src = tmp_path / "c.csv"
    src.write_text("user,text\nu1,こんにちは\n", encoding="utf-8")
    (c,) = read_comments([src], FieldNames(author="user"))
    assert (c.comment_id, c.author, c.time) == ("#1", "u1", None)
