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
