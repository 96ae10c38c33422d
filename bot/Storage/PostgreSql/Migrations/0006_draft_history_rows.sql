-- A draft's history (every change to an answer, who and when; it only grows) in rows of its own. In the document it
-- was rewritten on every answer, and with it the whole document grew: measured on the benchmark, a typical draft was
-- 18 kB of JSON, stored out of line, parsed, compressed and written again for each answer. Now an answer writes the
-- document (answers, place, status) and one history row. Reads put the history back in order (PostgreSqlDraftStore.Doc).
CREATE TABLE draft_history (
    draft_id text    NOT NULL,
    seq      integer NOT NULL,
    entry    jsonb   NOT NULL,
    PRIMARY KEY (draft_id, seq)
);

INSERT INTO draft_history (draft_id, seq, entry)
SELECT d.id, h.n - 1, h.entry
FROM drafts d, jsonb_array_elements(d.doc -> 'history') WITH ORDINALITY AS h(entry, n)
WHERE jsonb_typeof(d.doc -> 'history') = 'array';

UPDATE drafts SET doc = jsonb_set(doc, '{history}', '[]'::jsonb) WHERE doc ? 'history' AND doc -> 'history' <> '[]'::jsonb;
