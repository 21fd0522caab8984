-- privacy-kit audit store, schema version 2: third-party provision and receipt records
-- (APPI Arts 27-30; PPC Rules 19-25). Subjects' identifiers are kept only as keyed hashes and
-- AES-GCM ciphertext, so that they can be disclosed on request (Art 33(5)) and crypto-shredded
-- once retention_until has passed.

CREATE TABLE provisions (
    provision_id           VARCHAR   PRIMARY KEY,
    direction              VARCHAR   NOT NULL,  -- provide | receive
    legal_path             VARCHAR   NOT NULL,  -- consent | opt-out | outsourcing | merger | joint-use | legal-exemption
    exemption              VARCHAR,             -- e.g. 27-1-1 when legal_path = legal-exemption
    record_method          VARCHAR   NOT NULL,  -- each | bulk | contract
    counterparty_name      VARCHAR   NOT NULL,
    counterparty_address   VARCHAR,
    counterparty_rep       VARCHAR,
    acquisition            VARCHAR,             -- receive: how the provider acquired the data
    subjects_description   VARCHAR,
    subject_count          INTEGER   NOT NULL,
    data_items             VARCHAR[] NOT NULL,
    consent_ref            VARCHAR,
    optout_publication_ref VARCHAR,
    foreign_country        VARCHAR,
    dataset_id             VARCHAR,
    provided_on            DATE,
    period_start           DATE,
    period_end             DATE,
    last_provision_on      DATE,
    recorded_on            DATE      NOT NULL,
    retention_until        DATE      NOT NULL,
    note                   VARCHAR,
    created_at             TIMESTAMP NOT NULL,
    created_by             VARCHAR   NOT NULL
);

CREATE TABLE provision_subjects (
    provision_id VARCHAR NOT NULL,
    subject_no   INTEGER NOT NULL,
    subject_ref  VARCHAR NOT NULL,  -- HMAC-SHA256(index key, normalised identifier), hex
    ciphertext   BLOB    NOT NULL   -- AES-256-GCM under the subject key
);
