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
