"""Reading and strictly validating a policy pack (TOML).

A pack decides what a moderator is told to delete, so a typo must never pass silently: an
unknown key, an entity type that does not exist, a rule pointing at a missing clause, or a
reason template with an unknown placeholder is an error. Every problem is collected (not just
the first) and named by file, clause or rule, and key, so ``privacy-kit policy check`` can be
used like a linter while a pack is being written.
"""

from __future__ import annotations

import hashlib
import string
import tomllib
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from privacy_kit.errors import PolicyError
from privacy_kit.policy.schema import (
    ACTIONS,
    APPI_CATEGORIES,
    REASON_FIELDS,
    SCHEMA,
    SCOPES,
    SEVERITIES,
    SIGNALS,
    Clause,
    Links,
    Match,
    OfficialAccount,
    Pack,
    Rule,
    Settings,
)
from privacy_kit.policy.types import known_categories, known_entity_types

T = TypeVar("T")

_TOP = {"schema", "id", "version", "name", "organisation", "sources", "notes", "official_accounts", "links",
        "public_values", "settings", "clauses", "rules"}
_CLAUSE = {"id", "text", "source", "section"}
_RULE = {"id", "clause", "action", "severity", "reason", "when", "applies_to"}
_WHEN = {"entities", "appi_categories", "categories", "signals", "min_score"}
_ACCOUNT = {"platform", "handle", "display_name", "source"}
_LINKS = {"shorteners", "known_bad", "allow"}


