-- The match log, human decisions, outcomes and the audit log are append-only for the application
-- (AI Act Art. 12, GDPR accountability). Corrections are new rows, never edits.
CREATE OR REPLACE FUNCTION rilancio_forbid_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER match_runs_append_only BEFORE UPDATE OR DELETE ON match_runs FOR EACH ROW EXECUTE FUNCTION rilancio_forbid_change();
--> statement-breakpoint
CREATE TRIGGER match_decisions_append_only BEFORE UPDATE OR DELETE ON match_decisions FOR EACH ROW EXECUTE FUNCTION rilancio_forbid_change();
--> statement-breakpoint
CREATE TRIGGER match_outcomes_append_only BEFORE UPDATE OR DELETE ON match_outcomes FOR EACH ROW EXECUTE FUNCTION rilancio_forbid_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION rilancio_forbid_change();
