-- Logs stay append-only for the application, with one exception: erasure (GDPR Art. 17) may blank the
-- free-text fields of a person's decisions and outcomes inside its own transaction, where it sets
-- rilancio.erasure = 'on' (SET LOCAL). Rows are never deleted; ids stay for the accountability trail.
CREATE OR REPLACE FUNCTION rilancio_forbid_change() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('rilancio.erasure', true) = 'on' THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