class _Problems:
    """Collects problems as 'where: key: what' lines; raises them together at the end."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.items: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.items.append(f"{where}: {message}" if where else message)

    def unknown_keys(self, where: str, table: Mapping[str, Any], allowed: set[str]) -> None:
        for key in sorted(set(table) - allowed):
            self.add(where, f"unknown key {key!r} (allowed: {', '.join(sorted(allowed))})")

    def text(self, where: str, table: Mapping[str, Any], key: str, *, required: bool = True) -> str:
        value = table.get(key)
        if value is None:
            if required:
                self.add(where, f"key {key!r} is missing")
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.add(where, f"key {key!r} must be a non-empty string")
            return ""
        return value

    def strings(self, where: str, table: Mapping[str, Any], key: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.add(where, f"key {key!r} must be a list of non-empty strings")
            return ()
        return tuple(value)

    def tables(self, where: str, table: Mapping[str, Any], key: str) -> list[dict[str, Any]]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.add(where, f"key {key!r} must be an array of tables ([[{key}]])")
            return []
        return value

    def raise_if_any(self) -> None:
        if self.items:
            lines = "\n  ".join(self.items)
            raise PolicyError(f"invalid policy pack {self.label} ({len(self.items)} problem(s)):\n  {lines}",
                              hint="see docs/policy.md for the pack format")


def _unique(problems: _Problems, kind: str, ids: Iterable[str]) -> None:
    seen: set[str] = set()
    for ident in ids:
        if ident in seen:
            problems.add(f"{kind} {ident!r}", f"duplicate {kind} id")
        seen.add(ident)


def _reason_fields(template: str) -> list[str]:
    try:
        return [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
    except ValueError as exc:
        return [f"<{exc}>"]


def _clause(p: _Problems, raw: dict[str, Any], sources: tuple[str, ...]) -> Clause | None:
    where = f"clause {raw.get('id')!r}"
    p.unknown_keys(where, raw, _CLAUSE)
    cid, text = p.text(where, raw, "id"), p.text(where, raw, "text")
    source = p.text(where, raw, "source")
    if source and sources and source not in sources:
        p.add(where, f"key 'source': {source!r} is not one of the pack's sources {list(sources)}")
    if not (cid and text and source):
        return None
    return Clause(cid, text, source, p.text(where, raw, "section", required=False))


def _match(p: _Problems, where: str, raw: Any, entity_types: frozenset[str]) -> Match:
    if not isinstance(raw, dict):
        p.add(where, "key 'when' must be a table ([rules.when])")
        return Match()
    where = f"{where}: when"
    p.unknown_keys(where, raw, _WHEN)
    checks: list[tuple[str, Callable[[str], bool], str]] = [
        ("entities", lambda v: v in entity_types, "unknown entity type"),
        ("appi_categories", lambda v: v in APPI_CATEGORIES, f"not one of {list(APPI_CATEGORIES)}"),
        ("categories", lambda v: v in known_categories(), "unknown 要配慮 category (recognizers.entities.SENSITIVE_CATEGORIES)"),
        ("signals", lambda v: v in SIGNALS, f"not one of {list(SIGNALS)}"),
    ]
    values: dict[str, tuple[str, ...]] = {}
    for key, ok, why in checks:
        values[key] = p.strings(where, raw, key)
        for v in values[key]:
            if not ok(v):
                p.add(where, f"key {key!r}: {v!r}: {why}")
    min_score = raw.get("min_score", 0.0)
    if not isinstance(min_score, (int, float)) or isinstance(min_score, bool) or not 0 <= min_score <= 1:
        p.add(where, "key 'min_score' must be a number from 0 to 1")
        min_score = 0.0
    if not any(values.values()):
        p.add(where, "names no entities, appi_categories, categories or signals: the rule would never apply")
    return Match(values["entities"], values["appi_categories"], values["categories"], values["signals"],
                 float(min_score))


def _rule(p: _Problems, raw: dict[str, Any], clauses: Mapping[str, Clause],
          entity_types: frozenset[str]) -> Rule | None:
    where = f"rule {raw.get('id')!r}"
    p.unknown_keys(where, raw, _RULE)
    rid, clause = p.text(where, raw, "id"), p.text(where, raw, "clause")
    action, severity = p.text(where, raw, "action"), p.text(where, raw, "severity")
    reason = p.text(where, raw, "reason")
    if clause and clause not in clauses:
        p.add(where, f"key 'clause': {clause!r} is not a clause of this pack ({', '.join(clauses)})")
    if action and action not in ACTIONS:
        p.add(where, f"key 'action': {action!r} is not one of {list(ACTIONS)}")
    if severity and severity not in SEVERITIES:
        p.add(where, f"key 'severity': {severity!r} is not one of {list(SEVERITIES)}")
    for name in _reason_fields(reason):
        if name not in REASON_FIELDS:
            p.add(where, f"key 'reason': unknown placeholder {{{name}}} (allowed: {', '.join(REASON_FIELDS)})")
    when = _match(p, where, raw.get("when"), entity_types)
    scopes = p.strings(where, raw, "applies_to") if "applies_to" in raw else SCOPES
    for scope in scopes:
        if scope not in SCOPES:
            p.add(where, f"key 'applies_to': {scope!r} is not one of {list(SCOPES)}")
    if "applies_to" in raw and not scopes:
        p.add(where, "key 'applies_to' is empty: the rule would never apply")
    if not (rid and clause in clauses and action in ACTIONS and severity in SEVERITIES and reason):
        return None
    return Rule(rid, clause, action, severity, reason, when, scopes)


def _settings(p: _Problems, raw: Any) -> Settings:
    if not isinstance(raw, dict):
        p.add("settings", "must be a table")
        return Settings()
    defaults = Settings()
    allowed = set(Settings.__dataclass_fields__)
    p.unknown_keys("settings", raw, allowed)
    values: dict[str, Any] = {}
    for key in allowed & set(raw):
        default, value = getattr(defaults, key), raw[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            p.add("settings", f"key {key!r} must be a non-negative number")
        elif isinstance(default, int) and not isinstance(value, int):
            p.add("settings", f"key {key!r} must be a whole number")
        elif key.endswith("similarity") and value > 1:
            p.add("settings", f"key {key!r} must be from 0 to 1")
        else:
            values[key] = value
    return Settings(**values)


def _accounts(p: _Problems, raw: dict[str, Any]) -> tuple[OfficialAccount, ...]:
    out = []
    for i, item in enumerate(p.tables("", raw, "official_accounts")):
        where = f"official_accounts[{i}]"
        p.unknown_keys(where, item, _ACCOUNT)
        platform = p.text(where, item, "platform")
        handle = p.text(where, item, "handle", required=False)
        display = p.text(where, item, "display_name", required=False)
        if not (handle or display):
            p.add(where, "needs a 'handle' or a 'display_name'")
        out.append(OfficialAccount(platform, handle.lstrip("@"), display, p.text(where, item, "source",
                                                                                    required=False)))
    return tuple(out)


def _links(p: _Problems, raw: Any) -> Links:
    if not isinstance(raw, dict):
        p.add("links", "must be a table")
        return Links()
    p.unknown_keys("links", raw, _LINKS)
    return Links(*(tuple(d.lower().lstrip(".") for d in p.strings("links", raw, k))
                   for k in ("shorteners", "known_bad", "allow")))


def parse_pack(data: Mapping[str, Any], *, label: str, path: str = "", sha256: str = "") -> Pack:
    """Validate a pack's parsed TOML; raise one PolicyError listing every problem."""
    p = _Problems(label)
    p.unknown_keys("", data, _TOP)
    if data.get("schema") != SCHEMA:
        p.add("", f"key 'schema' must be {SCHEMA!r} (got {data.get('schema')!r})")
    head = {k: p.text("", data, k) for k in ("id", "version", "name", "organisation")}
    sources = p.strings("", data, "sources")
    clause_list = [c for raw in p.tables("", data, "clauses") if (c := _clause(p, raw, sources))]
    _unique(p, "clause", (c.id for c in clause_list))
    clauses = {c.id: c for c in clause_list}
    entity_types = known_entity_types()
    rules = [r for raw in p.tables("", data, "rules") if (r := _rule(p, raw, clauses, entity_types))]
    _unique(p, "rule", (r.id for r in rules))
    if not clauses:
        p.add("", "a pack needs at least one [[clauses]] entry")
    if not rules and not p.items:
        p.add("", "a pack needs at least one [[rules]] entry")
    pack = Pack(
        id=head["id"], version=head["version"], name=head["name"], organisation=head["organisation"],
        sources=sources, clauses=clauses, rules=tuple(rules),
        official_accounts=_accounts(p, data),
        links=_links(p, data.get("links", {})),
        public_values=p.strings("", data, "public_values"),
        settings=_settings(p, data.get("settings", {})),
        notes=p.text("", data, "notes", required=False),
        path=path, sha256=sha256,
    )
    p.raise_if_any()
    return pack


def load_pack_file(path: Path) -> Pack:
    """Read and validate the pack at ``path`` (clear coded errors, never a traceback)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PolicyError(f"cannot read policy pack {path}: {exc.strerror or exc}") from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise PolicyError(f"policy pack {path} is not UTF-8 text (byte {exc.start})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"policy pack {path} is not valid TOML: {exc}") from exc
    return parse_pack(data, label=str(path), path=str(path), sha256=hashlib.sha256(raw).hexdigest())
