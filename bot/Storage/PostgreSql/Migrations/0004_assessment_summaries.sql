-- Hallmark self-assessments in brief (each hallmark's points, skipped hallmarks, improvement items), one row per
-- submitted assessment (id = its draft's), written in the transaction that stores the submitted draft, so the
-- register tab and the Audit Committee report read one small row per partnership instead of every draft.
-- Frozen like the draft: version stays 1. Assessments submitted before this table are summarised at start.
CREATE TABLE assessment_summaries (
    id              text    PRIMARY KEY,
    version         integer NOT NULL,
    doc             jsonb   NOT NULL,
    partnership_id  text    NOT NULL,
    submitted_ticks bigint  NOT NULL
);
CREATE INDEX assessment_summaries_newest ON assessment_summaries (partnership_id, submitted_ticks DESC, id DESC);
