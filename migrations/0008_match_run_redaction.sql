-- Runs logged before this migration keep chain version 1 (their hash covers the results as stored);
-- new runs hash a salted digest of each result so erasure can redact one entry (chain version 2).
ALTER TABLE "match_runs" ADD COLUMN "chain_version" smallint DEFAULT 1 NOT NULL;
--> statement-breakpoint
ALTER TABLE "match_runs" ALTER COLUMN "chain_version" SET DEFAULT 2;
--> statement-breakpoint
-- Erasure reasons are codes from now on; reasons typed before could hold names, so they become the
-- generic ground. The append-only triggers let this through only with the erasure switch on.
SELECT set_config('rilancio.erasure', 'on', false);
--> statement-breakpoint
UPDATE "erasure_ledger" SET "reason" = 'data_subject_request'
  WHERE "reason" NOT IN ('data_subject_request', 'no_longer_necessary', 'consent_withdrawn', 'objection', 'unlawful_processing', 'legal_obligation', 'retention', 'replay');
--> statement-breakpoint
UPDATE "audit_log" SET "details" = jsonb_set("details", '{reason}', '"data_subject_request"')
  WHERE "action" = 'profile.erased' AND "details" ? 'reason'
    AND "details"->>'reason' NOT IN ('data_subject_request', 'no_longer_necessary', 'consent_withdrawn', 'objection', 'unlawful_processing', 'legal_obligation', 'retention', 'replay');
--> statement-breakpoint
SELECT set_config('rilancio.erasure', 'off', false);
