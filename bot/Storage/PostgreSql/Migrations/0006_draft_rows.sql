-- A draft's answers (one row per step) and history (every change, who and when; it only grows) in rows of their own.
-- In the document they were rewritten on every answer, and the document grew with them: measured on the benchmark,
-- a typical draft was 18 kB of JSON, stored out of line, parsed, compressed and written again for each answer. Now an
-- answer writes the small document (place, status, owner), its step's answer row and one history row. Reads put the
-- answers and the history back (PostgreSqlDraftStore.Doc).
CREATE TABLE draft_answers (
    draft_id text  NOT NULL,
    step_id  text  NOT NULL,
    doc      jsonb NOT NULL,
    PRIMARY KEY (draft_id, step_id)
);

CREATE TABLE draft_history (
    draft_id text    NOT NULL,
    seq      integer NOT NULL,
    entry    jsonb   NOT NULL,
    PRIMARY KEY (draft_id, seq)
);

INSERT INTO draft_answers (draft_id, step_id, doc)
SELECT d.id, a.key, a.value
FROM drafts d, jsonb_each(d.doc -> 'answers') AS a
WHERE jsonb_typeof(d.doc -> 'answers') = 'object';

INSERT INTO draft_history (draft_id, seq, entry)
SELECT d.id, h.n - 1, h.entry
FROM drafts d, jsonb_array_elements(d.doc -> 'history') WITH ORDINALITY AS h(entry, n)
WHERE jsonb_typeof(d.doc -> 'history') = 'array';

UPDATE drafts SET doc = doc || '{"answers": {}, "history": []}'::jsonb
WHERE doc -> 'answers' <> '{}'::jsonb OR doc -> 'history' <> '[]'::jsonb;
