"""From a leaked export to a decision and a draft: scan, count people, decide, record, draft."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from audit.errors import IncidentStateError, ValidationError
from audit.incidents import IncidentFile, IncidentRequest, close_incident, create_incident, get_incident
from audit.keys import KeyRing
from audit.scans import get_run, record_scan
from audit.store import Store, StoreConfig
from audit.verify import verify_store
from privacy_kit.incidents.assess import AssessOptions, Step, assess_incident, update_and_redecide
from privacy_kit.incidents.draft import FILL, write_drafts
from tests.audit.plaintext import store_files, values_in_files
from tests.incidents.conftest import LEARNED, PatternDetector, member_rows, write_csv

D = date.fromisoformat


def _incident(config: StoreConfig, *files: IncidentFile, **changes: object) -> str:
    with Store.open(config) as store:
        req = IncidentRequest(title="会員名簿の誤送信", learned_at=LEARNED, files=files, **changes)  # type: ignore[arg-type]
        return create_incident(store, req).incident_id


def test_a_leaked_export_becomes_a_draft_with_the_right_category_count_and_dates(
    config: StoreConfig, tmp_path: Path, detector: PatternDetector
) -> None:
    # 1,001 members; the first 40 rows repeated and 25 members with a second row sharing only the
    # e-mail: 1,066 rows, 1,001 people. Member 0's note says 乳がん, members 0-2 have a card number
    # (all three rows repeated: twice the findings, the same people).
    rows = member_rows(1001, duplicated=40, second_rows=25, sensitive=1, cards=3)
    export = write_csv(tmp_path / "members-export.csv", rows)
    iid = _incident(config, IncidentFile("file", str(export)), description="委託先への添付ファイル誤送信")

    result = assess_incident(config, iid)

    assert result.records_read == 1066 and result.count.records == 1066
    assert result.count.people == 1001
    assert [c.item for c in result.decision.categories if c.applies] == ["i", "ii", "iv"]
    cats = {c.item: c for c in result.decision.categories}
    assert cats["i"].people == 1 and cats["i"].finding_types == {"MEDICAL_CONDITION": 2}
    assert cats["ii"].people == 3 and cats["ii"].finding_types == {"CREDIT_CARD": 6}
    assert (result.decision.preliminary_due, result.decision.final_due) == (D("2026-11-04"), D("2026-12-01"))
    inc = result.incident
    assert inc.status == "assessed" and inc.assessment is not None and inc.assessment.data.people == 1001
    assert [(d.kind, d.due_on) for d in inc.deadlines] == [
        ("ppc-preliminary", D("2026-11-04")),
        ("ppc-final", D("2026-12-01")),
        ("individuals", None),
    ]
    assert inc.assessment.data.run_ids == (result.scanned_run,)

    drafts = write_drafts(config, iid, report_path=tmp_path / "report.md", notice_path=tmp_path / "notice.md")
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert report == drafts.report
    for needle in (
        "規則7条第1号（要配慮個人情報）",
        "規則7条第2号（不正に利用されることにより財産的被害が生じるおそれ）",
        "規則7条第4号（本人の数が千人を超える）: 1,001人",
        "1,001人（privacy-kit による推計: 個人データを含む記録 1,066 件",
        "速報の期限: 2026年11月4日",
        "確報の期限: 2026年12月1日（規則8条2項。発覚日から30日以内）",
        "発覚日時: 2026年11月2日 10:30（日本時間）",
        "事態の経緯: 委託先への添付ファイル誤送信",
        "クレジットカード番号（検出 6 件）",
        "病歴（検出 2 件）",
        "規則7条第1号（要配慮個人情報）: 検出: 病歴 2件（1人）",
        f"原因: {FILL}",
    ):
        assert needle in report, needle
    assert "規則7条第3号" not in report
    assert [line for line in report.splitlines() if line.startswith("## ")] == [
        f"## {n}. {h}" for n, h in enumerate(
            ["概要（規則8条1項1号）",
             "漏えい等が発生し、又は発生したおそれがある個人データの項目（同2号）",
             "漏えい等が発生し、又は発生したおそれがある個人データに係る本人の数（同3号）",
             "原因（同4号）", "二次被害又はそのおそれの有無及びその内容（同5号）", "本人への対応の実施状況（同6号）",
             "公表の実施状況（同7号）", "再発防止のための措置（同8号）", "その他参考となる事項（同9号）"], start=1)
    ]  # fmt: skip
    notice = (tmp_path / "notice.md").read_text(encoding="utf-8")
    assert "2026年11月2日に判明しました" in notice and "- クレジットカード番号\n" in notice
    assert "（検出" not in notice  # finding counts are for the PPC, not for the individuals
    # nothing personal in the drafts, the store or its ledger
    leaked = [rows[0]["メール"], rows[0]["電話"], rows[0]["カード"], rows[5]["氏名"]]
    assert not any(v in report + notice for v in leaked)
    assert values_in_files(store_files(config.path), leaked) == []
    with Store.open(config, read_only=True) as store:
        assert verify_store(store).ok
        kinds = [e.kind for e in store.events()]
    assert kinds[-5:] == ["scan.started", "scan.batch", "scan.completed", "incident.assessed", "incident.drafted"]


@pytest.mark.parametrize(("people", "expected"), [(999, False), (1000, False), (1001, True)])
def test_the_threshold_end_to_end(
    config: StoreConfig, tmp_path: Path, detector: PatternDetector, people: int, expected: bool
) -> None:
    export = write_csv(tmp_path / "export.csv", member_rows(people, duplicated=30))
    result = assess_incident(config, _incident(config, IncidentFile("file", str(export))))
    assert result.count.people == people and result.decision.mandatory is expected


def test_a_stored_scan_is_used_without_scanning(config: StoreConfig, detector: PatternDetector) -> None:
    with Store.open(config) as store:
        ring = KeyRing.open(store)
        findings = [
            {"source": "/exports/a.csv", "record": r, "field": "メール", "start": 0, "end": 5,
             "entity_type": "EMAIL_ADDRESS", "score": 0.9, "recognizer": "t", "value": f"m{r % 4}@x.jp"}
            for r in range(10)
        ] + [{"source": "/exports/a.csv", "record": 2, "field": "備考", "start": 0, "end": 3,
              "entity_type": "MEDICAL_CONDITION", "score": 0.9, "recognizer": "t", "value": "認知症"}]  # fmt: skip
        run = record_scan(store, {"inputs": []}, sorted(findings, key=lambda f: f["record"]), keyring=ring)
    iid = _incident(config, IncidentFile("scan-run", run.run_id))
    result = assess_incident(config, iid)
    assert result.scanned_run is None and result.run_ids == (run.run_id,)
    assert result.count.people == 4 and [c.item for c in result.decision.categories if c.applies] == ["i"]
    assert result.incident.assessment is not None and result.incident.assessment.data.basis == "stored-scan"
    # --run overrides what the incident names
    again = assess_incident(config, iid, AssessOptions(runs=(run.run_id,)))
    assert again.incident.assessment is not None and again.incident.assessment.assessment_no == 2


def test_declarations_alone_decide_a_lost_laptop(config: StoreConfig) -> None:
    iid = _incident(config, wrongful_act=True, people_declared=300)
    result = assess_incident(config, iid)
    assert result.run_ids == () and result.count.people == 0
    assert [c.item for c in result.decision.categories if c.applies] == ["iii"]
    assert result.decision.final_due == D("2026-12-31")  # 60 days (Rule 8(2))
    assert result.incident.assessment is not None and result.incident.assessment.data.people == 300


def test_a_changed_declaration_is_redecided_without_a_rescan(
    config: StoreConfig, tmp_path: Path, detector: PatternDetector
) -> None:
    export = write_csv(tmp_path / "export.csv", member_rows(20, cards=2))
    iid = _incident(config, IncidentFile("file", str(export)))
    first = assess_incident(config, iid)
    assert first.decision.mandatory and first.decision.final_due == D("2026-12-01")
    with Store.open(config) as store:
        # learned a day earlier than first recorded: every date moves
        inc, decision = update_and_redecide(store, iid, {"learned_at": LEARNED - timedelta(days=1)})
        assert decision is not None and decision.final_due == D("2026-11-30")
        assert inc.assessment is not None and inc.assessment.data.basis == "redecided"
        assert inc.assessment.data.run_ids == first.run_ids and inc.assessment.data.people == 20
        # the preliminary report was filed; then encryption with the key kept apart is confirmed
        inc, _ = update_and_redecide(store, iid, {}, step=Step("ppc-preliminary", D("2026-11-03"), "PPC-1"))
        inc, decision = update_and_redecide(
            store, iid, {"encryption": "AES-256 (CRYPTREC)", "key_custody": "鍵は別システムで管理"}
        )
        assert decision is not None and not decision.mandatory
        assert [(d.kind, d.done_on) for d in inc.deadlines] == [("ppc-preliminary", D("2026-11-03"))]
        # a change that cannot alter the decision records no new assessment
        inc, decision = update_and_redecide(store, iid, {"cause": "宛先の選択誤り"})
        assert decision is None and inc.assessment is not None and inc.assessment.assessment_no == 3
        with pytest.raises(ValidationError, match="nothing to change"):
            update_and_redecide(store, iid, {})
        close_incident(store, iid, reason="暗号化済みのため報告対象外")
        assert verify_store(store).ok
    with pytest.raises(IncidentStateError, match="closed"):
        assess_incident(config, iid)


def test_a_data_set_is_scanned_at_its_location(config: StoreConfig, tmp_path: Path, detector: PatternDetector) -> None:
    from audit.datasets import add_dataset
    from audit.purposes import add_purpose

    logs = tmp_path / "logs"
    logs.mkdir()
    write_csv(logs / "a.csv", member_rows(3))
    write_csv(logs / "b.csv", member_rows(5))  # members 0-2 again: 5 people in all
    with Store.open(config) as store:
        pid = add_purpose(store, text="会員管理のため", categories=["*"]).purpose_id
        add_dataset(store, "members", location=str(logs / "*.csv"), format="csv", owner="事務局", purposes=[pid],
                    retention="3y")  # fmt: skip
    result = assess_incident(config, _incident(config, IncidentFile("dataset", "members")))
    assert result.count.people == 5 and result.records_read == 8
    with Store.open(config, read_only=True) as store:
        run = get_run(store, result.scanned_run or "")
        assert {i.dataset_id for i in run.inputs} == {"members"}
        assert run.options["incident"] == get_incident(store, "INC-000001").incident_id


def test_drafts_need_an_assessment_and_mark_what_is_missing(
    config: StoreConfig, tmp_path: Path, detector: PatternDetector
) -> None:
    iid = _incident(config)
    with pytest.raises(IncidentStateError, match="has not been assessed"):
        write_drafts(config, iid)
    assess_incident(config, iid)
    drafts = write_drafts(config, iid, fmt="html", report_path=tmp_path / "r.html")
    assert drafts.report.startswith("<!DOCTYPE html>") and f"<mark>{FILL}</mark>" in drafts.report
    assert "該当なし（規則7条各号のいずれにも該当しない" in drafts.report
    assert "本人の数" in drafts.report and f"<li>{'<mark>' + FILL + '</mark>'}</li>" in drafts.report


@pytest.mark.ginza
def test_the_real_detector_on_a_leaked_comment_export(
    config: StoreConfig, tmp_path: Path, ginza_engine: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from privacy_kit.detect import Detector
    from recognizers import build_analyzer

    detector = Detector(analyzer=build_analyzer(nlp_engine=ginza_engine))
    monkeypatch.setattr("privacy_kit.scan.make_detector", lambda options: detector)
    comments = [
        "資料の送付先は hanako.sato@example.jp です。",
        "会費の支払いでカード番号4111111111111111を入力したらエラーになりました。",
        "hanako.sato@example.jp 宛てにお願いします。携帯は090-2345-6789です。",
        "急ぎの場合は090-2345-6789にお電話ください。",
        "学術集会のご案内ありがとうございます。",
    ]
    export = tmp_path / "comments.jsonl"
    export.write_text(
        "".join(json.dumps({"id": f"c{i}", "text": t}, ensure_ascii=False) + "\n" for i, t in enumerate(comments)),
        encoding="utf-8",
    )
    result = assess_incident(config, _incident(config, IncidentFile("file", str(export))))
    # comments 0, 2 and 3 are one person (e-mail, then phone); the card holder is another
    assert result.count.people == 2 and result.count.entity_types.get("CREDIT_CARD") == 1
    assert [c.item for c in result.decision.categories if c.applies] == ["ii"]
