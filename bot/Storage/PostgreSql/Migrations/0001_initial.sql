-- Schema 1: every store of the bot. Records are jsonb documents (the same JSON as the LiteDB backend writes);
-- the columns beside them are what queries filter or order on. Times that are compared are UTC ticks (bigint),
-- exact like the DateTimeOffset values in the records.

CREATE TABLE markers (
    key   text PRIMARY KEY,
    value jsonb NOT NULL
);

CREATE TABLE partnerships (
    id              text PRIMARY KEY,
    version         integer NOT NULL,
    doc             jsonb NOT NULL,
    name            text NOT NULL,
    lead_officer_id text,
    status          text NOT NULL
);
CREATE INDEX partnerships_lead_officer ON partnerships (lead_officer_id);

CREATE TABLE drafts (
    id               text PRIMARY KEY,
    version          integer NOT NULL,
    doc              jsonb NOT NULL,
    owner_id         text NOT NULL,
    subject_id       text,
    status           text NOT NULL,
    questionnaire_id text NOT NULL,
    created_ticks    bigint NOT NULL,
    updated_ticks    bigint NOT NULL
);
CREATE INDEX drafts_owner ON drafts (owner_id);
CREATE INDEX drafts_subject ON drafts (subject_id, status);

CREATE TABLE journey_sessions (
    owner_id text PRIMARY KEY,
    draft_id text
);

CREATE TABLE submissions (
    id           text PRIMARY KEY,
    version      integer NOT NULL,
    doc          jsonb NOT NULL,
    submitter_id text NOT NULL,
    status       text NOT NULL,
    publish      boolean NOT NULL,
    approver_ids text[] NOT NULL DEFAULT '{}'
);
CREATE INDEX submissions_submitter ON submissions (submitter_id);
CREATE INDEX submissions_publish ON submissions (publish) WHERE publish;
CREATE INDEX submissions_approvers ON submissions USING gin (approver_ids);

CREATE TABLE outbox (
    key              text PRIMARY KEY,
    version          integer NOT NULL,
    doc              jsonb NOT NULL,
    status           text NOT NULL,
    kind             text NOT NULL,
    topic            text,
    due_ticks        bigint NOT NULL,
    created_ticks    bigint NOT NULL,
    lease_owner      text,
    lease_until_ticks bigint
);
CREATE INDEX outbox_due ON outbox (status, due_ticks);
CREATE INDEX outbox_topic ON outbox (topic, status);

CREATE TABLE due_prompts (
    key              text PRIMARY KEY,
    doc              jsonb NOT NULL,
    kind             text NOT NULL,
    subject_id       text NOT NULL,
    due_ticks        bigint NOT NULL,
    done             boolean NOT NULL,
    lease_owner      text,
    lease_until_ticks bigint
);
CREATE INDEX due_prompts_due ON due_prompts (due_ticks) WHERE NOT done;
CREATE INDEX due_prompts_subject ON due_prompts (subject_id, kind);

CREATE TABLE conversation_references (
    key     text PRIMARY KEY,
    user_id text NOT NULL,
    doc     jsonb NOT NULL
);
CREATE INDEX conversation_references_user ON conversation_references (user_id);

CREATE TABLE download_grants (
    secret_hash   text PRIMARY KEY,
    doc           jsonb NOT NULL,
    used          boolean NOT NULL,
    expires_ticks bigint NOT NULL
);
CREATE INDEX download_grants_expires ON download_grants (expires_ticks);
