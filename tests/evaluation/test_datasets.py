from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from privacy_kit.errors import DatasetFormatError, InputError
from privacy_kit.evaluation.datasets import (
    Dataset,
    Record,
    detect_format,
    load_dataset,
    parse_jsonl,
    parse_ner_wikipedia,
    select_records,
)
from privacy_kit.evaluation.spans import Span

DATA = Path(__file__).parent / "data"


def _write(tmp_path: Path, text: str | bytes, name: str = "set.jsonl") -> Path:
    p = tmp_path / name
    if isinstance(text, bytes):
        p.write_bytes(text)
    else:
        p.write_text(text, encoding="utf-8")
    return p


def test_jsonl_fixture_loads() -> None:
    ds = load_dataset(DATA / "five_posts.jsonl")
    assert ds.format == "jsonl"
    assert len(ds) == 5
    assert ds.labels == {"PERSON", "LOCATION", "PHONE_NUMBER", "EMAIL_ADDRESS"}
    assert ds.records[0] == Record("p1", "昨日、佐藤花子さんと大阪で会いました。",
                                   (Span(3, 7, "PERSON"), Span(10, 12, "LOCATION")))
    assert ds.records[4].entities == ()
    assert ds.support() == {"EMAIL_ADDRESS": 1, "LOCATION": 2, "PERSON": 2, "PHONE_NUMBER": 1}


def test_jsonl_extra_keys_blank_lines_and_line_ids(tmp_path: Path) -> None:
    p = _write(tmp_path, '\n{"text": "山田です", "entities": [{"start": 0, "end": 2, "type": "PERSON"}], '
                         '"kind": "post", "note": "x"}\n\n{"text": "なし"}\n')
    ds = load_dataset(p)
    assert [r.id for r in ds.records] == ["2", "4"]  # line numbers when there is no "id"
    assert ds.records[0].entities == (Span(0, 2, "PERSON"),)
    assert ds.records[1].entities == ()


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    p = _write(tmp_path, '\ufeff{"text": "a", "entities": []}\n'.encode())
    assert len(load_dataset(p)) == 1


# Broken JSONL inputs: (file content, text that must appear in the message)
# fmt: off
BROKEN_JSONL = [
    ('{"text": "a"}\n{"text": "b", \n',                                   "line 2: not valid JSON"),
    ('{"text": "a"}\n["text"]\n',                                         "line 2: expected a JSON object"),
    ('{"entities": []}\n',                                                "line 1: missing 'text'"),
    ('{"text": 5}\n',                                                     "'text' must be a string"),
    ('{"text": "abc", "entities": {"start": 0}}\n',                       "'entities' must be a list"),
    ('{"text": "abc", "entities": [{"start": 0, "end": 9, "type": "PERSON"}]}\n',  "line 1, entity 0: span [0, 9)"),
    ('{"text": "abc", "entities": [{"start": -1, "end": 2, "type": "PERSON"}]}\n', "outside the text"),
    ('{"text": "abc", "entities": [{"start": 2, "end": 2, "type": "PERSON"}]}\n',  "or empty"),
    ('{"text": "abc", "entities": [{"start": 0, "end": 2, "type": "PERSON", "name": "bc"}]}\n',
                                                                          "text[0:2] is 'ab' but the entity's name is 'bc'"),
    ('{"text": "abc", "entities": [{"start": "0", "end": 2, "type": "PERSON"}]}\n', "'start' must be an integer"),
    ('{"text": "abc", "entities": [{"start": true, "end": 2, "type": "PERSON"}]}\n', "'start' must be an integer"),
    ('{"text": "abc", "entities": [{"start": 0, "end": 2}]}\n',                    "'type' must be a non-empty string"),
    ('{"text": "abc", "entities": ["PERSON"]}\n',                         "entity 0: expected an object"),
    ("",                                                                  "empty"),
    ("  \n\n",                                                            "empty"),
    ("hello\n",                                                           "cannot tell the dataset format"),
]
# fmt: on


@pytest.mark.parametrize(("content", "message"), BROKEN_JSONL)
def test_broken_jsonl_gives_coded_error(tmp_path: Path, content: str, message: str) -> None:
    with pytest.raises(DatasetFormatError) as exc:
        load_dataset(_write(tmp_path, content))
    assert message in str(exc.value)
    assert str(exc.value).startswith("[PK110]")


def test_blank_lines_only_with_explicit_format(tmp_path: Path) -> None:
    with pytest.raises(DatasetFormatError, match="no records"):
        load_dataset(_write(tmp_path, "\n\n"), format="jsonl")


