-- privacy-kit audit store, schema version 1: ledger, keys, purposes of use, data sets, scans.
-- Personal values never appear in clear in any column: findings keep a keyed hash (HMAC-SHA256)
-- and, only when asked, AES-GCM ciphertext under a per-subject data key (see docs/audit-store.md).

CREATE TABLE schema_version (
    version     INTEGER   NOT NULL,
    applied_at  TIMESTAMP NOT NULL,
    description VARCHAR   NOT NULL
);

CREATE TABLE store_meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

-- Hash chain: every write appends one event in the same transaction (audit/ledger.py).
CREATE TABLE ledger (
    seq       BIGINT  NOT NULL,
    ts        VARCHAR NOT NULL,
    kind      VARCHAR NOT NULL,
    actor     VARCHAR NOT NULL,
    payload   VARCHAR NOT NULL,
    prev_hash VARCHAR NOT NULL,
    hash      VARCHAR NOT NULL
);

-- Data keys wrapped (AES-256-GCM) by the master key, which lives outside the database.
-- kind 'index': the HMAC key for value hashes; kind 'subject': one data key per subject ref.
CREATE TABLE keyring (
    key_ref       VARCHAR   PRIMARY KEY,
    kind          VARCHAR   NOT NULL,
    wrapped       BLOB      NOT NULL,
    master_key_id VARCHAR   NOT NULL,
    created_at    TIMESTAMP NOT NULL
);

CREATE TABLE shredded_keys (
    key_ref     VARCHAR   NOT NULL,
    shredded_at TIMESTAMP NOT NULL,
    reason      VARCHAR
);

-- Purposes of use (APPI Arts 17, 18, 21): one row per version; history is never overwritten.
CREATE TABLE purpose_versions (
    purpose_id      VARCHAR   NOT NULL,
    version         INTEGER   NOT NULL,
    text            VARCHAR   NOT NULL,
    categories      VARCHAR[] NOT NULL,
    policy_ref      VARCHAR,
    basis           VARCHAR   NOT NULL,  -- initial | related (Art 17(2)) | consent (Art 18(1))
    justification   VARCHAR,
    consent_ref     VARCHAR,
    created_at      TIMESTAMP NOT NULL,
    created_by      VARCHAR   NOT NULL,
    published_on    DATE,
    publication_ref VARCHAR,
    PRIMARY KEY (purpose_id, version)
);

-- Registered log sources and exports.
CREATE TABLE datasets (
    dataset_id     VARCHAR   PRIMARY KEY,
    location       VARCHAR   NOT NULL,   -- path or glob (absolute) or URI
    format         VARCHAR   NOT NULL,
    owner          VARCHAR   NOT NULL,
    purposes       VARCHAR[] NOT NULL,
    retention_days INTEGER   NOT NULL,
    third_party    VARCHAR   NOT NULL,   -- allowed | never
    allowed_paths  VARCHAR[],            -- NULL: any legal path
    description    VARCHAR,
    created_at     TIMESTAMP NOT NULL,
    created_by     VARCHAR   NOT NULL
);

CREATE TABLE scan_runs (
    run_id         VARCHAR   PRIMARY KEY,
    status         VARCHAR   NOT NULL,   -- running | completed | discarded
    started_at     TIMESTAMP NOT NULL,
    finished_at    TIMESTAMP,
    actor          VARCHAR   NOT NULL,
    tool_version   VARCHAR,
    options        VARCHAR   NOT NULL,   -- canonical JSON
    encrypt_values BOOLEAN   NOT NULL,
    batches        INTEGER   NOT NULL,
    findings_count BIGINT    NOT NULL,
    counts         VARCHAR   NOT NULL,   -- canonical JSON: entity type -> count, plus caller stats
    progress       VARCHAR               -- canonical JSON: last committed position (resume point)
);

CREATE TABLE scan_inputs (
    run_id        VARCHAR NOT NULL,
    input_no      INTEGER NOT NULL,
    path          VARCHAR NOT NULL,
    resolved_path VARCHAR,
    sha256        VARCHAR,
    size          BIGINT,
    mtime         TIMESTAMP,
    dataset_id    VARCHAR
);

CREATE TABLE findings (
    run_id       VARCHAR NOT NULL,
    batch_no     INTEGER NOT NULL,
    seq          BIGINT  NOT NULL,
    source       VARCHAR NOT NULL,
    record       BIGINT,
    field        VARCHAR,
    start_offset INTEGER NOT NULL,
    end_offset   INTEGER NOT NULL,
    entity_type  VARCHAR NOT NULL,
    score        DOUBLE  NOT NULL,
    recognizer   VARCHAR NOT NULL,
    value_hash   VARCHAR NOT NULL,       -- HMAC-SHA256(index key, normalised value), hex
    ciphertext   BLOB,                   -- AES-256-GCM under the subject key, only when asked
    dataset_id   VARCHAR
);
