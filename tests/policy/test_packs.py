"""The shipped packs: valid, and quoting their organisations' own rules exactly."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from privacy_kit.errors import PolicyError
from privacy_kit.policy import evaluate, parse_pack, reason, resolve_pack, shipped_names, shipped_packs
from privacy_kit.policy.schema import SIGNALS

ROOT = Path(__file__).resolve().parents[2]
PACKS = ROOT / "privacy_kit" / "policy" / "packs"


def _seeds_dir() -> Path | None:
    for base in (ROOT.parent, ROOT.parent.parent, Path("/work")):
        if (base / "shared" / "seeds").is_dir():
            return base / "shared" / "seeds"
    return None


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_four_packs_for_the_four_seed_organisations() -> None:
    assert shipped_names() == ["isj", "jsmo", "jspm", "seikatsuclub-saitama"]
    assert {p.sources[0][:3] for p in shipped_packs()} == {"000", "001", "002", "003"}


@pytest.mark.parametrize("name", ["isj", "jsmo", "jspm", "seikatsuclub-saitama"])
def test_clause_texts_are_quoted_exactly_from_the_seed(name: str) -> None:
    seeds = _seeds_dir()
    if seeds is None:
        pytest.skip("shared/seeds is not beside this checkout")
    pack = resolve_pack(name)
    for clause in pack.clauses.values():
        source = _squash((seeds / clause.source).read_text(encoding="utf-8"))
        # the seeds are PDF extractions: only line breaks and layout spaces may differ
        assert _squash(clause.text) in source, (name, clause.id)


@pytest.mark.parametrize(
    ("name", "clause", "signal"),
    [
        ("jspm", "コ", "repeat"),
        ("jspm", "サ", "impersonation"),
        ("jspm", "シ", "link_shortener"),
        ("jsmo", "(6)", "impersonation"),
        ("seikatsuclub-saitama", "2.6b(1)", "impersonation"),
        ("seikatsuclub-saitama", "2-10", "link_known_bad"),
        ("isj", "6.2", "impersonation"),
    ],
)
def test_signals_map_to_the_clauses_the_seeds_name(name: str, clause: str, signal: str) -> None:
    hits = evaluate(resolve_pack(name), [], [signal], scope="comments")
    assert hits and hits[0].rule.clause == clause


@pytest.mark.parametrize(("name", "signal"), [("jsmo", "repeat"), ("seikatsuclub-saitama", "repeat"),
                                              ("isj", "repeat"), ("isj", "link_shortener")])
def test_signals_a_seed_does_not_name_map_to_nothing(name: str, signal: str) -> None:
    assert evaluate(resolve_pack(name), [], [signal], scope="comments") == []


class _F:
    def __init__(self, entity_type: str, value: str = "x", score: float = 0.9, **extra: str) -> None:
        self.entity_type, self.value, self.score = entity_type, value, score
        self.__dict__.update(extra)


@pytest.mark.parametrize(
    ("name", "finding", "clause", "action"),
    [
        ("jspm", _F("PHONE_NUMBER", "090-1234-5678"), "オ", "delete"),
        ("jspm", _F("MEDICAL_CONDITION", "膵臓がん"), "オ", "delete"),
        ("jspm", _F("X_FUTURE", "y", appi_category="要配慮個人情報"), "オ", "delete"),
        ("jsmo", _F("EMAIL_ADDRESS", "a@b.jp"), "(1)", "delete"),
        ("seikatsuclub-saitama", _F("BEHAVIOR_PATTERN", "毎朝見かける"), "2-9", "delete"),
        ("isj", _F("JP_ADDRESS", "東京都新宿区1-1"), "5", "hide"),
    ],
)
def test_personal_data_maps_to_the_privacy_clause(name: str, finding: _F, clause: str, action: str) -> None:
    pack = resolve_pack(name)
    hits = evaluate(pack, [finding], [], scope="comments")
    assert (hits[0].rule.clause, hits[0].rule.action) == (clause, action)
    text = reason(pack, hits[0])
    assert "{" not in text and re.search(r"[ぁ-んァ-ン一-龥]", text)


@pytest.mark.parametrize(
    ("name", "finding"),
    [
        ("seikatsuclub-saitama", _F("PHONE_NUMBER", "048-424-2763")),  # the co-op's own number
        ("isj", _F("PHONE_NUMBER", "03-3373-9576")),
        ("jspm", _F("URL", "https://www.jspm.ne.jp/inquiry/index.html")),
        ("jspm", _F("PERSON", "山田")),  # a name alone is not a disclosure
        ("jspm", _F("LOCATION", "横浜")),
        ("isj", _F("IP_ADDRESS", "192.0.2.1")),  # logs rule: scans only
    ],
)
def test_not_a_comment_violation(name: str, finding: _F) -> None:
    rules = [h.rule.id for h in evaluate(resolve_pack(name), [finding], [], scope="comments")]
    assert rules == [], rules


def test_a_rule_on_a_category_matches_the_findings_own_category() -> None:
    data = _base()
    data["rules"][0]["when"] = {"categories": ["order.treatment"]}
    pack = parse_pack(data, label="x")
    treated = _F("MEDICAL_CONDITION", "抗がん剤治療", category="order.treatment")
    history = _F("MEDICAL_CONDITION", "膵臓がん")  # no own category: statutory.medical_history
    assert [h.rule.id for h in evaluate(pack, [treated], [], scope="comments")][:1] == ["jspm.special-care"]
    assert "jspm.special-care" not in [h.rule.id for h in evaluate(pack, [history], [], scope="comments")]


def test_the_vocabularies_are_the_recognizer_packs() -> None:
    from privacy_kit.policy.schema import APPI_CATEGORIES
    from privacy_kit.policy.types import DEFAULT_CATEGORY, known_entity_types
    from recognizers import entities

    assert set(APPI_CATEGORIES) == set(entities.APPI_CATEGORIES.values()) | {entities.SENSITIVE}
    assert set(DEFAULT_CATEGORY) == set(entities.SENSITIVE_TYPES)
    assert set(DEFAULT_CATEGORY.values()) <= set(entities.SENSITIVE_CATEGORIES)
    assert known_entity_types() >= set(entities.ENTITY_TYPES) | {"BEHAVIOR_PATTERN", "MEDICAL_CONDITION"}


def test_scan_only_rules_apply_to_scans() -> None:
    hits = evaluate(resolve_pack("isj"), [_F("IP_ADDRESS", "192.0.2.1")], [], scope="scans")
    assert [h.rule.clause for h in hits] == ["7"]


def test_every_signal_has_a_japanese_label() -> None:
    assert all(re.search(r"[ぁ-んァ-ン一-龥]", label) for label in SIGNALS.values())


# --- validation -----------------------------------------------------------------------------------


def _base() -> dict[str, Any]:
    return tomllib.loads((PACKS / "jspm.toml").read_text(encoding="utf-8"))


def _set(path: str, value: Any) -> Any:
    def change(data: dict[str, Any]) -> None:
        target: Any = data
        *parts, last = path.split(".")
        for part in parts:
            target = target[int(part)] if part.isdigit() else target[part]
        if value is _DELETE:
            del target[int(last) if last.isdigit() else last]
        elif last.isdigit():
            target[int(last)] = value
        else:
            target[last] = value

    return change


_DELETE = object()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_set("schema", "privacy-kit.policy/9"), "key 'schema' must be 'privacy-kit.policy/1'"),
        (_set("colour", "red"), "unknown key 'colour'"),
        (_set("id", _DELETE), "key 'id' is missing"),
        (_set("clauses.4.text", ""), "clause 'オ': key 'text' must be a non-empty string"),
        (_set("clauses.4.source", "other.txt"), "clause 'オ': key 'source': 'other.txt' is not one of"),
        (_set("clauses.4.sectoin", "x"), "clause 'オ': unknown key 'sectoin'"),
        (_set("clauses.5.id", "オ"), "clause 'オ': duplicate clause id"),
        (_set("rules.0.clause", "ン"), "rule 'jspm.special-care': key 'clause': 'ン' is not a clause"),
        (_set("rules.0.action", "ban"), "rule 'jspm.special-care': key 'action': 'ban' is not one of"),
        (_set("rules.0.severity", "urgent"), "key 'severity': 'urgent' is not one of"),
        (_set("rules.0.reason", "{who}"), "key 'reason': unknown placeholder {who}"),
        (_set("rules.0.when", {"appi_categories": ["機微情報"]}), "key 'appi_categories': '機微情報': not one of"),
        (_set("rules.0.when", {"entities": ["PHONE"]}), "rule 'jspm.special-care': when: key 'entities': 'PHONE': unknown entity type"),
        (_set("rules.0.when", {"signals": ["spam"]}), "key 'signals': 'spam': not one of"),
        (_set("rules.0.when", {"categories": ["病歴"]}), "key 'categories': '病歴': unknown 要配慮 category"),
        (_set("rules.0.when", {}), "names no entities, appi_categories, categories or signals"),
        (_set("rules.0.when", {"entities": ["PERSON"], "min_score": 2}), "key 'min_score' must be a number from 0 to 1"),
        (_set("rules.0.applies_to", ["logs"]), "key 'applies_to': 'logs' is not one of"),
        (_set("rules.1.id", "jspm.special-care"), "rule 'jspm.special-care': duplicate rule id"),
        (_set("settings", {"repeat_similarity": 1.5}), "settings: key 'repeat_similarity' must be from 0 to 1"),
        (_set("settings", {"repeat_min_chars": 2.5}), "settings: key 'repeat_min_chars' must be a whole number"),
        (_set("settings", {"repeat_window": 3}), "settings: unknown key 'repeat_window'"),
        (_set("official_accounts.0", {"platform": "x"}), "official_accounts[0]: needs a 'handle' or a 'display_name'"),
        (_set("links", {"shorteners": "bit.ly"}), "links: key 'shorteners' must be a list of non-empty strings"),
        (_set("rules", []), "a pack needs at least one [[rules]] entry"),
    ],
)
def test_validation_names_file_clause_and_key(change: Any, message: str) -> None:
    data = _base()
    change(data)
    with pytest.raises(PolicyError) as err:
        parse_pack(data, label="mine.toml")
    assert "mine.toml" in str(err.value) and message in str(err.value), str(err.value)


def test_the_unchanged_base_is_valid() -> None:
    assert parse_pack(_base(), label="jspm.toml").id == "jspm"


def test_every_problem_is_reported_at_once() -> None:
    data = _base()
    data["rules"][0]["action"] = "ban"
    data["rules"][1]["severity"] = "urgent"
    with pytest.raises(PolicyError, match=r"\(2 problem\(s\)\)"):
        parse_pack(data, label="x")


@pytest.mark.parametrize(("content", "message"), [
    (b"schema = ", "is not valid TOML"),
    (b"\xff\xfe", "is not UTF-8 text"),
])
def test_unreadable_pack_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "p.toml"
    path.write_bytes(content)
    with pytest.raises(PolicyError, match=message):
        resolve_pack(str(path))


@pytest.mark.parametrize(("ref", "message"), [("nosuch", "no shipped policy pack named 'nosuch'"),
                                              ("missing.toml", "no policy pack file missing.toml")])
def test_unknown_pack_names(ref: str, message: str) -> None:
    with pytest.raises(PolicyError, match=re.escape(message)):
        resolve_pack(ref)


_JUNK = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=8),
                  st.lists(st.one_of(st.text(max_size=5), st.integers()), max_size=3),
                  st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2))
_PATHS = ["schema", "id", "sources", "public_values", "links", "settings", "official_accounts",
          "official_accounts.0", "official_accounts.0.handle", "clauses", "clauses.0", "clauses.0.id",
          "clauses.0.text", "rules", "rules.0", "rules.0.when", "rules.0.when.entities", "rules.0.when.min_score",
          "rules.0.reason", "rules.0.applies_to", "rules.0.severity", "settings.repeat_window_hours"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_PATHS), _JUNK), min_size=1, max_size=4))
def test_any_malformed_pack_is_a_policy_error_never_a_crash(changes: list[tuple[str, Any]]) -> None:
    data = _base()
    for path, value in changes:
        try:
            _set(path, value)(data)
        except (KeyError, IndexError, TypeError):
            continue  # the path no longer exists after an earlier change
    try:
        parse_pack(data, label="fuzz.toml")
    except PolicyError as err:
        assert "fuzz.toml" in str(err)
