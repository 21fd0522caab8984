-- privacy-kit audit store, schema version 5: data-subject requests (APPI Arts 32-39)
-- One row per request in `requests` (its current state), its history in `request_events`, the
-- subject's identifiers as keyed hash + AES-GCM ciphertext under each value's subject key in
-- `request_identifiers` (crypto-shredded with the subject), and what each search or fulfilment
-- did in `request_evidence` (counts, offsets, file hashes; never a personal value).

CREATE TABLE requests (
    request_id          VARCHAR   PRIMARY KEY,   -- RQ-000001
    request_type        VARCHAR   NOT NULL,      -- 32-2 | 33-1 | 33-5 | 34 | 35-1 | 35-3 | 35-5
    state               VARCHAR   NOT NULL,      -- received | identity_pending | verified | in_progress
                                                 -- | fulfilled | partially_fulfilled | refused | withdrawn
    received_on         DATE      NOT NULL,
    service_days        INTEGER   NOT NULL,      -- the service level the due date was computed from
    due_on              DATE      NOT NULL,      -- received_on + service_days, or as extended
    channel             VARCHAR,                 -- how the request arrived (form, e-mail, post...)
    agent_type          VARCHAR   NOT NULL,      -- none | legal | appointed (Art 37(3))
    agent_verification  VARCHAR,                 -- how the agent's authority was confirmed
    disclosure_method   VARCHAR,                 -- electronic | written | other (Art 33(1))
    fee_yen             INTEGER,                 -- only 32-2 / 33-x (Art 38)
    verification_method VARCHAR,                 -- how identity was confirmed (Art 37)
    verified_on         DATE,
    refusal_ground      VARCHAR,                 -- see audit/vocab.py REFUSAL_GROUNDS
    alternative_measure VARCHAR,                 -- Art 35(2)/(4)/(6) provisos
    reason              VARCHAR,                 -- explanation given to the individual (Art 36)
    note                VARCHAR,                 -- free note (no personal data)
    created_at          TIMESTAMP NOT NULL,
    created_by          VARCHAR   NOT NULL,
    updated_at          TIMESTAMP NOT NULL,
    closed_at           TIMESTAMP
);

CREATE TABLE request_identifiers (
    request_id    VARCHAR NOT NULL,
    identifier_no INTEGER NOT NULL,
    kind          VARCHAR NOT NULL,  -- name | name_reading | email | phone | account | member_id | other
    subject_ref   VARCHAR NOT NULL,  -- HMAC-SHA256(index key, normalised value), or 'shredded'
    ciphertext    BLOB    NOT NULL   -- AES-256-GCM under the subject key of that value
);

CREATE TABLE request_events (
    request_id VARCHAR   NOT NULL,
    event_no   INTEGER   NOT NULL,
    event_at   TIMESTAMP NOT NULL,
    actor      VARCHAR   NOT NULL,
    action     VARCHAR   NOT NULL,  -- received | identity_requested | verified | started | extended
                                    -- | evidence | refused | fulfilled | partially_fulfilled | withdrawn
    from_state VARCHAR,
    to_state   VARCHAR   NOT NULL,
    detail     VARCHAR              -- canonical JSON (no personal data)
);

CREATE TABLE request_evidence (
    request_id  VARCHAR   NOT NULL,
    evidence_no INTEGER   NOT NULL,
    kind        VARCHAR   NOT NULL,  -- search | disclosure | deletion | correction | stop
    created_at  TIMESTAMP NOT NULL,
    created_by  VARCHAR   NOT NULL,
    document    VARCHAR   NOT NULL,  -- canonical JSON: searched, found, changed, left, held
    sha256      VARCHAR   NOT NULL   -- SHA-256 of document, also carried by the ledger event
);
