-- privacy-kit audit store, schema version 3: comment moderation runs and their decisions.
-- A decision names the comment and its author only by keyed hashes (HMAC-SHA256 under the index
-- key, like findings), so the store can answer "what was done about this comment / this user"
-- without holding either in clear.

CREATE TABLE moderation_runs (
    run_id       VARCHAR   PRIMARY KEY,
    recorded_at  TIMESTAMP NOT NULL,
    actor        VARCHAR   NOT NULL,
    tool_version VARCHAR,
    pack_id      VARCHAR   NOT NULL,
    pack_version VARCHAR   NOT NULL,
    pack_sha256  VARCHAR   NOT NULL,
    inputs       VARCHAR   NOT NULL,  -- JSON: [{path, sha256, size}]
    options      VARCHAR   NOT NULL,  -- JSON (field names, thresholds; no personal data)
    comments     INTEGER   NOT NULL,
    decisions    INTEGER   NOT NULL,
    counts       VARCHAR   NOT NULL   -- JSON: by action, clause, severity
);

CREATE TABLE moderation_decisions (
    run_id      VARCHAR NOT NULL,
    seq         INTEGER NOT NULL,   -- rank in the decision list (1 = act first)
    source      VARCHAR NOT NULL,
    record      INTEGER NOT NULL,
    comment_ref VARCHAR NOT NULL,   -- keyed hash of the comment id
    author_ref  VARCHAR,            -- keyed hash of the author's handle (NULL if none)
    clause_id   VARCHAR NOT NULL,
    action      VARCHAR NOT NULL,
    severity    VARCHAR NOT NULL,
    rule_id     VARCHAR NOT NULL,
    also        VARCHAR[] NOT NULL  -- other matching clause:action pairs
);
