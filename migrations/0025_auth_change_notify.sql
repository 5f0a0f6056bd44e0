-- Who a session cookie stands for changes when a session is revoked or removed, or when its account
-- changes (role, desk, firm, ended, erased). Each such statement tells listeners after it commits, so a
-- process that keeps sessions it has looked up (the embedded database's one process) drops them before
-- the next request. Statement-level: one notice per statement, whatever the number of rows.
CREATE OR REPLACE FUNCTION rilancio_notify_auth_changed() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('rilancio_auth_changed', TG_TABLE_NAME);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER sessions_auth_changed AFTER UPDATE OR DELETE OR TRUNCATE ON sessions FOR EACH STATEMENT EXECUTE FUNCTION rilancio_notify_auth_changed();
--> statement-breakpoint
CREATE TRIGGER users_auth_changed AFTER UPDATE OR DELETE OR TRUNCATE ON users FOR EACH STATEMENT EXECUTE FUNCTION rilancio_notify_auth_changed();
