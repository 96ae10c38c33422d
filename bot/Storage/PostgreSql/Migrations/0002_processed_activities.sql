-- Activities already handled, with the invoke response they got, so a redelivery that lands on any instance is
-- answered again without being processed again. Bounded by age: rows past expires_ticks are deleted.
CREATE TABLE processed_activities (
    conversation_id text    NOT NULL,
    activity_id     text    NOT NULL,
    responded       boolean NOT NULL,
    status          integer NOT NULL,
    body            bytea,
    expires_ticks   bigint  NOT NULL,
    PRIMARY KEY (conversation_id, activity_id)
);
CREATE INDEX processed_activities_expires ON processed_activities (expires_ticks);
