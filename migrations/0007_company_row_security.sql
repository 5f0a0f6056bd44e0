-- Row-level security as a second line behind the application's own checks: a company's reads run under
-- the role rilancio_company with rilancio.firm_id set for the transaction, and the policy lets it see only
-- its own firm's needs, whatever the query forgets. The application's own role (the tables' owner)
-- is not subject to it. In production, grant the application's login role membership of rilancio_company.
DO $$
BEGIN
  CREATE ROLE rilancio_company NOLOGIN;
EXCEPTION WHEN duplicate_object THEN
  NULL;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO rilancio_company;
--> statement-breakpoint
GRANT SELECT ON ALL TABLES IN SCHEMA public TO rilancio_company;
--> statement-breakpoint
REVOKE SELECT ON profiles, profile_occupations, profile_skills, profile_languages, consents, users, sessions, api_keys, password_reset_tokens, audit_log, erasure_ledger FROM rilancio_company;
--> statement-breakpoint
ALTER TABLE needs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY needs_company_own_firm ON needs FOR SELECT TO rilancio_company
  USING (firm_id::text = current_setting('rilancio.firm_id', true));
