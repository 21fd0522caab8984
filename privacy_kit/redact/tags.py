"""What a masked value becomes: its type's tag (〈氏名〉, 〈電話番号〉…), a fixed character, or a
fixed text, chosen per entity type.

Every tag is JIS X 0208, so it can be written into a Shift_JIS/CP932 file as well as UTF-8.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from privacy_kit.errors import InputError
from recognizers.entities import ENTITY_LABELS

#: Entity type -> label, for every type a scan can report (the pack's own labels: one list, so a
#: new type gets its tag where it is defined).
LABELS: dict[str, str] = dict(ENTITY_LABELS)
_FALLBACK = "個人情報"


def label(entity_type: str) -> str:
    return LABELS.get(entity_type, _FALLBACK)


def tag(entity_type: str) -> str:
    """〈氏名〉: the value was there, of this type."""
    return f"〈{label(entity_type)}〉"


def deletion_tag(entity_type: str) -> str:
    """〈削除:個人番号〉: the value was deleted (個人識別符号 and financial data in 仮名加工)."""
    return f"〈削除:{label(entity_type)}〉"


STYLES = ("tag", "char:X", "text:TEXT")


@dataclass(frozen=True)
class MaskStyles:
    """How each type is masked: ``tag`` (default), ``char:X`` (every character becomes X, so the
    length survives) or ``text:TEXT`` (a fixed text)."""

    default: str = "tag"
    by_type: Mapping[str, str] = field(default_factory=dict)

    def render(self, entity_type: str, value: str) -> str:
        style = self.by_type.get(entity_type, self.default)
        if style == "tag":
            return tag(entity_type)
        kind, _, arg = style.partition(":")
        return arg * len(value) if kind == "char" else arg

    def to_dict(self) -> dict[str, object]:
        return {"default": self.default, **dict(sorted(self.by_type.items()))}


def _check_style(style: str, where: str) -> str:
    kind, sep, arg = style.partition(":")
    if style == "tag" or (kind == "char" and sep and len(arg) == 1) or (kind == "text" and sep):
        return style
    raise InputError(f"{where}: unknown mask style {style!r}", hint="one of: tag, char:X (one character), text:TEXT")


def _check_type(entity_type: str, where: str) -> str:
    if entity_type != "default" and entity_type not in LABELS:
        raise InputError(f"{where}: unknown entity type {entity_type!r}",
                         hint=f"one of: default, {', '.join(sorted(LABELS))}")
    return entity_type


def parse_mask_styles(items: Sequence[str]) -> MaskStyles:
    """``TYPE=STYLE`` items (``default=`` for every other type), or a TOML file with a ``[mask]``
    table of the same keys."""
    pairs: dict[str, str] = {}
    for item in items:
        if "=" in item:
            key, _, style = item.partition("=")
            where = f"--mask-style {item}"
            pairs[_check_type(key.strip(), where)] = _check_style(style.strip(), where)
            continue
        path = Path(item)
        try:
            table = tomllib.loads(path.read_text(encoding="utf-8")).get("mask", {})
        except OSError as exc:
            raise InputError(f"cannot read the mask style file {path}: {exc.strerror}") from exc
        except tomllib.TOMLDecodeError as exc:
            raise InputError(f"{path} is not valid TOML: {exc}") from exc
        if not isinstance(table, dict):
            raise InputError(f"{path}: [mask] must be a table of TYPE = \"STYLE\"")
        for key, style in table.items():
            if not isinstance(style, str):
                raise InputError(f"{path}: mask.{key} must be a string")
            pairs[_check_type(key, str(path))] = _check_style(style, str(path))
    default = pairs.pop("default", "tag")
    return MaskStyles(default, pairs)
