-- Issue 15 (ADR 0005): the outbox becomes a change log read by position. Every process keeps its own
-- position (change_log_readers) in (txid, id) order; rows go only when every live reader has passed them.
-- The retry columns move to search_retries (per reader), so a process of the previous version, whose relay
-- claimed and DELETED rows, now fails loudly instead of taking changes from the others.
CREATE TABLE "change_log_pruned" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"txid" "xid8" DEFAULT '0'::xid8 NOT NULL,
	"last_id" bigint DEFAULT 0 NOT NULL,
	"pruned_at" timestamp with time zone,
	CONSTRAINT "change_log_pruned_single" CHECK ("change_log_pruned"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "change_log_readers" (
	"name" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"position_txid" "xid8" DEFAULT '0'::xid8 NOT NULL,
	"position_id" bigint DEFAULT 0 NOT NULL,
	"host" text,
	"pid" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL,
	"check_requested_at" timestamp with time zone,
	"checked_at" timestamp with time zone,
	"check_report" jsonb,
	CONSTRAINT "change_log_readers_kind" CHECK (kind in ('local', 'shared', 'pin'))
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"count" integer NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_retries" (
	"reader" text NOT NULL,
	"aggregate_type" text NOT NULL,
	"aggregate_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"attempts" integer NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"last_error" text,
	CONSTRAINT "search_retries_reader_aggregate_type_aggregate_id_pk" PRIMARY KEY("reader","aggregate_type","aggregate_id")
);
--> statement-breakpoint
DROP INDEX "outbox_next_idx";--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "txid" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
ALTER TABLE "search_dead_letters" ADD COLUMN "reader" text;--> statement-breakpoint
CREATE INDEX "rate_limits_expires_idx" ON "rate_limits" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "outbox_position_idx" ON "outbox" USING btree ("txid","id");--> statement-breakpoint
ALTER TABLE "outbox" DROP COLUMN "attempts";--> statement-breakpoint
ALTER TABLE "outbox" DROP COLUMN "next_attempt_at";--> statement-breakpoint
ALTER TABLE "outbox" DROP COLUMN "last_error";--> statement-breakpoint
INSERT INTO "change_log_pruned" ("id") VALUES (1);--> statement-breakpoint
-- Request counters: a crash may lose them (the windows restart), so no WAL per request.
ALTER TABLE "rate_limits" SET UNLOGGED;--> statement-breakpoint
-- Wakes every process LISTENing (delivered at commit, one per transaction): readers need not poll fast.
CREATE OR REPLACE FUNCTION rilancio_change_log_notify() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('rilancio_change_log', '');
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION rilancio_change_log_notify();