def test_not_utf8(tmp_path: Path) -> None:
    p = _write(tmp_path, '{"text": "山田"}\n'.encode("cp932"))
    with pytest.raises(DatasetFormatError, match="not UTF-8"):
        load_dataset(p)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        load_dataset(tmp_path / "nope.jsonl")
    with pytest.raises(InputError, match="directory"):
        load_dataset(tmp_path)


def test_unknown_format_name(tmp_path: Path) -> None:
    with pytest.raises(DatasetFormatError, match="unknown dataset format"):
        load_dataset(_write(tmp_path, '{"text": "a"}\n'), format="csv")


# --- ner-wikipedia ----------------------------------------------------------------------------


def test_ner_wikipedia_fixture_maps_and_drops_types() -> None:
    ds = load_dataset(DATA / "ner_wikipedia_tiny.json")
    assert ds.format == "ner-wikipedia"
    assert ds.labels == {"PERSON", "LOCATION"}
    assert len(ds) == 4
    assert ds.records[0].entities == (Span(0, 4, "PERSON"), Span(5, 8, "LOCATION"))  # 人名, 地名
    assert ds.records[1].entities == (Span(5, 9, "LOCATION"),)  # 施設名 kept, 法人名 dropped
    assert ds.records[2].entities == ()  # イベント名 dropped
    assert ds.records[0].id == "0:1001"
    assert ds.dropped == {"イベント名": 1, "法人名": 1}
    assert ds.support() == {"LOCATION": 2, "PERSON": 1}


# fmt: off
WRONG_FORMAT = [
    ('{"text": "a", "entities": []}\n',                     "ner-wikipedia", "expected a JSON array of items, got dict"),
    ('{"text": "a"}\n{"text": "b"}\n',                      "ner-wikipedia", "not valid JSON (Extra data"),
    ('[{"curid": "1", "text": "a", "entities": []}]',        "jsonl",         "line 1: expected a JSON object, got list"),
]
# fmt: on


@pytest.mark.parametrize(("content", "fmt", "message"), WRONG_FORMAT)
def test_wrong_explicit_format_is_explained(tmp_path: Path, content: str, fmt: str, message: str) -> None:
    with pytest.raises(DatasetFormatError) as exc:
        load_dataset(_write(tmp_path, content), format=fmt)
    assert message in str(exc.value)
    assert "--format" in str(exc.value)  # the hint names the way out


def _item(**over: object) -> dict:
    item: dict = {"curid": "1", "text": "山本は京都へ",
                  "entities": [{"name": "山本", "span": [0, 2], "type": "人名"}]}
    item.update(over)
    return item


# fmt: off
BROKEN_NERWIKI = [
    ([_item(), "x"],                                                          "item 1: expected an object"),
    ([_item(text=None)],                                                      "item 0: 'text' must be a string"),
    ([_item(entities=[{"name": "山本", "span": [0, 9], "type": "人名"}])],    "item 0, entity 0: span [0, 9)"),
    ([_item(entities=[{"name": "京都", "span": [0, 2], "type": "地名"}])],    "name is '京都'"),
    ([_item(entities=[{"name": "山本", "start": 0, "end": 2, "type": "人名"}])], "'span' must be [start, end]"),
    ([_item(entities=[{"name": "山本", "span": [0], "type": "人名"}])],       "'span' must be [start, end]"),
    ([_item(entities=[{"name": "山本", "span": [0, 2]}])],                    "'type' must be a non-empty string"),
    ([],                                                                      "the JSON array is empty"),
]
# fmt: on


@pytest.mark.parametrize(("items", "message"), BROKEN_NERWIKI)
def test_broken_ner_wikipedia(tmp_path: Path, items: list, message: str) -> None:
    p = _write(tmp_path, json.dumps(items, ensure_ascii=False), "ner.json")
    with pytest.raises(DatasetFormatError) as exc:
        load_dataset(p)
    assert message in str(exc.value)


def test_ner_wikipedia_truncated_json(tmp_path: Path) -> None:
    p = _write(tmp_path, '[{"curid": "1", "text": "a", "entities": []}, {"curid"', "ner.json")
    with pytest.raises(DatasetFormatError, match=r"not valid JSON .* line 1"):
        load_dataset(p)


def test_ner_wikipedia_object_not_array(tmp_path: Path) -> None:
    with pytest.raises(DatasetFormatError, match="expected a JSON array"):
        parse_ner_wikipedia('{"a": 1}')


