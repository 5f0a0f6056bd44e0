-- Password-reset mails wait here instead of in memory, so a crash loses none (security review 2026-12,
-- finding 7 follow-up). Claimed with FOR UPDATE SKIP LOCKED; the reset token is never stored here.
CREATE TABLE "password_reset_mails" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "password_reset_mails_due_idx" ON "password_reset_mails" USING btree ("next_attempt_at");