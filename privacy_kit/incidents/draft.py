"""Drafts in Japanese: the report to the PPC (Rule 8(1)'s nine items) and the notice to the
individuals (Art 26(2), Rule 10), filled from the stored incident and its latest assessment.

What privacy-kit knows (dates, the categories with their evidence, the data items found, the
number of people, steps done) is written in; what only a person can say (the cause as
investigated, secondary damage, publication, preventive measures, the reporter's details) is
marked 【要記入】 so that nothing unchecked looks finished. No personal value is ever written: the
store holds none for an incident.

Rule 10's items are a subset of Rule 8(1)'s (overview, data items, cause, secondary damage,
other); appi.md §8.4 marks that list [verify].
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from audit.errors import IncidentStateError
from audit.vocab import INCIDENT_KINDS
from privacy_kit.incidents.rules import category_labels, in_japan, learned_on

if TYPE_CHECKING:
    from audit.incidents import Deadline, Incident
    from audit.store import StoreConfig

#: Marks what a person must write before the draft is used.
FILL = "【要記入】"
FORMATS: tuple[str, ...] = ("md", "html")
_ITEM_NUMBERS = {"i": "第1号", "ii": "第2号", "iii": "第3号", "iv": "第4号"}


@dataclass(frozen=True, slots=True)
class Section:
    heading: str
    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Document:
    title: str
    preface: tuple[str, ...]
    sections: tuple[Section, ...]

    def markdown(self) -> str:
        out = [f"# {self.title}", ""]
        out += [f"- {line}" for line in self.preface] + [""]
        for section in self.sections:
            out += [f"## {section.heading}", ""] + [f"- {line}" for line in section.lines] + [""]
        return "\n".join(out)

    def html(self) -> str:
        def items(lines: Sequence[str]) -> str:
            marked = (html.escape(line).replace(FILL, f"<mark>{FILL}</mark>") for line in lines)
            return "<ul>\n" + "".join(f"<li>{line}</li>\n" for line in marked) + "</ul>\n"

        body = f"<h1>{html.escape(self.title)}</h1>\n" + items(self.preface)
        for section in self.sections:
            body += f"<h2>{html.escape(section.heading)}</h2>\n" + items(section.lines)
        return (
            '<!DOCTYPE html>\n<html lang="ja">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{html.escape(self.title)}</title>\n"
            "<style>body{font-family:sans-serif;max-width:48em;margin:2em auto;line-height:1.6}"
            "mark{background:#ffe08a}</style>\n</head>\n<body>\n" + body + "</body>\n</html>\n"
        )

    def render(self, fmt: str) -> str:
        return self.html() if fmt == "html" else self.markdown()


def _day(value: date | None) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else FILL


def _moment(value: datetime | None) -> str:
    """A stored (naive UTC) time as Japan time."""
    if value is None:
        return FILL
    local = in_japan(value)
    return f"{_day(local.date())} {local:%H:%M}（日本時間）"


def _or_fill(text: str | None) -> str:
    return text if text else FILL


def _deadline(inc: Incident, kind: str) -> Deadline | None:
    return next((d for d in inc.deadlines if d.kind == kind), None)


def _data_items(inc: Incident, *, counts: bool = True) -> list[str]:
    """Item 2: the types found (with how often, for the PPC; without, for the individuals)."""
    assert inc.assessment is not None
    data = inc.assessment.data
    found = {t: n for t, n in data.entity_types.items() if n}
    lines = [
        f"{label}（検出 {n:,} 件）" if counts else label
        for label, n in zip(category_labels(list(found)), found.values(), strict=True)
    ]
    if inc.sensitive_declared:
        lines.append("要配慮個人情報（事業者の申告による。具体的な項目: " + FILL + "）")
    if inc.financial_declared:
        lines.append("不正に利用されることにより財産的被害が生じるおそれがある情報（申告による。具体的な項目: " + FILL + "）")
    lines.append(f"自動検出の対象外の項目（パスワード、暗証番号、購入履歴等）があれば追記: {FILL}")
    return lines


def _categories(inc: Incident) -> list[str]:
    assert inc.assessment is not None
    lines = []
    for cat in inc.assessment.data.categories:
        if not cat["applies"]:
            continue
        what = []
        if cat["found"] and cat["finding_types"]:
            types = "、".join(
                f"{label} {n:,}件"
                for label, n in zip(category_labels(list(cat["finding_types"])), cat["finding_types"].values(), strict=True)
            )
            what.append(f"検出: {types}（{cat['people']:,}人）")
        elif cat["found"]:
            what.append(f"{cat['people']:,}人")
        if cat["declared"]:
            what.append("事業者の申告")
        lines.append(f"規則7条{_ITEM_NUMBERS[cat['item']]}（{cat['title']}）: {'、'.join(what)}")
    return lines or ["該当なし（規則7条各号のいずれにも該当しないと評価。任意の報告として使用する場合）"]


def _encryption(inc: Incident) -> str:
    if inc.encryption_declared:
        return f"高度な暗号化の措置: {inc.encryption}（鍵の管理: {inc.key_custody}）"
    if inc.encryption:
        return f"暗号化: {inc.encryption}（鍵の管理の説明なし又は鍵の漏えいのおそれあり。除外事由に当たらないと評価）"
    return "暗号化等の秘匿化の措置: なし（申告なし）"


def _applies(inc: Incident, item: str) -> bool:
    assert inc.assessment is not None
    return any(c["item"] == item and c["applies"] for c in inc.assessment.data.categories)


def _secondary_damage_hints(inc: Incident) -> list[str]:
    hints = []
    if _applies(inc, "ii"):
        hints.append("（参考）財産的被害のおそれがある情報が含まれるため、不正利用の有無を確認すること")
    if _applies(inc, "i"):
        hints.append("（参考）要配慮個人情報が含まれるため、差別・偏見その他の不利益のおそれを検討すること")
    return [f"二次被害の有無とその内容: {FILL}", *hints]


def report(inc: Incident) -> Document:
    """The report to the PPC: Rule 8(1)'s nine items."""
    if inc.assessment is None:
        raise IncidentStateError(
            f"incident {inc.incident_id} has not been assessed",
            hint=f"run `privacy-kit incident assess {inc.incident_id}` first: the draft is filled from it",
        )
    data = inc.assessment.data
    prelim, final, notice = (_deadline(inc, k) for k in ("ppc-preliminary", "ppc-final", "individuals"))
    kind = INCIDENT_KINDS[inc.kind] + ("（発生したおそれ）" if inc.suspected else "")
    files = [f"{ {'file': 'ファイル', 'dataset': 'データセット', 'scan-run': '保存済みスキャン'}[f.kind]}: {f.ref}"
             for f in inc.files]  # fmt: skip
    people = (
        f"{data.people:,}人（privacy-kit による推計: 個人データを含む記録 {data.records:,} 件を、"
        "メールアドレス・電話番号等の識別子や氏名と住所の組（鍵付きハッシュ）で名寄せした人数）"
        if data.run_ids
        else f"{data.people:,}人（申告）" if inc.people_declared is not None else FILL
    )
    if inc.people_declared is not None and data.run_ids and inc.people_declared >= data.people:
        people = f"{inc.people_declared:,}人（申告。スキャンによる推計は {data.people:,}人）"
    if notice and notice.done_on:
        response = (
            f"{_day(notice.done_on)}に"
            + (f"{notice.people_notified:,}名へ" if notice.people_notified is not None else "")
            + (f"{notice.method}により" if notice.method else "")
            + "通知済み"
            + (f"（{notice.done_ref}）" if notice.done_ref else "")
        )
    else:
        response = f"未実施（法26条2項・規則10条により速やかに通知する）。予定日・方法: {FILL}"
    return Document(
        title=f"個人データの漏えい等の報告（案） {inc.incident_id}",
        preface=(
            f"報告の区分（速報・確報の別）: {FILL}",
            f"速報の期限: {_day(prelim.due_on) if prelim else '—'}（規則8条1項「速やかに」。目安として"
            f"発覚日を1日目とし{inc.preliminary_days}日）" + (f"／提出済み {_day(prelim.done_on)}" if prelim and prelim.done_on else ""),
            f"確報の期限: {_day(final.due_on) if final else '—'}（規則8条2項。発覚日から"
            f"{60 if _applies(inc, 'iii') else 30}日以内）"
            + (f"／提出済み {_day(final.done_on)}" if final and final.done_on else ""),
            f"報告者（事業者の名称、住所、代表者、担当者と連絡先）: {FILL}",
            *[f"該当する報告対象事態: {line}" for line in _categories(inc)],
            f"この下書きは privacy-kit の評価 第{inc.assessment.assessment_no}回（{_day(inc.assessment.assessed_at.date())}、"
            f"規則の版 {data.rule_set}）から作成した。提出前に全項目を確認すること。",
        ),  # fmt: skip
        sections=(
            Section(
                "1. 概要（規則8条1項1号）",
                (
                    f"事態の種類: {kind}",
                    f"発生日時: {_moment(inc.occurred_at) if inc.occurred_at else FILL + '（不明の場合はその旨）'}",
                    f"発覚日時: {_moment(inc.learned_at)}",
                    f"事態の経緯: {_or_fill(inc.description)}",
                    *(files or [f"関係するファイル等: {FILL}"]),
                ),
            ),
            Section(
                "2. 漏えい等が発生し、又は発生したおそれがある個人データの項目（同2号）", tuple(_data_items(inc))
            ),
            Section("3. 漏えい等が発生し、又は発生したおそれがある個人データに係る本人の数（同3号）", (people,)),
            Section(
                "4. 原因（同4号）",
                (
                    f"原因: {_or_fill(inc.cause)}",
                    *(["不正の目的をもって行われたおそれがある行為による（申告）"] if inc.wrongful_act else []),
                ),
            ),
            Section("5. 二次被害又はそのおそれの有無及びその内容（同5号）", tuple(_secondary_damage_hints(inc))),
            Section("6. 本人への対応の実施状況（同6号）", (response,)),
            Section("7. 公表の実施状況（同7号）", (f"公表の有無・日付・方法: {FILL}",)),
            Section("8. 再発防止のための措置（同8号）", (f"実施済みの措置と今後の措置: {FILL}",)),
            Section(
                "9. その他参考となる事項（同9号）",
                (
                    _encryption(inc),
                    f"評価に用いたスキャン: {'、'.join(data.run_ids) if data.run_ids else 'なし（申告のみ）'}",
                    f"その他: {FILL}",
                ),
            ),
        ),
    )


