"""The store's fixed vocabularies, importable without DuckDB (the CLI builds its choices from them)."""

from __future__ import annotations

#: Data set file formats.
FORMATS: tuple[str, ...] = ("jsonl", "ndjson", "json", "csv", "tsv", "log", "text", "parquet", "other")

#: Legal paths of provision and receipt: consent (Art 27(1) main text / 28(1)), opt-out (27(2)),
#: outsourcing, merger and joint use (27(5)(i)-(iii): not third-party provision), and the
#: Art 27(1)(i)-(vii) exemptions.
LEGAL_PATHS: tuple[str, ...] = ("consent", "opt-out", "outsourcing", "merger", "joint-use", "legal-exemption")

DIRECTIONS: tuple[str, ...] = ("provide", "receive")

#: each: recorded per provision (Rule 19(2)); bulk: one record for continuous or repeated
#: provision (Rule 19(2) proviso); contract: a contract substitutes for the record (Rule 19(3)).
METHODS: tuple[str, ...] = ("each", "bulk", "contract")

#: What happened to the personal data (Art 26(1)): 漏えい, 滅失, 毀損.
INCIDENT_KINDS: dict[str, str] = {"leak": "漏えい", "loss": "滅失", "damage": "毀損"}

#: An incident is open until assessed, and closed only when every required step is done.
INCIDENT_STATUSES: tuple[str, ...] = ("open", "assessed", "closed")

#: What a reportable incident requires: the preliminary report to the PPC (速報, Rule 8(1)), the
#: final report (確報, Rule 8(2)) and the notice to the individuals (Art 26(2), Rule 10).
DEADLINE_KINDS: dict[str, str] = {
    "ppc-preliminary": "個人情報保護委員会への速報",
    "ppc-final": "個人情報保護委員会への確報",
    "individuals": "本人への通知",
}

# fmt: off
#: Art 27(1) items (current numbering) a legal exemption may cite.
EXEMPTIONS: dict[str, str] = {
    "27-1-1": "based on laws and regulations (法令に基づく場合)",
    "27-1-2": "protection of life, body or property, consent hard to obtain",
    "27-1-3": "public health or the sound growth of children, consent hard to obtain",
    "27-1-4": "cooperation with a state organ or local government performing statutory duties",
    "27-1-5": "academic research institution: publication of results or teaching",
    "27-1-6": "academic research institution: joint academic research",
    "27-1-7": "recipient is an academic research institution using it for academic research",
}
# fmt: on

# --- data-subject requests (開示等の請求, Arts 32-39) --------------------------------------------

# fmt: off
#: Request types by the current article that grants them.
REQUEST_TYPES: dict[str, str] = {
    "32-2": "利用目的の通知 (notification of the purpose of use, Art 32(2))",
    "33-1": "開示 (disclosure of retained personal data, Art 33(1))",
    "33-5": "第三者提供記録の開示 (disclosure of third-party provision records, Art 33(5))",
    "34":   "訂正・追加・削除 (correction, addition or deletion of untrue data, Art 34(1))",
    "35-1": "利用停止・消去 (stop of use or erasure: handling against Arts 18, 19 or 20, Art 35(1))",
    "35-3": "第三者提供の停止 (stop of third-party provision against Art 27(1) or 28, Art 35(3))",
    "35-5": "利用停止・消去・提供停止 (no longer needed, a reportable breach, or harm to legitimate "
            "interests, Art 35(5))",
}
# fmt: on

#: Types answered by a disclosure package (the individual receives their data or records).
DISCLOSURE_TYPES: tuple[str, ...] = ("32-2", "33-1", "33-5")
#: Types answered by changing the data sets (deletion, correction, stop of use).
CHANGE_TYPES: tuple[str, ...] = ("34", "35-1", "35-5")
#: Art 38(1): a fee may be charged only for notification of the purpose and for disclosure.
FEE_TYPES: tuple[str, ...] = ("32-2", "33-1", "33-5")

#: The workflow (audit/requests.py holds the allowed transitions).
REQUEST_STATES: tuple[str, ...] = (
    "received",
    "identity_pending",
    "verified",
    "in_progress",
    "fulfilled",
    "partially_fulfilled",
    "refused",
    "withdrawn",
)
FINAL_STATES: tuple[str, ...] = ("fulfilled", "partially_fulfilled", "refused", "withdrawn")

#: Kinds of identifier a request can give for the person (each stored under its own subject key).
IDENTIFIER_KINDS: tuple[str, ...] = (
    "name", "name_reading", "email", "phone", "account", "member_id", "other"
)

#: Art 33(1): the individual chooses electronic records, a written document, or another method
#: the business offers.
DISCLOSURE_METHODS: tuple[str, ...] = ("electronic", "written", "other")

#: Art 37(3): requests may come through an agent (施行令: legal representative of a minor or an
#: adult ward, or an agent the individual appointed).
AGENT_TYPES: tuple[str, ...] = ("none", "legal", "appointed")

#: How identity was confirmed (Art 37(1): the business sets the method; it must be proportionate).
VERIFICATION_METHODS: dict[str, str] = {
    "member-login": "会員ID・パスワードによる確認",
    "registered-email": "登録メールアドレスへの確認",
    "id-document": "本人確認書類の写し",
    "in-person": "窓口での対面確認",
    "postal": "登録住所への郵送による確認",
    "other": "その他",
}

# fmt: off
#: Grounds for refusing all or part of a request, and the request types each applies to.
REFUSAL_GROUNDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "32-2-1": ("the purpose is already clear from what is made knowable under Art 32(1)", ("32-2",)),
    "32-2-2": ("notification would fall under Art 21(4)(i)-(iii)", ("32-2",)),
    "33-2-1": ("disclosure may harm the life, body, property or other rights of the individual or a "
               "third party", ("33-1", "33-5")),
    "33-2-2": ("disclosure may seriously interfere with the proper conduct of the business",
               ("33-1", "33-5")),
    "33-2-3": ("disclosure would violate another law", ("33-1", "33-5")),
    "33-4":   ("another law provides its own disclosure procedure", ("33-1",)),
    "34-not-untrue": ("the content is true, or the change is not needed for the purpose of use",
                      ("34",)),
    "35-not-met": ("the conditions of Art 35(1), (3) or (5) are not met", ("35-1", "35-3", "35-5")),
    "35-alternative": ("stopping or erasing would cost too much or be too difficult, and an "
                       "alternative measure protecting the individual is taken", ("35-1", "35-3", "35-5")),
    "identity-not-verified": ("the individual's identity or the agent's authority could not be "
                              "confirmed (Art 37)", ("32-2", "33-1", "33-5", "34", "35-1", "35-3", "35-5")),
}
# fmt: on

#: Default service level: days from receipt to the due date. Art 39 lets the individual sue two
#: weeks after the request reached the business, so the default stays inside that window.
DEFAULT_SERVICE_DAYS = 14
