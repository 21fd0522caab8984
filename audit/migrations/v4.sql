-- privacy-kit audit store, schema version 4: redaction runs (mask, 仮名加工 and 匿名加工 copies).
-- A run records what was done, never a value: the inputs and outputs by content hash, counts by
-- entity type, action and field, and for 仮名加工情報 which pseudonym key (by its public id) was
-- used, so the deleted information (削除情報等, Rule 32) can be accounted for. 匿名加工 runs keep
-- no key at all (Rule 34; PPC FAQ Q15-14): their key id is NULL and their report says so.

CREATE TABLE redaction_runs (
    run_id       VARCHAR   PRIMARY KEY,
    recorded_at  TIMESTAMP NOT NULL,
    actor        VARCHAR   NOT NULL,
    tool_version VARCHAR,
    mode         VARCHAR   NOT NULL,  -- mask | pseudonymise | anonymise
    key_name     VARCHAR,             -- pseudonymise: the pseudonym key's name
    key_id       VARCHAR,             -- and its public fingerprint (never the key)
    inputs       VARCHAR   NOT NULL,  -- JSON: [{path, sha256, size, format, encoding}]
    outputs      VARCHAR   NOT NULL,  -- JSON: [{path, sha256, size}]
    options      VARCHAR   NOT NULL,  -- JSON (no personal data)
    records      BIGINT    NOT NULL,
    changed      BIGINT    NOT NULL,
    deleted      BIGINT    NOT NULL,
    counts       VARCHAR   NOT NULL,  -- JSON: replacements by type, by action, by field
    report       VARCHAR              -- JSON: anonymise's report (generalisation, k, suppression)
);
