-- privacy-kit audit store, schema version 6: breach incidents (APPI Art 26; PPC Rules 7-10)
-- An incident is what the organisation declared (when it learned of it, what happened, the files,
-- encryption, suspected wrongful act); an assessment is what privacy-kit found and decided from
-- it; deadlines are the reports and notices the decision requires and whether they were done.
-- No personal value or keyed hash of one is kept here: the people are counted, not listed.

CREATE TABLE incidents (
    incident_id         VARCHAR   PRIMARY KEY,  -- INC-000001
    title               VARCHAR   NOT NULL,
    kind                VARCHAR   NOT NULL,     -- leak | loss | damage (漏えい / 滅失 / 毀損)
    suspected           BOOLEAN   NOT NULL,     -- only a risk so far (発生したおそれ)
    learned_at          TIMESTAMP NOT NULL,     -- UTC: when the organisation learned of it; deadlines run from here
    occurred_at         TIMESTAMP,              -- UTC, when known
    description         VARCHAR,                -- what happened
    cause               VARCHAR,
    encryption          VARCHAR,                -- high-grade encryption declared: the method; NULL if none
    key_custody         VARCHAR,                -- how the key was kept apart from the data
    key_compromised     BOOLEAN   NOT NULL,     -- the key may have leaked too: no exemption
    wrongful_act        BOOLEAN   NOT NULL,     -- 不正の目的 suspected (Rule 7(iii))
    sensitive_declared  BOOLEAN   NOT NULL,     -- 要配慮個人情報 declared involved (Rule 7(i))
    financial_declared  BOOLEAN   NOT NULL,     -- data whose misuse may cause financial damage declared (Rule 7(ii))
    people_declared     INTEGER,                -- number of people known from outside the scanned files
    preliminary_days    INTEGER   NOT NULL,     -- target for the preliminary report (速報), days
    status              VARCHAR   NOT NULL,     -- open | assessed | closed
    close_reason        VARCHAR,
    created_at          TIMESTAMP NOT NULL,
    created_by          VARCHAR   NOT NULL,
    updated_at          TIMESTAMP NOT NULL,
    closed_at           TIMESTAMP
);

CREATE TABLE incident_files (
    incident_id VARCHAR NOT NULL,
    file_no     INTEGER NOT NULL,
    kind        VARCHAR NOT NULL,  -- file (path or glob) | dataset (registered data set id) | scan-run (stored scan)
    ref         VARCHAR NOT NULL
);

CREATE TABLE incident_assessments (
    incident_id       VARCHAR   NOT NULL,
    assessment_no     INTEGER   NOT NULL,
    assessed_at       TIMESTAMP NOT NULL,
    assessed_by       VARCHAR   NOT NULL,
    basis             VARCHAR   NOT NULL,  -- scan | stored-scan | declarations | redecided
    rule_set          VARCHAR   NOT NULL,  -- e.g. APPI-2022
    run_ids           VARCHAR[] NOT NULL,  -- the scan runs the evidence comes from
    records           BIGINT    NOT NULL,  -- records holding personal data
    people            INTEGER   NOT NULL,  -- distinct people (linked by keyed identity)
    entity_types      VARCHAR   NOT NULL,  -- JSON: entity type -> findings
    evidence          VARCHAR   NOT NULL,  -- JSON: the counts the decision rests on
    categories        VARCHAR   NOT NULL,  -- JSON: the four Rule 7 categories, each decided with its evidence
    encryption_exempt BOOLEAN   NOT NULL,
    mandatory         BOOLEAN   NOT NULL,  -- reporting to the PPC is mandatory (Art 26(1))
    preliminary_due   DATE,
    final_due         DATE
);

CREATE TABLE incident_deadlines (
    incident_id     VARCHAR   NOT NULL,
    kind            VARCHAR   NOT NULL,  -- ppc-preliminary | ppc-final | individuals
    due_on          DATE,                -- NULL: no fixed day (速やかに)
    basis           VARCHAR   NOT NULL,  -- the rule, or 'voluntary'
    done_on         DATE,
    done_ref        VARCHAR,             -- e.g. the PPC's receipt number
    people_notified INTEGER,
    method          VARCHAR,
    recorded_at     TIMESTAMP NOT NULL,
    recorded_by     VARCHAR   NOT NULL
);