# fmt: off
DETECT_CASES = [
    ("[{}]", "ner-wikipedia"),
    ("\ufeff  \n[", "ner-wikipedia"),
    ('{"text": ""}', "jsonl"),
    ("\n\n{", "jsonl"),
]
# fmt: on


@pytest.mark.parametrize(("head", "fmt"), DETECT_CASES)
def test_detect_format(head: str, fmt: str) -> None:
    assert detect_format(head) == fmt


# --- selection --------------------------------------------------------------------------------


def _numbered(n: int) -> Dataset:
    return Dataset("n", "jsonl", tuple(Record(str(i), f"t{i}", ()) for i in range(n)), frozenset({"PERSON"}))


def test_limit_takes_the_first_records() -> None:
    sel = select_records(_numbered(10), limit=3)
    assert [r.id for r in sel.records] == ["0", "1", "2"]
    assert sel.selection["total_records"] == 10


def test_sample_is_deterministic_in_file_order_and_seed_dependent() -> None:
    ds = _numbered(100)
    a = select_records(ds, sample=10, seed=7)
    b = select_records(ds, sample=10, seed=7)
    c = select_records(ds, sample=10, seed=8)
    ids = [int(r.id) for r in a.records]
    assert ids == [int(r.id) for r in b.records]
    assert ids == sorted(ids) and len(set(ids)) == 10
    assert ids != [int(r.id) for r in c.records]
    assert a.labels == ds.labels


def test_sample_larger_than_dataset_keeps_everything() -> None:
    assert len(select_records(_numbered(5), sample=50)) == 5


def test_sample_then_limit() -> None:
    ds = _numbered(100)
    sampled = select_records(ds, sample=10, seed=1)
    both = select_records(ds, sample=10, seed=1, limit=4)
    assert both.records == sampled.records[:4]


@pytest.mark.parametrize("kwargs", [{"limit": 0}, {"sample": 0}, {"limit": -2}])
def test_non_positive_selection_is_an_error(kwargs: dict) -> None:
    with pytest.raises(DatasetFormatError, match="at least 1"):
        select_records(_numbered(3), **kwargs)


def test_with_labels_narrows_support() -> None:
    ds = load_dataset(DATA / "five_posts.jsonl").with_labels(["PERSON"])
    assert ds.support() == {"PERSON": 2}


# --- round trip -------------------------------------------------------------------------------

_TEXT = st.text(alphabet=st.sampled_from("山田花子東京都あいうアイウ０１２-@ \u3000abc"),
                min_size=1, max_size=30)


@st.composite
def records(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str]]]:
    text = draw(_TEXT)
    ents = []
    for _ in range(draw(st.integers(0, 4))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        ents.append((start, end, draw(st.sampled_from(["PERSON", "LOCATION", "JP_ADDRESS"]))))
    return text, ents


@given(st.lists(records(), min_size=1, max_size=6))
def test_jsonl_round_trip(recs: list[tuple[str, list[tuple[int, int, str]]]]) -> None:
    lines = [
        json.dumps({"text": t,
                    "entities": [{"start": s, "end": e, "type": ty, "name": t[s:e]} for s, e, ty in ents]},
                   ensure_ascii=False)
        for t, ents in recs
    ]
    ds = parse_jsonl("\n".join(lines))
    assert [r.text for r in ds.records] == [t for t, _ in recs]
    assert [list(r.entities) for r in ds.records] == [[Span(*x) for x in ents] for _, ents in recs]
    assert ds.labels == {ty for _, ents in recs for _, _, ty in ents}


@given(st.lists(records(), min_size=1, max_size=6))
def test_ner_wikipedia_round_trip(recs: list[tuple[str, list[tuple[int, int, str]]]]) -> None:
    to_source = {"PERSON": "人名", "LOCATION": "地名", "JP_ADDRESS": "法人名"}
    items = [{"curid": str(i), "text": t,
              "entities": [{"name": t[s:e], "span": [s, e], "type": to_source[ty]} for s, e, ty in ents]}
             for i, (t, ents) in enumerate(recs)]
    ds = parse_ner_wikipedia(json.dumps(items, ensure_ascii=False))
    assert [list(r.entities) for r in ds.records] == [
        [Span(s, e, ty) for s, e, ty in ents if ty != "JP_ADDRESS"] for _, ents in recs
    ]
    assert sum(ds.dropped.values()) == sum(1 for _, ents in recs for *_, ty in ents if ty == "JP_ADDRESS")