def notice(inc: Incident) -> Document:
    """The notice to the individuals (Art 26(2), Rule 10)."""
    doc = report(inc)  # same checks; the notice repeats items 1, 2, 4, 5 and 9
    kind = INCIDENT_KINDS[inc.kind]
    by_heading = {s.heading.split(".")[0]: s for s in doc.sections}
    return Document(
        title="個人情報の漏えい等に関するお知らせとお詫び（案）",
        preface=(
            f"宛先（ご本人）: {FILL}",
            f"このたび、当方がお預かりしている個人情報について、{kind}"
            + ("のおそれがある" if inc.suspected else "が発生した")
            + f"ことが{_day(learned_on(inc.learned_at))}に判明しました。ご迷惑とご心配をおかけしますことを深くお詫び申し上げます。",
            f"差出人（事業者の名称と連絡先）: {FILL}",
        ),
        sections=(
            Section("1. 概要", (f"経緯: {_or_fill(inc.description)}", f"発覚日: {_day(learned_on(inc.learned_at))}")),
            Section("2. 漏えい等が発生し、又は発生したおそれがある個人情報の項目", tuple(_data_items(inc, counts=False))),
            Section("3. 原因", by_heading["4"].lines),
            Section("4. 二次被害又はそのおそれの有無及びその内容", (f"{FILL}（想定される被害とご注意いただきたいこと）",)),
            Section("5. その他", (f"お問い合わせ窓口: {FILL}", f"当方の対応と再発防止策: {FILL}")),
        ),
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Drafts:
    report: str
    notice: str
    fmt: str

    @staticmethod
    def digest(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def write_drafts(
    config: StoreConfig,
    incident_id: str,
    *,
    fmt: str = "md",
    report_path: Path | None = None,
    notice_path: Path | None = None,
) -> Drafts:
    """Render both drafts, write those given a path (atomically), and record them in the ledger."""
    from audit.incidents import get_incident, record_draft
    from audit.store import Store
    from privacy_kit.atomic import atomic_write

    with Store.open(config) as store:
        inc = get_incident(store, incident_id)
        drafts = Drafts(report(inc).render(fmt), notice(inc).render(fmt), fmt)
        for path, text in ((report_path, drafts.report), (notice_path, drafts.notice)):
            if path is not None:
                with atomic_write(path) as fh:
                    fh.write(text)
        record_draft(
            store,
            incident_id,
            documents={
                f"report.{fmt}": Drafts.digest(drafts.report),
                f"notice.{fmt}": Drafts.digest(drafts.notice),
            },
        )
    return drafts
