"""The privacy-kit audit store: what an organisation does with personal data, tamper-evident.

One DuckDB file (``store``, schema in ``migrations/``) holds purposes of use (``purposes``),
registered data sets (``datasets``), scan runs and findings (``scans``), third-party provision
and receipt records (``provisions``), breach incidents with their assessments and reporting
deadlines (``incidents``) and a hash-chained ledger of every write (``ledger``,
``digests``, ``verify``). Personal values are kept only as keyed hashes or as ciphertext under
per-subject keys wrapped by a master key kept outside the file (``keys``).

This package knows nothing of NLP and never imports ``privacy_kit``; importing it has no side
effects (DuckDB is loaded by ``audit.store`` only when used). See docs/audit-store.md.
"""
