-- The Audit & Performance Management team's records (guidance s.4.4-4.5): content assessments of each cycle's
-- reviews (kind 'assessment', one row per partnership and year, every assessment kept in doc) and specific
-- partnership reviews (kind 'specific'). Versioned like every record: a save names the version it read.
CREATE TABLE audit_records (
    id             text    PRIMARY KEY,
    kind           text    NOT NULL,
    partnership_id text    NOT NULL,
    year           integer NOT NULL,
    version        integer NOT NULL,
    doc            jsonb   NOT NULL
);
CREATE INDEX audit_records_kind_year ON audit_records (kind, year);
CREATE INDEX audit_records_kind_partnership ON audit_records (kind, partnership_id);
