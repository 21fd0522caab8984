"""Report wording in Japanese (default) and English: one catalogue, the same keys in both.

Entity types use the recognizer pack's own Japanese labels (recognizers/entities.py), so a
report names a type as the masks in scan output do. Times are shown in JST, the organisations'
clock; JSON carries them as ISO 8601 with the +09:00 offset.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from privacy_kit.reports.period import JST

LANGS = ("ja", "en")

# fmt: off
CATALOGUE: dict[str, dict[str, str]] = {
    "ja": {
        "report.title": "個人情報監査報告",
        "report.period": "対象期間",
        "report.store": "監査ストア",
        "report.schema": "スキーマ版",
        "report.generated_by": "作成",
        "report.status": "判定",
        "report.attention": "要対応事項",
        "report.no_attention": "要対応事項はありません。",
        "report.skipped": "このストアにない項目",
        "report.skipped_item": "{title}（テーブル {tables} がありません）",
        "report.contents": "目次",
        "report.trend_periods": "推移の期間",
        "report.period_value": "{label}（{start} 〜 {end}、日本時間）",
        "status.ok": "問題なし",
        "status.attention": "要確認",
        "status.fail": "要対応（異常あり）",
        "severity.fail": "要対応",
        "severity.warn": "要確認",
        "section.ledger": "台帳の検証",
        "section.scans": "実施したスキャン",
        "section.findings": "検出された個人情報",
        "section.datasets": "データセットの点検",
        "section.purposes": "利用目的の変更",
        "section.provisions": "第三者提供・受領の記録",
        "section.moderation": "コメントのモデレーション",
        "moderation.runs": "実行回数",
        "moderation.comments": "確認したコメント数",
        "moderation.decisions": "対応が必要と判定した件数",
        "moderation.by_action": "対応の種類別件数",
        "moderation.by_clause": "根拠となった規程の条項別件数",
        "moderation.table": "実行の一覧",
        "moderation.none": "期間中のモデレーションはありません。",
        "col.action": "対応",
        "col.moderation_run": "実行ID",
        "col.recorded_at": "記録（日本時間）",
        "col.clause": "条項",
        "col.pack": "ポリシー",
        "col.comments": "コメント",
        "col.decisions": "判定",
        "requests.received": "期間中に受け付けた請求",
        "requests.closed": "期間中に完了した請求",
        "requests.median": "回答までの日数（中央値）",
        "requests.max": "回答までの日数（最長）",
        "requests.late": "期限後の回答",
        "requests.open": "期間末に未完了の請求",
        "requests.overdue": "期間末に期限を過ぎている請求",
        "requests.by_outcome": "完了した請求の結果別件数",
        "requests.by_type": "受け付けた請求の種類別件数",
        "requests.overdue_table": "期限を過ぎている請求（期間末）",
        "requests.none_overdue": "期限を過ぎている請求はありません。",
        "requests.closed_table": "期間中に完了した請求",
        "requests.none_closed": "期間中に完了した請求はありません。",
        "attention.requests": "期限を過ぎた本人からの請求が{n}件あります: {ids}",
        "col.request": "請求ID",
        "col.request_type": "種類",
        "col.state": "状態（現在）",
        "col.received_on": "受付日",
        "col.due_on": "期限",
        "col.closed_on": "完了日",
        "col.response_days": "回答までの日数",
        "col.days_overdue": "超過日数（期間末）",
        "state.received": "受付",
        "state.identity_pending": "本人確認中",
        "state.verified": "本人確認済み",
        "state.in_progress": "対応中",
        "state.fulfilled": "対応済み",
        "state.partially_fulfilled": "一部対応",
        "state.refused": "不応諾",
        "state.withdrawn": "取下げ",
        "section.requests": "本人からの請求",
        "incidents.open": "期間中に対応中だった事案",
        "incidents.new": "期間中に把握した事案",
        "incidents.mandatory": "報告義務のある事案",
        "incidents.late": "期限を過ぎた報告・通知",
        "incidents.table": "事案の一覧",
        "incidents.none": "期間中の事案はありません。",
        "incidents.by_kind": "事案の種類別件数",
        "incidents.late_table": "期限を過ぎた報告・通知（期間末）",
        "incidents.none_late": "期限を過ぎた報告・通知はありません。",
        "incidents.upcoming_table": "{n}日以内に期限が来る報告・通知",
        "incidents.none_upcoming": "該当するものはありません。",
        "incidents.suspected": "（おそれ）",
        "incidents.unassessed": "未評価",
        "attention.incidents": "漏えい等の報告・通知が{n}件期限を過ぎています: {ids}",
        "col.incident": "事案ID",
        "col.title": "件名",
        "col.kind": "種類",
        "col.learned_at": "把握日時（日本時間）",
        "col.mandatory": "報告義務",
        "col.people": "本人の数",
        "col.rule7": "該当する類型（規則第7条）",
        "col.deadline": "報告・通知",
        "col.days_late": "超過日数（期間末）",
        "yes": "あり",
        "deadline.ppc-preliminary": "個人情報保護委員会への速報",
        "deadline.ppc-final": "個人情報保護委員会への確報",
        "deadline.individuals": "本人への通知",
        "no": "なし",
        "section.incidents": "漏えい等の事案",
        "scans.runs": "スキャン数",
        "scans.completed": "完了",
        "scans.running": "中断（未完了）",
        "scans.discarded": "破棄",
        "scans.inputs": "入力ファイル数",
        "scans.findings": "検出件数",
        "scans.covered": "対象となったデータセット",
        "scans.not_scanned": "期間中にスキャンされていないデータセット",
        "scans.chart": "スキャンの状態",
        "scans.table": "スキャン一覧",
        "scans.none": "期間中のスキャンはありません。",
        "findings.total": "検出件数",
        "findings.sensitive_total": "うち要配慮個人情報",
        "findings.by_type": "種類別の検出件数",
        "findings.by_category": "要配慮個人情報の区分別件数",
        "findings.by_appi_category": "個人情報保護法上の区分別件数",
        "findings.sensitive_by_type": "要配慮個人情報の種類別件数",
        "col.appi_category": "法上の区分",
        "findings.trend": "検出件数の推移（直近{n}期間）",
        "findings.all_types": "合計",
        "findings.by_dataset": "データセット別の検出件数",
        "findings.no_dataset": "（未登録のファイル）",
        "findings.none": "期間中の検出はありません。",
        "datasets.registered": "登録データセット数",
        "datasets.flagged": "指摘のあるデータセット",
        "datasets.days": "{n}日",
        "datasets.table": "データセット別の点検結果",
        "datasets.none": "登録されたデータセットはありません。",
        "purposes.total": "利用目的の数",
        "purposes.added": "新たに定めた利用目的",
        "purposes.changed": "変更した利用目的",
        "purposes.published": "公表した利用目的",
        "purposes.unpublished": "期間末に未公表の利用目的",
        "purposes.table": "期間中に定めた・変更した利用目的",
        "purposes.none": "期間中の追加・変更はありません。",
        "purposes.not_published": "未公表",
        "provisions.recorded": "期間中に作成した記録",
        "provisions.held": "期間末に保存中の記録",
        "provisions.ending": "{n}日以内に保存期間が満了する記録",
        "provisions.ended": "期間中に保存期間が満了した記録",
        "provisions.chart": "提供・受領の根拠別件数",
        "provisions.table": "期間中に作成した記録",
        "provisions.none": "期間中の記録はありません。",
        "provisions.ending_table": "{n}日以内に保存期間が満了する記録",
        "provisions.none_ending": "該当する記録はありません。",
        "provisions.ended_table": "期間中に保存期間が満了した記録（消去・鍵の破棄を検討）",
        "provisions.none_ended": "該当する記録はありません。",
        "ledger.ok": "台帳のハッシュチェーンと全テーブルの検証に成功しました。",
        "ledger.failed": "台帳の検証に失敗しました（{n}件の不整合）。privacy-kit 以外による変更の可能性があります。",
        "ledger.events": "記録イベント数",
        "ledger.head": "先頭ハッシュ（現在）",
        "ledger.head_at_end": "期間末の先頭ハッシュ",
        "ledger.events_in_period": "期間中のイベント数",
        "ledger.chart": "期間中のイベント種別",
        "ledger.problems": "検出された不整合",
        "attention.ledger": "台帳の検証に失敗しました（{n}件）。`privacy-kit audit verify` で詳細を確認してください。",
        "attention.scans_running": "中断したままのスキャンが{n}件あります（`--resume` で再開、または `audit discard`）。",
        "attention.datasets": "{n}件のデータセットに指摘があります: {ids}",
        "attention.purposes": "未公表の利用目的があります: {ids}（第21条）",
        "attention.retention": "保存期間が満了した、または間もなく満了する提供記録が{n}件あります。",
        "col.status": "状態",
        "col.count": "件数",
        "col.run_id": "スキャンID",
        "col.started_at": "開始（日本時間）",
        "col.inputs": "入力",
        "col.records": "件数",
        "col.findings": "検出",
        "col.datasets": "データセット",
        "col.dataset": "データセット",
        "col.entity_type": "種類",
        "col.category": "区分",
        "col.purposes": "利用目的",
        "col.retention": "保存期間",
        "col.found_types": "検出された種類",
        "col.uncovered": "目的外の種類（第18条）",
        "col.past_retention": "保存期間超過ファイル（第22条）",
        "col.unpublished": "未公表の目的（第21条）",
        "col.purpose": "利用目的",
        "col.version": "版",
        "col.basis": "変更の根拠",
        "col.grounds": "理由・同意の記録",
        "col.created_at": "登録（日本時間）",
        "col.published_on": "公表日",
        "col.provision": "記録ID",
        "col.direction": "区分",
        "col.legal_path": "根拠",
        "col.method": "記録方法",
        "col.counterparty": "相手方",
        "col.subjects": "本人の数",
        "col.recorded_on": "作成日",
        "col.retention_until": "保存期限",
        "col.event": "イベント",
        "col.problem": "内容",
        "run.completed": "完了",
        "run.running": "中断",
        "run.discarded": "破棄",
        "basis.initial": "当初",
        "basis.related": "関連性のある変更（第17条第2項）",
        "basis.consent": "本人の同意（第18条第1項）",
        "direction.provide": "提供",
        "direction.receive": "受領",
        "path.consent": "本人の同意",
        "path.opt-out": "オプトアウト",
        "path.outsourcing": "委託",
        "path.merger": "事業承継",
        "path.joint-use": "共同利用",
        "path.legal-exemption": "法令等による例外",
        "method.each": "都度",
        "method.bulk": "一括",
        "method.contract": "契約書等で代替",
        "chart.empty": "データなし",
        "none": "なし",
        "count": "{n}件",
    },
    "en": {
        "report.title": "Personal information audit report",
        "report.period": "Period",
        "report.store": "Audit store",
        "report.schema": "Schema version",
        "report.generated_by": "Generated by",
        "report.status": "Status",
        "report.attention": "Needs attention",
        "report.no_attention": "Nothing needs attention.",
        "report.skipped": "Not in this store",
        "report.skipped_item": "{title} (no table {tables})",
        "report.contents": "Contents",
        "report.trend_periods": "Trend periods",
        "report.period_value": "{label} ({start} to {end}, Japan time)",
        "status.ok": "OK",
        "status.attention": "Check",
        "status.fail": "Action needed",
        "severity.fail": "action needed",
        "severity.warn": "check",
        "section.ledger": "Ledger verification",
        "section.scans": "Scans run",
        "section.findings": "Personal information found",
        "section.datasets": "Data set review",
        "section.purposes": "Purposes of use",
        "section.provisions": "Third-party provision and receipt records",
        "section.moderation": "Comment moderation",
        "moderation.runs": "Runs",
        "moderation.comments": "Comments checked",
        "moderation.decisions": "Decisions (comments to act on)",
        "moderation.by_action": "Decisions by action",
        "moderation.by_clause": "Decisions by policy clause",
        "moderation.table": "Runs",
        "moderation.none": "No moderation runs in the period.",
        "col.action": "Action",
        "col.moderation_run": "Run",
        "col.recorded_at": "Recorded (JST)",
        "col.clause": "Clause",
        "col.pack": "Policy pack",
        "col.comments": "Comments",
        "col.decisions": "Decisions",
        "requests.received": "Requests received in the period",
        "requests.closed": "Requests closed in the period",
        "requests.median": "Days to answer (median)",
        "requests.max": "Days to answer (longest)",
        "requests.late": "Answered after the due date",
        "requests.open": "Open at the period's end",
        "requests.overdue": "Overdue at the period's end",
        "requests.by_outcome": "Requests closed, by outcome",
        "requests.by_type": "Requests received, by type",
        "requests.overdue_table": "Overdue requests (at the period's end)",
        "requests.none_overdue": "No request is overdue.",
        "requests.closed_table": "Requests closed in the period",
        "requests.none_closed": "No request was closed in the period.",
        "attention.requests": "{n} data-subject request(s) overdue: {ids}",
        "col.request": "Request",
        "col.request_type": "Type",
        "col.state": "State (now)",
        "col.received_on": "Received",
        "col.due_on": "Due",
        "col.closed_on": "Closed",
        "col.response_days": "Days to answer",
        "col.days_overdue": "Days overdue (period end)",
        "state.received": "received",
        "state.identity_pending": "identity pending",
        "state.verified": "verified",
        "state.in_progress": "in progress",
        "state.fulfilled": "fulfilled",
        "state.partially_fulfilled": "partially fulfilled",
        "state.refused": "refused",
        "state.withdrawn": "withdrawn",
        "section.requests": "Data-subject requests",
        "incidents.open": "Incidents open in the period",
        "incidents.new": "Incidents learned of in the period",
        "incidents.mandatory": "Reportable to the PPC",
        "incidents.late": "Reports or notices overdue",
        "incidents.table": "Incidents",
        "incidents.none": "No incident in the period.",
        "incidents.by_kind": "Incidents by kind",
        "incidents.late_table": "Reports and notices overdue (at the period's end)",
        "incidents.none_late": "No report or notice is overdue.",
        "incidents.upcoming_table": "Reports and notices due within {n} days",
        "incidents.none_upcoming": "None.",
        "incidents.suspected": " (suspected)",
        "incidents.unassessed": "not assessed",
        "attention.incidents": "{n} incident report(s) or notice(s) overdue: {ids}",
        "col.incident": "Incident",
        "col.title": "Title",
        "col.kind": "Kind",
        "col.learned_at": "Learned of (JST)",
        "col.mandatory": "Reportable",
        "col.people": "People",
        "col.rule7": "Rule 7 items",
        "col.deadline": "Report / notice",
        "col.days_late": "Days overdue (period end)",
        "yes": "yes",
        "deadline.ppc-preliminary": "preliminary report to the PPC (Rule 8(1))",
        "deadline.ppc-final": "final report to the PPC (Rule 8(2))",
        "deadline.individuals": "notice to the individuals (Art 26(2))",
        "no": "no",
        "section.incidents": "Incidents (leaks and breaches)",
        "scans.runs": "Scans",
        "scans.completed": "Completed",
        "scans.running": "Interrupted (not completed)",
        "scans.discarded": "Discarded",
        "scans.inputs": "Input files",
        "scans.findings": "Findings",
        "scans.covered": "Data sets covered",
        "scans.not_scanned": "Data sets not scanned in the period",
        "scans.chart": "Scans by status",
        "scans.table": "Scans",
        "scans.none": "No scans in the period.",
        "findings.total": "Findings",
        "findings.sensitive_total": "of which special care-required (要配慮)",
        "findings.by_type": "Findings by entity type",
        "findings.by_category": "Special care-required findings by category",
        "findings.by_appi_category": "Findings by APPI class",
        "findings.sensitive_by_type": "Special care-required findings by type",
        "col.appi_category": "APPI class",
        "findings.trend": "Findings over the last {n} periods",
        "findings.all_types": "All types",
        "findings.by_dataset": "Findings by data set",
        "findings.no_dataset": "(unregistered files)",
        "findings.none": "No findings in the period.",
        "datasets.registered": "Registered data sets",
        "datasets.flagged": "Data sets with findings to review",
        "datasets.days": "{n} days",
        "datasets.table": "Data set review",
        "datasets.none": "No data sets are registered.",
        "purposes.total": "Purposes of use",
        "purposes.added": "Purposes added",
        "purposes.changed": "Purposes changed",
        "purposes.published": "Purposes published",
        "purposes.unpublished": "Unpublished at the period's end",
        "purposes.table": "Purposes added or changed in the period",
        "purposes.none": "No purpose was added or changed in the period.",
        "purposes.not_published": "not published",
        "provisions.recorded": "Records made in the period",
        "provisions.held": "Records held at the period's end",
        "provisions.ending": "Retention ending within {n} days",
        "provisions.ended": "Retention ended in the period",
        "provisions.chart": "Provision and receipt by legal path",
        "provisions.table": "Records made in the period",
        "provisions.none": "No records in the period.",
        "provisions.ending_table": "Records whose retention ends within {n} days",
        "provisions.none_ending": "None.",
        "provisions.ended_table": "Records whose retention ended in the period (consider erasure and key shredding)",
        "provisions.none_ended": "None.",
        "ledger.ok": "The ledger's hash chain and every tracked table verified.",
        "ledger.failed": "Ledger verification FAILED ({n} problem(s)): the store may have been changed outside privacy-kit.",
        "ledger.events": "Events recorded",
        "ledger.head": "Head hash (now)",
        "ledger.head_at_end": "Head at the period's end",
        "ledger.events_in_period": "Events in the period",
        "ledger.chart": "Events in the period by kind",
        "ledger.problems": "Problems found",
        "attention.ledger": "Ledger verification failed ({n} problem(s)); run `privacy-kit audit verify` for details.",
        "attention.scans_running": "{n} scan(s) were interrupted and not completed (resume with `--resume` or `audit discard`).",
        "attention.datasets": "{n} data set(s) need review: {ids}",
        "attention.purposes": "Unpublished purposes of use: {ids} (Art 21)",
        "attention.retention": "{n} provision record(s) reached or are near the end of their retention.",
        "col.status": "Status",
        "col.count": "Count",
        "col.run_id": "Scan run",
        "col.started_at": "Started (JST)",
        "col.inputs": "Inputs",
        "col.records": "Records",
        "col.findings": "Findings",
        "col.datasets": "Data sets",
        "col.dataset": "Data set",
        "col.entity_type": "Type",
        "col.category": "Category",
        "col.purposes": "Purposes",
        "col.retention": "Retention",
        "col.found_types": "Types found",
        "col.uncovered": "Types outside purposes (Art 18)",
        "col.past_retention": "Files past retention (Art 22)",
        "col.unpublished": "Unpublished purposes (Art 21)",
        "col.purpose": "Purpose",
        "col.version": "Version",
        "col.basis": "Basis of change",
        "col.grounds": "Justification / consent record",
        "col.created_at": "Registered (JST)",
        "col.published_on": "Published on",
        "col.provision": "Record",
        "col.direction": "Direction",
        "col.legal_path": "Legal path",
        "col.method": "Record method",
        "col.counterparty": "Counterparty",
        "col.subjects": "Individuals",
        "col.recorded_on": "Recorded on",
        "col.retention_until": "Keep until",
        "col.event": "Event",
        "col.problem": "Problem",
        "run.completed": "completed",
        "run.running": "interrupted",
        "run.discarded": "discarded",
        "basis.initial": "initial",
        "basis.related": "related change (Art 17(2))",
        "basis.consent": "consent (Art 18(1))",
        "direction.provide": "provided",
        "direction.receive": "received",
        "path.consent": "consent",
        "path.opt-out": "opt-out",
        "path.outsourcing": "outsourcing",
        "path.merger": "merger",
        "path.joint-use": "joint use",
        "path.legal-exemption": "legal exemption",
        "method.each": "each",
        "method.bulk": "bulk",
        "method.contract": "contract",
        "chart.empty": "no data",
        "none": "none",
        "count": "{n}",
    },
}
# fmt: on


@dataclass(frozen=True, slots=True)
class Labels:
    """Wording and formatting for one language; unknown codes fall back to the code itself."""

    lang: str

    def __call__(self, key: str, **values: Any) -> str:
        text = CATALOGUE[self.lang][key]
        return text.format(**values) if values else text

    def _lookup(self, prefix: str, code: str) -> str:
        return CATALOGUE[self.lang].get(f"{prefix}.{code}", code)

    def entity(self, entity_type: str) -> str:
        if self.lang == "ja":
            from recognizers.entities import ENTITY_LABELS

            label = ENTITY_LABELS.get(entity_type)
            return f"{label}（{entity_type}）" if label and label != entity_type else entity_type
        return entity_type

    def sensitive(self, category: str) -> str:
        """A 要配慮 category id (``statutory.medical_history``) in words: the statute's in Japanese."""
        from recognizers.entities import SENSITIVE_CATEGORIES

        if self.lang == "ja":
            return SENSITIVE_CATEGORIES.get(category, category)
        source, _, name = category.partition(".")
        basis = {"statutory": "Art 2(3)", "order": "Cabinet Order Art 2"}.get(source)
        return f"{name.replace('_', ' ')} ({basis})" if basis and name else category

    def appi_class(self, value: str) -> str:
        """個人情報 / 個人関連情報 / 要配慮個人情報 (the pack's values), with the article in English."""
        if self.lang == "ja":
            return value
        return {
            "個人情報": "personal information (Art 2(1))",
            "個人関連情報": "personally referable information (Art 2(7))",
            "要配慮個人情報": "special care-required personal information (Art 2(3))",
        }.get(value, value)

    def status(self, status: str) -> str:
        return self._lookup("run", status)

    def request_state(self, state: str) -> str:
        return self._lookup("state", state)

    def request_type(self, code: str) -> str:
        """A request type by its article (``33-1``) with the vocabulary's words in the report's language."""
        from audit.vocab import REQUEST_TYPES

        text = REQUEST_TYPES.get(code)
        if text is None or " (" not in text:
            return code
        ja, en = text.split(" (", 1)
        return f"{ja}（{code}）" if self.lang == "ja" else en.removesuffix(")")

    def incident_kind(self, kind: str) -> str:
        """漏えい / 滅失 / 毀損 (the store's vocabulary) or leak / loss / damage."""
        from audit.vocab import INCIDENT_KINDS

        return INCIDENT_KINDS.get(kind, kind) if self.lang == "ja" else kind

    def deadline(self, kind: str) -> str:
        """A report or notice an incident requires, in the store's Japanese words or in English."""
        from audit.vocab import DEADLINE_KINDS

        if self.lang == "ja":
            return DEADLINE_KINDS.get(kind, kind)
        return self._lookup("deadline", kind)

    def basis(self, basis: str) -> str:
        return self._lookup("basis", basis)

    def direction(self, direction: str) -> str:
        return self._lookup("direction", direction)

    def method(self, method: str) -> str:
        return self._lookup("method", method)

    def legal_path(self, path: str, exemption: str | None = None) -> str:
        text = self._lookup("path", path)
        return f"{text} ({exemption})" if exemption else text

    def count(self, n: int) -> str:
        return self("count", n=f"{n:,}")

    def join(self, items: Sequence[str]) -> str:
        sep = "、" if self.lang == "ja" else ", "
        return sep.join(items) if items else self("none")

    @staticmethod
    def iso(value: datetime) -> str:
        """A naive-UTC store timestamp as ISO 8601 in JST (whole seconds)."""
        return value.replace(tzinfo=UTC).astimezone(JST).isoformat(timespec="seconds")

    @staticmethod
    def dt(iso: str) -> str:
        """An ISO timestamp from :meth:`iso` for people: ``2026-10-03 14:05``."""
        return iso[:16].replace("T", " ")


def labels(lang: str) -> Labels:
    if lang not in LANGS:
        from privacy_kit.errors import InputError

        raise InputError(f"language {lang!r} is not one of {', '.join(LANGS)}")
    return Labels(lang)
