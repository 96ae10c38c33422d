-- The documents rewritten on every turn (a draft with its history, the stored response to an activity) cost the
-- server most of its time per answer. Two changes, both for values written from now on:
-- - rows up to ~8 kB stay whole in the table (toast_tuple_target): a draft compressed to a few kB was moved out of
--   line into TOAST chunks on every save (chunk inserts, index entries, the old chunks deleted), and a response of
--   2-3 kB was compressed although it fits the page;
-- - lz4 rather than the default pglz where the server has it (much cheaper to compress); without lz4, pglz stays.
DO $$
BEGIN
    ALTER TABLE drafts ALTER COLUMN doc SET COMPRESSION lz4;
    ALTER TABLE processed_activities ALTER COLUMN body SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    RAISE NOTICE 'lz4 is not available on this server: documents stay compressed with pglz';
END
$$;
