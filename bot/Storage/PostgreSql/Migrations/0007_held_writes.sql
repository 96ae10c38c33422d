-- A turn holds its draft save back to send it with its closing round trip, in one transaction with the record of
-- the handled activity (PostgreSqlTurnConnection). That save must fail the transaction when it wrote nothing (the
-- draft changed elsewhere since the turn's lock read it), so no record of the activity commits for an answer that
-- was not stored and a retry is handled afresh.
CREATE FUNCTION expect_written(written bigint) RETURNS bigint LANGUAGE plpgsql AS $$
BEGIN
    IF written <> 1 THEN
        RAISE EXCEPTION 'held write refused: the record was changed elsewhere' USING ERRCODE = 'serialization_failure';
    END IF;
    RETURN written;
END
$$;
