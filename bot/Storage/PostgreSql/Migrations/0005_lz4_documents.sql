-- The documents rewritten on every turn (a draft with its history, the stored response to an activity) are
-- compressed with lz4 rather than the default pglz where the server has it: much cheaper to compress, and the draft
-- save was the costliest statement of an answer. Applies to values written from now on; a server built without lz4
-- keeps pglz. (Keeping rows up to 8 kB inline with toast_tuple_target was tried too: no gain measured, so not done.)
DO $$
BEGIN
    ALTER TABLE drafts ALTER COLUMN doc SET COMPRESSION lz4;
    ALTER TABLE processed_activities ALTER COLUMN body SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    RAISE NOTICE 'lz4 is not available on this server: documents stay compressed with pglz';
END
$$;
